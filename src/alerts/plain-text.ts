/**
 * Untrusted text (ticket subjects, theme titles, remote error bodies) made safe to put in one line
 * of a message: control characters (C0, C1, DEL) and bidirectional overrides become spaces, runs of
 * whitespace collapse, and the result is cut to `max` characters with an ellipsis. Linear time; pure.
 */
export function oneLine(text: string, max = 200): string {
  const flat = text
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (flat.length <= max) return flat;
  return `${flat.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}
