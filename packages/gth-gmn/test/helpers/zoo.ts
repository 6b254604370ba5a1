// A tiny zoo of sine SIREN trajectories for the tests: each model starts from `initSiren`
// and takes a few plain gradient steps on a sin(b x) (1-D input), a snapshot after each.
import { createRng } from '@geo/core';
import { initSiren, trajectoryFromSnapshots } from '@geo/param-graph';
import type { Mlp, Trajectory } from '@geo/param-graph';

/** One full-batch gradient step of the MSE of a 1-h-h-1 sine network on (xs, ys), in place. */
function sgdStep(m: Mlp, xs: Float64Array, ys: Float64Array, lr: number): void {
  const [w0, w1, w2] = m.weights as Float64Array[];
  const [b0, b1, b2] = m.biases as Float64Array[];
  const h = m.sizes[1] as number;
  const gw0 = new Float64Array(w0!.length), gw1 = new Float64Array(w1!.length), gw2 = new Float64Array(w2!.length);
  const gb0 = new Float64Array(b0!.length), gb1 = new Float64Array(b1!.length), gb2 = new Float64Array(b2!.length);
  const a1 = new Float64Array(h), z1 = new Float64Array(h), a2 = new Float64Array(h), z2 = new Float64Array(h), d1 = new Float64Array(h), d2 = new Float64Array(h);
  for (let s = 0; s < xs.length; s++) {
    const x = xs[s] as number;
    for (let i = 0; i < h; i++) { z1[i] = w0![i]! * x + b0![i]!; a1[i] = Math.sin(z1[i]!); }
    for (let i = 0; i < h; i++) { let z = b1![i]!; for (let j = 0; j < h; j++) z += w1![i * h + j]! * a1[j]!; z2[i] = z; a2[i] = Math.sin(z); }
    let y = b2![0]!;
    for (let j = 0; j < h; j++) y += w2![j]! * a2[j]!;
    const dy = (2 * (y - ys[s]!)) / xs.length;
    gb2[0] = gb2[0]! + dy;
    for (let j = 0; j < h; j++) { gw2[j] = gw2[j]! + dy * a2[j]!; d2[j] = dy * w2![j]! * Math.cos(z2[j]!); }
    for (let j = 0; j < h; j++) { let g = 0; for (let i = 0; i < h; i++) g += d2[i]! * w1![i * h + j]!; d1[j] = g * Math.cos(z1[j]!); }
    for (let i = 0; i < h; i++) { gb1[i] = gb1[i]! + d2[i]!; for (let j = 0; j < h; j++) gw1[i * h + j] = gw1[i * h + j]! + d2[i]! * a1[j]!; }
    for (let i = 0; i < h; i++) { gb0[i] = gb0[i]! + d1[i]!; gw0[i] = gw0[i]! + d1[i]! * x; }
  }
  const upd = (p: Float64Array, g: Float64Array): void => { for (let i = 0; i < p.length; i++) p[i] = p[i]! - lr * g[i]!; };
  upd(w0!, gw0); upd(w1!, gw1); upd(w2!, gw2); upd(b0!, gb0); upd(b1!, gb1); upd(b2!, gb2);
}

function copyMlp(m: Mlp): Mlp {
  return { sizes: [...m.sizes], activation: m.activation, weights: m.weights.map((w) => Float64Array.from(w)), biases: m.biases.map((b) => Float64Array.from(b)) };
}

/**
 * `count` trajectories of 1-hidden-hidden-1 sine SIRENs (omega_0 = 3) fitted to a sin(b x)
 * for `snapshots - 1` steps of SGD; labels: class = (b > median) as 0/1 and a, b.
 */
export function sineZoo(count: number, options: { hidden?: number; snapshots?: number; seed?: number } = {}): { trajectories: Trajectory[]; classes: number[]; amplitude: number[] } {
  const h = options.hidden ?? 8;
  const T = options.snapshots ?? 4;
  const rng = createRng(options.seed ?? 1).derive('sine-zoo');
  const xs = Float64Array.from({ length: 16 }, (_, i) => -1 + (2 * i) / 15);
  const trajectories: Trajectory[] = [];
  const classes: number[] = [];
  const amplitude: number[] = [];
  for (let k = 0; k < count; k++) {
    const a = 0.5 + rng.uniform();
    const cls = k % 2;
    const b = cls === 0 ? 1 + rng.uniform() : 3 + rng.uniform();
    const ys = xs.map((x) => a * Math.sin(b * x));
    let m = initSiren([1, h, h, 1], { seed: 1000 + k + (options.seed ?? 1) * 7919, omega0: 3 });
    const snaps: Mlp[] = [copyMlp(m)];
    for (let t = 1; t < T; t++) {
      m = copyMlp(m);
      sgdStep(m, xs, ys, 0.05);
      snaps.push(copyMlp(m));
    }
    trajectories.push(trajectoryFromSnapshots(snaps, snaps.map((_, t) => t), { labels: { a, b, class: cls } }));
    classes.push(cls);
    amplitude.push(a);
  }
  return { trajectories, classes, amplitude };
}
