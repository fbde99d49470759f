/**
 * A small CSV reader (RFC 4180: quoted fields, doubled quotes, CRLF) that remembers each row's line number, so a
 * bad row can be named. Blank lines are skipped. The separator is ',' unless another is given (';', tab…).
 */
import { DataError } from './errors';

export interface CsvRow {
  /** 1-based line number where the row starts. */
  readonly line: number;
  readonly cells: string[];
}

export function parseCsv(text: string, file: string, separator = ','): CsvRow[] {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0].trim() !== '') rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a byte-order mark is not data
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === separator) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      cell += ch;
    }
  }
  if (quoted) throw new DataError(`${file} line ${rowLine}: a quoted field is never closed`);
  if (cell !== '' || cells.length) endRow();
  return rows;
}

/** A cell as a number, or NaN when it is not one (empty cells are not numbers). */
export function cellNumber(cell: string): number {
  const t = cell.trim();
  const value = t === '' ? NaN : Number(t);
  return Number.isFinite(value) ? value : NaN;
}
