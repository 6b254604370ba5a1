import { GeoError } from '@geo/core';
import type { Task } from './types.js';

/** A name -> task map that refuses duplicates and says what exists when a name is unknown. */
export interface TaskRegistry {
  list(): readonly Task[];
  get(name: string): Task;
}

export function createRegistry(tasks: readonly Task[]): TaskRegistry {
  const byName = new Map<string, Task>();
  for (const task of tasks) {
    if (byName.has(task.name)) {
      throw new GeoError('OUT_OF_RANGE', `task "${task.name}" is registered twice`, { argument: 'tasks', actual: task.name });
    }
    byName.set(task.name, task);
  }
  return {
    list: () => [...byName.values()],
    get(name) {
      const task = byName.get(name);
      if (task === undefined) {
        throw new GeoError('NOT_FOUND', `unknown task "${name}"; known tasks: ${[...byName.keys()].join(', ') || '(none)'}, or "all"`, {
          argument: 'task',
          expected: [...byName.keys()],
          actual: name,
        });
      }
      return task;
    },
  };
}
