/**
 * Splits a plain-text capture into blocks (paragraphs, headings, notices). Captures come in two shapes:
 * paragraphs separated by blank lines, or one paragraph per line with no blank lines at all (as many
 * scrapers write them). Hard-wrapped text (fixed-width lines) is joined back into paragraphs.
 */

export interface Block {
  /** The block's text on one line (lines of a list keep their line breaks). */
  text: string;
  /** Position in the capture, for ordering the audit trail. */
  index: number;
}

/** Lines at least this long are paragraphs of their own, never the wrapped halves of one. */
const PARAGRAPH_LINE = 100;
/** A hard-wrapped line fills at least this share of the wrap width. */
const WRAP_FILL = 0.6;
/** In wrapped text, a line shorter than this share of the width that ends a sentence ends its paragraph. */
const PARAGRAPH_END_FILL = 0.75;
/** Hard-wrapped: at least this share of the lines fill the width, at most this share end a sentence; and this many lines. */
const WRAPPED_FULL_SHARE = 0.7;
const WRAPPED_MAX_ENDING_SHARE = 0.5;
const WRAPPED_MIN_LINES = 4;
const TERMINAL = /[.!?…"”’)]$/;
const LIST_ITEM = /^(?:[-*•·–]\s|\d{1,3}[.)]\s)/;

/** Control characters other than tab and newline: what binary garbage leaves behind in a text capture. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g;

/** One space for any run of spaces, tabs and no-break spaces; no zero-width characters. */
export function normaliseLine(line: string): string {
  return line
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ')
    .trim();
}

/** Splits a capture into blocks. */
export function splitBlocks(raw: string): Block[] {
  const text = raw.replace(/\r\n?/g, '\n').replace(CONTROL, '');
  const lines = text.split('\n').map(normaliseLine);
  const hasBlankLines = /\n[ \t\u00a0]*\n/.test(text.trim());
  const paragraphs = hasBlankLines ? splitOnBlankLines(lines) : splitLinePerParagraph(lines);
  return paragraphs.filter((p) => p.length > 0).map((p, index) => ({ text: p, index }));
}

function splitOnBlankLines(lines: string[]): string[] {
  const groups: string[][] = [[]];
  for (const line of lines) {
    if (line === '') groups.push([]);
    else groups[groups.length - 1]!.push(line);
  }
  return groups.filter((g) => g.length > 0).flatMap(joinGroup);
}

/** A group of lines between blank lines: one paragraph, a list, or several one-line paragraphs. */
function joinGroup(lines: string[]): string[] {
  if (lines.length === 1) return lines;
  if (lines.filter((l) => LIST_ITEM.test(l)).length >= lines.length - 1) return [lines.join('\n')];
  // Long lines that end like sentences are paragraphs of their own (a capture with stray single breaks).
  const long = lines.filter((l) => l.length >= PARAGRAPH_LINE && TERMINAL.test(l)).length;
  if (long >= 2 && long >= lines.length / 2) return lines;
  return [lines.join(' ')];
}

/** No blank lines: one paragraph per line, unless the lines are hard-wrapped at a fixed width. */
function splitLinePerParagraph(lines: string[]): string[] {
  const nonEmpty = lines.filter((l) => l !== '');
  if (!isHardWrapped(nonEmpty)) return nonEmpty;
  const width = longest(nonEmpty);
  const out: string[] = [];
  let current: string[] = [];
  for (const line of nonEmpty) {
    current.push(line);
    // A short line that ends a sentence ends the paragraph; a full one was wrapped.
    if (line.length < width * PARAGRAPH_END_FILL && TERMINAL.test(line)) {
      out.push(current.join(' '));
      current = [];
    }
  }
  if (current.length) out.push(current.join(' '));
  return out;
}

function longest(lines: string[]): number {
  return lines.reduce((n, l) => Math.max(n, l.length), 0);
}

/** Fixed-width text: every line short, most of them filling the width, most not ending a sentence. */
function isHardWrapped(lines: string[]): boolean {
  if (lines.length < WRAPPED_MIN_LINES) return false;
  const width = longest(lines);
  if (width > PARAGRAPH_LINE) return false;
  const full = lines.filter((l) => l.length >= width * WRAP_FILL).length;
  const ending = lines.filter((l) => TERMINAL.test(l)).length;
  return full >= lines.length * WRAPPED_FULL_SHARE && ending <= lines.length * WRAPPED_MAX_ENDING_SHARE;
}
