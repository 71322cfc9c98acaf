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

/** Short texts that are comment controls, not comments (lower case, whole block). */
export const UI_TEXT_RE =
  /^(?:reply|antworten|répondre|responder|rispondi|odpowiedz|report(?: abuse| comment)?|flag(?: as inappropriate)?|like|unlike|dislike|share|permalink|link|edit|delete|quote|zitieren|melden|recommend|show more|load more|view more|more comments|see more|\d+\s*(?:likes?|replies|points?))(?:\s+to(?:\s+this)?(?:\s+(?:comment|post|thread))?)?(?:\s*\(\d+\))?\s*[↓»›]?$/i;

/** Headings, counters and prompts around a comment thread. */
export const UI_PHRASE_RE =
  /\b(?:leave a (?:reply|comment|response)|post a comment|add (?:a |your )?comment|write a comment|comments? (?:are )?closed|no comments(?: yet)?|be the first to comment|join the (?:discussion|conversation)|(?:log|sign) ?in to (?:comment|reply|post)|subscribe to (?:comments|this thread)|notify me of (?:follow-up|new) (?:comments|posts)|sort by|newest first|oldest first|show (?:more|all) comments|load more comments|view all comments|comment policy|your email (?:address )?will not be published|required fields are marked|responses? to|leave your (?:comment|reply)|view (?:all )?comments|read (?:all )?comments|trackbacks?|pingbacks?|kommentar schreiben|kommentare? \(\d+\)|schreibe einen kommentar|deine e-mail-adresse wird nicht veröffentlicht|laisser un commentaire|deja un comentario|lascia un commento)\b/i;

/** A comment counter: "42 Comments", "Comments (3)", "1 Response". */
export const COUNTER_RE = /^(?:\d+\s+(?:comments?|responses?|replies|reactions|kommentare?|commentaires?|comentarios?)|(?:comments?|kommentare?|reactions)\s*[(:]?\s*\d+\)?)\b/i;

/** Phrases that mean the section only asks the reader to log in or subscribe before commenting. */
export const GATED_PHRASES = [
  'log in to comment',
  'login to comment',
  'sign in to comment',
  'logged in to post a comment',
  'logged in to comment',
  'log in to post a comment',
  'sign in to post a comment',
  'subscribe to comment',
  'subscribers can comment',
  'only subscribers can',
  'available to subscribers',
  'register to comment',
  'create an account to comment',
  'sign up to comment',
  'must be a subscriber to comment',
  'anmelden, um zu kommentieren',
  'um zu kommentieren',
  'um kommentieren zu können',
  'connectez-vous pour commenter',
  'inicia sesión para comentar',
];

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
