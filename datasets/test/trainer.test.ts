import { describe, expect, it } from 'vitest';
import { createRng } from '@geo/core';
import { imageAsFloat, initParams, loadDataset, paramCount, psnr, snapshotSchedule, trainNetworks } from '../src/index.js';
import type { MlpArch } from '../src/index.js';
import { expectGeoError } from './helpers.js';
import { SIREN_MIN_PSNR_DB } from './tolerances.js';

/** 28 x 28 pixel centres on [-1, 1]^2, (x = column, y = row), as DWSNets' make_coordinates. */
function grid28(): Float64Array {
  const c = new Float64Array(2 * 784);
  for (let r = 0; r < 28; r++) {
    for (let col = 0; col < 28; col++) {
      c[2 * (r * 28 + col)] = -1 + (2 * col) / 27;
      c[2 * (r * 28 + col) + 1] = -1 + (2 * r) / 27;
    }
  }
  return c;
}

describe('SIREN fits', () => {
  it(`a SIREN 2-32-32-1 (Sitzmann init, Adam 5e-4) fits an MNIST digit above ${SIREN_MIN_PSNR_DB} dB`, async () => {
    const ds = await loadDataset('mnist', { split: 'sample', env: {} });
    const arch: MlpArch = { sizes: [2, 32, 32, 1], activation: 'sin', w0: 30 };
    const r = trainNetworks({
      arch,
      loss: 'mse',
      optimizer: { kind: 'adam', lr: 5e-4 },
      inputs: grid28(),
      targets: imageAsFloat(ds, 0),
      init: initParams(arch, 'siren', createRng(0)),
      networks: 1,
      steps: 1000,
      snapshotSteps: snapshotSchedule(1000, 90),
      stopAtLoss: 1e-4, // 40 dB
    });
    expect(psnr(r.finalLoss[0] as number)).toBeGreaterThan(SIREN_MIN_PSNR_DB);
    // Early stop: the network stopped before 1,000 steps, and later snapshots repeat its final parameters.
    const taken = r.stepsTaken[0] as number;
    expect(taken).toBeLessThan(1000);
    const P = r.paramCount;
    const last = r.snapshots.subarray(89 * P, 90 * P);
    expect(last).toEqual(r.params);
    // The loss recorded at snapshots falls over training.
    expect(r.snapshotLoss[89] as number).toBeLessThan(r.snapshotLoss[0] as number);
  });
});

describe('trainNetworks input checks', () => {
  const arch: MlpArch = { sizes: [1, 4, 1], activation: 'tanh' };
  const P = paramCount(arch);
  const base = {
    arch,
    loss: 'mse' as const,
    optimizer: { kind: 'adam' as const, lr: 1e-3 },
    inputs: [0, 0.5, 1],
    targets: [1, 2, 3],
    init: new Float64Array(P),
    networks: 1,
    steps: 3,
  };

  it.each([
    ['targets', { targets: [1, 2] }, 'BAD_SHAPE'],
    ['params', { init: new Float64Array(P + 1) }, 'BAD_SHAPE'],
    ['inputs[1]', { inputs: [0, Number.NaN, 1] }, 'NOT_FINITE'],
    ['optimizer.lr', { optimizer: { kind: 'adam' as const, lr: -1 } }, 'OUT_OF_RANGE'],
    ['arch.activation', { arch: { sizes: [1, 4, 1], activation: 'swish' as never } }, 'OUT_OF_RANGE'],
    ['arch.sizes[1]', { arch: { sizes: [1, 0, 1], activation: 'tanh' as const } }, 'OUT_OF_RANGE'],
    ['snapshotSteps[1]', { snapshotSteps: [2, 1] }, 'OUT_OF_RANGE'],
    ['steps', { steps: 1.5 }, 'NOT_INTEGER'],
  ] as const)('a bad %s is a GeoError naming it', async (argument, patch, code) => {
    const e = await expectGeoError(() => trainNetworks({ ...base, ...patch }), code);
    expect(e.argument).toBe(argument);
  });

  it('a cross-entropy label outside [0, out) names the target', async () => {
    const e = await expectGeoError(
      () => trainNetworks({ ...base, arch: { sizes: [1, 4, 3], activation: 'relu' }, init: new Float64Array(paramCount({ sizes: [1, 4, 3], activation: 'relu' })), loss: 'cross-entropy', targets: [0, 3, 1] }),
      'OUT_OF_RANGE',
    );
    expect(e.argument).toBe('targets[1]');
  });

  it('engine "wasm" where it does not apply is UNSUPPORTED naming the engine', async () => {
    const e = await expectGeoError(() => trainNetworks({ ...base, engine: 'wasm' }), 'UNSUPPORTED');
    expect(e.argument).toBe('engine');
  });

  it('an aborted signal stops training with ABORTED', async () => {
    const controller = new AbortController();
    controller.abort();
    await expectGeoError(() => trainNetworks({ ...base, signal: controller.signal }), 'ABORTED');
  });

  it('a diverging run is NOT_FINITE naming the learning rate', async () => {
    const wild: MlpArch = { sizes: [1, 4, 1], activation: 'relu' };
    const e = await expectGeoError(
      () => trainNetworks({ ...base, arch: wild, optimizer: { kind: 'sgd', lr: 1e300 }, init: initParams(wild, 'pytorch', createRng(1)), steps: 50 }),
      'NOT_FINITE',
    );
    expect(e.argument).toBe('optimizer.lr');
  });
});
