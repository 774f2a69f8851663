export default definePageConfig({ navigationBarTitleText: '本户缴费' });
