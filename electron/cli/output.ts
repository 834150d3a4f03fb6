/** How the CLI speaks: readable text, or one JSON object per line on stdout with --json. */
import type { Writable } from 'node:stream';

export interface Io {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
}

/**
 * Thrown by a write once the reader of stdout has gone (`exhibit documents | head -1`):
 * the command stops there and exits quietly, as a Unix tool does when its pipe closes.
 */
export class OutputClosed extends Error {
  constructor() {
    super('the reader of the output has gone');
  }
}

/**
 * Let a pipe whose reader stops early end the output quietly. The failed write's EPIPE
 * destroys the stream (so the next write throws OutputClosed); any other error is thrown.
 */
export function tolerateClosedPipe(stream: Writable): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
}

export class Output {
  readonly io: Io;
  readonly json: boolean;
  /** Called before anything is written, so a progress bar on the terminal can clear its line first. */
  beforeWrite: (() => void) | null = null;
  constructor(io: Io, json: boolean) {
    this.io = io;
    this.json = json;
  }

  /** A record: a JSON line in --json mode, else the text the caller formats. */
  record(value: unknown, text: () => string): void {
    this.beforeWrite?.();
    this.print(this.json ? `${JSON.stringify(value)}\n` : `${text()}\n`);
  }

  /** Plain text that only human-readable mode prints (headings, summaries). */
  say(text: string): void {
    this.beforeWrite?.();
    if (!this.json) this.print(`${text}\n`);
  }

  private print(line: string): void {
    if (this.io.stdout.destroyed) throw new OutputClosed();
    this.io.stdout.write(line);
  }

  /** An error; always on stderr, as JSON in --json mode. */
  error(message: string, code = 'error', subject: string | null = null): void {
    this.beforeWrite?.();
    // Nobody is left to read it (`2>&1 | head -1`).
    if (this.io.stderr.destroyed) return;
    this.io.stderr.write(this.json ? `${JSON.stringify({ error: { code, message, subject } })}\n` : `exhibit: ${message}\n`);
  }

  /** Whether to draw a progress bar: only on a terminal and never in --json mode. */
  get interactive(): boolean {
    return !this.json && this.io.stderr.isTTY === true;
  }
}

/** Wrap hits in a snippet for a terminal: bold when colour is allowed, [brackets] otherwise. */
export function markHits(snippet: string, hits: [number, number][], colour: boolean): string {
  let out = '';
  let at = 0;
  for (const [s, e] of hits) {
    out += snippet.slice(at, s) + (colour ? `\x1b[1;33m${snippet.slice(s, e)}\x1b[0m` : `[${snippet.slice(s, e)}]`);
    at = e;
  }
  return out + snippet.slice(at);
}
