/**
 * Styles of the in-page overlay. DOCUMENT_CSS styles the page's own text through the CSS Custom
 * Highlight API (it must live at document level to reach page text, so it is adopted as a
 * constructed stylesheet — no node is added to the page for it). LAYER_CSS lives in the
 * overlay's shadow root.
 */
export const HIGHLIGHT = {
  resolved: 'sourcelens-resolved',
  unresolved: 'sourcelens-unresolved',
  flagged: 'sourcelens-flagged',
  flash: 'sourcelens-flash',
} as const;

export const DOCUMENT_CSS = `
::highlight(${HIGHLIGHT.resolved}) { background-color: rgba(37, 99, 235, 0.16); text-decoration: underline 2px rgba(37, 99, 235, 0.9); text-underline-offset: 3px; }
::highlight(${HIGHLIGHT.flagged}) { background-color: rgba(217, 119, 6, 0.2); text-decoration: underline 2px rgba(217, 119, 6, 1); text-underline-offset: 3px; }
::highlight(${HIGHLIGHT.unresolved}) { background-color: rgba(107, 114, 128, 0.16); text-decoration: underline dotted 2px rgba(107, 114, 128, 1); text-underline-offset: 3px; }
::highlight(${HIGHLIGHT.flash}) { background-color: rgba(250, 204, 21, 0.55); }
`;

export const LAYER_CSS = `
:host { all: initial; }
.layer { position: absolute; top: 0; left: 0; width: 0; height: 0; }
.marker {
  position: absolute; box-sizing: border-box; margin: 0; padding: 0; border: 0; border-radius: 3px;
  background: transparent; pointer-events: none; cursor: help; font: inherit; color: transparent;
}
.marker:focus { outline: none; }
.marker:focus-visible, .marker[aria-expanded="true"] { outline: 2px solid #2563eb; outline-offset: 1px; }
.flash {
  position: absolute; box-sizing: border-box; pointer-events: none; border-radius: 4px;
  outline: 3px solid rgba(234, 179, 8, 0.95); background: rgba(250, 204, 21, 0.12);
  animation: sl-flash 1.6s ease-out forwards;
}
@keyframes sl-flash { 0%, 60% { opacity: 1; } 100% { opacity: 0; } }
@media (prefers-reduced-motion: reduce) { .flash { animation: none; opacity: 1; } }
.card-anchor { position: absolute; z-index: 1; pointer-events: auto; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
