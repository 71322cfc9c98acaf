/**
 * `--shard i/N`: a batch system (Slurm array, Kubernetes indexed job, Spark partition) runs N copies of
 * one command, and each copy keeps the inputs whose path hashes to its index. The hash of a path never
 * changes, so a rerun of shard i takes the same files whatever else was added to the list.
 */
import { createHash } from 'node:crypto';
import { InvalidArgumentError } from '@commander-js/extra-typings';
import type { InputSource } from '../input/index.js';

export interface Shard {
  /** 0-based, below `count`. */
  index: number;
  count: number;
}

/** Parses `i/N` (0 <= i < N), as commander's argument parser. */
export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index >= count) throw new InvalidArgumentError('expected i/N with 0 <= i < N, e.g. 0/8');
  return { index, count };
}

/** The shard a path belongs to: the first 6 bytes of its SHA-1, modulo the count. */
export function shardOf(path: string, count: number): number {
  return createHash('sha1').update(path).digest().readUIntBE(0, 6) % count;
}

/** The sources of one shard, in their order; all of them without a shard. */
export function pickShard(sources: InputSource[], shard: Shard | undefined): InputSource[] {
  if (!shard) return sources;
  return sources.filter((source) => shardOf(source.path, shard.count) === shard.index);
}
