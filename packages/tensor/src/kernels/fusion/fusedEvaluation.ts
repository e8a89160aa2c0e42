import { allocate } from '../../dtype'
import type { TypedArray } from '../../dtype'
import { EXP_TABLE } from '../expFloat32'
import { LOG_TABLES } from '../logFloat32'
import { kernels } from '../registry'
import { address, canUseWasm, toVectors, wasmHeap } from '../wasmHeap'
import type { WasmHeap } from '../wasmHeap'
import type { FusedBinaryOp, FusedNode, FusedUnaryOp } from './fusedExpression'
import { MAX_FUSED_LEAVES, MAX_FUSED_OPS, opCount } from './fusedExpression'

// A fused expression runs block by block: each block of every stored leaf is
// copied into a slot of the WebAssembly heap, each op runs its WebAssembly
// pass from its inputs' slots into its own, and the root's slot is copied
// out or summed, so the inputs are read once and no intermediate result is
// ever allocated. The passes are the ones the ops run alone (elementwiseWasm,
// logWasm, expWasm), with the same Math fallbacks for what they leave
// undecided, so every element has the bits of the ops run one by one.

// Floats per slot: 16 KB, so the slots of the longest expression stay in a core's L2 cache.
const BLOCK = 4096
// Below one block an op is not deferred: deferring costs about a microsecond, more than fusing saves there.
const MIN_FUSED_ELEMENTS = BLOCK

type Step =
  | { readonly kind: 'load'; readonly values: Float32Array; readonly to: number }
  | { readonly kind: 'unary'; readonly op: FusedUnaryOp; readonly from: number; readonly to: number }
  | { readonly kind: 'binary'; readonly op: FusedBinaryOp; readonly a: number; readonly b: number; readonly to: number }
  | { readonly kind: 'clip'; readonly bounds: number; readonly from: number; readonly to: number }

/** An expression as steps over heap slots (float offsets), with what the heap holds besides. */
interface Program {
  readonly steps: readonly Step[]
  readonly scalars: readonly { readonly value: number; readonly slot: number }[]
  readonly clipBounds: readonly number[]
  readonly root: number
  readonly slotCount: number
}

/** True when an elementwise result of `size` float32 values may be deferred and computed by {@link computeFused}. */
export function canFuse(size: number): boolean {
  return size >= MIN_FUSED_ELEMENTS && canUseWasm(4 * BLOCK * (2 * MAX_FUSED_OPS + MAX_FUSED_LEAVES + 2))
}

/** Each node a slot of its own (a node or stored array met twice is computed or copied once per block). */
function compile(root: FusedNode): Program {
  const steps: Step[] = []
  const scalars: { value: number; slot: number }[] = []
  const clipBounds: number[] = []
  const slots = new Map<FusedNode | Float32Array, number>()
  const slotOf = (node: FusedNode): number => {
    const key = node.kind === 'values' ? node.values : node
    const known = slots.get(key)
    if (known !== undefined) return known
    // Inputs first, so that every step reads slots an earlier step has filled.
    const inputs =
      node.kind === 'binary'
        ? [slotOf(node.a), slotOf(node.b)]
        : node.kind === 'unary' || node.kind === 'clip'
          ? [slotOf(node.input)]
          : []
    const [from = 0, second = 0] = inputs
    const to = BLOCK * slots.size
    slots.set(key, to)
    if (node.kind === 'values') steps.push({ kind: 'load', values: node.values, to })
    else if (node.kind === 'scalar') scalars.push({ value: node.value, slot: to })
    else if (node.kind === 'unary') steps.push({ kind: 'unary', op: node.op, from, to })
    else if (node.kind === 'binary') steps.push({ kind: 'binary', op: node.op, a: from, b: second, to })
    else {
      steps.push({ kind: 'clip', bounds: clipBounds.length, from, to })
      clipBounds.push(node.low, node.high)
    }
    return to
  }
  const rootSlot = slotOf(root)
  return { steps, scalars, clipBounds, root: rootSlot, slotCount: slots.size }
}

/** Float offsets of what follows the slots in the heap. */
function layoutAfter(program: Program) {
  const logTables = BLOCK * program.slotCount
  const expTable = logTables + 2 * LOG_TABLES.length
  const bounds = expTable + 2 * EXP_TABLE.length
  const undecided = bounds + program.clipBounds.length
  // One float for a running sum, after the undecided list.
  const total = undecided + 1 + BLOCK
  return { logTables, expTable, bounds, undecided, total, end: total + 1 }
}

type Layout = ReturnType<typeof layoutAfter>

/** The heap with the tables, scalars and bounds the program reads in place, or undefined where there is none. */
function prepareHeap(program: Program, layout: Layout, size: number): WasmHeap | undefined {
  const heap = wasmHeap(4 * layout.end)
  if (heap === undefined) return undefined
  const ops = new Set(program.steps.map((step) => (step.kind === 'unary' ? step.op : step.kind)))
  if (ops.has('log')) new Float64Array(heap.floats.buffer, address(layout.logTables), LOG_TABLES.length).set(LOG_TABLES)
  if (ops.has('exp') || ops.has('elu') || ops.has('tanh')) {
    new Float64Array(heap.floats.buffer, address(layout.expTable), EXP_TABLE.length).set(EXP_TABLE)
  }
  heap.floats.set(program.clipBounds, layout.bounds)
  // Whole vectors of the first block, all that later blocks read.
  const filled = Math.min(BLOCK, toVectors(size))
  for (const { value, slot } of program.scalars) heap.floats.fill(value, slot, slot + filled)
  heap.floats[layout.total] = 0
  return heap
}

