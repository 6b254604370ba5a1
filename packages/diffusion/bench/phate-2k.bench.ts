// PHATE at n = 2000 (nLandmark = 2000): one timed run, wall time and peak memory (see phate-run.ts).
import { phateBench } from './phate-run.js';

export default async function () {
  return phateBench(2000);
}
