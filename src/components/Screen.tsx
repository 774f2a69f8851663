/** Every page's frame: honours elderly mode and offers its switch at the top. */
import { Button, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { setElderly, useElderly } from '../state/elderly';

export function Screen({ children }: PropsWithChildren) {
  const elderly = useElderly();
  return (
    <View className={elderly ? 'screen elderly' : 'screen'}>
      <View className='topbar'>
        <Button className='btn secondary small' onClick={() => setElderly(!elderly)} ariaLabel='大字模式'>
          {elderly ? '标准字体' : '大字模式'}
        </Button>
      </View>
      {children}
    </View>
  );
}
