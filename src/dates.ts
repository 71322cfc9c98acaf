/**
 * Dates, the one module: machine dates from attributes and meta tags, and dates written for people in
 * every language the phrase files cover ("January 31, 2011 at 9:59 am", "7. November 2012 um 21:42",
 * "3 de mayo de 2022", "17.05.2021", "2026年12月3日"), with the time and zone printed next to them.
 * A date with no zone stays local (no offset), a bare day stays a day, and relative dates ("2 hours
 * ago") give nothing. Used by metadata, plain-text datelines and comment fields.
 *
 * Why not chrono-node: measured on this machine it took 439 ms to import (the one-page CLI budget is
 * 500 ms of CPU in all) and 48 µs a parse; it reads "Friday" or "now" as dates, which a strict reader of
 * meta lines must not, it has no Polish, and its English parser misreads "7. November 2012".
 */
import { memoize } from './memo.js';

// ---------------------------------------------------------------------------------------------- vocabulary

/**
 * Month names and the abbreviations pages print, by language (en de fr es it pt nl pl: the languages of
 * rules/phrases/). Polish has a nominative and a genitive form. To add a language, add its twelve rows here.
 */
const MONTH_NAMES: readonly string[][] = [
  ['jan', 'january', 'januar', 'jänner', 'janvier', 'janv', 'enero', 'ene', 'gennaio', 'gen', 'janeiro', 'januari', 'styczeń', 'stycznia', 'sty'],
  ['feb', 'february', 'februar', 'février', 'fevrier', 'févr', 'fevr', 'febrero', 'febbraio', 'fevereiro', 'fev', 'februari', 'luty', 'lutego', 'lut'],
  ['mar', 'march', 'märz', 'maerz', 'mars', 'marzo', 'março', 'maart', 'mrt', 'marzec', 'marca'],
  ['apr', 'april', 'avril', 'avr', 'abril', 'abr', 'aprile', 'kwiecień', 'kwietnia', 'kwi'],
  ['may', 'mai', 'mayo', 'maggio', 'mag', 'maio', 'mei', 'maj', 'maja'],
  ['jun', 'june', 'juni', 'juin', 'junio', 'giugno', 'giu', 'junho', 'czerwiec', 'czerwca', 'cze'],
  ['jul', 'july', 'juli', 'juillet', 'juil', 'julio', 'luglio', 'lug', 'julho', 'lipiec', 'lipca', 'lip'],
  ['aug', 'august', 'août', 'aout', 'agosto', 'ago', 'augustus', 'sierpień', 'sierpnia', 'sie'],
  ['sep', 'sept', 'september', 'septembre', 'septiembre', 'settembre', 'set', 'setembro', 'wrzesień', 'września', 'wrz'],
  ['oct', 'october', 'oktober', 'okt', 'octobre', 'octubre', 'ottobre', 'ott', 'outubro', 'out', 'październik', 'października', 'paź'],
  ['nov', 'november', 'novembre', 'noviembre', 'novembro', 'listopad', 'listopada', 'lis'],
  ['dec', 'december', 'dezember', 'dez', 'décembre', 'decembre', 'déc', 'diciembre', 'dic', 'dicembre', 'dezembro', 'grudzień', 'grudnia', 'gru'],
];

/** Words that join a date to its time ("at", "um", "à", "a las", "alle", "om", "o"). */
const TIME_JOINERS = [',', 'at', 'um', 'à', 'a las', 'a la', 'alle', 'às', 'om', 'o', 'godz.', '@', '-', '–', '|', '·', '•'];

/**
 * Words that label a date on a page, by what they say: published or changed. A line that holds only a date
 * and these words is a dateline. Every language of rules/phrases/; lower case.
 */
