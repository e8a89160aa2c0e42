import type { Primitive, PrimitiveAttrs, PrimitiveInputs } from './primitives'
import type { Tensor } from './tensor'

/** Receives every primitive op executed while it is active (autodiff's tape is one). */
export interface Tracer {
  record<P extends Primitive>(op: P, inputs: PrimitiveInputs<P>, output: Tensor, attrs: PrimitiveAttrs<P>): void
  /** Receives a node with its own backward rule; a tracer without this method does not see such nodes. */
  recordCustom?(node: CustomNode): void
}

/**
 * A function call that brings its own vector-Jacobian product (autodiff's
 * `customVjp`): outside the closed primitive set, so it carries its rule.
 * @example recordCustom({ inputs: [x], output: y, vjp: (g) => [mul(g, 2)] })
 */
export interface CustomNode {
  readonly inputs: readonly Tensor[]
  readonly output: Tensor
  /** The cotangent of each input (or null where none flows) for the output's cotangent `g`. */
  readonly vjp: (g: Tensor) => readonly (Tensor | null)[]
}

// The tracers of the gradient computations in progress, innermost last. Each
// sees every op, so a gradient taken inside a function being differentiated is
// itself differentiable. This is the only module-level state that changes what
// an op computes or records; the others are invisible in results: the cache of
// frozen shapes (frozenShape.ts), the count of unseeded random calls
// (random/tfSeeds.ts) and the compiled WebAssembly module and its heap
// (kernels/wasmHeap.ts).
const active: Tracer[] = []

/** Reports an op to the active tracers. With none active this is one length check. */
export function record<P extends Primitive>(
  op: P,
  inputs: PrimitiveInputs<P>,
  output: Tensor,
  attrs: PrimitiveAttrs<P>,
): void {
  if (active.length === 0) return
  for (const tracer of active) tracer.record(op, inputs, output, attrs)
}

/**
 * Reports a node with its own backward rule to the active tracers that take
 * such nodes. Its forward computation ran under {@link withoutTracers}.
 * @example recordCustom({ inputs: [x], output: y, vjp: (g) => [mul(g, 2)] })
 */
export function recordCustom(node: CustomNode): void {
  for (const tracer of active) tracer.recordCustom?.(node)
}

/**
 * Runs `fn` unseen by the active tracers, which are back in place
 * afterwards even when `fn` throws; a tracer `fn` itself starts still works.
 * @example withoutTracers(() => add(x, 1)) // nothing recorded
 */
export function withoutTracers<T>(fn: () => T): T {
  const paused = active.splice(0)
  try {
    return fn()
  } finally {
    active.splice(0, active.length, ...paused)
  }
}

/**
 * Runs `fn` with `tracer` receiving every primitive op, and removes it
 * afterwards even when `fn` throws.
 */
export function withTracer<T>(tracer: Tracer, fn: () => T): T {
  active.push(tracer)
  try {
    return fn()
  } finally {
    // Nearly always the innermost; a tracer elsewhere in the stack is searched for.
    if (active[active.length - 1] === tracer) {
      active.pop()
    } else {
      const index = active.lastIndexOf(tracer)
      if (index >= 0) active.splice(index, 1)
    }
  }
}

/** True while at least one tracer is recording. */
export function isTracing(): boolean {
  return active.length > 0
}