const SIMPLE_UNARY_CODES = { neg: 0, abs: 1, sqrt: 2, square: 3 } as const
const ARITHMETIC_CODES = { add: 0, sub: 1, mul: 2, div: 3 } as const

/** Runs one step on the `count` elements of the block from `start`. */
function runStep(heap: WasmHeap, layout: Layout, step: Step, start: number, count: number): void {
  const { kernels: wasm, floats } = heap
  if (step.kind === 'load') {
    floats.set(step.values.subarray(start, start + count), step.to)
  } else if (step.kind === 'binary') {
    wasm.arithmetic(address(step.a), address(step.b), address(step.to), count, ARITHMETIC_CODES[step.op])
  } else if (step.kind === 'clip') {
    wasm.clip(address(step.from), address(step.to), count, address(layout.bounds + step.bounds))
  } else {
    runUnary(heap, layout, step.op, step.from, step.to, count)
  }
}

function runUnary(heap: WasmHeap, layout: Layout, op: FusedUnaryOp, from: number, to: number, count: number): void {
  const { kernels: wasm } = heap
  const [src, dst, undecided, expTable] = [
    address(from),
    address(to),
    address(layout.undecided),
    address(layout.expTable),
  ]
  switch (op) {
    case 'relu':
      return wasm.relu(src, dst, count)
    case 'log':
      wasm.logFloat32(src, dst, count, address(layout.logTables), undecided)
      return fillUndecided(heap, layout, from, to, count, Math.log)
    case 'exp':
      wasm.expFloat32(src, dst, count, 1, expTable, undecided)
      return fillUndecided(heap, layout, from, to, count, Math.exp)
    case 'elu':
      wasm.eluFloat32(src, dst, count, expTable, undecided)
      return fillUndecided(heap, layout, from, to, count, Math.expm1)
    case 'tanh':
      wasm.tanhFloat32(src, dst, count, expTable, undecided)
      return fillUndecided(heap, layout, from, to, count, Math.tanh)
    default:
      return wasm.simpleUnary(src, dst, count, SIMPLE_UNARY_CODES[op])
  }
}

/** The elements a pass left undecided, from `fallback` as the TypeScript loop computes them. */
function fillUndecided(
  { floats, ints }: WasmHeap,
  layout: Layout,
  from: number,
  to: number,
  count: number,
  fallback: (v: number) => number,
): void {
  for (let at = layout.undecided + 1, end = at + ints[layout.undecided]!; at < end; at++) {
    const i = ints[at]!
    // The passes run whole vectors of four: an index past the block's end belongs to no value.
    if (i < count) floats[to + i] = fallback(floats[from + i]!)
  }
}

/** Runs `program` over `size` elements block by block, handing each block's result slot to `take`. */
function runBlocks(
  root: FusedNode,
  size: number,
  take: (heap: WasmHeap, root: number, start: number, count: number, layout: Layout) => void,
): boolean {
  const program = compile(root)
  const layout = layoutAfter(program)
  const heap = prepareHeap(program, layout, size)
  if (heap === undefined) return false
  for (let start = 0; start < size; start += BLOCK) {
    const count = Math.min(BLOCK, size - start)
    for (const step of program.steps) runStep(heap, layout, step, start, count)
    take(heap, program.root, start, count, layout)
  }
  return true
}

/** The `size` float32 values of `node`, bit for bit what its ops give run one by one. */
export function computeFused(node: FusedNode, size: number): TypedArray {
  // One op over stored operands gains nothing from blocks: its kernel, as when not deferred.
  if (opCount(node) === 1) return computeOneByOne(node, size)
  const out = allocate('float32', size)
  const done = runBlocks(node, size, ({ floats }, root, start, count) =>
    out.set(floats.subarray(root, root + count), start),
  )
  return done ? out : computeOneByOne(node, size)
}

/** The sequential float32 sum from +0 of the values of `node`: `sum` of {@link computeFused}'s values, bit for bit. */
export function sumFused(node: FusedNode, size: number): number {
  let total = 0
  const done = runBlocks(node, size, (heap, root, start, count, layout) => {
    heap.kernels.sumContinued(address(root), count, address(layout.total))
    if (start + count === size) total = heap.floats[layout.total]!
  })
  return done ? total : kernels.reduce('sum', computeOneByOne(node, size), [size], [0], 'float32')[0]!
}

/** The ops one after another through the kernels, each result stored: what they compute when not deferred. */
function computeOneByOne(node: FusedNode, size: number): TypedArray {
  switch (node.kind) {
    case 'values':
      return node.values
    case 'scalar':
      return Float32Array.of(node.value)
    case 'unary':
      return kernels.unary(node.op, computeOneByOne(node.input, size), 'float32')
    case 'clip':
      return kernels.clip(computeOneByOne(node.input, size), node.low, node.high, 'float32')
    case 'binary': {
      const [a, b] = [computeOneByOne(node.a, size), computeOneByOne(node.b, size)]
      return kernels.binary(node.op, a, b, { aShape: [a.length], bShape: [b.length], outShape: [size] }, 'float32')
    }
  }
}
