/** Training losses. `mse`: mean over every output of (y - t)^2 (PyTorch `MSELoss`); `cross-entropy`: mean over points of -log softmax(y)[label]. */
export type LossKind = 'mse' | 'cross-entropy';

/** Every loss, in a fixed order. */
export const LOSSES: readonly LossKind[] = ['mse', 'cross-entropy'];

/**
 * Peak signal-to-noise ratio in dB of a mean squared error, for signals in [0, peak]:
 * 10 log10(peak^2 / mse). 40 dB is an MSE of 1e-4 on [0, 1] images.
 *
 * @example
 * psnr(1e-4) // 40
 */
export function psnr(mse: number, peak = 1): number {
  return 10 * Math.log10((peak * peak) / mse);
}
