/**
 * The compute layer under the ops. Ops validate their arguments, then call
 * `kernels.<name>` with storage, shapes (a layout object where there are
 * many) and an op code, never a callback, and wrap the new storage in a
 * tensor. Kernels allocate their output and never write to their inputs.
 *
 * What is a kernel: the loops of the elementwise ops (`unary`, `binary`,
 * `select`, `clip`), `matMul`, the reductions (`reduce`, `argReduce`,
 * `l2Loss`), `transpose`, the pooling windows (`maxPool`,
 * `maxPoolGrad`, `avgPool`, `avgPoolGrad`) and the convolutions (`conv2d`,
 * `conv2dBackpropInput`, `conv2dBackpropFilter`). {@link KERNEL_IMPLEMENTATIONS}
 * lists each with its TypeScript reference and, for some, a WebAssembly SIMD
 * implementation tried first, for float32: `matMul`, `sum` (of trailing
 * or leading axes), the convolutions (read straight from the padded input,
 * or as im2col products in that `matMul`), max pooling and its gradient,
 * `relu`, `reluGrad` and the bias add. Everything else runs the TypeScript
 * loops.
 *
 * `fusion/` runs the pending expressions of deferred elementwise results
 * (ops/deferredElementwise.ts) block by block through those elementwise
 * passes, and sums them in order without storing them.
 *
 * What is not (yet): `cast`, `tile`, `broadcastTo`, `slice`, `pad`,
 * `gather`, `unsortedSegmentSum`, `concat`, the cumulative ops (`cumsum`,
 * `cumprod`) and `identical` loop over storage inside their op files, and
 * `elementwiseKernel` runs loops its callers write. Moving one of them here means a row in the table and
 * a test that the ops' results do not change.
 */
export { kernels, KERNEL_IMPLEMENTATIONS } from './registry'
export type { KernelImplementations, WasmImplementation } from './registry'
export type { Kernels } from './Kernels'
export type { BinaryLayout, Conv2DLayout, MatMulLayout, PoolLayout, SelectLayout } from './layouts'
export type { BinaryKernelOp } from './binaryLoops'
export type { ArgReduceKernelOp } from './reduce'
export type { ReduceKernelOp } from './reduceLoops'
export type { UnaryKernelOp } from './unary'
export { canFuse, computeFused, sumFused } from './fusion/fusedEvaluation'
export { fitsOneExpression, isFusedBinaryOp, isFusedUnaryOp, sigmoidNode } from './fusion/fusedExpression'
export type { FusedBinaryOp, FusedNode, FusedUnaryOp } from './fusion/fusedExpression'
