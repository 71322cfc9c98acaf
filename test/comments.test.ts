/**
 * Comment systems, one small page each (markup as each system prints it), under both DOMs: the thread is found,
 * read into items with nesting, and detached; embeds and gated sections give the right status.
 */
import { describe, expect, it } from 'vitest';
import type { DomName } from '../src/types.js';
import { articleParagraphs, detach, page } from './comments-lib.js';

const DOMS: DomName[] = ['jsdom', 'linkedom'];

const WORDPRESS = page(`
<div id="content">
  <article class="post">
    <h1 class="entry-title">Council approves the budget</h1>
    <div class="entry-content">${articleParagraphs(5)}</div>
  </article>
  <div id="comments">
    <h3 id="comments-title">3 Responses to &ldquo;Council approves the budget&rdquo;</h3>
    <ol class="commentlist">
      <li class="comment even thread-even depth-1" id="li-comment-101">
        <div id="comment-101">
          <div class="comment-author vcard"><img class="avatar" src="a.png"><cite class="fn">Mary Jones</cite> <span class="says">says:</span></div>
          <div class="comment-meta commentmetadata"><a href="#comment-101">July 24, 2012 at 9:15 am</a></div>
          <p>The library hours matter more than the roads, in my view.</p>
          <div class="reply"><a class="comment-reply-link" href="#respond">Reply</a></div>
        </div>
        <ul class="children">
          <li class="comment odd alt depth-2" id="li-comment-102">
            <div id="comment-102">
              <div class="comment-author vcard"><cite class="fn">Tom Baker</cite> <span class="says">says:</span></div>
              <div class="comment-meta commentmetadata"><a href="#comment-102">July 24, 2012 at 10:02 am</a></div>
              <p>Agreed, the Saturday closing hurts families most.</p>
              <div class="reply"><a class="comment-reply-link" href="#respond">Reply</a></div>
            </div>
          </li>
        </ul>
      </li>
      <li class="comment even thread-odd depth-1" id="li-comment-103">
        <div id="comment-103">
          <div class="comment-author vcard"><cite class="fn">Sam Lee</cite> <span class="says">says:</span></div>
          <div class="comment-meta commentmetadata"><a href="#comment-103">July 25, 2012 at 8:40 pm</a></div>
          <p>Who will pay for the new school roof?</p>
          <div class="reply"><a class="comment-reply-link" href="#respond">Reply</a></div>
        </div>
      </li>
    </ol>
    <div id="respond" class="comment-respond">
      <h3 id="reply-title">Leave a Reply</h3>
      <form id="commentform" action="/wp-comments-post.php" method="post">
        <p>Your email address will not be published.</p><textarea name="comment"></textarea><input type="submit" value="Post Comment">
      </form>
    </div>
  </div>
</div>`);

