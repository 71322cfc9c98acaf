/**
 * Bylines, the one module for both paths: the words that open a byline come from the phrase files
 * (rules/phrases/<lang>.yaml `bylines:`, every language's on every page: a page in one language quotes a
 * byline in another); the shapes of a byline and of a name are here.
 *
 * - `cleanAuthor`, `splitAuthors`: names out of the values a page declares (meta tags, JSON-LD, rule selectors,
 *   Readability's byline), with the head word, a dateline before and a date after taken off (HTML metadata);
 * - `isBylineLine`, `isAuthorLine`: a block at the body's edge that is only a byline (HTML post-clean);
 * - `readBylineBlock`: the names of a byline block of a text capture, `bylineInDateline`: the "By …" part of a
 *   dateline block, `personNames`: the parts of a byline's name list that are a person's name (text path).
 *
 * The comment readers (src/comments/fields.ts) add their own heads ("posted by") to `bylineHeads`.
 */
import type { Vocabulary } from './rules/vocabulary.js';
import { allBylineHeads } from './rules/vocabulary.js';
import { wordsOf } from './words.js';

/** A byline line of a text capture has at most this many words. */
const BYLINE_MAX_WORDS = 14;
/** An author value longer than this is page text a selector caught, not a name. */
const MAX_AUTHOR_CHARS = 100;

/** A dateline before a byline: a place in capitals, maybe an agency, then a dash ("NEW YORK --", "LONDON (Reuters) -"). */
const DATELINE = /^[A-Z][A-Z.' ]+(?:\([^)]*\)\s*(?:--?|—|–)|--|—|–)\s+/;
/** A date or a time as bylines print them ("March 3, 2024", "3 March 2024", "03/05/2024", "2024-03-05", "10:30 AM"). */
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
const DATE_TEXT = String.raw`(?:${MONTH} \d{1,2}(?:st|nd|rd|th)?,? \d{4}|\d{1,2}\.? ${MONTH} \d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}\s*(?:am|pm)?)`;
/** What trails a name in a byline block: a date, a time or an update note ("Jane Doe, March 3, 2024", "Jane Doe | Updated 10:30 AM"). */
const TRAILING_DATE = new RegExp(String.raw`(?:\s*[,|·•]\s*|\s+)(?:(?:updated|published|posted|last modified)\b|${DATE_TEXT}).*$`, 'i');
const DATE_ONLY = new RegExp(String.raw`^${DATE_TEXT}`, 'i');
/** "and" between two names, in the languages bylines are read in. */
const AND = String.raw`\band\b|\bund\b|\bet\b|\by\b`;
/** Between two names of a declared author value: a comma, "and", "&". */
const NAME_SEPARATOR = new RegExp(String.raw`\s*(?:,|${AND}|&)\s*`, 'i');
/** Between two names of a byline line of a text capture: also a semicolon, a bar or a spaced dash. */
const PERSON_SEPARATOR = new RegExp(String.raw`\s*(?:,|;|\||${AND}|&|\s[—–-]\s)\s*`, 'u');

/** A name word of a byline line: capitalised, maybe with initials, hyphens and apostrophes. */
const NAME = String.raw`\p{Lu}[\p{L}.'’-]+(\s+\p{Lu}?[\p{L}.'’-]+)`;
/** The words joining names in a byline line, in the languages of the phrase files. */
const JOINERS = '(,|and|und|et|y|e|i|&)';

/** Words that mark an organisation or a job title, not a person, in a byline. */
const NOT_A_NAME = /\b(?:press|news|times|post|journal|herald|tribune|reuters|afp|agency|media|staff|writer|reporter|correspondent|editor|contributor|columnist|service|wire|network|team|desk|bureau|daily|online)\b/i;
/** A person's name: capitalised words, with the particles names carry ("van", "de", "bin"). */
const PERSON = /^\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|van|von|de|da|del|der|la|le|bin|al|el)){0,4}$/u;

interface Patterns {
  /** The head word at the start of a value, with the space after it. */
  head: RegExp;
  /** A block that is only a byline: a head word, up to six name words, more names joined by commas and "and". */
  line: RegExp;
  /** A byline block of a text capture: a head word and the rest. */
  block: RegExp;
  /** The "By …" part of a dateline block ("By Jane Doe | Published 12/05/2023"). */
  inDateline: RegExp;
}

const compiled = new WeakMap<Vocabulary, Patterns>();

