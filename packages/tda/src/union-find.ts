/**
 * Union-find over 0..n-1 with path halving and union by rank, for H0.
 *
 * @example
 * const uf = new UnionFind(3); uf.union(0, 2); uf.find(2) === uf.find(0) // true
 */
export class UnionFind {
  private readonly parent: Int32Array;
  private readonly rank: Uint8Array;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.rank = new Uint8Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      const gp = p[p[x] as number] as number;
      p[x] = gp;
      x = gp;
    }
    return x;
  }

  /** Joins the classes of a and b; false when they were already one. */
  union(a: number, b: number): boolean {
    let x = this.find(a);
    let y = this.find(b);
    if (x === y) return false;
    const r = this.rank;
    if ((r[x] as number) < (r[y] as number)) [x, y] = [y, x];
    this.parent[y] = x;
    if (r[x] === r[y]) r[x] = (r[x] as number) + 1;
    return true;
  }
}
