/**
 * The Taro build of the mini-program: `weapp` into dist/ (what project.config.json points WeChat
 * DevTools at) and `h5` into dist-h5/ (what `npm start` serves). One source, two platforms.
 */
import { resolve } from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

export default defineConfig<'webpack5'>(async () => {
  const h5 = process.env.TARO_ENV === 'h5';
  // WeChat has no `process`: build-time settings are written into the bundle as constants.
  // A release build (`npm run build:weapp:release`) must name its CloudBase environment.
  const cloudEnv = process.env.TARO_APP_CLOUD_ENV ?? '';
  if (!h5 && process.env.YIBAO_RELEASE === '1' && !cloudEnv) {
    throw new Error('发布构建需要设置 TARO_APP_CLOUD_ENV（云开发环境 ID）/ set TARO_APP_CLOUD_ENV for a release build');
  }
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'yibao',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: h5 ? 'dist-h5' : 'dist',
    framework: 'react',
    // Taro wants an absolute path; it always runs from the project's root.
    plugins: [resolve('config/plugins/accessible-labels.ts')],
    copy: { patterns: h5 ? [] : [{ from: 'src/sitemap.json', to: 'dist/sitemap.json' }], options: {} },
    defineConstants: { 'process.env.TARO_APP_CLOUD_ENV': JSON.stringify(cloudEnv) },
    compiler: 'webpack5',
    // Template levels drawn in base.wxml before Taro nests its recursive `comp` component: 8
    // instead of 16 halves the file (main-package budget); deeper nodes still render.
    baseLevel: 8,
    cache: { enable: false },
    mini: {
      // CSS px stay px: the elderly-mode norms (18px text, 60px targets) are stated in px.
      postcss: { pxtransform: { enable: false }, cssModules: { enable: false } },
      optimizeMainPackage: { enable: true },
      // Main-package budget (≤ 350 KB, checked on dist/): none of these DOM extras is used.
      runtime: { enableInnerHTML: false, enableSizeAPIs: false, enableAdjacentHTML: false, enableTemplateContent: false, enableCloneNode: false, enableContains: false, enableMutationObserver: false },
      // These ship modern syntax (object spread, class fields); Babel brings them to the level
      // older clients parse (project.config.json's libVersion; checked on dist/ by the tests).
      compile: { include: [(path: string) => /node_modules[\\/](zod|uqr|decimal\.js)[\\/]/.test(path)] },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: { pxtransform: { enable: false }, autoprefixer: { enable: true, config: {} }, cssModules: { enable: false } },
    },
  };
  return config;
});
