/**
 * Flat threads: comments printed as plain siblings after a "Comments" heading, with no element around each
 * one (Movable Type and TypePad's classic templates: a text, then "Posted by: Ann at April 6, 2007 3:09 PM").
 * The meta lines cut the run into comments.
 */
import { COMMENT_NAME_RE, COUNTER_RE } from './cues.js';
import { childCount, collapse, namesOf, queryAll, tagOf } from './dom.js';
import { isMetaLine, type Item, type Page } from './threads.js';

const HEADING = /^H[1-6]$/;
const HEADING_TEXT_RE =
  /^(?:\d+\s+)?(?:comments?|responses?|reader comments|readers'? comments|replies|discussion|kommentare?|leserkommentare|commentaires?|comentarios?|reacties|reactions)\b/i;
const MAX_HEADING = 80;

function level(el: Element): number {
  return Number(tagOf(el).slice(1));
}

function isCommentHeading(h: Element): boolean {
  const text = collapse(h.textContent ?? '');
  if (!text || text.length > MAX_HEADING) return false;
  if (HEADING_TEXT_RE.test(text) || COUNTER_RE.test(text)) return true;
  const named = [h, ...queryAll(h, '[id], [name], [class]')];
  return named.some((e) => [...namesOf(e), (e.getAttribute('name') ?? '').toLowerCase()].some((n) => n && COMMENT_NAME_RE.test(n)));
}


function hasText(el: Element): boolean {
  return collapse(el.textContent ?? '').length > 0;
}

/** The element whose following siblings are the thread: the heading, or the wrapper it is alone in. */
function anchorOf(h: Element): Element {
  let a = h;
  for (let i = 0; i < 2 && !a.nextElementSibling && a.parentElement; i++) {
    const p = a.parentElement;
    if (childCount(p, 1) !== 1 || collapse(p.textContent ?? '').length > MAX_HEADING) break;
    a = p;
  }
  return a;
}

export interface FlatThread {
  items: Item[];
  roots: Element[];
}

export function flatThreads(page: Page, claimed: Element[]): FlatThread[] {
  const out: FlatThread[] = [];
  const taken = (el: Element) => claimed.some((c) => c === el || c.contains(el) || el.contains(c));
  for (const h of queryAll(page.body, 'h1, h2, h3, h4, h5, h6')) {
    if (tagOf(h) === 'H1' || taken(h) || !isCommentHeading(h)) continue;
    const anchor = anchorOf(h);
    const run: Element[] = [];
    for (let s = anchor.nextElementSibling; s; s = s.nextElementSibling) {
      const tag = tagOf(s);
      if (HEADING.test(tag) && level(s) <= level(h)) break;
      if (tag === 'FORM' || queryAll(s, 'textarea, h1, article').length || taken(s)) break;
      if (page.articleMarkers().some((m) => s.contains(m))) break;
      run.push(s);
    }
    const metas = run.filter(isMetaLine);
    if (!metas.length) continue;
    const firstMeta = run.indexOf(metas[0]!);
    const metaLast = run.slice(0, firstMeta).some((e) => hasText(e));
    const groups: Element[][] = [];
    let cur: Element[] = [];
    for (const el of run) {
      const meta = metas.includes(el);
      if (metaLast) {
        cur.push(el);
        if (meta) {
          groups.push(cur);
          cur = [];
        }
      } else {
        if (meta && cur.length) groups.push(cur);
        if (meta) cur = [];
        cur.push(el);
      }
    }
    // After the last meta line of a "text, then meta" thread comes something else (a prompt, a footer).
    if (!metaLast && cur.length) groups.push(cur);
    const items = groups
      .filter((g) => g.some((e) => hasText(e) && !metas.includes(e)))
      .map((g) => ({ el: g.find(hasText) ?? g[0]!, parts: g }));
    if (!items.length) continue;
    out.push({ items, roots: [anchor, ...groups.flat()] });
    claimed = [...claimed, anchor, ...groups.flat()];
  }
  return out;
}
