/** Reader comments: found, read into structured items and detached from the page before content scoring. */
export { detachComments } from './detach.js';
export { commentsFromJsonLd } from './structured.js';
