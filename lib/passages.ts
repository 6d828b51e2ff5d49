/**
 * Repeated passages: duplicate groups (lib/duplicates, lib/translation) that together make one
 * block of consecutive paragraphs standing more than once on the page. Pure, and apart from
 * lib/report so the popup and side panel can group the report's duplicates without bundling it.
 */
import type { DuplicateCluster } from './types';

/**
 * Duplicate clusters grouped into repeated passages: a cluster continues the one before it when
 * it is of the same kind and each of its paragraphs follows one of the other's (indices + 1),
 * so a block of consecutive paragraphs that stands twice on the page is one passage. Passages
 * come in the order of their first cluster in `clusters`; a cluster on its own is a passage of 1.
 */
export function duplicatePassages(clusters: readonly DuplicateCluster[]): DuplicateCluster[][] {
  const key = (c: DuplicateCluster, shift: number) => `${c.kind}:${c.paragraphs.map((p) => p.index + shift).sort((a, b) => a - b).join(',')}`;
  const byKey = new Map(clusters.map((c) => [key(c, 0), c]));
  const passages: DuplicateCluster[][] = [];
  for (const first of clusters) {
    if (byKey.has(key(first, -1))) continue; // inside a passage that starts earlier
    const passage = [first];
    for (let next = byKey.get(key(first, 1)); next; next = byKey.get(key(next, 1))) passage.push(next);
    passages.push(passage);
  }
  return passages;
}
