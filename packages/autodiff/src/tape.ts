import type { Primitive, PrimitiveAttrs, PrimitiveInputs, Tensor, Tracer } from '@gradstream/tensor'
import { hasNoGradient } from './rules/index'

/**
 * Records, while a function being differentiated runs, the primitive ops
 * that depend on its differentiated leaves (the sources). Ops on constants
 * only, ops with integer or bool outputs, and ops without a gradient are
 * left out, so they cost a couple of checks. Nodes live in parallel arrays.
 */
export class Tape implements Tracer {
  readonly ops: Primitive[] = []
  readonly inputs: PrimitiveInputs<Primitive>[] = []
  readonly outputs: Tensor[] = []
  readonly attrs: PrimitiveAttrs<Primitive>[] = []
  readonly #dependent: Set<Tensor>

  constructor(sources: readonly Tensor[]) {
    this.#dependent = new Set(sources)
  }

  record<P extends Primitive>(op: P, inputs: PrimitiveInputs<P>, output: Tensor, attrs: PrimitiveAttrs<P>): void {
    if (output.dtype !== 'float32' && output.dtype !== 'float64') return
    if (!this.dependsOnSources(inputs) || hasNoGradient(op)) return
    this.#dependent.add(output)
    this.ops.push(op)
    this.inputs.push(inputs)
    this.outputs.push(output)
    this.attrs.push(attrs)
  }

  /** True when `x` is a source or was computed from one on this tape. */
  isDependent(x: Tensor): boolean {
    return this.#dependent.has(x)
  }

  private dependsOnSources(inputs: readonly Tensor[]): boolean {
    for (const x of inputs) if (this.#dependent.has(x)) return true
    return false
  }
}
