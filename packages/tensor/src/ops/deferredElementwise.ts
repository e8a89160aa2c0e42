import type { DType, TypedArray } from '../dtype'
import {
  canFuse,
  computeFused,
  fitsOneExpression,
  isFusedBinaryOp,
  isFusedUnaryOp,
  sigmoidNode,
  sumFused,
} from '../kernels'
import type { FusedNode } from '../kernels'
import { sizeOf } from '../shape'
import { deferredOf, fromDeferred, valuesOf } from '../tensor'
import type { DeferredValues, Tensor } from '../tensor'
import { isTracing } from '../tracer'

// Large float32 elementwise results are deferred: the op, once it has checked
// its arguments, returns a tensor holding a small expression over its
// operands' storage (kernels/fusion), and a later elementwise op on that
// tensor extends the expression instead of reading values. The values are
// computed on the tensor's first read, all ops in one pass, or summed by
// `sum` without ever being stored. Either way every element has the bits
// the ops give one by one, so nothing but the time changes.

/** A tensor's pending expression over `size` elements. */
class FusedValues implements DeferredValues {
  // Set once an op or a sum has taken the expression into its own: the next one reads the stored values
  // instead. An op then runs once per tensor whose expression holds it, and those tensors form one chain
  // of at most MAX_FUSED_OPS: once when only the chain's end is read, once more per intermediate read.
  #used = false

  constructor(
    readonly node: FusedNode,
    readonly size: number,
  ) {}

  get used(): boolean {
    return this.#used
  }

  markUsed(): void {
    this.#used = true
  }

  compute(): TypedArray {
    return computeFused(this.node, this.size)
  }
}

/** The expression a tensor is waiting on, or undefined once it is stored (or was never deferred). */
export function pendingExpression(tensor: Tensor): FusedNode | undefined {
  const pending = deferredOf(tensor)
  return pending instanceof FusedValues ? pending.node : undefined
}

/** `tensor`'s pending expression if no op has used it yet. */
function unusedExpression(tensor: Tensor): FusedValues | undefined {
  const pending = deferredOf(tensor)
  return pending instanceof FusedValues && !pending.used ? pending : undefined
}

/** `tensor` read as stored values, or as one repeated value when it has one element. */
function storedNode(tensor: Tensor): FusedNode | undefined {
  const values = valuesOf(tensor)
  if (!(values instanceof Float32Array)) return undefined
  return values.length === 1 ? { kind: 'scalar', value: values[0]! } : { kind: 'values', values }
}

/**
 * A deferred float32 tensor of `shape` from `build` over the operands' nodes: their own pending
 * expressions where the whole stays within the expression limits, else their stored values.
 */
function deferOver(
  operands: readonly Tensor[],
  shape: readonly number[],
  build: (nodes: readonly FusedNode[]) => FusedNode,
): Tensor | undefined {
  // While a gradient is being taken, its backward pass reads most results anyway: they are stored at once,
  // exactly as before deferral existed.
  if (isTracing()) return undefined
  const distinct = [...new Set(operands)]
  const pending = distinct.map(unusedExpression)
  const inlined = distinct.map((tensor, i) => pending[i]?.node ?? storedNode(tensor))
  const nodes = fitsOneExpression(inlined.filter((node) => node !== undefined)) ? inlined : distinct.map(storedNode)
  if (nodes.some((node) => node === undefined)) return undefined
  distinct.forEach((_, i) => {
    if (pending[i] !== undefined && nodes[i] === pending[i].node) pending[i].markUsed()
  })
  const nodeOf = new Map(distinct.map((tensor, i) => [tensor, nodes[i]!]))
  return fromDeferred(new FusedValues(build(operands.map((t) => nodeOf.get(t)!)), sizeOf(shape)), shape, 'float32')
}

/** `op(x)` deferred, or undefined for what the kernels compute now (other ops and dtypes, small tensors). */
export function deferUnary(op: string, x: Tensor, outDType: DType): Tensor | undefined {
  if (outDType !== 'float32' || x.dtype !== 'float32' || !canFuse(x.size)) return undefined
  if (op === 'sigmoidFloat32') return deferOver([x], x.shape, ([input]) => sigmoidNode(input!))
  if (!isFusedUnaryOp(op)) return undefined
  return deferOver([x], x.shape, ([input]) => ({ kind: 'unary', op, input: input! }))
}

/**
 * `a op b` deferred for same-sized operands or one of one element, or undefined for what the kernels
 * compute now (other ops, dtypes and broadcasts, small tensors).
 */
export function deferBinary(
  op: string,
  a: Tensor,
  b: Tensor,
  shape: readonly number[],
  outDType: DType,
): Tensor | undefined {
  // Cheapest tests first: the dtypes and the size turn small tensors away before the op's set lookup.
  if (outDType !== 'float32' || a.dtype !== 'float32' || b.dtype !== 'float32') return undefined
  const size = sizeOf(shape)
  if (!canFuse(size) || !isFusedBinaryOp(op)) return undefined
  if ((a.size !== size && a.size !== 1) || (b.size !== size && b.size !== 1)) return undefined
  return deferOver([a, b], shape, ([x, y]) => ({ kind: 'binary', op, a: x!, b: y! }))
}

/** clipByValue deferred for float32, or undefined for what the clip kernel computes now. */
export function deferClip(x: Tensor, low: number, high: number): Tensor | undefined {
  if (x.dtype !== 'float32' || !canFuse(x.size)) return undefined
  return deferOver([x], x.shape, ([input]) => ({ kind: 'clip', low, high, input: input! }))
}

/**
 * The float32 sum over every axis of a tensor still pending, computed with its expression in one pass
 * (the sequential sum from +0, as the reduce kernel); undefined for stored tensors and other reductions.
 */
export function fusedSum(x: Tensor, axes: readonly number[]): TypedArray | undefined {
  const pending = unusedExpression(x)
  if (pending === undefined || axes.length !== x.rank) return undefined
  pending.markUsed()
  return Float32Array.of(sumFused(pending.node, pending.size))
}
