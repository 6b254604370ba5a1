import { GeoError, assertFinite } from '@geo/core';
import { paramCount } from './arch.js';
import type { MlpArch } from './arch.js';
import { createFusedMlp } from './fused.js';
import { checkProblem } from './validate.js';

/** A classifier's quality on a labelled set. */
export interface ClassifierScore {
  /** Fraction of points whose largest output (the first, on ties) is the label. */
  readonly accuracy: number;
  /** Points classified correctly. */
  readonly correct: number;
  /** Mean softmax cross-entropy. */
  readonly loss: number;
}

/** Scores any parameters of one architecture on one fixed labelled set, without reallocating. */
export interface ClassifierEvaluator {
  readonly arch: MlpArch;
  readonly n: number;
  /** Scores the network whose parameters start at params[pOff] (evaluation mode: no dropout). */
  score(params: Float64Array, pOff?: number): ClassifierScore;
}

/**
 * An evaluator of `arch` on `inputs` (n x in, point-major) with integer `labels` in
 * [0, out), on the fused engine. Validated once here; `score` is then cheap.
 *
 * @example
 * const ev = createClassifierEvaluator({ sizes: [64, 32, 32, 10], activation: 'relu' }, x, y);
 * ev.score(params).accuracy // e.g. 0.31
 */
export function createClassifierEvaluator(arch: MlpArch, inputs: ArrayLike<number>, labels: ArrayLike<number>): ClassifierEvaluator {
  const { n } = checkProblem(arch, new Float64Array(paramCount(arch)), inputs, labels, 'cross-entropy');
  const dOut = arch.sizes[arch.sizes.length - 1] as number;
  const engine = createFusedMlp(arch, inputs, 'cross-entropy');
  const targets = Float64Array.from(labels);
  const outputs = new Float64Array(dOut * n);
  const P = paramCount(arch);
  return {
    arch,
    n,
    score(params, pOff = 0) {
      if (!(params instanceof Float64Array) || !Number.isInteger(pOff) || pOff < 0 || params.length < pOff + P) {
        throw new GeoError('BAD_SHAPE', `params must be a Float64Array holding ${P} values from offset ${pOff}`, { argument: 'params', expected: pOff + P, actual: params?.length });
      }
      assertFinite(params.subarray(pOff, pOff + P), 'params');
      const loss = engine.lossOnly(params, pOff, targets, 0, outputs);
      let correct = 0;
      for (let i = 0; i < n; i++) {
        let best = 0;
        let max = outputs[i] as number;
        for (let j = 1; j < dOut; j++) {
          const y = outputs[j * n + i] as number;
          if (y > max) {
            max = y;
            best = j;
          }
        }
        if (best === targets[i]) correct++;
      }
      return { accuracy: correct / n, correct, loss };
    },
  };
}

/**
 * Accuracy (first largest output = label), correct count and cross-entropy of one network on a labelled set.
 *
 * @example
 * classifierScore({ sizes: [2, 3], activation: 'relu' }, params, [0, 1, 1, 0], [2, 0]).correct // 0, 1 or 2
 */
export function classifierScore(arch: MlpArch, params: ArrayLike<number>, inputs: ArrayLike<number>, labels: ArrayLike<number>): ClassifierScore {
  checkProblem(arch, params, inputs, labels, 'cross-entropy');
  return createClassifierEvaluator(arch, inputs, labels).score(Float64Array.from(params));
}
