// WebAssembly SIMD (f64x2) kernels of the fused SIREN trainer, in AssemblyScript.
// Built by scripts/build-wasm.ts into src/trainer/wasm/kernels-wasm.ts (base64).
// The same algorithms as src/trainer/kernels.ts and sincos.ts, two points per lane pair;
// plain mul + add (no relaxed FMA), so results are the same on every engine.
// Pointers are byte offsets into this module's memory; n is a multiple of 4.

/** First free byte after the module's own data. */
export function heapBase(): usize {
  return __heap_base;
}

/**
 * C[r, i] = bias[r] + sum_q A(r, q) B[q, i], A(r, q) = a[r * rs + q * cs] (f64 indices),
 * B p x n, C m x n row-major. hasBias = 0 skips the bias.
 */
export function panelForward(a: usize, rs: i32, cs: i32, m: i32, p: i32, b: usize, n: i32, c: usize, bias: usize, hasBias: i32): void {
  let r = 0;
  const rowBytes = <usize>n << 3;
  for (; r + 4 <= m; r += 4) {
    const z0 = hasBias ? f64x2.splat(load<f64>(bias + (<usize>r << 3))) : f64x2.splat(0);
    const z1 = hasBias ? f64x2.splat(load<f64>(bias + (<usize>(r + 1) << 3))) : f64x2.splat(0);
    const z2 = hasBias ? f64x2.splat(load<f64>(bias + (<usize>(r + 2) << 3))) : f64x2.splat(0);
    const z3 = hasBias ? f64x2.splat(load<f64>(bias + (<usize>(r + 3) << 3))) : f64x2.splat(0);
    const a0 = a + (<usize>(r * rs) << 3);
    const a1 = a0 + (<usize>rs << 3);
    const a2 = a1 + (<usize>rs << 3);
    const a3 = a2 + (<usize>rs << 3);
    const cStep = <usize>cs << 3;
    const o0 = c + <usize>r * rowBytes;
    for (let i = 0; i < n; i += 4) {
      let c00 = z0, c01 = z0, c10 = z1, c11 = z1, c20 = z2, c21 = z2, c30 = z3, c31 = z3;
      let bq = b + (<usize>i << 3);
      let aq: usize = 0;
      for (let q = 0; q < p; q++) {
        const b0 = v128.load(bq);
        const b1 = v128.load(bq, 16);
        const x0 = f64x2.splat(load<f64>(a0 + aq));
        const x1 = f64x2.splat(load<f64>(a1 + aq));
        const x2 = f64x2.splat(load<f64>(a2 + aq));
        const x3 = f64x2.splat(load<f64>(a3 + aq));
        c00 = f64x2.add(c00, f64x2.mul(x0, b0)); c01 = f64x2.add(c01, f64x2.mul(x0, b1));
        c10 = f64x2.add(c10, f64x2.mul(x1, b0)); c11 = f64x2.add(c11, f64x2.mul(x1, b1));
        c20 = f64x2.add(c20, f64x2.mul(x2, b0)); c21 = f64x2.add(c21, f64x2.mul(x2, b1));
        c30 = f64x2.add(c30, f64x2.mul(x3, b0)); c31 = f64x2.add(c31, f64x2.mul(x3, b1));
        bq += rowBytes;
        aq += cStep;
      }
      const o = o0 + (<usize>i << 3);
      v128.store(o, c00); v128.store(o, c01, 16);
      v128.store(o + rowBytes, c10); v128.store(o + rowBytes, c11, 16);
      v128.store(o + 2 * rowBytes, c20); v128.store(o + 2 * rowBytes, c21, 16);
      v128.store(o + 3 * rowBytes, c30); v128.store(o + 3 * rowBytes, c31, 16);
    }
  }
  for (; r < m; r++) {
    const z = hasBias ? f64x2.splat(load<f64>(bias + (<usize>r << 3))) : f64x2.splat(0);
    const ar = a + (<usize>(r * rs) << 3);
    const cStep = <usize>cs << 3;
    const o0 = c + <usize>r * rowBytes;
    for (let i = 0; i < n; i += 4) {
      let c0 = z, c1 = z;
      let bq = b + (<usize>i << 3);
      let aq: usize = 0;
      for (let q = 0; q < p; q++) {
        const x = f64x2.splat(load<f64>(ar + aq));
        c0 = f64x2.add(c0, f64x2.mul(x, v128.load(bq)));
        c1 = f64x2.add(c1, f64x2.mul(x, v128.load(bq, 16)));
        bq += rowBytes;
        aq += cStep;
      }
      const o = o0 + (<usize>i << 3);
      v128.store(o, c0);
      v128.store(o, c1, 16);
    }
  }
}

