export { Tensor } from './tensor'
export type { NestedArray } from './tensor'
export { tensorFromJSON } from './tensorFromJSON'
export type { TensorJSON, JSONSpecialNumber } from './tensorJSON'
export type { DType, TypedArray } from './dtype'
export { isFloatDType } from './dtype'
export { GradstreamError, ShapeError, DTypeError, ConfigError, StructureError } from './errors'
export { formatShape, shapesEqual, MAX_ELEMENTS } from './shape'
export type { Shape } from './shape'
export { tensor, scalar, fill, zeros, ones, zerosLike, onesLike, range, linspace, eye } from './creation'
export type { TensorLike } from './creation'
// pytrees: nested plain objects and arrays with Tensor leaves
export type { PyTree, Params, MapTree } from './pytree/PyTree'
export { mapTree } from './pytree/mapTree'
export { flattenTree, unflattenTree, treeLeaves, treePaths } from './pytree/flattenTree'
export type { TreeDef, TreeNode, FlattenTreeOptions } from './pytree/flattenTree'
export { floatTreeLeaves } from './pytree/floatTreeLeaves'
export { assertSameStructure } from './pytree/assertSameStructure'
export type { AssertSameStructureOptions } from './pytree/assertSameStructure'
export { walkTrees } from './pytree/walkTrees'
export type { LeafVisitor } from './pytree/walkTrees'
export { formatTensor } from './format'
export type { FormatOptions } from './format'
export { record, recordCustom, withTracer, withoutTracers, isTracing } from './tracer'
export type { Tracer, CustomNode } from './tracer'
export { NO_ATTRS } from './primitives'
export type {
  Primitive,
  PrimitiveSignatures,
  PrimitiveInputs,
  PrimitiveAttrs,
  ReduceAttrs,
  CumulativeAttrs,
  Conv2DAttrs,
  PoolAttrs,
  MirrorPadAttrs,
  MirrorPadMode,
} from './primitives'
export type { Operand } from './ops/argumentChecks'
export { checkTensor, checkFloatTensor } from './ops/argumentChecks'
export {
  add,
  sub,
  mul,
  div,
  pow,
  maximum,
  minimum,
  neg,
  square,
  sqrt,
  exp,
  log,
  log1p,
  abs,
  sign,
} from './ops/arithmetic'
export {
  sigmoid,
  tanh,
  elu,
  eluGrad,
  relu,
  reluGrad,
  softplus,
  softmax,
  logSoftmax,
  leakyRelu,
  relu6,
  selu,
  gelu,
  silu,
  swish,
  logSigmoid,
  logSumExp,
} from './ops/activations'
export type { GeluOptions } from './ops/activations'
export { floor, ceil, round } from './ops/rounding'
export { floorDiv, mod } from './ops/roundingDivision'
export { sin, cos, tan, asin, acos, atan, atan2, sinh, cosh } from './ops/trigonometric'
export { erf, expm1 } from './ops/specialFunctions'
export { reciprocal, rsqrt, squaredDifference, divNoNan } from './ops/specialArithmetic'
export { isNaN, isFinite, isInf } from './ops/predicates'
export {
  greater,
  greaterEqual,
  less,
  lessEqual,
  equal,
  notEqual,
  logicalAnd,
  logicalOr,
  logicalNot,
} from './ops/comparison'
export { where } from './ops/where'
export { sum, prod, max, min, all, any, mean, argMax, argMin } from './ops/reductions'
export type { Axis } from './ops/reductions'
export { cumsum, cumprod } from './ops/cumulative'
export type { CumulativeOptions } from './ops/cumulative'
export { matMul } from './ops/matMul'
export { setThreads, getThreads } from './kernels/threads/threadPool'
export { dot, outer } from './ops/dot'
export { moments } from './ops/moments'
export type { Moments, MomentsOptions } from './ops/moments'
export { norm } from './ops/norm'
export type { NormOptions, NormOrder } from './ops/norm'
export { einsum } from './ops/einsum'
export { maxPool } from './ops/maxPool'
export { maxPoolGrad } from './ops/maxPoolGrad'
export { avgPool } from './ops/avgPool'
export { avgPoolGrad } from './ops/avgPoolGrad'
export type { PoolOptions } from './ops/poolWindow'
export type { Padding, PairOption } from './ops/windowGeometry'
export { checkPadding, pairOption } from './ops/windowGeometry'
export { conv2d } from './ops/conv2d'
export type { Conv2DOptions } from './ops/conv2dGeometry'
export { conv2dBackpropInput } from './ops/conv2dBackpropInput'
export { conv2dBackpropFilter } from './ops/conv2dBackpropFilter'
export { conv1d } from './ops/conv1d'
export type { Conv1DOptions } from './ops/conv1d'
export { conv2dTranspose } from './ops/conv2dTranspose'
export { depthwiseConv2d } from './ops/depthwiseConv2d'
export { reshape, expandDims, squeeze } from './ops/reshape'
export { transpose } from './ops/transpose'
export { broadcastTo } from './ops/broadcastTo'
export { concat, stack } from './ops/concat'
export { slice, pad } from './ops/slice'
export type { PadMode, PadOptions } from './ops/slice'
export { mirrorPad, mirrorPadGrad } from './ops/mirrorPad'
export type { Paddings } from './ops/mirrorPad'
export { split, unstack } from './ops/split'
export { reverse } from './ops/reverse'
export { stridedSlice } from './ops/stridedSlice'
export type { StridedSliceOptions } from './ops/stridedSliceSpec'
export { gatherND } from './ops/gatherND'
export { scatterND } from './ops/scatterND'
export { topk } from './ops/topk'
export type { TopkOptions, TopkResult } from './ops/topk'
export { tile } from './ops/tile'
export { gather, unsortedSegmentSum } from './ops/gather'
export { cast } from './ops/cast'
export { addN, oneHot } from './ops/composites'
export { clipByValue } from './ops/clipByValue'
export { l2Loss } from './ops/l2Loss'
export { stopGradient } from './ops/stopGradient'
export { identical } from './ops/identical'
export { elementwiseKernel, MAX_KERNEL_OUTPUTS } from './ops/elementwiseKernel'
export type { ElementwiseKernel } from './ops/elementwiseKernel'
// random numbers
export { randomNormal } from './random/randomNormal'
export type { RandomNormalOptions } from './random/randomNormal'
export { randomUniform } from './random/randomUniform'
export type { RandomUniformOptions } from './random/randomUniform'
export { multinomial } from './random/multinomial'
export type { MultinomialOptions } from './random/multinomial'
export { truncatedNormal } from './random/truncatedNormal'
export type { TruncatedNormalOptions } from './random/truncatedNormal'
export type { RandomDType } from './random/randomOptions'
export { randomKey, splitKey, foldIn, keySeed, checkRandomKey } from './random/randomKey'
export type { RandomKey } from './random/randomKey'
export { RandomState } from './random/RandomState'
export type { MT19937State, MutableList, RandomStateSeed, SampleSize } from './random/randomStateChecks'
export * from './aliases'
