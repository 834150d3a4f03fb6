/**
 * Progress told to the UI at a pace it can paint. A job may report thousands of times a
 * second (every quote checked, every page read, every 64 KB of a ZIP); each event is a
 * message to the window and a render there, so a flood makes the whole window lag behind
 * the job. `throttleProgress` passes on at once every report that `urgent` marks (a new
 * step, a step's end), otherwise at most one per `everyMs`; the newest report held back is
 * sent when the interval is up, so the last word shown is always the job's last word.
 */
export function throttleProgress<P>(
  send: (p: P) => void,
  urgent: (p: P, previous: P | null) => boolean,
  everyMs = 50,
): (p: P) => void {
  let lastSent: P | null = null;
  let lastAt = -Infinity;
  let held: P | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (held === null) return;
    const p = held;
    held = null;
    lastSent = p;
    lastAt = performance.now();
    send(p);
  };
  return (p) => {
    held = p;
    if (urgent(p, lastSent) || performance.now() - lastAt >= everyMs) {
      flush();
      return;
    }
    // Held back: sent when the interval is up unless a newer report replaces it first.
    timer ??= setTimeout(flush, Math.max(0, everyMs - (performance.now() - lastAt)));
  };
}
