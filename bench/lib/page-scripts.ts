/**
 * Code the bench runs inside pages (main world), as source strings: tsx may wrap functions in
 * helpers that don't exist in a page, so nothing here is a serialised TypeScript function.
 */

/**
 * Init script (every document, before its own scripts, with and without the extension):
 * - `performance.mark('slb:origin')` ties page time to trace time;
 * - a 'longtask' PerformanceObserver;
 * - a MutationObserver that notices the SourceLens overlay host (<sourcelens-overlay> appended to
 *   <html>; its shadow root is open) and then watches the shadow root: each change of the number
 *   of `button.marker` is recorded with performance.now() (and a 'slb:markers' mark); each
 *   data-state/aria-label change of a marker (the resolution arriving) is recorded in `attrs`;
 * - `__slbMutate(perSecond)`: starts a mutating page (text changes + appended paragraphs, some
 *   with a citation); returns a stop function.
 */
export const INIT_SCRIPT = String.raw`(() => {
  if (window.__slb) return;
  const st = { count: 0, hostAt: -1, marks: [], attrs: [], longtasks: [], highlightsAtLastMark: -1 };
  window.__slb = st;
  performance.mark('slb:origin');
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) st.longtasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {}
  let root = null;
  const highlightTotal = () => {
    let n = 0;
    try { for (const [name, h] of CSS.highlights) if (name.startsWith('sourcelens-') && name !== 'sourcelens-flash') n += h.size; } catch (e) {}
    return n;
  };
  const check = () => {
    const n = root ? root.querySelectorAll('button.marker').length : 0;
    if (n !== st.count) {
      st.count = n;
      st.marks.push([performance.now(), n]);
      st.highlightsAtLastMark = highlightTotal();
      performance.mark('slb:markers');
    }
  };
  const inner = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') { st.attrs.push(performance.now()); break; }
    }
    check();
  });
  const outer = new MutationObserver(() => {
    if (root) return;
    const host = document.querySelector('sourcelens-overlay');
    if (host && host.shadowRoot) {
      root = host.shadowRoot;
      st.hostAt = performance.now();
      inner.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-state', 'aria-label'] });
      check();
    }
  });
  const watch = () => outer.observe(document.documentElement, { childList: true });
  if (document.documentElement) watch();
  else new MutationObserver((_, o) => { if (document.documentElement) { o.disconnect(); watch(); } }).observe(document, { childList: true });

  window.__slbMutate = (perSecond) => {
    const parent = document.querySelector('main, article, #content, #bodyContent') || document.body;
    const ticker = document.createElement('p');
    const tn = document.createTextNode('tick 0');
    ticker.append(tn);
    const feed = document.createElement('div');
    parent.append(ticker, feed);
    const perTick = Math.max(1, Math.round(perSecond / 100));
    let i = 0;
    const id = setInterval(() => {
      for (let k = 0; k < perTick; k++, i++) {
        if (i % 10 === 0) {
          const p = document.createElement('p');
          p.textContent = 'Live update ' + i + ': the council approved the new budget plan after a long debate.' + (i % 100 === 0 ? ' [Reuters]' : '');
          feed.append(p);
          if (feed.childElementCount > 50) feed.firstElementChild.remove();
        } else {
          tn.data = 'tick ' + i;
        }
      }
    }, 10);
    window.__slbStopMutate = () => clearInterval(id);
    return true;
  };
})();`;

/** State of the init script's observers, plus the page's timing. */
export const READ_STATE = String.raw`(() => {
  const st = window.__slb || { count: 0, marks: [], attrs: [], longtasks: [], hostAt: -1 };
  const origin = performance.getEntriesByName('slb:origin')[0];
  const nav = performance.getEntriesByType('navigation')[0];
  const last = (a) => (a.length ? a[a.length - 1] : null);
  return {
    now: performance.now(),
    origin: origin ? origin.startTime : 0,
    dcl: nav ? nav.domContentLoadedEventEnd : 0,
    load: nav ? nav.loadEventEnd : 0,
    count: st.count,
    hostAt: st.hostAt,
    firstMark: st.marks.length ? st.marks[0][0] : -1,
    lastMark: last(st.marks) ? last(st.marks)[0] : -1,
    markSteps: st.marks.length,
    firstAttr: st.attrs.length ? st.attrs[0] : -1,
    lastAttr: last(st.attrs) !== null ? last(st.attrs) : -1,
    attrChanges: st.attrs.length,
    highlights: st.highlightsAtLastMark,
    longtasks: st.longtasks,
  };
})()`;

/** The floor: one TreeWalker pass over every text node of <body> and one linear scan of its text for bracket pairs. */
export const FLOOR = String.raw`(() => {
  const t0 = performance.now();
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let nodes = 0, chars = 0, opens = 0, pairs = 0;
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    const s = n.data;
    nodes++;
    chars += s.length;
    let open = -1;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 91) { opens++; open = i; }
      else if (c === 93 && open >= 0) { if (i - open <= 121) pairs++; open = -1; }
    }
  }
  return { ms: performance.now() - t0, nodes, chars, opens, pairs };
})()`;
