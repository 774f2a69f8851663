/**
 * Clauses in words a resident reads: the quoted year's own clauses ("dingtao-2024 §四(二)") name
 * the notice instead of its code ("菏泽市定陶区2024年度参保缴费通知 四(二)"). National documents
 * (国办发〔2024〕38号…, 医保办函〔2021〕11号…) already read as their titles and stay as they are.
 */
export interface NoticeName {
  /** The policy id its clauses start with. */
  id: string;
  region: string;
  coverageYear: number;
}

export function plainCitation(cite: string, notice: NoticeName | undefined): string {
  if (!notice || !cite.startsWith(`${notice.id} §`)) return cite;
  return `${notice.region}${notice.coverageYear}年度参保缴费通知 ${cite.slice(notice.id.length + 2)}`;
}