export const DATE_LABELS = {
  published: [
    'posted', 'published', 'created', 'first published', 'originally published', 'date', 'on',
    'veröffentlicht', 'erschienen', 'erstellt', 'publiziert', 'datum', 'am', 'vom',
    'publié', 'publiée', 'publié le', 'le', 'du',
    'publicado', 'publicada', 'el', 'fecha',
    'pubblicato', 'pubblicata', 'il', 'data',
    'publicado em', 'em',
    'gepubliceerd', 'geplaatst', 'op',
    'opublikowano', 'opublikowany', 'dodano',
  ],
  modified: [
    'updated', 'last updated', 'modified', 'last modified', 'revised', 'edited', 'reviewed', 'last reviewed',
    'aktualisiert', 'zuletzt aktualisiert', 'geändert', 'stand',
    'mis à jour', 'mise à jour', 'modifié', 'actualisé',
    'actualizado', 'actualizada', 'modificado', 'última actualización',
    'aggiornato', 'aggiornata', 'modificato', 'ultimo aggiornamento',
    'atualizado', 'atualizada', 'atualização',
    'bijgewerkt', 'gewijzigd',
    'zaktualizowano', 'aktualizacja',
  ],
} as const;

/** Weekday names, which sit beside dates and say nothing of their own (English and the phrase-file languages). */
const WEEKDAYS = [
  'mon', 'monday', 'tue', 'tues', 'tuesday', 'wed', 'wednesday', 'thu', 'thur', 'thurs', 'thursday', 'fri', 'friday', 'sat', 'saturday', 'sun', 'sunday',
  'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonntag', 'mo', 'di', 'mi', 'do', 'fr', 'sa', 'so',
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche',
  'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo',
  'lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'domenica',
  'segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira',
  'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag',
  'poniedziałek', 'wtorek', 'środa', 'czwartek', 'piątek', 'sobota', 'niedziela',
];

/** Zones that say which offset they mean, written in capitals after a time. */
const ZONES: Record<string, string> = {
  UTC: 'Z', GMT: 'Z', Z: 'Z',
  EST: '-05:00', EDT: '-04:00', CST: '-06:00', CDT: '-05:00', MST: '-07:00', MDT: '-06:00', PST: '-08:00', PDT: '-07:00',
  AKST: '-09:00', AKDT: '-08:00', HST: '-10:00', BST: '+01:00', CET: '+01:00', CEST: '+02:00', MEZ: '+01:00', MESZ: '+02:00',
  EET: '+02:00', EEST: '+03:00', WET: 'Z', WEST: '+01:00', MSK: '+03:00', IST: '+05:30', JST: '+09:00', KST: '+09:00',
  AEST: '+10:00', AEDT: '+11:00', NZST: '+12:00', NZDT: '+13:00',
};
/** US zone names that do not say whether daylight time applies: standard offset in hours; the date decides. */
const US_ZONES: Record<string, number> = { ET: -5, CT: -6, MT: -7, PT: -8 };

/** Years a page's date may carry. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
/** Two-digit years below this are 20xx, the rest 19xx ("11.05.12"). */
const TWO_DIGIT_PIVOT = 70;

// ---------------------------------------------------------------------------------------------- patterns

const MONTHS = new Map<string, number>();
MONTH_NAMES.forEach((names, i) => names.forEach((n) => MONTHS.set(n, i + 1)));

/** An alternation of words for a pattern: escaped, longest first, a space matching any run of spaces. */
export const alternation = (words: Iterable<string>) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'))
    .join('|');

