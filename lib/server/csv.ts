// CSV (RFC 4180) that spreadsheets open without running anything: a cell that starts like a formula
// (=, +, -, @, tab, CR) gets a leading apostrophe, the OWASP advice against CSV injection.

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** One record, every cell quoted, ended with CRLF. */
export function csvRow(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** A header row and one row per record, CRLF line ends. */
export function toCsv<T extends object>(columns: readonly (keyof T & string)[], rows: readonly T[]): string {
  return csvRow(columns) + rows.map((row) => csvRow(columns.map((c) => row[c]))).join('');
}
