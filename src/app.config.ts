export default defineAppConfig({
  // WeChat's privacy check (since 2023-09): privacy APIs wait for the resident's consent, which the
  // home page asks with an agreePrivacyAuthorization button before any name or ID is typed.
  ...({ __usePrivacyCheck__: true } as object),
  // The main package holds only the home page; each journey is its own subpackage.
  pages: ['pages/index/index'],
  subPackages: [
    { root: 'packages/pay', pages: ['household/index', 'result/index', 'certificate/index'] },
    { root: 'packages/voucher', pages: ['index'] },
    { root: 'packages/newborn', pages: ['index'] },
    { root: 'packages/records', pages: ['index', 'refund/index'] },
    { root: 'packages/operator', pages: ['index', 'import/index', 'policy/index'] },
  ],
  // Personal data on every page: nothing for WeChat search to index (src/sitemap.json).
  sitemapLocation: 'sitemap.json',
  // Components are injected only when a page needs them (smaller start on older phones).
  lazyCodeLoading: 'requiredComponents',
  // H5: pages appear at once, without sliding in (calmer for older eyes, and screenshots are whole).
  animation: false,
  preloadRule: { 'pages/index/index': { network: 'all', packages: ['packages/pay'] } },
  window: {
    navigationBarBackgroundColor: '#1f6feb',
    navigationBarTitleText: '医保自助缴费',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f8',
  },
});
