/** The parts of @tarojs/taro the app uses, for jsdom tests: storage in memory, navigation recorded. */
import { useEffect } from 'react';

export const storage = new Map<string, unknown>();
export const navigations: string[] = [];
/** Where pageScrollTo was asked to go (Problem scrolls up to a failure). */
export const scrolls: number[] = [];
export const system = { fontSizeSetting: 16 };

const Taro = {
  getStorageSync: (key: string) => storage.get(key) ?? '',
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  getSystemInfoSync: () => ({ ...system }),
  navigateTo: async ({ url }: { url: string }) => void navigations.push(url),
  redirectTo: async ({ url }: { url: string }) => void navigations.push(url),
  showModal: async () => ({ confirm: true }),
  showToast: async () => undefined,
  pageScrollTo: async ({ scrollTop }: { scrollTop: number }) => void scrolls.push(scrollTop),
};

export default Taro;
export const useDidShow = (fn: () => void) => useEffect(fn, []);
export const useRouter = () => ({ params: {} });
export const useUnload = () => undefined;
