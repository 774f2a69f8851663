export default definePageConfig({ navigationBarTitleText: '经办人员：导入名单' });
