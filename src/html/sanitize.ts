/** The body as safe HTML: an allow-list (sanitize-html), so scripts, styles, on* handlers and javascript: URLs never pass. */
import sanitizeHtml from 'sanitize-html';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags.filter((t) => t !== 'style'),
    'img', 'figure', 'figcaption', 'picture', 'source', 'time', 'video', 'audio',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'srcset', 'alt', 'title', 'width', 'height'],
    source: ['src', 'srcset', 'type', 'media'],
    video: ['src', 'poster', 'controls'],
    audio: ['src', 'controls'],
    time: ['datetime'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan', 'scope'],
    '*': ['lang', 'dir'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel', 'data'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'], a: ['http', 'https', 'mailto', 'tel'] },
  allowProtocolRelative: true,
  disallowedTagsMode: 'discard',
  // Wrappers that carried only layout (div, span) dissolve into their content.
  nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'template', 'svg', 'button', 'form', 'select'],
};

export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, OPTIONS).replace(/\n{3,}/g, '\n\n').trim();
}
