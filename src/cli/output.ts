/** How `declutter clean` writes results: formats, and the stdout or `--out` folder sinks. */
import { readFile, realpath } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import type { CleanError, CleanResult } from '../types.js';
import { makeDir } from './make-dir.js';
import { printable } from './printable.js';
import { escapeComment, renderDocument, type RenderOptions } from './render.js';
import { writeFileAtomic } from './write-atomic.js';
import { OUTPUT_FORMATS, type OutputFormat } from './formats.js';

export { OUTPUT_FORMATS, type OutputFormat };

const EXTENSION: Record<OutputFormat, string> = {
  jsonl: '.json',
  json: '.json',
  text: '.txt',
  html: '.html',
  markdown: '.md',
};

export function outputPath(outDir: string, name: string, format: OutputFormat): string {
  return path.join(outDir, `${containedName(name)}${EXTENSION[format]}`);
}

/**
 * An output name that stays under `--out` whatever the input was called: empty, `.` and `..` segments and a
 * leading root are dropped (`../../2023/jan/x` from a brace glob becomes `2023/jan/x`).
 */
export function containedName(name: string): string {
  return (
    name
      .split(/[\\/]+/)
      .filter((part) => part && part !== '.' && part !== '..')
      .join('/') || 'page'
  );
}

/**
 * Why an output file must not be written, checked on real paths: a symbolic link inside `--out` leads out
 * of it (OUTPUT_OUTSIDE), or the file is one of the inputs (OUTPUT_IS_INPUT).
 */
export function createOutputGuard(outDir: string, inputPaths: string[]): (file: string) => Promise<CleanError | undefined> {
  const realDirs = new Map<string, Promise<string>>();
  // A folder not made yet has the real path its nearest existing parent gives it.
  const realDir = (dir: string): Promise<string> => {
    let real = realDirs.get(dir);
    if (!real) {
      real = realpath(dir).catch((err: NodeJS.ErrnoException) => {
        const parent = path.dirname(dir);
        if (err.code !== 'ENOENT' || parent === dir) return path.resolve(dir);
        return realDir(parent).then((p) => path.join(p, path.basename(dir)));
      });
      realDirs.set(dir, real);
    }
    return real;
  };
  const realOut = realDir(path.resolve(outDir));
  let inputs: Promise<Set<string>> | undefined;
  return async (file) => {
    const real = path.join(await realDir(path.dirname(path.resolve(file))), path.basename(file));
    const root = await realOut;
    const rel = path.relative(root, real);
    if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
      return { code: 'OUTPUT_OUTSIDE', message: `${file} leads outside --out (through a link); nothing written` };
    }
    inputs ??= Promise.all(inputPaths.map((p) => realpath(p).catch(() => path.resolve(p)))).then((list) => new Set(list));
    if ((await inputs).has(real)) {
      return { code: 'OUTPUT_IS_INPUT', message: `${file} is an input file; give --out a folder of its own` };
    }
    return undefined;
  };
}

/**
 * Whether an output file from an earlier run is whole, so `--skip-existing` may keep it: JSON must parse,
 * an HTML document must reach its end tag, a text or markdown file must not be empty.
 */
export async function outputIsComplete(file: string, format: OutputFormat): Promise<boolean> {
  let body: string;
  try {
    body = await readFile(file, 'utf8');
  } catch {
    return false;
  }
  if (format === 'jsonl' || format === 'json') {
    try {
      const value: unknown = JSON.parse(body);
      return typeof value === 'object' && value !== null;
    } catch {
      return false;
    }
  }
  if (format === 'html') return body.trimEnd().endsWith('</html>');
  return body.trim().length > 0;
}

/** Where records go: one call per record, in order, then `end`. */
export interface Sink {
  write(result: CleanResult, name: string): Promise<void>;
  end(): Promise<void>;
}

/**
 * Writes to a stream (stdout), honouring its backpressure. `several` says the inputs may hold more than
 * one page: human formats then give each document a header line.
 */
export function streamSink(out: NodeJS.WritableStream, format: OutputFormat, several = false, render: RenderOptions = {}): Sink {
  const put = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  if (format === 'jsonl') {
    return { write: (r) => put(`${JSON.stringify(r)}\n`), end: async () => {} };
  }
  if (format === 'json') {
    // One input gives one object; more give an array. The first record waits until a second shows up.
    let held: CleanResult | undefined;
    let count = 0;
    return {
      async write(r) {
        count++;
        if (count === 1) {
          held = r;
          return;
        }
        if (count === 2) await put(`[\n${indent(JSON.stringify(held, null, 2))}`);
        await put(`,\n${indent(JSON.stringify(r, null, 2))}`);
      },
      async end() {
        if (count === 1) await put(`${JSON.stringify(held, null, 2)}\n`);
        else if (count === 0) await put('[]\n');
        else await put('\n]\n');
      },
    };
  }
  let count = 0;
  return {
    async write(r) {
      count++;
      // Several documents on one stream get a header line each, like `head` does with several files.
      // The id is the page's own text: escaped, so a line break in it cannot forge a header.
      const id = printable(r.id ?? '');
      const header = !several ? '' : format === 'html' ? `<!-- ==> ${escapeComment(id)} <== -->\n` : `==> ${id} <==\n`;
      await put(`${count > 1 ? '\n' : ''}${header}${renderDocument(r, format, render)}`);
    },
    end: async () => {},
  };
}

function indent(s: string): string {
  return s.replace(/^/gm, '  ');
}

/** One file per record under `outDir`, mirroring input names; failed pages write no file. */
export function folderSink(outDir: string, format: OutputFormat, render: RenderOptions = {}): Sink {
  const made = new Set<string>();
  return {
    async write(r, name) {
      if (r.error) return;
      const file = outputPath(outDir, name, format);
      const dir = path.dirname(file);
      if (!made.has(dir)) {
        await makeDir(dir);
        made.add(dir);
      }
      const body =
        format === 'jsonl' ? `${JSON.stringify(r)}\n` : format === 'json' ? `${JSON.stringify(r, null, 2)}\n` : renderDocument(r, format, render);
      await writeFileAtomic(file, body);
    },
    end: async () => {},
  };
}
