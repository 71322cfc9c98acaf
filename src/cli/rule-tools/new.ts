/**
 * `rules new <page.html> --url <url>`: scaffolds an outlet rule from a saved page. Copies the page into
 * `samples/<host>/`, proposes the content container it finds and the blocks inside it it would remove,
 * and writes checks marked `unconfirmed` that fail (`rules test`) until a human has read the page and
 * confirmed them.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, join, relative, resolve } from 'node:path';
import { DOMParser } from '../../dom/linkedom-module.js';
import { stringify } from 'yaml';
import { decodeHtml } from '../../decode.js';
import { prepareHtml } from '../../dom/prepare.js';
import { DeclutterError } from '../../errors.js';
import type { Category } from '../../types.js';
import { loadRules } from '../../rules/load.js';
import { hostOf } from '../../rules/match.js';
import { parseRuleFile } from '../../rules/load.js';
import type { RuleFile } from '../../rules/types.js';

export interface NewRuleOptions {
  /** The saved page. */
  page: string;
  /** The page's URL: names the host and the rule. */
  url: string;
  /** The rules folder to write into (default `./rules`); samples go to `samples/` beside it. */
  rulesDir?: string;
  /** Replace an existing rule file. */
  force?: boolean;
}

export interface ProposedRemoval {
  category: Category;
  selector: string;
  /** The start of the block's text, so a human can find it in the page. */
  text: string;
}

export interface NewRuleResult {
  host: string;
  ruleFile: string;
  sampleFile: string;
  content: string[];
  title?: string;
  removals: ProposedRemoval[];
  yaml: string;
}

/** Paragraph text below this is not evidence of an article container. */
const MIN_PARAGRAPH_CHARS = 40;
const SEMANTIC = new Set(['figure', 'aside', 'form']);
const INLINE = new Set(['A', 'SPAN', 'EM', 'STRONG', 'B', 'I', 'U', 'BR', 'SUB', 'SUP', 'SMALL', 'MARK', 'ABBR', 'CITE', 'Q', 'TIME', 'CODE']);
/** Blocks inside the container whose text is mostly links and shorter than this are link lists. */
const LINK_LIST_MAX_CHARS = 400;
const LINK_DENSITY = 0.6;
/** Prefixes of generated class names (styled-components, emotion, the Guardian's DCR, styled-jsx). */
const GENERATED_PREFIX = /^(sc|css|dcr|jsx|emotion|styled)-/;
/** Class tokens that mark a block as boilerplate, by category (the plainest of the generic ones). */
const BLOCK_TOKENS: Array<[RegExp, Category]> = [
  [/share|social|sharing/, 'share'],
  [/newsletter|signup|sign-up|subscribe/, 'newsletter'],
  [/related|recommend|more-stories|read-more|readmore|recirc|outbrain|taboola|most-read|popular/, 'related'],
  [/(^|[-_])(ad|ads|advert|advertisement|dfp|gpt|sponsor)([-_]|$)/, 'ad'],
  [/caption|credit/, 'caption'],
  [/author-bio|about-author|author-box|bio([-_]|$)/, 'author-bio'],
  [/paywall|piano|meter/, 'paywall'],
  [/promo|cta/, 'promo'],
  [/tags?([-_]|$)|topics/, 'navigation'],
];

