/**
 * Rows as CSV a spreadsheet opens as it is (RFC 4180): comma-separated,
 * CRLF line ends, fields with a comma, quote or line break quoted, a UTF-8
 * byte order mark so that Excel reads "Súdwest-Fryslân" right. Empty is
 * empty: a withheld figure stays an empty cell, never a 0. Text starting
 * with = + - @ (or a tab or CR) is prefixed with ' so a spreadsheet shows it
 * rather than running it as a formula (CSV injection); numbers are written as they are.
 */

/** One cell: a number is written as it is, null as an empty cell. */
export type CsvValue = string | number | boolean | null | undefined;

/** A header and rows of the same width. */
export interface Table {
  columns: readonly string[];
  rows: readonly (readonly CsvValue[])[];
}

const BOM = '\uFEFF';

function field(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The table as a CSV document. */
export function toCsv(table: Table): string {
  const lines = [table.columns, ...table.rows].map((row) => row.map(field).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
