import type { Detection } from '../../lib/detect/index';

/** The text between a detection's anchor points, read back from the DOM's text nodes. */
export function anchorText(d: Detection): string {
  const { startNode, startOffset, endNode, endOffset, block } = d.anchor;
  if (startNode === endNode) return startNode.data.slice(startOffset, endOffset);
  const walker = block.ownerDocument.createTreeWalker(block, 4 /* SHOW_TEXT */);
  let out = '';
  let inside = false;
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    if (n === startNode) {
      out += n.data.slice(startOffset);
      inside = true;
    } else if (n === endNode) {
      return out + n.data.slice(0, endOffset);
    } else if (inside) {
      out += n.data;
    }
  }
  return out;
}
