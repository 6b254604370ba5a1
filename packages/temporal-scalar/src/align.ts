import { assertInteger } from '@geo/core';
import { linearAssignment } from '@geo/core';
import { assertSameArchitecture, permuteHiddenUnits, validateMlpWeights } from './mlp-weights.js';
import type { MlpWeights } from './mlp-weights.js';

/** Options of `alignHiddenUnits`. */
export interface AlignOptions {
  /** Coordinate-descent rounds over the hidden layers after the forward pass (default 20; 1 hidden layer needs none). */
  readonly maxRounds?: number;
}

/** Result of `alignHiddenUnits`. */
export interface Alignment {
  /** The permuted network (same function as the input). */
  readonly aligned: MlpWeights;
  /** One permutation per hidden layer: aligned neuron i is input neuron perms[h][i]. */
  readonly perms: readonly Int32Array[];
  /** Coordinate-descent rounds used. */
  readonly rounds: number;
}

/**
 * Relabels the hidden neurons of `mlp` to match `reference` (same sizes): the permutations
 * maximise sum_l <W_l, W_l^ref> + <b_l, b_l^ref>, i.e. minimise the parameter (and signed
 * adjacency Frobenius) distance to the reference, by weight matching:
 *
 * 1. a forward pass sets each hidden layer's permutation from its incoming weights and bias
 *    (the previous layer already aligned) by a linear assignment;
 * 2. coordinate descent then re-solves each layer's assignment with incoming and outgoing
 *    weights until no permutation changes.
 *
 * With one hidden layer step 1 is exact (a single assignment problem, the global optimum).
 * Both steps only look at the networks' values, never at their labels, so the aligned
 * network does not depend on how `mlp`'s hidden neurons were labelled when the optimum is
 * unique (generic for real-valued weights).
 *
 * @example
 * const { aligned } = alignHiddenUnits(permuteHiddenUnits(net, perms), net); // recovers net
 */
export function alignHiddenUnits(mlp: MlpWeights, reference: MlpWeights, options: AlignOptions = {}): Alignment {
  validateMlpWeights(mlp, 'mlp');
  validateMlpWeights(reference, 'reference');
  assertSameArchitecture(reference, mlp, 'reference', 'mlp');
  const maxRounds = options.maxRounds ?? 20;
  assertInteger(maxRounds, 'options.maxRounds', { min: 0 });
  const sizes = mlp.sizes;
  const L = sizes.length - 1;
  const H = L - 1;
  const perms: Int32Array[] = [];
  for (let h = 0; h < H; h++) perms.push(Int32Array.from({ length: sizes[h + 1] as number }, (_, i) => i));
  if (H === 0) return { aligned: permuteHiddenUnits(mlp, []), perms, rounds: 0 };

  // Similarity between mlp's neuron i (source label) and reference neuron j in hidden layer h.
  const similarity = (h: number, withOutgoing: boolean): Float64Array => {
    const n = sizes[h + 1] as number;
    const nIn = sizes[h] as number;
    const s = new Float64Array(n * n);
    const w = mlp.weights[h] as ArrayLike<number>;
    const wr = reference.weights[h] as ArrayLike<number>;
    const b = mlp.biases[h] as ArrayLike<number>;
    const br = reference.biases[h] as ArrayLike<number>;
    const inPerm = h > 0 ? (perms[h - 1] as Int32Array) : undefined;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let acc = (b[i] as number) * (br[j] as number);
        for (let k = 0; k < nIn; k++) {
          // Reference input k corresponds to mlp input inPerm[k].
          const sk = inPerm ? (inPerm[k] as number) : k;
          acc += (w[i * nIn + sk] as number) * (wr[j * nIn + k] as number);
        }
        s[i * n + j] = acc;
      }
    }
    if (withOutgoing) {
      const nOut = sizes[h + 2] as number;
      const w2 = mlp.weights[h + 1] as ArrayLike<number>;
      const w2r = reference.weights[h + 1] as ArrayLike<number>;
      const outPerm = h + 1 < H ? (perms[h + 1] as Int32Array) : undefined;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let acc = 0;
          for (let r = 0; r < nOut; r++) {
            const sr = outPerm ? (outPerm[r] as number) : r;
            acc += (w2[sr * n + i] as number) * (w2r[r * n + j] as number);
          }
          s[i * n + j] = (s[i * n + j] as number) + acc;
        }
      }
    }
    return s;
  };

  // perms[h][j] = the mlp neuron placed at reference position j: assign reference j <- mlp i.
  const solve = (h: number, withOutgoing: boolean): boolean => {
    const n = sizes[h + 1] as number;
    const s = similarity(h, withOutgoing);
    const cost = new Float64Array(n * n);
    // Rows: reference positions j; columns: mlp neurons i. Maximise similarity.
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) cost[j * n + i] = -(s[i * n + j] as number);
    const p = linearAssignment(cost, n).rowToCol;
    const old = perms[h] as Int32Array;
    let changed = false;
    for (let j = 0; j < n; j++) if (p[j] !== old[j]) changed = true;
    perms[h] = p;
    return changed;
  };

  for (let h = 0; h < H; h++) solve(h, false);
  let rounds = 0;
  if (H > 1) {
    // The last hidden layer sees the (unpermuted) outputs; re-solve all with both sides.
    for (; rounds < maxRounds; rounds++) {
      let changed = false;
      for (let h = 0; h < H; h++) changed = solve(h, true) || changed;
      if (!changed) break;
    }
  } else {
    solve(0, true);
  }
  return { aligned: permuteHiddenUnits(mlp, perms), perms, rounds };
}
