/**
 * Comments under stress: malformed markup, very deep threads, threads longer than the article, pages where the
 * article itself is named like a comment, and the date reader on the formats threads print.
 */
import { JSDOM, VirtualConsole } from 'jsdom';
import { Readability } from '@mozilla/readability';
import { describe, expect, it } from 'vitest';
import { isoFromText } from '../src/dates.js';
import { cleanAuthor, isUiOnly, trimMetaLines } from '../src/comments/fields.js';
import { commentsFromJsonLd } from '../src/comments/structured.js';
import { clean } from '../src/index.js';
import type { DomName } from '../src/types.js';
import { articleParagraphs, detach, page } from './comments-lib.js';

const DOMS: DomName[] = ['jsdom', 'linkedom'];
/**
 * Levels of nested replies per DOM. The walk that could overflow the stack is the same code on both; jsdom's
 * own selector matching costs the square of the depth (70 s for 1,000 levels on a loaded 2-core machine, where
 * linkedom took 2 s), so linkedom carries the deep case and jsdom a shallower one.
 */
const DEEP: Record<DomName, number> = { linkedom: 1000, jsdom: 250 };

/** Nested replies, each one inside the one before, `depth` levels deep. */
function deepThread(depth: number): string {
  let open = '';
  let close = '';
  for (let i = 1; i <= depth; i++) {
    open += `<li class="comment" id="comment-${i}"><div class="comment-author"><cite class="fn">user${i}</cite></div><div class="comment-content"><p>Reply number ${i} in the chain.</p></div><ul class="children">`;
    close = `</ul></li>${close}`;
  }
  return `<div id="comments"><ol class="commentlist">${open}${close}</ol></div>`;
}

/** A long reader thread: `n` comments of several sentences each, in markup that does not say "comment". */
function longThread(n: number): string {
  const items: string[] = [];
  for (let i = 0; i < n; i++) {
    items.push(
      `<div class="post-entry" id="post-${1000 + i}"><div class="post-meta"><span class="author">reader${i}</span> said on July ${(i % 28) + 1}, 2012 at 9:${String(10 + (i % 50))} am</div>` +
        `<div class="post-text"><p>Reader ${i} thinks the new stadium plan is a waste of money, because the old one was repaired only five years ago, ` +
        `and the city still owes money on the parking garage that was built next to it. Reader ${i} also wants a vote on it, ` +
        `since the last vote on a project this large was held in 1998, and many people who pay for it today were not even living here then.</p></div></div>`,
    );
  }
  // Named so that Readability does not drop it as a comment area ("comment" in a class or id would).
  return `<div id="responses"><h3>${n} Responses</h3>${items.join('\n')}</div>`;
}

const silent = new VirtualConsole();
function bareReadability(html: string): string {
  const dom = new JSDOM(html, { url: 'https://news.example.com/a', virtualConsole: silent });
  return new Readability(dom.window.document).parse()?.textContent ?? '';
}

