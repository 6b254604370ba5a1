// The disk maths of the viewer, as pure functions on plain numbers: points of the ball of
// curvature -c are scaled by √c to the unit disk, where the Möbius maps and geodesics are
// the classical ones (Beardon, "The Geometry of Discrete Groups", §7; Anderson,
// "Hyperbolic Geometry", ch. 4). Unit-tested against @geo/poincare.

/** A point of the plane (a complex number x + iy). */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Largest radius a point of the unit disk is drawn at, so maps stay finite. */
export const DISK_EDGE = 1 - 1e-9;

/** Below this |sin ∠(p, q)| the points p, q and the origin count as collinear (the geodesic is a straight segment). */
export const COLLINEAR_EPS = 1e-9;

/** A point this close to the centre makes the geodesic a straight segment (it bends by less than this). */
export const NEAR_ORIGIN = 1e-12;

/** √c z: a point of the ball of curvature -c in the unit disk. */
export function toUnitDisk(p: Point, c: number): Point {
  const s = Math.sqrt(c);
  return { x: s * p.x, y: s * p.y };
}

/** z/√c: back from the unit disk to the ball of curvature -c. */
export function fromUnitDisk(p: Point, c: number): Point {
  const s = Math.sqrt(c);
  return { x: p.x / s, y: p.y / s };
}

/**
 * Hyperbolic distance from the origin of a point of the ball of curvature -c:
 * d_c(0, z) = (2/√c) artanh(√c |z|) (infinite on or beyond the boundary).
 *
 * @example
 * hyperbolicRadius({ x: 0.5, y: 0 }, 1) // 1.0986… = ln 3
 */
export function hyperbolicRadius(p: Point, c: number): number {
  const s = Math.sqrt(c);
  const r = s * Math.hypot(p.x, p.y);
  return r >= 1 ? Infinity : (2 / s) * Math.atanh(r);
}

/**
 * An orientation-preserving isometry of the unit disk, w ↦ (α w + β)/(conj(β) w + conj(α))
 * with |α|² − |β|² = 1 (the group SU(1,1)); stored as α = (ar, ai), β = (br, bi).
 */
export interface DiskMap {
  readonly ar: number;
  readonly ai: number;
  readonly br: number;
  readonly bi: number;
}

/** The identity map of the disk. */
export const IDENTITY_MAP: DiskMap = { ar: 1, ai: 0, br: 0, bi: 0 };

/** Applies a disk map to a point of the unit disk. */
export function applyMap(m: DiskMap, w: Point): Point {
  // numerator α w + β, denominator conj(β) w + conj(α)
  const nr = m.ar * w.x - m.ai * w.y + m.br;
  const ni = m.ar * w.y + m.ai * w.x + m.bi;
  const dr = m.br * w.x + m.bi * w.y + m.ar;
  const di = m.br * w.y - m.bi * w.x - m.ai;
  const d2 = dr * dr + di * di;
  return { x: (nr * dr + ni * di) / d2, y: (ni * dr - nr * di) / d2 };
}

/**
 * The map that sends `a` (a point of the unit disk) to the centre: w ↦ (w − a)/(1 − conj(a) w).
 * In the ball of curvature -c this is z ↦ (−a) ⊕_c z after scaling by √c.
 */
export function recentreMap(a: Point): DiskMap {
  const r2 = a.x * a.x + a.y * a.y;
  const k = 1 / Math.sqrt(1 - Math.min(r2, DISK_EDGE * DISK_EDGE));
  return { ar: k, ai: 0, br: -k * a.x, bi: -k * a.y };
}

/** The composition `outer ∘ inner` (first inner, then outer), renormalised to |α|² − |β|² = 1. */
export function composeMaps(outer: DiskMap, inner: DiskMap): DiskMap {
  // [[α1, β1], [conj β1, conj α1]] · [[α2, β2], [conj β2, conj α2]]
  const ar = outer.ar * inner.ar - outer.ai * inner.ai + (outer.br * inner.br + outer.bi * inner.bi);
  const ai = outer.ar * inner.ai + outer.ai * inner.ar + (outer.bi * inner.br - outer.br * inner.bi);
  const br = outer.ar * inner.br - outer.ai * inner.bi + (outer.br * inner.ar + outer.bi * inner.ai);
  const bi = outer.ar * inner.bi + outer.ai * inner.br + (outer.bi * inner.ar - outer.br * inner.ai);
  const det = ar * ar + ai * ai - (br * br + bi * bi);
  const k = 1 / Math.sqrt(det);
  return { ar: ar * k, ai: ai * k, br: br * k, bi: bi * k };
}

/**
 * Möbius recentring in the ball of curvature -c: the point `a` goes to the origin,
 * z ↦ (−a) ⊕_c z = ((w − b)/(1 − conj(b) w))/√c with w = √c z, b = √c a.
 *
 * @example
 * recentre({ x: 0.3, y: 0.1 }, { x: 0.3, y: 0.1 }, 1) // { x: 0, y: 0 }
 */
