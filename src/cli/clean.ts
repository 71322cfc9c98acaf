/**
 * `declutter clean [inputs...]`: reads pages from files, folders, globs, JSONL, WARC or stdin, cleans
 * them (in worker threads for batches) and writes one record per input, in input order.
 */
import { constants as fsConstants, existsSync } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { DeclutterError } from '../errors.js';
import { formatFromName } from '../input/sniff.js';
import { INPUT_FORMATS, type InputItem, type InputSource } from '../input/types.js';
import type { CleanResult, DomName } from '../types.js';
import { OUTPUT_FORMATS, type OutputFormat } from './formats.js';
import { createCliLogger, logLevelOption, type LogLevel } from './log.js';
import { makeDir } from './make-dir.js';
import type { Sink } from './output.js';
import { printable } from './printable.js';
import { startProgress, type Progress } from './progress.js';
import { parseShard, pickShard, type Shard } from './shard.js';
import { addSkipped, addToSummary, createSummary, formatSummary } from './summary.js';

/** Most worker threads `--workers` may ask for, per core: past a few, threads only fight over the cores. */
const MAX_WORKERS_PER_CORE = 4;

/** A wrong flag or argument: exit 2 with one line, no stack. */
export class UsageError extends DeclutterError {
  constructor(message: string) {
    super('USAGE', message);
    this.name = 'UsageError';
  }
}

