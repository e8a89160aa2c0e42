export { randomNormalInit, truncatedNormalInit, zerosInit, constantInit } from './initializers'
export type { Initializer, NormalInitOptions } from './initializers'
export {
  glorotUniform,
  glorotNormal,
  heNormal,
  heUniform,
  lecunNormal,
  lecunUniform,
  computeFans,
} from './varianceScaling'
export type { VarianceScalingOptions } from './varianceScaling'
export { orthogonal } from './orthogonal'
export type { OrthogonalOptions } from './orthogonal'
export { dense, linear } from './dense'
export type { Activation, Dense, DenseOptions } from './dense'
export type { DenseParams, KernelParams } from './layerParams'
export { isStatefulLayer, EMPTY } from './layer'
export type { Layer, StatefulLayer, AnyLayer, ApplyOptions, ApplyResult, EmptyTree } from './layer'
export { dropout } from './dropout'
export type { Dropout, DropoutOptions } from './dropout'
export { batchNorm } from './batchNorm'
export type { BatchNorm, BatchNormOptions, BatchNormParams, BatchNormState } from './batchNorm'
export { layerNorm } from './layerNorm'
export type { LayerNorm, LayerNormOptions, LayerNormParams } from './layerNorm'
export { conv2d } from './conv2d'
export type { Conv2D, Conv2DLayerOptions } from './conv2d'
export { maxPool, avgPool } from './pooling'
export type { Pooling } from './pooling'
export { flatten } from './flatten'
export type { Flatten } from './flatten'
export { embedding } from './embedding'
export type { Embedding, EmbeddingOptions, EmbeddingParams } from './embedding'
export { sequential } from './sequential'
export type {
  Sequential,
  SequentialParams,
  SequentialState,
  NamedLayers,
  LayerParamsOf,
  LayerStateOf,
} from './sequential'
export { mlp } from './mlp'
export type { Mlp, MlpOptions, MlpParams } from './mlp'