export function recentre(z: Point, a: Point, c: number): Point {
  return fromUnitDisk(applyMap(recentreMap(toUnitDisk(a, c)), toUnitDisk(z, c)), c);
}

/** A geodesic of the unit disk between two points: a segment through the centre's diameter, or an arc of a circle orthogonal to the unit circle. */
export type Geodesic =
  | { readonly kind: 'line'; readonly from: Point; readonly to: Point }
  | {
      readonly kind: 'arc';
      readonly from: Point;
      readonly to: Point;
      readonly center: Point;
      readonly radius: number;
      /** True when the arc runs counter-clockwise (y up) from `from` to `to`. */
      readonly ccw: boolean;
    };

/**
 * The geodesic of the unit disk from p to q. When p, q and 0 are collinear (or one point is
 * within NEAR_ORIGIN of 0) it is the straight segment; otherwise it lies on the circle through p and q orthogonal to the unit
 * circle, whose centre o solves p·o = (|p|² + 1)/2, q·o = (|q|² + 1)/2 (orthogonality:
 * |o|² = r² + 1), and it is the shorter arc (less than half a turn) between them.
 *
 * @example
 * geodesic({ x: 0.5, y: 0 }, { x: 0, y: 0.5 }).kind // 'arc'
 */
export function geodesic(p: Point, q: Point): Geodesic {
  const rp = Math.hypot(p.x, p.y);
  const rq = Math.hypot(q.x, q.y);
  // A point within NEAR_ORIGIN of the centre: the geodesic is straight to within that distance.
  if (rp <= NEAR_ORIGIN || rq <= NEAR_ORIGIN) return { kind: 'line', from: p, to: q };
  // sine of the angle between p and q, from unit vectors so nothing underflows
  const sin = (p.x / rp) * (q.y / rq) - (p.y / rp) * (q.x / rq);
  if (Math.abs(sin) <= COLLINEAR_EPS) return { kind: 'line', from: p, to: q };
  const cross = p.x * q.y - p.y * q.x;
  const hp = (p.x * p.x + p.y * p.y + 1) / 2;
  const hq = (q.x * q.x + q.y * q.y + 1) / 2;
  const center = { x: (hp * q.y - hq * p.y) / cross, y: (p.x * hq - q.x * hp) / cross };
  const radius = Math.sqrt(Math.max(0, center.x * center.x + center.y * center.y - 1));
  const ccw = (p.x - center.x) * (q.y - center.y) - (p.y - center.y) * (q.x - center.x) > 0;
  return { kind: 'arc', from: p, to: q, center, radius, ccw };
}

/** The point at fraction t ∈ [0, 1] of the way along a geodesic (uniform in angle on an arc, in length on a line). */
export function geodesicPoint(g: Geodesic, t: number): Point {
  if (g.kind === 'line') return { x: g.from.x + t * (g.to.x - g.from.x), y: g.from.y + t * (g.to.y - g.from.y) };
  const a0 = Math.atan2(g.from.y - g.center.y, g.from.x - g.center.x);
  const a1 = Math.atan2(g.to.y - g.center.y, g.to.x - g.center.x);
  let sweep = a1 - a0;
  // the shorter way round, in the arc's own direction
  if (g.ccw && sweep < 0) sweep += 2 * Math.PI;
  if (!g.ccw && sweep > 0) sweep -= 2 * Math.PI;
  const a = a0 + t * sweep;
  return { x: g.center.x + g.radius * Math.cos(a), y: g.center.y + g.radius * Math.sin(a) };
}

/** A screen frame: the unit disk drawn as a circle of radius `r` pixels around (cx, cy), y pointing down. */
export interface Frame {
  readonly cx: number;
  readonly cy: number;
  readonly r: number;
}

/** Unit-disk point → screen pixel (y flipped). */
export function toScreen(p: Point, f: Frame): Point {
  return { x: f.cx + f.r * p.x, y: f.cy - f.r * p.y };
}

/** Screen pixel → unit-disk point. */
export function fromScreen(s: Point, f: Frame): Point {
  return { x: (s.x - f.cx) / f.r, y: (f.cy - s.y) / f.r };
}

function fmt(v: number): string {
  return (Math.round(v * 100) / 100).toString();
}

/**
 * SVG path data of a geodesic in a screen frame. An arc uses the SVG elliptical-arc command
 * with the large-arc flag 0 (the arc inside the disk is less than half a turn); the y flip
 * of the screen turns counter-clockwise into SVG's negative-angle direction (sweep flag 0).
 */
export function geodesicPath(g: Geodesic, f: Frame): string {
  const a = toScreen(g.from, f);
  const b = toScreen(g.to, f);
  if (g.kind === 'line' || g.radius * f.r > 1e5) return `M${fmt(a.x)} ${fmt(a.y)}L${fmt(b.x)} ${fmt(b.y)}`;
  const rr = fmt(g.radius * f.r);
  return `M${fmt(a.x)} ${fmt(a.y)}A${rr} ${rr} 0 0 ${g.ccw ? 0 : 1} ${fmt(b.x)} ${fmt(b.y)}`;
}
