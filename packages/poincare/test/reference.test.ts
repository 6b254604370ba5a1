// Every case of GEO_REFERENCE_DIR/poincare (50-digit arithmetic) against the root face.
import { describe, expect, it } from 'vitest';
import { createRiemannianAdamState, riemannianAdamStep } from '../src/index.js';
import { evaluate, loadReference, poincareDir, relError } from './helpers/reference.js';
import { REF_REL_F64 } from './tolerances.js';

const available = poincareDir !== undefined;
if (!available) console.warn('GEO_REFERENCE_DIR is not set: skipping the poincare reference tests');

describe.skipIf(!available)('reference values (GEO_REFERENCE_DIR/poincare)', () => {
  const { cases, results } = available ? loadReference() : { cases: [], results: new Map() };
  const ops = [...new Set(cases.map((k) => k.op))].filter((op) => op !== 'radam_step');

  it('covers every op of the reference set', () => {
    expect(ops.length).toBe(17);
    expect(cases.length).toBe(1080);
  });

  for (const op of ops) {
    it(`${op}: every case within ${REF_REL_F64} relative (normwise), finite, inside the ball`, () => {
      const failures: string[] = [];
      let n = 0;
      for (const k of cases.filter((x) => x.op === op)) {
        const want = results.get(k.id);
        if (want === undefined) throw new Error(`no expected value for ${k.id}`);
        const got = evaluate(k);
        if (got === null) throw new Error(`op ${op} not evaluated`);
        n++;
        const values = typeof got === 'number' ? [got] : Array.from(got);
        if (!values.every(Number.isFinite)) failures.push(`${k.id}: not finite`);
        const e = relError(got, want.expected as number | number[]);
        if (!(e.rel <= REF_REL_F64)) failures.push(`${k.id}: rel ${e.rel.toExponential(2)} (saturated ${want.saturated}, tags ${k.tags.join(',')})`);
        // Point-valued results must stay strictly inside the ball even when the exact one rounds onto it.
        if (typeof got !== 'number' && !['inner', 'lambda_x', 'dist', 'logmap', 'logmap0', 'transp', 'transp0', 'gyration', 'poincare_to_hyperboloid'].includes(op)) {
          let s = 0;
          for (const v of got) s += v * v;
          if (!(k.c * s < 1)) failures.push(`${k.id}: result outside the ball (c|x|^2 = ${k.c * s})`);
        }
      }
      expect(n).toBe(60);
      expect(failures).toEqual([]);
    });
  }

  it('radam_step: new point, transported first moment and second moment match geoopt semantics exactly', () => {
    const failures: string[] = [];
    const radam = cases.filter((k) => k.op === 'radam_step');
    expect(radam.length).toBe(60);
    for (const k of radam) {
      const i = k.inputs as {
        x: number[];
        egrad: number[];
        exp_avg: number[];
        exp_avg_sq: number;
        step: number;
        lr: number;
        beta1: number;
        beta2: number;
        eps: number;
        retraction: 'expmap' | 'proj';
      };
      const want = results.get(k.id)?.expected as { x: number[]; exp_avg: number[]; exp_avg_sq: number };
      const state = createRiemannianAdamState(1, i.x.length);
      state.step = i.step;
      state.expAvg.set(i.exp_avg);
      state.expAvgSq[0] = i.exp_avg_sq;
      const x = riemannianAdamStep(state, i.x, i.egrad, { c: k.c, lr: i.lr, beta1: i.beta1, beta2: i.beta2, eps: i.eps, retraction: i.retraction });
      expect(state.step).toBe(i.step + 1);
      const ex = relError(x, want.x).rel;
      const ev = relError(state.expAvgSq[0] ?? NaN, want.exp_avg_sq).rel;
      const em = relError(state.expAvg, want.exp_avg).rel;
      if (!(ex <= REF_REL_F64 && ev <= REF_REL_F64 && em <= REF_REL_F64)) {
        failures.push(`${k.id} (${i.retraction}): x ${ex.toExponential(2)}, exp_avg ${em.toExponential(2)}, exp_avg_sq ${ev.toExponential(2)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
