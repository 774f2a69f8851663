/** Whether a paid member's payment is refundable, why (with the clause), and the request itself. */
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { plainCitation } from '../../../app-text/citation';
import { yuan } from '../../../app-text/words';
import { Problem } from '../../../components/Problem';
import { RemindMe } from '../../../components/RemindMe';
import { Screen } from '../../../components/Screen';
import type { FunctionReply } from '../../../contracts/replies';
import { APPLICANT_RELATIONS, REFUND_REASONS, REFUND_REASON_LABELS, type ApplicantRelation, type RefundReason } from '../../../core/vocabulary';
import { PROOF_HINTS, PROOF_REQUIRED } from '../../../core/proof';
import { call } from '../../../services/api';
import { pickAndUploadProof } from '../../../services/proof';

export default function Refund() {
  const { orderNo = '', memberId = '', name = '' } = useRouter().params;
  const [reason, setReason] = useState<RefundReason | null>(null);
  const [answer, setAnswer] = useState<FunctionReply<'refundCheck'> | null>(null);
  const [receipt, setReceipt] = useState<FunctionReply<'requestRefund'> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [relation, setRelation] = useState<Exclude<ApplicantRelation, 'self'>>('child');
  const [applicantName, setApplicantName] = useState('');
  const [phone, setPhone] = useState('');
  const [proof, setProof] = useState<{ fileID: string; name: string } | null>(null);
  const [uploading, setUploading] = useState(false);
  const [proofProblem, setProofProblem] = useState<string | null>(null);

  async function check(r: RefundReason) {
    setReason(r);
    setAnswer(null);
    setProblem(null);
    setProof(null);
    setProofProblem(null);
    const a = await call('refundCheck', { orderNo, memberId, reason: r });
    if (a.ok) setAnswer(a.data);
    else setProblem(a.message);
  }

  async function request() {
    if (!reason || !answer) return;
    const who = decodeURIComponent(name);
    // What ends is said before anything is sent: the enrolment, once the money is back.
    const sure = await Taro.showModal({ title: '确认申请退费', content: `退费成功后，${who}本年度的居民医保参保关系终止，不再享受待遇；${yuan(answer.amount)}原路退回支付账户。申请经医保经办机构审核后办理。确定申请吗？` });
    if (!sure.confirm) return;
    const r = await call('requestRefund', { orderNo, memberId, reason, ...(reason === 'death' ? { applicant: { relation, name: applicantName, phone } } : {}), ...(proof ? { proof: proof.fileID } : {}) });
    if (r.ok) setReceipt(r.data);
    else setProblem(r.message);
  }

  async function uploadProof() {
    setProofProblem(null);
    setUploading(true);
    const up = await pickAndUploadProof();
    setUploading(false);
    if (!up) return;
    if (up.ok) setProof({ fileID: up.fileID, name: up.name });
    else setProofProblem(up.message);
  }

  // A death refund is asked by a relative: who they are and how the bureau reaches them; some
  // reasons need a proof the bureau cannot find in its own records.
  const applicantMissing = reason === 'death' && (!applicantName.trim() || !phone.trim());
  const proofMissing = reason !== null && PROOF_REQUIRED.has(reason) && !proof;
  const hint = reason ? PROOF_HINTS[reason] : undefined;

  return (
    <Screen>
      <View className='card'>
        <Text className='title'>{decodeURIComponent(name)} 的退费</Text>
        <Text className='line'>请选择退费原因：</Text>
        {REFUND_REASONS.map((r) => (
          <Button key={r} className={reason === r ? 'btn' : 'btn secondary'} onClick={() => check(r)}>
            {REFUND_REASON_LABELS[r]}
          </Button>
        ))}
      </View>
      <Problem message={problem} />
      {answer && !receipt && (
        <View className='card' id='refund-answer'>
          <Text className={answer.eligible ? 'title ok-text' : 'title'}>{answer.eligible ? `可以退费 ${yuan(answer.amount)}` : '不能退费'}</Text>
          <Text className='line'>{answer.reason}</Text>
          <Text className='line muted'>依据：{answer.citations.map((c) => plainCitation(c, answer.notice)).join('；')}</Text>
          {answer.productDefault && <Text className='line muted'>当地通知未规定退费办法，以上按本系统的默认规则处理，以医保经办机构审核为准。</Text>}
          {answer.eligible && reason === 'death' && (
            <View id='refund-applicant'>
              <Text className='subtitle'>申请人（参保人的近亲属）</Text>
              <View className='row'>
                {(Object.keys(APPLICANT_RELATIONS) as ApplicantRelation[]).filter((k): k is Exclude<ApplicantRelation, 'self'> => k !== 'self').map((k) => (
                  <Button key={k} className={relation === k ? 'btn small' : 'btn small secondary'} onClick={() => setRelation(k)}>{APPLICANT_RELATIONS[k]}</Button>
                ))}
              </View>
              <Input className='input' id='applicant-name' placeholder='申请人姓名' value={applicantName} maxlength={40} onInput={(e) => setApplicantName(e.detail.value)} />
              <Input className='input' id='applicant-phone' type='number' placeholder='联系电话（经办人员审核时联系您）' value={phone} maxlength={13} onInput={(e) => setPhone(e.detail.value)} />
            </View>
          )}
          {answer.eligible && hint && (
            <View id='refund-proof'>
              <Text className='subtitle'>证明材料{reason && PROOF_REQUIRED.has(reason) ? '（必须上传）' : ''}</Text>
              <Text className='line muted'>{hint}。照片或 PDF，10 MB 以内；只给审核的经办人员看，审核后删除。</Text>
              {proof && <Text className='line ok-text'>已上传：{proof.name}</Text>}
              {uploading && <Text className='line muted'>正在上传…</Text>}
              <Button className={uploading ? 'btn secondary disabled' : 'btn secondary'} disabled={uploading || undefined} onClick={uploadProof}>
                {proof ? '重新上传' : '上传证明材料'}
              </Button>
              {proofProblem && <Text className='error'>{proofProblem}</Text>}
            </View>
          )}
          {answer.eligible && (
            <Button className={applicantMissing || proofMissing ? 'btn disabled' : 'btn'} disabled={applicantMissing || proofMissing || undefined} onClick={request}>申请退费</Button>
          )}
        </View>
      )}
      {receipt && (
        <View className='card' id='refund-receipt'>
          <Text className={receipt.status === 'failed' ? 'title error' : 'title ok-text'}>
            {receipt.status === 'succeeded' ? '退费成功' : receipt.status === 'failed' ? '退费未成功' : '退费申请已提交'}
          </Text>
          <Text className='line'>退费金额 {yuan(receipt.amount)}，原路退回支付账户。</Text>
          <Text className='line'>{receipt.statusText}</Text>
          <Text className='line muted'>退费单号 {receipt.refundNo}</Text>
          {receipt.reminderTemplateId && receipt.status !== 'succeeded' && receipt.status !== 'failed' && (
            <RemindMe templateId={receipt.reminderTemplateId} ask={{ kind: 'refund', refundNo: receipt.refundNo }} label='审核和退款结果通知我（微信服务通知）' id='remind-refund' />
          )}
        </View>
      )}
    </Screen>
  );
}
