/**
 * The main window's size, position and maximised state, kept in a small JSON file in the
 * per-user config folder. A saved position that no longer fits any display (a monitor
 * was unplugged) is dropped, so the window never opens out of sight.
 */
import fs from 'node:fs';
import path from 'node:path';
import { screen, type BrowserWindow, type Rectangle } from 'electron';

export interface WindowState {
  bounds: { width: number; height: number; x?: number; y?: number };
  maximized: boolean;
}

const DEFAULT: WindowState = { bounds: { width: 1280, height: 840 }, maximized: false };
const SAVE_DELAY_MS = 500;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** True when at least a 100x50 corner of `b` lies on some display's work area. */
function visible(b: Rectangle): boolean {
  return screen.getAllDisplays().some(({ workArea: a }) => {
    const w = Math.min(b.x + b.width, a.x + a.width) - Math.max(b.x, a.x);
    const h = Math.min(b.y + b.height, a.y + a.height) - Math.max(b.y, a.y);
    return w >= 100 && h >= 50;
  });
}

/** The saved state, or the default when the file is missing, unreadable or off-screen. */
export function loadWindowState(file: string): WindowState {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return DEFAULT;
  }
  const r = raw as Partial<Record<'x' | 'y' | 'width' | 'height' | 'maximized', unknown>>;
  if (!isInt(r.width) || !isInt(r.height) || r.width < 400 || r.height < 300) return DEFAULT;
  const maximized = r.maximized === true;
  if (isInt(r.x) && isInt(r.y) && visible({ x: r.x, y: r.y, width: r.width, height: r.height })) {
    return { bounds: { x: r.x, y: r.y, width: r.width, height: r.height }, maximized };
  }
  return { bounds: { width: r.width, height: r.height }, maximized };
}

function save(win: BrowserWindow, file: string): void {
  if (win.isDestroyed() || win.isMinimized()) return;
  // Normal bounds: a maximised window remembers the size it returns to.
  const { x, y, width, height } = win.getNormalBounds();
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ x, y, width, height, maximized: win.isMaximized() }));
    fs.renameSync(tmp, file);
  } catch {
    // Losing the window position is not worth interrupting the reviewer for.
  }
}

/** Save the window's state after it moves or resizes, and when it closes. */
export function trackWindowState(win: BrowserWindow, file: string): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => save(win, file), SAVE_DELAY_MS);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('maximize', later);
  win.on('unmaximize', later);
  win.on('close', () => {
    if (timer) clearTimeout(timer);
    save(win, file);
  });
}
