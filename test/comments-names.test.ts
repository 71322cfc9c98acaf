/**
 * Comment detection tests an element's whole id and class value against its name patterns (src/comments/dom.ts,
 * nameMatches) instead of each lower-cased name: the answer must be the one the name-by-name test gives.
 */
import { describe, expect, it } from 'vitest';
import { COMMENT_NAME_RE, WIDGET_NAME_RE } from '../src/comments/cues.js';
import { nameMatches, namesOf } from '../src/comments/dom.js';
import { parseHtml } from '../src/dom/index.js';
import type { DomName } from '../src/types.js';

const NAMES: Array<[id: string, cls: string]> = [
  ['comments', ''], ['', 'comment-list'], ['', 'foo comment'], ['', 'commentary'], ['', 'commentator box'],
  ['', 'x commentary comment'], ['', 'Comments'], ['', 'COMMENTARY comment_body'], ['', 'respond'], ['', 'correspond'],
  ['', 'post respond'], ['', 'a-respond'], ['', 'responses'], ['', 'corresponses x'], ['', 'cmt'], ['', 'xcmt'],
  ['', 'x cmt'], ['', 'acmt-box'], ['', 'lf_comment'], ['', 'dsq-widget'], ['', 'recent-comments'], ['', 'live blog'],
  ['', 'live-blog'], ['', 'live ticker'], ['', 'most commented'], ['', 'most-commented'], ['', 'top comments'],
  ['', 'top-comments'], ['main', 'play-by-play'], ['', 'play by play'], ['', 'Koment\u00e1\u0159e'], ['', 'KOMMENTAR'],
  ['\u212aomment', ''], ['', 'd\u0130scussion'], ['', 'reacties leserbrief'], ['story', 'article body'], ['', '  comment  '],
  ['', 'comment\tlist'], ['commentar', 'talkback'], ['', 'discussion\u00a0thread'],
];

describe.each<DomName>(['linkedom', 'jsdom'])('comment and widget names (%s)', (dom) => {
  it('whole-value tests equal name-by-name tests', () => {
    const html = NAMES.map(([id, cls], i) => `<div data-i="${i}"${id ? ` id="${id}"` : ''}${cls ? ` class="${cls}"` : ''}>x</div>`).join('');
    const { document } = parseHtml(`<html><body>${html}</body></html>`, { dom });
    const els = [...document.querySelectorAll('div[data-i]')];
    expect(els).toHaveLength(NAMES.length);
    let hits = 0;
    for (const el of els) {
      for (const re of [COMMENT_NAME_RE, WIDGET_NAME_RE]) {
        const byName = namesOf(el).some((n) => re.test(n));
        expect(nameMatches(el, re), `${el.getAttribute('id')} / ${el.getAttribute('class')} ${re.source.slice(0, 20)}`).toBe(byName);
        if (byName) hits++;
      }
    }
    // Both answers occur: the cases are not all one way.
    expect(hits).toBeGreaterThan(10);
    expect(hits).toBeLessThan(NAMES.length * 2 - 10);
  });
});
