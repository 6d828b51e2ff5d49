/**
 * The content script's context: what `ctx` offers to entrypoints/content/index.ts (`isValid`,
 * `onInvalidated`), in place of WXT's ContentScriptContext, whose location watcher and timer
 * wrappers the content script does not use (build/lean-content.ts resolves
 * `wxt/utils/content-script-context` here for the content script only).
 *
 * Invalidated when the extension that injected this copy is gone (updated, reloaded, removed:
 * `runtime.id` disappears) or a newer copy starts in the same frame and announces itself, as
 * WXT's does, with a CustomEvent on the document whose `detail` names the script and its copy
 * (an event a page dispatches carries a `detail` the isolated world cannot read).
 */
import browser from './native-browser';

const STARTED = 'sourcelens:content-script-started';

export class ContentScriptContext {
  readonly #abortController = new AbortController();
  readonly #id = Math.random().toString(36).slice(2);

  constructor(private readonly contentScriptName: string, _options?: unknown) {
    document.dispatchEvent(new CustomEvent(STARTED, { detail: { name: contentScriptName, id: this.#id } }));
    const onStarted = (event: Event) => {
      const detail = (event as CustomEvent<{ name?: string; id?: string } | null>).detail;
      if (detail?.name === this.contentScriptName && detail.id && detail.id !== this.#id) this.notifyInvalidated();
    };
    document.addEventListener(STARTED, onStarted);
    this.onInvalidated(() => document.removeEventListener(STARTED, onStarted));
  }

  get isValid(): boolean {
    if ((browser as { runtime?: { id?: string } } | undefined)?.runtime?.id == null) this.notifyInvalidated();
    return !this.#abortController.signal.aborted;
  }

  onInvalidated(cb: () => void): void {
    this.#abortController.signal.addEventListener('abort', cb);
  }

  notifyInvalidated(): void {
    this.#abortController.abort();
  }
}
