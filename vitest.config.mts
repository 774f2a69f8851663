import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
  // Components and pages render in jsdom with small stand-ins for Taro (test/app/shims).
  resolve: {
    alias: {
      '@tarojs/components': resolve('test/app/shims/taro-components.tsx'),
      '@tarojs/taro': resolve('test/app/shims/taro.ts'),
    },
  },
  esbuild: { jsx: 'automatic' },
});
