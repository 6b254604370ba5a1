// One Householder reflector H = I - tau v v^T (v[0] = 1) that maps x to (beta, 0, ..., 0).

/** Sums below this (or not finite) are recomputed with scaling, so tiny or huge entries neither underflow nor overflow. */
const SAFE_MIN_SQ = 1e-280;
const SAFE_MAX_SQ = 1e280;

/**
 * Overwrites x[off], x[off + stride], ... (len entries) with beta and the tail of v, and
 * returns tau (0 when x is already (alpha, 0, ..., 0): H = I). Same convention as LAPACK's
 * dlarfg: beta = -sign(alpha) ||x||, tau = (beta - alpha) / beta, v = x / (alpha - beta).
 */
export function householder(x: Float64Array, off: number, len: number, stride: number): number {
  if (len <= 1) return 0;
  let ss = 0;
  for (let i = 1; i < len; i++) {
    const v = x[off + i * stride] as number;
    ss += v * v;
  }
  let scale = 1;
  if (!(ss > SAFE_MIN_SQ && ss < SAFE_MAX_SQ)) {
    let big = 0;
    for (let i = 0; i < len; i++) big = Math.max(big, Math.abs(x[off + i * stride] as number));
    if (big === 0) return 0;
    scale = big;
    ss = 0;
    for (let i = 1; i < len; i++) {
      const v = (x[off + i * stride] as number) / scale;
      ss += v * v;
    }
  }
  if (ss === 0) return 0;
  const alpha = (x[off] as number) / scale;
  const norm = Math.sqrt(alpha * alpha + ss);
  const beta = alpha >= 0 ? -norm : norm;
  const tau = (beta - alpha) / beta;
  const f = 1 / ((alpha - beta) * scale);
  for (let i = 1; i < len; i++) x[off + i * stride] = (x[off + i * stride] as number) * f;
  x[off] = beta * scale;
  return tau;
}
