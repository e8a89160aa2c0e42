import type { CustomNode, Primitive, PrimitiveAttrs, PrimitiveInputs, Tensor, Tracer } from '@gradstream/tensor'
import { hasNoGradient } from './rules/index'

/** A primitive op as the tape keeps it; its rule comes from the primitive table. */
export interface PrimitiveNode {
  readonly kind: 'primitive'
  readonly op: Primitive
  readonly inputs: PrimitiveInputs<Primitive>
  readonly output: Tensor
  readonly attrs: PrimitiveAttrs<Primitive>
}

/** A call of a `customVjp` function: it carries its own rule and is no entry of the primitive table. */
export interface CustomTapeNode {
  readonly kind: 'custom'
  readonly node: CustomNode
}

/** One step of the recorded computation. */
export type TapeNode = PrimitiveNode | CustomTapeNode

/**
 * Records, while a function being differentiated runs, the primitive ops
 * (and `customVjp` calls) that depend on its differentiated leaves (the
 * sources). Ops on constants only, ops with integer or bool outputs, and
 * ops without a gradient are left out, so they cost a couple of checks.
 */
export class Tape implements Tracer {
  readonly nodes: TapeNode[] = []
  readonly #dependent: Set<Tensor>

  constructor(sources: readonly Tensor[]) {
    this.#dependent = new Set(sources)
  }

  record<P extends Primitive>(op: P, inputs: PrimitiveInputs<P>, output: Tensor, attrs: PrimitiveAttrs<P>): void {
    if (output.dtype !== 'float32' && output.dtype !== 'float64') return
    if (!this.dependsOnSources(inputs) || hasNoGradient(op)) return
    this.#dependent.add(output)
    this.nodes.push({ kind: 'primitive', op, inputs, output, attrs })
  }

  recordCustom(node: CustomNode): void {
    if (node.output.dtype !== 'float32' && node.output.dtype !== 'float64') return
    if (!this.dependsOnSources(node.inputs)) return
    this.#dependent.add(node.output)
    this.nodes.push({ kind: 'custom', node })
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
