/**
 * "提醒我": the resident consents to one WeChat subscription message and asks for a reminder — a
 * payment deadline, or a refund's outcome. Said on the spot what was arranged, or why not.
 */
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { day } from '../app-text/words';
import type { FunctionEvent } from '../contracts/functions';
import { call } from '../services/api';
import { askConsent } from '../services/subscribe';

export function RemindMe({ templateId, ask, label, id }: { templateId: string; ask: FunctionEvent<'subscribeReminder'>; label: string; id: string }) {
  const [done, setDone] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function subscribe() {
    setProblem(null);
    // First, in the tap itself: WeChat shows its consent dialog only for a tap.
    const consent = await askConsent(templateId);
    if (!consent.ok) return setProblem(consent.message);
    setBusy(true);
    const r = await call('subscribeReminder', ask);
    setBusy(false);
    if (!r.ok) return setProblem(r.message);
    setDone(r.data.sendOn && r.data.payBy ? `已订阅：${day(r.data.sendOn)}通过微信服务通知提醒您（截止日${day(r.data.payBy)}）` : '已订阅：有结果时通过微信服务通知告诉您');
  }

  return (
    <View id={id}>
      {done && <Text className='line ok-text'>{done}</Text>}
      {!done && (
        <Button className={busy ? 'btn secondary disabled' : 'btn secondary'} disabled={busy || undefined} onClick={() => void subscribe()}>
          {label}
        </Button>
      )}
      {problem && <Text className='error'>{problem}</Text>}
    </View>
  );
}
