export default definePageConfig({
  navigationBarTitleText: '医保自助缴费',
  // The native ID keyboard exists on weapp only; H5 types into a plain input.
  ...(process.env.TARO_ENV === 'weapp' ? { usingComponents: { 'id-keyboard': '../../components/native-id-keyboard/index' } } : {}),
});
