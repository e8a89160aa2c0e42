/**
 * Base class of every error gradstream throws on bad input or a failed run:
 * catch this to catch them all. Each subclass is one kind of fault, and every
 * message starts with the function at fault: `matMul: ...`.
 * @example
 * try { zeros([-1]) } catch (e) { e instanceof GradstreamError } // true
 */
export class GradstreamError extends Error {
  override name = 'GradstreamError'
}

/** An error of one kind whose message names the function at fault; `options.cause` keeps the error behind it. */
abstract class NamedFunctionError extends GradstreamError {
  constructor(fn: string, message: string, options?: ErrorOptions) {
    super(`${fn}: ${message}`, options)
  }
}

/**
 * Shapes that do not fit: broadcasting, matMul dimensions, reshape sizes,
 * axes out of range, a tensor larger than can be allocated.
 * @example matMul(ones([2, 3]), ones([2, 3])) // ShapeError: matMul: ... [2, 3] and [2, 3]
 */
export class ShapeError extends NamedFunctionError {
  override name = 'ShapeError'
}

/**
 * A value that is not a Tensor where one is expected, a dtype an op does not
 * accept, or two operands of different dtypes.
 * @example relu(ones([2], 'int32')) // DTypeError: relu: x must be a float tensor, got int32
 */
export class DTypeError extends NamedFunctionError {
  override name = 'DTypeError'
}

/**
 * An argument or option that is missing, of the wrong kind, out of range or
 * unknown: a negative rate, a NaN, a misspelt option key.
 * @example sgd(-1) // ConfigError: sgd: learningRate must be a finite number >= 0, got -1
 */
export class ConfigError extends NamedFunctionError {
  override name = 'ConfigError'
}

/**
 * Two nested structures (pytrees) that should match do not, or one holds a
 * value it may not (a cycle, a class instance, nesting too deep). The message
 * names the path at fault, e.g. `params.layers[2].b`.
 * @example mapTree(add, { w: ones([2]) }, { v: ones([2]) }) // StructureError: mapTree: ...
 */
export class StructureError extends NamedFunctionError {
  override name = 'StructureError'
}

/**
 * A checkpoint that is truncated, corrupted, of another format or version,
 * or that does not fit the run resuming from it; also a checkpoint write that
 * failed.
 * @example parseCheckpoint('{}') // CheckpointError: parseCheckpoint: ...
 */
export class CheckpointError extends NamedFunctionError {
  override name = 'CheckpointError'
}
