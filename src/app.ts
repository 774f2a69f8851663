import './services/zod-jitless';
import { mergeInternalComponents } from '@tarojs/shared';
import Taro from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import './app.css';
import labelled from './components/accessible-labels.json';

// weapp: cloud functions live in the CloudBase environment named at build time (TARO_APP_CLOUD_ENV,
// written in as a constant by config/index.ts); unnamed in a development build, the default one.
if (process.env.TARO_ENV === 'weapp') Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined, traceUser: true });
// The runtime's half of the aria-* attributes config/plugins/accessible-labels.ts adds to the templates.
if (process.env.TARO_ENV === 'weapp') mergeInternalComponents(labelled);

export default function App({ children }: PropsWithChildren) {
  return children;
}
