import type { PersistenceDiagram } from './diagram.js';

/** A diagram split into its finite points and the births of its essential classes (sorted). */
export interface DiagramParts {
  readonly birth: Float64Array;
  readonly death: Float64Array;
  readonly essential: Float64Array;
}

/**
 * Separates finite points from essential ones (death = Infinity): distances match essential
 * classes only among themselves, by birth.
 *
 * @example
 * splitEssential({ birth: Float64Array.of(0, 1), death: Float64Array.of(Infinity, 2) }).essential // [0]
 */
export function splitEssential(d: PersistenceDiagram): DiagramParts {
  const fb: number[] = [];
  const fd: number[] = [];
  const ess: number[] = [];
  for (let i = 0; i < d.birth.length; i++) {
    const b = d.birth[i] as number;
    const x = d.death[i] as number;
    if (x === Infinity) ess.push(b);
    else {
      fb.push(b);
      fd.push(x);
    }
  }
  ess.sort((a, b) => a - b);
  return { birth: Float64Array.from(fb), death: Float64Array.from(fd), essential: Float64Array.from(ess) };
}
