import { assertInteger } from '@geo/core';

/**
 * T distinct snapshot steps in [0, maxSteps], from 0 to maxSteps, spaced geometrically so
 * that early training (where weights move most) is sampled densely: s_j ~ (maxSteps + 1)^(j/(T-1)) - 1,
 * nudged to be strictly increasing.
 *
 * @example
 * snapshotSchedule(1000, 5) // [0, 4, 31, 177, 1000]
 */
export function snapshotSchedule(maxSteps: number, count: number): number[] {
  assertInteger(maxSteps, 'maxSteps', { min: 0 });
  assertInteger(count, 'count', { min: 1, max: maxSteps + 1 });
  if (count === 1) return [maxSteps];
  const steps: number[] = [];
  for (let j = 0; j < count; j++) steps.push(Math.round((maxSteps + 1) ** (j / (count - 1)) - 1));
  // Strictly increasing from the front, then leave room at the back.
  for (let j = 1; j < count; j++) steps[j] = Math.max(steps[j] as number, (steps[j - 1] as number) + 1);
  for (let j = count - 1; j >= 0; j--) steps[j] = Math.min(steps[j] as number, maxSteps - (count - 1 - j));
  return steps;
}
