// Taro's Babel preset (React + TypeScript, webpack 5): https://docs.taro.zone/docs/next/babel-config
// Target: the oldest JavaScript engine a WeChat that carries our minimum base library runs on —
// iOS 12's JavaScriptCore (current WeChat needs iOS 12; Android runs WeChat's own V8). Taro's
// default (iOS 9) transpiled classes, async functions and spread for engines no WeChat user has,
// which cost the main package ~25 KB. test/app/weapp-dist.test.ts checks dist/ at this level.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', targets: { ios: '12' } }]],
  // iOS 12.0–12.1 lack globalThis, which zod reads at load: see the plugin.
  plugins: [require.resolve('./config/babel-global-this.cjs')],
};
