// Runs before every test file: fast-check gets one fixed, printed seed so any failure replays.
import fc from 'fast-check';

/** The default seed; override with FC_SEED=<int> to explore, or to replay a reported failure. */
export const DEFAULT_FC_SEED = 20261124;

const seed = process.env['FC_SEED'] !== undefined ? Number.parseInt(process.env['FC_SEED'], 10) : DEFAULT_FC_SEED;
const numRuns = process.env['FC_NUM_RUNS'] !== undefined ? Number.parseInt(process.env['FC_NUM_RUNS'], 10) : 100;

// fast-check prints `seed` and `path` in every failure report; the summary reporter repeats the seed.
fc.configureGlobal({ seed, numRuns });