/** Scaffolds an outlet rule and its sample from a saved page. */
export function scaffoldOutletRule(options: NewRuleOptions): NewRuleResult {
  const host = hostOf(options.url);
  if (!host) throw new DeclutterError('BAD_URL', `--url must be an absolute http(s) URL, not "${options.url}"`);
  const rulesDir = resolve(options.rulesDir ?? 'rules');
  const root = resolve(rulesDir, '..');
  const ruleFile = join(rulesDir, 'outlets', `${host}.yaml`);
  if (existsSync(ruleFile) && !options.force) {
    throw new DeclutterError('RULE_EXISTS', `${relative(process.cwd(), ruleFile)} exists; edit it, or pass --force to replace it`);
  }
  const existing = loadRules({ bundled: false, dirs: existsSync(rulesDir) ? [rulesDir] : [] }).outlets.find((r) => r.id !== host && r.hosts?.includes(host));
  if (existing) throw new DeclutterError('RULE_EXISTS', `${host} is already served by the rule ${existing.id}`);

  const bytes = readFileSync(options.page);
  const html = decodeHtml(new Uint8Array(bytes)).text;
  const prepared = prepareHtml(html);
  const source = /^\s*(<!doctype|<html)/i.test(prepared.html) ? prepared.html : `<!DOCTYPE html><html><body>${prepared.html}</body></html>`;
  const doc = new DOMParser().parseFromString(source, 'text/html') as unknown as Document;

  const container = findContainer(doc);
  if (!container) throw new DeclutterError('NO_ARTICLE', `no block of paragraphs found in ${options.page}: is it an article page?`);
  const content = [stableSelector(doc, container)];
  for (const fallback of ['[itemprop="articleBody"]', 'article']) {
    if (fallback !== content[0] && doc.querySelectorAll(fallback).length === 1) content.push(fallback);
  }
  const title = titleSelector(doc);
  const removals = proposeRemovals(doc, container);

  // The sample: the page as saved, with its URL in a header comment (the golden harness reads it too).
  const sampleDir = join(root, 'samples', host);
  mkdirSync(sampleDir, { recursive: true });
  const name = sampleName(options.page, options.url);
  const sampleFile = join(sampleDir, name);
  writeFileSync(sampleFile, `<!-- url: ${options.url} -->\n`);
  writeFileSync(sampleFile, bytes, { flag: 'a' });
  const sampleRel = relative(root, sampleFile).split('\\').join('/');

  const paragraphs = [...container.querySelectorAll('p')].map((p) => squash(p.textContent)).filter((t) => t.length >= MIN_PARAGRAPH_CHARS);
  const excludes = [...new Set(removals.map((r) => firstWords(r.text, 6)).filter((t) => t.split(' ').length >= 3))].slice(0, 5);
  const rule: RuleFile = {
    id: host,
    kind: 'outlet',
    description: `${host} articles (scaffolded by \`declutter rules new\`; review every selector).`,
    hosts: [host],
    content,
    ...(title ? { title: [title, 'meta[property="og:title"]'] } : {}),
    ...(removals.length ? { remove: groupRemovals(removals) } : {}),
    checks: [
      {
        file: sampleRel,
        url: options.url,
        unconfirmed: true,
        contains: [firstWords(paragraphs[0] ?? ''), firstWords(paragraphs[paragraphs.length - 1] ?? '')].filter((s, i, a) => s && a.indexOf(s) === i),
        ...(excludes.length ? { excludes } : {}),
      },
    ],
  };
  const header = [
    `# ${host}: scaffolded from ${sampleRel}.`,
    '# TODO: confirm the content container (fallbacks after it), the title, and each removal below, then',
    '# replace the check\'s `contains` with sentences you read at the start and end of the article and its',
    '# `excludes` with boilerplate lines, and delete `unconfirmed: true`. `declutter rules test` fails until then.',
    '',
  ].join('\n');
  const yaml = header + stringify(rule, { lineWidth: 0 });
  parseRuleFile(yaml, relative(root, ruleFile));
  mkdirSync(join(rulesDir, 'outlets'), { recursive: true });
  writeFileSync(ruleFile, yaml);
  return { host, ruleFile, sampleFile, content, title, removals, yaml };
}

/** Text blocks: paragraphs, and divs that hold only inline markup (sites that write paragraphs as divs). */
function textBlocks(root: ParentNode): Element[] {
  return [...root.querySelectorAll('p, div')].filter((el) => el.tagName === 'P' || [...el.children].every((c) => INLINE.has(c.tagName)));
}

