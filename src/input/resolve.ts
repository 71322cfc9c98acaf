/** Turns command-line input arguments (files, folders, globs, `-`) into an ordered list of sources. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { DeclutterError } from '../errors.js';
import { KNOWN_EXTENSIONS, stripExtension } from './sniff.js';
import type { InputSource } from './types.js';

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
      const files = await fg('**/*', { cwd: path.resolve(cwd, spec), onlyFiles: true, dot: false });
      for (const rel of files.filter(isInputName).sort()) {
        sources.push({ path: path.join(spec, rel), name: stripExtension(rel) });
      }
    } else if (info) {
      sources.push({ path: spec, name: stripExtension(path.basename(spec)) });
    } else if (fg.isDynamicPattern(spec)) {
      const base = staticPrefix(spec);
      const files = (await fg(spec.replaceAll('\\', '/'), { cwd, onlyFiles: true, dot: false })).sort();
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

function isInputName(rel: string): boolean {
  const base = path.basename(rel);
  return KNOWN_EXTENSIONS.test(base) && !NOT_AN_INPUT.test(base);
}

/** The folder part of a glob before its first wildcard (`pages/2024/*.html` -> `pages/2024`). */
function staticPrefix(pattern: string): string {
  const parts = pattern.replaceAll('\\', '/').split('/');
  const fixed: string[] = [];
  for (const part of parts.slice(0, -1)) {
    if (part && fg.isDynamicPattern(part)) break;
    fixed.push(part);
  }
  return fixed.join('/') || (pattern.startsWith('/') ? '/' : '.');
}
