// Nickel & Kiela (2017) embedding of a graph in the Poincaré ball with Riemannian Adam, and
// the mean average precision of its edge reconstruction. Shared by the test and the README example.
import { createRng, type Rng } from '@geo/core';
import { createRiemannianAdamState, createRiemannianSgdState, distBatch, riemannianAdamStep, riemannianSgdStep } from '../../src/index.js';
import { distGradientKernel, distKernel } from '../../src/distance.js';
import { gapAt } from '../../src/numeric.js';

/** Undirected edges of the balanced tree with the given branching factor and depth (root 0). */
export function balancedTree(branching: number, depth: number): { n: number; edges: [number, number][] } {
  const edges: [number, number][] = [];
  let level = [0];
  let n = 1;
  for (let k = 0; k < depth; k++) {
    const next: number[] = [];
    for (const p of level) {
      for (let b = 0; b < branching; b++) {
        edges.push([p, n]);
        next.push(n++);
      }
    }
    level = next;
  }
  return { n, edges };
}

export interface EmbedOptions {
  readonly dim?: number;
  readonly c?: number;
  readonly epochs?: number;
  readonly lr?: number;
  /** Source nodes per optimiser step. */
  readonly batch?: number;
  readonly seed?: number;
  /** Epochs at a tenth of the rate first (Nickel & Kiela's burn-in). */
  readonly burnIn?: number;
  /** Riemannian Adam (default) or Riemannian SGD. */
  readonly optimizer?: 'adam' | 'sgd';
  /** Initial points: uniform in a 1e-3 box (default), or a Laplacian-eigenmap layout of the graph scaled to `initRadius`. */
  readonly init?: 'random' | 'spectral';
  readonly initRadius?: number;
}

/**
 * Minimises, over directed edges (u, v), -log(e^-d(u,v) / sum_{w != u} e^-d(u,w)) with a Riemannian
 * optimiser on the ball: Nickel & Kiela's softmax loss, with every other node in the denominator
 * (the graph is small; and keeping u's other neighbours there stops a child from collapsing onto
 * its parent, which N&K's neighbour-free denominator allows). Deterministic given the seed (it sets
 * the initial points and the order of sources). With `init: 'spectral'` the start is a Laplacian
 * eigenmap of the graph (computed from the edges alone, as UMAP initialises): in 2-D it fixes the
 * cyclic order of the top-level subtrees, which a random start gets tangled in.
 * Returns the (n x dim) embedding.
 */
export function embedGraph(n: number, edges: readonly [number, number][], options: EmbedOptions = {}): Float64Array {
  const { dim = 2, c = 1, epochs = 200, lr = 0.1, batch = 32, seed = 7, burnIn = 50, optimizer = 'adam' } = options;
  const rng = createRng(seed);
  const init = rng.derive('init');
  const adj = Array.from({ length: n }, () => new Set<number>());
  for (const [a, b] of edges) {
    adj[a]?.add(b);
    adj[b]?.add(a);
  }
  const x =
    options.init === 'spectral'
      ? spectralLayout(n, adj, dim, options.initRadius ?? 1e-2, init)
      : Float64Array.from({ length: n * dim }, () => (init.uniform() - 0.5) * 2e-3);
  const adam = createRiemannianAdamState(n, dim);
  const sgd = createRiemannianSgdState(n, dim);
  const grad = new Float64Array(n * dim);
  const order = rng.derive('order');
  const sources = Array.from({ length: n }, (_, i) => i).filter((u) => (adj[u]?.size ?? 0) > 0);
  const gaps = new Float64Array(n);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  const g = new Float64Array(dim);
  for (let epoch = 0; epoch < epochs; epoch++) {
    order.shuffle(sources);
    // Burn-in (Nickel & Kiela): a tenth of the rate while points leave the origin, then a linear decay to a tenth.
    const rate = epoch < burnIn ? lr / 10 : lr * (1 - (0.9 * (epoch - burnIn)) / Math.max(1, epochs - burnIn));
    for (let start = 0; start < sources.length; start += batch) {
      grad.fill(0);
      for (let i = 0; i < n; i++) gaps[i] = gapAt(x, i * dim, dim, c);
      for (let b = start; b < Math.min(start + batch, sources.length); b++) {
        const u = sources[b] as number;
        const nb = adj[u] as Set<number>;
        let dmin = Infinity;
        for (let w = 0; w < n; w++) {
          d[w] = w === u ? Infinity : distKernel(x, u * dim, gaps[u] as number, x, w * dim, gaps[w] as number, dim, c);
          dmin = Math.min(dmin, d[w] as number);
        }
        // Shifted exponentials and their sum Z over every w != u.
        let z = 0;
        for (let w = 0; w < n; w++) {
          e[w] = w === u ? 0 : Math.exp(dmin - (d[w] as number));
          z += e[w] as number;
        }
        const m = nb.size;
        for (let w = 0; w < n; w++) {
          if (w === u) continue;
          // dL_u/dd(u, w) for L_u = sum_{v in N(u)} (d(u, v) + log Z)
          const k = (nb.has(w) ? 1 : 0) - (m * (e[w] as number)) / z;
          // dL/dx_u and dL/dx_w through d(u, w)
          distGradientKernel(x, u * dim, gaps[u] as number, x, w * dim, gaps[w] as number, dim, c, g, 0);
          for (let i = 0; i < dim; i++) grad[u * dim + i] = (grad[u * dim + i] as number) + k * (g[i] as number);
          distGradientKernel(x, w * dim, gaps[w] as number, x, u * dim, gaps[u] as number, dim, c, g, 0);
          for (let i = 0; i < dim; i++) grad[w * dim + i] = (grad[w * dim + i] as number) + k * (g[i] as number);
        }
      }
      if (optimizer === 'adam') riemannianAdamStep(adam, x, grad, { c, lr: rate, dim, out: x });
      else riemannianSgdStep(sgd, x, grad, { c, lr: rate, dim, out: x });
    }
  }
  return x;
}

