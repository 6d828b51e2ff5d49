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
 * continuation keeps its priority), else a message-channel task (no timer clamping).
 */
export function yieldToPage(win: Win): Promise<void> {
  const scheduler = (win as unknown as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  const Channel = win.MessageChannel;
  if (typeof Channel === 'function') {
    return new Promise((resolve) => {
      const channel = new Channel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => win.setTimeout(resolve, 0));
}

/**
 * Run `steps` to the end in slices of at most about `sliceMs` (a step that takes longer is not
 * cut). Resolves true when done, false when `cancelled()` said stop between slices.
 */
export async function runSliced(steps: Iterator<unknown>, win: Win, cancelled: () => boolean, sliceMs = SLICE_MS): Promise<boolean> {
  const now = () => win.performance?.now() ?? Date.now();
  for (;;) {
    const end = now() + sliceMs;
    do {
      if (steps.next().done) return true;
    } while (now() < end);
    await yieldToPage(win);
    if (cancelled()) return false;
  }
}
