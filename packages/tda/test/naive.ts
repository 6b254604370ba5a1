/**
 * Textbook persistent homology for tiny inputs, independent of the package's algorithm: list
 * every simplex of the Rips complex up to dimension maxDim + 1, sort by (diameter, dimension),
 * reduce the boundary matrix over Z/p (signed; Z/2 by default) column by column (Edelsbrunner, Letscher, Zomorodian 2002) and
 * read off pairs. Used only to cross-check ripsPersistence on small random clouds.
 */
export function naiveRipsPairs(dist: number[][], maxDim: number, threshold: number, p = 2): [number, number][][] {
  const n = dist.length;
  type S = { verts: number[]; diam: number; dim: number };
  const simplices: S[] = [];
  const rec = (verts: number[], next: number, diam: number): void => {
    if (verts.length > 0) simplices.push({ verts: [...verts], diam, dim: verts.length - 1 });
    if (verts.length === maxDim + 2) return;
    for (let v = next; v < n; v++) {
      let d = diam;
      for (const u of verts) d = Math.max(d, dist[u]![v]!);
      if (d > threshold) continue;
      verts.push(v);
      rec(verts, v + 1, d);
      verts.pop();
    }
  };
  rec([], 0, 0);
  simplices.sort((a, b) => a.diam - b.diam || a.dim - b.dim);
  const key = (vs: number[]) => vs.join(',');
  const pos = new Map(simplices.map((s, i) => [key(s.verts), i]));
  const mod = (x: number) => ((x % p) + p) % p;
  const inv = (a: number) => {
    for (let b = 1; b < p; b++) if ((a * b) % p === 1) return b;
    throw new Error('no inverse');
  };
  // signed boundary: d[v_0..v_k] = sum_i (-1)^i [.. without v_i ..]
  const cols: Map<number, number>[] = simplices.map((s) => {
    const c = new Map<number, number>();
    if (s.dim > 0) for (let i = 0; i < s.verts.length; i++) c.set(pos.get(key(s.verts.filter((_, j) => j !== i)))!, mod(i % 2 === 0 ? 1 : -1));
    return c;
  });
  const low = (c: Map<number, number>) => (c.size === 0 ? -1 : Math.max(...c.keys()));
  const lowOwner = new Map<number, number>();
  const out: [number, number][][] = Array.from({ length: maxDim + 1 }, () => []);
  const paired = new Set<number>();
  for (let j = 0; j < cols.length; j++) {
    const c = cols[j]!;
    for (;;) {
      const l = low(c);
      if (l === -1 || !lowOwner.has(l)) break;
      const o = cols[lowOwner.get(l)!]!;
      const f = mod(-c.get(l)! * inv(o.get(l)!));
      for (const [r, v] of o) {
        const nv = mod((c.get(r) ?? 0) + f * v);
        if (nv === 0) c.delete(r);
        else c.set(r, nv);
      }
    }
    const l = low(c);
    if (l !== -1) {
      lowOwner.set(l, j);
      paired.add(l);
      paired.add(j);
      const s = simplices[l]!;
      if (s.dim <= maxDim && simplices[j]!.diam > s.diam) out[s.dim]!.push([s.diam, simplices[j]!.diam]);
    }
  }
  for (let i = 0; i < simplices.length; i++) {
    const s = simplices[i]!;
    if (!paired.has(i) && s.dim <= maxDim) out[s.dim]!.push([s.diam, Infinity]);
  }
  for (const d of out) d.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return out;
}

/** Brute-force W_p (L^q ground metric) or bottleneck (p = Infinity, q = Infinity) over all partial matchings of tiny finite diagrams. */
export function bruteForceDistance(a: [number, number][], b: [number, number][], p: number, q: number): number {
  const norm = (x: number, y: number) => (q === Infinity ? Math.max(Math.abs(x), Math.abs(y)) : (Math.abs(x) ** q + Math.abs(y) ** q) ** (1 / q));
  const diag = ([s, t]: [number, number]) => norm((t - s) / 2, (t - s) / 2);
  let best = Infinity;
  const usedB = new Array<boolean>(b.length).fill(false);
  const costs: number[] = [];
  const finish = () => {
    const all = [...costs];
    b.forEach((pt, j) => {
      if (!usedB[j]) all.push(diag(pt));
    });
    const v = p === Infinity ? Math.max(0, ...all) : all.reduce((s, c) => s + c ** p, 0) ** (1 / p);
    best = Math.min(best, v);
  };
  const rec = (i: number): void => {
    if (i === a.length) return finish();
    const pt = a[i]!;
    costs.push(diag(pt));
    rec(i + 1);
    costs.pop();
    for (let j = 0; j < b.length; j++) {
      if (usedB[j]) continue;
      usedB[j] = true;
      costs.push(norm(pt[0] - b[j]![0], pt[1] - b[j]![1]));
      rec(i + 1);
      costs.pop();
      usedB[j] = false;
    }
  };
  rec(0);
  return best;
}
