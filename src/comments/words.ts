/**
 * The words of reader-comment chrome ("says", "posted by", "Reader comments", "Reply", "42 comments"), read from
 * the `comments:` block of every bundled phrase file (rules/phrases/<lang>.yaml; what each list means: en.yaml),
 * and the patterns the comment readers build from them. Every language's words are used on every page: threads
 * mix languages and pages mis-declare theirs. Loaded once per process, on first use, from the build's compiled
 * rules (scripts/compile-rules.ts).
 *
 * What is not vocabulary stays in TypeScript: markup names (class and id tokens, src/comments/cues.ts) and the
 * shape of a line (a date, punctuation, counts).
 */
import { join } from 'node:path';
import { BUNDLED_RULES_DIR, listRuleFiles, loadRuleFile } from '../rules/load.js';
import type { RuleFile } from '../rules/types.js';

const LISTS = ['says', 'posted', 'stamps', 'headings', 'nouns', 'controls', 'prompts', 'gated'] as const;
export type CommentWordList = (typeof LISTS)[number];
export type CommentWords = Record<CommentWordList, string[]>;

/** The words of every phrase file's `comments:` block, each once, in file order. */
export function commentWordsOf(files: RuleFile[]): CommentWords {
  const out = Object.fromEntries(LISTS.map((k) => [k, [] as string[]])) as CommentWords;
  for (const f of files) {
    if (f.kind !== 'phrases' || !f.comments) continue;
    const block = f.comments as Partial<Record<CommentWordList, string[]>>;
    for (const k of LISTS) for (const w of block[k] ?? []) if (!out[k].includes(w.toLowerCase())) out[k].push(w.toLowerCase());
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '\\s+');

/** Longest first, so "posted by" is tried before "by". */
export function alt(words: readonly string[]): string {
  return [...words].sort((a, b) => b.length - a.length).map(escape).join('|');
}

/** Word edges that know letters outside ASCII ("zgłoś", "écrit"); patterns built with them take the `u` flag. */
export const W0 = '(?<![\\p{L}\\p{N}_])';
export const W1 = '(?![\\p{L}\\p{N}_])';

const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** The patterns the readers share, built once from the words. */
export interface CommentPatterns {
  words: CommentWords;
  /** A meta-line word anywhere: a verb of saying, a "posted by" head or a stamp ("posted", "submitted"). */
  metaWord: RegExp;
  /** A "says" verb or a meta-line head at the start: a comment's author cue. */
  authorCue: RegExp;
  /** A lower-case verb of saying and what follows it ("Ann says: …" -> "Ann"); "Omar Said" is a name. */
  saysTail: RegExp;
  /** A verb of saying as printed after a name (lower case or capitalised), with its colon; global. */
  saysAfterName: RegExp;
  /** A lone verb of saying ("Says:"). */
  saysAlone: RegExp;
  /** A meta-line head at the start, with its colon ("Posted by: "). */
  postedHead: RegExp;
  /** A lone meta-line head ("Posted by"). */
  postedAlone: RegExp;
  /** The author after a head: "by james on January 31" -> "james". */
  postedName: RegExp;
  /** "Posted on March 3 by", "submitted by": a stamp, then maybe a head. */
  stampedHead: RegExp;
  /** A line that reads as a comment's meta line by its words. */
  metaLine: RegExp;
  /** A heading over a thread ("Comments", "3 Reader comments", "Have your say"), start of the heading. */
  headingStart: RegExp;
  /** The whole text is a heading over a thread ("Reader comments (12):"). */
  headingWhole: RegExp;
  /** A counter: "42 Comments", "Comments (3)", "1 Response". */
  counter: RegExp;
  /** A whole block that is a control: "Reply", "Report abuse", "Reply to this comment", "12 likes". */
  control: RegExp;
  /** Wording around a thread: forms, notices, sort options (anywhere in a block; global-ready source). */
  prompt: RegExp;
  /** The rest of a block is only a noun or a control ("Comments", "Reply"). */
  bareWord: RegExp;
  /** Phrases that mean a section only asks the reader to log in or subscribe before commenting. */
  gated: string[];
}

export function compilePatterns(words: CommentWords): CommentPatterns {
  const says = alt(words.says);
  const posted = alt(words.posted);
  const saysCased = alt([...new Set([...words.says, ...words.says.map(cap)])]);
  const nouns = alt(words.nouns);
  return {
    words,
    metaWord: new RegExp(`${W0}(?:${alt([...words.says, ...words.posted, ...words.stamps])})${W1}`, 'iu'),
    authorCue: new RegExp(`${W0}(?:${says})${W1}|^\\s*(?:${posted})${W1}`, 'iu'),
    saysTail: new RegExp(`\\s+(?:${says})${W1}.*$`, 'u'),
    saysAfterName: new RegExp(`(?<=\\s)(?:${saysCased})${W1}\\s*(?::|\\.\\.\\.|…|,)?\\s*`, 'gu'),
    saysAlone: new RegExp(`^(?:${says})\\s*(?::|\\.\\.\\.|…)?$`, 'iu'),
    postedHead: new RegExp(`^(?:${posted})${W1}\\s*:?\\s*`, 'iu'),
    postedAlone: new RegExp(`^(?:${posted})\\s*:?$`, 'iu'),
    postedName: new RegExp(`^\\s*(?:${posted})\\s*:?\\s+([^\\n,|]{1,60}?)(?:\\s+(?:on|at|am|\\|)\\s|\\s*[,|]|\\s+\\d|$)`, 'iu'),
    stampedHead: new RegExp(`^(?:(?:${alt(words.stamps)})\\s+(?:on\\s+|at\\s+)?)?(?:${posted})${W1}\\s*:?\\s*`, 'iu'),
    metaLine: new RegExp(`${W0}(?:${alt([...words.says, ...words.stamps])})${W1}|^(?:${posted})${W1}`, 'iu'),
    headingStart: new RegExp(`^(?:\\d+\\s+)?(?:${alt([...words.headings, ...words.nouns])})${W1}`, 'iu'),
    headingWhole: new RegExp(`^(?:\\d+\\s+)?(?:${alt(words.headings)})(?:\\s*\\(\\d+\\))?\\s*:?$`, 'iu'),
    counter: new RegExp(`^(?:\\d+\\s+(?:${nouns})|(?:${nouns})\\s*[(:]?\\s*\\d+\\)?)${W1}`, 'iu'),
    control: new RegExp(
      `^(?:${alt(words.controls)}|\\d+\\s*(?:likes?|replies|points?))(?:\\s+to(?:\\s+this)?(?:\\s+(?:comment|post|thread))?)?(?:\\s*\\(\\d+\\))?\\s*[↓»›]?$`,
      'iu',
    ),
    prompt: new RegExp(`${W0}(?:${alt(words.prompts)})${W1}`, 'iu'),
    bareWord: new RegExp(`^[^\\p{L}\\p{N}]*(?:${alt([...words.nouns, ...words.controls])})[^\\p{L}\\p{N}]*$`, 'iu'),
    gated: words.gated,
  };
}

let bundled: CommentPatterns | undefined;

/** The patterns from the bundled phrase files, built on first use. */
export function commentPatterns(): CommentPatterns {
  if (!bundled) {
    const files = listRuleFiles(join(BUNDLED_RULES_DIR, 'phrases')).map((p) => loadRuleFile(p));
    bundled = compilePatterns(commentWordsOf(files));
  }
  return bundled;
}