function patternsOf(vocabulary: Vocabulary): Patterns {
  let p = compiled.get(vocabulary);
  if (p) return p;
  const heads = bylineHeads(vocabulary).join('|');
  // A head word may open the value with a capital ("By", "Von"): the rest of the pattern keeps its case.
  const capitalised = bylineHeads(vocabulary)
    .map((h) => `[${h[0]}${h[0]!.toUpperCase()}]${h.slice(1)}`)
    .join('|');
  p = {
    head: new RegExp(`^(${heads})\\s+`, 'i'),
    // "de" also opens a byline line (Spanish and Portuguese), only before a capitalised name; it is no head word
    // of the phrase files, since the author values would lose it from names such as "de Gaulle". Case matters
    // here: the names are capitalised, and the head is matched as written in the phrase files (lower case).
    line: new RegExp(String.raw`^(${heads}|de)\s+${NAME}{0,5}(\s*${JOINERS}\s*${NAME}{0,4})*\s*(\|.*)?$`, 'u'),
    block: new RegExp(`^(?:${heads})\\s+(.+)$`, 'iu'),
    inDateline: new RegExp(String.raw`(?:^|\|\s*|\s)(?:${capitalised})\s+((?:\p{Lu}[\p{L}.'’-]*)(?:(?:\s+|\s*,\s*)(?:\p{Lu}[\p{L}.'’-]*|and|&))*)`, 'u'),
  };
  compiled.set(vocabulary, p);
  return p;
}

/** Every language's byline head words ("by", "von", "par", …), lower case, each once. */
export function bylineHeads(vocabulary: Vocabulary): string[] {
  return allBylineHeads(vocabulary);
}

/** A byline without what surrounds the names: spacing, a dateline, the head word, a trailing date. */
function bylineText(raw: string, vocabulary: Vocabulary): string {
  const text = raw
    .replace(/\s+/g, ' ')
    .trim()
    .replace(DATELINE, '')
    .replace(patternsOf(vocabulary).head, '')
    .replace(TRAILING_DATE, '')
    .trim();
  return DATE_ONLY.test(text) ? '' : text;
}

/** "By Jane Doe, March 3, 2024" -> "Jane Doe"; URLs, datelines, dates and empty names dropped. */
export function cleanAuthor(raw: string | null | undefined, vocabulary: Vocabulary): string | undefined {
  if (!raw) return undefined;
  const s = bylineText(raw, vocabulary);
  if (!s || !/\p{L}/u.test(s) || /^https?:\/\//i.test(s) || s.length > MAX_AUTHOR_CHARS) return undefined;
  return s;
}

/** Names from declared byline values: each split at commas and "and", then cleaned; each name once. */
export function splitAuthors(values: string[], vocabulary: Vocabulary): string[] {
  const names = values.flatMap((v) => bylineText(v, vocabulary).split(NAME_SEPARATOR)).map((n) => cleanAuthor(n, vocabulary));
  return [...new Set(names.filter((x): x is string => !!x))];
}

/** A block that is only a byline ("By Jane Doe and John Roe", "Von Max Muster | Berlin"). */
export function isBylineLine(text: string, vocabulary: Vocabulary): boolean {
  return patternsOf(vocabulary).line.test(text);
}

/** A normalised line that is only an author's name, with or without a head word ("jane doe", "by jane doe", "von max muster"). */
export function isAuthorLine(norm: string, authors: string[], vocabulary: Vocabulary): boolean {
  const heads = bylineHeads(vocabulary);
  return authors.some((n) => norm === n || heads.some((h) => norm === `${h} ${n}`));
}

/** Authors named by a byline block of a text capture ("By Jane Doe and John Roe, Associated Press"), or undefined. */
export function readBylineBlock(text: string, vocabulary: Vocabulary): string[] | undefined {
  const m = patternsOf(vocabulary).block.exec(text.trim());
  if (!m || wordsOf(text).length > BYLINE_MAX_WORDS || /[.!?]$/.test(text.trim().replace(/\b\p{Lu}\.$/u, ''))) return undefined;
  return personNames(m[1]!);
}

/** The "By …" part of a dateline block: the names, and the block without them. */
export function bylineInDateline(text: string, vocabulary: Vocabulary): { names: string; rest: string } | undefined {
  const m = patternsOf(vocabulary).inDateline.exec(text);
  if (!m) return undefined;
  return { names: m[1]!.trim().replace(/[,\s]+$/, ''), rest: text.replace(m[0], ' ') };
}

/** Person names out of a byline's name part; undefined when none looks like a name. */
export function personNames(names: string): string[] | undefined {
  const parts = names
    .split(PERSON_SEPARATOR)
    .map((p) => p.trim())
    .filter(Boolean);
  const people = parts.filter((p) => !NOT_A_NAME.test(p) && PERSON.test(p) && /\s/.test(p));
  return people.length ? people : undefined;
}
