/**
 * The columns of the two lists operators import: the roster (花名册) and a department's list of
 * subsidised persons. The import reads headers by these names; the staff page offers them as a
 * template to fill.
 */
export const ROSTER_COLUMNS = {
  户编号: 'householdId', 地区: 'region', 村社区: 'unit', 姓名: 'name', 证件号码: 'idNumber', 出生日期: 'birthDate', 户籍: 'hukou',
  居住证: 'residencePermit', 职工医保: 'employeeInsured', 在校生: 'school', 外出务工: 'migrantWorker', 现役军人: 'military',
  服刑人员: 'prisoner', 复员释放日期: 'leavesOn', 退役日期: 'dischargedOn', 职工医保连续年限: 'employeeYears', 职工医保中断日期: 'employeeEndedOn',
  参保年度: 'enrolledYears', 上年度零报销: 'claimFreeLastYear',
} as const;
export const ROSTER_REQUIRED = ['户编号', '地区', '村社区', '姓名', '证件号码'];
export const DEPARTMENT_COLUMNS = { 证件号码: 'idNumber', 姓名: 'name', 身份: 'identity', 认定日期: 'recognizedOn' } as const;
export const DEPARTMENT_REQUIRED = ['证件号码', '姓名', '身份'];

/** A CSV to fill: the required columns, then the optional ones, and no rows. */
export function templateCsv(kind: 'roster' | 'department'): string {
  const [columns, required] = kind === 'roster' ? [ROSTER_COLUMNS, ROSTER_REQUIRED] : [DEPARTMENT_COLUMNS, DEPARTMENT_REQUIRED];
  return `${[...required, ...Object.keys(columns).filter((c) => !required.includes(c))].join(',')}\n`;
}
