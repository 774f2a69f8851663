/** The changed persons of a preview as CSV, the same from the CLI and from the staff page. */
import { csvLine } from '../core/csv';
import type { PersonChange } from './preview';

/** A changed person with its amounts in yuan, as replies and the CSV give money. */
type Side = { outcome: string; due: string | null };
type ChangeRow = Omit<PersonChange, 'before' | 'after'> & { before: Side; after: Side };

export const PREVIEW_CSV_HEADER = csvLine(['户', '姓名', '原结果', '原应缴', '新结果', '新应缴', '原因']);

export const previewCsvLine = (c: ChangeRow) => csvLine([c.ref, c.name, c.before.outcome, c.before.due ?? '', c.after.outcome, c.after.due ?? '', c.reason]);
