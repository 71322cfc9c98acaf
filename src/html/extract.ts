/**
 * The body: the outlet's content selector when it has one and it holds enough text, else Readability
 * on the cleaned document. Returns the body element, so post-cleaning works on the DOM, not on a string.
 */
import { Readability } from '@mozilla/readability';
import type { PageContext } from '../context.js';
import { proseChars } from './boilerplate.js';
import { containsNode, safeQueryAll, textLength } from './dom-utils.js';

/** A rule's content container must hold at least this many characters to be trusted over Readability. */
const MIN_RULE_CONTENT_CHARS = 200;
/** Readability's own default minimum article length, in characters; the thin-body retries lower it. */
const READABILITY_CHARS = 500;

export interface ExtractedBody {
  element: Element | null;
  readabilityTitle?: string;
  readabilityByline?: string;
}

/** The elements an outlet or platform rule names as content (outlet first): the first selector whose matches hold enough text. */
export function contentFromRules(ctx: PageContext): { elements: Element[]; rule: string; selector: string } | undefined {
  for (const rule of [...ctx.rules].reverse()) {
    for (const sel of rule.content ?? []) {
      const found = safeQueryAll(ctx.document, sel);
      const outer = found.filter((el) => !found.some((o) => o !== el && o.contains(el)));
      const chars = outer.reduce((n, el) => n + textLength(el), 0);
      if (chars >= MIN_RULE_CONTENT_CHARS) return { elements: outer, rule: rule.id, selector: sel };
    }
  }
  return undefined;
}

/** A rule's content matches are trusted over the page's best text block only with at least this share of its text. */
const MIN_RULE_SHARE_OF_BEST = 0.5;

/**
 * Whether a rule's content matches miss the article: the page's best text block (src/html/boilerplate.ts) lies
 * outside them and holds more than twice their text. A platform's selector written for one theme can match a
 * widget in another (a tweet list whose items carry the theme's content class); Readability then decides.
 */
export function missesBestBlock(elements: Element[], best: Element | undefined): boolean {
  if (!best || !best.parentNode) return false;
  if (elements.some((el) => containsNode(el, best) || containsNode(best, el))) return false;
  const chars = elements.reduce((n, el) => n + textLength(el), 0);
  return chars < proseChars(best) * MIN_RULE_SHARE_OF_BEST;
}

/** One element for the body: the match itself, or a wrapper holding several matches in page order. */
export function joinContent(doc: Document, elements: Element[]): Element | null {
  const live = elements.filter((el) => el.isConnected);
  if (live.length === 0) return null;
  if (live.length === 1) return live[0]!;
  const wrapper = doc.createElement('div');
  for (const el of live) wrapper.appendChild(el);
  return wrapper;
}

export interface ReadabilityOptions {
  charThreshold?: number;
}

/** Readability on the (already cleaned) document. It mutates the document; metadata must be read first. */
export function extractWithReadability(doc: Document, options: ReadabilityOptions = {}): ExtractedBody {
  const reader = new Readability(doc, {
    charThreshold: options.charThreshold ?? READABILITY_CHARS,
    keepClasses: true,
    serializer: (el: Node) => el,
  } as ConstructorParameters<typeof Readability>[1]);
  let parsed: ReturnType<Readability<Element>['parse']> | null = null;
  try {
    parsed = (reader as unknown as Readability<Element>).parse();
  } catch {
    parsed = null;
  }
  if (!parsed?.content) return { element: null };
  return {
    element: parsed.content as unknown as Element,
    readabilityTitle: parsed.title ?? undefined,
    readabilityByline: parsed.byline ?? undefined,
  };
}
