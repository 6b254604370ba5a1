// PHATE at n = 10000 (nLandmark = 2000): one timed run, wall time and peak memory (see phate-run.ts).
import { phateBench } from './phate-run.js';

export default async function () {
  return phateBench(10000);
}
