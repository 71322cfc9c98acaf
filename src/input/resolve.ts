/** Turns command-line input arguments (files, folders, globs, `-`) into an ordered list of sources. */
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { DeclutterError } from '../errors.js';
import { KNOWN_EXTENSIONS, stripExtension } from './sniff.js';
import type { InputSource } from './types.js';

/** fast-glob, loaded for the first glob (a tenth of a second of start-up that a run on plain paths does not pay). */
let glob: typeof import('fast-glob') | undefined;

/** Expected outputs kept beside sample inputs (`x.expected.json`, `x.golden.txt`) are not inputs. */
const NOT_AN_INPUT = /\.(expected|golden)(\.|$)/i;

/**
 * Folders are walked recursively (files with a known extension, sorted); a glob is expanded (sorted);
 * `-` is standard input. A path that does not exist, or a glob that matches nothing, is an error
 * with code INPUT_NOT_FOUND.
 */
export async function resolveInputs(specs: string[], cwd = process.cwd()): Promise<InputSource[]> {
  const sources: InputSource[] = [];
  for (const spec of specs) {
    if (spec === '-') {
      sources.push({ path: '-', name: 'stdin' });
      continue;
    }
    const info = await stat(path.resolve(cwd, spec)).catch(() => undefined);
    if (info?.isDirectory()) {
      const files = await walkFolder(path.resolve(cwd, spec));
      if (files.length === 0) throw new DeclutterError('INPUT_NOT_FOUND', `no input files (.html, .txt, .jsonl, .warc, each maybe .gz) in ${spec}`);
      for (const rel of files) sources.push({ path: path.join(spec, rel), name: stripExtension(rel) });
    } else if (info) {
      sources.push({ path: spec, name: stripExtension(path.basename(spec)) });
    } else if ((glob ??= (await import('fast-glob')).default).isDynamicPattern(spec)) {
      const base = staticPrefix(spec, glob);
      // Symbolic links are not followed into folders here (a link loop would never end); walk a folder instead.
      const files = (await glob(spec.replaceAll('\\', '/'), { cwd, onlyFiles: true, dot: false, followSymbolicLinks: false })).sort();
      if (files.length === 0) throw new DeclutterError('INPUT_NOT_FOUND', `no files match ${spec}`);
      for (const file of files) {
        sources.push({ path: file, name: stripExtension(path.relative(base, file)) });
      }
    } else {
      throw new DeclutterError('INPUT_NOT_FOUND', `no such file or folder: ${spec}`);
    }
  }
  return sources;
}

/**
 * The input files under a folder, relative to it and sorted, hidden entries skipped. Links are followed (to files
 * and to folders), but each real folder is walked once: a link loop, or two links to one folder, cannot make the
 * walk endless or a page be read twice.
 */
async function walkFolder(root: string): Promise<string[]> {
  const seen = new Set<string>();
  const out: string[] = [];
  const walk = async (dir: string, rel: string): Promise<void> => {
    const real = await realpath(dir).catch(() => undefined);
    if (!real || seen.has(real)) return;
    seen.add(real);
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const full = path.join(dir, e.name);
      const relPath = rel ? `${rel}/${e.name}` : e.name;
      let kind: 'dir' | 'file' | undefined = e.isDirectory() ? 'dir' : e.isFile() ? 'file' : undefined;
      if (e.isSymbolicLink()) {
        const target = await stat(full).catch(() => undefined);
        kind = target?.isDirectory() ? 'dir' : target?.isFile() ? 'file' : undefined;
      }
      if (kind === 'dir') await walk(full, relPath);
      else if (kind === 'file' && isInputName(relPath)) out.push(relPath);
    }
  };
  await walk(root, '');
  return out.sort();
}

function isInputName(rel: string): boolean {
  const base = path.basename(rel);
  return KNOWN_EXTENSIONS.test(base) && !NOT_AN_INPUT.test(base);
}

/** The folder part of a glob before its first wildcard (`pages/2024/*.html` -> `pages/2024`). */
function staticPrefix(pattern: string, fg: typeof import('fast-glob')): string {
  const parts = pattern.replaceAll('\\', '/').split('/');
  const fixed: string[] = [];
  for (const part of parts.slice(0, -1)) {
    if (part && fg.isDynamicPattern(part)) break;
    fixed.push(part);
  }
  return fixed.join('/') || (pattern.startsWith('/') ? '/' : '.');
}
