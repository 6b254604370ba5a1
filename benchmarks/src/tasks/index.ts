import type { Task } from '../types.js';
import { coreLinalgTask } from './core-linalg.js';
import { volumeElementTask } from './volume-element.js';
import { networkManifoldTask } from './network-manifold.js';
import { trainingDynamicsTask } from './training-dynamics.js';

/** Every task geo-bench knows. Later packages add theirs here. */
export function builtinTasks(): Task[] {
  return [coreLinalgTask, volumeElementTask, networkManifoldTask, trainingDynamicsTask];
}
