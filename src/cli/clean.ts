/**
 * `declutter clean [inputs...]`: reads pages from files, folders, globs, JSONL, WARC or stdin, cleans
 * them (in worker threads for batches) and writes one record per input, in input order.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import cliProgress from 'cli-progress';
import { DeclutterError } from '../errors.js';
import { INPUT_FORMATS, errorRecord, readInputs, resolveInputs, toCleanError, type InputItem, type InputSource } from '../input/index.js';
import { formatFromName } from '../input/sniff.js';
import { loadRules } from '../rules/load.js';
import { createPageCleaner, mapOrdered } from '../stream.js';
import type { CleanResult, DomName } from '../types.js';
import { createCliLogger, logLevelOption, type LogLevel } from './log.js';
import { OUTPUT_FORMATS, folderSink, outputPath, streamSink, type OutputFormat, type Sink } from './output.js';
import { parseShard, pickShard, type Shard } from './shard.js';
import { addSkipped, addToSummary, createSummary, formatSummary } from './summary.js';

/** A wrong flag or argument: exit 2 with one line, no stack. */
export class UsageError extends DeclutterError {
  constructor(message: string) {
    super('USAGE', message);
    this.name = 'UsageError';
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
  explain?: true;
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
    .option('-w, --workers <n>', 'worker threads (default: one per core for batches, else 1); 0 cleans in the main thread, with no time limit', parseCount)
    .option('--rules <dir>', 'extra rule folder over the bundled rules (repeatable)', collect, [] as string[])
    .addOption(new Option('--dom <name>', 'HTML parser').choices(['jsdom', 'linkedom'] as const))
    .option('--no-outlet-rules', 'switch off outlet rules (generic and platform rules still apply)')
    .option('--explain', 'add the audit trail of removals (the explain field, or appended to text formats)')
    .option('--url <url>', 'the page URL, for a single input page (picks outlet rules, resolves links)')
    .option('--timeout <seconds>', 'per-page time limit with workers', parsePositive, 30)
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
  const cleanOptions = {
    dom: flags.dom,
    rulesDirs: flags.rules.length ? flags.rules : undefined,
    outletRules: flags.outletRules,
    explain: flags.explain === true,
    maxBytes: Math.round((flags.maxSize ?? 20) * 1024 * 1024),
  };
  try {
    // Worker threads load the rules on their own; a broken rule file should stop the run here, once.
    loadRules({ dirs: cleanOptions.rulesDirs, bundled: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  // Even one page goes to a worker by default: only a worker can be stopped when a page runs past its time.
  const workers = flags.workers ?? (isBatch(sources, flags.inputFormat) ? availableParallelism() : 1);
  const logger = await createCliLogger(flags.logLevel ?? 'info', io.stderr);
  const cleaner = createPageCleaner({ ...cleanOptions, logger, workers, timeoutMs: Math.round((flags.timeout ?? 30) * 1000) });
  const sink: Sink = flags.out ? folderSink(flags.out, flags.format) : streamSink(io.stdout, flags.format, isBatch(sources, flags.inputFormat));
  const summary = createSummary();
  const progress = startProgress(io, flags, sources.length);
  const names = uniqueNames();

  interface Job {
    item: InputItem;
    name: string;
    skip: boolean;
  }
  async function* jobs(): AsyncGenerator<Job> {
    for await (const item of readInputs(sources, { format: flags.inputFormat, maxBytes: cleanOptions.maxBytes, stdin: io.stdin as AsyncIterable<Uint8Array> })) {
      if (flags.url !== undefined && !item.page.url) item.page.url = flags.url;
      const name = names(item.name);
      const skip = Boolean(flags.out && flags.skipExisting && existsSync(outputPath(flags.out, name, flags.format)));
      yield { item, name, skip };
    }
  }
  const work = mapOrdered(
    async (job: Job): Promise<{ job: Job; result?: CleanResult }> => {
      if (job.skip) return { job };
      if (job.item.error) return { job, result: errorRecord(job.item.page, job.item.error) };
      return { job, result: await cleaner.clean(job.item.page) };
    },
    {
      concurrency: workers > 0 ? workers * 4 : 2,
      onError: (job, err) => ({ job, result: errorRecord(job.item.page, toCleanError(err)) }),
    },
  );

  let failed = 0;
  try {
    await pipeline(Readable.from(jobs()), work, async (done: AsyncIterable<{ job: Job; result?: CleanResult }>) => {
      for await (const { job, result } of done) {
        if (!result) {
          addSkipped(summary);
        } else {
          addToSummary(summary, result);
          if (result.error) {
            failed++;
            if (!flags.quiet) progress.log(`declutter: ${result.id ?? job.name}: ${result.error.code} ${result.error.message}`);
          }
          await sink.write(result, job.name);
        }
        progress.tick(summary.pages, failed);
      }
      await sink.end();
    });
  } finally {
    progress.stop();
    await cleaner.close();
  }
  if (flags.summary || (io.stderr.isTTY && !flags.quiet)) io.stderr.write(`${formatSummary(summary)}\n`);
  return failed > 0 ? 1 : 0;
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

/** More than one page is expected: several sources, stdin, or a JSONL or WARC file. */
function isBatch(sources: InputSource[], format: CleanFlags['inputFormat']): boolean {
  if (sources.length !== 1) return sources.length > 1;
  const only = sources[0]!;
  if (format === 'jsonl' || format === 'warc') return true;
  if (only.path === '-') return format === 'auto';
  const kind = formatFromName(only.path);
  return kind === 'jsonl' || kind === 'warc';
}

/** Output names stay distinct: a repeat gets `-2`, `-3`... */
function uniqueNames(): (name: string) => string {
  const seen = new Map<string, number>();
  return (name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}-${n}`;
  };
}

interface Progress {
  tick(pages: number, errors: number): void;
  log(line: string): void;
  stop(): void;
}

/** A bar on stderr only when it is a terminal and not --quiet; otherwise error lines go straight to stderr. */
function startProgress(io: CliIo, flags: CleanFlags, initialTotal: number): Progress {
  if (!io.stderr.isTTY || flags.quiet) {
    return { tick() {}, log: (line) => void io.stderr.write(`${line}\n`), stop() {} };
  }
  const started = performance.now();
  const bar = new cliProgress.SingleBar(
    {
      stream: io.stderr,
      format: '{bar} {value}/{total} pages | {rate} pages/s | {errors} errors | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let total = Math.max(1, initialTotal);
  bar.start(total, 0, { rate: '0.0', errors: 0 });
  return {
    tick(pages, errors) {
      // JSONL and WARC files hold an unknown number of pages: the total grows as they are read.
      if (pages > total) {
        total = pages;
        bar.setTotal(total);
      }
      const seconds = (performance.now() - started) / 1000;
      bar.update(pages, { rate: (pages / Math.max(seconds, 0.001)).toFixed(1), errors });
    },
    log(line) {
      io.stderr.write(`\r\x1b[K${line}\n`);
    },
    stop() {
      bar.stop();
    },
  };
}
