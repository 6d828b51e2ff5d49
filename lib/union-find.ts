/**
 * Union-find over positions 0..n-1 (path halving), the root of a set being its earliest member.
 * Callers that keep figures per set (the weakest link, say) merge them on `join`.
 */
export class UnionFind {
  private readonly parent: Int32Array;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      p[x] = p[p[x]];
      x = p[x];
    }
    return x;
  }

  /** Merge the sets of `a` and `b`: [root, absorbed root], or null when they were one set. */
  join(a: number, b: number): [number, number] | null {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return null;
    if (rb < ra) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    return [ra, rb];
  }
}
