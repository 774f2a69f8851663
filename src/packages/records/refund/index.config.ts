export default definePageConfig({ navigationBarTitleText: '退费' });
