/**
 * The arbiter and the finders of old and hand-made markup (issue 13): each guard and each shape on a page written
 * here, under both DOMs. The comments must leave the page with their meta lines, and what is the article stays.
 */
import { describe, expect, it } from 'vitest';
import { clean } from '../src/index.js';
import { commentPatterns } from '../src/comments/words.js';
import { choose, FINDER_ORDER, judge, MIN_SCORE, TIE_MARGIN, WEIGHTS, type Candidate, type Finder } from '../src/comments/arbiter.js';
import { Page } from '../src/comments/page.js';
import { parseRuleFile } from '../src/rules/load.js';
import type { DomName } from '../src/types.js';
import { articleParagraphs, contextOf, detach, page } from './comments-lib.js';

/** The arbiter's verdict on the elements `items` (a selector) with the section `root`, on a page as parsed. */
function verdict(html: string, dom: DomName, items: string, root: string, finder: 'siblings' | 'rule' = 'siblings') {
  const doc = contextOf(html, dom).document;
  const els = [...doc.querySelectorAll(items)];
  return judge(new Page(doc), finder, els.map((el) => ({ el, parts: [el] })), [doc.querySelector(root)!]);
}

const DOMS: DomName[] = ['jsdom', 'linkedom'];

const ARTICLE = `<h1>Council approves the budget</h1><div class="story">${articleParagraphs(5)}</div>`;

