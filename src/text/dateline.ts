/**
 * Datelines of plain-text captures: a block such as "Posted at 8:07 AM, Jul 01, 2016 and last updated
 * 2016-07-01 08:07:54-04" or "Published: June 3, 2021 | Updated: June 4, 2021 9:15 a.m. EDT" is read into
 * ISO 8601 published/modified times and taken out of the body. A block is a dateline only when almost
 * nothing but dates, times and dateline words is left in it, so a sentence that mentions a date stays.
 */

export interface Dateline {
  published?: string;
  modified?: string;
  /** Names from a "By ..." part of the same block. */
  byline?: string;
}

interface Moment {
  y: number;
  mo: number;
  d: number;
  h?: number;
  mi?: number;
  s?: number;
  /** `+hh:mm`, `-hh:mm` or `Z`. */
  offset?: string;
  /** The zone was named as a US zone without saying whether daylight time applies (ET, PT...). */
  usZone?: number;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
/** Fixed offsets of zone names that say which offset they mean. */
const ZONES: Record<string, string> = {
  utc: 'Z', gmt: 'Z', z: 'Z',
  est: '-05:00', edt: '-04:00', cst: '-06:00', cdt: '-05:00', mst: '-07:00', mdt: '-06:00', pst: '-08:00', pdt: '-07:00',
  akst: '-09:00', akdt: '-08:00', hst: '-10:00', bst: '+01:00', cet: '+01:00', cest: '+02:00', eet: '+02:00', eest: '+03:00',
  wet: 'Z', west: '+01:00', msk: '+03:00', jst: '+09:00', kst: '+09:00', aest: '+10:00', aedt: '+11:00', nzst: '+12:00', nzdt: '+13:00',
};
/** US zone names without daylight information: standard offset in hours; daylight time is worked out from the date. */
const US_ZONES: Record<string, number> = { et: -5, ct: -6, mt: -7, pt: -8 };
const ZONE = `(${[...Object.keys(ZONES), ...Object.keys(US_ZONES)].sort((a, b) => b.length - a.length).join('|')})`;

const ISO = /(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?/giu;
const MONTH_FIRST = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'giu');
const DAY_FIRST = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH},?\\s+(\\d{4})\\b`, 'giu');
const NUMERIC = /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b/gu;
const TIME = new RegExp(`\\b(\\d{1,2})(?::(\\d{2}))(?::(\\d{2}))?\\s*([ap])\\.?\\s?m\\b\\.?(?:\\s*${ZONE}\\b)?|\\b(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:\\s*${ZONE}\\b)?`, 'giu');

/** Words that may sit in a dateline beside the dates themselves. */
const FILLER = new RegExp(
  [
    '\\b(?:first\\s+|last\\s+|originally\\s+)?(?:posted|published|updated|modified|revised|created|edited)\\b:?',
    '\\b(?:on|at|and|the|as|of|this|story|article|page|date|time|since)\\b',
    '\\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\\b\\.?',
    '\\b(?:today|yesterday)\\b',
    `\\b${ZONE}\\b`,
  ].join('|'),
  'giu',
);
const MODIFIED_WORD = /\b(?:updated|modified|revised|edited)\b/i;
const SEGMENT_WORD = /\b(?:(?:first\s+|last\s+|originally\s+)?(?:posted|published|updated|modified|revised|created|edited))\b/giu;
const BYLINE = /(?:^|\|\s*|\s)[Bb]y\s+((?:\p{Lu}[\p{L}.'’-]*)(?:(?:\s+|\s*,\s*)(?:\p{Lu}[\p{L}.'’-]*|and|&))*)/u;

/** Longest block (in words) read as a dateline. */
const MAX_WORDS = 30;

/** Reads a dateline block; undefined when the block is not (mostly) a dateline. */
export function readDateline(text: string): Dateline | undefined {
  if (!/\d/.test(text)) return undefined;
  const words = text.split(/\s+/).length;
  if (words > MAX_WORDS) return undefined;
  const byline = BYLINE.exec(text);
  const body = byline ? text.replace(byline[0], ' ') : text;
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
    byline: byline?.[1]?.trim().replace(/[,\s]+$/, ''),
  };
}

/** True when little besides dates, times and dateline words is in the text. */
function isMostlyDates(text: string): boolean {
  let found = false;
  let rest = text;
  for (const re of [ISO, MONTH_FIRST, DAY_FIRST, NUMERIC]) {
    rest = rest.replace(re, () => {
      found = true;
      return ' ';
    });
  }
  if (!found) return false;
  rest = rest.replace(TIME, ' ').replace(FILLER, ' ').replace(/\b[ap]\.?m\.?(?=\s|$)/giu, ' ');
  const left = rest.match(/\p{L}{2,}/gu) ?? [];
  return left.length <= 1;
}

/** Cuts the block at each dateline word, so "posted X and updated Y" gives two readings. */
function splitSegments(text: string): Array<{ text: string; modified: boolean }> {
  const starts: number[] = [];
  for (const m of text.matchAll(SEGMENT_WORD)) starts.push(m.index);
  if (!starts.length || starts[0]! > 0) starts.unshift(0);
  return starts.map((start, i) => {
    const part = text.slice(start, starts[i + 1] ?? text.length);
    return { text: part, modified: MODIFIED_WORD.test(part.slice(0, 30)) && !/^\s*(?:first\s+|originally\s+)?(?:posted|published|created)/i.test(part) };
  });
}

/** The first date in the text, with the time next to it when there is one. */
function readMoment(text: string): Moment | undefined {
  ISO.lastIndex = 0;
  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, s, tz] = iso;
    const m: Moment = { y: +y!, mo: +mo!, d: +d! };
    if (h !== undefined) Object.assign(m, { h: +h, mi: +mi!, s: s === undefined ? undefined : +s, offset: tz && isoOffset(tz) });
    const rest = text.replace(iso[0], ' ');
    if (m.h === undefined) applyTime(m, rest);
    else if (!m.offset) applyZone(m, rest);
    return valid(m);
  }
  for (const re of [MONTH_FIRST, DAY_FIRST]) {
    re.lastIndex = 0;
    const hit = re.exec(text);
    if (!hit) continue;
    const [monthName, day] = re === MONTH_FIRST ? [hit[1]!, hit[2]!] : [hit[2]!, hit[1]!];
    const m: Moment = { y: +hit[3]!, mo: MONTHS[monthName.toLowerCase().slice(0, monthName.toLowerCase().startsWith('sept') ? 4 : 3)]!, d: +day };
    applyTime(m, text.replace(hit[0], ' '));
    return valid(m);
  }
  NUMERIC.lastIndex = 0;
  const num = NUMERIC.exec(text);
  if (num) {
    // US order (month first) unless the first number cannot be a month.
    const a = +num[1]!;
    const b = +num[2]!;
    const m: Moment = a > 12 ? { y: +num[3]!, mo: b, d: a } : { y: +num[3]!, mo: a, d: b };
    applyTime(m, text.replace(num[0], ' '));
    return valid(m);
  }
  return undefined;
}

function applyTime(m: Moment, text: string): void {
  TIME.lastIndex = 0;
  const t = TIME.exec(text);
  if (!t) return;
  if (t[1] !== undefined) {
    let h = +t[1] % 12;
    if (t[4]!.toLowerCase() === 'p') h += 12;
    Object.assign(m, { h, mi: +(t[2] ?? 0), s: t[3] === undefined ? undefined : +t[3] });
    setZone(m, t[5]);
  } else {
    Object.assign(m, { h: +t[6]!, mi: +t[7]!, s: t[8] === undefined ? undefined : +t[8] });
    setZone(m, t[9]);
  }
  if (!m.offset) applyZone(m, text);
}

function applyZone(m: Moment, text: string): void {
  const z = new RegExp(`\\b${ZONE}\\b`, 'iu').exec(text);
  if (z) setZone(m, z[1]);
}

function setZone(m: Moment, name: string | undefined): void {
  if (!name) return;
  const key = name.toLowerCase();
  if (ZONES[key]) m.offset = ZONES[key];
  else if (US_ZONES[key] !== undefined) m.usZone = US_ZONES[key];
}

function isoOffset(tz: string): string {
  if (tz.toUpperCase() === 'Z') return 'Z';
  const z = tz.replace(':', '');
  return `${z.slice(0, 3)}:${(z.slice(3) || '00').padEnd(2, '0')}`;
}

function valid(m: Moment): Moment | undefined {
  if (m.y < 1900 || m.y > 2200 || !(m.mo >= 1 && m.mo <= 12) || m.d < 1 || m.d > 31) return undefined;
  if (m.h !== undefined && (m.h > 23 || (m.mi ?? 0) > 59 || (m.s ?? 0) > 59)) {
    delete m.h;
    delete m.mi;
    delete m.s;
  }
  if (m.usZone !== undefined && !m.offset) {
    const hours = m.usZone + (isUsDaylightTime(m) ? 1 : 0);
    m.offset = `${hours < 0 ? '-' : '+'}${String(Math.abs(hours)).padStart(2, '0')}:00`;
  }
  return m;
}

/** US daylight time: from the second Sunday of March to the first Sunday of November. */
function isUsDaylightTime(m: Moment): boolean {
  const sunday = (month: number, nth: number) => {
    const first = new Date(Date.UTC(m.y, month - 1, 1)).getUTCDay();
    return 1 + ((7 - first) % 7) + (nth - 1) * 7;
  };
  const start = sunday(3, 2);
  const end = sunday(11, 1);
  if (m.mo < 3 || m.mo > 11) return false;
  if (m.mo > 3 && m.mo < 11) return true;
  return m.mo === 3 ? m.d >= start : m.d < end;
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

function toIso(m: Moment): string {
  const p2 = (n: number) => String(n).padStart(2, '0');
  const date = `${m.y}-${p2(m.mo)}-${p2(m.d)}`;
  if (m.h === undefined) return date;
  return `${date}T${p2(m.h)}:${p2(m.mi ?? 0)}:${p2(m.s ?? 0)}${m.offset ?? ''}`;
}
