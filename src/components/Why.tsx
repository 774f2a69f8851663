/** "为什么": the reason and the clauses behind an amount, folded until the payer opens it. */
import { Text, View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import { plainCitation, type NoticeName } from '../app-text/citation';

export function Why({ reason, citations, notice, extra, label = '为什么是这个金额？' }: { reason: string; citations: string[]; notice?: NoticeName | undefined; extra?: ReactNode; label?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <View className='why'>
      <View className='why-toggle' onClick={() => setOpen(!open)} ariaRole='button'>
        {open ? '收起说明' : label}
      </View>
      {open && (
        <View>
          <Text className='line'>{reason}</Text>
          {extra}
          <Text className='line muted'>依据：{citations.map((c) => plainCitation(c, notice)).join('；')}</Text>
        </View>
      )}
    </View>
  );
}
