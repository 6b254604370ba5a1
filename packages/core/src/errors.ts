/**
 * Machine-readable reasons a geo function refuses its input or fails.
 * Callers branch on `code`, people read `message`.
 */
export type GeoErrorCode =
  | 'NOT_FINITE'
  | 'BAD_LENGTH'
  | 'BAD_SHAPE'
  | 'OUT_OF_RANGE'
  | 'NOT_INTEGER'
  | 'BAD_TYPE'
  | 'OUT_OF_DOMAIN'
  | 'NOT_CONVERGED'
  | 'SINGULAR'
  | 'CORRUPT_FILE'
  | 'CHECKSUM_MISMATCH'
  | 'NOT_FOUND'
  | 'BACKEND_UNAVAILABLE'
  | 'ABORTED'
  | 'UNSUPPORTED';

export interface GeoErrorDetails {
  /** Name of the offending argument (or file), e.g. `x`, `options.k`. */
  readonly argument?: string;
  /** What the function wanted, in words or as a value. */
  readonly expected?: unknown;
  /** What it got. */
  readonly actual?: unknown;
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/**
 * The one error type of the geo packages.
 *
 * @example
 * try { assertFinite([1, NaN], 'x') } catch (e) {
 *   if (e instanceof GeoError) e.code // 'NOT_FINITE'
 *   e.argument                         // 'x'
 * }
 */
export class GeoError extends Error {
  override readonly name = 'GeoError';
  readonly code: GeoErrorCode;
  readonly argument: string | undefined;
  readonly expected: unknown;
  readonly actual: unknown;

  constructor(code: GeoErrorCode, message: string, details: GeoErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.argument = details.argument;
    this.expected = details.expected;
    this.actual = details.actual;
  }
}

/** True when `e` is a GeoError, optionally with the given code. */
export function isGeoError(e: unknown, code?: GeoErrorCode): e is GeoError {
  return e instanceof GeoError && (code === undefined || e.code === code);
}