const MONTH = `(${alternation(MONTHS.keys())})\\.?`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th|er|\.|º)?`;
/** A four-digit year not followed by more digits, unless they are a time run into it ("2012<br>2:13 pm" as text). */
const YEAR = String.raw`(\d{4})(?:(?!\d)|(?=\d{1,2}:\d{2}))`;

/** "2012-11-07", "2012/11/07", "2012.11.07" (with an ISO time and offset when they follow). */
const YMD = new RegExp(String.raw`\b(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?`, 'giu');
/** "January 31, 2011", "Nov 7th 2012", "Dec. 19, 2025". */
const MDY = new RegExp(String.raw`(?<![\p{L}\p{N}])${MONTH}\s+${DAY},?\s+${YEAR}`, 'giu');
/** "31 January 2011", "20. Jul, 2012", "3 de mayo de 2022", "1er mai 2022", "3rd of May 2022". */
const DMY = new RegExp(String.raw`(?<![\p{L}\p{N}])${DAY}\s*(?:de\s+|of\s+)?${MONTH}(?:\s+de)?,?\s+${YEAR}`, 'giu');
/** "09/21/2012", "21.09.2012", "11.05.12", "03-09-2026" (the order: see the reader). */
const NUMERIC = new RegExp(String.raw`(?<![\p{N}./-])(\d{1,2})([/.-])\s?(\d{1,2})\2\s?(\d{4}|\d{2})(?![\p{N}]|[./-]\d)`, 'gu');
/** "2026年12月3日". */
const CJK = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/gu;

/** A time after a date: an optional joiner, then "9:59 am", "21.42 Uhr", "21h42", "10:30 a.m.". */
const TIME_AFTER = new RegExp(
  String.raw`\s*(?:(?:${alternation(TIME_JOINERS)})\s*)?(\d{1,2})[:h.](\d{2})(?::(\d{2}))?(?!\d)(?:\s*([ap])\.?\s?m\b\.?)?(?:\s*(?:uhr|h)\b)?`,
  'iuy',
);
/** A time anywhere ("Posted at 8:07 AM, Jul 01, 2016"): a colon is required when it does not follow a date. */
const TIME_ANYWHERE = /(?<![\p{N}:])(\d{1,2}):(\d{2})(?::(\d{2}))?(?!\d)(?:\s*([ap])\.?\s?m\b\.?)?/giu;
/** A zone after a time, in capitals; "GMT+2", "UTC+05:30" carry their offset. */
const ZONE_AFTER = new RegExp(String.raw`\s*\(?(${alternation([...Object.keys(ZONES), ...Object.keys(US_ZONES)])})(?:([+-])(\d{1,2})(?::?(\d{2}))?)?\b\)?`, 'uy');
/** A numeric offset after a time ("+0200", "-05:00", or "-04" right after the seconds). */
const OFFSET_AFTER = /(?:\s*([+-])(\d{2}):?(\d{2})|([+-])(\d{2}))(?!\d)/y;
const ISO_MACHINE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const RELATIVE = /\b\d+\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago\b/i;

// ---------------------------------------------------------------------------------------------- moments

/** A reading: a day, maybe a time, maybe the zone it was written in. */
export interface Moment {
  y: number;
  mo: number;
  d: number;
  h?: number;
  mi?: number;
  s?: number;
  /** `+hh:mm`, `-hh:mm` or `Z`. */
  offset?: string;
}

/** One date found in a text (whitespace collapsed): where it is and what it says. */
export interface DateHit {
  /** Position and length in the collapsed text, the time and zone included. */
  at: number;
  length: number;
  moment: Moment;
  iso: string;
  /** Whether a time was read with the date. */
  timed: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function toIso(m: Moment): string {
  const day = `${m.y}-${pad(m.mo)}-${pad(m.d)}`;
  if (m.h === undefined) return day;
  return `${day}T${pad(m.h)}:${pad(m.mi ?? 0)}:${pad(m.s ?? 0)}${m.offset ?? ''}`;
}

function validDay(y: number, mo: number, d: number): boolean {
  if (!(mo >= 1 && mo <= 12) || d < 1 || y < MIN_YEAR || y > MAX_YEAR) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

function fullYear(y: string): number {
  const n = Number(y);
  return y.length === 2 ? n + (n < TWO_DIGIT_PIVOT ? 2000 : 1900) : n;
}

interface TimeReading {
  h: number;
  mi: number;
  s?: number;
  offset?: string;
  /** US zone without daylight information (standard hours). */
  usZone?: number;
  end: number;
}

function clock(h: string, mi: string, s: string | undefined, ampm: string | undefined): { h: number; mi: number; s?: number } | undefined {
  let hour = Number(h);
  if (ampm) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (ampm.toLowerCase() === 'p' ? 12 : 0);
  }
  if (hour > 23 || Number(mi) > 59 || (s !== undefined && Number(s) > 59)) return undefined;
  return { h: hour, mi: Number(mi), s: s === undefined ? undefined : Number(s) };
}

/** The zone written at `from`, if any. */
function zoneAt(text: string, from: number): { offset?: string; usZone?: number; end: number } | undefined {
  OFFSET_AFTER.lastIndex = from;
  const o = OFFSET_AFTER.exec(text);
  if (o) return { offset: o[1] ? `${o[1]}${o[2]}:${o[3]}` : `${o[4]}${o[5]}:00`, end: OFFSET_AFTER.lastIndex };
  ZONE_AFTER.lastIndex = from;
  const z = ZONE_AFTER.exec(text);
  if (!z) return undefined;
  const [, name, sign, hh, mm] = z;
  if (sign && hh) return { offset: `${sign}${pad(Number(hh))}:${mm ?? '00'}`, end: ZONE_AFTER.lastIndex };
  if (ZONES[name!]) return { offset: ZONES[name!], end: ZONE_AFTER.lastIndex };
  return { usZone: US_ZONES[name!], end: ZONE_AFTER.lastIndex };
}

/** The time written right at `from` (after a date), with its zone. */
function timeAt(text: string, from: number): TimeReading | undefined {
  TIME_AFTER.lastIndex = from;
  const t = TIME_AFTER.exec(text);
  if (!t) return undefined;
  const c = clock(t[1]!, t[2]!, t[3], t[4]);
  if (!c) return undefined;
  const z = zoneAt(text, TIME_AFTER.lastIndex);
  return { ...c, offset: z?.offset, usZone: z?.usZone, end: z?.end ?? TIME_AFTER.lastIndex };
}

/** The first time anywhere in a text ("8:07 AM ET"), for a dateline whose time comes before its date. */
export function findTime(text: string): Omit<TimeReading, 'end'> | undefined {
  TIME_ANYWHERE.lastIndex = 0;
  for (let t = TIME_ANYWHERE.exec(text); t; t = TIME_ANYWHERE.exec(text)) {
    const c = clock(t[1]!, t[2]!, t[3], t[4]);
    if (!c) continue;
    const z = zoneAt(text, TIME_ANYWHERE.lastIndex);
    return { ...c, offset: z?.offset, usZone: z?.usZone };
  }
  return undefined;
}

/** A time reading put on a day; a US zone without daylight information gets the offset its date has. */
export function withTime(m: Moment, t: Omit<TimeReading, 'end'> | undefined): Moment {
  if (!t) return m;
  const out: Moment = { ...m, h: t.h, mi: t.mi, s: t.s };
  if (t.offset) out.offset = t.offset;
  else if (t.usZone !== undefined) {
    const hours = t.usZone + (isUsDaylightTime(m) ? 1 : 0);
    out.offset = `${hours < 0 ? '-' : '+'}${pad(Math.abs(hours))}:00`;
  }
  return out;
}

/** US daylight time: from the second Sunday of March to the first Sunday of November. */
function isUsDaylightTime(m: Moment): boolean {
  const sunday = (month: number, nth: number) => {
    const first = new Date(Date.UTC(m.y, month - 1, 1)).getUTCDay();
    return 1 + ((7 - first) % 7) + (nth - 1) * 7;
  };
  if (m.mo < 3 || m.mo > 11) return false;
  if (m.mo > 3 && m.mo < 11) return true;
  return m.mo === 3 ? m.d >= sunday(3, 2) : m.d < sunday(11, 1);
}

function isoOffset(tz: string): string {
  if (tz.toUpperCase() === 'Z') return 'Z';
  const z = tz.replace(':', '');
  return `${z.slice(0, 3)}:${(z.slice(3) || '00').padEnd(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------- finding

/** How a page writes its dates: `dayFirst` reads "09/03/2026" as 9 March (the page's locale is not the US's). */
export interface DateOrder {
  dayFirst?: boolean;
}

/**
 * The order a page's locale writes numeric dates in: month first for US English (and English with no
 * region), day first everywhere else ("en-GB", "de", "fr-CA", "en_AU").
 */
export function dateOrderOf(locale: string | null | undefined): DateOrder {
  const m = locale ? /^([a-z]{2,3})(?:[-_]([a-z]{2}))?/i.exec(locale.trim()) : null;
  if (!m) return {};
  const lang = m[1]!.toLowerCase();
  const region = m[2]?.toLowerCase();
  return { dayFirst: lang !== 'en' || (region !== undefined && region !== 'us') };
}

type Reader = (m: RegExpExecArray, order: DateOrder) => { y: number; mo: number; d: number; time?: Omit<TimeReading, 'end'> } | undefined;

const READERS: Array<[RegExp, Reader]> = [
  [
    YMD,
    (m) => {
      const [, y, , mo, d, h, mi, s, tz] = m;
      if (h === undefined) return { y: +y!, mo: +mo!, d: +d! };
      const c = clock(h, mi!, s, undefined);
      return { y: +y!, mo: +mo!, d: +d!, time: c && { ...c, offset: tz ? isoOffset(tz) : undefined } };
    },
  ],
  [MDY, (m) => ({ y: +m[3]!, mo: MONTHS.get(m[1]!.toLowerCase().replace(/\s+/g, ' ')) ?? 0, d: +m[2]! })],
  [DMY, (m) => ({ y: +m[3]!, mo: MONTHS.get(m[2]!.toLowerCase().replace(/\s+/g, ' ')) ?? 0, d: +m[1]! })],
  [
    NUMERIC,
    (m, order) => {
      const a = +m[1]!;
      const b = +m[3]!;
      // Dots and dashes are day first; slashes month first on US pages (and in machine values) and day
      // first elsewhere, unless the numbers say otherwise.
      const monthFirst = m[2] !== '/' || order.dayFirst ? b > 12 && a <= 12 : a <= 12;
      // "06-12-34" is more often a phone number than a date: dashes need a four-digit year.
      if (m[2] === '-' && m[4]!.length === 2) return undefined;
      // "1.2.19" is a version number: with dots, a two-digit year needs a two-digit first part ("11.5.12").
      if (m[2] === '.' && m[4]!.length === 2 && m[1]!.length < 2) return undefined;
      return monthFirst ? { y: fullYear(m[4]!), mo: a, d: b } : { y: fullYear(m[4]!), mo: b, d: a };
    },
  ],
  [CJK, (m) => ({ y: +m[1]!, mo: +m[2]!, d: +m[3]! })],
];

const collapse = (text: string) => text.replace(/\s+/g, ' ');

/** Every date written in `text` (whitespace collapsed first), in order, none overlapping another. */
export function findDates(text: string, order: DateOrder = {}): DateHit[] {
  if (!/\d/.test(text)) return [];
  // The comment finders, the judge and the field reader ask of the same lines, each several times a page.
  return datesIn(`${order.dayFirst ? 'd' : 'm'}${text}`).slice();
}

/** How many texts' dates are remembered (cleared when full). */
const REMEMBERED_TEXTS = 2000;

/** findDates of a text behind its order's letter (`d` day first, `m` month first); callers get a copy of the list. */
const datesIn = memoize(REMEMBERED_TEXTS, (key: string): readonly DateHit[] => readDates(key.slice(1), { dayFirst: key[0] === 'd' }));

function readDates(text: string, order: DateOrder): DateHit[] {
  const t = collapse(text);
  if (!/\d/.test(t)) return [];
  const hits: DateHit[] = [];
  for (const [re, read] of READERS) {
    re.lastIndex = 0;
    for (let m = re.exec(t); m; m = re.exec(t)) {
      const r = read(m, order);
      if (!r || !validDay(r.y, r.mo, r.d)) continue;
      let end = m.index + m[0].length;
      let time = r.time;
      if (!time) {
        const after = timeAt(t, end);
        if (after) {
          time = after;
          end = after.end;
        }
      } else {
        const z = time.offset ? undefined : zoneAt(t, end);
        if (z) {
          time = { ...time, ...z };
          end = z.end;
        }
      }
      const moment = withTime({ y: r.y, mo: r.mo, d: r.d }, time);
      hits.push({ at: m.index, length: end - m.index, moment, iso: toIso(moment), timed: !!time });
    }
  }
  hits.sort((a, b) => a.at - b.at || b.length - a.length);
  const out: DateHit[] = [];
  for (const h of hits) {
    const last = out[out.length - 1];
    if (!last || h.at >= last.at + last.length) out.push(h);
  }
  return out;
}

/** The first date written for people in `text` (whitespace collapsed): its ISO form and where it is. */
export function findDate(text: string, order: DateOrder = {}): { iso: string; at: number; length: number; text: string } | undefined {
  const hit = findDates(text, order)[0];
  return hit && { iso: hit.iso, at: hit.at, length: hit.length, text: collapse(text) };
}

/** The first date written for people in `text`, as ISO 8601; undefined when there is none. */
export function isoFromText(text: string, order: DateOrder = {}): string | undefined {
  return findDates(text, order)[0]?.iso;
}

/** Whether a short text carries a date written for people, or a relative one ("3 days ago"). */
export function hasDate(text: string): boolean {
  return findDates(text).length > 0 || RELATIVE.test(text);
}

/**
 * A machine date (an attribute, a meta tag, JSON-LD) to ISO 8601, keeping its offset: ISO forms, Unix
 * seconds or milliseconds, and the forms HTTP and RSS use ("Tue, 03 Dec 2024 10:00:00 GMT"). A date
 * written for people is read as such, with no offset invented.
 */
export function isoFromMachine(raw: string | null | undefined, order: DateOrder = {}): string | undefined {
  const s = raw?.trim();
  if (!s) return undefined;
  const m = ISO_MACHINE.exec(s);
  if (m) {
    const [, y, mo, d, h, mi, sec, tz] = m;
    if (!validDay(+y!, +mo!, +d!)) return undefined;
    if (!h) return `${y}-${mo}-${d}`;
    return `${y}-${mo}-${d}T${h}:${mi}:${sec ?? '00'}${tz ? isoOffset(tz) : ''}`;
  }
  if (/^\d{10}$|^\d{13}$/.test(s)) {
    const n = Number(s);
    return new Date(s.length === 10 ? n * 1000 : n).toISOString().replace('.000Z', 'Z');
  }
  const written = findDates(s, order)[0];
  if (written) return written.iso;
  // RFC 2822 and the like, only when the zone is written: Date.parse would read a zone-less value in this
  // machine's zone.
  if (/(?:\bGMT\b|\bUTC\b|[+-]\d{4}\b|Z$)/.test(s)) {
    const t = Date.parse(s);
    if (!Number.isNaN(t)) {
      const y = new Date(t).getUTCFullYear();
      if (y >= MIN_YEAR && y <= MAX_YEAR) return new Date(t).toISOString().replace('.000Z', 'Z');
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------- date lines

const LABEL_WORDS = new Set([...DATE_LABELS.published, ...DATE_LABELS.modified].flatMap((w) => w.split(' ')));
const WEEKDAY_WORDS = new Set(WEEKDAYS);
const MODIFIED_LABEL = new RegExp(`(?<![\\p{L}])(?:${alternation(DATE_LABELS.modified)})(?![\\p{L}])`, 'iu');
const PUBLISHED_LABEL = new RegExp(`(?<![\\p{L}])(?:${alternation(DATE_LABELS.published.filter((w) => w.length > 3))})(?![\\p{L}])`, 'iu');

/** What a date line says of its date: changed ("Updated …"), published ("Posted on …"), or nothing. */
export function labelOf(textBefore: string): 'modified' | 'published' | undefined {
  const words = textBefore.slice(-40);
  if (MODIFIED_LABEL.test(words)) return 'modified';
  if (PUBLISHED_LABEL.test(words)) return 'published';
  return undefined;
}

/**
 * The words of `text` that are neither dates, times, zones, weekdays nor date labels: what is left when a
 * line is read as a date line ("Posted on April 13, 2023" leaves nothing; "Jane Doe | July 2, 2025"
 * leaves ["Jane", "Doe"]).
 */
export function wordsBesideDates(text: string, order: DateOrder = {}): string[] {
  let rest = collapse(text);
  for (const h of findDates(rest, order).reverse()) rest = `${rest.slice(0, h.at)} ${rest.slice(h.at + h.length)}`;
  rest = rest.replace(TIME_ANYWHERE, ' ');
  const words = rest.match(/[\p{L}][\p{L}'’.-]*/gu) ?? [];
  return words.filter((w) => {
    const k = w.toLowerCase().replace(/[.:]+$/, '');
    return k.length > 0 && !LABEL_WORDS.has(k) && !WEEKDAY_WORDS.has(k) && !(w in ZONES) && !(w in US_ZONES) && !/^[ap]\.?m\.?$/i.test(w);
  });
}
