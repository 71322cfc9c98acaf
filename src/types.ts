/** Public types of declutter: what goes in, what comes out, and the options. */
import type { Logger } from './log.js';
import type { ErrorCode } from './errors.js';

export type { ErrorCode };

/** One page to clean. Give `html` (string or raw bytes) or `text` (an already-extracted capture). */
export interface PageInput {
  /** Caller's id for the page; echoed on the result (also on error records). */
  id?: string;
  /** The page's URL; picks outlet rules and resolves relative links. */
  url?: string;
  /** The page's HTML, as a string or as the raw bytes (charset is sniffed). */
  html?: string | Uint8Array;
  /** Plain text already extracted from a page (blocks separated by blank lines or newlines). */
  text?: string;
  /** The HTTP Content-Type header, when known (its charset wins over the page's own). */
  contentType?: string;
}

/** Why a piece of the page was taken out. Few and plain, so a reader can filter on them. */
export const CATEGORIES = [
  'paywall',
  'subscribe',
  'login',
  'newsletter',
  'author-bio',
  'byline',
  'related',
  'share',
  'ad',
  'promo',
  'credit',
  'caption',
  'duplicate',
  'navigation',
  'cookie',
  'comments-ui',
  'comments',
  'dateline',
  'title',
  'hidden',
  'boilerplate',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** One entry of the audit trail: something the cleaner took out of the page and why. */
export interface Removal {
  category: Category;
  /** Id of the rule (file id, with the item, e.g. `generic#share`) that removed it. */
  rule: string;
  /** A short preview of the removed text (at most ~160 characters). */
  text: string;
  /** The selector or phrase that matched, when there is one. */
  selector?: string;
}

export interface Comment {
  id?: string;
  parentId?: string;
  author?: string;
  /** ISO 8601. */
  published?: string;
  /**
   * The comment's meta lines as the page prints them above its text (author, date, "says:"), without
   * controls: what `author` and `published` were read from, including what they cannot hold ("2 hours ago").
   */
  header?: string;
  text: string;
  /** The meta lines printed below the text ("Posted by: Ann at 9:48 PM"), as the page prints them. */
  footer?: string;
  html?: string;
  /** 0 for a top-level comment, 1 for a reply to it, and so on. */
  depth: number;
}

export type CommentStatus = 'present' | 'none' | 'gated' | 'external';

export interface Comments {
  status: CommentStatus;
  /** The comment system, when known (e.g. `disqus`, `wordpress`, `blox`). */
  provider?: string;
  /**
   * `thread` when the page's repeated posts are its content (a forum thread, a Q&A page): the first post is the
   * body and the replies are the items. Absent for reader comments under an article.
   */
  kind?: 'thread';
  /**
   * Why the comments read as they do, in plain words: for each thread taken, its finder and evidence ("li.comment
   * x14 (comments#markup), because named items 2, …"); when none was taken, the candidates the arbiter turned
   * down and why. Absent when no finder proposed anything.
   */
  evidence?: string[];
  items: Comment[];
}

export type AccessStateName = 'free' | 'metered' | 'registration' | 'subscription' | 'unknown';

export interface AccessState {
  state: AccessStateName;
  /** True when the body looks cut short by a paywall. */
  truncated: boolean;
  /** What led to the state, in plain words (e.g. `json-ld isAccessibleForFree=false`). */
  evidence: string[];
}

export interface CleanError {
  /** Stable machine-readable code, e.g. `EMPTY_INPUT`, `TOO_LARGE`, `TIMEOUT` (the README lists them all). */
  code: ErrorCode;
  message: string;
}

export interface CleanResult {
  id?: string;
  url?: string;
  title?: string;
  authors: string[];
  /** ISO 8601. */
  published?: string;
  /** ISO 8601. */
  modified?: string;
  siteName?: string;
  section?: string;
  lang?: string;
  description?: string;
  canonicalUrl?: string;
  /** The article body: paragraphs separated by one blank line. */
  text: string;
  /** The article body as sanitised HTML. */
  html: string;
  comments: Comments;
  access: AccessState;
  /** The audit trail: everything taken out, with category, rule and preview. */
  removed: Removal[];
  /** Ids of the rule files that applied to this page. */
  rules: string[];
  /** Things the caller should know (e.g. a thin body, no article found). */
  warnings: string[];
  /** Set instead of throwing in batch and stream use. */
  error?: CleanError;
  /** With the `explain` option: the audit trail as readable text. */
  explain?: string;
}

export type DomName = 'jsdom' | 'linkedom';

export interface CleanOptions {
  /** Which DOM implementation parses HTML. Default `linkedom` (fast); `jsdom` is spec-exact. */
  dom?: DomName;
  /** Extra rule folders, layered over the bundled `rules/` (same ids override). */
  rulesDirs?: string[];
  /** Use only these rule folders, not the bundled ones. */
  rulesOnly?: boolean;
  /** Switch off outlet rules (generic and platform rules still apply). */
  outletRules?: boolean;
  /** Refuse pages larger than this many bytes (default 20 MB). */
  maxBytes?: number;
  /**
   * Rule items and post-clean steps switched off by name, as a rule file's `disable:` does: `generic#sidebar`,
   * `phrases-de#related`, `postclean#duplicate`, `postclean#standfirst`. Each removal names its rule in
   * `removed[].rule`; this is how to find out what one of them costs or saves on your pages (HTML pages).
   */
  disable?: string[];
  /** Fill `explain` on the result: a readable account of every removal. */
  explain?: boolean;
  /** A pino (or pino-compatible) logger: at `debug`, one line per page. Nothing is logged without one. */
  logger?: Logger;
}
