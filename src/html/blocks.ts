/**
 * The body element as paragraphs: block elements break paragraphs, `<br>` breaks lines, whitespace in
 * text runs folds to one space. Iterative, so a page of 100,000 nested elements cannot overflow the stack.
 */
import { BLOCK_TAGS } from './dom-utils.js';

/** Elements whose text the output leaves out. */
export const SKIPPED_IN_OUTPUT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'BUTTON', 'SELECT', 'TEXTAREA', 'IFRAME', 'OBJECT', 'CANVAS']);
const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

export function blocksOf(root: Node): string[] {
  const blocks: string[] = [];
  let line = '';
  let lines: string[] = [];
  const flushLine = () => {
    const t = line.replace(/\s+/g, ' ').trim();
    if (t) lines.push(t);
    line = '';
  };
  const flushBlock = () => {
    flushLine();
    if (lines.length) blocks.push(lines.join('\n'));
    lines = [];
  };
  // Each stack entry is a node to enter, or a marker to close a block element.
  const stack: Array<Node | 'close'> = [root];
  while (stack.length) {
    const item = stack.pop()!;
    if (item === 'close') {
      flushBlock();
      continue;
    }
    if (item.nodeType === TEXT_NODE) {
      line += item.nodeValue ?? '';
      continue;
    }
    if (item.nodeType !== ELEMENT_NODE && item !== root) continue;
    const tag = (item as Element).tagName?.toUpperCase?.() ?? '';
    if (SKIPPED_IN_OUTPUT.has(tag)) continue;
    if (tag === 'BR') {
      flushLine();
      continue;
    }
    const isBlock = BLOCK_TAGS.has(tag);
    if (isBlock) {
      flushBlock();
      stack.push('close');
    } else if (tag === 'TD' || tag === 'TH') line += ' ';
    const kids = item.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  flushBlock();
  return blocks;
}
