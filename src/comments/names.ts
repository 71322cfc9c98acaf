/** What an element's id and class names say about it. */
import { COMMENT_NAME_RE, WIDGET_NAME_RE } from './cues.js';
import { attrsOf, namesMatch, type Attrs } from './dom.js';

/**
 * Either name pattern: when this finds nothing in an element's names, neither does each pattern alone (an
 * alternation matches where one of its branches does). Most names have neither, and are read once for both.
 */
const COMMENT_OR_WIDGET_RE = new RegExp(`${COMMENT_NAME_RE.source}|${WIDGET_NAME_RE.source}`, COMMENT_NAME_RE.flags);
const ONE_TEST = COMMENT_NAME_RE.flags === WIDGET_NAME_RE.flags && !COMMENT_NAME_RE.global && !COMMENT_NAME_RE.sticky;

/** Reads both facts at once when neither is known and the names have neither. */
function readNames(a: Attrs): void {
  if (ONE_TEST && a.commentNamed === undefined && a.widgetNamed === undefined && !namesMatch(a, COMMENT_OR_WIDGET_RE)) {
    a.commentNamed = false;
    a.widgetNamed = false;
  }
}

export function isCommentNamed(el: Element): boolean {
  const a = attrsOf(el);
  if (a.commentNamed === undefined) readNames(a);
  a.commentNamed ??= namesMatch(a, COMMENT_NAME_RE);
  return a.commentNamed;
}

export function isWidgetNamed(el: Element): boolean {
  const a = attrsOf(el);
  if (a.widgetNamed === undefined) readNames(a);
  a.widgetNamed ??= namesMatch(a, WIDGET_NAME_RE);
  return a.widgetNamed;
}

/** Whether `el` sits in a widget or a live blog (see WIDGET_NAME_RE), below `stop`. */
export function inWidget(el: Element, stop: Element): boolean {
  for (let e: Element | null = el; e && e !== stop; e = e.parentElement) {
    if (isWidgetNamed(e)) return true;
  }
  return false;
}
