/**
 * Files written whole or not at all: a temp file in the same folder, then a rename over the target.
 * `writeFileAtomic` for a string; `openAtomic` for output streamed to disk (a queue job's file), flushed first.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import path from 'node:path';

let counter = 0;

/** A short name: the target's own name may already be near the file system's limit. */
function tempBeside(file: string): string {
  return path.join(path.dirname(file), `.declutter-${process.pid}-${++counter}.tmp`);
}

export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const temp = tempBeside(file);
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

export interface AtomicFile {
  /** Where the content goes; nothing is visible under the target name until `commit`. */
  stream: NodeJS.WritableStream;
  /** Ends the stream, flushes it to disk and renames it to the target. */
  commit(): Promise<void>;
  /** Drops what was written; the target is left as it was. */
  abort(): Promise<void>;
}

export async function openAtomic(file: string): Promise<AtomicFile> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = tempBeside(file);
  // flush: an fsync before the close, so a rename never publishes a file whose bytes are still in the page cache.
  const stream = createWriteStream(temp, { flush: true });
  const drop = async () => {
    stream.destroy();
    await finished(stream).catch(() => {});
    await rm(temp, { force: true });
  };
  return {
    stream,
    async commit() {
      try {
        stream.end();
        await finished(stream);
        await rename(temp, file);
      } catch (err) {
        await drop();
        throw err;
      }
    },
    abort: drop,
  };
}
