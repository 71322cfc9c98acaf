/**
 * `rules lint`: checks every rule file beyond what loading needs: schema, selectors that neither DOM can
 * parse, duplicate ids and hosts, disabled items that do not exist, phrase regexes that do not compile,
 * check files that are missing. Every message names the file, the line and the field.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseWithJsdom } from '../../dom/jsdom.js';
import { DOMParser } from '../../dom/linkedom-module.js';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { RuleError } from '../../errors.js';
import { BUNDLED_RULES_DIR, listRuleFiles, parseRuleFile } from '../../rules/load.js';
import type { RuleFile } from '../../rules/types.js';

export interface LintMessage {
  /** The file, relative to the root its folder sits in (e.g. `rules/outlets/apnews.com.yaml`). */
  file: string;
  line?: number;
  field?: string;
  message: string;
}

export interface LintOptions {
  /** Rule folders to check (default: the bundled `rules/`). */
  dirs?: string[];
}

export interface LintReport {
  files: number;
  messages: LintMessage[];
}

/** One rule file as read from disk, with what is needed to point at its lines. */
interface LintedFile {
  name: string;
  root: string;
  rule: RuleFile;
  lineOf(path: (string | number)[]): number | undefined;
}

/** Lints every rule file under the given folders. */
export function lintRules(options: LintOptions = {}): LintReport {
  const dirs = options.dirs?.length ? options.dirs.map((d) => resolve(d)) : [BUNDLED_RULES_DIR];
  const messages: LintMessage[] = [];
  const files: LintedFile[] = [];
  let count = 0;
  for (const dir of dirs) {
    const root = resolve(dir, '..');
    for (const path of listRuleFiles(dir)) {
      count++;
      const name = relative(root, path);
      const text = readFileSync(path, 'utf8');
      try {
        const rule = parseRuleFile(text, name);
        files.push({ name, root, rule, lineOf: lineFinder(text) });
      } catch (err) {
        if (!(err instanceof RuleError)) throw err;
        messages.push({ file: name, line: err.line, field: err.field, message: err.message.replace(/^[^:]+(:\d+)?( \(field [^)]*\))?: /, '') });
      }
    }
  }
  for (const f of files) messages.push(...lintFile(f));
  messages.push(...lintAcrossFiles(files));
  return { files: count, messages };
}

/** Formats a message as `file:line (field x): message`. */
export function formatLintMessage(m: LintMessage): string {
  return `${m.file}${m.line ? `:${m.line}` : ''}${m.field ? ` (field ${m.field})` : ''}: ${m.message}`;
}

function lineFinder(text: string): (path: (string | number)[]) => number | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  return (path) => {
    const node = doc.getIn(path, true);
    const offset = isNode(node) ? node.range?.[0] : undefined;
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
}

/** Every selector field of a rule, with its path in the file. */
function selectorFields(rule: RuleFile): Array<{ path: (string | number)[]; selector: string }> {
  const out: Array<{ path: (string | number)[]; selector: string }> = [];
  const list = (path: (string | number)[], values: string[] | undefined) => values?.forEach((selector, i) => out.push({ path: [...path, i], selector }));
  for (const key of ['content', 'title', 'authors', 'published', 'modified', 'section', 'keep'] as const) list([key], rule[key]);
  rule.remove?.forEach((item, i) => list(['remove', i, 'selectors'], item.selectors));
  list(['fingerprints', 'selectors'], rule.fingerprints?.selectors);
  list(['access', 'selectors'], rule.access?.selectors);
  const c = rule.comments;
  if (c) {
    list(['comments', 'container'], c.container);
    list(['comments', 'external'], c.external);
    for (const key of ['item', 'author', 'date', 'text', 'replies'] as const) {
      const v = c[key];
      if (v) out.push({ path: ['comments', key], selector: v });
    }
  }
  return out;
}

let probes: Array<{ name: string; document: Document }> | undefined;

