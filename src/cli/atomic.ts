/** A file written whole or not at all: a temp file in the same folder, flushed to disk, then renamed over the target. */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import path from 'node:path';

let counter = 0;

export interface AtomicFile {
  /** Where the content goes; nothing is visible under the target name until `commit`. */
  stream: NodeJS.WritableStream;
  /** Ends the stream, flushes it to disk and renames it to the target. */
  commit(): Promise<void>;
  /** Drops what was written; the target is left as it was. */
  abort(): Promise<void>;
}

export async function openAtomic(file: string): Promise<AtomicFile> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  // A short name: the target's own name may already be near the file system's limit.
  const temp = path.join(dir, `.declutter-${process.pid}-${++counter}.tmp`);
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
