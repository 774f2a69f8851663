export default definePageConfig({ navigationBarTitleText: '医保自助缴费' });