/** One empty document per DOM, to try selectors on: a selector must parse under both. */
function selectorProbes(): Array<{ name: string; document: Document }> {
  if (!probes) {
    const html = '<!doctype html><html><head></head><body><div></div></body></html>';
    probes = [
      { name: 'linkedom', document: new DOMParser().parseFromString(html, 'text/html') as unknown as Document },
      { name: 'jsdom', document: parseWithJsdom(html).document },
    ];
  }
  return probes;
}

/** Why a selector does not parse, or undefined when both DOMs accept it. */
export function selectorProblem(selector: string): string | undefined {
  for (const probe of selectorProbes()) {
    try {
      probe.document.querySelector(selector);
    } catch (err) {
      return `selector "${selector}" does not parse in ${probe.name}: ${(err as Error).message.split('\n')[0]}`;
    }
  }
  return undefined;
}

function lintFile(f: LintedFile): LintMessage[] {
  const out: LintMessage[] = [];
  const { rule } = f;
  const at = (path: (string | number)[], message: string) =>
    out.push({ file: f.name, line: f.lineOf(path), field: path.join('.'), message });

  for (const { path, selector } of selectorFields(rule)) {
    const problem = selectorProblem(selector);
    if (problem) at(path, problem);
  }
  if (rule.kind === 'outlet' && !rule.hosts?.length) at(['kind'], 'an outlet rule needs `hosts`');
  if (rule.kind === 'platform' && !rule.fingerprints) at(['kind'], 'a platform rule needs `fingerprints` (it is matched by markup, not by host)');
  if (rule.kind === 'phrases' && !rule.phrases) at(['kind'], 'a phrases file needs `phrases`');
  rule.hosts?.forEach((host, i) => {
    if (!/^[a-z0-9.-]+\.[a-z]{2,}$/.test(host)) at(['hosts', i], `"${host}" is not a bare host name (no scheme, path or upper case)`);
  });

  rule.remove?.forEach((item, i) => {
    if (!item.selectors?.length && !item.tokens?.length && !item.phrases?.length) at(['remove', i], 'a removal item needs selectors, tokens or phrases');
  });

  rule.checks?.forEach((check, i) => {
    // An installed package ships its rules without their sample pages: only a checkout can check those.
    const shipped = f.root === resolve(BUNDLED_RULES_DIR, '..') && !existsSync(resolve(f.root, 'samples'));
    if (!shipped && !existsSync(resolve(f.root, check.file))) at(['checks', i, 'file'], `sample file ${check.file} does not exist`);
    if (!check.contains?.length && !check.excludes?.length && !check.title) at(['checks', i], 'a check needs `contains`, `excludes` or `title`');
  });
  return out;
}

function lintAcrossFiles(files: LintedFile[]): LintMessage[] {
  const out: LintMessage[] = [];
  const ids = new Map<string, LintedFile>();
  const hosts = new Map<string, LintedFile>();
  const items = new Set<string>();
  for (const f of files) {
    const first = ids.get(f.rule.id);
    if (first) out.push({ file: f.name, line: f.lineOf(['id']), field: 'id', message: `duplicate id "${f.rule.id}" (also in ${first.name})` });
    else ids.set(f.rule.id, f);
    f.rule.hosts?.forEach((host, i) => {
      const other = hosts.get(host);
      if (other && other !== f) out.push({ file: f.name, line: f.lineOf(['hosts', i]), field: `hosts.${i}`, message: `duplicate host "${host}" (also in ${other.name})` });
      else hosts.set(host, f);
    });
    for (const item of f.rule.remove ?? []) if (item.name) items.add(`${f.rule.id}#${item.name}`);
  }
  for (const f of files) {
    f.rule.disable?.forEach((name, i) => {
      if (!items.has(name)) out.push({ file: f.name, line: f.lineOf(['disable', i]), field: `disable.${i}`, message: `disables "${name}", which no rule file names (expected <rule id>#<item name>)` });
    });
  }
  return out;
}
