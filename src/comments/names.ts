/** What an element's id and class names say about it. */
import { COMMENT_NAME_RE, WIDGET_NAME_RE } from './cues.js';
import { attrsOf, nameMatches } from './dom.js';

export function isCommentNamed(el: Element): boolean {
  const a = attrsOf(el);
  a.commentNamed ??= nameMatches(el, COMMENT_NAME_RE);
  return a.commentNamed;
}

export function isWidgetNamed(el: Element): boolean {
  const a = attrsOf(el);
  a.widgetNamed ??= nameMatches(el, WIDGET_NAME_RE);
  return a.widgetNamed;
}

/** Whether `el` sits in a widget or a live blog (see WIDGET_NAME_RE), below `stop`. */
export function inWidget(el: Element, stop: Element): boolean {
  for (let e: Element | null = el; e && e !== stop; e = e.parentElement) {
    if (isWidgetNamed(e)) return true;
  }
  return false;
}
