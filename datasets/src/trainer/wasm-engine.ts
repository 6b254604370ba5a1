import { archW0, layerSlots } from './arch.js';
import type { LayerSlot, MlpArch } from './arch.js';
import type { FusedMlp } from './fused.js';
import { toFeatureMajor } from './fused.js';
import type { LossKind } from './loss.js';
import { KERNELS_WASM_BASE64 } from './wasm/kernels-wasm.js';

/** The few WebAssembly JS-API members used here (the ES2022 lib this repo compiles against has no WebAssembly types). */
interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: unknown };
}

/** The module's exports (for the engine and its benchmark). */
export interface Kernels {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  heapBase(): number;
  panelForward(a: number, rs: number, cs: number, m: number, p: number, b: number, n: number, c: number, bias: number, hasBias: number): void;
  panelGrad(dz: number, h: number, fanOut: number, fanIn: number, n: number, gw: number, gb: number): void;
  mulInPlace(a: number, b: number, len: number): void;
  sinCos(z: number, w: number, cosScale: number, sinOut: number, cosOut: number, len: number): void;
  mse(y: number, t: number, len: number, shift: number, dy: number): number;
}

let compiled: object | null | undefined;

/** The compiled kernels module, or null where WebAssembly SIMD is unavailable. Compiled on first use, never at import. */
function kernelsModule(): object | null {
  if (compiled === undefined) {
    const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    try {
      compiled = api === undefined ? null : new api.Module(Buffer.from(KERNELS_WASM_BASE64, 'base64'));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/**
 * Whether the WebAssembly SIMD engine handles this problem: sine hidden layers, MSE, and a
 * point count that is a multiple of 4 (the kernels' lane blocking), on a runtime with SIMD.
 *
 * @example
 * wasmEngineSupports({ sizes: [2, 32, 32, 1], activation: 'sin' }, 784, 'mse') // true on Node 20
 */
export function wasmEngineSupports(arch: MlpArch, n: number, loss: LossKind): boolean {
  return arch.activation === 'sin' && loss === 'mse' && n % 4 === 0 && n > 0 && kernelsModule() !== null;
}

/**
 * The WebAssembly SIMD (f64x2) engine: the fused engine's algorithm with two points per
 * vector lane pair, behind the same `FusedMlp` interface. Returns undefined when
 * `wasmEngineSupports` is false. Parameters and targets are copied into the module's
 * memory per call (a few microseconds against a step's milliseconds).
 *
 * @example
 * const engine = createWasmMlp({ sizes: [2, 32, 32, 1], activation: 'sin' }, coords, 'mse');
 */
export function createWasmMlp(arch: MlpArch, inputs: ArrayLike<number>, loss: LossKind): FusedMlp | undefined {
  const slots = layerSlots(arch);
  const dIn = arch.sizes[0] as number;
  const n = inputs.length / dIn;
  if (!Number.isInteger(n) || !wasmEngineSupports(arch, n, loss)) return undefined;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly as WasmApi;
  const k = new api.Instance(kernelsModule() as object, {}).exports as Kernels;
  const dOut = arch.sizes[arch.sizes.length - 1] as number;
  const w0 = archW0(arch);
  const shift = arch.outputShift ?? 0;
  const L = slots.length;
  const last = slots[L - 1] as LayerSlot;
  const P = last.bias + last.fanOut;
  const maxWidth = Math.max(...arch.sizes);

  // A bump allocator over the module's memory, 16-byte aligned regions (in f64 units).
  let top = Math.ceil(k.heapBase() / 16) * 2;
  const alloc = (len: number): number => {
    const at = top;
    top += Math.ceil(len / 2) * 2;
    return at;
  };
  const pParams = alloc(P);
  const pGrad = alloc(P);
  const pX = alloc(dIn * n);
  const pH = slots.map((s) => alloc(s.fanOut * n));
  const pD = slots.map((s, l) => (l < L - 1 ? alloc(s.fanOut * n) : -1));
  let pA = alloc(maxWidth * n);
  let pB = alloc(maxWidth * n);
  const pT = alloc(dOut * n);
  const pages = Math.ceil((top * 8) / 65536) - k.memory.buffer.byteLength / 65536;
  if (pages > 0) k.memory.grow(pages);
  const mem = new Float64Array(k.memory.buffer);
  toFeatureMajor(inputs, n, dIn, mem, 0, pX);
  const B = (f64: number): number => f64 * 8;

  function forward(params: Float64Array, pOff: number): void {
    mem.set(params.subarray(pOff, pOff + P), pParams);
    let hin = pX;
    for (let l = 0; l < L; l++) {
      const s = slots[l] as LayerSlot;
      const h = pH[l] as number;
      k.panelForward(B(pParams + s.weight), s.fanIn, 1, s.fanOut, s.fanIn, B(hin), n, B(h), B(pParams + s.bias), 1);
      if (l < L - 1) k.sinCos(B(h), w0, w0, B(h), B(pD[l] as number), s.fanOut * n);
      hin = h;
    }
  }

  return {
    arch,
    n,
    loss,
    lossOnly(params, pOff, targetsT, tOff, outputs) {
      forward(params, pOff);
      mem.set(targetsT.subarray(tOff, tOff + dOut * n), pT);
      const y = pH[L - 1] as number;
      if (outputs !== undefined) for (let i = 0; i < n * dOut; i++) outputs[i] = (mem[y + i] as number) + shift;
      return k.mse(B(y), B(pT), n * dOut, shift, B(pA));
    },
    lossAndGradient(params, pOff, targetsT, tOff, grad, gOff) {
      forward(params, pOff);
      mem.set(targetsT.subarray(tOff, tOff + dOut * n), pT);
      const value = k.mse(B(pH[L - 1] as number), B(pT), n * dOut, shift, B(pA));
      for (let l = L - 1; l >= 0; l--) {
        const s = slots[l] as LayerSlot;
        const hin = l === 0 ? pX : (pH[l - 1] as number);
        k.panelGrad(B(pA), B(hin), s.fanOut, s.fanIn, n, B(pGrad + s.weight), B(pGrad + s.bias));
        if (l === 0) break;
        k.panelForward(B(pParams + s.weight), 1, s.fanIn, s.fanIn, s.fanOut, B(pA), n, B(pB), 0, 0);
        k.mulInPlace(B(pB), B(pD[l - 1] as number), s.fanIn * n);
        const tmp = pA;
        pA = pB;
        pB = tmp;
      }
      grad.set(mem.subarray(pGrad, pGrad + P), gOff);
      return value;
    },
  };
}

/**
 * A fresh instance of the raw kernels with at least `bytes` of memory, for benchmarks of
 * the individual kernels (not part of the package's public entry).
 *
 * @example
 * const k = instantiateKernels(1 << 20); k?.sinCos(k.heapBase(), 30, 30, k.heapBase(), k.heapBase() + 8192, 1024);
 */
export function instantiateKernels(bytes: number): Kernels | undefined {
  const mod = kernelsModule();
  if (mod === null) return undefined;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly as WasmApi;
  const k = new api.Instance(mod, {}).exports as Kernels;
  const pages = Math.ceil((k.heapBase() + bytes) / 65536) - k.memory.buffer.byteLength / 65536;
  if (pages > 0) k.memory.grow(pages);
  return k;
}
