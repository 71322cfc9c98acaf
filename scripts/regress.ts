/**
 * Makes and updates the real-page regression cases in test/regress/ (see test/regress-lib.ts).
 *
 *   npm run regress -- new <page.html> --name <case> --origin "<where it came from>" --licence <licence> [--url <address>]
 *   npm run regress -- update [case names...]
 *
 * `new` copies the page into a folder of its own and writes what declutter makes of it; `update` writes the
 * expected files again from the current code and says which cases changed. Both only write: read the diff
 * (`git diff test/regress`) before committing it, as with the goldens.
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { expectedOf, listCases, readExpected, REGRESS_DIR, runCase, type CaseInfo, type RegressCase } from '../test/regress-lib.js';

const USAGE = `usage:
  npm run regress -- new <page.html> --name <case> --origin "<where it came from>" --licence <licence> [--url <address>]
  npm run regress -- update [case names...]`;

function fail(message: string): never {
  process.stderr.write(`regress: ${message}\n${USAGE}\n`);
  process.exit(2);
}

async function write(c: RegressCase): Promise<'created' | 'changed' | 'unchanged'> {
  const before = readExpected(c);
  const next = expectedOf(await runCase(c));
  const meta = `${JSON.stringify(next.meta, null, 2)}\n`;
  if (before && before.text === next.text && `${JSON.stringify(before.meta, null, 2)}\n` === meta) return 'unchanged';
  writeFileSync(join(c.dir, 'expected.txt'), next.text);
  writeFileSync(join(c.dir, 'expected.json'), meta);
  return before ? 'changed' : 'created';
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { name: { type: 'string' }, origin: { type: 'string' }, licence: { type: 'string' }, url: { type: 'string' } },
});
const [command, ...rest] = positionals;

if (command === 'new') {
  const [page] = rest;
  if (!page || !existsSync(page)) fail(`new needs a saved page${page ? `; ${page} does not exist` : ''}`);
  if (!values.name || !/^[a-z0-9][a-z0-9._-]*$/.test(values.name)) fail('--name must be lower-case letters, digits, ".", "_" or "-"');
  if (!values.origin || !values.licence) fail('--origin and --licence are required: a case says where its page came from');
  const dir = join(REGRESS_DIR, values.name);
  if (existsSync(dir)) fail(`case ${values.name} exists; use update`);
  mkdirSync(dir, { recursive: true });
  copyFileSync(page, join(dir, 'source.html'));
  const info: CaseInfo = { ...(values.url ? { url: values.url } : {}), origin: values.origin, licence: values.licence };
  writeFileSync(join(dir, 'case.json'), `${JSON.stringify(info, null, 2)}\n`);
  await write({ name: values.name, dir, info });
  process.stderr.write(`created ${dir}\n`);
} else if (command === 'update') {
  const cases = listCases().filter((c) => !rest.length || rest.includes(c.name));
  const counts = { created: 0, changed: 0, unchanged: 0 };
  for (const c of cases) {
    const how = await write(c);
    counts[how]++;
    if (how !== 'unchanged') process.stderr.write(`* ${c.name}: ${how}\n`);
  }
  process.stderr.write(`${cases.length} cases: ${counts.changed} changed, ${counts.created} created, ${counts.unchanged} unchanged\n`);
} else {
  fail(command ? `unknown command "${command}"` : 'a command is needed');
}
