export { GradstreamError, ShapeError, DTypeError, ConfigError, StructureError, CheckpointError } from './errors'
export { describe } from './describe'
export {
  checkOptions,
  checkFinite,
  checkPositive,
  checkNonNegative,
  checkInRange,
  checkInteger,
  checkSeed,
  checkBoolean,
  checkFunction,
  checkString,
  checkOneOf,
} from './checks'
export type { RangeEnds } from './checks'
// trees: the one path syntax and the guarded walk every tree walker uses
export { isPlainObject } from './tree/isPlainObject'
export { childPath, rootedPath } from './tree/paths'
export { describeNode } from './tree/describeNode'
export { WalkGuard, MAX_TREE_DEPTH } from './tree/walkGuard'
export type { WalkGuardOptions, NamedErrorClass } from './tree/walkGuard'
// a run's hyper-parameters, as run logs and checkpoints record them
export { checkHParams } from './hparams'
export type { HParams, HParamValue } from './hparams'