function hsum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/** g[wOff + j fanIn + k] = sum_i dz[j, i] h[k, i]; g[bOff + j] = sum_i dz[j, i] (wOff, bOff: byte addresses). */
export function panelGrad(dz: usize, h: usize, fanOut: i32, fanIn: i32, n: i32, gw: usize, gb: usize): void {
  const rowBytes = <usize>n << 3;
  const nBytes = rowBytes;
  let j = 0;
  for (; j + 4 <= fanOut; j += 4) {
    const d0 = dz + <usize>j * rowBytes;
    let k = 0;
    for (; k + 2 <= fanIn; k += 2) {
      const h0 = h + <usize>k * rowBytes;
      const h1 = h0 + rowBytes;
      let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c10 = f64x2.splat(0), c11 = f64x2.splat(0);
      let c20 = f64x2.splat(0), c21 = f64x2.splat(0), c30 = f64x2.splat(0), c31 = f64x2.splat(0);
      for (let o: usize = 0; o < nBytes; o += 16) {
        const y0 = v128.load(h0 + o);
        const y1 = v128.load(h1 + o);
        const x0 = v128.load(d0 + o);
        const x1 = v128.load(d0 + rowBytes + o);
        const x2 = v128.load(d0 + 2 * rowBytes + o);
        const x3 = v128.load(d0 + 3 * rowBytes + o);
        c00 = f64x2.add(c00, f64x2.mul(x0, y0)); c01 = f64x2.add(c01, f64x2.mul(x0, y1));
        c10 = f64x2.add(c10, f64x2.mul(x1, y0)); c11 = f64x2.add(c11, f64x2.mul(x1, y1));
        c20 = f64x2.add(c20, f64x2.mul(x2, y0)); c21 = f64x2.add(c21, f64x2.mul(x2, y1));
        c30 = f64x2.add(c30, f64x2.mul(x3, y0)); c31 = f64x2.add(c31, f64x2.mul(x3, y1));
      }
      const g = gw + (<usize>(j * fanIn + k) << 3);
      const gs = <usize>fanIn << 3;
      store<f64>(g, hsum(c00)); store<f64>(g + 8, hsum(c01));
      store<f64>(g + gs, hsum(c10)); store<f64>(g + gs + 8, hsum(c11));
      store<f64>(g + 2 * gs, hsum(c20)); store<f64>(g + 2 * gs + 8, hsum(c21));
      store<f64>(g + 3 * gs, hsum(c30)); store<f64>(g + 3 * gs + 8, hsum(c31));
    }
    for (; k < fanIn; k++) {
      const h0 = h + <usize>k * rowBytes;
      let c0 = f64x2.splat(0), c1 = f64x2.splat(0), c2 = f64x2.splat(0), c3 = f64x2.splat(0);
      for (let o: usize = 0; o < nBytes; o += 16) {
        const y = v128.load(h0 + o);
        c0 = f64x2.add(c0, f64x2.mul(v128.load(d0 + o), y));
        c1 = f64x2.add(c1, f64x2.mul(v128.load(d0 + rowBytes + o), y));
        c2 = f64x2.add(c2, f64x2.mul(v128.load(d0 + 2 * rowBytes + o), y));
        c3 = f64x2.add(c3, f64x2.mul(v128.load(d0 + 3 * rowBytes + o), y));
      }
      const g = gw + (<usize>(j * fanIn + k) << 3);
      const gs = <usize>fanIn << 3;
      store<f64>(g, hsum(c0)); store<f64>(g + gs, hsum(c1)); store<f64>(g + 2 * gs, hsum(c2)); store<f64>(g + 3 * gs, hsum(c3));
    }
  }
  for (; j < fanOut; j++) {
    const d0 = dz + <usize>j * rowBytes;
    for (let k = 0; k < fanIn; k++) {
      const h0 = h + <usize>k * rowBytes;
      let c0 = f64x2.splat(0), c1 = f64x2.splat(0);
      for (let o: usize = 0; o < nBytes; o += 32) {
        c0 = f64x2.add(c0, f64x2.mul(v128.load(d0 + o), v128.load(h0 + o)));
        c1 = f64x2.add(c1, f64x2.mul(v128.load(d0 + o, 16), v128.load(h0 + o, 16)));
      }
      store<f64>(gw + (<usize>(j * fanIn + k) << 3), hsum(f64x2.add(c0, c1)));
    }
  }
  for (let jj = 0; jj < fanOut; jj++) {
    const d0 = dz + <usize>jj * rowBytes;
    let s0 = f64x2.splat(0), s1 = f64x2.splat(0);
    for (let o: usize = 0; o < nBytes; o += 32) {
      s0 = f64x2.add(s0, v128.load(d0 + o));
      s1 = f64x2.add(s1, v128.load(d0 + o, 16));
    }
    store<f64>(gb + (<usize>jj << 3), hsum(f64x2.add(s0, s1)));
  }
}

/** a[i] *= b[i] for i < len (len even). */
export function mulInPlace(a: usize, b: usize, len: i32): void {
  const end = a + (<usize>len << 3);
  for (let p = a, q = b; p < end; p += 16, q += 16) v128.store(p, f64x2.mul(v128.load(p), v128.load(q)));
}

const INV_PIO2: f64 = 0.6366197723675814;
const PIO2_HI: f64 = 1.5707963267341256;
const PIO2_LO: f64 = 6.077100506506192e-11;
const ROUNDER: f64 = 6755399441055744.0;
const MAX_ARG: f64 = 1e6;

