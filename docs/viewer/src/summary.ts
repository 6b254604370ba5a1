// Radial and angular summaries of each layer's neurons per snapshot: the mean hyperbolic
// distance from the origin (the "drift to the boundary") and the circular mean direction
// with its resultant length (1 = every neuron of the layer in one direction, 0 = spread evenly).
import type { EmbeddingFile } from './format.js';
import { hyperbolicRadius } from './geometry.js';

export interface LayerSummary {
  /** Layer label (0 = inputs). */
  readonly layer: number;
  /** Neurons in the layer (bias nodes are left out). */
  readonly count: number;
  /** Per snapshot: mean d_c(0, z) over the layer's neurons. */
  readonly meanRadius: number[];
  /** Per snapshot: circular mean angle atan2(Σ sin θ, Σ cos θ) in radians, (−π, π]. */
  readonly meanAngle: number[];
  /** Per snapshot: resultant length |Σ e^{iθ}| / n ∈ [0, 1]. */
  readonly resultant: number[];
}

/**
 * Per-layer summaries over every snapshot, layers in increasing order. The angle of a neuron
 * at the origin is taken as 0.
 *
 * @example
 * layerSummaries(file)[0].meanRadius // input layer's mean hyperbolic radius per snapshot
 */
export function layerSummaries(file: EmbeddingFile): LayerSummary[] {
  const c = file.curvature;
  const layers = [...new Set(file.nodes.filter((n) => n.type !== 'bias').map((n) => n.layer))].sort((a, b) => a - b);
  return layers.map((layer) => {
    const ids = file.nodes.filter((n) => n.type !== 'bias' && n.layer === layer).map((n) => n.id);
    const meanRadius: number[] = [];
    const meanAngle: number[] = [];
    const resultant: number[] = [];
    for (const s of file.snapshots) {
      let r = 0;
      let sx = 0;
      let sy = 0;
      for (const id of ids) {
        const x = s.positions[2 * id] as number;
        const y = s.positions[2 * id + 1] as number;
        r += hyperbolicRadius({ x, y }, c);
        const th = x === 0 && y === 0 ? 0 : Math.atan2(y, x);
        sx += Math.cos(th);
        sy += Math.sin(th);
      }
      meanRadius.push(r / ids.length);
      meanAngle.push(Math.atan2(sy, sx));
      resultant.push(Math.hypot(sx, sy) / ids.length);
    }
    return { layer, count: ids.length, meanRadius, meanAngle, resultant };
  });
}
