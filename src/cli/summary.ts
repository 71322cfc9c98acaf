/** The end-of-run summary of `declutter clean`: counts gathered per record, printed as a short table. */
import type { CleanResult } from '../types.js';
import { countWords } from '../words.js';

export interface Summary {
  pages: number;
  cleaned: number;
  skipped: number;
  /** Outputs of an earlier run that were not whole, so their pages were cleaned again. */
  redone: number;
  /** Outputs given a `-2`, `-3`... name because an earlier input had taken theirs. */
  renamed: number;
  errors: Map<string, number>;
  words: number;
  removed: Map<string, number>;
  comments: number;
  pagesWithComments: number;
  commentsGated: number;
  access: Map<string, number>;
  startedAt: number;
}

export function createSummary(): Summary {
  return {
    pages: 0,
    cleaned: 0,
    skipped: 0,
    redone: 0,
    renamed: 0,
    errors: new Map(),
    words: 0,
    removed: new Map(),
    comments: 0,
    pagesWithComments: 0,
    commentsGated: 0,
    access: new Map(),
    startedAt: performance.now(),
  };
}

export function addToSummary(summary: Summary, result: CleanResult): void {
  summary.pages++;
  if (result.error) {
    bump(summary.errors, result.error.code);
    return;
  }
  summary.cleaned++;
  summary.words += countWords(result.text);
  for (const r of result.removed) bump(summary.removed, r.category);
  summary.comments += result.comments.items.length;
  if (result.comments.items.length > 0) summary.pagesWithComments++;
  if (result.comments.status === 'gated') summary.commentsGated++;
  bump(summary.access, result.access.state);
}

export function addSkipped(summary: Summary): void {
  summary.pages++;
  summary.skipped++;
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** A short two-column table, its values wrapped between words to fit a terminal `columns` wide. */
export function formatSummary(summary: Summary, columns = 80): string {
  const seconds = (performance.now() - summary.startedAt) / 1000;
  const worked = summary.pages - summary.skipped;
  const rate = seconds > 0 ? worked / seconds : 0;
  const errorCount = [...summary.errors.values()].reduce((a, b) => a + b, 0);
  const rows: [string, string][] = [
    ['pages', `${summary.pages} in ${seconds.toFixed(1)} s (${rate.toFixed(1)} pages/s)`],
    ['cleaned', String(summary.cleaned)],
    ['failed', errorCount ? `${errorCount}: ${listCounts(summary.errors)}` : '0'],
  ];
  if (summary.skipped) rows.push(['skipped', `${summary.skipped} (output exists)`]);
  if (summary.renamed) rows.push(['renamed', `${summary.renamed} (name taken by an earlier input)`]);
  if (summary.redone) rows.push(['redone', `${summary.redone} (earlier output not whole)`]);
  rows.push(['words kept', summary.words.toLocaleString('en-US')]);
  rows.push(['removed', summary.removed.size ? listCounts(summary.removed) : 'nothing']);
  rows.push([
    'comments',
    `${summary.comments} on ${summary.pagesWithComments} page(s)${summary.commentsGated ? `; gated on ${summary.commentsGated}` : ''}`,
  ]);
  rows.push(['access', summary.access.size ? listCounts(summary.access) : '-']);
  const width = Math.max(...rows.map(([k]) => k.length));
  const indent = width + 4;
  return rows.map(([k, v]) => `  ${k.padEnd(width)}  ${wrap(v, Math.max(20, columns - 1 - indent)).join(`\n${' '.repeat(indent)}`)}`).join('\n');
}

/** Lines of at most `width` characters, broken after a comma where one fits, else between words. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      // Carry the words after the line's last comma over, so a `name count` pair stays together.
      const comma = line.lastIndexOf(', ');
      const carry = comma > 0 && line.length - comma < width / 2 ? line.slice(comma + 2) : '';
      lines.push(carry ? line.slice(0, comma + 1) : line);
      line = carry ? `${carry} ${word}` : word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  return lines;
}

function listCounts(map: Map<string, number>): string {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}
