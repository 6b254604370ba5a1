import { assertInRange, assertInteger } from '@geo/core';
import { isOperator } from './diffusion-operator.js';
import type { DiffusionOperator } from './diffusion-operator.js';
import { toSquare } from './input.js';
import type { SquareInput } from './input.js';
import { powerOf } from './matrix-power.js';

/** PHATE's offset inside the log potential, so rows with vanished transitions stay finite. */
export const POTENTIAL_LOG_OFFSET = 1e-7;

/** Internal: the potential U of P^t (row-major n x n), for gamma in [-1, 1]. */
export function potentialOf(Pt: Float64Array, gamma: number, out: Float64Array = new Float64Array(Pt.length)): Float64Array {
  if (gamma === 1) {
    for (let i = 0; i < Pt.length; i++) out[i] = -Math.log((Pt[i] as number) + POTENTIAL_LOG_OFFSET);
  } else {
    const c = (1 - gamma) / 2;
    for (let i = 0; i < Pt.length; i++) out[i] = Math.pow(Math.max(Pt[i] as number, 0), c) / c;
  }
  return out;
}

/** Internal: Euclidean distances between the rows of U (rows x cols), n x n. */
export function rowDistances(U: Float64Array, rows: number, cols: number): Float64Array {
  const D = new Float64Array(rows * rows);
  for (let i = 0; i < rows; i++) {
    for (let j = i + 1; j < rows; j++) {
      let s = 0;
      const oi = i * cols;
      const oj = j * cols;
      for (let c = 0; c < cols; c++) {
        const d = (U[oi + c] as number) - (U[oj + c] as number);
        s += d * d;
      }
      const v = Math.sqrt(s);
      D[i * rows + j] = v;
      D[j * rows + i] = v;
    }
  }
  return D;
}

export interface PotentialOptions {
  /** Diffusion time, a positive integer. */
  readonly t: number;
  /** PHATE's gamma in [-1, 1] (default 1: the log potential -log(P^t + 1e-7)). */
  readonly gamma?: number;
}

/**
 * PHATE's potential distances (Moon et al. 2019): U = -log(P^t + 1e-7) for gamma = 1, or
 * (P^t)^c / c with c = (1 - gamma) / 2 otherwise (gamma = -1 gives P^t itself, gamma = 0 the
 * square root); the distance between i and j is the Euclidean distance between rows U_i, U_j.
 * Returns the n x n distances and the potential.
 *
 * @example
 * const { distances } = potentialDistances(diffusionOperator(K), { t: 10 });
 */
export function potentialDistances(P: DiffusionOperator | SquareInput, options: PotentialOptions): { distances: Float64Array; potential: Float64Array } {
  // Only P^t is needed, so a bare P need not be reversible.
  const op = isOperator(P) ? P : (({ data, n }) => ({ P: data, n }))(toSquare(P, 'P'));
  const t = options?.t;
  assertInteger(t, 'options.t', { min: 1 });
  const gamma = options.gamma ?? 1;
  assertInRange(gamma, 'options.gamma', { min: -1, max: 1 });
  const Pt = powerOf(op.P, op.n, t);
  const potential = potentialOf(Pt, gamma, Pt);
  return { distances: rowDistances(potential, op.n, op.n), potential };
}
