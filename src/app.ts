import './services/zod-jitless';
import Taro from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import './app.css';

// weapp: cloud functions live in the CloudBase environment named at build time (TARO_APP_CLOUD_ENV,
// written in as a constant by config/index.ts); unnamed in a development build, the default one.
if (process.env.TARO_ENV === 'weapp') Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined, traceUser: true });

export default function App({ children }: PropsWithChildren) {
  return children;
}
