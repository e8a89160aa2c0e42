// A small tree of pending float32 elementwise ops over stored values, which
// fusedEvaluation.ts computes block by block without storing what lies
// between its leaves and its root. Every node is a kernel op whose float32
// result does not depend on its neighbours, so computing it element by
// element, in blocks or all at once, gives the same bits.

/** Unary kernel ops a fused expression runs, each with a WebAssembly pass that has the TypeScript loop's bits. */
export type FusedUnaryOp = 'neg' | 'abs' | 'sqrt' | 'square' | 'relu' | 'log' | 'exp' | 'elu' | 'tanh'

/** Binary kernel ops a fused expression runs: one f32 rounding of the exact result, as the TypeScript loops. */
export type FusedBinaryOp = 'add' | 'sub' | 'mul' | 'div'

const FUSED_UNARY_OPS: ReadonlySet<string> = new Set<FusedUnaryOp>([
  'neg',
  'abs',
  'sqrt',
  'square',
  'relu',
  'log',
  'exp',
  'elu',
  'tanh',
])

const FUSED_BINARY_OPS: ReadonlySet<string> = new Set<FusedBinaryOp>(['add', 'sub', 'mul', 'div'])

/** Whether a fused expression runs the unary kernel op `op`. */
export const isFusedUnaryOp = (op: string): op is FusedUnaryOp => FUSED_UNARY_OPS.has(op)

/** Whether a fused expression runs the binary kernel op `op`. */
export const isFusedBinaryOp = (op: string): op is FusedBinaryOp => FUSED_BINARY_OPS.has(op)

/**
 * A pending float32 elementwise expression: stored values (as long as the
 * result, read element for element), a one-element operand repeated, or an
 * op over other nodes.
 */
export type FusedNode =
  | { readonly kind: 'values'; readonly values: Float32Array }
  | { readonly kind: 'scalar'; readonly value: number }
  | { readonly kind: 'unary'; readonly op: FusedUnaryOp; readonly input: FusedNode }
  | { readonly kind: 'binary'; readonly op: FusedBinaryOp; readonly a: FusedNode; readonly b: FusedNode }
  | { readonly kind: 'clip'; readonly low: number; readonly high: number; readonly input: FusedNode }

/**
 * TF1's float32 sigmoid of `input` as the steps its kernel rounds after (unary.ts's sigmoidFloat32):
 * e^-x, then 1 + e^-x, then 1 / (1 + e^-x), each rounded to float32. Negating is exact, so `exp` of `neg`
 * is the e^-x that kernel computes.
 */
export function sigmoidNode(input: FusedNode): FusedNode {
  const expNeg: FusedNode = { kind: 'unary', op: 'exp', input: { kind: 'unary', op: 'neg', input } }
  const one: FusedNode = { kind: 'scalar', value: 1 }
  return { kind: 'binary', op: 'div', a: one, b: { kind: 'binary', op: 'add', a: expNeg, b: one } }
}

/** At most this many ops in one expression: past it, an input is computed and stored first. */
export const MAX_FUSED_OPS = 8

/**
 * At most this many distinct stored arrays under one expression. Each is as
 * long as the result, so a pending tensor holds at most 3 arrays of its own
 * size (12 bytes per element against a stored tensor's 4), whatever chain of
 * ops made it.
 */
export const MAX_FUSED_LEAVES = 3

/** The number of ops in `node` (a node reached twice counts twice, as it is computed twice). */
export function opCount(node: FusedNode): number {
  switch (node.kind) {
    case 'values':
    case 'scalar':
      return 0
    case 'unary':
    case 'clip':
      return 1 + opCount(node.input)
    case 'binary':
      return 1 + opCount(node.a) + opCount(node.b)
  }
}

/** The distinct stored arrays `node` reads. */
export function leavesOf(node: FusedNode, into: Set<Float32Array> = new Set()): Set<Float32Array> {
  if (node.kind === 'values') into.add(node.values)
  else if (node.kind === 'unary' || node.kind === 'clip') leavesOf(node.input, into)
  else if (node.kind === 'binary') leavesOf(node.b, leavesOf(node.a, into))
  return into
}

/** Whether an expression made of `nodes` under one new op stays within {@link MAX_FUSED_OPS} and {@link MAX_FUSED_LEAVES}. */
export function fitsOneExpression(nodes: readonly FusedNode[]): boolean {
  let ops = 1
  const leaves = new Set<Float32Array>()
  for (const node of nodes) {
    ops += opCount(node)
    leavesOf(node, leaves)
  }
  return ops <= MAX_FUSED_OPS && leaves.size <= MAX_FUSED_LEAVES
}
