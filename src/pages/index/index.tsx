/**
 * Home: what is on sale today, and the household lookup by name and ID number (the check digit
 * is validated as it is typed). Recent households open again in one tap.
 */
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { cleanIdInput, idInputState } from '../../app-text/id-input';
import { day } from '../../app-text/words';
import { Problem } from '../../components/Problem';
import { IdKeyboard } from '../../components/IdKeyboard';
import { Screen } from '../../components/Screen';
import type { FunctionReply } from '../../contracts/replies';
import { call } from '../../services/api';
import { hasConsented, PRIVACY_SUMMARY, recordConsent } from '../../state/privacy';
import { recentHouseholds, rememberHousehold, type RecentHousehold } from '../../state/recent';

export default function Home() {
  const [sale, setSale] = useState<FunctionReply<'onSale'> | null>(null);
  const [recent, setRecent] = useState<RecentHousehold[]>([]);
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [consented, setConsented] = useState(hasConsented);

  useDidShow(() => {
    setRecent(recentHouseholds());
    void call('onSale', {}).then((r) => (r.ok ? setSale(r.data) : setProblem(r.message)));
  });

  const id = idInputState(idNumber);
  const ready = name.trim().length > 0 && id.kind === 'valid' && !busy;

  function openGuide() {
    // weapp: the guide as filed with WeChat (mp 后台 → 用户隐私保护指引); H5: it is shown above.
    if (process.env.TARO_ENV === 'weapp') Taro.openPrivacyContract({ fail: () => setProblem('无法打开隐私保护指引，请稍后再试') });
  }

  async function lookup() {
    setBusy(true);
    setProblem(null);
    const r = await call('lookupHousehold', { name: name.trim(), idNumber });
    setBusy(false);
    if (!r.ok) return setProblem(r.message);
    const me = r.data.members.find((m) => m.name.startsWith(name.trim()[0] ?? '')) ?? r.data.members[0];
    rememberHousehold({ householdId: r.data.householdId, region: r.data.region, label: me?.name ?? '' });
    setIdNumber('');
    void Taro.navigateTo({ url: `/packages/pay/household/index?householdId=${r.data.householdId}` });
  }

  return (
    <Screen>
      <View className='card'>
        <Text className='title'>城乡居民医保 自助缴费</Text>
        {sale && (
          <View>
            <Text className='line muted'>今天是{day(sale.today)}</Text>
            {sale.regions.length === 0 && <Text className='line'>目前没有地区在征缴期内。</Text>}
            {sale.regions.map((r) => (
              <Text key={r.region} className='line'>
                {r.name} {r.coverageYear}年度 正在缴费，集中征缴期至{day(r.closes)}
              </Text>
            ))}
            {sale.pending.map((r) => (
              <Text key={r.region} className='line muted'>
                {r.name} {r.coverageYear}年度 缴费标准待公布，请到{r.counterOffice}咨询
              </Text>
            ))}
          </View>
        )}
      </View>

      {!consented && (
        <View className='card' id='privacy-consent'>
          <Text className='subtitle'>查询前，请阅读《用户隐私保护指引》</Text>
          {PRIVACY_SUMMARY.map((line) => (
            <Text key={line} className='line'>
              {line}
            </Text>
          ))}
          <Text className='line muted'>不会用于其他用途，不会提供给与医保缴费无关的第三方。</Text>
          {process.env.TARO_ENV === 'weapp' && (
            <Button className='btn secondary' onClick={openGuide}>
              查看《用户隐私保护指引》全文
            </Button>
          )}
          <Button
            className='btn'
            id='agree-privacy'
            openType={process.env.TARO_ENV === 'weapp' ? 'agreePrivacyAuthorization' : undefined}
            onClick={() => {
              recordConsent();
              setConsented(true);
            }}
          >
            我已阅读并同意《用户隐私保护指引》
          </Button>
        </View>
      )}

      {consented && (
      <View className='card'>
        <Text className='subtitle'>查询本户参保缴费信息</Text>
        <Text className='line muted'>输入家庭中任意一位成员的姓名和身份证号码</Text>
        <Input className='input' id='name' placeholder='姓名' value={name} maxlength={40} onInput={(e) => setName(e.detail.value)} />
        {process.env.TARO_ENV === 'weapp' ? (
          <View>
            <View className={id.kind === 'invalid' ? 'input invalid' : 'input'} id='id-number'>
              {idNumber || <Text className='muted'>18位身份证号码</Text>}
            </View>
            <IdKeyboard value={idNumber} onChange={(v) => setIdNumber(cleanIdInput(v))} />
          </View>
        ) : (
          <Input
            className={id.kind === 'invalid' ? 'input invalid' : 'input'}
            id='id-number'
            placeholder='18位身份证号码'
            type='idcard'
            value={idNumber}
            maxlength={18}
            onInput={(e) => {
              const clean = cleanIdInput(e.detail.value);
              setIdNumber(clean);
              return clean;
            }}
          />
        )}
        {id.kind === 'invalid' && <Text className='error'>{id.message}</Text>}
        {id.kind === 'typing' && idNumber.length > 0 && <Text className='line muted'>还差{id.left}位</Text>}
        {id.kind === 'valid' && <Text className='line ok-text'>号码格式正确</Text>}
        <Problem message={problem} />
        <Button className={(!ready) ? 'btn disabled' : 'btn'} disabled={!ready || undefined} loading={busy || undefined} onClick={lookup}>
          查询
        </Button>
        <Text className='line muted'>号码只用于核对身份，页面上只显示首尾各一位。</Text>
      </View>
      )}

      {recent.length > 0 && (
        <View className='card'>
          <Text className='subtitle'>最近查询</Text>
          {recent.map((h) => (
            <Button key={h.householdId} className='btn secondary' onClick={() => Taro.navigateTo({ url: `/packages/pay/household/index?householdId=${h.householdId}` })}>
              {h.label} 的家庭
            </Button>
          ))}
        </View>
      )}

      <Button className='btn secondary' onClick={() => Taro.navigateTo({ url: '/packages/records/index' })}>
        我的缴费记录与退费
      </Button>
      <Button className='btn secondary small' onClick={() => Taro.navigateTo({ url: '/packages/operator/index' })}>
        经办人员入口
      </Button>
    </Screen>
  );
}
