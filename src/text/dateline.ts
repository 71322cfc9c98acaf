/**
 * Datelines of plain-text captures: a block such as "Posted at 8:07 AM, Jul 01, 2016 and last updated
 * 2016-07-01 08:07:54-04" or "Published: June 3, 2021 | Updated: June 4, 2021 9:15 a.m. EDT" is read into
 * ISO 8601 published/modified times and taken out of the body. A block is a dateline only when almost
 * nothing but dates, times and dateline words is left in it, so a sentence that mentions a date stays.
 */
import { bylineInDateline } from '../bylines.js';
import type { Vocabulary } from '../rules/vocabulary.js';
import { alternation, DATE_LABELS, findDates, findTime, labelOf, toIso, withTime, wordsBesideDates, type Moment } from '../dates.js';

export interface Dateline {
  published?: string;
  modified?: string;
  /** Names from a "By ..." part of the same block. */
  byline?: string;
}

/** Words a dateline may hold beside its dates and their labels (dates.ts knows the labels of every language). */
const FILLER = new Set(['at', 'and', 'the', 'as', 'of', 'this', 'story', 'article', 'page', 'time', 'since', 'today', 'yesterday', 'first', 'last', 'originally']);
/** Where a new reading starts: a date label ("posted", "updated", "veröffentlicht", "mis à jour"). */
const SEGMENT_WORD = new RegExp(
  `(?<![\\p{L}])(?:(?:first|last|originally)\\s+)?(?:${alternation([...DATE_LABELS.published, ...DATE_LABELS.modified].filter((w) => w.length > 3))})(?![\\p{L}])`,
  'giu',
);

/** Longest block (in words) read as a dateline. */
const MAX_WORDS = 30;
/** A reading's label is among its first characters ("Last updated on"). */
const LABEL_CHARS = 30;

/**
 * Reads a dateline block; undefined when the block is not (mostly) a dateline. With the vocabulary, a byline in the
 * block ("By Jane Doe | Published …", "Publié le 3 mai par Marie Dupont") is read too; without it (a comment's
 * header, whose name the comment reader takes) the block must be dates alone.
 */
export function readDateline(text: string, vocabulary?: Vocabulary): Dateline | undefined {
  if (!/\d/.test(text)) return undefined;
  const words = text.split(/\s+/).length;
  if (words > MAX_WORDS) return undefined;
  const byline = vocabulary && bylineInDateline(text, vocabulary);
  const body = byline ? byline.rest : text;
  if (!isMostlyDates(body)) return undefined;

  const segments = splitSegments(body);
  let published: Moment | undefined;
  let modified: Moment | undefined;
  for (const seg of segments) {
    const m = readMoment(seg.text);
    if (!m) continue;
    if (seg.modified) modified ??= m;
    else published ??= m;
  }
  if (!published && !modified) return undefined;
  [published, modified] = reconcile(published, modified);
  return {
    published: published && toIso(published),
    modified: modified && toIso(modified),
    byline: byline?.names,
  };
}

/** True when little besides dates, times and dateline words is in the text. */
function isMostlyDates(text: string): boolean {
  if (!findDates(text).length) return false;
  const left = wordsBesideDates(text).filter((w) => w.length > 1 && !FILLER.has(w.toLowerCase()));
  return left.length <= 1;
}

/** Cuts the block at each dateline word, so "posted X and updated Y" gives two readings. */
function splitSegments(text: string): Array<{ text: string; modified: boolean }> {
  const starts: number[] = [];
  for (const m of text.matchAll(SEGMENT_WORD)) starts.push(m.index);
  if (!starts.length || starts[0]! > 0) starts.unshift(0);
  return starts.map((start, i) => {
    const part = text.slice(start, starts[i + 1] ?? text.length);
    return { text: part, modified: labelOf(part.slice(0, LABEL_CHARS)) === 'modified' && !/^\s*(?:first\s+|originally\s+)?(?:posted|published|created)/i.test(part) };
  });
}

/** The first date in the text, with the time next to it, or elsewhere in the text when none follows it. */
function readMoment(text: string): Moment | undefined {
  const hit = findDates(text)[0];
  if (!hit) return undefined;
  if (hit.timed) return hit.moment;
  const rest = text.replace(/\s+/g, ' ');
  return withTime(hit.moment, findTime(`${rest.slice(0, hit.at)} ${rest.slice(hit.at + hit.length)}`));
}

/**
 * Two readings in one dateline are written in one zone, so a reading without an offset takes the other's.
 * When both name the same minute, they are the same moment: the more precise one stands for both.
 */
function reconcile(p: Moment | undefined, u: Moment | undefined): [Moment | undefined, Moment | undefined] {
  if (!p || !u) return [p, u];
  const sameMinute = p.y === u.y && p.mo === u.mo && p.d === u.d && p.h !== undefined && p.h === u.h && p.mi === u.mi;
  if (sameMinute) {
    const precise = precision(u) > precision(p) ? u : p;
    return [{ ...precise }, { ...precise }];
  }
  if (!p.offset && u.offset && p.h !== undefined) p.offset = u.offset;
  if (!u.offset && p.offset && u.h !== undefined) u.offset = p.offset;
  return [p, u];
}

function precision(m: Moment): number {
  return (m.h !== undefined ? 1 : 0) + (m.s !== undefined ? 1 : 0) + (m.offset ? 2 : 0);
}
