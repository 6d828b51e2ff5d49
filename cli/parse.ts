/**
 * Parses saved HTML into a DOM in Node (happy-dom) with everything that could reach the network
 * or run page code switched off: no scripts, no stylesheets, no frames, no navigation.
 */
import { Window } from 'happy-dom';

export interface ParsedPage {
  document: Document;
  close(): Promise<void>;
}

export function parseHtml(html: string, url = 'http://localhost/'): ParsedPage {
  const window = new Window({
    url,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
      handleDisabledFileLoadingAsSuccess: true,
      navigation: {
        disableMainFrameNavigation: true,
        disableChildFrameNavigation: true,
        disableChildPageNavigation: true,
        disableFallbackToSetURL: true,
      },
    },
  });
  const parser = new window.DOMParser();
  const document = parser.parseFromString(html, 'text/html') as unknown as Document;
  return {
    document,
    close: async () => {
      await window.happyDOM.abort();
      window.close();
    },
  };
}
