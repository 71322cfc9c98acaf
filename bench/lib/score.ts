/**
 * Scoring methods of the evaluation sets (see ../shared/eval/README.md).
 * Shingle F1: tokens are Unicode `\w+`, 4-token shingles counted as a multiset; per page TP/FP/FN are
 * normalised to sum 1; precision and recall are averaged over pages, F1 is their harmonic mean.
 */

const TOKEN_RE = /[\p{L}\p{N}_\p{M}]+/gu;
const SHINGLE = 4;

export function tokens(text: string): string[] {
  return text.match(TOKEN_RE) ?? [];
}

export function shingles(text: string): Map<string, number> {
  const toks = tokens(text);
  const out = new Map<string, number>();
  if (toks.length === 0) return out;
  if (toks.length < SHINGLE) {
    const key = toks.join(' ');
    out.set(key, 1);
    return out;
  }
  for (let i = 0; i + SHINGLE <= toks.length; i++) {
    const key = toks.slice(i, i + SHINGLE).join(' ');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

export interface PageScore {
  tp: number;
  fp: number;
  fn: number;
  /** Token sequence equals the truth's exactly. */
  exact: boolean;
}

/** Normalised TP/FP/FN for one page (the three sum to 1, or all 0 when both texts are empty). */
export function scorePage(predicted: string, truth: string): PageScore {
  const p = shingles(predicted);
  const t = shingles(truth);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [k, n] of p) {
    const m = t.get(k) ?? 0;
    tp += Math.min(n, m);
    fp += Math.max(0, n - m);
  }
  for (const [k, m] of t) fn += Math.max(0, m - (p.get(k) ?? 0));
  const sum = tp + fp + fn;
  const exact = tokens(predicted).join(' ') === tokens(truth).join(' ');
  if (sum === 0) return { tp: 0, fp: 0, fn: 0, exact };
  return { tp: tp / sum, fp: fp / sum, fn: fn / sum, exact };
}

export interface SetScore {
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  pages: number;
}

/** Aggregates page scores by the benchmark's method. */
export function aggregate(scores: PageScore[]): SetScore {
  let pSum = 0;
  let pN = 0;
  let rSum = 0;
  let rN = 0;
  let exact = 0;
  for (const s of scores) {
    if (s.exact) exact++;
    if (s.fp === 0 && s.fn === 0) {
      // Includes the both-empty case: a perfect page counts 1 for both.
      pSum += 1;
      pN++;
      rSum += 1;
      rN++;
      continue;
    }
    if (s.tp + s.fp > 0) {
      pSum += s.tp / (s.tp + s.fp);
      pN++;
    }
    if (s.tp + s.fn > 0) {
      rSum += s.tp / (s.tp + s.fn);
      rN++;
    }
  }
  const precision = pN ? pSum / pN : 0;
  const recall = rN ? rSum / rN : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, accuracy: scores.length ? exact / scores.length : 0, pages: scores.length };
}

/** Share of the truth's shingles (multiset) that appear in `text`; used for comment leak. */
export function shingleCoverage(truth: string, text: string): { found: number; total: number } {
  const t = shingles(truth);
  const p = shingles(text);
  let found = 0;
  let total = 0;
  for (const [k, m] of t) {
    total += m;
    found += Math.min(m, p.get(k) ?? 0);
  }
  return { found, total };
}

const WS_RE = /\s+/g;
export function normaliseSpace(s: string): string {
  return s.replace(WS_RE, ' ').trim();
}

/** Trafilatura set: snippet counts (a snippet counts when it is a substring of the output, whitespace normalised). */
export function snippetCounts(output: string, withSnips: string[], withoutSnips: string[]) {
  const text = normaliseSpace(output);
  let tp = 0;
  let fn = 0;
  let fp = 0;
  let tn = 0;
  const lost: string[] = [];
  const leaked: string[] = [];
  for (const s of withSnips) {
    if (text.includes(normaliseSpace(s))) tp++;
    else {
      fn++;
      lost.push(s);
    }
  }
  for (const s of withoutSnips) {
    if (text.includes(normaliseSpace(s))) {
      fp++;
      leaked.push(s);
    } else tn++;
  }
  return { tp, fn, fp, tn, lost, leaked };
}

/**
 * WCXB's method: lower-cased `\w+` bags of words; per page P = overlap / predicted words, R = overlap /
 * truth words, F1 from the two (0 when either is 0). The set's figures average each over the pages.
 */
export function wordScore(predicted: string, truth: string): { p: number; r: number; f1: number } {
  const bag = (text: string) => {
    const m = new Map<string, number>();
    for (const t of tokens(text.toLowerCase())) m.set(t, (m.get(t) ?? 0) + 1);
    return m;
  };
  const pb = bag(predicted);
  const tb = bag(truth);
  let overlap = 0;
  let np = 0;
  let nt = 0;
  for (const n of pb.values()) np += n;
  for (const [w, n] of tb) {
    nt += n;
    overlap += Math.min(n, pb.get(w) ?? 0);
  }
  const p = np ? overlap / np : 0;
  const r = nt ? overlap / nt : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

/** Share of the snippets found in the text (case-insensitive substring, whitespace normalised); undefined for none. */
export function snippetRate(text: string, snippets: string[]): number | undefined {
  if (!snippets.length) return undefined;
  const t = text.replace(/\s+/g, ' ').toLowerCase();
  return snippets.filter((s) => t.includes(s.replace(/\s+/g, ' ').trim().toLowerCase())).length / snippets.length;
}
