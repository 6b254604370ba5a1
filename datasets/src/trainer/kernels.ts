// Register-blocked panels for small dense layers over many points, feature-major: a layer's
// activations are a (width x n) row-major matrix, so every inner loop runs over points.
// Each 4 x 4 tile keeps 16 accumulators in registers (V8 keeps them in XMM registers),
// which is what lifts plain JavaScript from ~1.5 to ~5 GFLOP/s (see bench/trainer.bench.ts).

/**
 * C[r, i] = bias[r] + sum_q A(r, q) B[q, i] for r < m, i < n, where A(r, q) =
 * a[aOff + r * rs + q * cs] (so A can be W, rs = fanIn, cs = 1, or W^T, rs = 1, cs = fanIn),
 * B is p x n and C is m x n, both row-major. `bias` is read at bOff, or ignored when bOff < 0.
 *
 * @example
 * panelForward(params, wOff, fanIn, 1, fanOut, fanIn, hIn, n, hOut, params, bOff); // one dense layer
 */
export function panelForward(
  a: Float64Array, aOff: number, rs: number, cs: number,
  m: number, p: number, b: Float64Array, n: number, c: Float64Array,
  bias: Float64Array, bOff: number,
): void {
  const n4 = n - (n % 4);
  let r = 0;
  for (; r + 4 <= m; r += 4) {
    const a0 = aOff + r * rs, a1 = a0 + rs, a2 = a1 + rs, a3 = a2 + rs;
    const z0 = bOff < 0 ? 0 : (bias[bOff + r] as number), z1 = bOff < 0 ? 0 : (bias[bOff + r + 1] as number);
    const z2 = bOff < 0 ? 0 : (bias[bOff + r + 2] as number), z3 = bOff < 0 ? 0 : (bias[bOff + r + 3] as number);
    const o0 = r * n, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n;
    for (let i = 0; i < n4; i += 4) {
      let c00 = z0, c01 = z0, c02 = z0, c03 = z0;
      let c10 = z1, c11 = z1, c12 = z1, c13 = z1;
      let c20 = z2, c21 = z2, c22 = z2, c23 = z2;
      let c30 = z3, c31 = z3, c32 = z3, c33 = z3;
      for (let q = 0, bq = i, aq = 0; q < p; q++, bq += n, aq += cs) {
        const b0 = b[bq] as number, b1 = b[bq + 1] as number, b2 = b[bq + 2] as number, b3 = b[bq + 3] as number;
        const x0 = a[a0 + aq] as number, x1 = a[a1 + aq] as number, x2 = a[a2 + aq] as number, x3 = a[a3 + aq] as number;
        c00 += x0 * b0; c01 += x0 * b1; c02 += x0 * b2; c03 += x0 * b3;
        c10 += x1 * b0; c11 += x1 * b1; c12 += x1 * b2; c13 += x1 * b3;
        c20 += x2 * b0; c21 += x2 * b1; c22 += x2 * b2; c23 += x2 * b3;
        c30 += x3 * b0; c31 += x3 * b1; c32 += x3 * b2; c33 += x3 * b3;
      }
      c[o0 + i] = c00; c[o0 + i + 1] = c01; c[o0 + i + 2] = c02; c[o0 + i + 3] = c03;
      c[o1 + i] = c10; c[o1 + i + 1] = c11; c[o1 + i + 2] = c12; c[o1 + i + 3] = c13;
      c[o2 + i] = c20; c[o2 + i + 1] = c21; c[o2 + i + 2] = c22; c[o2 + i + 3] = c23;
      c[o3 + i] = c30; c[o3 + i + 1] = c31; c[o3 + i + 2] = c32; c[o3 + i + 3] = c33;
    }
    for (let i = n4; i < n; i++) {
      let c0 = z0, c1 = z1, c2 = z2, c3 = z3;
      for (let q = 0; q < p; q++) {
        const bv = b[q * n + i] as number;
        c0 += (a[a0 + q * cs] as number) * bv; c1 += (a[a1 + q * cs] as number) * bv;
        c2 += (a[a2 + q * cs] as number) * bv; c3 += (a[a3 + q * cs] as number) * bv;
      }
      c[o0 + i] = c0; c[o1 + i] = c1; c[o2 + i] = c2; c[o3 + i] = c3;
    }
  }
  for (; r < m; r++) {
    const ar = aOff + r * rs;
    const z = bOff < 0 ? 0 : (bias[bOff + r] as number);
    const o = r * n;
    for (let i = 0; i < n4; i += 4) {
      let c0 = z, c1 = z, c2 = z, c3 = z;
      for (let q = 0, bq = i; q < p; q++, bq += n) {
        const x = a[ar + q * cs] as number;
        c0 += x * (b[bq] as number); c1 += x * (b[bq + 1] as number); c2 += x * (b[bq + 2] as number); c3 += x * (b[bq + 3] as number);
      }
      c[o + i] = c0; c[o + i + 1] = c1; c[o + i + 2] = c2; c[o + i + 3] = c3;
    }
    for (let i = n4; i < n; i++) {
      let c0 = z;
      for (let q = 0; q < p; q++) c0 += (a[ar + q * cs] as number) * (b[q * n + i] as number);
      c[o + i] = c0;
    }
  }
}