describe.each(DOMS)('comment systems on %s', (dom) => {
  it('WordPress: items with authors, dates, a nested reply, and the section gone from the page', () => {
    const { comments, ctx, pageText } = detach(WORDPRESS, dom);
    expect(comments.status).toBe('present');
    expect(comments.provider).toBe('wordpress');
    expect(comments.items.map((c) => c.author)).toEqual(['Mary Jones', 'Tom Baker', 'Sam Lee']);
    expect(comments.items.map((c) => c.depth)).toEqual([0, 1, 0]);
    const [first, reply, third] = comments.items;
    expect(reply!.parentId).toBe(first!.id);
    expect(first!.parentId).toBeUndefined();
    expect(first!.published).toBe('2012-07-24T09:15:00');
    expect(third!.published).toBe('2012-07-25T20:40:00');
    expect(first!.text).toBe('The library hours matter more than the roads, in my view.');
    expect(first!.text).not.toMatch(/says|Reply/);
    // The byline as printed stays with the comment, without its reply button.
    expect(first!.header).toBe('Mary Jones says: July 24, 2012 at 9:15 am');
    expect(reply!.header).toBe('Tom Baker says: July 24, 2012 at 10:02 am');
    expect(comments.items.every((c) => c.footer === undefined)).toBe(true);
    expect(pageText).not.toMatch(/library hours matter|Saturday closing|Leave a Reply|3 Responses/);
    expect(pageText).toMatch(/Paragraph 5 of the council story/);
    const thread = ctx.removed.find((r) => r.category === 'comments');
    expect(thread?.text).toMatch(/^3 comments moved to comments.items: li.comment\S* x\d+ \(wordpress-comments#comments\), because rule selectors 4, named items/);
    const ui = ctx.removed.filter((r) => r.category === 'comments-ui').map((r) => r.text);
    expect(ui.some((t) => /Leave a Reply/.test(t))).toBe(true);
    expect(ui.some((t) => /controls in comments \(reply\)/.test(t))).toBe(true);
  });

  it('Disqus rendered by its 2012 WordPress plugin: present, provider disqus', () => {
    const html = page(`
      <article><h1>Title</h1>${articleParagraphs(4)}</article>
      <div id="disqus_thread"><div id="dsq-content"><ul id="dsq-comments">
        <li class="comment" id="dsq-comment-31345">
          <div id="dsq-comment-header-31345" class="dsq-comment-header"><cite id="dsq-cite-31345"><span id="dsq-author-user-31345">artsyphotos</span></cite></div>
          <div id="dsq-comment-body-31345" class="dsq-comment-body"><div id="dsq-comment-message-31345" class="dsq-comment-message"><p>I enjoy reading your posts, looking forward to the book.</p></div></div>
        </li>
        <li class="comment" id="dsq-comment-31350">
          <div id="dsq-comment-header-31350" class="dsq-comment-header"><cite id="dsq-cite-31350"><span>johnbattelle</span></cite></div>
          <div id="dsq-comment-body-31350" class="dsq-comment-body"><div id="dsq-comment-message-31350" class="dsq-comment-message"><p>Thanks, the publisher is very patient.</p></div></div>
        </li>
      </ul></div></div>`);
    const { comments, pageText } = detach(html, dom);
    expect(comments.status).toBe('present');
    expect(comments.provider).toBe('disqus');
    expect(comments.items.map((c) => [c.author, c.text])).toEqual([
      ['artsyphotos', 'I enjoy reading your posts, looking forward to the book.'],
      ['johnbattelle', 'Thanks, the publisher is very patient.'],
    ]);
    expect(pageText).not.toMatch(/patient|artsyphotos/);
  });

  it('Disqus embed with nothing rendered: external, and the empty mount point removed', () => {
    const html = page(
      `<article><h1>Title</h1>${articleParagraphs(4)}</article><div id="disqus_thread"></div>` +
        `<script>var disqus_shortname = 'example'; (function(){ var d = document.createElement('script'); d.src = '//example.disqus.com/embed.js'; })();</script>` +
        `<noscript>Please enable JavaScript to view the comments powered by Disqus.</noscript>`,
    );
    const { comments, ctx } = detach(html, dom);
    expect(comments).toEqual({ status: 'external', provider: 'disqus', items: [] });
    expect(ctx.document.getElementById('disqus_thread')).toBeNull();
    expect(ctx.removed.some((r) => r.category === 'comments-ui' && r.rule === 'disqus#comments')).toBe(true);
  });

  it('Drupal 7: replies in div.indented after their parent', () => {
    const html = page(
      `<div id="node-12" class="node node-article"><h1>Title</h1><div class="content">${articleParagraphs(4)}</div></div>
      <div id="comments" class="comment-wrapper">
        <h2 class="title">Comments</h2>
        <a id="comment-1"></a>
        <div class="comment comment-by-anonymous clearfix">
          <div class="submitted"><span class="username">alice</span> on Tue, 07/24/2012 - 09:15</div>
          <div class="content"><div class="field field-name-comment-body"><p>Roads first, then the library.</p></div></div>
          <ul class="links inline"><li class="comment-reply first"><a href="/comment/reply/12/1">reply</a></li></ul>
        </div>
        <div class="indented">
          <a id="comment-2"></a>
          <div class="comment clearfix">
            <div class="submitted"><span class="username">bob</span> on Tue, 07/24/2012 - 10:30</div>
            <div class="content"><div class="field field-name-comment-body"><p>The library is cheaper to keep open.</p></div></div>
            <ul class="links inline"><li class="comment-reply first"><a href="/comment/reply/12/2">reply</a></li></ul>
          </div>
        </div>
        <a id="comment-3"></a>
        <div class="comment clearfix">
          <div class="submitted"><span class="username">carol</span> on Wed, 07/25/2012 - 18:00</div>
          <div class="content"><div class="field field-name-comment-body"><p>Schools need the money more.</p></div></div>
        </div>
      </div>`,
      '<meta name="generator" content="Drupal 7 (http://drupal.org)">',
    );
    const { comments, pageText } = detach(html, dom);
    expect(comments.status).toBe('present');
    expect(comments.provider).toBe('drupal');
    expect(comments.items.map((c) => [c.author, c.text, c.depth])).toEqual([
      ['alice', 'Roads first, then the library.', 0],
      ['bob', 'The library is cheaper to keep open.', 1],
      ['carol', 'Schools need the money more.', 0],
    ]);
    expect(comments.items[0]!.published).toBe('2012-07-24T09:15:00');
    expect(pageText).not.toMatch(/cheaper to keep open/);
    expect(pageText).toMatch(/Paragraph 4 of the council story/);
  });

  it('TownNews BLOX: the #blox-comments thread, and its subscriber-only notice as gated', () => {
    const head = '<meta name="tncms-access-version" content="2">';
    const withComments = page(
      `<div id="article-body" itemprop="articleBody">${articleParagraphs(4)}</div>
      <div id="blox-comments">
        <ul class="comment-list">
          <li class="comment" id="comment_4401"><div class="comment-author">joe_smith</div><time datetime="2012-07-24T09:15:00-05:00">Jul 24, 2012 9:15am</time><div class="comment-body"><p>Finally some sense from the board.</p></div></li>
          <li class="comment" id="comment_4402"><div class="comment-author">kim_r</div><time datetime="2012-07-24T11:00:00-05:00">Jul 24, 2012 11:00am</time><div class="comment-body"><p>Not everyone agrees with that, Joe.</p></div></li>
        </ul>
      </div>`,
      head,
    );
    const a = detach(withComments, dom);
    expect(a.comments.status).toBe('present');
    expect(a.comments.provider).toBe('blox');
    expect(a.comments.items.map((c) => [c.author, c.published, c.text])).toEqual([
      ['joe_smith', '2012-07-24T09:15:00-05:00', 'Finally some sense from the board.'],
      ['kim_r', '2012-07-24T11:00:00-05:00', 'Not everyone agrees with that, Joe.'],
    ]);
    const gated = page(
      `<div id="article-body" itemprop="articleBody">${articleParagraphs(4)}</div>
      <div id="blox-comments"><p>Only subscribers are eligible to post comments. Please subscribe or login first for digital access.</p></div>`,
      head,
    );
    const b = detach(gated, dom);
    expect(b.comments).toEqual({ status: 'gated', items: [] });
    expect(b.pageText).not.toMatch(/eligible to post comments/);
  });

  it('Coral embed: external, provider coral', () => {
    const html = page(
      `<article><h1>Title</h1>${articleParagraphs(4)}</article><div id="coral_thread"></div>` +
        `<script src="https://comments.example.com/assets/js/embed.js"></script><script>Coral.createStreamEmbed({ id: "coral_thread" });</script>`,
    );
    expect(detach(html, dom).comments).toEqual({ status: 'external', provider: 'coral', items: [] });
  });

  it('Viafoura embed: external, provider viafoura', () => {
    const html = page(
      `<article><h1>Title</h1>${articleParagraphs(4)}</article><div class="viafoura"><vf-conversations></vf-conversations></div>` +
        `<script async src="https://cdn.viafoura.net/entry/index.js"></script>`,
    );
    const { comments, ctx } = detach(html, dom);
    expect(comments).toEqual({ status: 'external', provider: 'viafoura', items: [] });
    expect(ctx.document.querySelector('.viafoura')).toBeNull();
  });

  it('OpenWeb (Spot.IM): external from the module div, and from the launcher script alone', () => {
    const withDiv = page(
      `<article><h1>Title</h1>${articleParagraphs(4)}</article><div data-spotim-module="conversation" data-post-id="story-1"></div>`,
    );
    expect(detach(withDiv, dom).comments).toEqual({ status: 'external', provider: 'openweb', items: [] });
    const scriptOnly = page(
      `<article><h1>Title</h1>${articleParagraphs(4)}</article><script async src="https://launcher.spot.im/spot/sp_AbC123" data-spotim-module="spotim-launcher"></script>`,
    );
    expect(detach(scriptOnly, dom).comments).toEqual({ status: 'external', provider: 'openweb', items: [] });
  });

  it('Facebook comments plugin: external; the SDK script alone is not comments', () => {
    const plugin = page(
      `<article><h1>Title</h1>${articleParagraphs(4)}</article><div class="fb-comments" data-href="https://news.example.com/a" data-numposts="5"></div>` +
        `<script src="https://connect.facebook.net/en_US/sdk.js"></script>`,
    );
    expect(detach(plugin, dom).comments).toEqual({ status: 'external', provider: 'facebook', items: [] });
    const xfbml = page(`<article><h1>Title</h1>${articleParagraphs(4)}</article><fb:comments href="https://news.example.com/a" num_posts="10"></fb:comments>`);
    expect(detach(xfbml, dom).comments.status).toBe('external');
    const likeOnly = page(`<article><h1>Title</h1>${articleParagraphs(4)}</article><script src="https://connect.facebook.net/en_US/sdk.js"></script>`);
    expect(detach(likeOnly, dom).comments).toEqual({ status: 'none', items: [] });
  });

  it('schema.org Comment microdata', () => {
    const html = page(`
      <article itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">Title</h1><div itemprop="articleBody">${articleParagraphs(4)}</div></article>
      <section>
        <div itemprop="comment" itemscope itemtype="https://schema.org/Comment" id="c-9">
          <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ana</span></span>
          <meta itemprop="dateCreated" content="2012-07-24T08:00:00Z"><div itemprop="text">A fair summary of the meeting.</div>
          <div itemprop="comment" itemscope itemtype="https://schema.org/Comment" id="c-10">
            <span itemprop="author">Ben</span><time itemprop="dateCreated" datetime="2012-07-24T09:30:00Z">9:30</time><div itemprop="text">Except for the part about the roads.</div>
          </div>
        </div>
      </section>`);
    const { comments, pageText } = detach(html, dom);
    expect(comments.status).toBe('present');
    expect(comments.items.map(({ header, ...c }) => c)).toEqual([
      { id: 'c-9', author: 'Ana', published: '2012-07-24T08:00:00Z', text: 'A fair summary of the meeting.', html: 'A fair summary of the meeting.', depth: 0 },
      { id: 'c-10', parentId: 'c-9', author: 'Ben', published: '2012-07-24T09:30:00Z', text: 'Except for the part about the roads.', html: 'Except for the part about the roads.', depth: 1 },
    ]);
    expect(comments.items[0]!.header).toBe('Ana');
    expect(pageText).not.toMatch(/fair summary/);
    expect(pageText).toMatch(/Paragraph 1 of the council story/);
  });

  it('schema.org Comment in JSON-LD, with a reply', () => {
    const ld = {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Title',
      comment: [
        {
          '@type': 'Comment',
          '@id': 'https://news.example.com/a#c1',
          author: { '@type': 'Person', name: 'Ana' },
          dateCreated: '2012-07-24T08:00:00+02:00',
          text: 'A fair <b>summary</b>.',
          comment: { '@type': 'Comment', author: 'Ben', datePublished: '2012-07-24', text: 'Not quite.' },
        },
      ],
    };
    const html = page(`<article><h1>Title</h1>${articleParagraphs(4)}</article>`, `<script type="application/ld+json">${JSON.stringify(ld)}</script>`);
    const { comments } = detach(html, dom);
    expect(comments).toEqual({
      status: 'present',
      evidence: ["the page's JSON-LD (2 comments)"],
      items: [
        { id: 'https://news.example.com/a#c1', author: 'Ana', published: '2012-07-24T08:00:00+02:00', text: 'A fair summary.', depth: 0 },
        { parentId: 'https://news.example.com/a#c1', author: 'Ben', published: '2012-07-24', text: 'Not quite.', depth: 1 },
      ],
    });
  });

  it('a gated section that only asks to log in: gated, and the prompt removed as comments-ui', () => {
    const html = page(`
      <article><h1>Title</h1>${articleParagraphs(4)}</article>
      <div id="comments"><h3>Comments</h3><p>You must be logged in to post a comment. <a href="/login">Log in</a></p></div>`);
    const { comments, ctx, pageText } = detach(html, dom);
    expect(comments).toEqual({ status: 'gated', items: [] });
    expect(pageText).not.toMatch(/logged in to post/);
    expect(ctx.removed.some((r) => r.category === 'comments-ui' && /logged in/.test(r.text))).toBe(true);
  });

  it('a generic thread with no comment names: repeated siblings with author, date and text', () => {
    const html = page(`
      <div class="story"><h1>Title</h1>${articleParagraphs(5)}</div>
      <div class="reader-feedback">
        <div class="entry"><b>Peter Hill</b> wrote on 12 March 2012 14:05:<div>The bridge closure is the real scandal here, not the budget.</div></div>
        <div class="entry"><b>Lucy Grant</b> wrote on 12 March 2012 15:40:<div>My bus has been diverted for six weeks because of that bridge.</div></div>
        <div class="entry"><b>Omar Said</b> wrote on 13 March 2012 08:12:<div>Write to your councillor, it does work sometimes.</div></div>
      </div>`);
    const { comments, pageText } = detach(html, dom);
    expect(comments.status).toBe('present');
    expect(comments.items.map((c) => [c.author, c.published, c.text])).toEqual([
      ['Peter Hill', '2012-03-12T14:05:00', 'The bridge closure is the real scandal here, not the budget.'],
      ['Lucy Grant', '2012-03-12T15:40:00', 'My bus has been diverted for six weeks because of that bridge.'],
      ['Omar Said', '2012-03-13T08:12:00', 'Write to your councillor, it does work sometimes.'],
    ]);
    expect(comments.items.map((c) => c.header)).toEqual(['Peter Hill wrote on 12 March 2012 14:05:', 'Lucy Grant wrote on 12 March 2012 15:40:', 'Omar Said wrote on 13 March 2012 08:12:']);
    expect(pageText).not.toMatch(/bridge closure/);
    expect(pageText).toMatch(/Paragraph 5 of the council story/);
  });

  it('Movable Type / TypePad classic: a flat thread after a Comments heading, cut at its "Posted by" lines', () => {
    const html = page(`
      <div class="content"><h2>My favourite graphs</h2>${articleParagraphs(4)}
        <p class="posted">Posted by Kathy on April 6, 2007 | <a href="/p">Permalink</a></p>
        <h2><a id="comments"></a>Comments</h2>
        <a id="c65581830"></a>
        <p>If I had money and ran a company, I would hire you.</p>
        <p>Write another book?</p>
        <p class="posted">Posted by: <a href="http://a.example">Reed Hedges</a> | April 6, 2007 at 01:11 PM</p>
        <a id="c65582610"></a>
        <p>Way to go, good to see you back.</p>
        <p class="posted">Posted by: Amy Gahran | April 6, 2007 at 01:21 PM</p>
        <h2>Post a comment</h2>
        <p>Comments are moderated.</p>
      </div>`);
    const { comments, pageText } = detach(html, dom);
    expect(comments.status).toBe('present');
    expect(comments.items.map((c) => [c.author, c.published, c.text])).toEqual([
      ['Reed Hedges', '2007-04-06T13:11:00', 'If I had money and ran a company, I would hire you.\n\nWrite another book?'],
      ['Amy Gahran', '2007-04-06T13:21:00', 'Way to go, good to see you back.'],
    ]);
    expect(comments.items.map((c) => [c.header, c.footer])).toEqual([
      [undefined, 'Posted by: Reed Hedges | April 6, 2007 at 01:11 PM'],
      [undefined, 'Posted by: Amy Gahran | April 6, 2007 at 01:21 PM'],
    ]);
    expect(pageText).toMatch(/Paragraph 4 of the council story/);
    expect(pageText).toMatch(/Posted by Kathy/);
    expect(pageText).not.toMatch(/Write another book|Amy Gahran/);
  });

  it('blocks after a Comments heading, each with its meta line in a footer', () => {
    const html = page(`
      <div class="content"><h2>Reading your developers</h2>${articleParagraphs(4)}</div>
      <div class="post"><h3>COMMENTS</h3>
        <div class="Normal"><a name="comment184238"></a>Thank you so much for this article, it describes my team well.
          <p class="postfoot">posted on Wednesday, October 24, 2012 at 7:26 PM by <a href="http://a.example">Darren</a></p></div>
        <hr>
        <div class="Normal"><a name="comment184265"></a>Great post, thank you!<br>Very important for techies in startups.
          <p class="postfoot">posted on Thursday, October 25, 2012 at 2:11 AM by <a href="http://b.example">Shachar</a></p></div>
        <hr>
      </div>`);
    const { comments, pageText } = detach(html, dom);
    expect(comments.items.map((c) => [c.author, c.published, c.text, c.footer])).toEqual([
      ['Darren', '2012-10-24T19:26:00', 'Thank you so much for this article, it describes my team well.', 'posted on Wednesday, October 24, 2012 at 7:26 PM by Darren'],
      ['Shachar', '2012-10-25T02:11:00', 'Great post, thank you!\n\nVery important for techies in startups.', 'posted on Thursday, October 25, 2012 at 2:11 AM by Shachar'],
    ]);
    expect(pageText).toMatch(/Paragraph 4 of the council story/);
    expect(pageText).not.toMatch(/Great post|COMMENTS/);
  });

  it('comments beside the article in one container, each followed by its meta line', () => {
    const html = page(`
      <td class="contentcell"><h3>How terrorist groups disband</h3>${articleParagraphs(4)}
        <div class="commentform"><h2 id="comments">Comments</h2></div>
        <div class="commentbody"><div id="c973096"><p>Stay the course, whatever the study says.</p></div></div>
        <p class="posted">Posted by: Riccardo Cabeza at November 9, 2012 7:49 AM</p>
        <div class="commentbody"><div id="c973108"><p>The field manual said the same thing years ago.</p></div></div>
        <p class="posted">Posted by: Jeff at November 9, 2012 8:01 AM</p>
      </td>`);
    const { comments, pageText } = detach(`<table><tr>${html}</tr></table>`, dom);
    expect(comments.items.map((c) => [c.author, c.published, c.text])).toEqual([
      ['Riccardo Cabeza', '2012-11-09T07:49:00', 'Stay the course, whatever the study says.'],
      ['Jeff', '2012-11-09T08:01:00', 'The field manual said the same thing years ago.'],
    ]);
    expect(comments.items[1]!.footer).toBe('Posted by: Jeff at November 9, 2012 8:01 AM');
    expect(pageText).toMatch(/Paragraph 4 of the council story/);
    expect(pageText).not.toMatch(/field manual|Posted by: Jeff/);
  });

  it('a one-comment thread as a definition list, and comments in plural-named boxes', () => {
    const dl = page(`
      <div class="story">${articleParagraphs(4)}</div>
      <div id="comments"><h3>Comments</h3><dl><dt><div class="date">September 15, 2008 at 6:55 pm</div>(1) Mike says:</dt>
      <dd><p>That definitely inspired me to practise the solo.</p></dd></dl></div>`);
    const a = detach(dl, dom);
    expect(a.comments.items.map((c) => [c.author, c.published, c.text])).toEqual([
      ['Mike', '2008-09-15T18:55:00', 'That definitely inspired me to practise the solo.'],
    ]);
    const plural = page(`
      <div class="story">${articleParagraphs(4)}</div><h2>Comments</h2>
      <div class="COMMENTS"><p>Brand consistency matters on every platform.</p><div id="COMMENTBY">Posted by: <a href="x">marry john</a> on Oct 31, 2012 6:44:07 AM</div></div>
      <div class="COMMENTS"><p>Listen to people and hear their feedback.</p><div id="COMMENTBY">Posted by: <a href="y">Media Buyers</a> on Nov 3, 2012 9:12:46 AM</div></div>`);
    const b = detach(plural, dom);
    expect(b.comments.items.map((c) => [c.author, c.published, c.text])).toEqual([
      ['marry john', '2012-10-31T06:44:07', 'Brand consistency matters on every platform.'],
      ['Media Buyers', '2012-11-03T09:12:46', 'Listen to people and hear their feedback.'],
    ]);
    expect(b.pageText).toMatch(/Paragraph 4 of the council story/);
  });

  it('a thread of list items with mixed classes, replies in nested lists, a reply form inside a comment', () => {
    const html = page(`
      <div class="story">${articleParagraphs(5)}</div>
      <div class="sect sect_commentlinks"><div class="secthead">Kommentare</div><ul class="sectbody">
        <li class="member" id="bb_message_1"><a class="author" href="/u/1"><h4>Dr. McSchreck</h4></a><time datetime="2020-01-14T20:29:22+01:00">14. 01. 2020, 20:29</time>
          <div class="objlink"><p>Ob die Australier wirklich belehrt werden wollen, weiß ich nicht.</p></div>
          <ul class="thread"><li class="member" id="bb_message_2"><a class="author" href="/u/2"><h4>Martin</h4></a><time datetime="2020-01-14T21:02:00+01:00">14. 01. 2020, 21:02</time>
            <div class="objlink"><p>Doch, das sollten sie sich anhören.</p></div></li></ul></li>
        <li class="guest" id="bb_message_3"><a class="author" href="/u/3"><h4>Gast</h4></a><time datetime="2020-01-15T08:00:00+01:00">15. 01. 2020, 08:00</time>
          <div class="objlink"><p>Inhaltlich ist der Artikel super, die Form passt nicht.</p></div>
          <form class="reply-form"><textarea name="c"></textarea><button>Antworten</button></form></li>
      </ul></div>`);
    const { comments, pageText } = detach(html, dom);
    expect(comments.items.map((c) => [c.author, c.published, c.depth])).toEqual([
      ['Dr. McSchreck', '2020-01-14T20:29:22+01:00', 0],
      ['Martin', '2020-01-14T21:02:00+01:00', 1],
      ['Gast', '2020-01-15T08:00:00+01:00', 0],
    ]);
    expect(comments.items.map((c) => c.text)).toEqual([
      'Ob die Australier wirklich belehrt werden wollen, weiß ich nicht.',
      'Doch, das sollten sie sich anhören.',
      'Inhaltlich ist der Artikel super, die Form passt nicht.',
    ]);
    expect(pageText).toMatch(/Paragraph 5 of the council story/);
    expect(pageText).not.toMatch(/Australier|Form passt/);
  });

  it('a page without comments: none, nothing removed', () => {
    const html = page(`<article><h1>Title</h1>${articleParagraphs(6)}</article><ul class="related"><li><a href="/b">Another story</a></li></ul>`);
    const { comments, ctx, pageText } = detach(html, dom);
    expect(comments).toEqual({ status: 'none', items: [] });
    expect(ctx.removed).toEqual([]);
    expect(pageText).toMatch(/Paragraph 6 of the council story/);
  });
});
