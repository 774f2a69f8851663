import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

/** The integration suite: each file runs once on PGlite (local mode) and once on CloudBase through the real SDK. */
const parity = ['journey', 'newborn', 'vouchers', 'import', 'import-file', 'progress', 'fuzz', 'national', 'policy-versions', 'reminders'].map((f) => `test/server/${f}.test.ts`);

export default defineConfig({
  test: {
    environment: 'node',
    // Integration tests open PGlite and run whole journeys; machines of this kind differ ~2× in
    // speed and CI shares its two cores, so vitest's 5 s default fails healthy tests on slow days.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'local', include: ['test/**/*.test.{ts,tsx}'] } },
      { extends: true, test: { name: 'cloudbase', include: parity, env: { YIBAO_BACKEND: 'cloudbase' } } },
    ],
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
