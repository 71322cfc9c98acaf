// JSONL in, JSONL out, through cleanStream: each input line is a page `{id?, url?, html? | text?}`, each
// output line its clean result, in the same order, cleaned on two worker threads.
//
//   node test/examples/jsonl-stream.mjs < pages.jsonl > clean.jsonl
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { cleanStream } from 'declutter';

await pipeline(
  createInterface({ input: process.stdin, crlfDelay: Infinity }),
  async function* toPages(lines) {
    let n = 0;
    for await (const line of lines) {
      n++;
      if (!line.trim()) continue;
      try {
        yield JSON.parse(line);
      } catch {
        console.error(`line ${n}: not JSON, skipped`);
      }
    }
  },
  cleanStream({ workers: 2 }),
  async function* toLines(results) {
    for await (const r of results) {
      yield `${JSON.stringify({ id: r.id, title: r.title, published: r.published, text: r.text, comments: r.comments.items.length, error: r.error })}\n`;
    }
  },
  process.stdout,
);
