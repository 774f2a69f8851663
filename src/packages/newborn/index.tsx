/**
 * Registering a newborn inside its window: the last day counts down live, and the page says what
 * happens after it. Then the household page quotes and pays for the child like anyone else.
 */
import { plainCitation } from '../../app-text/citation';
import { CounterDetails } from '../../components/CounterDetails';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { readTypedDate } from '../../app-text/typed-date';
import { day } from '../../app-text/words';
import { Problem } from '../../components/Problem';
import { Screen } from '../../components/Screen';
import type { FunctionReply, QuotedMember } from '../../contracts/replies';
import { call } from '../../services/api';
import { timeLeft } from './countdown';

type Window = FunctionReply<'newbornWindow'>;

/** The server's date with this phone's time of day: the sandbox may run on a simulated date. */
function serverNow(today: string, receivedAt: number): () => number {
  const phoneMidnight = Date.parse(`${new Date(receivedAt + 8 * 3600_000).toISOString().slice(0, 10)}T00:00:00+08:00`);
  const offset = Date.parse(`${today}T00:00:00+08:00`) - phoneMidnight;
  return () => Date.now() + offset;
}

export default function Newborn() {
  const { householdId = '' } = useRouter().params;
  const [adults, setAdults] = useState<QuotedMember[]>([]);
  const [name, setName] = useState('');
  // As typed (2023.9.10, 20230910, 2023年9月10日 …); the date itself once it is one.
  const [birthText, setBirthText] = useState('');
  const birthDate = readTypedDate(birthText) ?? '';
  const [docKind, setDocKind] = useState<'certificate' | 'id'>('certificate');
  const [docNo, setDocNo] = useState('');
  const [guardian, setGuardian] = useState('');
  const [parentName, setParentName] = useState('');
  const [parentId, setParentId] = useState('');
  const [win, setWin] = useState<(Window & { now: () => number }) | null>(null);
  const [, tick] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The server's date (the quote's), the calendar's last day. */
  const [today, setToday] = useState('');

  useEffect(() => {
    void call('quote', { householdId }).then((r) => {
      if (!r.ok) return setProblem(r.message);
      setToday(r.data.today);
      const grownUps = r.data.members.filter((m) => Number(r.data.today.slice(0, 4)) - m.birthYear >= 18);
      // No guardian is preselected: the parent says who they are.
      setAdults(grownUps);
    });
  }, []);

  useEffect(() => {
    setWin(null);
    if (!birthDate) return;
    void call('newbornWindow', { householdId, birthDate }).then((r) => (r.ok ? setWin({ ...r.data, now: serverNow(r.data.today, Date.now()) }) : setProblem(r.message)));
  }, [birthDate]);

  useEffect(() => {
    const t = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, []);

  async function register() {
    setBusy(true);
    setProblem(null);
    const doc = docKind === 'id' ? { idNumber: docNo.trim() } : { birthCertificateNo: docNo.trim().toUpperCase() };
    const r = await call('registerNewborn', { householdId, name: name.trim(), birthDate, guardianMemberId: guardian, parentName: parentName.trim(), parentIdNumber: parentId.trim().toUpperCase(), ...doc });
    setBusy(false);
    if (!r.ok) return setProblem(r.message);
    await Taro.showToast({ title: r.data.alreadyRegistered ? '已登记过' : '登记成功', icon: 'success' });
    void Taro.redirectTo({ url: `/packages/pay/household/index?householdId=${householdId}` });
  }

  const left = win?.window ? timeLeft(win.window.lastDay, win.now()) : null;
  const ready = !busy && !!name.trim() && !!docNo.trim() && !!birthDate && !!guardian && !!parentName.trim() && parentId.trim().length === 18;
  return (
    <Screen>
      <View className='card'>
        <Text className='title'>新生儿参保登记</Text>
        <Text className='line muted'>在规定期限内登记并缴费，孩子自出生之日起享受医保待遇。</Text>
      </View>
      <View className='card'>
        <Text className='subtitle'>孩子的出生日期</Text>
        <Input className='input' id='birth-date' placeholder='例如 2024-02-01 或 2024.2.1' value={birthText} maxlength={12} onInput={(e) => setBirthText(e.detail.value)} />
        {today && (
          // The calendar (WeChat's date picker; Taro's on H5) for those who would rather not type.
          <Picker mode='date' value={birthDate || today} start={`${Number(today.slice(0, 4)) - 2}${today.slice(4)}`} end={today} onChange={(e) => setBirthText(String(e.detail.value))}>
            <View className='btn secondary small' id='birth-date-pick'>从日历选择出生日期</View>
          </Picker>
        )}
        {birthDate && <Text className='line muted' id='birth-date-read'>即 {day(birthDate)}</Text>}
        {!birthDate && birthText.trim().length >= 8 && <Text className='error'>请填写真实的出生日期，例如 2024-02-01、2024.2.1 或 2024年2月1日</Text>}
        {win && !win.window && (
          <View>
            <Text className='warn'>本地区新生儿参保请到经办窗口办理。</Text>
            <CounterDetails counter={win.counter} office={win.counterOffice} />
          </View>
        )}
        {win?.window && (
          <View id='window'>
            <Text className='line'>{win.window.span}登记缴费，最后一天是 {day(win.window.lastDay)}</Text>
            {left ? (
              <Text className='countdown'>还剩 {left.days} 天 {left.hours} 小时 {left.minutes} 分</Text>
            ) : (
              <Text className='warn'>已经过了登记期限。{win.window.afterwards}。</Text>
            )}
            {left && <Text className='line muted'>过期以后：{win.window.afterwards}。</Text>}
            <Text className='line muted'>依据：{win.window.cites.map((c) => plainCitation(c, win.notice ?? undefined)).join('；')}</Text>
          </View>
        )}
      </View>
      <View className='card'>
        <Text className='subtitle'>孩子的信息</Text>
        <Input className='input' id='newborn-name' placeholder='孩子的姓名' value={name} maxlength={40} onInput={(e) => setName(e.detail.value)} />
        <View className='row'>
          <Button className={docKind === 'certificate' ? 'btn small' : 'btn small secondary'} onClick={() => setDocKind('certificate')}>出生医学证明</Button>
          <Button className={docKind === 'id' ? 'btn small' : 'btn small secondary'} onClick={() => setDocKind('id')}>身份证号码</Button>
        </View>
        <Input className='input' id='newborn-doc' placeholder={docKind === 'id' ? '孩子的18位身份证号码' : '出生医学证明编号，如 Q371234567'} value={docNo} maxlength={18} onInput={(e) => setDocNo(e.detail.value)} />
        <Text className='subtitle'>监护人（本户成年人）</Text>
        {adults.map((a) => (
          <Button key={a.memberId} className={guardian === a.memberId ? 'btn small' : 'btn small secondary'} onClick={() => setGuardian(a.memberId)}>
            {a.name}
          </Button>
        ))}
        {guardian && (
          <View>
            <Text className='line'>按出生医学证明填写这位监护人（孩子的母亲或父亲）的信息：</Text>
            <Input className='input' id='parent-name' placeholder='母亲或父亲的姓名' value={parentName} maxlength={40} onInput={(e) => setParentName(e.detail.value)} />
            <Input className='input' id='parent-id' placeholder='母亲或父亲的身份证号码' type='idcard' value={parentId} maxlength={18} onInput={(e) => setParentId(e.detail.value)} />
          </View>
        )}
        <Problem message={problem} />
        <Button className={!ready ? 'btn disabled' : 'btn'} disabled={!ready || undefined} loading={busy || undefined} onClick={register}>
          登记并去缴费
        </Button>
      </View>
    </Screen>
  );
}
