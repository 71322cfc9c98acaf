/**
 * The progress line on a terminal: a bar with pages, pages/s, errors and ETA, redrawn in place on one line
 * that never wraps (fields are dropped before the line would pass the terminal's width). A logged line
 * clears it and is printed above it, so what the run prints stays on the screen, summary included.
 */
export interface ProgressStream {
  write(s: string): boolean;
  columns?: number;
}

export interface Progress {
  tick(pages: number, errors: number): void;
  log(line: string): void;
  stop(): void;
}

/** Redraws at most this often: a terminal is slow, and a person reads no faster. */
const REDRAW_MS = 100;
const MAX_BAR = 40;
const MIN_BAR = 10;

export function startProgress(stream: ProgressStream, initialTotal: number, now: () => number = () => performance.now()): Progress {
  const started = now();
  let total = Math.max(1, initialTotal);
  let state = { pages: 0, errors: 0 };
  let drawnAt = -Infinity;
  let shown = false;
  const draw = () => {
    const seconds = (now() - started) / 1000;
    const rate = state.pages / Math.max(seconds, 0.001);
    const eta = state.pages > 0 && rate > 0 ? formatDuration((total - state.pages) / rate) : '-';
    stream.write(`\r\x1b[K${progressLine(stream.columns ?? 80, { ...state, total, rate, eta })}`);
    drawnAt = now();
    shown = true;
  };
  stream.write('\x1b[?25l'); // hide the cursor while the line is redrawn
  draw();
  return {
    tick(pages, errors) {
      // JSONL and WARC files hold an unknown number of pages: the total grows as they are read.
      total = Math.max(total, pages);
      state = { pages, errors };
      if (now() - drawnAt >= REDRAW_MS || pages === total) draw();
    },
    log(line) {
      stream.write(`\r\x1b[K${line}\n`);
      draw();
    },
    stop() {
      if (shown) stream.write('\r\x1b[K');
      stream.write('\x1b[?25h');
      shown = false;
    },
  };
}

/** The line for a terminal `columns` wide: at most `columns - 1` characters, trimmed field by field. */
export function progressLine(columns: number, s: { pages: number; total: number; rate: number; errors: number; eta: string }): string {
  const fields = [`${s.pages}/${s.total} pages`, `${s.rate.toFixed(1)} pages/s`, `${s.errors} errors`, `ETA ${s.eta}`];
  const room = columns - 1;
  while (fields.length > 1) {
    const text = fields.join(' | ');
    const barWidth = Math.min(MAX_BAR, room - text.length - 1);
    if (barWidth >= MIN_BAR) {
      const filled = Math.round((barWidth * s.pages) / Math.max(1, s.total));
      return `${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)} ${text}`;
    }
    if (text.length <= room) return text;
    // The rate goes first, then the ETA: pages and errors are what a person watches for.
    fields.splice(fields.length === 4 ? 1 : fields.length - 1, 1);
  }
  return fields[0]!.slice(0, room);
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '-';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
