/**
 * A streaming CSV reader (RFC 4180): quoted fields with commas, "" escapes and line breaks,
 * CRLF or LF, a UTF-8 byte-order mark. Text goes in piece by piece; whole records come out with
 * the line they started on, so a report can point at the row an operator must fix.
 */

export interface CsvRecord {
  line: number;
  fields: string[];
}

export class CsvReader {
  private field = '';
  private fields: string[] = [];
  private quoted = false;
  /** A quote seen inside a quoted field: either the closing quote or the first half of "". */
  private quoteSeen = false;
  private line: number;
  private recordLine: number;
  private started = false;

  /** `firstLine`: the line number of the first line given (a piece of a larger file). */
  constructor(firstLine = 1) {
    this.line = firstLine;
    this.recordLine = firstLine;
  }

  push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    let i = 0;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (this.quoted) {
        if (this.quoteSeen) {
          this.quoteSeen = false;
          if (c === '"') {
            this.field += '"';
            continue;
          }
          this.quoted = false;
        } else if (c === '"') {
          this.quoteSeen = true;
          continue;
        } else {
          if (c === '\n') this.line++;
          this.field += c;
          continue;
        }
      }
      if (c === '"' && this.field === '') this.quoted = true;
      else if (c === ',') this.endField();
      else if (c === '\n') {
        this.endRecord(out);
        this.line++;
        this.recordLine = this.line;
      } else if (c !== '\r') this.field += c;
    }
    return out;
  }

  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.quoteSeen) {
      this.quoteSeen = false;
      this.quoted = false;
    }
    if (this.field !== '' || this.fields.length > 0) this.endRecord(out);
    return out;
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
  }

  private endRecord(out: CsvRecord[]): void {
    this.endField();
    // A blank line is no record.
    if (!(this.fields.length === 1 && this.fields[0] === '')) out.push({ line: this.recordLine, fields: this.fields });
    this.fields = [];
  }
}

/** All records of a whole text (tests and small files). */
export function readCsv(text: string): CsvRecord[] {
  const reader = new CsvReader();
  return [...reader.push(text), ...reader.end()];
}

/** One CSV line: a cell holding a comma, quote or line break is quoted (RFC 4180). */
export function csvLine(cells: ReadonlyArray<string | number>): string {
  return `${cells.map((c) => (/[",\r\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(',')}\n`;
}
