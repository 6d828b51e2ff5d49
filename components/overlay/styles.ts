/**
 * Styles of the in-page overlay. The page's own text is styled through the CSS Custom Highlight
 * API by highlights.css (the content script's manifest CSS: see there why). LAYER_CSS lives in
 * the overlay's shadow root.
 */
export const HIGHLIGHT = {
  resolved: 'sourcelens-resolved',
  unresolved: 'sourcelens-unresolved',
  flagged: 'sourcelens-flagged',
  flash: 'sourcelens-flash',
} as const;

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
