/**
 * `declutter queue add | work | status | retry-failed`: cleaning a crawl on many machines through BullMQ
 * on Redis. `add` queues one job per input file, `work` cleans jobs into one JSONL file each under --out,
 * `status` counts them, `retry-failed` queues the failed ones again.
 */
import { availableParallelism } from 'node:os';
import { Command, InvalidArgumentError, Option, type OptionValues } from '@commander-js/extra-typings';
import { stripExtension } from '../input/sniff.js';
import type { Queue } from 'bullmq';
import type { InputSource } from '../input/index.js';
import type { CleanSettings, FileJob, JobOutcome } from '../queue/jobs.js';
import type { QueueWorker } from '../queue/worker.js';
import { collect, parseCount, parsePositive, UsageError } from './clean.js';
import { createCliLogger, logLevelOption } from './log.js';
import { packageVersion } from './version.js';

// BullMQ, the readers and the cleaner are loaded by the command that runs, not with the program:
// `declutter --help` and the other commands need none of them.

const DEFAULT_QUEUE = 'declutter';

/** After a signal and the grace period, how long a worker may take to hand its jobs back before it exits anyway. */
const GIVE_UP_MS = 10_000;

interface QueueFlags {
  redis: string;
  queue: string;
}

interface SettingsFlags {
  rules: string[];
  dom?: 'jsdom' | 'linkedom';
  outletRules: boolean;
  explain?: true;
  maxSize: number;
}

/** --redis and --queue, on every queue command. */
function queueCommand(parent: Command, name: string) {
  return parent
    .command(name)
    .addOption(new Option('--redis <url>', 'Redis URL, e.g. redis://127.0.0.1:6379').env('DECLUTTER_REDIS').makeOptionMandatory())
    .option('--queue <name>', 'queue name', DEFAULT_QUEUE);
}

/** The flags that change what a page cleans to: `add` and `work` take the same ones, and must be given the same. */
function withSettings<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(command: Command<Args, Opts, Globals>) {
  return command
    .option('--rules <dir>', 'extra rule folder over the bundled rules (repeatable)', collect, [] as string[])
    .addOption(new Option('--dom <name>', 'HTML parser').choices(['jsdom', 'linkedom'] as const))
    .option('--no-outlet-rules', 'switch off outlet rules (generic and platform rules still apply)')
    .option('--explain', 'add the audit trail of removals (the explain field)')
    .option('--max-size <mb>', 'pages larger than this become TOO_LARGE error records', parsePositive, 20);
}

