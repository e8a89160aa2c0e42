/** Base class of every error gradstream throws on bad input. */
export class GradstreamError extends Error {
  override name = 'GradstreamError'
}

/** Shapes that do not fit: broadcasting, matMul dimensions, reshape sizes, axes out of range. */
export class ShapeError extends GradstreamError {
  override name = 'ShapeError'
  constructor(op: string, message: string) {
    super(`${op}: ${message}`)
  }
}

/** A dtype an op does not accept, or two operands of different dtypes. */
export class DTypeError extends GradstreamError {
  override name = 'DTypeError'
  constructor(op: string, message: string) {
    super(`${op}: ${message}`)
  }
}

/** An argument or option that is out of range, of the wrong kind, or unknown. */
export class ConfigError extends GradstreamError {
  override name = 'ConfigError'
  constructor(fn: string, message: string) {
    super(`${fn}: ${message}`)
  }
}