/** sinOut = sin(w z), cosOut = cosScale cos(w z), two lanes at a time; len even. Lanes beyond MAX_ARG use Math. */
export function sinCos(z: usize, w: f64, cosScale: f64, sinOut: usize, cosOut: usize, len: i32): void {
  const vw = f64x2.splat(w);
  const vmax = f64x2.splat(MAX_ARG);
  const one64 = i64x2.splat(1);
  const two64 = i64x2.splat(2);
  const vscale = f64x2.splat(cosScale);
  const bytes = <usize>len << 3;
  for (let o: usize = 0; o < bytes; o += 16) {
    const x = f64x2.mul(vw, v128.load(z + o));
    // One test for both lanes: |x| <= MAX_ARG is false for NaN too.
    if (!i64x2.all_true(f64x2.le(f64x2.abs(x), vmax))) {
      for (let l: usize = 0; l < 16; l += 8) {
        const xs = w * load<f64>(z + o + l);
        store<f64>(sinOut + o + l, Math.sin(xs));
        store<f64>(cosOut + o + l, cosScale * Math.cos(xs));
      }
      continue;
    }
    const kf = f64x2.add(f64x2.mul(x, f64x2.splat(INV_PIO2)), f64x2.splat(ROUNDER));
    const k = f64x2.sub(kf, f64x2.splat(ROUNDER));
    const r = f64x2.sub(f64x2.sub(x, f64x2.mul(k, f64x2.splat(PIO2_HI))), f64x2.mul(k, f64x2.splat(PIO2_LO)));
    const r2 = f64x2.mul(r, r);
    let ps = f64x2.add(f64x2.splat(-2.50507602534068634195e-8), f64x2.mul(r2, f64x2.splat(1.58969099521155010221e-10)));
    ps = f64x2.add(f64x2.splat(2.75573137070700676789e-6), f64x2.mul(r2, ps));
    ps = f64x2.add(f64x2.splat(-1.98412698298579493134e-4), f64x2.mul(r2, ps));
    ps = f64x2.add(f64x2.splat(8.33333333332248946124e-3), f64x2.mul(r2, ps));
    ps = f64x2.add(f64x2.splat(-1.66666666666666324348e-1), f64x2.mul(r2, ps));
    const s = f64x2.add(r, f64x2.mul(f64x2.mul(r, r2), ps));
    let pc = f64x2.add(f64x2.splat(2.08757232129817482790e-9), f64x2.mul(r2, f64x2.splat(-1.13596475577881948265e-11)));
    pc = f64x2.add(f64x2.splat(-2.75573143513906633035e-7), f64x2.mul(r2, pc));
    pc = f64x2.add(f64x2.splat(2.48015872894767294178e-5), f64x2.mul(r2, pc));
    pc = f64x2.add(f64x2.splat(-1.38888888888741095749e-3), f64x2.mul(r2, pc));
    pc = f64x2.add(f64x2.splat(4.16666666666666019037e-2), f64x2.mul(r2, pc));
    const c = f64x2.add(f64x2.sub(f64x2.splat(1), f64x2.mul(f64x2.splat(0.5), r2)), f64x2.mul(f64x2.mul(r2, r2), pc));
    // The low bits of kf's representation are k mod 4 (1.5 * 2^52 has zero low bits).
    const odd = i64x2.eq(v128.and(kf, one64), one64);
    const sv = v128.bitselect(c, s, odd);
    const cv = v128.bitselect(s, c, odd);
    const signS = i64x2.shl(v128.and(kf, two64), 62);
    const signC = i64x2.shl(v128.and(i64x2.add(kf, one64), two64), 62);
    v128.store(sinOut + o, v128.xor(sv, signS));
    v128.store(cosOut + o, f64x2.mul(vscale, v128.xor(cv, signC)));
  }
}

/** Mean squared error of (y + shift) against t over len values, writing dLoss/dy = 2 (y + shift - t) / len into dy. */
export function mse(y: usize, t: usize, len: i32, shift: f64, dy: usize): f64 {
  const vs = f64x2.splat(shift);
  const scale = f64x2.splat(2.0 / <f64>len);
  let acc0 = f64x2.splat(0), acc1 = f64x2.splat(0);
  const bytes = <usize>len << 3;
  for (let o: usize = 0; o < bytes; o += 32) {
    const r0 = f64x2.sub(f64x2.add(v128.load(y + o), vs), v128.load(t + o));
    const r1 = f64x2.sub(f64x2.add(v128.load(y + o, 16), vs), v128.load(t + o, 16));
    acc0 = f64x2.add(acc0, f64x2.mul(r0, r0));
    acc1 = f64x2.add(acc1, f64x2.mul(r1, r1));
    v128.store(dy + o, f64x2.mul(scale, r0));
    v128.store(dy + o, f64x2.mul(scale, r1), 16);
  }
  return hsum(f64x2.add(acc0, acc1)) / <f64>len;
}
