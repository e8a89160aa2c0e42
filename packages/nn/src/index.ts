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
export { isStatefulLayer } from './layer'
export type { Layer, StatefulLayer, AnyLayer, ApplyOptions, ApplyResult } from './layer'
export { mlp } from './mlp'
export type { Mlp, MlpOptions, MlpParams } from './mlp'
