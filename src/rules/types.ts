/**
 * The shape of a rule file, after YAML parsing and schema validation.
 * Rules are data: selectors, class/id tokens and phrases, never code.
 */
import type { AccessStateName, Category } from '../types.js';

export type RuleKind = 'generic' | 'phrases' | 'platform' | 'outlet';

/** One removal item: any of its selectors, tokens or phrases marks a block for removal. */
export interface RemoveItem {
  category: Category;
  /** Optional name, so an outlet can switch this item off (`disable: [generic#share]`). */
  name?: string;
  /** CSS selectors; every match is removed. */
  selectors?: string[];
  /**
   * Class/id tokens: an element whose class or id contains one of these words (split on `-`, `_`,
   * space and camelCase) is removed, unless it holds most of the page's text.
   */
  tokens?: string[];
  /** Phrases (case-insensitive substrings; `/re/` for a regex) that remove a short block made mostly of them. */
  phrases?: string[];
}

/** Selectors that say which platform a page is built on, or which vendor script it carries. */
export interface Fingerprints {
  /** Regexes matched against `<meta name="generator">`. */
  generator?: string[];
  /** Substrings matched against script `src` URLs and inline script text. */
  scripts?: string[];
  /** Any of these selectors matching means the platform is present. */
  selectors?: string[];
  /** Phrases (case-insensitive) whose presence in the page's text names the platform or outlet; the only cue a text capture has. */
  phrases?: string[];
}

export interface CommentRule {
  /** The comment section's container(s). */
  container?: string[];
  /** One comment, relative to the container. */
  item?: string;
  author?: string;
  date?: string;
  text?: string;
  /** The element inside an item that holds its replies. */
  replies?: string;
  /** The comment system's name, for `comments.provider`. */
  provider?: string;
  /** An embed or script that loads comments from elsewhere (status `external`). */
  external?: string[];
  /** Phrases that mean the section only asks the reader to log in or subscribe (status `gated`). */
  gated?: string[];
  /**
   * Phrase files: the words of comment chrome in their language, lower case, matched as whole words (see the
   * `comments:` block of rules/phrases/en.yaml; read by src/comments/words.ts).
   */
  says?: string[];
  posted?: string[];
  stamps?: string[];
  headings?: string[];
  nouns?: string[];
  controls?: string[];
  prompts?: string[];
}

export interface AccessRule {
  /** The state this platform's or outlet's markers mean. */
  state: Exclude<AccessStateName, 'free' | 'unknown'>;
  /** Selectors of paywall markup. */
  selectors?: string[];
  /** Script URL substrings of the vendor. */
  scripts?: string[];
}

export interface RuleCheck {
  /** A sample page, relative to the project root (e.g. `samples/apnews.com/x.html`). */
  file: string;
  url?: string;
  /** Text that must appear in the body. */
  contains?: string[];
  /** Text that must not appear in the body. */
  excludes?: string[];
  title?: string;
  /** Set by `rules new` until a human confirms the check. */
  unconfirmed?: boolean;
}

export interface AccessPrompts {
  metered?: string[];
  registration?: string[];
  subscription?: string[];
  chrome?: string[];
  subscribes?: string[];
  comments?: string[];
}

export interface RuleFile {
  id: string;
  kind: RuleKind;
  description?: string;
  /** Phrase files: the language (ISO 639-1) these phrases are in. */
  lang?: string;
  /** Phrase files: the words that open a byline in this language ("by", "von"), lower case (src/bylines.ts). */
  bylines?: string[];
  /** Phrase files: frequent words of this language, lower case, for the language guess (src/html/lang.ts). */
  stopwords?: string[];
  /** Outlet rules: hosts this rule serves (parent domains match subdomains). */
  hosts?: string[];
  /** Platform rules: how the platform is recognised. */
  fingerprints?: Fingerprints;
  /** Ordered fallbacks for the article container. */
  content?: string[];
  title?: string[];
  authors?: string[];
  published?: string[];
  modified?: string[];
  section?: string[];
  /** Removals. */
  remove?: RemoveItem[];
  /** Phrase files: phrases by category. */
  phrases?: Partial<Record<Category, string[]>>;
  /** Phrase files: the wording of access prompts, regular expressions by kind (see rules/phrases/en.yaml). */
  prompts?: AccessPrompts;
  /** Selectors whose elements are never removed. */
  keep?: string[];
  /** Names of generic or platform items (`<rule id>#<item name>`) this rule switches off. */
  disable?: string[];
  comments?: CommentRule;
  access?: AccessRule;
  checks?: RuleCheck[];
  /** Where the rule came from (absolute path), set by the loader. */
  source?: string;
}
