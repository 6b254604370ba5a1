import type { Task } from '../types.js';

/** Every task geo-bench knows. Later packages add theirs here. */
export function builtinTasks(): Task[] {
  return [];
}
