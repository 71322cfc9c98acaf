/**
 * Strips what no step reads before the parse: scripts (their URLs and JSON-LD are kept aside), styles, HTML
 * comments, and the insides of inline SVG and templates. Measured here: jsdom parses about 1.5x faster, and
 * leftover SCSS in `<style>` can no longer crash its CSS parser.
 *
 * This is a speed step, not the safety step: whatever script the scan misses is removed from the parsed tree
 * (`removeScripts`), and every HTML the library returns goes through the sanitiser.
 *
 * The scan is linear in the page: each opener's closer is found by a forward search whose answer is remembered,
 * so a page of ten thousand unclosed `<svg>` or `<!--` openers costs one pass, not one pass per opener (a regex
 * with a lazy `[\s\S]*?` rescans the rest of the page from every opener that has no closer).
 */

import { isSpace } from '../html/dom-utils.js';
import { lowerName } from './select.js';

/** What starts an inert run: a comment, a script or a style. */
const OPENER_RE = /<(?:!--|(script|style)\b)/gi;
/** Inline SVG icons and templates are large subtrees no step reads; an empty element keeps the layout. */
const INERT_OPENER_RE = /<(svg|template)\b/gi;
/**
 * End tags as the HTML tokenizer reads them inside raw text: the name, then whitespace, `/` or `>`, and
 * anything up to the next `>` (`</script x>` and `</script/>` end a script as `</script>` does).
 */