/** An output file or stdout could not be written (disk full, a folder taken away): the run stops, exit 1. */
export class OutputError extends DeclutterError {
  constructor(where: string, cause: unknown) {
    super('OUTPUT_FAILED', `cannot write ${where}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'OutputError';
  }
}

export interface CleanFlags {
  inputFormat: (typeof INPUT_FORMATS)[number];
  format: OutputFormat;
  out?: string;
  skipExisting?: true;
  workers?: number;
  rules: string[];
  dom?: DomName;
  outletRules: boolean;
  disable: string[];
  explain?: true;
  /** Text, markdown and html: the header of title, byline, dates and URL (`--no-meta` leaves it out). */
  meta: boolean;
  /** Text, markdown and html: the reader comments section (`--no-comments` leaves it out). */
  comments: boolean;
  url?: string;
  timeout?: number;
  maxSize?: number;
  quiet?: true;
  summary?: true;
  shard?: Shard;
  logLevel?: LogLevel;
}

export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export function registerCleanCommand(program: Command): void {
  program
    .command('clean')
    .description('clean pages from files, folders (recursive), globs, or - for stdin; one record per input, in order')
    .argument('[inputs...]', 'files, folders, globs, or - for stdin (stdin when none given and it is piped)')
    .addOption(new Option('--input-format <format>', 'how to read inputs').choices(INPUT_FORMATS).default('auto' as const))
    .addOption(new Option('-f, --format <format>', 'output format').choices(OUTPUT_FORMATS).default('jsonl' as const))
    .option('-o, --out <dir>', 'write one file per input under DIR, mirroring input names (else stdout)')
    .option('--skip-existing', 'with --out: skip inputs whose output file exists (resume a run)')
    .option('-w, --workers <n>', 'worker threads (default: one per core for batches; a single page is cleaned in the main thread); 0 cleans in the main thread, with no time limit', parseCount)
    .option('--rules <dir>', 'extra rule folder over the bundled rules (repeatable; default: $DECLUTTER_RULES, else ./rules if it exists)', collect, [] as string[])
    .addOption(new Option('--dom <name>', 'HTML parser').choices(['jsdom', 'linkedom'] as const))
    .option('--no-outlet-rules', 'switch off outlet rules (generic and platform rules still apply)')
    .option('--disable <name>', 'switch off one rule item or step by the name removals carry in removed[].rule, e.g. generic#sidebar, postclean#duplicate (repeatable)', collect, [] as string[])
    .option('--explain', 'add the audit trail of removals (the explain field, or appended to text formats)')
    .option('--no-meta', 'text, markdown, html: leave out the header (title, byline, dates, URL)')
    .option('--no-comments', 'text, markdown, html: leave out the reader comments section')
    .option('--url <url>', 'the page URL, for a single input page (picks outlet rules, resolves links)')
    .option('--timeout <seconds>', 'per-page time limit with workers (a single page has none unless --workers 1)', parsePositive, 30)
    .option('--max-size <mb>', 'skip pages larger than this, as TOO_LARGE errors', parsePositive, 20)
    .option('-q, --quiet', 'no progress bar, no per-error lines, no summary')
    .option('--summary', 'print the summary table at the end even when stderr is not a terminal')
    .option('--shard <i/N>', 'clean only the input files whose path hashes to shard i of N (0-based), for batch systems', parseShard)
    .addOption(logLevelOption())
    .action(async (inputs, flags) => {
      const io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
      process.exitCode = await runClean(inputs, flags, io);
    });
}

export function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number, 0 or more');
  return n;
}
export function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number above 0');
  return n;
}
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Runs the command; resolves to the exit code (0 all clean, 1 some failed). Throws UsageError. */
export async function runClean(inputs: string[], flags: CleanFlags, io: CliIo): Promise<number> {
  // Loaded here, not with the command: `declutter --help` and the rules commands need none of it.
  const [{ errorRecord, readInputs, resolveInputs, toCleanError }, { loadRules }, { batchPagesInFlight, createPageCleaner, mapOrdered }, output, { userRulesDirs }] = await Promise.all([
    import('../input/index.js'),
    import('../rules/load.js'),
    import('../stream.js'),
    import('./output.js'),
    import('./user-rules.js'),
  ]);
  const { containedName, createOutputGuard, folderSink, outputIsComplete, outputPath, streamSink } = output;
  if (flags.skipExisting && !flags.out) throw new UsageError('--skip-existing needs --out');
  if (inputs.length === 0) {
    if (io.stdin.isTTY) throw new UsageError('no inputs: give files, folders, globs, or - for stdin');
    inputs = ['-'];
  }
  const resolved = await resolveInputs(inputs).catch((err: unknown) => {
    throw err instanceof DeclutterError ? new UsageError(err.message) : err;
  });
  if (flags.shard && resolved.some((s) => s.path === '-')) throw new UsageError('--shard needs input files, not stdin');
  const sources = pickShard(resolved, flags.shard);
  if (flags.url !== undefined) checkUrl(flags.url, sources, flags.inputFormat);
  const ruleDirs = flags.rules.length ? flags.rules : userRulesDirs();
  const cleanOptions = {
    dom: flags.dom,
    rulesDirs: ruleDirs.length ? ruleDirs : undefined,
    outletRules: flags.outletRules,
    ...(flags.disable.length ? { disable: flags.disable } : {}),
    explain: flags.explain === true,
    maxBytes: Math.round((flags.maxSize ?? 20) * 1024 * 1024),
  };
  if (flags.out) await prepareOutDir(flags.out);
  const workers = workerCount(flags, sources, io);
  const logger = await createCliLogger(flags.logLevel ?? 'info', io.stderr);
  if (flags.out) await removeTemps(flags.out, logger);
  let cleaner: ReturnType<typeof createPageCleaner>;
  try {
    // Worker threads load the rules on their own; a broken rule file should stop the run here, once.
    if (workers > 0) loadRules({ dirs: cleanOptions.rulesDirs, bundled: true });
    cleaner = createPageCleaner({ ...cleanOptions, logger, workers, timeoutMs: Math.round((flags.timeout ?? 30) * 1000) });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const render = { meta: flags.meta, comments: flags.comments };
  const sink: Sink = flags.out ? folderSink(flags.out, flags.format, render) : streamSink(io.stdout, flags.format, isBatch(sources, flags.inputFormat), render);
  const summary = createSummary();
  const progress = progressFor(io, flags, sources.length);
  const names = uniqueNames();
  const guard = flags.out ? createOutputGuard(flags.out, sources.map((source) => source.path).filter((p) => p !== '-')) : undefined;

  interface Job {
    item: InputItem;
    name: string;
    skip: boolean;
  }
  // The first SIGINT or SIGTERM stops the run: no new page is taken, pages in flight are dropped (their
  // workers stopped), and what was written stays whole. A second signal exits at once.
  let interrupted: NodeJS.Signals | undefined;
  const stopWatching = onInterrupt((signal) => {
    interrupted = signal;
    void cleaner.close();
  });

  async function* jobs(): AsyncGenerator<Job> {
    for await (const item of readInputs(sources, { format: flags.inputFormat, maxBytes: cleanOptions.maxBytes, stdin: io.stdin as AsyncIterable<Uint8Array> })) {
      if (interrupted) return;
      if (flags.url !== undefined && !item.page.url) item.page.url = flags.url;
      if (!flags.out) {
        yield { item, name: item.name, skip: false };
        continue;
      }
      const wanted = containedName(item.name);
      const name = names(wanted);
      if (name !== wanted) summary.renamed++;
      const unsafe = await guard!(outputPath(flags.out, name, flags.format));
      if (unsafe) {
        yield { item: { ...item, error: unsafe }, name, skip: false };
        continue;
      }
      yield { item, name, skip: await canSkip(name) };
    }
  }
  /** With --skip-existing, an output is kept only when it is whole: a file cut short is cleaned again. */
  async function canSkip(name: string): Promise<boolean> {
    if (!flags.out || !flags.skipExisting) return false;
    const file = outputPath(flags.out, name, flags.format);
    if (!existsSync(file)) return false;
    if (await outputIsComplete(file, flags.format)) return true;
    summary.redone++;
    return false;
  }
  const work = mapOrdered(
    async (job: Job): Promise<{ job: Job; result?: CleanResult }> => {
      if (job.skip) return { job };
      if (job.item.error) return { job, result: errorRecord(job.item.page, job.item.error) };
      return { job, result: await cleaner.clean(job.item.page) };
    },
    {
      concurrency: batchPagesInFlight(workers),
      onError: (job, err) => ({ job, result: errorRecord(job.item.page, toCleanError(err)) }),
    },
  );

  let failed = 0;
  // A failed write ends the run; it is the error to report, not the aborts it causes up the pipeline.
  let writeFailure: OutputError | undefined;
  try {
    await pipeline(Readable.from(jobs()), work, async (done: AsyncIterable<{ job: Job; result?: CleanResult }>) => {
      for await (const { job, result } of done) {
        if (interrupted) continue;
        if (!result) {
          addSkipped(summary);
        } else {
          addToSummary(summary, result);
          if (result.error) {
            failed++;
            if (!flags.quiet) progress.log(`declutter: ${printable(result.id ?? job.name)}: ${result.error.code} ${printable(result.error.message)}`);
          }
          await sink.write(result, job.name).catch((err: unknown) => {
            writeFailure ??= new OutputError(flags.out ? outputPath(flags.out, job.name, flags.format) : 'stdout', err);
            throw writeFailure;
          });
        }
        progress.tick(summary.pages, failed);
      }
      await sink.end();
    });
  } catch (err) {
    throw writeFailure ?? err;
  } finally {
    stopWatching();
    progress.stop();
    await cleaner.close();
  }
  if (flags.summary || (io.stderr.isTTY && !flags.quiet) || (interrupted && !flags.quiet)) io.stderr.write(`${formatSummary(summary, (io.stderr as { columns?: number }).columns)}\n`);
  if (interrupted) {
    if (!flags.quiet) io.stderr.write(`${resumeHint(interrupted, summary.pages, flags)}\n`);
    return interrupted === 'SIGINT' ? 130 : 143;
  }
  return failed > 0 ? 1 : 0;
}

/** Calls `stop` on the first SIGINT or SIGTERM; a second one exits at once. Returns the unsubscribe. */
function onInterrupt(stop: (signal: NodeJS.Signals) => void): () => void {
  let seen = false;
  const handler = (signal: NodeJS.Signals) => {
    if (seen) process.exit(signal === 'SIGINT' ? 130 : 143);
    seen = true;
    stop(signal);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

function resumeHint(signal: NodeJS.Signals, written: number, flags: CleanFlags): string {
  const head = `declutter: stopped by ${signal} after ${written} page(s); every file written is complete.`;
  if (!flags.out) return `${head} The records on stdout end at the last finished page.`;
  return `${head} To resume, run the same command${flags.skipExisting ? '' : ' with --skip-existing'}.`;
}

function checkUrl(url: string, sources: InputSource[], format: CleanFlags['inputFormat']): void {
  try {
    new URL(url);
  } catch {
    throw new UsageError(`--url is not a valid URL: ${url}`);
  }
  const single = sources.length === 1 && format !== 'jsonl' && format !== 'warc';
  const kind = sources[0] && sources[0].path !== '-' ? formatFromName(sources[0].path) : undefined;
  if (!single || kind === 'jsonl' || kind === 'warc') throw new UsageError('--url applies to a single input page');
}

/**
 * Temp files a killed run left under `--out` (its pid gone, or untouched for ten minutes: another machine's run
 * on a shared folder writes each file within milliseconds).
 */
async function removeTemps(out: string, logger: { info(fields: object, message: string): void; warn(fields: object, message: string): void }): Promise<void> {
  const { removeStaleTemps } = await import('./write-atomic.js');
  try {
    const stale = await removeStaleTemps(out, { olderThanMs: 10 * 60_000 });
    if (stale.length) logger.info({ count: stale.length, files: stale.slice(0, 20) }, 'removed temp files left by stopped runs');
  } catch (err) {
    // Not a reason to stop the run: the outputs are written all the same.
    logger.warn({ err: (err as Error).message }, 'could not look for temp files left by stopped runs');
  }
}

/** `--out` must be a folder this run can write in: checked once, before any page is cleaned. */
async function prepareOutDir(out: string): Promise<void> {
  const info = await stat(out).catch(() => undefined);
  if (info && !info.isDirectory()) throw new UsageError(`--out ${out} is a file, not a folder`);
  try {
    await makeDir(out);
    await access(out, fsConstants.W_OK);
  } catch (err) {
    throw new UsageError(`--out ${out} cannot be written: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Worker threads: `--workers`, else one per core for a batch and none for a single page (starting a worker
 * costs more than cleaning one page, but only a worker can be stopped at the time limit); never more than
 * MAX_WORKERS_PER_CORE per core, nor more than there are pages when that is known.
 */
function workerCount(flags: CleanFlags, sources: InputSource[], io: CliIo): number {
  const cores = availableParallelism();
  const batch = isBatch(sources, flags.inputFormat);
  let workers = flags.workers ?? (batch ? cores : 0);
  const cap = MAX_WORKERS_PER_CORE * cores;
  if (workers > cap) {
    if (!flags.quiet) io.stderr.write(`declutter: --workers ${workers} is more than ${cap} (${MAX_WORKERS_PER_CORE} per core); using ${cap}\n`);
    workers = cap;
  }
  const pages = knownPageCount(sources, flags.inputFormat);
  return pages === undefined || workers === 0 ? workers : Math.min(workers, Math.max(1, pages));
}

/** Every source is one page (a file that is not JSONL or WARC): their count; else unknown. */
function knownPageCount(sources: InputSource[], format: CleanFlags['inputFormat']): number | undefined {
  if (format === 'jsonl' || format === 'warc') return undefined;
  for (const source of sources) {
    if (source.path === '-') return undefined;
    const kind = formatFromName(source.path);
    if (kind === 'jsonl' || kind === 'warc') return undefined;
  }
  return sources.length;
}

/** More than one page is expected: several sources, stdin, or a JSONL or WARC file. */
function isBatch(sources: InputSource[], format: CleanFlags['inputFormat']): boolean {
  if (sources.length !== 1) return sources.length > 1;
  const only = sources[0]!;
  if (format === 'jsonl' || format === 'warc') return true;
  if (only.path === '-') return format === 'auto';
  const kind = formatFromName(only.path);
  return kind === 'jsonl' || kind === 'warc';
}

/**
 * Output names stay distinct: a name already given gets the first free `-2`, `-3`... (`a`, `a`, `a-2` give
 * `a`, `a-2`, `a-2-2`). Letter case is ignored, as file systems on macOS and Windows ignore it.
 */
function uniqueNames(): (name: string) => string {
  const taken = new Set<string>();
  const lastSuffix = new Map<string, number>();
  return (name) => {
    const key = name.toLowerCase();
    let candidate = name;
    let n = lastSuffix.get(key) ?? 1;
    while (taken.has(candidate.toLowerCase())) candidate = `${name}-${++n}`;
    lastSuffix.set(key, n);
    taken.add(candidate.toLowerCase());
    return candidate;
  };
}

/** The progress line on stderr only when it is a terminal and not --quiet; otherwise error lines go straight to stderr. */
function progressFor(io: CliIo, flags: CleanFlags, initialTotal: number): Progress {
  if (!io.stderr.isTTY || flags.quiet) return { tick() {}, log: (line) => void io.stderr.write(`${line}\n`), stop() {} };
  return startProgress(io.stderr as NodeJS.WritableStream & { columns?: number }, initialTotal);
}
