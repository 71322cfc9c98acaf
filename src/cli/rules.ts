/**
 * `declutter rules lint | test | new | stats`: the tools to write and check rule files. Each subcommand
 * parses its arguments, calls the tool in src/cli/rule-tools/, prints the report and sets the exit code
 * (0 all good, 1 a check or lint failed, 2 a usage error).
 */
import { relative } from 'node:path';
import { Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import type { DomName, PageInput } from '../types.js';

// Each tool is imported by its own action: `declutter --help` should not load the cleaner.


function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseShare(value: string): number {
  const n = Number(value);
  if (!(n > 0 && n <= 1)) throw new InvalidArgumentError('expected a share between 0 and 1, e.g. 0.3');
  return n;
}

export function registerRulesCommands(program: Command): void {
  const rules = program.command('rules').description('write and check rule files: lint, test, new, stats');

  rules
    .command('lint')
    .description('validate rule files: schema, selectors under both DOMs, duplicate ids and hosts, unknown categories and references')
    .argument('[dirs...]', 'rule folders (default: $DECLUTTER_RULES, else ./rules if it exists, else the bundled rules)')
    .action(async (dirs) => {
      const [{ formatLintMessage, lintRules }, { userRulesDirs }] = await Promise.all([import('./rule-tools/lint.js'), import('./user-rules.js')]);
      const report = lintRules({ dirs: dirs.length ? dirs : userRulesDirs() });
      for (const m of report.messages) process.stdout.write(`${formatLintMessage(m)}\n`);
      process.stdout.write(`${report.files} files, ${report.messages.length} problem${report.messages.length === 1 ? '' : 's'}\n`);
      process.exitCode = report.messages.length ? 1 : 0;
    });

  rules
    .command('test')
    .description("run each rule file's checks (sample page, text that must and must not be in the body, title) and report per rule")
    .argument('[ids...]', 'rule ids to test (default: every rule with checks)')
    .option('--rules <dir>', 'rule folder to test instead of the bundled rules (repeatable; default: $DECLUTTER_RULES, else ./rules if it exists)', collect, [] as string[])
    .option('--root <dir>', 'folder the check files are relative to (default: the parent of each rule folder)')
    .addOption(new Option('--dom <name>', 'HTML parser').choices(['jsdom', 'linkedom'] as const))
    .action(async (ids, flags) => {
      const [{ formatTestReport, testRules }, { bundledSamplesInstalled, userRulesDirs }] = await Promise.all([
        import('./rule-tools/test.js'),
        import('./user-rules.js'),
      ]);
      const dirs = flags.rules.length ? flags.rules : userRulesDirs();
      if (!dirs.length && !bundledSamplesInstalled()) {
        process.stdout.write('no rules to test: the bundled rules\' sample pages are not installed with the package; run this in a folder with your own rules/ (see `declutter rules new`), or pass --rules\n');
        return;
      }
      const report = await testRules({ ids, dirs, root: flags.root, dom: flags.dom as DomName | undefined });
      process.stdout.write(`${formatTestReport(report)}\n`);
      process.exitCode = report.failed || report.unknownIds.length ? 1 : 0;
    });

  rules
    .command('new')
    .description('scaffold rules/outlets/<host>.yaml from a saved page, copy the page to samples/<host>/, and write checks to confirm')
    .argument('<page>', 'the saved HTML page')
    .requiredOption('--url <url>', "the page's URL (names the host)")
    .option('--rules <dir>', 'the rules folder to write into', 'rules')
    .option('--force', 'replace an existing rule file')
    .action(async (page, flags) => {
      const { scaffoldOutletRule } = await import('./rule-tools/new.js');
      const result = scaffoldOutletRule({ page, url: flags.url, rulesDir: flags.rules, force: flags.force });
      const rel = (p: string) => relative(process.cwd(), p) || p;
      const out = [
        `wrote ${rel(result.ruleFile)}`,
        `copied the page to ${rel(result.sampleFile)}`,
        `content container: ${result.content.join('  (fallback: ')}${result.content.length > 1 ? ')' : ''}`,
        ...(result.title ? [`title: ${result.title}`] : []),
        result.removals.length ? 'would remove:' : 'no blocks to remove found inside the container',
        ...result.removals.map((r) => `  ${r.category.padEnd(11)} ${r.selector}   "${r.text.slice(0, 60)}"`),
        '',
        `next: open ${rel(result.sampleFile)}, confirm the selectors, fill in the check, delete \`unconfirmed: true\`,`,
        `then run: declutter rules test ${result.host}`,
      ];
      process.stdout.write(`${out.join('\n')}\n`);
    });

  rules
    .command('stats')
    .description('over a batch of pages: how often each rule fired, rules that never fired, pages where a rule took a large share of the text')
    .argument('<inputs...>', 'files, folders, globs, JSONL or WARC')
    .option('--rules <dir>', 'extra rule folder over the bundled rules (repeatable; default: $DECLUTTER_RULES, else ./rules if it exists)', collect, [] as string[])
    .option('--heavy-share <share>', `report pages where a rule's selectors cover more than this share of the text (default 0.3)`, parseShare)
    .option('--json', 'print the report as JSON')
    .action(async (inputs, flags) => {
      const [{ readInputs, resolveInputs }, { collectRuleStats, formatStatsReport }, { userRulesDirs }] = await Promise.all([
        import('../input/index.js'),
        import('./rule-tools/stats.js'),
        import('./user-rules.js'),
      ]);
      const sources = await resolveInputs(inputs);
      async function* pages(): AsyncGenerator<PageInput> {
        for await (const item of readInputs(sources)) if (!item.error) yield item.page;
      }
      const report = await collectRuleStats(pages(), { rulesDirs: flags.rules.length ? flags.rules : userRulesDirs(), heavyShare: flags.heavyShare });
      process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatStatsReport(report)}\n`);
    });
}