/** The element whose paragraphs carry the most text: each paragraph credits its parent, and half to the grandparent. */
function findContainer(doc: Document): Element | undefined {
  const score = new Map<Element, number>();
  for (const p of textBlocks(doc)) {
    const len = squash(p.textContent).length;
    if (len < MIN_PARAGRAPH_CHARS || p.closest('nav, footer, header, aside, form')) continue;
    const parent = p.parentElement;
    if (!parent) continue;
    score.set(parent, (score.get(parent) ?? 0) + len);
    const grand = parent.parentElement;
    if (grand && grand.tagName !== 'BODY') score.set(grand, (score.get(grand) ?? 0) + len / 2);
  }
  let best: Element | undefined;
  let top = 0;
  for (const [el, s] of score) if (s > top) [best, top] = [el, s];
  // A body split into sibling groups of paragraphs (between ads and images) is their parent.
  const parent = best?.parentElement;
  if (best && parent && parent.tagName !== 'BODY') {
    const twins = [...parent.children].filter((c) => c !== best && c.tagName === best!.tagName && c.getAttribute('class') === best!.getAttribute('class'));
    if (twins.some((t) => paragraphChars(t) > 0)) best = parent;
  }
  return best;
}

function paragraphChars(el: Element): number {
  let n = 0;
  for (const p of textBlocks(el)) {
    const len = squash(p.textContent).length;
    if (len >= MIN_PARAGRAPH_CHARS) n += len;
  }
  return n;
}

/**
 * Whether a class name looks generated and so will not survive the next build: it has digits (CSS-module
 * hashes, utility classes like mt-4), a generator prefix, utility syntax (md:mx-auto, w-[40%]), or a short
 * random mixed-case part (styled-components' "gStNuV", Verso's "BodyWrapper-kufPGa").
 */
export function isGeneratedClass(name: string): boolean {
  if (/\d/.test(name) || GENERATED_PREFIX.test(name) || /[:[\]/!]/.test(name)) return true;
  const last = name.split(/[-_]/).pop() ?? name;
  return last.length >= 4 && last.length <= 7 && /[a-z]/.test(last) && /[A-Z]/.test(last.slice(1));
}

function stableClasses(el: Element): string[] {
  return (el.getAttribute('class') ?? '').split(/\s+/).filter((c) => c && !isGeneratedClass(c));
}

function isStableId(id: string): boolean {
  return !!id && !/\d{3,}|[-_][a-f0-9]{6,}/i.test(id) && !isGeneratedClass(id);
}

function escapeCss(s: string): string {
  return s.replace(/([^a-zA-Z0-9_-])/g, '\\$1');
}

/** A selector for one element built from what survives a redesign best: id, itemprop, data attributes, semantic classes. */
function stableSelector(doc: Document, el: Element): string {
  const unique = (sel: string) => {
    try {
      return doc.querySelectorAll(sel).length === 1;
    } catch {
      return false;
    }
  };
  const own = ownSelectors(el);
  for (const sel of own) if (unique(sel)) return sel;
  // Qualify by the nearest ancestor that has a stable name of its own.
  for (let a = el.parentElement; a && a.tagName !== 'HTML'; a = a.parentElement) {
    for (const anc of ownSelectors(a)) for (const sel of own.length ? own : [el.tagName.toLowerCase()]) if (unique(`${anc} ${sel}`)) return `${anc} ${sel}`;
  }
  return own[0] ?? el.tagName.toLowerCase();
}

function ownSelectors(el: Element): string[] {
  const tag = el.tagName.toLowerCase();
  const out: string[] = [];
  const id = el.getAttribute('id');
  if (id && isStableId(id)) out.push(`#${escapeCss(id)}`);
  const itemprop = el.getAttribute('itemprop');
  if (itemprop) out.push(`[itemprop="${itemprop}"]`);
  for (const attr of ['data-testid', 'data-element', 'data-module', 'data-component']) {
    const v = el.getAttribute(attr);
    if (v && !/\d{3,}/.test(v)) out.push(`[${attr}="${v}"]`);
  }
  const classes = stableClasses(el);
  if (classes.length) out.push(`${tag}.${classes.map(escapeCss).join('.')}`, ...classes.map((c) => `.${escapeCss(c)}`));
  // A CSS-module or styled class keeps its readable stem across builds: match on the stem.
  for (const c of (el.getAttribute('class') ?? '').split(/\s+/)) {
    const stem = /^([A-Za-z][A-Za-z_-]*?[a-z](?:__|-))[A-Za-z0-9]{4,7}$/.exec(c)?.[1];
    if (stem && stem.replace(/[-_]/g, '').length >= 6 && isGeneratedClass(c)) out.push(`[class*="${stem}"]`);
  }
  if (tag === 'article' || tag === 'main') out.push(tag);
  return out;
}

