/**
 * `mkdir -p` that always settles: Node 20's `mkdir(dir, { recursive: true })` spins forever where a parent
 * exists but refuses children (`/proc/x`), so missing parents are made one level at a time.
 */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';

export async function makeDir(dir: string): Promise<void> {
  try {
    await mkdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && (await stat(dir)).isDirectory()) return;
    const parent = path.dirname(dir);
    if (code !== 'ENOENT' || parent === dir) throw err;
    await makeDir(parent);
    await mkdir(dir);
  }
}
