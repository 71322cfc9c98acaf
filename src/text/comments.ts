/**
 * Reader comments appended to a text capture after the article. Nothing in plain text marks where the
 * article ends, so this reads the cues a reader would use: a closing credit line ("The Associated Press
 * contributed to this report.", "Reporting by ..."), a "Comments" heading, and above all a change of
 * voice — news paragraphs are third-person, attributed ("..., he said") and edited; comments speak in
 * the first and second person, shout in capitals and exclamation marks, start in lower case, insult and
 * leave sentences unfinished.
 */
import type { Comment } from '../types.js';
import type { Block } from './blocks.js';
import { wordsOf } from '../words.js';
import { readDateline } from './dateline.js';
import { alt, commentPatterns } from '../comments/words.js';

/** A block after which the article is over: agency credits, reporting credits, copyright, end marks. */
const CLOSING_LINE = [
  /\bcontributed (?:to )?(?:this|the) (?:report|article|story)\b/i,
  /^(?:additional )?(?:reporting|writing|editing|research) (?:by|from)\b/i,
  /^(?:[-–—]+\s*)?\(?(?:ap|afp|reuters|the associated press|associated press|upi|dpa)\)?\s*$/i,
  /^(?:copyright|©)\s*(?:\(c\)\s*)?(?:19|20)\d\d\b/i,
  /\ball rights reserved\.?\s*$/i,
  /^this (?:story|article|report) (?:has been|was) (?:updated|corrected|produced|originally published)\b/i,
  /^(?:#{3}|-30-|—30—|\*\s?\*\s?\*|end)\s*$/i,
];

/** Attribution: how news prose quotes and sources people. */
const ATTRIBUTION = /\b(?:said|says|told|according to|stated|announced|added|reported|noted|wrote|explained|declined to comment|spokes(?:man|woman|person)|officials?)\b/i;
const FIRST_SECOND_PERSON = /\b(?:i'm|i've|i'd|i'll|me|my|mine|myself|we|we're|we've|we'll|our|ours|you|you're|you've|you'll|your|yours)\b/i;
/** "I", and "us", "u", "ya" only in lower case ("US" is the country, "U.S." too). */
const FIRST_PERSON_CASED = /\bI\b|\b(?:us|u|ya)\b/;
/** Informal, insulting or censored words: the register of a comment box, not of an edited article. */
const INFORMAL = /\b(?:lol|lmao|omg|wtf|smh|imho|imo|bs|heck|hell|damn|crap|idiots?|morons?|fools?|stupid|dumb|clowns?|libtards?|sheeple|amen|golly|wake up|shame on)\b|,\s*period\.?$|\w\*{2,}\w*|\*{3,}|[!?]{2,}/i;
/** Imperatives a comment opens with; news paragraphs do not address the reader like this. */
const IMPERATIVE_START = /^(?:remember|don'?t|do not|never|find|look|think|stop|get|wake|imagine|read|try|quit|go)\b/i;
const TERMINAL = /[.!?…"”’)\]]$/;
/** A transcript line ("Q: ...", "KERRY: ..."): an interview speaks in the first person, but is the article. */
const SPEAKER_LABEL = /^(?:[QqAa]|\p{Lu}[\p{Lu}.'’ -]{1,30}):\s/u;

/** The article must keep at least this many blocks and words before comments are split off. */
const MIN_ARTICLE_BLOCKS = 3;
const MIN_ARTICLE_WORDS = 80;
/** Per-block score above which a block counts as written in a comment's voice. */
const COMMENT_LIKE = 1;
/** Bias of the split: a block must score above this to pull the split before it. */
const SPLIT_BIAS = 0.5;

/** Text outside quotation marks: what the writer says in their own voice. */
function ownVoice(text: string): string {
  return text
    .replace(/“[^”]*(?:”|$)/g, ' ')
    .replace(/"[^"]*(?:"|$)/g, ' ')
    .replace(/(?:^|\s)‘[^’]*’(?=\s|[.,;:!?]|$)/g, ' ');
}

/** All-caps words of three letters or more: shouting, unless the word is an acronym the article uses. */
function shouting(text: string, acronyms: Set<string>): number {
  return (text.match(/\b\p{Lu}{3,}\b/gu) ?? []).filter((w) => !acronyms.has(w)).length;
}

/** How much a block reads like a reader's comment rather than news prose (negative: like news). */
export function commentScore(text: string, acronyms: Set<string> = new Set()): number {
  const own = ownVoice(text);
  let score = 0;
  if (FIRST_SECOND_PERSON.test(own.replace(/[‘’ʼ]/g, "'")) || FIRST_PERSON_CASED.test(own)) score += 1;
  if (/!/.test(own)) score += 1;
  if (/\?/.test(own)) score += 0.5;
  if (shouting(own, acronyms) > 0) score += 1;
  if (/^\p{Ll}\p{Ll}/u.test(text) && !/^\p{Ll}+\p{Lu}/u.test(text)) score += 1;
  if (!TERMINAL.test(text.trim())) score += 0.5;
  if (INFORMAL.test(own)) score += 1;
  if (IMPERATIVE_START.test(text)) score += 0.5;
  if (/(?:\.\.\.|…)\s*$/.test(text)) score += 0.3;
  if (ATTRIBUTION.test(own)) score -= 1.5;
  if (SPEAKER_LABEL.test(text)) score -= 2;
  if (own.length < text.length * 0.7 && ATTRIBUTION.test(text)) score -= 1;
  return score;
}

export function isCommentsHeading(text: string): boolean {
  // The phrase files' `headings` (a whole heading): "Reactions" or "Discussion" alone are article subheads too.
  return text.length <= 60 && commentPatterns().headingWhole.test(text.trim());
}

export function isClosingLine(text: string): boolean {
  return wordsOf(text).length <= 30 && CLOSING_LINE.some((re) => re.test(text.trim()));
}

export interface CommentSplit {
  article: Block[];
  comments: Block[];
  /** What told the article's end: `heading`, `closing-line` or `voice`. */
  cue?: 'heading' | 'closing-line' | 'voice';
}

/**
 * Splits blocks into the article and the reader comments appended after it. With no convincing change of
 * voice at the end, everything stays article: losing a comment to the body is better than cutting an article.
 */
export function splitAppendedComments(blocks: Block[]): CommentSplit {
  const n = blocks.length;
  if (n <= MIN_ARTICLE_BLOCKS) return { article: blocks, comments: [] };

  // Acronyms the article itself writes in capitals (ISIS, NATO) are not shouting.
  const acronyms = new Set<string>();
  for (const b of blocks.slice(0, Math.max(MIN_ARTICLE_BLOCKS, Math.ceil(n * 0.4)))) {
    for (const w of b.text.match(/\b\p{Lu}{3,}\b/gu) ?? []) acronyms.add(w);
  }
  const scores = blocks.map((b) => commentScore(b.text, acronyms));

  // The split that best separates a news-like head from a comment-like tail: maximum suffix sum.
  let best = n;
  let bestSum = 0;
  let sum = 0;
  for (let k = n - 1; k >= MIN_ARTICLE_BLOCKS; k--) {
    sum += scores[k]! - SPLIT_BIAS;
    if (sum > bestSum) {
      bestSum = sum;
      best = k;
    }
  }

  // A closing line just above the split is where the article ends; comments between it and the split,
  // too plain to score, still belong to the comments.
  let closing = -1;
  for (let i = Math.min(best, n) - 1; i >= MIN_ARTICLE_BLOCKS - 1; i--) {
    if (isClosingLine(blocks[i]!.text)) {
      closing = i;
      break;
    }
    if (scores[i]! <= -1.5) break;
  }
  if (best < n && closing >= 0 && closing < best - 1) best = closing + 1;

  if (best >= n) return { article: blocks, comments: [] };
  const head = scores.slice(0, best);
  const tail = scores.slice(best);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const articleWords = blocks.slice(0, best).reduce((a, b) => a + wordsOf(b.text).length, 0);
  const likeShare = tail.filter((s) => s >= COMMENT_LIKE).length / tail.length;
  const newsLike = tail.filter((s) => s <= -1.5).length / tail.length;
  const contrast = mean(tail) - mean(head);
  const cue = closing === best - 1 ? 'closing-line' : undefined;

  if (articleWords < MIN_ARTICLE_WORDS || newsLike > 0.15) return { article: blocks, comments: [] };
  // With a closing line, a change of voice after it is enough; without one, the tail must be long and loud.
  const convincing = cue
    ? mean(tail) >= 0.8 && contrast >= 0.8 && likeShare >= 0.4
    : tail.length >= 3 && mean(tail) >= 1.2 && contrast >= 1.2 && likeShare >= 0.6;
  if (!convincing) return { article: blocks, comments: [] };
  return { article: blocks.slice(0, best), comments: blocks.slice(best), cue: cue ?? 'voice' };
}

/** Comment headers are short: a name and a time. */
const HEADER_MAX_WORDS = 10;
const RELATIVE_TIME = /^(.*?)[\s·•|,–—-]*\b(?:(?:\d+|an?)\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago|just now)$/iu;
/** "Jane says:", "Posted by Jane wrote": the words are the phrase files' `says` and `posted` (see words.ts). */
let headerPatterns: { says: RegExp; nameThenDate: RegExp; head: RegExp } | undefined;
function headerRes(): { says: RegExp; nameThenDate: RegExp; head: RegExp } {
  const w = commentPatterns().words;
  const posted = alt(w.posted);
  headerPatterns ??= {
    says: new RegExp(`^(?:(?:${posted})\\s+)?(.{2,40}?)\\s+(?:${alt(w.says)}):?$`, 'iu'),
    nameThenDate: new RegExp(`^(?:(?:${posted})\\s+)?(.{2,40}?)\\s*(?:[·•|–—-]|\\bon\\b|,)\\s*(.+)$`, 'u'),
    head: new RegExp(`^(?:${posted})\\s+`, 'iu'),
  };
  return headerPatterns;
}

/** A commenter's name: a handle ("bikeguy77") or up to three capitalised words ("Jane Doe"), not a phrase. */
function looksLikeName(s: string): boolean {
  const words = s.split(/\s+/);
  if (words.length === 1) return /^@?[\p{L}\d_.'’-]{2,30}$/u.test(s);
  return words.length <= 3 && words.every((w) => /^\p{Lu}[\p{L}.'’-]*$/u.test(w));
}

/** A comment's header line ("Jane Doe · 2 hours ago", "jdoe | July 1, 2016 8:07 AM", "Jane says:"). */
function readHeader(text: string): { author?: string; published?: string } | undefined {
  if (wordsOf(text).length > HEADER_MAX_WORDS || /[.!?]\s+\p{Lu}/u.test(text)) return undefined;
  const { says: SAYS, nameThenDate: NAME_THEN_DATE, head } = headerRes();
  const name = (s: string | undefined) => s?.replace(head, '').replace(/[\s·•|,:–—-]+$/u, '').trim() || undefined;
  const relative = RELATIVE_TIME.exec(text);
  if (relative && (!name(relative[1]) || looksLikeName(name(relative[1])!))) return { author: name(relative[1]) };
  const says = SAYS.exec(text);
  if (says && looksLikeName(name(says[1])!)) return { author: name(says[1]) };
  const dated = NAME_THEN_DATE.exec(text);
  if (dated && looksLikeName(name(dated[1]) ?? '')) {
    const when = readDateline(dated[2]!);
    if (when?.published) return { author: name(dated[1]), published: when.published };
  }
  const alone = readDateline(text);
  return alone?.published ? { published: alone.published } : undefined;
}

/** Comments out of the blocks after the article: one per block; a header line names the next block's author and time. */
export function toComments(blocks: Block[]): Comment[] {
  const out: Comment[] = [];
  let header: { author?: string; published?: string } | undefined;
  for (const b of blocks) {
    const h = readHeader(b.text);
    if (h) {
      header = h;
      continue;
    }
    out.push({ ...(header?.author ? { author: header.author } : {}), ...(header?.published ? { published: header.published } : {}), text: b.text, depth: 0 });
    header = undefined;
  }
  return out;
}
