import type { Primitive } from '@gradstream/tensor'
import { sigmoidVjp, tanhVjp, eluVjp, eluGradVjp, reluVjp, reluGradVjp } from './activations'
import {
  absVjp,
  addVjp,
  divVjp,
  erfVjp,
  expm1Vjp,
  expVjp,
  log1pVjp,
  logVjp,
  maximumVjp,
  clipByValueVjp,
  minimumVjp,
  modVjp,
  mulVjp,
  negVjp,
  powVjp,
  reciprocalVjp,
  rsqrtVjp,
  sqrtVjp,
  squareVjp,
  subVjp,
} from './arithmetic'
import { conv2dBackpropFilterVjp, conv2dBackpropInputVjp, conv2dVjp } from './convolution'
import { matMulVjp } from './linalg'
import { avgPoolGradVjp, avgPoolVjp, maxPoolGradVjp, maxPoolVjp } from './pooling'
import { cumprodVjp, cumsumVjp, l2LossVjp, maxVjp, minVjp, prodVjp, sumVjp } from './reductions'
import { whereVjp, gatherVjp, gatherNDVjp, scatterNDVjp, unsortedSegmentSumVjp } from './selection'
import {
  broadcastToVjp,
  castVjp,
  concatVjp,
  mirrorPadGradVjp,
  mirrorPadVjp,
  padVjp,
  reshapeVjp,
  reverseVjp,
  sliceVjp,
  stridedSliceVjp,
  tileVjp,
  transposeVjp,
} from './shape'
import { acosVjp, asinVjp, atan2Vjp, atanVjp, cosVjp, coshVjp, sinVjp, sinhVjp, tanVjp } from './trigonometric'
import { noGradient } from './VjpRule'
import type { VjpRule } from './VjpRule'

/**
 * One vector-Jacobian product per primitive of @gradstream/tensor. The
 * `satisfies` clause makes a primitive without a rule a compile error.
 */
export const vjpRules = {
  add: addVjp,
  sub: subVjp,
  mul: mulVjp,
  div: divVjp,
  pow: powVjp,
  maximum: maximumVjp,
  minimum: minimumVjp,
  clipByValue: clipByValueVjp,
  neg: negVjp,
  square: squareVjp,
  sqrt: sqrtVjp,
  exp: expVjp,
  log: logVjp,
  log1p: log1pVjp,
  abs: absVjp,
  sign: noGradient,
  floorDiv: noGradient,
  mod: modVjp,
  reciprocal: reciprocalVjp,
  rsqrt: rsqrtVjp,
  expm1: expm1Vjp,
  erf: erfVjp,
  floor: noGradient,
  ceil: noGradient,
  round: noGradient,
  sin: sinVjp,
  cos: cosVjp,
  tan: tanVjp,
  asin: asinVjp,
  acos: acosVjp,
  atan: atanVjp,
  atan2: atan2Vjp,
  sinh: sinhVjp,
  cosh: coshVjp,
  sigmoid: sigmoidVjp,
  tanh: tanhVjp,
  elu: eluVjp,
  eluGrad: eluGradVjp,
  relu: reluVjp,
  reluGrad: reluGradVjp,
  greater: noGradient,
  greaterEqual: noGradient,
  less: noGradient,
  lessEqual: noGradient,
  equal: noGradient,
  notEqual: noGradient,
  logicalAnd: noGradient,
  logicalOr: noGradient,
  logicalNot: noGradient,
  isNaN: noGradient,
  isFinite: noGradient,
  isInf: noGradient,
  where: whereVjp,
  sum: sumVjp,
  prod: prodVjp,
  max: maxVjp,
  min: minVjp,
  all: noGradient,
  any: noGradient,
  l2Loss: l2LossVjp,
  argMax: noGradient,
  argMin: noGradient,
  cumsum: cumsumVjp,
  cumprod: cumprodVjp,
  matMul: matMulVjp,
  conv2d: conv2dVjp,
  conv2dBackpropInput: conv2dBackpropInputVjp,
  conv2dBackpropFilter: conv2dBackpropFilterVjp,
  maxPool: maxPoolVjp,
  maxPoolGrad: maxPoolGradVjp,
  avgPool: avgPoolVjp,
  avgPoolGrad: avgPoolGradVjp,
  reshape: reshapeVjp,
  transpose: transposeVjp,
  broadcastTo: broadcastToVjp,
  concat: concatVjp,
  slice: sliceVjp,
  pad: padVjp,
  tile: tileVjp,
  mirrorPad: mirrorPadVjp,
  mirrorPadGrad: mirrorPadGradVjp,
  stridedSlice: stridedSliceVjp,
  reverse: reverseVjp,
  gather: gatherVjp,
  unsortedSegmentSum: unsortedSegmentSumVjp,
  gatherND: gatherNDVjp,
  scatterND: scatterNDVjp,
  cast: castVjp,
  stopGradient: noGradient,
} satisfies { readonly [P in Primitive]: VjpRule<P> }

/** True for primitives through which no gradient flows; the tape skips them. */
export function hasNoGradient(op: Primitive): boolean {
  return vjpRules[op] === noGradient
}

/**
 * The rule for `op`, typed for any primitive's inputs and attrs. The tape
 * keeps nodes of all primitives in one array, which loses the link between
 * a node's op and its inputs' and attrs' types; `record` checked that link
 * when the node was made, so this one cast is sound.
 */
export function ruleFor(op: Primitive): VjpRule<Primitive> {
  return vjpRules[op] as VjpRule<Primitive>
}