/**
 * Weight and bias gradients of one layer: g[wOff + j * fanIn + k] = sum_i dz[j, i] h[k, i]
 * and g[bOff + j] = sum_i dz[j, i], with dz fanOut x n and h fanIn x n (row-major).
 *
 * @example
 * panelGrad(dz, hIn, fanOut, fanIn, n, grad, wOff, bOff); // dL/dW = dz hIn^T, dL/db = dz 1
 */
export function panelGrad(dz: Float64Array, h: Float64Array, fanOut: number, fanIn: number, n: number, g: Float64Array, wOff: number, bOff: number): void {
  let j = 0;
  for (; j + 4 <= fanOut; j += 4) {
    const d0 = j * n, d1 = d0 + n, d2 = d1 + n, d3 = d2 + n;
    let k = 0;
    for (; k + 4 <= fanIn; k += 4) {
      const h0 = k * n, h1 = h0 + n, h2 = h1 + n, h3 = h2 + n;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let i = 0; i < n; i++) {
        const x0 = dz[d0 + i] as number, x1 = dz[d1 + i] as number, x2 = dz[d2 + i] as number, x3 = dz[d3 + i] as number;
        const y0 = h[h0 + i] as number, y1 = h[h1 + i] as number, y2 = h[h2 + i] as number, y3 = h[h3 + i] as number;
        c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
        c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
        c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
        c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
      }
      let o = wOff + j * fanIn + k;
      g[o] = c00; g[o + 1] = c01; g[o + 2] = c02; g[o + 3] = c03; o += fanIn;
      g[o] = c10; g[o + 1] = c11; g[o + 2] = c12; g[o + 3] = c13; o += fanIn;
      g[o] = c20; g[o + 1] = c21; g[o + 2] = c22; g[o + 3] = c23; o += fanIn;
      g[o] = c30; g[o + 1] = c31; g[o + 2] = c32; g[o + 3] = c33;
    }
    for (; k < fanIn; k++) {
      const hk = k * n;
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
      for (let i = 0; i < n; i++) {
        const y = h[hk + i] as number;
        c0 += (dz[d0 + i] as number) * y; c1 += (dz[d1 + i] as number) * y; c2 += (dz[d2 + i] as number) * y; c3 += (dz[d3 + i] as number) * y;
      }
      const o = wOff + j * fanIn + k;
      g[o] = c0; g[o + fanIn] = c1; g[o + 2 * fanIn] = c2; g[o + 3 * fanIn] = c3;
    }
  }
  for (; j < fanOut; j++) {
    const dj = j * n;
    let k = 0;
    for (; k + 4 <= fanIn; k += 4) {
      const h0 = k * n, h1 = h0 + n, h2 = h1 + n, h3 = h2 + n;
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
      for (let i = 0; i < n; i++) {
        const x = dz[dj + i] as number;
        c0 += x * (h[h0 + i] as number); c1 += x * (h[h1 + i] as number); c2 += x * (h[h2 + i] as number); c3 += x * (h[h3 + i] as number);
      }
      const o = wOff + j * fanIn + k;
      g[o] = c0; g[o + 1] = c1; g[o + 2] = c2; g[o + 3] = c3;
    }
    for (; k < fanIn; k++) {
      let c0 = 0;
      for (let i = 0; i < n; i++) c0 += (dz[dj + i] as number) * (h[k * n + i] as number);
      g[wOff + j * fanIn + k] = c0;
    }
  }
  for (let jj = 0; jj < fanOut; jj++) {
    let s0 = 0, s1 = 0;
    const d = jj * n;
    let i = 0;
    for (; i + 2 <= n; i += 2) {
      s0 += dz[d + i] as number;
      s1 += dz[d + i + 1] as number;
    }
    if (i < n) s0 += dz[d + i] as number;
    g[bOff + jj] = s0 + s1;
  }
}
