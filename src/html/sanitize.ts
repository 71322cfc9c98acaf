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
  // A data: URL may only be a raster image: an SVG document carries script, and a consumer may not only put it
  // in an <img> (where browsers do not run it).
  transformTags: { img: dropActiveData, source: dropActiveData, video: dropActiveData, audio: dropActiveData },
  // Wrappers that carried only layout (div, span) dissolve into their content.
  nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'template', 'svg', 'button', 'form', 'select'],
};

const RASTER_DATA = /^\s*data:image\/(?:png|gif|jpe?g|webp|avif|bmp)[;,]/i;

function dropActiveData(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const kept: sanitizeHtml.Attributes = {};
  for (const [name, value] of Object.entries(attribs)) {
    if ((name === 'src' || name === 'srcset' || name === 'poster') && /^\s*data:/i.test(value) && !RASTER_DATA.test(value)) continue;
    kept[name] = value;
  }
  return { tagName, attribs: kept };
}

/** Any HTML the library returns (the body, each comment) goes through this one allow-list. */
export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, OPTIONS).replace(/\n{3,}/g, '\n\n').trim();
}
