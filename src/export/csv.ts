/** A value as it goes into an export: scalars, or a list (tags). */
export type ExportValue = string | number | boolean | null | readonly string[];

/**
 * One CSV record (RFC 4180) ending in CRLF. Fields holding a quote, comma, CR or LF, or leading
 * or trailing spaces, are quoted with inner quotes doubled; null is an empty field; booleans are
 * true/false; lists are joined with spaces (Zendesk tags cannot contain spaces). Pure.
 */
export function csvRecord(values: readonly ExportValue[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

function csvField(value: ExportValue): string {
  if (value === null) return '';
  const text = Array.isArray(value) ? value.join(' ') : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
