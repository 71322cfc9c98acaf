/**
 * The comment rules' selectors (containers, embeds) matched in one walk of the page instead of one walk each.
 * Matches are taken before anything leaves the page; afterwards only those still on it count. A selector whose
 * matches can change when other elements leave (sibling combinators, pseudo-classes such as `:has`, `:empty`,
 * `:first-child`, `:scope`) is queried afresh each time, as before.
 */
import { queryEach } from '../html/dom-utils.js';
import { queryAll } from './dom.js';

/** Whether a selector's matches among the elements still on the page stay the same when others leave. */
function stable(selector: string): boolean {
  return !/[:+~]/.test(selector);
}

export class RuleMatches {
  private readonly found: Map<string, Element[]>;

  constructor(
    private readonly doc: Document,
    selectors: string[],
  ) {
    const once = [...new Set(selectors.filter(stable))];
    this.found = once.length ? queryEach(doc, once) : new Map();
  }

  /** What `queryAll(document, selector)` gives now. */
  inDocument(selector: string): Element[] {
    if (!stable(selector)) return queryAll(this.doc, selector);
    return (this.found.get(selector) ?? []).filter((el) => el.isConnected);
  }

  /** What `queryAll(root, selector)` gives now. */
  under(root: Element, selector: string): Element[] {
    if (!stable(selector)) return queryAll(root, selector);
    return (this.found.get(selector) ?? []).filter((el) => el !== root && el.isConnected && root.contains(el));
  }
}
