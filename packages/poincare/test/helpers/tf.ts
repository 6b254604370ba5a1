// Shared setup of the tf-face tests: start a real backend once per file, convert tensors.
import type * as tfType from '@tensorflow/tfjs-core';
import { initBackend } from '@geo/core/tf';

export async function startBackend(): Promise<string> {
  const report = await initBackend({ order: ['wasm', 'cpu'] });
  return report.name;
}

export function values(t: tfType.Tensor): Float64Array {
  return Float64Array.from(t.dataSync());
}
