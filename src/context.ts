/** What the pipeline's steps share while cleaning one HTML page. */
import type { AccessVocabulary } from './access.js';
import type { PhraseMatcher } from './rules/phrases.js';
import type { RuleFile } from './rules/types.js';
import type { Vocabulary } from './rules/vocabulary.js';
import type { Removal } from './types.js';

export interface PageContext {
  url?: string;
  /** Host the rules were matched on (from the URL, else the page's canonical or og:url). */
  host?: string;
  document: Document;
  /** Script URLs and inline-script heads (scripts are stripped before the parse). */
  scripts: string[];
  /** Parsed JSON-LD objects, `@graph` flattened. */
  jsonLd: Record<string, unknown>[];
  /** Rules that apply to this page, in layer order: generic < platform < outlet. */
  rules: RuleFile[];
  /** Item names (`<rule id>#<item name>`) switched off by a higher layer. */
  disabled: Set<string>;
  phrases: PhraseMatcher;
  /**
   * The "related" labels of every phrase file, whatever the page's language: tried on short link-like blocks only
   * (a label over a list of links, or the list itself), whose wording often comes from a template or a syndication
   * partner in another language than the page's.
   */
  relatedAnyLanguage?: PhraseMatcher;
  /** The wording of access prompts in the page's languages (rules/phrases/<lang>.yaml `prompts`). */
  access: AccessVocabulary;
  /** Word lists of the phrase files that are not phrases: byline heads, stop words (src/rules/vocabulary.ts). */
  vocabulary: Vocabulary;
  /** The page's language (ISO 639-1), when declared. */
  lang?: string;
  /** The audit trail; every step appends what it takes out. */
  removed: Removal[];
  warnings: string[];
}

/** A short preview of removed text for the audit trail. */
export function preview(text: string, max = 160): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
