/**
 * Files written whole or not at all: a temp file in the same folder, then a rename over the target.
 * `writeFileAtomic` for a string; `openAtomic` for output streamed to disk (a queue job's file), flushed first.
 * `removeStaleTemps` clears the temp files a killed process left behind.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { finished } from 'node:stream/promises';
import path from 'node:path';

let counter = 0;

/** This machine, in 8 hex digits: a pid says whether its writer is alive only on the machine that wrote it. */
const HOST = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);

/** `.declutter-<pid>-<n>-<host>.tmp`; the host part was missing before (such files count as this machine's). */
const TEMP_NAME = /^\.declutter-(\d+)-\d+(?:-([0-9a-f]{8}))?\.tmp$/;

/** A short name: the target's own name may already be near the file system's limit. */
function tempBeside(file: string): string {
  return path.join(path.dirname(file), `.declutter-${process.pid}-${++counter}-${HOST}.tmp`);
}

export interface StaleTempOptions {
  /**
   * A temp file not written to for this long is stale whoever wrote it: its pid may have been reused, or it was
   * written on another machine sharing the folder (whose pids cannot be checked from here).
   */
  olderThanMs: number;
}

/**
 * Removes the temp files under `dir` (any depth) that no live writer holds: written on this machine by a process
 * that is gone (a worker killed with SIGKILL, a machine that lost power), or by this process's pid (a container
 * restarted with the same pid), or untouched for `olderThanMs`. Call it before this process writes any file
 * there. A missing `dir` has none. Returns the removed paths.
 */
export async function removeStaleTemps(dir: string, options: StaleTempOptions): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir, { recursive: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const removed: string[] = [];
  const now = Date.now();
  for (const name of names) {
    const match = TEMP_NAME.exec(path.basename(name));
    if (!match) continue;
    const file = path.join(dir, name);
    const pid = Number(match[1]);
    const here = match[2] === undefined || match[2] === HOST;
    let stale = here && (pid === process.pid || !isAlive(pid));
    if (!stale) {
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) continue;
      stale = now - info.mtimeMs > options.olderThanMs;
    }
    if (stale) {
      await rm(file, { force: true });
      removed.push(file);
    }
  }
  return removed;
}

function isAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
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
  /** Marks the temp file as in use (its mtime), for a stretch with nothing to write: see removeStaleTemps. */
  touch(): Promise<void>;
  /** The temp file's path. */
  readonly temp: string;
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
    async touch() {
      const now = new Date();
      await utimes(temp, now, now).catch(() => {});
    },
    temp,
  };
}
