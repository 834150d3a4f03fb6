/** A one-line progress bar on stderr for long imports and bundle jobs (terminals only). */
import { describeProgress, stepFraction } from '../../shared/bundle-progress.ts';
import type { BundleProgress, CourtProgress, ImportProgress, OcrProgress } from '../../shared/ipc/contract.ts';
import type { Output } from './output.ts';

export interface ProgressBar {
  /** A file import's progress. */
  update(p: ImportProgress): void;
  /** A bundle export's or import's progress. */
  step(p: BundleProgress): void;
  /** Documents from an older Exhibit being re-measured. */
  remeasure(done: number, total: number, title: string): void;
  /** A scanned page read (or failed). */
  ocr(p: OcrProgress): void;
  /** A court bundle's build. */
  court(p: Omit<CourtProgress, 'jobId'>): void;
  /** Clear the line. */
  done(): void;
}

const WIDTH = 24;

const COURT_PHASE: Record<CourtProgress['phase'], string> = {
  checking: 'checking',
  documents: 'copying',
  index: 'indexing',
  stamping: 'stamping',
  saving: 'saving',
};
const bar = (fraction: number) => {
  const filled = Math.round(fraction * WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}]`;
};

/** Returns the bar's update functions; off a terminal (or with --json) they draw nothing. */
export function progressBar(out: Output): ProgressBar {
  if (!out.interactive)
    return {
      update: () => undefined,
      step: () => undefined,
      remeasure: () => undefined,
      ocr: () => undefined,
      court: () => undefined,
      done: () => undefined,
    };
  const stream = out.io.stderr;
  let last = 0;
  let lastStep = '';
  let shown = false;
  const clear = () => {
    if (shown) stream.write('\r\x1b[2K');
    shown = false;
  };
  // Results printed while the bar shows start on a clean line (the bar redraws at its next update).
  out.beforeWrite = clear;
  // Redraw at most ~12 times a second (the terminal is slower than the work), but always at a step's end or a new step.
  const draw = (line: string, force: boolean) => {
    const now = Date.now();
    if (!force && now - last < 80) return;
    last = now;
    stream.write(`\r\x1b[2K${line.slice(0, 110)}`);
    shown = true;
  };
  return {
    update(p) {
      const fraction = p.filesTotal ? p.filesDone / p.filesTotal : 0;
      const name = p.currentFile ? p.currentFile.split(/[\\/]/).pop()! : '';
      draw(`${bar(fraction)} ${p.filesDone}/${p.filesTotal} files, ${p.pagesDone} pages  ${name}`, p.filesDone === p.filesTotal);
    },
    step(p) {
      const force = p.phase !== lastStep || p.done === p.total;
      lastStep = p.phase;
      draw(`${bar(stepFraction(p))} ${describeProgress(p)}`, force);
    },
    remeasure(done, total, title) {
      draw(`${bar(total ? done / total : 0)} re-measuring glyphs of older documents ${done + 1}/${total}  ${title}`, true);
    },
    ocr(p) {
      const left = p.waiting > 0 ? `, ${p.waiting} page(s) waiting in the case` : '';
      draw(
        `${bar(p.total ? p.done / p.total : 0)} reading scans: ${p.done}/${p.total} pages of ${p.title}${left}`,
        p.done === p.total,
      );
    },
    court(p) {
      const force = p.phase !== lastStep || p.done === p.total;
      lastStep = p.phase;
      const unit = p.phase === 'checking' ? 'documents' : p.phase === 'saving' ? '' : 'pages';
      const what = `${COURT_PHASE[p.phase]}${unit ? ` ${p.done}/${p.total} ${unit}` : ''}`;
      draw(`${bar(p.total ? p.done / p.total : 0)} ${what}${p.item ? `  ${p.item}` : ''}`, force);
    },
    done: clear,
  };
}