export function registerQueueCommands(program: Command): void {
  const queue = program
    .command('queue')
    .description('clean a crawl on many machines through a BullMQ queue on Redis: add, work, status, retry-failed');

  withSettings(queueCommand(queue, 'add'))
    .description(
      'queue one job per input file (WARC, WARC.gz, JSONL, HTML, text, or the files of a folder) or http(s) URL; a file already queued is skipped',
    )
    .argument('<inputs...>', 'files, folders, globs, or http(s) URLs (the worker downloads them)')
    .option('--attempts <n>', 'attempts per file before it lands in the failed set', parsePositive, 3)
    .option('--backoff <seconds>', 'wait before the first retry; doubled each time', parsePositive, 1)
    .option(
      '--split-bytes <size>',
      'cut local .warc and .warc.gz files larger than this (bytes, or 512K, 256M, 1G) into one job per part, at record boundaries (a WARC.gz needs a gzip member per record, as crawlers write it)',
      parseSize,
    )
    .action(async (inputs, flags) => {
      const [{ isUrl, resolveInputs }, { addFileJobs }] = await Promise.all([import('../input/index.js'), import('../queue/jobs.js')]);
      const sources: InputSource[] = [];
      for (const input of inputs) {
        if (isUrl(input)) sources.push({ path: checkInputUrl(input), name: nameOfUrl(input) });
        else sources.push(...(await resolveInputs([input]).catch(usage)));
      }
      if (sources.some((s) => s.path === '-')) throw new UsageError('queue add needs input files, not stdin');
      const jobs = flags.splitBytes ? await splitSources(sources, flags.splitBytes, isUrl) : sources;
      const hash = await rulesHashOf(await settingsOf(flags));
      await withQueue(flags, async (q) => {
        const retry = { attempts: Math.round(flags.attempts), backoffMs: Math.round(flags.backoff * 1000) };
        const { added, existing } = await addFileJobs(q, jobs, { version: packageVersion(), rulesHash: hash }, retry);
        process.stdout.write(`added ${added} job(s) to ${flags.queue}; ${existing} already queued\n`);
      });
    });

  withSettings(queueCommand(queue, 'work'))
    .description('clean queued files into one JSONL file each under --out, until stopped (SIGTERM/SIGINT finish or release the current jobs)')
    .requiredOption('-o, --out <dir>', 'output folder: <name>.jsonl per input file, written whole, then <name>.jsonl.done')
    .option('--concurrency <n>', 'files worked on at once', parsePositive, 2)
    .option('-w, --workers <n>', 'cleaning threads (default: one per core); 0 cleans in the main thread', parseCount)
    .option('--timeout <seconds>', 'per-page time limit with workers', parsePositive, 30)
    .option('--lock <seconds>', "a job's lock: if this worker dies, its jobs go back to the queue after about this long", parsePositive, 30)
    .option('--grace <seconds>', 'on SIGTERM/SIGINT, time for the active jobs to finish before they are released (a second signal releases them at once)', parsePositive, 20)
    .addOption(logLevelOption())
    .action(async (flags) => {
      const settings = await settingsOf(flags);
      const logger = await createCliLogger(flags.logLevel, process.stderr);
      const { startQueueWorker } = await import('../queue/worker.js');
      const hash = await rulesHashOf(settings);
      // The signal handlers come first: a SIGTERM while the worker starts (its first log line is out) must still
      // stop it cleanly, not end the process with the default action.
      let starting!: Promise<QueueWorker>;
      const stopped = new Promise<void>((resolve, reject) => {
        let stopping = false;
        const onSignal = (signal: NodeJS.Signals) => {
          if (stopping) {
            logger.warn({ signal }, 'second signal: releasing the active jobs');
            void starting.then((worker) => worker.release());
            return;
          }
          stopping = true;
          logger.info({ signal }, 'signal received');
          const graceMs = Math.round(flags.grace * 1000);
          starting.then((worker) => worker.stop(graceMs)).then(resolve, reject);
          // BullMQ waits for Redis while closing; if it is gone, give up once released jobs have had time to go back.
          setTimeout(() => {
            logger.error({ signal }, 'could not stop cleanly (is Redis reachable?): exiting');
            process.exit(1);
          }, graceMs + GIVE_UP_MS).unref();
        };
        process.on('SIGTERM', onSignal).on('SIGINT', onSignal);
      });
      starting = startQueueWorker({
        redisUrl: checkUrl(flags.redis),
        queue: flags.queue,
        outDir: flags.out,
        concurrency: Math.round(flags.concurrency),
        workers: flags.workers ?? availableParallelism(),
        timeoutMs: Math.round(flags.timeout * 1000),
        lockMs: Math.round(flags.lock * 1000),
        settings,
        version: packageVersion(),
        rulesHash: hash,
        logger,
      });
      await starting;
      await stopped;
    });

  queueCommand(queue, 'status')
    .description('jobs waiting, active, completed and failed (with their error codes), pages cleaned and pages/s')
    .option('--json', 'print the status as JSON')
    .action(async (flags) => {
      const { formatStatus, queueStatus } = await import('../queue/status.js');
      await withQueue(flags, async (q) => {
        const status = await queueStatus(q);
        process.stdout.write(flags.json ? `${JSON.stringify(status, null, 2)}\n` : `${formatStatus(status)}\n`);
      });
    });

  queueCommand(queue, 'retry-failed')
    .description('move every failed job back to the queue, with its attempts reset')
    .action(async (flags) => {
      await withQueue(flags, async (q) => {
        const failed = await q.getFailedCount();
        await q.retryJobs({ state: 'failed' });
        process.stdout.write(`retried ${failed} failed job(s) in ${flags.queue}\n`);
      });
    });
}

/** `--split-bytes`: a whole number of bytes, or with a K, M or G suffix (binary: 1K is 1024). */
function parseSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(value.trim());
  const bytes = match ? Math.round(Number(match[1]) * 1024 ** ' kmg'.indexOf((match[2] || ' ').toLowerCase())) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1) throw new InvalidArgumentError('expected a size in bytes, such as 1048576, 512K, 256M or 1G');
  return bytes;
}

