/**
 * Importing a roster (花名册) or a department's subsidy list: pick the CSV, it is uploaded, then
 * imported a window at a time with a progress bar; rejected rows are listed with their line and
 * reason. Importing the same file again changes nothing, so an interrupted import is simply rerun.
 */
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Problem } from '../../../components/Problem';
import { Screen } from '../../../components/Screen';
import { offerCsv } from '../../../services/csv-file';
import { DEPARTMENT_COLUMNS, DEPARTMENT_REQUIRED, ROSTER_COLUMNS, ROSTER_REQUIRED, templateCsv } from '../../../core/roster-columns';
import { DEPARTMENT_IDENTITIES } from '../../../core/vocabulary';
import { call } from '../../../services/api';
import { pickAndUpload } from '../../../services/upload';

const KINDS = ['花名册', ...Object.keys(DEPARTMENT_IDENTITIES)];

interface Tally {
  rows: number;
  imported: number;
  unchanged: number;
  rejected: Array<{ line: number; reason: string }>;
  moreRejected: number;
}

const EMPTY: Tally = { rows: 0, imported: 0, unchanged: 0, rejected: [], moreRejected: 0 };

export default function ImportList() {
  const [kind, setKind] = useState('花名册');
  const [file, setFile] = useState<string | null>(null);
  const [share, setShare] = useState<number | null>(null);
  const [tally, setTally] = useState<Tally | null>(null);
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const run = async () => {
    setProblem(null);
    setDone(false);
    const upload = await pickAndUpload();
    if (!upload) return;
    if (!upload.ok) return setProblem(upload.message);
    setFile(upload.name);
    setShare(0);
    let total: Tally = EMPTY;
    setTally(total);
    const what = kind === '花名册' ? ({ kind: 'roster' } as const) : ({ kind: 'department', department: kind } as const);
    let from: { byte: number; line: number } | undefined;
    for (;;) {
      const r = await call('importRoster', { ...what, fileID: upload.fileID, ...(from ? { from } : {}) });
      if (!r.ok) return setProblem(`${r.message}${total.rows > 0 ? '（已导入的部分已保存，重新导入同一文件不会重复）' : ''}`);
      total = {
        rows: total.rows + r.data.rows,
        imported: total.imported + r.data.imported,
        unchanged: total.unchanged + r.data.unchanged,
        rejected: [...total.rejected, ...r.data.rejected].slice(0, 1000),
        moreRejected: total.moreRejected + r.data.moreRejected + Math.max(0, total.rejected.length + r.data.rejected.length - 1000),
      };
      setTally(total);
      setShare(r.data.bytesTotal ? (r.data.bytesDone ?? 0) / r.data.bytesTotal : 1);
      if (!r.data.next) break;
      from = r.data.next;
    }
    setDone(true);
  };

  /** The empty list to fill: a CSV file on H5, the header line copied on weapp. */
  async function template() {
    setProblem(null);
    const failed = await offerCsv(kind === '花名册' ? '花名册模板.csv' : `${kind}名单模板.csv`, templateCsv(kind === '花名册' ? 'roster' : 'department'), '模板表头');
    if (failed) setProblem(`${failed}，或照上面的列名在表格第一行填写`);
  }

  const running = share !== null && !done && !problem;
  const [columns, required] = kind === '花名册' ? [Object.keys(ROSTER_COLUMNS), ROSTER_REQUIRED] : [Object.keys(DEPARTMENT_COLUMNS), DEPARTMENT_REQUIRED];
  return (
    <Screen>
      <View className='card'>
        <Text className='subtitle'>导入什么</Text>
        <View className='choices'>
          {KINDS.map((k) => (
            <Button key={k} className={k === kind ? 'btn small' : 'btn secondary small'} onClick={() => setKind(k)} disabled={running || undefined}>
              {k === '花名册' ? k : `${k}名单`}
            </Button>
          ))}
        </View>
        <Text className='line muted'>
          列：{required.join('、')}（必填）；{columns.filter((c) => !required.includes(c)).join('、')}（可选）。
        </Text>
        <Text className='line muted'>文件须为 CSV（UTF-8）：在 Excel 中“另存为 CSV UTF-8（逗号分隔）”。</Text>
        <Button className='btn secondary small' onClick={() => void template()}>{process.env.TARO_ENV === 'h5' ? '下载模板' : '复制模板表头'}</Button>
      </View>
      <Button className={running ? 'btn disabled' : 'btn'} onClick={() => void run()} disabled={running || undefined}>选择文件并导入</Button>
      <Problem message={problem} />
      {tally && (
        <View className='card' id='import-report'>
          <Text className='subtitle'>{file}</Text>
          <View className='bar'><View className='bar-fill' style={{ width: `${Math.round((share ?? 0) * 100)}%` }} /></View>
          <Text className='line'>{done ? '导入完成' : `正在导入 ${Math.round((share ?? 0) * 100)}%`}：共 {tally.rows} 行，导入 {tally.imported}，未变 {tally.unchanged}，退回 {tally.rejected.length + tally.moreRejected}</Text>
          {tally.rejected.map((r) => (
            <Text key={r.line} className='line error-line'>第{r.line}行：{r.reason}</Text>
          ))}
          {tally.moreRejected > 0 && <Text className='line muted'>另有 {tally.moreRejected} 行退回未列出。</Text>}
        </View>
      )}
    </Screen>
  );
}
