/** Placeholder until the comments module lands: finds nothing. */
import type { PageContext } from '../context.js';
import type { Comments } from '../types.js';

export function detachComments(_ctx: PageContext): Comments {
  return { status: 'none', items: [] };
}
