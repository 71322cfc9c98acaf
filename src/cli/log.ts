/**
 * The command line's logger: pino, JSON lines on stderr (one object a line, for log shippers), or
 * pino-pretty's coloured lines when stderr is a terminal. `--log-level` (or DECLUTTER_LOG_LEVEL) sets it.
 */
import { Option } from '@commander-js/extra-typings';
import type { Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `--log-level`: `debug` adds a line per page (id, ms, words, removals by category, comments, access). */
export function logLevelOption() {
  return new Option('--log-level <level>', 'log level of the JSON lines on stderr (debug: one line per page)')
    .choices(LOG_LEVELS)
    .env('DECLUTTER_LOG_LEVEL')
    .default('info' as const);
}

export async function createCliLogger(level: LogLevel, stderr: NodeJS.WritableStream & { isTTY?: boolean }): Promise<Logger> {
  // Loaded here, not with the command: `declutter --help` needs none of it.
  const { pino } = await import('pino');
  const options = { level, base: { pid: process.pid }, name: 'declutter' };
  if (!stderr.isTTY) return pino(options, stderr);
  // Loaded only for a terminal: pipes and log files get plain JSON lines.
  const { default: pretty } = await import('pino-pretty');
  return pino(options, pretty({ destination: stderr, sync: true, colorize: true, ignore: 'pid,hostname,name' }));
}
