/**
 * Comment dates to ISO 8601. Comment threads print dates for people ("January 31, 2011 at 9:59 am",
 * "20. Jul, 2012", "09/21/2012 at 09:38 PM"); machine dates in attributes win when present. A date with no
 * zone stays local (no offset), a bare day stays a day; relative dates ("2 hours ago") give nothing.
 */

const MONTHS: Record<string, number> = {};
[
  ['jan', 'january', 'januar', 'janvier', 'enero', 'gennaio', 'jänner', 'janeiro'],
  ['feb', 'february', 'februar', 'février', 'fevrier', 'febrero', 'febbraio', 'fevereiro'],
  ['mar', 'march', 'märz', 'maerz', 'mars', 'marzo', 'março'],
  ['apr', 'april', 'avril', 'abril', 'aprile'],
  ['may', 'mai', 'mayo', 'maggio', 'maio'],
  ['jun', 'june', 'juni', 'juin', 'junio', 'giugno', 'junho'],
  ['jul', 'july', 'juli', 'juillet', 'julio', 'luglio', 'julho'],
  ['aug', 'august', 'août', 'aout', 'agosto'],
  ['sep', 'sept', 'september', 'septembre', 'septiembre', 'settembre', 'setembro'],
  ['oct', 'october', 'oktober', 'octobre', 'octubre', 'ottobre', 'outubro', 'okt'],
  ['nov', 'november', 'novembre', 'noviembre', 'novembro'],
  ['dec', 'december', 'dezember', 'décembre', 'decembre', 'diciembre', 'dicembre', 'dezembro', 'dez'],
].forEach((names, i) => names.forEach((n) => (MONTHS[n] = i + 1)));

const MONTH = `(${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')})\\.?`;
const TIME = String.raw`(?:\s*(?:,|at|um|à|a las|alle|@|-|–|\|)?\s*(\d{1,2})[:h.](\d{2})(?::(\d{2}))?\s*([ap])?\.?\s*m?\.?(?:\s*uhr\b)?)?`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th|\.)?`;

/** "January 31, 2011 at 9:59 am", "Nov 7th 2012 9:42pm" */
const MDY = new RegExp(String.raw`\b${MONTH}\s+${DAY},?\s+(\d{4})${TIME}`, 'iu');
/** "31 January 2011 09:59", "20. Jul, 2012", "7. November 2012 um 21:42" */
const DMY = new RegExp(String.raw`\b${DAY}\s*${MONTH},?\s+(\d{4})${TIME}`, 'iu');
/** "2012-11-07 21:42", "2012/11/07" */
const YMD = new RegExp(String.raw`\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}`, 'i');
/** "09/21/2012 at 09:38 PM", "21.09.2012 21:38", "11.05.12 at 2:53 pm" */
const NUMERIC = new RegExp(String.raw`\b(\d{1,2})([/.])\s?(\d{1,2})\2\s?(\d{4}|\d{2})\b${TIME}`, 'i');

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function build(y: number, mo: number, d: number, h?: string, mi?: string, s?: string, ampm?: string): string | undefined {
  if (y < 100) y += y < 70 ? 2000 : 1900;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1990 || y > 2100) return undefined;
  const day = `${y}-${pad(mo)}-${pad(d)}`;
  if (h === undefined || mi === undefined) return day;
  let hour = Number(h);
  if (ampm) {
    const pm = ampm.toLowerCase() === 'p';
    if (hour === 12) hour = pm ? 12 : 0;
    else if (pm) hour += 12;
  }
  if (hour > 23 || Number(mi) > 59) return day;
  return `${day}T${pad(hour)}:${mi}:${s ?? '00'}`;
}

/** A machine-readable date (attribute value) to ISO 8601, keeping its offset. */
export function isoFromMachine(raw: string | null | undefined): string | undefined {
  const s = raw?.trim();
  if (!s) return undefined;
  const m = ISO_RE.exec(s);
  if (m) {
    const [, y, mo, d, h, mi, sec, tz] = m;
    if (!h) return `${y}-${mo}-${d}`;
    let zone = '';
    if (tz) zone = tz.toUpperCase() === 'Z' ? 'Z' : `${tz.slice(0, 3)}:${tz.slice(-2)}`;
    return `${y}-${mo}-${d}T${h}:${mi}:${sec ?? '00'}${zone}`;
  }
  if (/^\d{10}$|^\d{13}$/.test(s)) {
    const n = Number(s);
    return new Date(s.length === 10 ? n * 1000 : n).toISOString().replace('.000Z', 'Z');
  }
  return undefined;
}

/** The first date written for people in `text`, as ISO 8601; undefined when there is none. */
export function isoFromText(text: string): string | undefined {
  return findDate(text)?.iso;
}

/** The first date written for people in `text` (whitespace collapsed): its ISO form and where it is. */
export function findDate(text: string): { iso: string; at: number; length: number; text: string } | undefined {
  const t = text.replace(/\s+/g, ' ');
  const found: Array<{ at: number; length: number; iso: string; text: string }> = [];
  const push = (m: RegExpExecArray | null, iso: string | undefined) => {
    if (m && iso) found.push({ at: m.index, length: m[0].length, iso, text: t });
  };
  let m = MDY.exec(t);
  if (m) push(m, build(Number(m[3]), MONTHS[m[1]!.toLowerCase()] ?? 0, Number(m[2]), m[4], m[5], m[6], m[7]));
  m = DMY.exec(t);
  if (m) push(m, build(Number(m[3]), MONTHS[m[2]!.toLowerCase()] ?? 0, Number(m[1]), m[4], m[5], m[6], m[7]));
  m = YMD.exec(t);
  if (m) push(m, build(Number(m[1]), Number(m[2]), Number(m[3]), m[4], m[5], m[6], m[7]));
  m = NUMERIC.exec(t);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    // Slashes are month first (US), dots day first (Europe), unless the numbers say otherwise.
    const monthFirst = m[2] === '/' ? a <= 12 : b > 12 && a <= 12;
    push(m, monthFirst ? build(Number(m[4]), a, b, m[5], m[6], m[7], m[8]) : build(Number(m[4]), b, a, m[5], m[6], m[7], m[8]));
  }
  if (!found.length) return undefined;
  found.sort((x, y) => x.at - y.at);
  return found[0];
}

/** Whether a short text carries a date written for people (a cue that a block is a comment's meta line). */
export function hasDate(text: string): boolean {
  return isoFromText(text) !== undefined || /\b\d+\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago\b/i.test(text);
}
