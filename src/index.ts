export type * from './types.js';
export { CATEGORIES } from './types.js';
