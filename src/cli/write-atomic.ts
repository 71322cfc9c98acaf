/** Writes a file whole or not at all: a temp file in the same folder, then a rename over the target. */
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

let counter = 0;

export async function writeFileAtomic(file: string, data: string): Promise<void> {
  // A short name: the target's own name may already be near the file system's limit.
  const temp = path.join(path.dirname(file), `.declutter-${process.pid}-${++counter}.tmp`);
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