describe.each(DOMS)('old markup on %s', (dom) => {
  it('runs of <b>name</b><br>text<hr> after a "Reader comments" heading', () => {
    const html = page(`${ARTICLE}
      <h3>Reader comments</h3>
      <b>Ann Lee</b><br>The library hours matter more than the roads, in my view.<hr>
      <b>Tom Baker</b><br>Agreed, the Saturday closing hurts families most of all.<hr>
      <b>Sam</b><br>Roads first, then we can talk about the library hours.<hr>
      <p>Copyright 2008 The Example Gazette</p>`);
    const { comments, ctx, pageText } = detach(html, dom);
    expect(comments.items.map((c) => [c.author, c.text])).toEqual([
      ['Ann Lee', 'The library hours matter more than the roads, in my view.'],
      ['Tom Baker', 'Agreed, the Saturday closing hurts families most of all.'],
      ['Sam', 'Roads first, then we can talk about the library hours.'],
    ]);
    expect(pageText).toMatch(/Paragraph 5 of the council story/);
    expect(pageText).toMatch(/Copyright 2008/);
    expect(pageText).not.toMatch(/Saturday closing|Reader comments|Tom Baker/);
    expect(ctx.removed.find((r) => r.category === 'comments')?.text).toMatch(/\(comments#heading-run\), because heading "Reader comments" 1\.5/);
  });

  it('<p> siblings after a "Have your say" heading, each a name-and-time line then the text', () => {
    const html = page(`<div id="main">${ARTICLE}
      <h4>Have your say</h4>
      <p>Ann Lee, London, 3 May 2008 10:15</p>
      <p>The library hours matter more than the roads, in my view.</p>
      <p>Tom Baker, Leeds, 3 May 2008 11:40</p>
      <p>Agreed, the Saturday closing hurts families most of all.</p></div>`);
    const { comments, pageText } = detach(html, dom);
    expect(comments.items.map((c) => [c.published, c.text, c.header])).toEqual([
      ['2008-05-03T10:15:00', 'The library hours matter more than the roads, in my view.', 'Ann Lee, London, 3 May 2008 10:15'],
      ['2008-05-03T11:40:00', 'Agreed, the Saturday closing hurts families most of all.', 'Tom Baker, Leeds, 3 May 2008 11:40'],
    ]);
    expect(pageText).toMatch(/Paragraph 5 of the council story/);
    expect(pageText).not.toMatch(/Saturday closing|Tom Baker|Have your say/);
  });

  it('a numbered list, a definition list and a table after a Comments heading', () => {
    const ol = page(`${ARTICLE}<h2>Comments</h2><ol>
      <li>Ann Lee, 3 May 2008 10:15: The library hours matter more than the roads, in my view.</li>
      <li>Tom Baker, 3 May 2008 11:40: Agreed, the Saturday closing hurts families most of all.</li></ol>`);
    const table = page(`${ARTICLE}<h2>Comments (2)</h2><table>
      <tr><td>Ann Lee</td><td>03/05/2008 10:15</td></tr><tr><td colspan="2">The library hours matter more than the roads, in my view.</td></tr>
      <tr><td>Tom Baker</td><td>03/05/2008 11:40</td></tr><tr><td colspan="2">Agreed, the Saturday closing hurts families most of all.</td></tr></table>`);
    const dl = page(`${ARTICLE}<h2>Comments</h2><dl>
      <dt>Ann Lee, May 3, 2008</dt><dd>The library hours matter more than the roads, in my view.</dd>
      <dt>Tom Baker, May 3, 2008</dt><dd>Agreed, the Saturday closing hurts families most of all.</dd></dl>`);
    for (const html of [ol, table, dl]) {
      const { comments, pageText } = detach(html, dom);
      expect(comments.items).toHaveLength(2);
      expect(comments.items[1]!.text).toMatch(/Saturday closing hurts families/);
      expect(pageText).toMatch(/Paragraph 5 of the council story/);
      expect(pageText).not.toMatch(/Saturday closing|Tom Baker/);
    }
  });

  it('comment blocks with ids like acom12 and no comment class', () => {
    const html = page(`${ARTICLE}<div class="box"><h3>Comments</h3>
      <div id="acom12" class="entry"><span class="who">Ann Lee</span> 3 May 2008 10:15<br>The library hours matter more than the roads, in my view.</div>
      <div id="acom13" class="entry"><span class="who">Tom Baker</span> 3 May 2008 11:40<br>Agreed, the Saturday closing hurts families most of all.</div></div>`);
    const { comments, pageText } = detach(html, dom);
    expect(comments.items.map((c) => c.id)).toEqual(['acom12', 'acom13']);
    expect(pageText).not.toMatch(/Saturday closing/);
  });

  it('a flat thread: each comment\'s "Posted by … at …" line leaves with it, into its footer', () => {
    const html = page(`${ARTICLE}<h3>Comments</h3>
      <p>The library hours matter more than the roads, in my view.</p>
      <p class="posted">Posted by: Ann Lee at May 3, 2008 10:15 AM</p>
      <p>Agreed, the Saturday closing hurts families most of all.</p>
      <p class="posted">Posted by: Tom Baker at May 3, 2008 11:40 AM</p>`);
    const { comments, pageText } = detach(html, dom);
    expect(comments.items.map((c) => [c.author, c.footer])).toEqual([
      ['Ann Lee', 'Posted by: Ann Lee at May 3, 2008 10:15 AM'],
      ['Tom Baker', 'Posted by: Tom Baker at May 3, 2008 11:40 AM'],
    ]);
    expect(pageText).not.toMatch(/Posted by|Saturday closing/);
  });

  it('unnamed comment blocks inside a comment-named container leave whole, not just their reply links', () => {
    const html = page(`${ARTICLE}<div id="comments-area"><h3>2 comments</h3>
      <div class="box"><div class="hd">Ann Lee <span>3 May 2008 10:15</span></div><div class="bd">The library hours matter more than the roads, in my view.</div><a href="#r">Reply</a></div>
      <div class="box"><div class="hd">Tom Baker <span>3 May 2008 11:40</span></div><div class="bd">Agreed, the Saturday closing hurts families most of all.</div><a href="#r">Reply</a></div></div>`);
    const { comments, pageText } = detach(html, dom);
    expect(comments.items.map((c) => c.text)).toEqual([
      'The library hours matter more than the roads, in my view.',
      'Agreed, the Saturday closing hurts families most of all.',
    ]);
    expect(pageText).not.toMatch(/Saturday closing|Tom Baker/);
  });
});

describe.each(DOMS)('the arbiter\'s verdicts on %s', (dom) => {
  it('weak: repetition alone is not enough; a heading or an author and a date on each is', () => {
    const bare = page(`<h1>Story</h1>${articleParagraphs(2)}<div id="x"><div class="b">Some words about the budget and the roads here.</div><div class="b">More words about the budget and the library too.</div><div class="b">Yet more words about the schools and the roads.</div></div>`);
    const weak = verdict(bare, dom, 'div.b', '#x');
    expect(weak.accepted).toBe(false);
    expect(weak.because).toMatch(/^vetoed \(weak\): 3 alike 0\.5$/);
    expect(weak.score).toBeLessThan(MIN_SCORE);
    const headed = verdict(bare.replace('<div id="x">', '<div id="x"><h3>Reader comments</h3>'), dom, 'div.b', '#x');
    expect(headed.accepted).toBe(true);
    expect(headed.score).toBe(WEIGHTS.heading + WEIGHTS.repeated);
    const cued = verdict(bare.replace(/<div class="b">/g, '<div class="b"><span class="author">Ann</span> May 3, 2012: '), dom, 'div.b', '#x');
    expect(cued.accepted).toBe(true);
    expect(cued.because).toMatch(/author and date on 3\/3 2/);
  });

  it('headline: a section holding the page\'s h1 outside its items is vetoed, even for a rule', () => {
    const html = page(`<div id="x"><h1>Council approves the budget</h1><div class="comment">Ann, May 3, 2012: words about the budget.</div><div class="comment">Tom, May 4, 2012: more words about the roads.</div></div>`);
    expect(verdict(html, dom, 'div.comment', '#x', 'rule').because).toMatch(/^vetoed \(headline\)/);
  });

  it('article-sections: items filling the article body with no comment cue are vetoed, a rule\'s are not', () => {
    const blocks = [1, 2, 3].map((i) => `<div id="c10042${i}" class="csc-default">${articleParagraphs(1, `section ${i}`)}</div>`).join('');
    const html = page(`<h1>Opening hours</h1><div class="article-body">${blocks}</div>`);
    expect(verdict(html, dom, 'div.csc-default', '.article-body').because).toMatch(/^vetoed \(article-sections\)/);
    expect(verdict(html, dom, 'div.csc-default', '.article-body', 'rule').accepted).toBe(true);
  });
});

describe.each(DOMS)('the arbiter\'s guards end to end on %s', (dom) => {
  it('weak: the article\'s own repeated paragraphs under a heading worded like comments stay', () => {
    const html = page(`<h1>What readers asked</h1><h2>Comments on the plan</h2>${articleParagraphs(6)}`);
    const { comments, pageText } = detach(html, dom);
    expect(comments.items).toEqual([]);
    expect(pageText).toMatch(/Paragraph 6 of the council story/);
  });

  it('article-sections: a CMS\'s content blocks with ids like c123456 are the article', () => {
    const blocks = [1, 2, 3, 4].map((i) => `<div id="c10042${i}" class="csc-default">${articleParagraphs(1, `section ${i}`)}</div>`).join('');
    const html = page(`<h1>Opening hours</h1><div class="article-body">${blocks}</div>`);
    const { comments, pageText } = detach(html, dom);
    expect(comments.items).toEqual([]);
    expect(pageText).toMatch(/Paragraph 1 of the section 4 story/);
  });

  it('headline: a candidate section that holds the page\'s h1 is never detached', () => {
    const posts = [1, 2, 3].map((i) => `<div class="comment"><span class="author">Ann ${i}</span> May ${i}, 2008<p>Some short words number ${i} about the budget.</p></div>`).join('');
    const html = page(`<div class="comments-wrap"><h1>Council approves the budget</h1>${articleParagraphs(3)}${posts}</div>`);
    const { pageText } = detach(html, dom);
    expect(pageText).toMatch(/Council approves the budget/);
    expect(pageText).toMatch(/Paragraph 3 of the council story/);
  });
});

describe('comment vocabulary from the phrase files', () => {
  it('reads every language\'s words: a Dutch and a Polish meta line name their author', () => {
    const { authorCue, metaWord, headingWhole } = commentPatterns();
    expect(authorCue.test('Jan de Vries zegt: 3 mei 2008')).toBe(true);
    expect(metaWord.test('Anna napisała 3 maja 2008')).toBe(true);
    expect(headingWhole.test('Leserkommentare')).toBe(true);
    expect(headingWhole.test('Have your say')).toBe(true);
    expect(headingWhole.test('Discussion of the budget plan')).toBe(false);
  });

  it('the rules schema takes the comments words of a phrase file and refuses a word that is no list', () => {
    const ok = 'id: phrases-xx\nkind: phrases\nlang: xx\ncomments:\n  says: [sagt]\n  headings: [kommentare]\n';
    expect(parseRuleFile(ok, 'xx.yaml').comments?.says).toEqual(['sagt']);
    expect(() => parseRuleFile('id: phrases-xx\nkind: phrases\nlang: xx\ncomments:\n  says: sagt\n', 'xx.yaml')).toThrow(/says/);
  });
});

describe.each(DOMS)('a page whose posts are the content, on %s', (dom) => {
  const post = (who: string, when: string, text: string) =>
    `<div class="post"><div class="post-head"><span class="author">${who}</span> <span class="date">${when}</span></div><div class="post-body">${text}</div></div>`;
  const forum = page(`<div id="nav"><a href="/">Forum</a> » <a href="/gardening">Gardening</a></div>
    <h1>Tomatoes splitting after rain?</h1>
    <div id="thread">
      ${post('greenthumb', 'May 3, 2012 10:15 am', 'My tomatoes split every time it rains after a dry week. I water them in the morning, mulch with straw and feed them every two weeks. What am I doing wrong, and is the fruit still safe to eat?')}
      ${post('Ann Lee', 'May 3, 2012 11:40 am', 'It is the sudden uptake of water. Keep the watering even through dry spells.')}
      ${post('Tom Baker', 'May 3, 2012 1:02 pm', 'Split fruit is fine to eat if you pick it the same day.')}
    </div>`);

  it('keeps the first post as the body and the replies as items, and says the page is a thread', async () => {
    const r = await clean({ html: forum, url: 'https://forum.example.org/t/123' }, { dom });
    expect(r.comments.kind).toBe('thread');
    expect(r.comments.items.map((c) => c.author)).toEqual(['Ann Lee', 'Tom Baker']);
    expect(r.text).toMatch(/My tomatoes split every time it rains/);
    expect(r.text).not.toMatch(/sudden uptake of water|pick it the same day/);
  });

  it('an article with the same thread under it is no thread page', () => {
    const html = forum.replace('<div id="thread">', `<div class="story">${articleParagraphs(4)}</div><div id="thread">`);
    const { comments, pageText } = detach(html, dom);
    expect(comments.kind).toBeUndefined();
    expect(comments.items).toHaveLength(3);
    expect(pageText).toMatch(/Paragraph 4 of the council story/);
  });
});

describe.each(DOMS)('what lies between the comments on %s', (dom) => {
  it('separators and control lines between comments beside the article leave with the thread', () => {
    const html = page(`<td class="contentcell"><h1>How terrorist groups disband</h1>${articleParagraphs(4)}
      <div class="commentbody" id="comment-973096"><p>Stay the course, whatever the study says about it.</p><p>Posted by: Riccardo at November 9, 2012 7:49 AM</p></div>
      <div class="sep">* * *</div><p class="tools">Reply | Report</p>
      <div class="commentbody" id="comment-973108"><p>The field manual said the same thing years ago.</p><p>Posted by: Jeff at November 9, 2012 8:01 AM</p></div>
    </td>`);
    const { comments, pageText } = detach(`<table><tr>${html}</tr></table>`, dom);
    expect(comments.items).toHaveLength(2);
    expect(pageText).toMatch(/Paragraph 4 of the council story/);
    expect(pageText).not.toMatch(/\* \* \*|Reply \| Report|field manual/);
  });

  it('a page with no <html> or <body> tag: the run after the heading is still found', async () => {
    const html = `<title>Budget</title><h1>Council approves the budget</h1>${articleParagraphs(4)}
      <h3>Your comments</h3>
      <b>Ann Lee</b><br>The library hours matter more than the roads, in my view.<hr>
      <b>Tom Baker</b><br>Agreed, the Saturday closing hurts families most of all.<hr>`;
    const r = await clean({ html, url: 'https://news.example.com/2008/05/budget.html' }, { dom });
    expect(r.comments.items.map((c) => c.author)).toEqual(['Ann Lee', 'Tom Baker']);
    expect(r.text).toMatch(/Paragraph 4 of the council story/);
    expect(r.text).not.toMatch(/Saturday closing/);
  });
});

/** A candidate as a finder proposes it, with a verdict of the given score (evidence left empty: `choose` reads scores only). */
function candidate(doc: Document, finder: Finder, items: string, roots: string, score: number, accepted = true): Candidate {
  const els = [...doc.querySelectorAll(items)];
  const because = accepted ? `score ${score}` : `vetoed (weak): score ${score}`;
  const evidence = { finder, family: items, items: els.length, named: 0, namedSection: false, cued: 0, shape: els.length };
  return {
    finder,
    rule: `comments#${finder}`,
    items: els.map((el) => ({ el, parts: [el] })),
    roots: [...doc.querySelectorAll(roots)],
    verdict: { accepted, score, because, evidence },
  };
}

describe.each(DOMS)('overlapping candidates on %s', (dom) => {
  const html = page(`<h1>Story</h1>${articleParagraphs(2)}
    <div id="sec"><h3>Reader comments</h3><form><textarea></textarea></form>
      <ul id="list"><li class="c"><p class="t">One</p><p class="t">One more</p></li><li class="c"><p class="t">Two</p></li><li class="c"><p class="t">Three</p></li></ul></div>
    <div id="other"><div class="o">Elsewhere one</div><div class="o">Elsewhere two</div></div>`);

  it('nested sections: the clearly better candidate wins, and the outer section still leaves with its comments', () => {
    const doc = contextOf(html, dom).document;
    const outer = candidate(doc, 'siblings', '#list > li', '#sec', 3);
    const inner = candidate(doc, 'heading-run', '#list > li', '#list', 3 + TIE_MARGIN + 1);
    const { chosen, rejected } = choose([outer, inner]);
    expect(chosen).toHaveLength(1);
    expect(chosen[0]!.finder).toBe('heading-run');
    expect(chosen[0]!.roots.map((r) => r.id)).toEqual(['sec']);
    expect(chosen[0]!.items).toHaveLength(3);
    expect(rejected.map((r) => [r.candidate.finder, r.why])).toEqual([['siblings', 'lost to comments#heading-run 4.5 (higher score)']]);
  });

  it('a lead within TIE_MARGIN is a tie: the finder first in FINDER_ORDER wins', () => {
    const doc = contextOf(html, dom).document;
    expect(FINDER_ORDER.indexOf('markup')).toBeLessThan(FINDER_ORDER.indexOf('siblings'));
    const markup = candidate(doc, 'markup', '#list > li', '#sec', 4);
    const siblings = candidate(doc, 'siblings', '#list > li', '#sec', 4 + TIE_MARGIN);
    const { chosen, rejected } = choose([siblings, markup]);
    expect(chosen.map((c) => c.finder)).toEqual(['markup']);
    expect(rejected[0]!.why).toBe('lost to comments#markup 4 (a tie, its finder first)');
  });

  it('a candidate that reads several comments as one loses to the finer one, whatever the scores', () => {
    const doc = contextOf(html, dom).document;
    // The flat finder glued the three list items into one comment (one meta line after the last of them).
    const coarse = candidate(doc, 'flat', '#list > li:first-child', '#sec', 9);
    coarse.items[0]!.parts = [...doc.querySelectorAll('#list > li')];
    const fine = candidate(doc, 'markup', '#list > li', '#list', 2);
    const { chosen, rejected } = choose([fine, coarse]);
    expect(chosen.map((c) => c.finder)).toEqual(['markup']);
    expect(chosen[0]!.roots.map((r) => r.id)).toEqual(['sec']);
    expect(rejected[0]!.why).toBe('lost to comments#markup 2 (it reads one of these as several comments)');
  });

  it('a nested loser\'s comments that the winner does not hold join it; replies inside the winner\'s do not', () => {
    const doc = contextOf(html, dom).document;
    const winner = candidate(doc, 'markup', '#list > li:nth-child(-n+2)', '#sec', 6);
    const loser = candidate(doc, 'siblings', '#list > li, #list > li:nth-child(-n+2) p.t', '#list', 3);
    const { chosen } = choose([winner, loser]);
    expect(chosen[0]!.items.map((i) => i.el.textContent)).toEqual(['OneOne more', 'Two', 'Three']);
  });

  it('candidates apart are both chosen; a vetoed one is rejected by its guard', () => {
    const doc = contextOf(html, dom).document;
    const thread = candidate(doc, 'markup', '#list > li', '#sec', 5);
    const other = candidate(doc, 'loose', '#other > div', '#other', 1.5);
    const weak = candidate(doc, 'siblings', 'p.t', '#list', 0.5, false);
    const { chosen, rejected } = choose([thread, weak, other]);
    expect(chosen.map((c) => c.finder)).toEqual(['markup', 'loose']);
    expect(rejected.map((r) => r.why)).toEqual(['vetoed (weak)']);
  });
});

describe.each(DOMS)('the arbiter\'s choice in the audit trail on %s', (dom) => {
  // Movable Type's classic markup: a short comment is all meta line, so the flat finder reads the run as one
  // comment holding two named ones; the named blocks are the comments.
  const html = page(`${ARTICLE}
    <div class="commentform"><h2>Comments</h2></div>
    <div class="commentbody by-ann"><p>The library hours matter more than the roads, in my view and in that of most neighbours on our street.</p><p class="posted">Posted by: Ann Lee at May 3, 2008 10:15 AM</p></div>
    <div class="commentbody by-tom"><p>Agreed.</p><p class="posted">Posted by: Tom at May 3, 2008 11:40 AM</p></div>
    <div class="commentbody by-sam"><p>Roads first, then we can talk about the library hours, and the schools, which have waited for years.</p><p class="posted">Posted by: Sam at May 3, 2008 1:02 PM</p></div>`);

  it('two finders claim nested regions: the named comments win, and explain names the loser with its score', async () => {
    const r = await clean({ html, url: 'https://news.example.com/2008/05/budget.html' }, { dom, explain: true });
    expect(r.comments.items.map((c) => c.author)).toEqual(['Ann Lee', 'Tom', 'Sam']);
    expect(r.text).toMatch(/Paragraph 5 of the council story/);
    expect(r.text).not.toMatch(/Roads first|Posted by/);
    const line = r.explain!.split('\n').find((l) => l.startsWith('  comments:'))!;
    expect(line).toMatch(/3 items from div\.commentbody\.by-ann x1 \(comments#markup\), because named items 2, .*; score [\d.]+; rejected: .*\(comments#flat\) [\d.]+ lost to comments#markup [\d.]+ \(it reads one of these as several comments\)/);
    expect(r.comments.evidence).toEqual([expect.stringMatching(/^div\.commentbody\.by-ann x1 \(comments#markup\), because /)]);
  });

  it('with no thread taken, comments.evidence and explain name the candidates turned down and why', async () => {
    // A CMS's content elements with comment-like ids: the markup finder proposes them, its guard vetoes them.
    const sections = [1, 2, 3, 4, 5].map((i) => `<div id="c11042${i}" class="frame"><h2>Part ${i}</h2><p>Part ${i} of the budget story says where the money for the roads and the library hours comes from this year.</p></div>`);
    const r = await clean({ html: page(`<h1>Council approves the budget</h1><div class="story">${sections.join('')}</div>`) }, { dom, explain: true });
    expect(r.comments.status).toBe('none');
    expect(r.text).toMatch(/Part 5 of the budget story/);
    expect(r.comments.evidence).toEqual([expect.stringMatching(/^rejected: div\.frame x5 \(comments#markup\) [\d.]+ vetoed \([a-z-]+\)$/)]);
    const line = r.explain!.split('\n').find((l) => l.startsWith('  comments:'))!;
    expect(line).toMatch(/^ {2}comments: none, 0 items; rejected: div\.frame x5 \(comments#markup\)/);
  });
});