const RAW_CLOSER = (tag: string) => new RegExp(`</${tag}(?:[\\s/][^>]*)?>`, 'gi');
const CLOSERS = { comment: /-->/g, script: RAW_CLOSER('script'), style: RAW_CLOSER('style'), svg: /<\/svg\s*>/gi, template: /<\/template\s*>/gi };
type Closer = keyof typeof CLOSERS;
/** A script body that opens with an HTML comment runs to the `-->` first, as browsers read it. */
const LEADING_COMMENT_RE = /\s*<!--/y;
/** Tags an SVG icon or a template never holds in practice, but an article does. */
const BLOCK_INSIDE_RE = /<\/?(?:div|p|section|article|main|header|footer|ul|ol|li|table|h[1-6]|body)\b/i;
const COMMENT_RE = /<!--[\s\S]*?-->/g;
const SRC_RE = /\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;
const LDJSON_RE = /\btype\s*=\s*["']?application\/ld\+json/i;

/** How much of an inline script is kept for fingerprinting (vendor names sit near the top). */
const INLINE_SCRIPT_HEAD = 600;

export interface PreparedHtml {
  html: string;
  scripts: string[];
  jsonLd: string[];
  /** The page streams React segments whose content a script would move into place (see resolveStreamedSegments). */
  streamed?: boolean;
}

/**
 * React's streamed rendering sends a late part of the page as `<div hidden id="S:1">` at the end, and a script
 * swaps it in for the placeholder `<template id="B:1">` (and the fallback after it, up to the boundary's closing
 * `<!--/$-->` comment) or `<template id="P:1">`. Without scripts the article sits in hidden divs and a "Loading…"
 * fallback in its place. The closing comment is kept as this marker for the swap; nothing else reads it.
 */
const STREAMED_SEGMENT = '<div hidden id="S:';
const BOUNDARY_END_COMMENT = '<!--/$-->';
export const BOUNDARY_END_MARKER = 'data-declutter-boundary-end';

/** Span of the first closer at or after a position; -1 when there is none. */
interface Found {
  at: number;
  end: number;
}

/**
 * Finds closers for one page. The last answer per closer is remembered: with no closer in [from, at), a search
 * from any position in that range gives the same answer, and "none after from" holds for every later position.
 */
function closerSearch(html: string): (kind: Closer, pos: number) => Found {
  const memo = new Map<Closer, { from: number; found: Found }>();
  return (kind, pos) => {
    const last = memo.get(kind);
    if (last && pos >= last.from && (last.found.at < 0 || last.found.at >= pos)) return last.found;
    const re = CLOSERS[kind];
    re.lastIndex = pos;
    const m = re.exec(html);
    const found = m ? { at: m.index, end: m.index + m[0].length } : { at: -1, end: -1 };
    memo.set(kind, { from: pos, found });
    return found;
  };
}

export function prepareHtml(html: string): PreparedHtml {
  const scripts: string[] = [];
  const jsonLd: string[] = [];
  const keepScript = (attrs: string, body: string) => {
    // What a script's HTML comments hide is not read for fingerprints.
    if (body.includes('<!--')) body = body.replace(COMMENT_RE, '');
    if (LDJSON_RE.test(attrs)) {
      jsonLd.push(body);
      return;
    }
    const src = SRC_RE.exec(attrs);
    const url = src ? (src[1] ?? src[2] ?? src[3] ?? '') : '';
    if (url) scripts.push(url);
    else if (body.trim()) scripts.push(body.slice(0, INLINE_SCRIPT_HEAD));
  };

  const streamed = html.includes(STREAMED_SEGMENT);
  // Pass 1: comments, scripts and styles, each taken whole from where it starts.
  const closer = closerSearch(html);
  const parts: string[] = [];
  let copied = 0;
  OPENER_RE.lastIndex = 0;
  for (let m = OPENER_RE.exec(html); m; m = OPENER_RE.exec(html)) {
    const start = m.index;
    const tag = m[1]?.toLowerCase() as 'script' | 'style' | undefined;
    let end = -1;
    if (!tag) {
      const c = closer('comment', start + 4);
      end = c.end;
    } else {
      const openEnd = html.indexOf('>', start + m[0].length);
      if (openEnd >= 0) {
        let c = closer(tag, openEnd + 1);
        if (tag === 'script') {
          LEADING_COMMENT_RE.lastIndex = openEnd + 1;
          if (LEADING_COMMENT_RE.test(html)) {
            const comment = closer('comment', LEADING_COMMENT_RE.lastIndex);
            const after = comment.at >= 0 ? closer(tag, comment.end) : comment;
            if (after.at >= 0) c = after;
          }
          if (c.at >= 0) keepScript(html.slice(start + m[0].length, openEnd), html.slice(openEnd + 1, c.at));
        }
        end = c.end;
      }
    }
    if (end < 0) {
      // No closer: leave the opener to the parser and look on from the next character.
      OPENER_RE.lastIndex = start + 1;
      continue;
    }
    parts.push(html.slice(copied, start));
    if (streamed && !tag && html.startsWith(BOUNDARY_END_COMMENT, start)) parts.push(`<template ${BOUNDARY_END_MARKER}></template>`);
    copied = end;
    OPENER_RE.lastIndex = end;
  }
  parts.push(html.slice(copied));
  const out = parts.length === 1 ? parts[0]! : parts.join('');

  // Pass 2: inline SVG and templates emptied. A run holding block tags went past an unclosed `<svg>` (common in
  // real pages) and would swallow article text up to the next `</svg>`: it stays as it is.
  const inert = closerSearch(out);
  const kept: string[] = [];
  copied = 0;
  INERT_OPENER_RE.lastIndex = 0;
  for (let m = INERT_OPENER_RE.exec(out); m; m = INERT_OPENER_RE.exec(out)) {
    const start = m.index;
    const tag = m[1]!.toLowerCase() as 'svg' | 'template';
    const openEnd = out.indexOf('>', start + m[0].length);
    const c = openEnd >= 0 ? inert(tag, openEnd + 1) : undefined;
    if (!c || c.at < 0) {
      INERT_OPENER_RE.lastIndex = start + 1;
      continue;
    }
    INERT_OPENER_RE.lastIndex = c.end;
    if (BLOCK_INSIDE_RE.test(out.slice(start, c.end))) continue;
    kept.push(out.slice(copied, start), `<${m[1]}${out.slice(start + m[0].length, openEnd)}></${m[1]}>`);
    copied = c.end;
  }
  kept.push(out.slice(copied));
  return { html: kept.length === 1 ? kept[0]! : kept.join(''), scripts, jsonLd, ...(streamed ? { streamed } : {}) };
}

/**
 * Does what React's streaming script would: each hidden segment `S:x` takes the place of its placeholder,
 * `template#P:x`, or `template#B:x` with the fallback after it up to the boundary's end. A segment with no
 * placeholder stays where it is (and hidden). The boundary-end markers are removed.
 */
export function resolveStreamedSegments(doc: Document): void {
  for (const seg of [...doc.querySelectorAll('div[hidden][id^="S:"]')]) {
    const x = seg.id.slice(2);
    const segment = doc.getElementById(`P:${x}`);
    const boundary = segment ? null : doc.getElementById(`B:${x}`);
    const at = segment ?? boundary;
    if (!at || at.tagName !== 'TEMPLATE' || at.contains(seg)) continue;
    if (boundary) {
      // The fallback ("Loading…") runs from the placeholder to the boundary's end marker, among its siblings.
      const fallback: Node[] = [];
      let end: Element | null = null;
      for (let n = boundary.nextSibling; n; n = n.nextSibling) {
        if (n.nodeType === 1 && (n as Element).hasAttribute(BOUNDARY_END_MARKER)) {
          end = n as Element;
          break;
        }
        fallback.push(n);
      }
      if (end) for (const n of fallback) n.parentNode?.removeChild(n);
    }
    while (seg.firstChild) at.parentNode!.insertBefore(seg.firstChild, at);
    at.remove();
    seg.remove();
  }
  for (const m of [...doc.querySelectorAll(`template[${BOUNDARY_END_MARKER}]`)]) m.remove();
}

/**
 * Removes every script element left in a parsed document (one the scan missed, or one the parser made from
 * markup the scan does not read as a script), keeping its URL or first bytes for fingerprints.
 */
export function removeScripts(doc: Document, scripts: string[]): number {
  const found = Array.from(doc.getElementsByTagName('script'));
  for (const s of found) {
    const src = s.getAttribute('src');
    if (src) scripts.push(src);
    else if (s.textContent?.trim()) scripts.push(s.textContent.slice(0, INLINE_SCRIPT_HEAD));
    s.remove();
  }
  return found.length;
}

/**
 * How deep a page may nest. Every HTML parser here pays for depth on each tag (htmlparser2 keeps its open-element
 * stack with `unshift`, parse5 walks the stack for scope checks), and so do the steps that walk ancestors: the
 * cost is about tags x depth. A page may nest as deep as DEPTH_WORK / tags allows, never less than MIN_OPEN_DEPTH
 * (real pages nest a few dozen deep) nor more than MAX_OPEN_DEPTH: a thousand nested replies in a small page
 * keep their structure, 40,000 nested `<i>` or unclosed `<svg>` do not.
 */
export const MIN_OPEN_DEPTH = 400;
export const MAX_OPEN_DEPTH = 5000;
export const DEPTH_WORK = 50_000_000;
/** A page with more tags than this is refused: its DOM alone would take most of a worker's memory. */
export const MAX_TAGS = 500_000;
/** How far down the open-element stack a close tag looks for its opener (parsers also give up on stray ones). */
const CLOSE_LOOKBACK = 64;
/** Elements that hold nothing, or whose end the parser implies: they never deepen a page. */
const NO_DEPTH = new Set(
  'area base br col embed hr img input link meta param source track wbr p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption rb rt rp html head body'.split(
    ' ',
  ),
);
/**
 * A tag's start as `/<(\/?)([a-zA-Z][^\s/>]*)/g` finds it: `<`, `/` for a close tag, a letter, and the name up
 * to whitespace, `/` or `>`. Read by indexOf and char codes (nextTag): a regex match per tag made an array and
 * two strings for each of a page's thousands of tags. Where the tag ends is only needed inside SVG or MathML.
 */
function nextTag(html: string, from: number): { at: number; close: boolean; name: string; end: number } | undefined {
  for (let i = html.indexOf('<', from); i >= 0; i = html.indexOf('<', i + 1)) {
    let s = i + 1;
    const close = html.charCodeAt(s) === 47 && isAsciiLetter(html.charCodeAt(s + 1));
    if (close) s++;
    if (!isAsciiLetter(html.charCodeAt(s))) continue;
    let e = s + 1;
    for (; e < html.length; e++) {
      const c = html.charCodeAt(e);
      if (c === 47 || c === 62 || isSpace(c)) break;
    }
    return { at: i, close, name: html.slice(s, e), end: e };
  }
  return undefined;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
/** Where the tag starting at `from` ends (after its `>`). */
function tagEnd(html: string, from: number): number {
  const end = html.indexOf('>', from);
  return end < 0 ? html.length : end + 1;
}

/** Whether the tag starting at `from` ends with `/>`. */
function selfClosed(html: string, from: number): boolean {
  const end = html.indexOf('>', from);
  return end > 0 && html.charCodeAt(end - 1) === 47;
}

export interface BoundedHtml {
  html: string;
  /** Open and close tags dropped because the page nested deeper than `depthLimit`. */
  dropped: number;
  /** Tags seen (at most; a page of few `<` is not scanned), or -1 when the page had more than MAX_TAGS (and `html` is not to be parsed). */
  tags: number;
  /** The depth this page may have (for the tree after the parse too). */
  depthLimit: number;
}

/**
 * Bounds a page's structure before the parser sees it. One pass over the tags keeps a model of the open elements
 * (a close tag pops to its opener when that is near the top) and counts the tags; a page deeper than it may be
 * gets a second pass that drops each open tag going past its limit, with its close tag. Pages within the bound
 * come out as they went in, after one pass.
 */
export function boundStructure(html: string): BoundedHtml {
  // Every tag starts at a `<`, so a page with few of them can neither have too many tags nor nest deeper than its
  // bound (up to MAX_OPEN_DEPTH `<`, the bound is MAX_OPEN_DEPTH): counting them spares most pages the scan.
  const most = countOf(html, '<', MAX_OPEN_DEPTH);
  if (most <= MAX_OPEN_DEPTH && depthLimitFor(most) === MAX_OPEN_DEPTH) return { html, dropped: 0, tags: most, depthLimit: MAX_OPEN_DEPTH };
  const first = scanTags(html, Infinity);
  if (first.tags < 0) return { html, dropped: 0, tags: -1, depthLimit: MIN_OPEN_DEPTH };
  const depthLimit = depthLimitFor(first.tags);
  if (first.deepest <= depthLimit) return { html, dropped: 0, tags: first.tags, depthLimit };
  const cut = scanTags(html, depthLimit).cut;
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < cut.length; i += 2) {
    parts.push(html.slice(from, cut[i]));
    from = cut[i + 1]!;
  }
  parts.push(html.slice(from));
  return { html: parts.join(''), dropped: cut.length / 2, tags: first.tags, depthLimit };
}

/** How deep a page of `tags` tags may nest (see MIN_OPEN_DEPTH). */
function depthLimitFor(tags: number): number {
  return Math.max(MIN_OPEN_DEPTH, Math.min(MAX_OPEN_DEPTH, Math.floor(DEPTH_WORK / Math.max(1, tags))));
}

/** How many times `c` occurs in `s`, counted up to one past `max`. */
function countOf(s: string, c: string, max: number): number {
  let n = 0;
  for (let i = s.indexOf(c); i >= 0 && n <= max; i = s.indexOf(c, i + 1)) n++;
  return n;
}

/** One pass over the tags: how many, how deep the model went, and the spans of the tags past `limit`. */
function scanTags(html: string, limit: number): { tags: number; deepest: number; cut: number[] } {
  const stack: string[] = [];
  const droppedOpen = new Map<string, number>();
  const cut: number[] = [];
  let tags = 0;
  let deepest = 0;
  // Index of the outermost open <svg> or <math>: inside one, `/>` closes an element; in HTML it does not.
  let foreignAt = -1;
  for (let m = nextTag(html, 0); m; m = nextTag(html, m.end)) {
    if (++tags > MAX_TAGS) return { tags: -1, deepest, cut };
    const name = lowerName(m.name);
    if (NO_DEPTH.has(name)) continue;
    if (m.close) {
      let at = -1;
      for (let i = stack.length - 1; i >= 0 && i >= stack.length - CLOSE_LOOKBACK; i--) {
        if (stack[i] === name) {
          at = i;
          break;
        }
      }
      if (at >= 0) {
        stack.length = at;
        if (foreignAt >= at) foreignAt = -1;
      } else if (droppedOpen.get(name)) {
        droppedOpen.set(name, droppedOpen.get(name)! - 1);
        cut.push(m.at, tagEnd(html, m.at));
      }
    } else if (foreignAt >= 0 && selfClosed(html, m.at)) {
      continue;
    } else if (stack.length >= limit) {
      droppedOpen.set(name, (droppedOpen.get(name) ?? 0) + 1);
      cut.push(m.at, tagEnd(html, m.at));
    } else {
      if (foreignAt < 0 && (name === 'svg' || name === 'math')) foreignAt = stack.length;
      stack.push(name);
      if (stack.length > deepest) deepest = stack.length;
    }
  }
  return { tags, deepest, cut };
}
