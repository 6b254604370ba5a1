import { assertFinite, assertInRange, assertInteger, assertLength } from '@geo/core';

/**
 * N iterates of the logistic map x_{n+1} = r x_n (1 - x_n) from x0 (x0 included as entry 0).
 * At r = 4 the largest Lyapunov exponent is ln 2.
 *
 * @example
 * logisticMap(0.3, 3, 4) // Float64Array [0.3, 0.84, 0.5376]
 */
export function logisticMap(x0: number, n: number, r = 4, out?: Float64Array): Float64Array {
  assertInRange(x0, 'x0', { min: 0, max: 1 });
  assertInteger(n, 'n', { min: 1 });
  assertInRange(r, 'r', { min: 0, max: 4 });
  const x = out ?? new Float64Array(n);
  assertLength(x, n, 'out');
  x[0] = x0;
  for (let i = 1; i < n; i++) {
    const v = x[i - 1] as number;
    x[i] = r * v * (1 - v);
  }
  return x;
}

/** Parameters of the Lorenz system. */
export interface LorenzParameters {
  readonly sigma?: number;
  readonly rho?: number;
  readonly beta?: number;
}

/**
 * Integrates the Lorenz system dx = sigma (y - x), dy = x (rho - z) - y, dz = x y - beta z
 * with classical fourth-order Runge-Kutta, step `dt`, recording every `every`-th step:
 * row-major `n x 3` starting with `state0`. With sigma 10, rho 28, beta 8/3 the largest
 * Lyapunov exponent is about 0.9056.
 *
 * @example
 * lorenz([1, 1, 1], 1000, 0.01) // 1000 x 3 samples, 0.01 apart
 */
export function lorenz(state0: ArrayLike<number>, n: number, dt: number, options: LorenzParameters & { readonly every?: number } = {}): Float64Array {
  assertLength(state0, 3, 'state0');
  assertFinite(state0, 'state0');
  assertInteger(n, 'n', { min: 1 });
  assertInRange(dt, 'dt', { min: 0, minInclusive: false });
  const every = options.every ?? 1;
  assertInteger(every, 'options.every', { min: 1 });
  const sigma = options.sigma ?? 10;
  const rho = options.rho ?? 28;
  const beta = options.beta ?? 8 / 3;
  const out = new Float64Array(n * 3);
  let x = state0[0] as number;
  let y = state0[1] as number;
  let z = state0[2] as number;
  out[0] = x;
  out[1] = y;
  out[2] = z;
  for (let i = 1; i < n; i++) {
    for (let s = 0; s < every; s++) {
      const k1x = sigma * (y - x);
      const k1y = x * (rho - z) - y;
      const k1z = x * y - beta * z;
      let ax = x + 0.5 * dt * k1x;
      let ay = y + 0.5 * dt * k1y;
      let az = z + 0.5 * dt * k1z;
      const k2x = sigma * (ay - ax);
      const k2y = ax * (rho - az) - ay;
      const k2z = ax * ay - beta * az;
      ax = x + 0.5 * dt * k2x;
      ay = y + 0.5 * dt * k2y;
      az = z + 0.5 * dt * k2z;
      const k3x = sigma * (ay - ax);
      const k3y = ax * (rho - az) - ay;
      const k3z = ax * ay - beta * az;
      ax = x + dt * k3x;
      ay = y + dt * k3y;
      az = z + dt * k3z;
      const k4x = sigma * (ay - ax);
      const k4y = ax * (rho - az) - ay;
      const k4z = ax * ay - beta * az;
      x += (dt / 6) * (k1x + 2 * k2x + 2 * k3x + k4x);
      y += (dt / 6) * (k1y + 2 * k2y + 2 * k3y + k4y);
      z += (dt / 6) * (k1z + 2 * k2z + 2 * k3z + k4z);
    }
    out[i * 3] = x;
    out[i * 3 + 1] = y;
    out[i * 3 + 2] = z;
  }
  return out;
}
