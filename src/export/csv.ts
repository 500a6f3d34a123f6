/** A value as it goes into an export: scalars, or a list (tags). */
export type ExportValue = string | number | boolean | null | readonly string[];

/**
 * One CSV record (RFC 4180) ending in CRLF. Fields holding a quote, comma, CR or LF, or leading
 * or trailing spaces, are quoted with inner quotes doubled; null is an empty field; booleans are
 * true/false; lists are joined with spaces (Zendesk tags cannot contain spaces). A text field a
 * spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) gets a leading `'`
 * and quotes, as OWASP advises (https://owasp.org/www-community/attacks/CSV_Injection); numbers
 * are ours and stay as they are. Pure.
 */
export function csvRecord(values: readonly ExportValue[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

/** What Excel, LibreOffice and Google Sheets read as the start of a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(value: ExportValue): string {
  if (value === null) return '';
  let text = Array.isArray(value) ? value.join(' ') : String(value);
  const formula = typeof value !== 'number' && FORMULA_START.test(text);
  if (formula) text = `'${text}`;
  return formula || /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