function titleSelector(doc: Document): string | undefined {
  const h1s = [...doc.querySelectorAll('h1')];
  if (h1s.length !== 1) return undefined;
  const own = ownSelectors(h1s[0]!).map((sel) => (sel.startsWith('.') || sel.startsWith('[') || sel.startsWith('#') ? `h1${sel}` : sel));
  return own.find((sel) => !sel.startsWith('[class*=')) ?? 'h1';
}

/** Blocks inside the container that look like boilerplate: by class name, by tag, or as link lists. */
function proposeRemovals(doc: Document, container: Element): ProposedRemoval[] {
  const out: ProposedRemoval[] = [];
  const seen = new Set<string>();
  const add = (category: Category, el: Element) => {
    const classes = stableClasses(el);
    const tag = el.tagName.toLowerCase();
    const id = el.getAttribute('id');
    const named = classes.length ? `.${escapeCss(classes[0]!)}` : id && isStableId(id) ? `#${escapeCss(id)}` : undefined;
    // Without a name of its own, only a semantic tag (figure, aside, form) can be named, inside the container.
    const selector = named ?? (SEMANTIC.has(tag) ? `${stableSelector(doc, container)} ${tag}` : undefined);
    if (!selector || seen.has(selector)) return;
    seen.add(selector);
    out.push({ category, selector, text: squash(el.textContent).slice(0, 80) });
  };
  for (const el of container.querySelectorAll('*')) {
    if (out.some((r) => safeClosest(el, r.selector))) continue;
    const tag = el.tagName;
    const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.toLowerCase();
    const token = BLOCK_TOKENS.find(([re]) => names.split(/\s+/).some((n) => re.test(n)));
    if (token && tag !== 'P') {
      add(token[1], el);
      continue;
    }
    if (tag === 'FIGURE') add('caption', el);
    else if (tag === 'ASIDE') add('related', el);
    else if (tag === 'FORM') add('newsletter', el);
    else if (['DIV', 'UL', 'SECTION'].includes(tag)) {
      const text = squash(el.textContent);
      const linkText = [...el.querySelectorAll('a')].map((a) => squash(a.textContent)).join(' ');
      if (text && text.length < LINK_LIST_MAX_CHARS && linkText.length / text.length > LINK_DENSITY && !el.querySelector('p')) add('related', el);
    }
  }
  return out;
}

function safeClosest(el: Element, selector: string): boolean {
  try {
    return el.closest(selector) !== null;
  } catch {
    return false;
  }
}

function groupRemovals(removals: ProposedRemoval[]): NonNullable<RuleFile['remove']> {
  const byCategory = new Map<Category, string[]>();
  for (const r of removals) byCategory.set(r.category, [...(byCategory.get(r.category) ?? []), r.selector]);
  return [...byCategory.entries()].map(([category, selectors]) => ({ category, name: category, selectors }));
}

function sampleName(page: string, url: string): string {
  let slug = '';
  try {
    slug = new URL(url).pathname.split('/').filter(Boolean).pop() ?? '';
  } catch {
    slug = '';
  }
  slug = slug.replace(/\.[a-z]+$/i, '').replace(/[^a-z0-9-]+/gi, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `${slug || basename(page, extname(page)) || 'page'}.html`;
}

function squash(s: string | null | undefined): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}

function firstWords(text: string, n = 10): string {
  return text.split(' ').slice(0, n).join(' ');
}
