// Every batched kernel equals its scalar op row by row (bit for bit), with broadcasting and in-place `out`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as P from '../src/index.js';
import { frame, point, tangent } from './helpers/arbitraries.js';

function stack(rows: readonly ArrayLike<number>[], d: number): Float64Array {
  const out = new Float64Array(rows.length * d);
  rows.forEach((r, i) => out.set(Array.from(r), i * d));
  return out;
}
const row = (a: Float64Array, i: number, d: number): Float64Array => a.slice(i * d, (i + 1) * d);

const batchFrame = () =>
  frame().chain(({ d, c }) =>
    fc.tuple(
      fc.constant({ d, c }),
      fc.array(fc.tuple(point(d, c, 1 - 1e-9), point(d, c, 1 - 1e-9), tangent(d, 3), fc.double({ min: -3, max: 3, noNaN: true })), { minLength: 1, maxLength: 5 }),
    ),
  );

describe('batched kernels equal the scalar ops', () => {
  it('for every op, row by row', () => {
    fc.assert(
      fc.property(batchFrame(), ([{ d, c }, rows]) => {
        const n = rows.length;
        const X = stack(rows.map((r) => r[0]), d);
        const Y = stack(rows.map((r) => r[1]), d);
        const V = stack(rows.map((r) => r[2]), d);
        const R = Float64Array.from(rows.map((r) => r[3]));
        const m = Float64Array.from({ length: d * d }, (_, i) => Math.sin(i + 1));
        const cf = P.conformalFactorBatch(X, d, c);
        const inn = P.innerBatch(X, V, Y, d, c);
        const add = P.mobiusAddBatch(X, Y, d, c);
        const sca = P.mobiusScalarBatch(R, X, d, c);
        const mv = P.mobiusMatvecBatch(m, d, d, X, c);
        const di = P.distBatch(X, Y, d, c);
        const ex = P.expmapBatch(X, V, d, c);
        const lg = P.logmapBatch(X, Y, d, c);
        const ex0 = P.expmap0Batch(V, d, c);
        const lg0 = P.logmap0Batch(Y, d, c);
        const tr = P.transpBatch(X, Y, V, d, c);
        const tr0 = P.transp0Batch(Y, V, d, c);
        const kl = P.poincareToKleinBatch(X, d, c);
        const pk = P.kleinToPoincareBatch(kl, d, c);
        const hy = P.poincareToHyperboloidBatch(X, d, c);
        const ph = P.hyperboloidToPoincareBatch(hy, d, c);
        const pr = P.projectBatch(V, d, c);
        const gy = P.gyrationBatch(X, Y, V, d, c);
        for (let i = 0; i < n; i++) {
          const x = row(X, i, d);
          const y = row(Y, i, d);
          const v = row(V, i, d);
          expect(cf[i]).toBe(P.conformalFactor(x, c));
          expect(inn[i]).toBe(P.inner(x, v, y, c));
          expect(row(add, i, d)).toEqual(P.mobiusAdd(x, y, c));
          expect(row(sca, i, d)).toEqual(P.mobiusScalar(R[i] as number, x, c));
          expect(row(mv, i, d)).toEqual(P.mobiusMatvec(m, d, d, x, c));
          expect(di[i]).toBe(P.dist(x, y, c));
          expect(row(ex, i, d)).toEqual(P.expmap(x, v, c));
          expect(row(lg, i, d)).toEqual(P.logmap(x, y, c));
          expect(row(ex0, i, d)).toEqual(P.expmap0(v, c));
          expect(row(lg0, i, d)).toEqual(P.logmap0(y, c));
          expect(row(tr, i, d)).toEqual(P.transp(x, y, v, c));
          expect(row(tr0, i, d)).toEqual(P.transp0(y, v, c));
          expect(row(kl, i, d)).toEqual(P.poincareToKlein(x, c));
          expect(row(pk, i, d)).toEqual(P.kleinToPoincare(row(kl, i, d), c));
          expect(row(hy, i, d + 1)).toEqual(P.poincareToHyperboloid(x, c));
          expect(row(ph, i, d)).toEqual(P.hyperboloidToPoincare(row(hy, i, d + 1), c));
          expect(row(pr, i, d)).toEqual(P.project(v, c));
          expect(row(gy, i, d)).toEqual(P.gyration(x, y, v, c));
        }
        expect(P.einsteinMidpointBatch(X, d, undefined, c)).toEqual(P.einsteinMidpoint(rows.map((r) => r[0]), undefined, c));
      }),
    );
  });

  it('broadcast a single row and write in place into `out`', () => {
    fc.assert(
      fc.property(batchFrame(), ([{ d, c }, rows]) => {
        const a = rows[0]?.[0] as Float64Array;
        const X = stack(rows.map((r) => r[1]), d);
        const V = stack(rows.map((r) => r[2]), d);
        const left = P.mobiusAddBatch(a, X, d, c);
        const dists = P.distBatch(X, a, d, c);
        for (let i = 0; i < rows.length; i++) {
          expect(row(left, i, d)).toEqual(P.mobiusAdd(a, row(X, i, d), c));
          expect(dists[i]).toBe(P.dist(row(X, i, d), a, c));
        }
        const expected = P.expmapBatch(X, V, d, c);
        const inPlace = Float64Array.from(X);
        expect(P.expmapBatch(inPlace, V, d, c, inPlace)).toBe(inPlace);
        expect(inPlace).toEqual(expected);
        const inPlaceV = Float64Array.from(V);
        P.expmapBatch(X, inPlaceV, d, c, inPlaceV);
        expect(inPlaceV).toEqual(expected);
      }),
    );
  });
});
