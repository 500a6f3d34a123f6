/**
 * JSON text with every escaped NUL (`\u0000` inside a string) turned into U+FFFD. PostgreSQL's
 * text type cannot hold NUL (22021 "invalid byte sequence"), so one ticket subject or comment
 * carrying it failed its whole page there on every run, while SQLite stored it; replacing it where
 * remote JSON enters keeps both databases holding the same text. Raw NUL cannot occur inside a JSON
 * string (control characters must be escaped). An escape is one only after an even number of
 * backslashes (`\\u0000` is a backslash and the text "u0000"). Linear: each match looks back only
 * over the backslashes just before it, which no other match shares. Pure.
 */
export function jsonWithoutNul(text: string): string {
  if (!text.includes('\\u0000')) return text;
  return text.replace(/\\u0000/g, (match, offset: number) => {
    let backslashes = 0;
    for (let i = offset - 1; i >= 0 && text.charCodeAt(i) === 92; i--) backslashes++;
    return backslashes % 2 === 0 ? '\\ufffd' : match;
  });
}
