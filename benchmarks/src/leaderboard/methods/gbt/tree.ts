/**
 * One regression tree on gradient statistics, grown best-first (LightGBM's leaf-wise
 * order) over histograms of binned features. Each leaf holds the Newton step
 * -G / (H + lambda) of its rows' gradient sum G and Hessian sum H (XGBoost's eq. 5),
 * times the learning rate; a split is kept only if its gain
 * G_L^2/(H_L+lambda) + G_R^2/(H_R+lambda) - G^2/(H+lambda) is positive.
 */

/** A fitted tree in flat arrays; node 0 is the root, `feature[i] = -1` marks a leaf. */
export interface Tree {
  readonly feature: Int32Array;
  /** Raw-value threshold: go left when x <= threshold. */
  readonly threshold: Float64Array;
  /** The same split in bin space: go left when bin <= binThreshold. */
  readonly binThreshold: Int32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Leaf output (already scaled by the learning rate); 0 at inner nodes. */
  readonly value: Float64Array;
}

export interface TreeParams {
  readonly maxDepth: number;
  readonly maxLeaves: number;
  readonly minSamplesLeaf: number;
  readonly minChildWeight: number;
  readonly lambda: number;
  readonly learningRate: number;
}

/** Binned training data shared by every tree of a fit. */
export interface BinnedData {
  /** n x d, row-major. */
  readonly bins: Uint8Array;
  readonly n: number;
  readonly d: number;
  readonly edges: readonly Float64Array[];
  /** Histogram stride per feature. */
  readonly maxBins: number;
}

interface Leaf {
  readonly node: number;
  readonly start: number;
  readonly end: number;
  readonly depth: number;
  readonly G: number;
  readonly H: number;
  hist: Float64Array | undefined;
  gain: number;
  feature: number;
  bin: number;
}

/** Newton leaf value -G / (H + lambda): the minimiser of G v + (H + lambda) v^2 / 2. */
export function newtonLeafValue(G: number, H: number, lambda: number): number {
  return -G / (H + lambda);
}

function score(G: number, H: number, lambda: number): number {
  return (G * G) / (H + lambda);
}

/**
 * Grows one tree on rows `rows` (a subsample; reordered in place) and features `features`.
 * `grad`/`hess` are indexed by row. Deterministic: ties go to the earlier feature in
 * `features`, then to the lower bin.
 */
