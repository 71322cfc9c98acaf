/**
 * Build step (after tsc): parses the bundled rule files and writes their compiled cache, dist/rules.compiled.json
 * (see src/rules/compiled.ts). Runs the built code, so the cache is made by the parser that reads it.
 */
import { readFileSync } from 'node:fs';
import { BUNDLED_RULES_DIR, listRuleFiles, parseRuleFile } from '../dist/rules/load.js';
import { COMPILED_RULES_FILE, writeCompiled } from '../dist/rules/compiled.js';

const paths = listRuleFiles(BUNDLED_RULES_DIR);
const texts = paths.map((p) => readFileSync(p, 'utf8'));
const rules = texts.map((t, i) => parseRuleFile(t, paths[i]!));
const n = writeCompiled(texts, rules);
process.stderr.write(`rules: ${n} of ${paths.length} bundled rule files compiled to ${COMPILED_RULES_FILE}\n`);
