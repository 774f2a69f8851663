/**
 * Big imports: the operator uploads the CSV (cloud storage on CloudBase, POST /sandbox/upload
 * locally) and calls importRoster with its fileID, again and again. Each call reads one window of
 * the file, cut after its last whole record, imports it and answers where the next call starts —
 * so no call runs long, no event carries the file, and the operator sees progress by bytes. The
 * header is read again from the top of the file each time; rows keep their line numbers.
 */
import type { Deps } from './deps';
import { importCsv, type ImportKind, type ImportReport } from './import-roster';
import { fail, ok, type Caller, type Result } from './result';

/**
 * Bytes per call: about 650 roster rows — half a second locally, and within a cloud function's
 * timeout on CloudBase, where each row is a few document reads and writes.
 */
export const WINDOW = 64 * 1024;

export interface FileCursor {
  /** Where the next record starts in the file. */
  byte: number;
  /** Its line number. */
  line: number;
}

export interface FileImportReport extends ImportReport {
  /** Where the next call starts; null when the file is done. */
  next: FileCursor | null;
  bytesDone: number;
  bytesTotal: number;
}

const QUOTE = 0x22;
const NEWLINE = 0x0a;

/** The end (after its newline) of the last whole record in `bytes`, which starts at a record; 0 if none ends. */
function lastRecordEnd(bytes: Uint8Array, onlyFirst = false): number {
  let quoted = false;
  let end = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === QUOTE) quoted = !quoted;
    else if (bytes[i] === NEWLINE && !quoted) {
      end = i + 1;
      if (onlyFirst) break;
    }
  }
  return end;
}

const newlines = (bytes: Uint8Array) => bytes.reduce((n, b) => (b === NEWLINE ? n + 1 : n), 0);

const NOT_UTF8 = '文件不是 UTF-8 编码：请在 Excel 中“另存为 CSV UTF-8（逗号分隔）”后重新上传';

function text(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export async function importFile(deps: Deps, caller: Caller, input: { what: ImportKind; fileID: string; from?: FileCursor }): Promise<Result<FileImportReport>> {
  if (!(await deps.storage.isOperator(caller.openid))) return fail('NOT_OPERATOR', '只有医保经办人员可以导入名单');
  const size = await deps.files.size(input.fileID);
  if (size === null) return fail('NO_FILE', '找不到上传的文件，请重新上传');
  if (size === 0) return fail('EMPTY_FILE', '文件是空的');

  const head = await deps.files.read(input.fileID, 0, Math.min(size, WINDOW));
  const headerEnd = head.length === size ? lastRecordEnd(head, true) || size : lastRecordEnd(head, true);
  if (headerEnd === 0) return fail('BAD_HEADER', '第1行（表头）过长或没有换行，请检查文件');
  const header = text(head.subarray(0, headerEnd));
  if (header === null) return fail('NOT_UTF8', NOT_UTF8);

  const from = input.from ?? { byte: headerEnd, line: 1 + newlines(head.subarray(0, headerEnd)) };
  if (from.byte < headerEnd || from.byte > size) return fail('BAD_CURSOR', '续传位置不在文件内，请从头导入');
  const last = from.byte + WINDOW >= size;
  const window = from.byte < size ? await deps.files.read(input.fileID, from.byte, last ? size : from.byte + WINDOW) : new Uint8Array();
  const end = last ? window.length : lastRecordEnd(window);
  if (end === 0 && !last) return fail('ROW_TOO_LONG', `第${from.line}行起 64 KB 内没有一行结束，请检查文件（引号是否成对）`);
  const rows = text(window.subarray(0, end));
  if (rows === null) return fail('NOT_UTF8', NOT_UTF8);

  // The header stands just before the window's first line, so every row keeps its line number.
  const report = await importCsv(deps, caller, { what: input.what, text: `${header.replace(/\r?\n$/, '')}\n${rows}`, firstLine: from.line - 1 });
  if (!report.ok) return report;
  const done = from.byte + end;
  // The last window imported: the file (names and ID numbers) is not kept. Importing it again
  // means uploading it again; a file never finished is swept after a day (README: retention).
  if (done >= size) await deps.files.remove(input.fileID);
  return ok({ ...report.data, next: done < size ? { byte: done, line: from.line + newlines(window.subarray(0, end)) } : null, bytesDone: done, bytesTotal: size });
}
