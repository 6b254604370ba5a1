// Batched typed-array kernels beside the tf face on the WASM backend: mobiusAdd, dist, expmap,
// logmap and einsteinMidpoint, n = 1e3..1e6 points of d = 2, 16, 64, reported as points/s and
// the typed-array / tf ratio. n * d is capped at 4e6 (32 MB per float64 operand) on shared machines.
import * as tf from '@tensorflow/tfjs-core';
import { Bench } from 'tinybench';
import { createRng } from '@geo/core';
import { initBackend } from '@geo/core/tf';
import { distBatch, einsteinMidpointBatch, expmapBatch, logmapBatch, mobiusAddBatch } from '../src/index.js';
import * as T from '../src/tf/index.js';

const NS = [1e3, 1e4, 1e5, 1e6];
const DS = [2, 16, 64];
const MAX_ENTRIES = 4e6;
const OPS = ['mobiusAdd', 'dist', 'expmap', 'logmap', 'einsteinMidpoint'] as const;

/** n points of dimension d uniformly spread in radius inside the unit ball (c = 1), seeded. */
function points(n: number, d: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const x = rng.fillNormal(new Float64Array(n * d));
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += (x[i * d + j] as number) ** 2;
    const f = (0.9 * rng.uniform()) / Math.sqrt(s);
    for (let j = 0; j < d; j++) x[i * d + j] = (x[i * d + j] as number) * f;
  }
  return x;
}

export default async function () {
  await initBackend({ order: ['wasm'] });
  const c = 1;
  const sizes = DS.flatMap((d) => NS.filter((n) => n * d <= MAX_ENTRIES).map((n) => ({ n, d })));
  const bench = new Bench({ name: `Poincaré ball batched ops, typed arrays vs tf (${tf.getBackend()})`, time: 400, warmupTime: 100, iterations: 5 });
  let sink = 0;
  for (const { n, d } of sizes) {
    const x = points(n, d, 1);
    const y = points(n, d, 2);
    const v = points(n, d, 3);
    const out = new Float64Array(n * d);
    const outN = new Float64Array(n);
    const X = tf.tensor2d(Float32Array.from(x), [n, d]);
    const Y = tf.tensor2d(Float32Array.from(y), [n, d]);
    const V = tf.tensor2d(Float32Array.from(v), [n, d]);
    const tag = `n=${n} d=${d}`;
    const tfTask = (f: () => tf.Tensor) => () => {
      const r = f();
      sink += r.dataSync()[0] as number;
      r.dispose();
    };
    bench
      .add(`mobiusAdd typed ${tag}`, () => {
        sink += mobiusAddBatch(x, y, d, c, out)[0] as number;
      })
      .add(`mobiusAdd tf ${tag}`, tfTask(() => T.mobiusAdd(X, Y, c)))
      .add(`dist typed ${tag}`, () => {
        sink += distBatch(x, y, d, c, outN)[0] as number;
      })
      .add(`dist tf ${tag}`, tfTask(() => T.dist(X, Y, c)))
      .add(`expmap typed ${tag}`, () => {
        sink += expmapBatch(x, v, d, c, out)[0] as number;
      })
      .add(`expmap tf ${tag}`, tfTask(() => T.expmap(X, V, c)))
      .add(`logmap typed ${tag}`, () => {
        sink += logmapBatch(x, y, d, c, out)[0] as number;
      })
      .add(`logmap tf ${tag}`, tfTask(() => T.logmap(X, Y, c)))
      .add(`einsteinMidpoint typed ${tag}`, () => {
        sink += einsteinMidpointBatch(x, d, undefined, c)[0] as number;
      })
      .add(`einsteinMidpoint tf ${tag}`, tfTask(() => T.einsteinMidpoint(X, undefined, c)));
  }
  return {
    benches: [bench],
    figures: () => {
      const figures: Record<string, number> = {};
      const pps = (name: string, n: number): number => {
        const r = bench.getTask(name)?.result;
        return r !== undefined && 'latency' in r ? (n * 1000) / r.latency.mean : Number.NaN;
      };
      for (const { n, d } of sizes) {
        for (const op of OPS) {
          const typed = pps(`${op} typed n=${n} d=${d}`, n);
          const viaTf = pps(`${op} tf n=${n} d=${d}`, n);
          figures[`${op}_typed_points_per_s_n${n}_d${d}`] = typed;
          figures[`${op}_tf_points_per_s_n${n}_d${d}`] = viaTf;
          figures[`${op}_typed_over_tf_n${n}_d${d}`] = typed / viaTf;
        }
      }
      if (Number.isNaN(sink)) figures['sink'] = sink; // keeps every result observable
      return figures;
    },
  };
}
