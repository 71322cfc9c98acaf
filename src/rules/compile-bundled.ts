/** Build step: parses the bundled rule files and writes their compiled cache (see compiled.ts). */
import { readFileSync } from 'node:fs';
import { BUNDLED_RULES_DIR, listRuleFiles, parseRuleFile } from './load.js';
import { COMPILED_RULES_FILE, writeCompiled } from './compiled.js';

const paths = listRuleFiles(BUNDLED_RULES_DIR);
const texts = paths.map((p) => readFileSync(p, 'utf8'));
const rules = texts.map((t, i) => parseRuleFile(t, paths[i]!));
const n = writeCompiled(texts, rules);
process.stderr.write(`rules: ${n} of ${paths.length} bundled rule files compiled to ${COMPILED_RULES_FILE}\n`);
