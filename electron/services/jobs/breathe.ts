/**
 * Long synchronous loops in the engine (drawing thousands of annotations, typesetting) share
 * the process with everything else it serves: a Cancel, the next page of the library, a
 * progress event. `breather()` gives such a loop a function to call on every item; it yields
 * to the event loop once the loop has held it for `sliceMs`, so nothing waits longer than
 * that whatever the machine's speed, and a fast loop pays almost nothing.
 */
export function breather(sliceMs = 25): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < sliceMs) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        since = performance.now();
        resolve();
      }),
    );
  };
}

/** Yield to the event loop once, between the phases of a long job. */
export const breatheNow = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));
