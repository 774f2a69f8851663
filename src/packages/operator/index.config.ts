export default definePageConfig({ navigationBarTitleText: '经办人员：征缴进度' });
