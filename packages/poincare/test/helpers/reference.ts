// Loads the 50-digit reference cases from GEO_REFERENCE_DIR/poincare and runs each through
// the root face, returning the worst error per case for the tests to judge.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  conformalFactor,
  dist,
  einsteinMidpoint,
  expmap,
  expmap0,
  gyration,
  hyperboloidToPoincare,
  inner,
  kleinToPoincare,
  logmap,
  logmap0,
  mobiusAdd,
  mobiusScalar,
  poincareToHyperboloid,
  poincareToKlein,
  transp,
  transp0,
} from '../../src/index.js';

export interface RefCase {
  readonly id: string;
  readonly op: string;
  readonly c: number;
  readonly inputs: Record<string, unknown>;
  readonly tags: readonly string[];
}
export interface RefResult {
  readonly id: string;
  readonly op: string;
  readonly expected: unknown;
  readonly saturated: boolean;
  readonly boundary_gap?: string;
}

export const referenceDir = process.env['GEO_REFERENCE_DIR'];
export const poincareDir = referenceDir === undefined ? undefined : join(referenceDir, 'poincare');

export function loadReference(): { cases: RefCase[]; results: Map<string, RefResult> } {
  if (poincareDir === undefined || !existsSync(join(poincareDir, 'cases.json'))) throw new Error('GEO_REFERENCE_DIR/poincare is missing');
  const cases = (JSON.parse(readFileSync(join(poincareDir, 'cases.json'), 'utf8')) as { cases: RefCase[] }).cases;
  const results = (JSON.parse(readFileSync(join(poincareDir, 'expected.json'), 'utf8')) as { results: RefResult[] }).results;
  return { cases, results: new Map(results.map((r) => [r.id, r])) };
}

type V = number[];
const v = (x: unknown): V => x as V;

/** Our value for one reference case (a number, a vector, or the radam_step record). */
export function evaluate(k: RefCase): number | Float64Array | null {
  const i = k.inputs;
  const c = k.c;
  switch (k.op) {
    case 'lambda_x':
      return conformalFactor(v(i['x']), c);
    case 'inner':
      return inner(v(i['x']), v(i['u']), v(i['v']), c);
    case 'mobius_add':
      return mobiusAdd(v(i['x']), v(i['y']), c);
    case 'mobius_scalar':
      return mobiusScalar(i['r'] as number, v(i['x']), c);
    case 'dist':
      return dist(v(i['x']), v(i['y']), c);
    case 'expmap':
      return expmap(v(i['x']), v(i['v']), c);
    case 'logmap':
      return logmap(v(i['x']), v(i['y']), c);
    case 'expmap0':
      return expmap0(v(i['v']), c);
    case 'logmap0':
      return logmap0(v(i['y']), c);
    case 'gyration':
      return gyration(v(i['a']), v(i['b']), v(i['w']), c);
    case 'transp':
      return transp(v(i['x']), v(i['y']), v(i['v']), c);
    case 'transp0':
      return transp0(v(i['y']), v(i['v']), c);
    case 'poincare_to_klein':
      return poincareToKlein(v(i['x']), c);
    case 'klein_to_poincare':
      return kleinToPoincare(v(i['k']), c);
    case 'poincare_to_hyperboloid':
      return poincareToHyperboloid(v(i['x']), c);
    case 'hyperboloid_to_poincare':
      return hyperboloidToPoincare(v(i['h']), c);
    case 'einstein_midpoint':
      return einsteinMidpoint(i['points'] as V[], i['weights'] as V | undefined, c);
    default:
      return null;
  }
}

function norm(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] as number));
  if (m === 0) return 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += ((a[i] as number) / m) ** 2;
  return m * Math.sqrt(s);
}

/** Normwise relative error |got - want| / |want| (absolute when want = 0), and |want|. */
export function relError(got: number | ArrayLike<number>, want: number | ArrayLike<number>): { rel: number; abs: number; scale: number } {
  const g = typeof got === 'number' ? [got] : got;
  const w = typeof want === 'number' ? [want] : want;
  if (g.length !== w.length) return { rel: Infinity, abs: Infinity, scale: 0 };
  const diff = new Float64Array(g.length);
  for (let i = 0; i < g.length; i++) diff[i] = (g[i] as number) - (w[i] as number);
  const abs = norm(diff);
  const scale = norm(w);
  return { rel: scale === 0 ? abs : abs / scale, abs, scale };
}
