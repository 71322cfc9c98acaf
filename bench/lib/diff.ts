/**
 * What a prediction missed and what it added, as readable runs of tokens: the shingles behind the F1 turned
 * back into text, so a developer sees which kind of boilerplate leaked or which part of the body was lost.
 */
import { tokens } from './score.js';

const SHINGLE = 4;

/** Token runs of `a` whose 4-token shingles are not found in `b` (multiset, consumed in reading order). */
export function unmatchedRuns(a: string, b: string): string[] {
  const ta = tokens(a);
  const tb = tokens(b);
  if (ta.length === 0) return [];
  const pool = new Map<string, number>();
  const keyAt = (t: string[], i: number) => t.slice(i, i + SHINGLE).join(' ');
  const count = (t: string[]) => Math.max(1, t.length - SHINGLE + 1);
  if (tb.length) for (let i = 0; i < count(tb); i++) pool.set(keyAt(tb, i), (pool.get(keyAt(tb, i)) ?? 0) + 1);
  const marked = new Array<boolean>(ta.length).fill(false);
  for (let i = 0; i < count(ta); i++) {
    const k = keyAt(ta, i);
    const n = pool.get(k) ?? 0;
    if (n > 0) pool.set(k, n - 1);
    else for (let j = i; j < Math.min(ta.length, i + SHINGLE); j++) marked[j] = true;
  }
  const runs: string[] = [];
  let cur: string[] = [];
  for (let i = 0; i < ta.length; i++) {
    if (marked[i]) cur.push(ta[i]!);
    else if (cur.length) {
      runs.push(cur.join(' '));
      cur = [];
    }
  }
  if (cur.length) runs.push(cur.join(' '));
  return runs;
}

/** The longest runs, each cut to `each` characters, at most `max` of them. */
export function sampleRuns(runs: string[], max = 3, each = 140): string[] {
  return [...runs]
    .sort((x, y) => y.length - x.length)
    .slice(0, max)
    .map((r) => (r.length > each ? `${r.slice(0, each - 1)}…` : r));
}

/** Share of `a`'s tokens that sit in unmatched runs. */
export function unmatchedShare(a: string, runs: string[]): number {
  const total = tokens(a).length;
  if (!total) return 0;
  return runs.reduce((s, r) => s + r.split(' ').length, 0) / total;
}
