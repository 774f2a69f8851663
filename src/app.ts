import './services/zod-jitless';
import Taro from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import './app.css';

// weapp: cloud functions live in the CloudBase environment named at build time (TARO_APP_CLOUD_ENV).
if (process.env.TARO_ENV === 'weapp') Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV, traceUser: true });

export default function App({ children }: PropsWithChildren) {
  return children;
}
