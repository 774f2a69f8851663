/**
 * A failure said plainly, with what to do next. It sits at the top of the page while the button
 * that failed is often at the bottom: the page scrolls up to it, so a tap never seems to do nothing.
 */
import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect } from 'react';

export function Problem({ message }: { message: string | null }) {
  useEffect(() => {
    if (message) void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined);
  }, [message]);
  return message ? <Text className='error'>{message}</Text> : null;
}