/**
 * Laplacian eigenmaps: the `dim` leading non-trivial eigenvectors of D^-1/2 A D^-1/2 by
 * subspace iteration (seeded start), as random-walk coordinates D^-1/2 y, scaled so the
 * farthest point has Euclidean norm `radius`. Uses the graph only.
 */
function spectralLayout(n: number, adj: readonly Set<number>[], dim: number, radius: number, rng: Rng): Float64Array {
  const deg = Float64Array.from(adj, (s) => Math.max(s.size, 1));
  const triv = Float64Array.from(deg, (v) => Math.sqrt(v));
  let tn = 0;
  for (const v of triv) tn += v * v;
  tn = Math.sqrt(tn);
  for (let i = 0; i < n; i++) triv[i] = (triv[i] as number) / tn;
  let Y: Float64Array[] = Array.from({ length: dim }, () => rng.fillNormal(new Float64Array(n)));
  const orth = (vs: readonly Float64Array[]): Float64Array[] => {
    const out: Float64Array[] = [];
    for (const v0 of [triv, ...vs]) {
      const v = Float64Array.from(v0);
      for (const q of out) {
        let p = 0;
        for (let i = 0; i < n; i++) p += (v[i] as number) * (q[i] as number);
        for (let i = 0; i < n; i++) v[i] = (v[i] as number) - p * (q[i] as number);
      }
      let s = 0;
      for (const a of v) s += a * a;
      s = Math.sqrt(s);
      out.push(v.map((a) => a / s));
    }
    return out.slice(1);
  };
  Y = orth(Y);
  for (let it = 0; it < 2000; it++) {
    // (I + D^-1/2 A D^-1/2) y: shifted so every eigenvalue is >= 0
    Y = orth(
      Y.map((y) => {
        const z = Float64Array.from(y);
        for (let i = 0; i < n; i++) for (const j of adj[i] as Set<number>) z[i] = (z[i] as number) + (y[j] as number) / Math.sqrt((deg[i] as number) * (deg[j] as number));
        return z;
      }),
    );
  }
  const x = new Float64Array(n * dim);
  let maxr = 0;
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let k = 0; k < dim; k++) {
      const v = ((Y[k] as Float64Array)[i] as number) / Math.sqrt(deg[i] as number);
      x[i * dim + k] = v;
      r += v * v;
    }
    maxr = Math.max(maxr, Math.sqrt(r));
  }
  return x.map((v) => (v * radius) / maxr);
}

/**
 * Mean average precision of edge reconstruction (Nickel & Kiela 2017): for every node u, rank
 * all other nodes by distance; AP(u) averages, over u's neighbours v, the fraction of neighbours
 * among the nodes ranked at or before v. MAP is the mean over nodes with neighbours.
 */
export function meanAveragePrecision(x: Float64Array, dim: number, n: number, edges: readonly [number, number][], c = 1): number {
  const adj = Array.from({ length: n }, () => new Set<number>());
  for (const [a, b] of edges) {
    adj[a]?.add(b);
    adj[b]?.add(a);
  }
  let total = 0;
  let count = 0;
  for (let u = 0; u < n; u++) {
    const nb = adj[u] as Set<number>;
    if (nb.size === 0) continue;
    const d = distBatch(x, x.subarray(u * dim, (u + 1) * dim), dim, c);
    const others = Array.from({ length: n }, (_, i) => i).filter((i) => i !== u);
    others.sort((a, b) => (d[a] as number) - (d[b] as number));
    let hits = 0;
    let ap = 0;
    others.forEach((w, rank) => {
      if (nb.has(w)) {
        hits++;
        ap += hits / (rank + 1);
      }
    });
    total += ap / nb.size;
    count++;
  }
  return total / count;
}
