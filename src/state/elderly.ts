/**
 * Elderly mode (适老化): large text, high contrast, big tap targets on every page. The resident's
 * own choice is remembered; until they choose, WeChat's large-font setting turns it on.
 */
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';

const KEY = 'yibao-elderly';
/** WeChat reports its font-size setting in px; 16 is standard, above 17 the resident chose large text. */
const LARGE_FONT_SETTING = 18;

function initial(): boolean {
  const stored = Taro.getStorageSync(KEY);
  if (stored === 'on' || stored === 'off') return stored === 'on';
  try {
    // getAppBaseInfo on base libraries that have it (getSystemInfoSync is deprecated there).
    const info = typeof Taro.getAppBaseInfo === 'function' ? Taro.getAppBaseInfo() : Taro.getSystemInfoSync();
    const setting = (info as { fontSizeSetting?: number }).fontSizeSetting;
    return typeof setting === 'number' && setting >= LARGE_FONT_SETTING;
  } catch {
    return false;
  }
}

let current: boolean | null = null;
const listeners = new Set<(on: boolean) => void>();

export function setElderly(on: boolean): void {
  current = on;
  Taro.setStorageSync(KEY, on ? 'on' : 'off');
  listeners.forEach((l) => l(on));
}

export function useElderly(): boolean {
  const [on, setOn] = useState(() => (current ??= initial()));
  useEffect(() => {
    listeners.add(setOn);
    return () => void listeners.delete(setOn);
  }, []);
  return on;
}
