export default definePageConfig({ navigationBarTitleText: '经办人员：参保年度政策' });
