/**
 * `rules test`: runs every rule file's `checks` (a sample page, text that must be in the body, text that
 * must not, the title) through the cleaner and reports per rule. A check that `rules new` wrote and no
 * human has confirmed fails, with a message saying what to fill in.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createCleaner, type Cleaner } from '../../clean.js';
import { BUNDLED_RULES_DIR, listRuleFiles, loadRuleFile } from '../../rules/load.js';
import type { RuleCheck, RuleFile } from '../../rules/types.js';
import type { CleanResult } from '../../types.js';

export interface RuleTestOptions {
  /** Rule ids to test (default: every rule file that has checks). */
  ids?: string[];
  /** Rule folders (default: the bundled `rules/`); they are layered over the bundled rules when cleaning. */
  dirs?: string[];
  /** Where check files are resolved (default: the folder that holds each rules folder). */
  root?: string;
  dom?: 'jsdom' | 'linkedom';
}

export interface CheckResult {
  /** The check's sample file as written in the rule. */
  file: string;
  ok: boolean;
  /** What failed, in words a rule author can act on. */
  failures: string[];
}

export interface RuleTestResult {
  id: string;
  /** The rule file, as an absolute path. */
  source?: string;
  ok: boolean;
  checks: CheckResult[];
}

export interface RuleTestReport {
  rules: RuleTestResult[];
  passed: number;
  failed: number;
  /** Ids asked for that no rule file has. */
  unknownIds: string[];
}

/** Whitespace folded and curly quotes made straight, so a check does not fail on typography. */
export function normaliseForCheck(s: string): string {
  return s
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Runs the checks of the selected rule files. */
export async function testRules(options: RuleTestOptions = {}): Promise<RuleTestReport> {
  const dirs = options.dirs?.length ? options.dirs.map((d) => resolve(d)) : [BUNDLED_RULES_DIR];
  const usesBundled = dirs.some((d) => resolve(d) === resolve(BUNDLED_RULES_DIR));
  const cleaner = createCleaner({ dom: options.dom, rulesDirs: usesBundled ? [] : dirs });
  const files: Array<{ rule: RuleFile; root: string }> = [];
  for (const dir of dirs) {
    const root = options.root ? resolve(options.root) : resolve(dir, '..');
    for (const path of listRuleFiles(dir)) files.push({ rule: loadRuleFile(path, resolve(dir, '..')), root });
  }
  const wanted = options.ids?.length ? new Set(options.ids) : undefined;
  const unknownIds = wanted ? [...wanted].filter((id) => !files.some((f) => f.rule.id === id)) : [];
  const results: RuleTestResult[] = [];
  for (const { rule, root } of files) {
    if (wanted ? !wanted.has(rule.id) : !rule.checks?.length) continue;
    const checks: CheckResult[] = [];
    if (!rule.checks?.length) {
      checks.push({ file: '(none)', ok: false, failures: ['the rule has no checks: add a sample page under samples/ and a `checks` entry naming it'] });
    }
    for (const check of rule.checks ?? []) checks.push(await runCheck(cleaner, rule, check, root));
    results.push({ id: rule.id, source: rule.source, ok: checks.every((c) => c.ok), checks });
  }
  const passed = results.filter((r) => r.ok).length;
  return { rules: results, passed, failed: results.length - passed, unknownIds };
}

async function runCheck(cleaner: Cleaner, rule: RuleFile, check: RuleCheck, root: string): Promise<CheckResult> {
  const failures: string[] = [];
  const path = resolve(root, check.file);
  if (!existsSync(path)) return { file: check.file, ok: false, failures: [`sample file ${check.file} does not exist`] };
  if (check.unconfirmed) {
    failures.push(
      `unconfirmed: open ${check.file}, check that the proposed content selector and removals are right, ` +
        'replace the proposed `contains`/`excludes` with sentences you have read in the page (one from the start and one from the end ' +
        'of the article for `contains`, boilerplate lines for `excludes`), then delete `unconfirmed: true`',
    );
  }
  const raw = readFileSync(path);
  const isText = /\.txt$/i.test(check.file);
  const result: CleanResult = await cleaner.clean(isText ? { url: check.url, text: raw.toString('utf8') } : { url: check.url, html: raw });
  if (result.error) return { file: check.file, ok: false, failures: [...failures, `clean failed: ${result.error.code}: ${result.error.message}`] };
  if (!result.rules.includes(rule.id)) {
    failures.push(`rule ${rule.id} did not apply to the page (rules applied: ${result.rules.join(', ') || 'none'}); give the check a \`url\` or give the page a canonical link on one of the rule's hosts`);
  }
  const body = normaliseForCheck(result.text);
  for (const want of check.contains ?? []) {
    if (!body.includes(normaliseForCheck(want))) failures.push(`body lacks: "${want}"`);
  }
  for (const unwanted of check.excludes ?? []) {
    if (body.includes(normaliseForCheck(unwanted))) failures.push(`body still has: "${unwanted}"`);
  }
  if (check.title !== undefined && normaliseForCheck(result.title ?? '') !== normaliseForCheck(check.title)) {
    failures.push(`title is "${result.title ?? ''}", expected "${check.title}"`);
  }
  return { file: check.file, ok: failures.length === 0, failures };
}

/** The report as lines of text: one line per rule, the failures of failing checks under it. */
export function formatTestReport(report: RuleTestReport): string {
  const lines: string[] = [];
  for (const r of report.rules) {
    lines.push(`${r.ok ? 'ok  ' : 'FAIL'} ${r.id} (${r.checks.length} check${r.checks.length === 1 ? '' : 's'})`);
    for (const c of r.checks) if (!c.ok) for (const f of c.failures) lines.push(`     ${c.file}: ${f}`);
  }
  for (const id of report.unknownIds) lines.push(`FAIL ${id}: no rule file has this id`);
  lines.push(`${report.passed} passed, ${report.failed + report.unknownIds.length} failed`);
  return lines.join('\n');
}
