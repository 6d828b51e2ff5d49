/**
 * A Vite plugin that removes the one HTML sink from Preact's runtime: `dangerouslySetInnerHTML`
 * (Preact writes it with `el.innerHTML = value.__html`). SourceLens never uses that prop, and
 * page text must never be parsed as HTML, so the prop is made to set text instead. The build
 * fails if the pattern is not found (a Preact update changed it), so the hardening cannot
 * silently lapse; `web-ext lint` then shows no innerHTML warning for our bundles.
 */
import type { Plugin } from 'vite';

const PREACT_RUNTIME = /[\\/]preact[\\/]dist[\\/]preact\.mjs$/;
const SINK = /([A-Za-z_$][\w$]*)\.innerHTML=([A-Za-z_$][\w$]*)\.__html/g;

export function noHtmlSinks(): Plugin {
  return {
    name: 'sourcelens:no-html-sinks',
    enforce: 'pre',
    transform(code, id) {
      if (!PREACT_RUNTIME.test(id)) return null;
      let count = 0;
      const out = code.replace(SINK, (_m, el: string, value: string) => {
        count++;
        return `${el}.textContent=${value}.__html`;
      });
      if (count === 0) {
        this.error(`no-html-sinks: Preact's dangerouslySetInnerHTML sink was not found in ${id}; update build/no-html-sinks.ts`);
      }
      return { code: out, map: null };
    },
  };
}
