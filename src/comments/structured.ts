/**
 * Comments declared as schema.org `Comment` objects in JSON-LD (an Article's `comment`, a `DiscussionForumPosting`'s
 * replies, or Comments listed in `@graph`). Replies nest through their own `comment` property.
 */
import type { Comment } from '../types.js';
import { isoFromMachine, isoFromText } from '../dates.js';
import { collapse } from './dom.js';

type Obj = Record<string, unknown>;

/** Enough for any real thread; a bound so a hostile JSON-LD block cannot make the walk run long. */
const MAX_ITEMS = 5000;

function typesOf(o: Obj): string[] {
  const t = o['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

function isComment(o: Obj): boolean {
  return typesOf(o).some((t) => /^(?:https?:\/\/schema\.org\/)?(?:Comment|Answer|UserComments)$/i.test(t));
}

function list(v: unknown): Obj[] {
  const arr = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return arr.filter((x): x is Obj => !!x && typeof x === 'object' && !Array.isArray(x));
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return collapse(v) || undefined;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return str(v[0]);
  if (v && typeof v === 'object') return str((v as Obj).name ?? (v as Obj)['@value']);
  return undefined;
}

/** Markup sometimes sits in `text`; comments are plain text. */
function plain(s: string): string {
  return s
    .replace(/<br\s*\/?>|<\/p>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .split(/\n{2,}/)
    .map(collapse)
    .filter(Boolean)
    .join('\n\n');
}

/** The comments declared in the page's JSON-LD objects, in declaration order with replies nested. */
export function commentsFromJsonLd(objects: Record<string, unknown>[]): Comment[] {
  const out: Comment[] = [];
  const seen = new Set<Obj>();
  const stack: Array<{ o: Obj; depth: number; parentId?: string }> = [];
  const pushAll = (objs: Obj[], depth: number, parentId?: string) => {
    for (let i = objs.length - 1; i >= 0; i--) stack.push({ o: objs[i]!, depth, parentId });
  };
  // Comments reachable from a top-level object (its `comment` list), or Comments standing alone in `@graph`.
  const roots: Obj[] = [];
  const nested = new Set<Obj>();
  for (const o of objects) for (const c of list(o.comment)) nested.add(c);
  for (const o of objects) {
    if (isComment(o) && !nested.has(o)) roots.push(o);
    else if (!isComment(o)) roots.push(...list(o.comment));
  }
  pushAll(roots, 0);
  while (stack.length && out.length < MAX_ITEMS) {
    const { o, depth, parentId } = stack.pop()!;
    if (seen.has(o)) continue;
    seen.add(o);
    const raw = str(o.text) ?? str(o.commentText) ?? str(o.description) ?? str(o.articleBody);
    const text = raw ? plain(raw) : '';
    const id = str(o['@id']) ?? str(o.identifier) ?? str(o.url);
    if (text) {
      const rawDate = str(o.dateCreated) ?? str(o.datePublished) ?? str(o.commentTime);
      const published = isoFromMachine(rawDate) ?? (rawDate ? isoFromText(rawDate) : undefined);
      const author = str(o.author) ?? str(o.creator);
      out.push({
        ...(id ? { id } : {}),
        ...(parentId ? { parentId } : {}),
        ...(author ? { author } : {}),
        ...(published ? { published } : {}),
        text,
        depth,
      });
    }
    pushAll(list(o.comment), text ? depth + 1 : depth, text ? id : parentId);
  }
  return out;
}
