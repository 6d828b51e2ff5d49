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

export { default as LAYER_CSS } from './layer.css?inline';
