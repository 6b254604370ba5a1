// Regenerates the viewer's fixture embedding (docs/viewer/fixtures/sine-siren.json): a tiny
// GTH-GMN trained for a few epochs on the smoke-scale sine SIREN zoo of @geo/datasets, and the
// embedding file of the zoo's first trajectory. Fixed seeds (WASM backend, CPU if absent); about a minute.
//   npx tsx docs/scripts/make-fixture.ts [out.json]
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@geo/core/tf';
import { trainZooModel, zooInputs, zooPlan } from '@geo/datasets';
import { GthGmn, prepareBatch, registerGradients, trainTask, trajectoryEmbeddingFile } from '@geo/gth-gmn/tf';

/** Zoo models the tiny meta-network trains on. */
const MODELS = 6;
/** Training epochs (full batch). */
const EPOCHS = 12;
/** Edges drawn per snapshot. */
const STRONGEST_EDGES = 80;

const out = process.argv[2] ?? fileURLToPath(new URL('../viewer/fixtures/sine-siren.json', import.meta.url));
await initBackend({ order: ['wasm', 'cpu'] });
registerGradients();
const plan = zooPlan('sine', 'smoke', { seed: 0 });
const inputs = zooInputs(plan);
const models = plan.shards.flatMap((s) => s.models).slice(0, MODELS);
const trajectories = models.map((m) => trainZooModel(plan, m, inputs, {}));
// Class: frequency b above the median of the batch (a task the embeddings must pick up).
const bs = trajectories.map((t) => Number(t.labels['b']));
const median = [...bs].sort((x, y) => x - y)[MODELS / 2] as number;
const classes = bs.map((b) => (b >= median ? 1 : 0));
const model = new GthGmn({ hiddenDim: 8, headDim: 4, gruDim: 8, headHidden: 16, outputs: 2, lossWeights: { rank: 0.5 } }, 1);
const batch = prepareBatch(trajectories, model.prepareOptions);
const t0 = Date.now();
const losses = trainTask(model, batch, classes, { epochs: EPOCHS, learningRate: 0.02, seed: 1, onProgress: (e, l) => process.stdout.write(`epoch ${e}: loss ${l.toFixed(4)} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`) });
batch.dispose();
const file = trajectoryEmbeddingFile(model, trajectories[0]!, { strongestEdges: STRONGEST_EDGES });
writeFileSync(out, `${JSON.stringify(file)}\n`);
model.dispose();
process.stdout.write(`wrote ${out}: ${file.nodes.length} nodes, ${file.snapshots.length} snapshots, loss ${losses[0]?.toFixed(3)} -> ${losses[losses.length - 1]?.toFixed(3)}\n`);
