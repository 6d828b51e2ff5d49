/**
 * Spreading the content script's work over short tasks, so the page stays responsive: a
 * resumable job (a generator that pauses often, like lib/detect's detectSteps) runs in slices
 * of a few milliseconds, and the page's own tasks (input, rendering) run between them.
 */

/** Longest slice of work before the page gets the main thread back. */
export const SLICE_MS = 8;

type Win = Window & typeof globalThis;

/**
 * Give the main thread back to the page: `scheduler.yield()` where the browser has it (the
 * continuation keeps its priority), else a message-channel task (no timer clamping; this
 * realm's MessageChannel, which the page cannot replace).
 */
export function yieldToPage(win: Win): Promise<void> {
  const scheduler = (win as unknown as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Run `steps` to the end in slices of at most about SLICE_MS (a step that takes longer is not
 * cut). Resolves to the steps' return value in a box, or null when `cancelled()` said stop
 * between slices.
 */
export async function runSliced<T>(steps: Generator<unknown, T, void>, win: Win, cancelled: () => boolean): Promise<{ value: T } | null> {
  for (;;) {
    const end = performance.now() + SLICE_MS;
    do {
      const r = steps.next();
      if (r.done) return { value: r.value };
    } while (performance.now() < end);
    await yieldToPage(win);
    if (cancelled()) return null;
  }
}
