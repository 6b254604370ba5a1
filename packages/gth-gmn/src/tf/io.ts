// Saving and loading a model: its variables as float32 safetensors tensors, its config and
// seed in `__metadata__`.
import * as tf from '@tensorflow/tfjs-core';
import { GeoError } from '@geo/core';
import { readSafetensors, writeSafetensors } from '@geo/param-graph';
import type { SafetensorsTensorInput } from '@geo/param-graph';
import type { GthGmnConfigInput } from '../config.js';
import { GthGmn } from './model.js';

/** The `format` metadata string of a saved model. */
export const MODEL_FORMAT = 'geo-gth-gmn';

/**
 * Serialises a model (config, seed, readout groups and every variable) to safetensors bytes.
 *
 * @example
 * const bytes = saveModel(model); // write to disk, then loadModel(bytes)
 */
export function saveModel(model: GthGmn): Uint8Array {
  const tensors: Record<string, SafetensorsTensorInput> = {};
  for (const [name, v] of model.params.variables) {
    tensors[name] = { dtype: 'F32', shape: [...v.shape], data: Float32Array.from(v.dataSync()) };
  }
  const metadata: Record<string, string> = {
    format: MODEL_FORMAT,
    config: JSON.stringify(model.config),
    seed: String(model.seed),
  };
  const groups = model.groupsPerGraph;
  if (groups !== undefined) metadata['groupsPerGraph'] = String(groups);
  return writeSafetensors(tensors, metadata);
}

/**
 * Rebuilds a model from `saveModel` bytes; a GeoError `CORRUPT_FILE` (argument `bytes`) names
 * what is wrong (format, config, a missing, extra or misshapen variable).
 *
 * @example
 * const copy = loadModel(saveModel(model)); // same outputs as model
 */
export function loadModel(bytes: Uint8Array): GthGmn {
  const file = readSafetensors(bytes, { name: 'bytes' });
  const corrupt = (msg: string): GeoError => new GeoError('CORRUPT_FILE', msg, { argument: 'bytes' });
  if (file.metadata['format'] !== MODEL_FORMAT) throw corrupt(`not a ${MODEL_FORMAT} file (format ${String(file.metadata['format'])})`);
  let config: GthGmnConfigInput;
  try {
    config = JSON.parse(file.metadata['config'] ?? '') as GthGmnConfigInput;
  } catch (e) {
    throw new GeoError('CORRUPT_FILE', 'config metadata is not JSON', { argument: 'bytes', cause: e });
  }
  const seed = Number(file.metadata['seed']);
  let model: GthGmn;
  try {
    model = new GthGmn(config, seed);
  } catch (e) {
    throw new GeoError('CORRUPT_FILE', `config or seed metadata is invalid: ${(e as Error).message}`, { argument: 'bytes', cause: e });
  }
  const groups = file.metadata['groupsPerGraph'];
  if (groups !== undefined) model.ensureHead(Number(groups));
  const names = new Set(model.params.variables.keys());
  for (const name of Object.keys(file.tensors)) {
    if (!names.has(name)) {
      model.dispose();
      throw corrupt(`unexpected tensor ${name}`);
    }
  }
  for (const [name, v] of model.params.variables) {
    const t = file.tensors[name];
    if (t === undefined || t.shape.length !== v.shape.length || t.shape.some((s, i) => s !== v.shape[i])) {
      model.dispose();
      throw corrupt(`tensor ${name} is missing or has the wrong shape (expected [${v.shape.join(', ')}])`);
    }
    if (!t.data.every(Number.isFinite)) {
      model.dispose();
      throw corrupt(`tensor ${name} holds non-finite values`);
    }
    v.assign(tf.tensor(Float32Array.from(t.data), v.shape, 'float32'));
  }
  return model;
}
