/**
 * The generic cues of a comment section, kept together so they can be read and tuned in one place.
 * Platform markup (WordPress, Disqus, Drupal...) lives in rules/platforms/*.yaml; these cues find the rest.
 */

/** An id or class containing one of these names a comment section, a comment or one of its parts. */
export const COMMENT_NAME_RE =
  /comment(?!ar[iy]|ator)|koment|komment|coment|disqus|dsq-|discussion|livefyre|lf_comment|talkback|reactie|leserbrief|(?<![a-z])respond|(?<![a-z])responses|\bcmt|_cmt|cmt[-_]/i;

/**
 * Names of a comment's parts, never of a whole comment: an element named only with these is not an item.
 * (`comment-body`, `comment-content` are parts too, but the family comparison in items.ts resolves them.)
 */
export const PART_NAME_RE =
  /count|link|meta|author|avatar|date|time|reply|replies|form|respond|nav|pag(e|ing|ination)|feed|rss|recent|widget|button|btn|title|number|\bnum|icon|vote|rating|like|share|report|flag|edit|permalink|policy|rules|header|footer|head\b|foot\b|info|tool|action|subscri|login|closed|open|toggle|hide|hidden|error|loading|spinner|tab|label|field|input|text-?area|submit|note|notice|message-box|sort|filter|menu|status|total|anchor|user|name|byline|cite|quote|signature|bubble|arrow|email|mail|rss|popular|latest|top-?comment|most/i;

/** Names of lists and wrappers of many comments (plural or list-like), never of one comment. */
export const WRAPPER_NAME_RE =
  /comments(?![-_]?(?:alt|item|entry|single))|commentlist|comment[-_]?list|commentlisting|comment[-_]?(?:block|area|section|wrap(?:per)?|holder|stream|threads?|tree|box|tpl|container|div)s?$|comment.*[-_](?:wrap(?:per)?|area|holder|section|list|container)$|dsq-content|disqus_thread|all-comments|kommentare|discussion/i;

/** A comment's own id: a comment-ish name with a numeric or hex id in it. */
export const ITEM_ID_RE = /(?:comment|cmt|koment|komment|coment|reply|dsq)[^\s]*?(?:\d{2,}|[0-9a-f]{12,})|^c\d{6,}$/i;

/**
 * Never this page's reader thread: widgets listing the site's latest comments (other articles' comments), and
 * live blogs and tickers (`live-match-comment`, `liveblog`), which are the article told in timed entries.
 */
export const WIDGET_NAME_RE =
  /recent|popular|latest|most[-_]?(?:commented|discussed|recommended|popular|read|viewed|shared)|top[-_]?comments|leaderboard|teaser|live[-_]?(?:blog|match|ticker|report|commentary|coverage|updates?|text|event)|dsq-widget|liveblog|liveticker|play[-_]?by[-_]?play/i;

/** Depth classes of flat threads (`depth-2`, `level-3`, `lf_level_2`). */
export const DEPTH_CLASS_RE = /(?:^|[-_])(?:depth|level|lvl|indent)[-_]?(\d{1,2})$/i;

/** Where a comment's text usually sits, best first. */
export const TEXT_SELECTORS = [
  '[itemprop="text"]',
  '[itemprop="commentText"]',
  '.comment-content',
  '.comment__content',
  '.comment-text',
  '.comment_text',
  '.commentText',
  '.comment-body',
  '.comment_body',
  '.commentBody',
  '.dsq-comment-message',
  '.comment-message',
  '.comment-entry',
  '.format_text',
  '.field-name-comment-body',
  '.field--name-comment-body',
  '.c-body',
  '.cbody',
  '.comtext',
  '.commenttext',
  '.commentext',
  '.lf_body',
  '.message',
  '.text',
  '.content',
  'blockquote',
];

/** Where a comment's author usually sits, best first. */
export const AUTHOR_SELECTORS = [
  '[itemprop="author"] [itemprop="name"]',
  '[itemprop="author"]',
  '[itemprop="creator"] [itemprop="name"]',
  '.comment-author .fn',
  '.comment__author',
  '.fn',
  '.comment-author',
  '.comment_author',
  '.commentAuthor',
  '.comment-author-name',
  '.dsq-commenter-name',
  '.author-name',
  '.username',
  '.user-name',
  '.author',
  '.commenter',
  '.name',
  '.user',
  '[rel~="author"]',
  '[class*="benutzer"]',
  '[class*="autor"]',
  '.auteur',
  '[class*="commenter"]',
  '[class*="poster"]',
  '[class*="nick"]',
  'cite',
  '[class*="author"]',
  '[class*="user"]',
  '[class*="name"]',
];

/** Where a comment's date usually sits, best first. */
export const DATE_SELECTORS = [
  '[itemprop="dateCreated"]',
  '[itemprop="datePublished"]',
  '[itemprop="commentTime"]',
  'time[datetime]',
  'abbr[title]',
  '.comment-date',
  '.comment_date',
  '.commentDate',
  '.comment-time',
  '.comment_time',
  '.dsq-comment-header-time',
  '.published',
  '.date',
  '.timestamp',
  '.time',
  '[class*="date"]',
  '[class*="time"]',
  '.comment-meta',
  '.commentmetadata',
  '.comment__meta',
  '.submitted',
  'time',
];

/** The chrome a comment prints as its byline and date lines: out of its text, in its header or footer. */
export const META_SELECTORS = [
  '.comment-meta',
  '.commentmetadata',
  '.comment__meta',
  '.comment-author',
  '.comment-header',
  '.comment-footer',
  '.vcard',
  '.submitted',
];

/** Parts of a comment that are neither its text nor a reply: meta lines, buttons, forms. */
export const CHROME_SELECTORS = [
  ...META_SELECTORS,
  'form',
  'textarea',
  'button',
  'input',
  'select',
  '.reply',
  '.comment-reply-link',
  '.comment-reply',
  '[class*="reply-link"]',
  '.comment-actions',
  '.comment-tools',
  '.comment-links',
  '.avatar',
  '.edit-link',
  '.comment-edit-link',
  '.links',
  '[class*="vote"]',
  '[class*="report"]',
  '[class*="flag"]',
  '[class*="like"]',
  '[class*="share"]',
  '[class*="permalink"]',
];

// The words of comment chrome (controls, prompts, counters, gated prompts) are in the `comments:` block of
// rules/phrases/<lang>.yaml, read by ./words.ts.

/** The page's article: a container holding it is never a comment section. */
export const ARTICLE_SELECTORS = [
  'article',
  '[itemprop="articleBody"]',
  '.entry-content',
  '.post-content',
  '.article-body',
  '.article-content',
  '.story-body',
  '.post-body',
  '.entry-body',
  '#article-body',
  '#story-body',
  '.storytext',
];

/** Prose outside the thread above this many characters means a container holds more than comments. */
export const MAX_FOREIGN_PROSE = 400;
/** ...unless it is less than this share of the page's prose outside threads. */
export const MAX_FOREIGN_SHARE = 0.25;
/** An article marker with at least this much text is the article. */
export const ARTICLE_MIN_TEXT = 250;