export function growTree(data: BinnedData, grad: Float64Array, hess: Float64Array, rows: Int32Array, features: Int32Array, p: TreeParams): Tree {
  const { bins, d, edges, maxBins: B } = data;
  const histLen = d * B * 3;
  const feature: number[] = [-1];
  const threshold: number[] = [0];
  const binThreshold: number[] = [-1];
  const left: number[] = [-1];
  const right: number[] = [-1];
  const value: number[] = [0];
  const scratch = new Int32Array(rows.length);

  const buildHist = (start: number, end: number): Float64Array => {
    const h = new Float64Array(histLen);
    for (let i = start; i < end; i++) {
      const r = rows[i] as number;
      const g = grad[r] as number;
      const w = hess[r] as number;
      const base = r * d;
      for (let k = 0; k < features.length; k++) {
        const f = features[k] as number;
        const o = (f * B + (bins[base + f] as number)) * 3;
        h[o] = (h[o] as number) + g;
        h[o + 1] = (h[o + 1] as number) + w;
        h[o + 2] = (h[o + 2] as number) + 1;
      }
    }
    return h;
  };

  const sums = (start: number, end: number): [number, number] => {
    let G = 0;
    let H = 0;
    for (let i = start; i < end; i++) {
      const r = rows[i] as number;
      G += grad[r] as number;
      H += hess[r] as number;
    }
    return [G, H];
  };

  const findSplit = (leaf: Leaf): void => {
    leaf.gain = 0;
    leaf.feature = -1;
    const count = leaf.end - leaf.start;
    if (leaf.depth >= p.maxDepth || count < 2 * p.minSamplesLeaf || leaf.hist === undefined) return;
    const h = leaf.hist;
    const parent = score(leaf.G, leaf.H, p.lambda);
    for (let k = 0; k < features.length; k++) {
      const f = features[k] as number;
      const nb = (edges[f] as Float64Array).length + 1;
      let GL = 0;
      let HL = 0;
      let CL = 0;
      for (let b = 0; b + 1 < nb; b++) {
        const o = (f * B + b) * 3;
        GL += h[o] as number;
        HL += h[o + 1] as number;
        CL += h[o + 2] as number;
        const CR = count - CL;
        if (CL < p.minSamplesLeaf) continue;
        if (CR < p.minSamplesLeaf) break;
        const HR = leaf.H - HL;
        if (HL < p.minChildWeight || HR < p.minChildWeight) continue;
        const gain = score(GL, HL, p.lambda) + score(leaf.G - GL, HR, p.lambda) - parent;
        if (gain > leaf.gain) {
          leaf.gain = gain;
          leaf.feature = f;
          leaf.bin = b;
        }
      }
    }
    if (leaf.feature < 0) leaf.hist = undefined; // never split: free its histogram now
  };

  const makeLeaf = (node: number, start: number, end: number, depth: number, hist: Float64Array | undefined): Leaf => {
    const [G, H] = sums(start, end);
    const leaf: Leaf = { node, start, end, depth, G, H, hist, gain: 0, feature: -1, bin: -1 };
    value[node] = p.learningRate * newtonLeafValue(G, H, p.lambda);
    return leaf;
  };

  const root = makeLeaf(0, 0, rows.length, 0, p.maxDepth > 0 ? buildHist(0, rows.length) : undefined);
  findSplit(root);
  const open: Leaf[] = [root];
  let leaves = 1;
  while (leaves < p.maxLeaves) {
    let best = -1;
    for (let i = 0; i < open.length; i++) {
      const l = open[i] as Leaf;
      if (l.feature >= 0 && (best < 0 || l.gain > (open[best] as Leaf).gain)) best = i;
    }
    if (best < 0) break;
    const leaf = open[best] as Leaf;
    open.splice(best, 1);
    // Stable partition of the leaf's rows: bin <= split bin to the left.
    let nl = 0;
    let nr = 0;
    const f = leaf.feature;
    for (let i = leaf.start; i < leaf.end; i++) {
      const r = rows[i] as number;
      if ((bins[r * d + f] as number) <= leaf.bin) rows[leaf.start + nl++] = r;
      else scratch[nr++] = r;
    }
    rows.set(scratch.subarray(0, nr), leaf.start + nl);
    const mid = leaf.start + nl;
    const li = feature.length;
    const ri = li + 1;
    feature[leaf.node] = f;
    threshold[leaf.node] = (edges[f] as Float64Array)[leaf.bin] as number;
    binThreshold[leaf.node] = leaf.bin;
    left[leaf.node] = li;
    right[leaf.node] = ri;
    value[leaf.node] = 0;
    for (const _ of [li, ri]) {
      feature.push(-1);
      threshold.push(0);
      binThreshold.push(-1);
      left.push(-1);
      right.push(-1);
      value.push(0);
    }
    // Histogram of the smaller child by counting, of the larger one by subtraction.
    const needHist = leaf.depth + 1 < p.maxDepth;
    let hl: Float64Array | undefined;
    let hr: Float64Array | undefined;
    if (needHist && leaf.hist !== undefined) {
      const parentHist = leaf.hist;
      if (nl <= nr) {
        hl = buildHist(leaf.start, mid);
        hr = parentHist;
        for (let i = 0; i < histLen; i++) hr[i] = (hr[i] as number) - (hl[i] as number);
      } else {
        hr = buildHist(mid, leaf.end);
        hl = parentHist;
        for (let i = 0; i < histLen; i++) hl[i] = (hl[i] as number) - (hr[i] as number);
      }
    }
    leaf.hist = undefined;
    const a = makeLeaf(li, leaf.start, mid, leaf.depth + 1, hl);
    const b = makeLeaf(ri, mid, leaf.end, leaf.depth + 1, hr);
    findSplit(a);
    findSplit(b);
    open.push(a, b);
    leaves++;
  }
  return {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    binThreshold: Int32Array.from(binThreshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
  };
}

/** Adds the tree's output for every row of a raw n x d matrix to `out[i * stride + offset]`. */
export function addTreeRaw(tree: Tree, x: Float64Array, n: number, d: number, out: Float64Array, stride = 1, offset = 0): void {
  for (let i = 0; i < n; i++) {
    let node = 0;
    let f = tree.feature[0] as number;
    while (f >= 0) {
      node = (x[i * d + f] as number) <= (tree.threshold[node] as number) ? (tree.left[node] as number) : (tree.right[node] as number);
      f = tree.feature[node] as number;
    }
    out[i * stride + offset] = (out[i * stride + offset] as number) + (tree.value[node] as number);
  }
}

/** The same on binned rows (training data), which follows exactly the splits the tree was grown with. */
export function addTreeBinned(tree: Tree, bins: Uint8Array, n: number, d: number, out: Float64Array, stride = 1, offset = 0): void {
  for (let i = 0; i < n; i++) {
    let node = 0;
    let f = tree.feature[0] as number;
    while (f >= 0) {
      node = (bins[i * d + f] as number) <= (tree.binThreshold[node] as number) ? (tree.left[node] as number) : (tree.right[node] as number);
      f = tree.feature[node] as number;
    }
    out[i * stride + offset] = (out[i * stride + offset] as number) + (tree.value[node] as number);
  }
}

/** Number of leaves of a tree. */
export function treeLeaves(tree: Tree): number {
  let c = 0;
  for (let i = 0; i < tree.feature.length; i++) if ((tree.feature[i] as number) < 0) c++;
  return c;
}