function checkInputUrl(input: string): string {
  try {
    return new URL(input).href;
  } catch {
    throw new UsageError(`not a valid URL: ${input}`);
  }
}

/** A URL's output name: its host and path (`https://host:8080/crawl/a.warc.gz` gives `host_8080/crawl/a`), safe as a file path. */
export function nameOfUrl(input: string): string {
  const url = new URL(input);
  const safe = (part: string) => part.replace(/[^\w.-]+/g, '_').replace(/^\.+/, '_').slice(0, 100);
  const parts = url.pathname.split('/').map((p) => decodeURIComponent(p)).filter((p) => p && p !== '.' && p !== '..');
  const file = parts.pop();
  const last = file ? stripExtension(file) : 'index';
  return [safe(url.host), ...parts.map(safe), safe(last || 'index')].join('/');
}

/** Local WARC files over `size` become one source per part, cut at records; the others stay whole. */
async function splitSources(sources: InputSource[], size: number, isUrl: (path: string) => boolean): Promise<InputSource[]> {
  const { splitWarc } = await import('../input/split.js');
  const out: InputSource[] = [];
  for (const source of sources) {
    if (isUrl(source.path) || !/\.warc(\.gz)?$/i.test(source.path)) {
      if (isUrl(source.path)) process.stderr.write(`declutter: ${source.path}: queued whole (--split-bytes cuts local files only)\n`);
      out.push(source);
      continue;
    }
    const { ranges, how } = await splitWarc(source.path, size).catch(usage);
    if (ranges.length > 1) process.stderr.write(`declutter: ${source.path}: ${ranges.length} parts, cut at ${how === 'records' ? 'WARC records' : 'gzip members that start a record'}\n`);
    else if (how === 'one-gzip-stream') process.stderr.write(`declutter: ${source.path}: queued whole (one gzip stream, not a gzip member per record)\n`);
    if (ranges.length === 1) out.push(source);
    else for (const range of ranges) out.push({ ...source, range });
  }
  return out;
}

/** The same defaults as `clean`: without --rules, the user's rule folders (DECLUTTER_RULES, or ./rules). */
async function settingsOf(flags: SettingsFlags): Promise<CleanSettings> {
  const { userRulesDirs } = await import('./user-rules.js');
  const rulesDirs = flags.rules.length ? flags.rules : userRulesDirs();
  return {
    rulesDirs: rulesDirs.length ? rulesDirs : undefined,
    dom: flags.dom,
    outletRules: flags.outletRules,
    explain: flags.explain === true,
    maxBytes: Math.round(flags.maxSize * 1024 * 1024),
  };
}

/** Loads the rules once (a broken rule file is a usage error, here, not a failed job) and hashes them. */
async function rulesHashOf(settings: CleanSettings): Promise<string> {
  const [{ loadRules }, { rulesHash }] = await Promise.all([import('../rules/load.js'), import('../queue/jobs.js')]);
  try {
    loadRules({ dirs: settings.rulesDirs, bundled: true });
    return rulesHash(settings);
  } catch (err) {
    return usage(err);
  }
}

/** A one-shot command's queue: fails at once when Redis cannot be reached, and is closed afterwards. */
async function withQueue(flags: QueueFlags, use: (queue: Queue<FileJob, JobOutcome>) => Promise<void>): Promise<void> {
  const { Queue } = await import('bullmq');
  const queue = new Queue<FileJob, JobOutcome>(flags.queue, {
    connection: { url: checkUrl(flags.redis), retryStrategy: () => null, maxRetriesPerRequest: 1 },
  });
  queue.on('error', () => {});
  try {
    await queue.waitUntilReady().catch((err: unknown) => {
      // Not a usage error (exit 2): the command was right, the server is not there (exit 1).
      throw new Error(`cannot reach Redis at ${flags.redis}: ${(err as Error).message}`);
    });
    await use(queue);
  } finally {
    await queue.close();
  }
}

function checkUrl(url: string): string {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new UsageError(`--redis is not a URL: ${url}`);
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') throw new UsageError(`--redis needs a redis:// or rediss:// URL: ${url}`);
  return url;
}

function usage(err: unknown): never {
  throw err instanceof Error ? new UsageError(err.message) : err;
}
