// Hand-built zoos for the baselines' tests and benchmarks: small MLPs whose class sets a weight
// statistic, and random SIREN INRs.
import { createRng } from '@geo/core';
import type { Mlp, Trajectory } from '@geo/param-graph';
import { initSiren, trajectoryFromSnapshots } from '@geo/param-graph';
import type { MetaDataset } from '../../method.js';

/** A random MLP with Gaussian weights (std `scale[l]` per layer) and biases (mean `biasShift`). */
export function randomMlp(sizes: readonly number[], seed: number, options: { readonly scale?: readonly number[]; readonly biasShift?: number } = {}): Mlp {
  const rng = createRng(seed);
  const L = sizes.length - 1;
  const weights: Float64Array[] = [];
  const biases: Float64Array[] = [];
  for (let l = 0; l < L; l++) {
    const s = options.scale?.[l] ?? 1 / Math.sqrt(sizes[l] as number);
    weights.push(rng.derive('w', l).fillNormal(new Float64Array((sizes[l] as number) * (sizes[l + 1] as number)), 0, s));
    biases.push(rng.derive('b', l).fillNormal(new Float64Array(sizes[l + 1] as number), options.biasShift ?? 0, 0.1));
  }
  return { sizes: [...sizes], activation: 'relu', weights, biases };
}

/** A two-snapshot trajectory ending at `mlp` (the first snapshot is noise: the baselines read the last). */
export function trajectoryOf(mlp: Mlp, seed: number, labels: Record<string, unknown> = {}): Trajectory {
  const start = randomMlp(mlp.sizes, seed + 1_000_000);
  return trajectoryFromSnapshots([start, mlp], [0, 10], { seed, labels });
}

/**
 * n models in 3 classes: class 0 plain, class 1 with its first layer's weights 2.5x larger,
 * class 2 with its hidden biases shifted by +0.6. Hidden widths alternate between `widths`.
 */
export function syntheticZoo(n: number, seed: number, widths: readonly number[] = [6, 8]): MetaDataset {
  const trajectories: Trajectory[] = [];
  const targets = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    const h = widths[Math.floor(i / 3) % widths.length] as number;
    const sizes = [2, h, h, 1];
    const base = [1 / Math.SQRT2, 1 / Math.sqrt(h), 1 / Math.sqrt(h)];
    const scale = c === 1 ? [2.5 * (base[0] as number), base[1] as number, base[2] as number] : base;
    const mlp = randomMlp(sizes, seed * 10_000 + i, { scale, biasShift: c === 2 ? 0.6 : 0 });
    trajectories.push(trajectoryOf(mlp, seed * 10_000 + i, { class: c }));
    targets[i] = c;
  }
  return { trajectories, targets };
}

/** Regression targets from the same zoo: (first-layer weight std, mean hidden bias) per model. */
export function regressionTargets(data: MetaDataset): Float64Array {
  const out = new Float64Array(data.trajectories.length * 2);
  data.trajectories.forEach((t, i) => {
    const T = t.steps.length;
    const n0 = (t.sizes[0] as number) * (t.sizes[1] as number);
    const w = t.weights[0]?.subarray((T - 1) * n0, T * n0) ?? new Float64Array(0);
    let s2 = 0;
    for (const x of w) s2 += x * x;
    const nb = t.sizes[1] as number;
    const b = t.biases[0]?.subarray((T - 1) * nb, T * nb) ?? new Float64Array(0);
    let sb = 0;
    for (const x of b) sb += x;
    out[2 * i] = Math.sqrt(s2 / w.length);
    out[2 * i + 1] = sb / b.length;
  });
  return out;
}

/**
 * n random SIREN INRs of `sizes` (initSiren, seeds `seed * 100000 + i`), each a two-snapshot
 * trajectory (init, then the init with small noise), labelled `i mod classes`: a throughput
 * workload, not a learnable task.
 *
 * @example
 * const zoo = randomSirenZoo(256, 0, [2, 32, 32, 1], 10);
 */
export function randomSirenZoo(n: number, seed: number, sizes: readonly number[] = [2, 32, 32, 1], classes = 10): MetaDataset {
  const trajectories: Trajectory[] = [];
  const targets = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = seed * 100_000 + i;
    const start = initSiren(sizes, { seed: s });
    const rng = createRng(s).derive('drift');
    const end: Mlp = {
      ...start,
      weights: start.weights.map((w, l) => {
        const noise = rng.derive('w', l);
        return Float64Array.from(w, (x) => x + 0.01 * noise.normal());
      }),
      biases: start.biases.map((b) => b.slice()),
    };
    targets[i] = i % classes;
    trajectories.push(trajectoryFromSnapshots([start, end], [0, 100], { seed: s, labels: { class: i % classes } }));
  }
  return { trajectories, targets };
}
