/**
 * Queue jobs: one per input file. A job's id hashes what decides its output (the file's absolute path,
 * the declutter version, and the rule files and cleaning options), so adding the same file twice is a
 * no-op while a new version or a changed rule makes a new job.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Queue } from 'bullmq';
import pLimit from 'p-limit';
import { BUNDLED_RULES_DIR, listRuleFiles } from '../rules/load.js';
import { isUrl, type ByteRange, type InputSource } from '../input/index.js';
import type { DomName } from '../types.js';

/** What a job carries. */
export interface FileJob {
  /** The input file (WARC, WARC.gz, JSONL, HTML or text), absolute, or its http(s) URL. */
  path: string;
  /** Its output name under `--out`, without extension: the name `clean --out` would give it. */
  name: string;
  /** The part of the file this job cleans (`queue add --split-bytes`): it starts at a WARC record. */
  range?: ByteRange;
  version: string;
  /** Hash of the rule files and the cleaning options: a worker with other settings refuses the job. */
  rulesHash: string;
}

/** A finished job's return value, kept by BullMQ on the completed job. */
export interface JobOutcome {
  pages: number;
  errors: number;
  ms: number;
}

/** The options that change what a page cleans to; `queue add` and `queue work` must agree on them. */
export interface CleanSettings {
  rulesDirs?: string[];
  dom?: DomName;
  outletRules: boolean;
  explain: boolean;
  maxBytes: number;
}

/** Retries with exponential backoff: 1 s, 2 s, 4 s... by default. */
export interface RetryOptions {
  attempts: number;
  backoffMs: number;
}

/** Hashes the contents of every rule file (bundled, then extra folders) with the cleaning options. */
export function rulesHash(settings: CleanSettings): string {
  const hash = createHash('sha256');
  const { rulesDirs = [], ...options } = settings;
  hash.update(JSON.stringify(options, Object.keys(options).sort()));
  for (const dir of [BUNDLED_RULES_DIR, ...rulesDirs]) {
    for (const file of listRuleFiles(dir)) hash.update(`\0${path.relative(dir, file)}\0`).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/** A job's id; the leading letter keeps BullMQ from taking an all-digit hash for a number. */
export function jobIdOf(job: FileJob): string {
  const range = job.range ? `\0${job.range.start}-${job.range.end}` : '';
  const hash = createHash('sha256').update(`${job.version}\0${job.rulesHash}\0${job.path}${range}`).digest('hex');
  return `f${hash.slice(0, 32)}`;
}

/** Adds one job per source (a file, a URL, or a byte range of a file), skipping the ones already queued (in any state); stdin cannot be queued. */
export async function addFileJobs(
  queue: Queue<FileJob, JobOutcome>,
  sources: InputSource[],
  fields: Pick<FileJob, 'version' | 'rulesHash'>,
  retry: RetryOptions,
): Promise<{ added: number; existing: number }> {
  const jobs = sources.map((source) => {
    const data: FileJob = { path: isUrl(source.path) ? source.path : path.resolve(source.path), name: source.name, ...fields };
    if (source.range) data.range = source.range;
    return { data, id: jobIdOf(data) };
  });
  // A job id BullMQ already holds makes add a no-op; looking first only serves to count them.
  const lookups = pLimit(32);
  const known = await Promise.all(jobs.map((job) => lookups(() => queue.getJob(job.id))));
  const fresh = jobs.filter((_, i) => !known[i]);
  const opts = { attempts: retry.attempts, backoff: { type: 'exponential', delay: retry.backoffMs } };
  for (let i = 0; i < fresh.length; i += 500) {
    await queue.addBulk(fresh.slice(i, i + 500).map((job) => ({ name: 'file', data: job.data, opts: { ...opts, jobId: job.id } })));
  }
  return { added: fresh.length, existing: jobs.length - fresh.length };
}
