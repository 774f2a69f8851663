/// <reference types="@tarojs/taro" />

declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    /** The platform Taro builds for. */
    TARO_ENV?: 'weapp' | 'h5';
    /** The CloudBase environment id the weapp build calls (from .env or the shell). */
    TARO_APP_CLOUD_ENV?: string;
  }
}

/** The native weapp components pages use (src/components/native-*), as JSX elements Taro binds. */
declare namespace JSX {
  interface IntrinsicElements {
    'id-keyboard': { value: string; onChange: (e: { detail: { value: string } }) => void };
  }
}
