/**
 * Text from a page (an id, a URL, a JSON snippet in a message) made safe to print on a terminal: control
 * characters, terminal escapes and line breaks are shown as escapes (`\n`, `\x1b`), so they can neither
 * drive the terminal nor forge a line of their own.
 */
// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function printable(s: string): string {
  return s.replace(CONTROL, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
