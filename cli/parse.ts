/**
 * Parses saved HTML into a DOM in Node (happy-dom) with everything that could reach the network
 * or run page code switched off: no scripts, no stylesheets, no images, no frames, no
 * navigation, and every fetch a page might start (preload links, say) answered locally with 404.
 */
import { Headers, Window } from 'happy-dom';

export interface ParsedPage {
  document: Document;
  close(): Promise<void>;
}

export function parseHtml(html: string, url = 'https://saved-page.invalid/'): ParsedPage {
  const window: Window = new Window({
    url,
    settings: {
      enableJavaScriptEvaluation: false,
      disableJavaScriptFileLoading: true,
      enableCSSFileLoading: false,
      enableIframePageLoading: false,
      enableImageFileLoading: false,
      handleDisabledFileLoadingAsSuccess: true,
      navigation: {
        disableMainFrameNavigation: true,
        disableChildFrameNavigation: true,
        disableChildPageNavigation: true,
        disableFallbackToSetURL: true,
      },
      fetch: {
        interceptor: {
          beforeAsyncRequest: async ({ window: w }) => new w.Response('', { status: 404 }),
          beforeSyncRequest: ({ request }: { request: { url: string } }) => ({
            status: 404,
            statusText: 'Not Found',
            ok: false,
            url: request.url,
            redirected: false,
            headers: new Headers(),
            body: Buffer.alloc(0),
          }),
        },
      },
    },
  });
  const document = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
  return { document, close: () => window.happyDOM.close() };
}
