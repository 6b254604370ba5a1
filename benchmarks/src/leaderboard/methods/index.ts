// Every leaderboard method, in report order: GTH-GMN, its ablations and its edge-message variant, then the baselines.
import { GeoError } from '@geo/core';
import type { Method } from '../method.js';
import { gthGmnMethod } from './gth-gmn.js';
import { statnnGbt, statnnMlp, statnnTemporal } from './statnn/index.js';
import { nfnNp } from './nfn-np/index.js';
import { gmn } from './gmn/index.js';

export { GTH_GMN_BUDGETS, gthGmnMethod, hasNodeEmbeddings, taskBudget } from './gth-gmn.js';
export { LEADERBOARD_METHOD_NAMES } from './names.js';
export type { FittedGthGmn, GthGmnBudget, NodeEmbeddings } from './gth-gmn.js';

/**
 * The registry: a fresh list of every method (fresh objects, so one run cannot leak state into another).
 *
 * @example
 * leaderboardMethods().map((m) => m.name) // ['gth-gmn', 'gth-gmn-static', ...]
 */
export function leaderboardMethods(): Method[] {
  return [
    gthGmnMethod('gth-gmn', 'GTH-GMN (hyperbolic graph attention, GRU-evolved kernels) over the trajectory\'s snapshots; readout (the paper leaves it open): the last snapshot\'s per-layer Einstein midpoints and spreads'),
    gthGmnMethod('gth-gmn-static', 'GTH-GMN ablation: the last snapshot only (snapshots: last)', { snapshots: 'last' }),
    gthGmnMethod('gth-gmn-euclidean', 'GTH-GMN ablation: the same architecture at c -> 0 (geometry: euclidean)', { geometry: 'euclidean' }),
    gthGmnMethod('gth-gmn-nogru', 'GTH-GMN ablation: fixed attention kernels over time (kernelEvolution: fixed)', { kernelEvolution: 'fixed' }),
    // A variant, not an ablation: the weights also move the messages (a deviation from the paper, where they only bias attention).
    gthGmnMethod('gth-gmn-edge', 'GTH-GMN variant (deviation): each message is its source moved by a learned map of the edge\'s weight attributes (edgeMessages: true)', { edgeMessages: true }),
    statnnGbt(),
    statnnMlp(),
    statnnTemporal(),
    nfnNp(),
    gmn(),
  ];
}

/**
 * Methods by name, in the order asked (GeoError NOT_FOUND listing the names otherwise).
 *
 * @example
 * selectMethods(['gth-gmn', 'statnn-gbt']).length // 2
 */
export function selectMethods(names?: readonly string[]): Method[] {
  const all = leaderboardMethods();
  if (names === undefined) return all;
  return names.map((n) => {
    const m = all.find((x) => x.name === n);
    if (m === undefined) throw new GeoError('NOT_FOUND', `unknown method "${n}" (known: ${all.map((x) => x.name).join(', ')})`, { argument: 'methods', actual: n });
    return m;
  });
}
