/**
 * One Exhibit process per user: two would race on the same case files. The first to
 * start holds Electron's single-instance lock; a second one quits at once and the first
 * brings its window back. Pure over the few App and BrowserWindow methods used, so
 * tests/unit/electron-security.test.ts checks it with stand-ins.
 */
import path from 'node:path';

/** The part of Electron's App used before it is ready. */
export interface StartingApp {
  isReady(): boolean;
  requestSingleInstanceLock(): boolean;
  enableSandbox(): void;
  quit(): void;
}

/**
 * Claim the lock and turn on the sandbox for every renderer (both must happen before the
 * app is ready). False when another instance holds the lock: this one is quitting.
 */
export function claimInstance(app: StartingApp): boolean {
  if (app.isReady()) throw new Error('claimInstance must run before the app is ready (app.enableSandbox needs it)');
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.enableSandbox();
  return true;
}

/** The part of a BrowserWindow the hand-over uses. */
export interface WindowLike {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  isVisible(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

export type HandOverStep = 'restore' | 'show' | 'focus' | 'open-window';

/**
 * What the first instance does when a second one starts: restore a minimised window,
 * show a hidden one, and focus it; with no window (macOS keeps running without one),
 * open one once the app has started.
 */
export function handOverSteps(
  win: Pick<WindowLike, 'isDestroyed' | 'isMinimized' | 'isVisible'> | null,
  started: boolean,
): HandOverStep[] {
  if (!win || win.isDestroyed()) return started ? ['open-window'] : [];
  const steps: HandOverStep[] = [];
  if (win.isMinimized()) steps.push('restore');
  if (!win.isVisible()) steps.push('show');
  steps.push('focus');
  return steps;
}

/** Carry out `handOverSteps` on the window (or open one with `openWindow`). */
export function handOver(win: WindowLike | null, started: boolean, openWindow: () => void): void {
  for (const step of handOverSteps(win, started)) {
    if (step === 'open-window') openWindow();
    else win![step]();
  }
}

/**
 * The case folder named on a command line (`--case <dir>` or `--case=<dir>`), resolved
 * against the folder that command was started in; null when none is named. The first
 * instance reads its own; a second instance's arrives with the hand-over, so the first
 * opens that case.
 */
export function caseArgument(argv: readonly string[], cwd: string): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--case' && argv[i + 1]) return path.resolve(cwd, argv[i + 1]!);
    if (arg.startsWith('--case=') && arg.length > '--case='.length) return path.resolve(cwd, arg.slice('--case='.length));
  }
  return null;
}