describe.each(DOMS)('robustness on %s', (dom) => {
  it('unclosed lists and paragraphs: what can be read, no crash', () => {
    const html = page(
      `<article><h1>Title</h1>${articleParagraphs(4)}</article>` +
        `<div id="comments"><ol class="commentlist"><li class="comment" id="comment-1"><cite class="fn">Ann</cite><p>First comment, never closed` +
        `<li class="comment" id="comment-2"><cite class="fn">Bob</cite><p>Second comment <b>bold and open` +
        `<li class="comment" id="comment-3"><p>Third comment with no author</div>`,
    );
    const { comments, pageText } = detach(html, dom);
    expect(comments.status).toBe('present');
    const texts = comments.items.map((c) => c.text).join(' | ');
    expect(texts).toMatch(/First comment, never closed/);
    expect(texts).toMatch(/Second comment bold and open/);
    expect(texts).toMatch(/Third comment with no author/);
    expect(comments.items.find((c) => c.text.startsWith('Third'))?.author).toBeUndefined();
    expect(pageText).not.toMatch(/never closed/);
    expect(pageText).toMatch(/Paragraph 4 of the council story/);
  });

  it(`${DEEP[dom]} nested replies: all read, depth 0 to ${DEEP[dom] - 1}, no stack overflow`, () => {
    const html = page(`<article><h1>Title</h1>${articleParagraphs(4)}</article>${deepThread(DEEP[dom])}`);
    const { comments, pageText } = detach(html, dom);
    expect(comments.items).toHaveLength(DEEP[dom]);
    comments.items.forEach((c, i) => {
      expect(c.depth).toBe(i);
      expect(c.text).toBe(`Reply number ${i + 1} in the chain.`);
      expect(c.author).toBe(`user${i + 1}`);
      if (i > 0) expect(c.parentId).toBe(comments.items[i - 1]!.id);
    });
    expect(pageText).not.toMatch(/Reply number/);
  });

  it(`${DEEP[dom]} nested replies through clean(): the article is the body`, async () => {
    const html = page(`<article><h1>Title</h1>${articleParagraphs(4)}</article>${deepThread(DEEP[dom])}`);
    const r = await clean({ html, url: 'https://news.example.com/a' }, { dom });
    expect(r.error).toBeUndefined();
    expect(r.comments.items).toHaveLength(DEEP[dom]);
    expect(r.text).toMatch(/Paragraph 1 of the council story/);
    expect(r.text).not.toMatch(/Reply number/);
  });

  it('a live commentary is the article told in timed entries, not a comment thread', () => {
    const entries = Array.from(
      { length: 12 },
      (_, i) =>
        `<div class="live-match-comment" data-time="${90 - i * 7}"><div class="live-match-comment-time"><span>${90 - i * 7}'</span></div>` +
        `<div class="live-match-comment-body">Minute ${90 - i * 7}: the home side press high and the keeper clears the ball into the stands again.</div></div>`,
    );
    const html = page(`<h1>Lorient - Lyon, live</h1><p>The match report as it happened.</p><div class="live-match-comments">${entries.join('')}</div>`);
    const { comments, pageText } = detach(html, dom);
    expect(comments).toEqual({ status: 'none', items: [] });
    expect(pageText).toMatch(/Minute 13: the home side press high/);
    expect(pageText).toMatch(/90'/);
  });

  it("a CMS's content elements with comment-like ids that fill the article body are its sections", () => {
    const sections = Array.from(
      { length: 5 },
      (_, i) => `<div id="c11042${i}" class="frame frame-default"><h2>Section ${i + 1}</h2><p>Section ${i + 1} of the timber trade story tells how rafts of fir logs went down the Rhine to the Dutch shipyards.</p></div>`,
    );
    const html = page(`<h1>The Dutch timber trade</h1><div class="article-body">${sections.join('')}</div>`);
    const { comments, pageText } = detach(html, dom);
    expect(comments.status).toBe('none');
    expect(comments.items).toEqual([]);
    // The "none" says why: the finder's candidate and the veto that turned it down.
    expect(comments.evidence).toEqual([expect.stringMatching(/^rejected: div\.frame\.frame-default x5 \(comments#markup\) [\d.]+ vetoed \(article-sections\)$/)]);
    expect(pageText).toMatch(/Section 5 of the timber trade story/);
  });

  it('what a comment hides (share text, edit history) is neither its text nor its footer', () => {
    const item = (id: number, who: string, text: string) =>
      `<div id="comment_${id}" class="comment_item"><div class="author_name">${who}</div><div class="comment_body"><div class="comment_time">2 minutes ago</div>${text}</div>` +
      `<div class="comment_bottom"><div class="hidden">${who}: ${text}</div><span class="history" style="display: none">History |</span></div></div>`;
    const html = page(`<article><h1>Title</h1>${articleParagraphs(4)}</article><div id="comments">${item(17587, 'NICENESS', 'Yard and foreign kick up!')}${item(17588, 'savory1', 'Lightning does strike twice!')}</div>`);
    const { comments } = detach(html, dom);
    expect(comments.items.map((c) => c.text)).toEqual(['Yard and foreign kick up!', 'Lightning does strike twice!']);
    expect(comments.items.map((c) => [c.header, c.footer].filter(Boolean).join(' '))).toEqual(['NICENESS 2 minutes ago', 'savory1 2 minutes ago']);
  });

  it('a link a comment cites is neither its date nor its author', () => {
    const html = page(
      `<article><h1>Title</h1>${articleParagraphs(4)}</article><div id="comments"><ol class="commentlist">` +
        `<li class="comment" id="comment-31"><div class="comment-content"><p>Crime is up, see</p><p>http://www.cnn.com/2012/10/17/us/violent-crime/index.html</p></div></li>` +
        `<li class="comment" id="comment-32"><div class="comment-content"><p>That was last year.</p></div></li></ol></div>`,
    );
    const { comments } = detach(html, dom);
    expect(comments.items).toHaveLength(2);
    expect(comments.items[0]!.published).toBeUndefined();
    expect(comments.items[0]!.author).toBeUndefined();
  });

  it('a list of forum topics with dates, and a comment form built of divs, are not comments', () => {
    const topics = ['Screen maker 2.1', 'Spotmole just got better', 'App inventor cannot find its driver', 'Dracoo, the Dragon preview']
      .map((t, i) => `<li><a href="/forums/t${i}">${t}</a> <span>Tue Nov 6th 2012</span></li>`)
      .join('');
    const html = page(
      `<article><h1>Title</h1>${articleParagraphs(4)}</article><div id="forum_comment_list"><ul>${topics}</ul></div>` +
        `<div id="comments"><h2>COMMENTS</h2><p>No comments yet.</p><form id="commentform">` +
        `<div class="comment-block"><label for="author">Your name:</label><input type="text" name="author"></div>` +
        `<div class="comment-block"><label for="email">Email address (will not be published):</label><input type="text" name="email"></div>` +
        `<div><label>Comment:</label><textarea name="comment"></textarea></div></form></div>`,
    );
    const { comments } = detach(html, dom);
    expect(comments.items).toEqual([]);
  });

  it('comments with no authors and no dates: text only', () => {
    const html = page(
      `<article><h1>Title</h1>${articleParagraphs(4)}</article><div id="comments"><ol class="commentlist">` +
        `<li class="comment" id="comment-7"><div class="comment-content"><p>No name on this one.</p></div></li>` +
        `<li class="comment" id="comment-8"><div class="comment-content"><p>Nor on this one.</p></div></li></ol></div>`,
    );
    const { comments } = detach(html, dom);
    expect(comments.items).toEqual([
      { id: 'comment-7', text: 'No name on this one.', html: '<p>No name on this one.</p>', depth: 0 },
      { id: 'comment-8', text: 'Nor on this one.', html: '<p>Nor on this one.</p>', depth: 0 },
    ]);
  });

  it('a thread longer than its article: the article is still the body', async () => {
    const html = page(`<div id="main"><div class="story"><h1>Stadium plan</h1>${articleParagraphs(3, 'stadium')}</div>${longThread(40)}</div>`);
    // The page is a real trap: bare Readability takes the thread for the article.
    expect(bareReadability(html)).toMatch(/Reader 5 thinks the new stadium plan/);
    const r = await clean({ html, url: 'https://news.example.com/a' }, { dom });
    expect(r.text).toMatch(/Paragraph 1 of the stadium story/);
    expect(r.text).toMatch(/Paragraph 3 of the stadium story/);
    expect(r.text).not.toMatch(/thinks the new stadium plan/);
    expect(r.comments.status).toBe('present');
    expect(r.comments.items).toHaveLength(40);
    expect(r.comments.items[3]).toMatchObject({ author: 'reader3', published: '2012-07-04T09:13:00', depth: 0 });
    expect(r.removed.find((x) => x.category === 'comments')?.text).toMatch(/^40 comments moved to comments.items: /);
  });

  it('an article named like a comment is never detached', () => {
    const html = page(
      `<div id="comments-open" class="content"><article id="comment-4521" class="comment-piece"><h1>Opinion: keep the library open</h1>${articleParagraphs(6)}</article>` +
        `<ol class="commentlist"><li class="comment" id="comment-1"><cite class="fn">Ann</cite><p>Hear, hear.</p></li>` +
        `<li class="comment" id="comment-2"><cite class="fn">Bob</cite><p>Not so fast.</p></li></ol></div>`,
    );
    const { comments, pageText } = detach(html, dom);
    expect(comments.items.map((c) => c.text)).toEqual(['Hear, hear.', 'Not so fast.']);
    expect(pageText).toMatch(/Opinion: keep the library open/);
    expect(pageText).toMatch(/Paragraph 6 of the council story/);
  });

  it('a comment area wrapped around the article keeps the article and loses only the thread', () => {
    const html = page(
      `<div id="comments-wrapper"><div class="entry-content">${articleParagraphs(5)}</div>` +
        `<ol class="commentlist"><li class="comment" id="comment-1"><cite class="fn">Ann</cite><p>First reader comment here.</p></li>` +
        `<li class="comment" id="comment-2"><cite class="fn">Bob</cite><p>Second reader comment here.</p></li></ol></div>`,
    );
    const { comments, pageText } = detach(html, dom);
    expect(comments.items).toHaveLength(2);
    expect(pageText).toMatch(/Paragraph 5 of the council story/);
    expect(pageText).not.toMatch(/reader comment here/);
  });
});

describe('scale', () => {
  it('twenty thousand sibling comments in an unnamed markup: all read', () => {
    // Only practical if detection is linear in the siblings (it once grouped them quadratically). On linkedom,
    // the default DOM: jsdom reads the same thread linearly too, but parses 2.7 MB too slowly for the suite.
    const n = 20_000;
    const items = Array.from(
      { length: n },
      (_, i) => `<div class="entry"><span class="author">reader${i}</span> said on July ${(i % 28) + 1}, 2012:<p>Reader ${i} wants a vote on the stadium.</p></div>`,
    );
    const html = page(`<article><h1>Title</h1>${articleParagraphs(4)}</article><div id="responses"><h3>${n} Responses</h3>${items.join('\n')}</div>`);
    const { comments, pageText } = detach(html, 'linkedom');
    expect(comments.items).toHaveLength(n);
    expect(comments.items[n - 1]).toMatchObject({ author: `reader${n - 1}`, published: '2012-07-08', text: `Reader ${n - 1} wants a vote on the stadium.`, depth: 0 });
    expect(pageText).not.toMatch(/wants a vote/);
    expect(pageText).toMatch(/Paragraph 4 of the council story/);
  }, 120_000);
});

describe('comment dates', () => {
  it.each([
    ['January 31, 2011 at 9:59 am', '2011-01-31T09:59:00'],
    ['by james on January 31, 2011 at 9:59 pm.', '2011-01-31T21:59:00'],
    ['November 7th, 2012 at 9:42 pm', '2012-11-07T21:42:00'],
    ['20. Jul, 2012 / Emily says:', '2012-07-20'],
    ['10 August 2012 01:19', '2012-08-10T01:19:00'],
    ['Posted by: nabeel  09/22/2012 at 08:40 AM', '2012-09-22T08:40:00'],
    ['On October 26, 2012 at 2:08am, Rosa said...', '2012-10-26T02:08:00'],
    ['7. November 2012 um 21:42', '2012-11-07T21:42:00'],
    ['21.09.2012 21:38', '2012-09-21T21:38:00'],
    ['2012-11-07 21:42', '2012-11-07T21:42:00'],
    ['Tue, 07/24/2012 - 09:15', '2012-07-24T09:15:00'],
    ['12:00 am, May 3, 2012', '2012-05-03'],
  ])('%s', (text, iso) => {
    expect(isoFromText(text)).toBe(iso);
  });

  it('no date in plain prose or relative dates', () => {
    expect(isoFromText('I may have 2 questions about this')).toBeUndefined();
    expect(isoFromText('3 hours ago')).toBeUndefined();
  });
});

describe('JSON-LD comments', () => {
  it('a thousand nested replies and a cycle: read without recursion', () => {
    const root: Record<string, unknown> = { '@type': 'Comment', text: 'c0', author: { name: 'a0' } };
    let cur = root;
    for (let i = 1; i < 1000; i++) {
      const next: Record<string, unknown> = { '@type': 'Comment', text: `c${i}` };
      cur.comment = [next];
      cur = next;
    }
    cur.comment = root;
    const items = commentsFromJsonLd([{ '@type': 'BlogPosting', comment: root }]);
    expect(items).toHaveLength(1000);
    expect(items[999]).toMatchObject({ text: 'c999', depth: 999 });
  });
});

describe('meta lines and controls', () => {
  it.each([
    ['James says:', 'James'],
    ['by james on January 31, 2011 at 9:59 am.', 'james'],
    ['+ C98976 on', 'C98976'],
    ['(1) Mike', 'Mike'],
    ['randallbrink July 24, 2012 11:45 PM EDT', 'randallbrink'],
    ['Omar Said', 'Omar Said'],
  ])('author from %j', (raw, name) => {
    expect(cleanAuthor(raw)).toBe(name);
  });

  it('meta lines around a comment are trimmed, its text is kept', () => {
    expect(trimMetaLines('2\n\nSays:\n\nCongratulations!', 'kunlei')).toBe('Congratulations!');
    expect(trimMetaLines('I love it\n\nPosted by\n\nAnonymous |', undefined)).toBe('I love it');
    expect(trimMetaLines('Ann on May 3, 2012 at 9:15 am\n\nThe bridge matters.', 'Ann')).toBe('The bridge matters.');
    expect(trimMetaLines('May 3, 2012', undefined)).toBe('May 3, 2012');
  });

  it('controls and prompts are not comments; short real comments are', () => {
    for (const t of ['Reply', '0 responses\n\nComment', 'View all comments', '\u201c\n\n\u201d', 'Leave your comment']) expect(isUiOnly(t)).toBe(true);
    for (const t of ['Nice!', 'Reply number 1 in the chain.', 'Agreed.']) expect(isUiOnly(t)).toBe(false);
  });
});
