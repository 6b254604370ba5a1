// The registry's method names without loading any method (the CLI's help stays fast); a test
// checks it equals `leaderboardMethods()`.

/** Every leaderboard method id, in report order. */
export const LEADERBOARD_METHOD_NAMES: readonly string[] = Object.freeze([
  'gth-gmn',
  'gth-gmn-static',
  'gth-gmn-euclidean',
  'gth-gmn-nogru',
  'gth-gmn-edge',
  'statnn-gbt',
  'statnn-mlp',
  'statnn-temporal',
  'nfn-np',
  'gmn',
]);
