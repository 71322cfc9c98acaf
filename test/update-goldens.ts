/**
 * Writes the goldens of `samples/` (`npm run golden:update`). The only way a golden changes: review the
 * diff (`git diff samples/`) before committing. HTML pages are cleaned under both DOMs; when the two
 * disagree, the linkedom output is written and the disagreement is reported (the golden test will fail
 * under jsdom until the cleaner gives one answer).
 *
 * Usage: tsx test/update-goldens.ts [sample path substrings...]
 */
import { writeFileSync } from 'node:fs';
import { DOMS, cleanSample, firstDifference, goldenOf, listSamples, readGolden, serialiseGolden } from './golden-lib.js';

const filters = process.argv.slice(2);
const samples = listSamples().filter((s) => !filters.length || filters.some((f) => s.name.includes(f)));
let changed = 0;
let disagreements = 0;

for (const sample of samples) {
  const result = goldenOf(await cleanSample(sample, DOMS[0]));
  if (sample.kind === 'html') {
    for (const dom of DOMS.slice(1)) {
      const other = goldenOf(await cleanSample(sample, dom));
      const d = firstDifference(result, other);
      if (d) {
        disagreements++;
        process.stderr.write(`! ${sample.name}: ${DOMS[0]} and ${dom} disagree at ${d}\n`);
      }
    }
  }
  const before = readGolden(sample);
  const next = serialiseGolden(result);
  if (before && serialiseGolden(before) === next) {
    process.stderr.write(`  ${sample.name}: unchanged\n`);
    continue;
  }
  writeFileSync(sample.goldenPath, next);
  changed++;
  const why = before ? `changed at ${firstDifference(before, result)}` : 'created';
  process.stderr.write(`* ${sample.name}: ${why}\n`);
}
process.stderr.write(`${samples.length} samples, ${changed} goldens written${disagreements ? `, ${disagreements} DOM disagreements` : ''}\n`);
