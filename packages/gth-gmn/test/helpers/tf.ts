// The tfjs setup shared by the tests: the CPU backend and every gradient the model needs.
import { initBackend } from '@geo/core/tf';
import { registerGradients } from '../../src/tf/index.js';

/** Selects the CPU backend and registers gradients (idempotent). */
export async function setupTf(): Promise<void> {
  await initBackend({ order: ['cpu'] });
  registerGradients();
}
