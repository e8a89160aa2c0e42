import { describe, expect, it } from 'vitest'
import * as gs from './index'
import type { Primitive, Tensor, Tracer } from './index'

const { tensor, withTracer, isTracing } = gs

interface Entry {
  readonly op: Primitive
  readonly inputs: readonly Tensor[]
  readonly output: Tensor
  readonly attrs: unknown
}

function recorder(): Tracer & { readonly entries: Entry[] } {
  const entries: Entry[] = []
  return { entries, record: (op, inputs, output, attrs) => void entries.push({ op, inputs, output, attrs }) }
}

function opsRecorded(fn: () => unknown): Primitive[] {
  const tape = recorder()
  withTracer(tape, fn)
  return tape.entries.map((e) => e.op)
}

const x = tensor([
  [1, -2],
  [3, 4],
])
const flags = tensor([true, false])
const ids = tensor([1, 0], undefined, 'int32')
const image = tensor([1, -2, 3, 4], [1, 2, 2, 1])

// One call per primitive; `satisfies` makes the compiler flag a primitive missing here.
const primitiveCalls = {
  add: () => gs.add(x, x),
  sub: () => gs.sub(x, x),
  mul: () => gs.mul(x, x),
  div: () => gs.div(x, x),
  pow: () => gs.pow(x, x),
  maximum: () => gs.maximum(x, x),
  minimum: () => gs.minimum(x, x),
  neg: () => gs.neg(x),
  square: () => gs.square(x),
  sqrt: () => gs.sqrt(x),
  exp: () => gs.exp(x),
  log: () => gs.log(x),
  log1p: () => gs.log1p(x),
  abs: () => gs.abs(x),
  sign: () => gs.sign(x),
  floorDiv: () => gs.floorDiv(x, 2),
  mod: () => gs.mod(x, 2),
  reciprocal: () => gs.reciprocal(x),
  rsqrt: () => gs.rsqrt(x),
  expm1: () => gs.expm1(x),
  erf: () => gs.erf(x),
  floor: () => gs.floor(x),
  ceil: () => gs.ceil(x),
  round: () => gs.round(x),
  sin: () => gs.sin(x),
  cos: () => gs.cos(x),
  tan: () => gs.tan(x),
  asin: () => gs.asin(x),
  acos: () => gs.acos(x),
  atan: () => gs.atan(x),
  atan2: () => gs.atan2(x, x),
  sinh: () => gs.sinh(x),
  cosh: () => gs.cosh(x),
  sigmoid: () => gs.sigmoid(x),
  tanh: () => gs.tanh(x),
  elu: () => gs.elu(x),
  clipByValue: () => gs.clipByValue(x, 0, 1),
  eluGrad: () => gs.eluGrad(x, x),
  relu: () => gs.relu(x),
  reluGrad: () => gs.reluGrad(x, x),
  greater: () => gs.greater(x, x),
  greaterEqual: () => gs.greaterEqual(x, x),
  less: () => gs.less(x, x),
  lessEqual: () => gs.lessEqual(x, x),
  equal: () => gs.equal(x, x),
  notEqual: () => gs.notEqual(x, x),
  logicalAnd: () => gs.logicalAnd(flags, flags),
  logicalOr: () => gs.logicalOr(flags, flags),
  logicalNot: () => gs.logicalNot(flags),
  isNaN: () => gs.isNaN(x),
  isFinite: () => gs.isFinite(x),
  isInf: () => gs.isInf(x),
  where: () => gs.where(flags, x, x),
  sum: () => gs.sum(x),
  prod: () => gs.prod(x),
  max: () => gs.max(x),
  min: () => gs.min(x),
  all: () => gs.all(flags),
  any: () => gs.any(flags),
  l2Loss: () => gs.l2Loss(x),
  argMax: () => gs.argMax(x),
  argMin: () => gs.argMin(x),
  cumsum: () => gs.cumsum(x),
  cumprod: () => gs.cumprod(x),
  matMul: () => gs.matMul(x, x),
  maxPool: () => gs.maxPool(image, { ksize: 2 }),
  maxPoolGrad: () => gs.maxPoolGrad(image, tensor([3, 0, 3, 1], [1, 2, 2, 1], 'int32'), [4]),
  avgPool: () => gs.avgPool(image, { ksize: 2 }),
  avgPoolGrad: () => gs.avgPoolGrad([1, 2, 2, 1], image, { ksize: 1 }),
  conv2d: () => gs.conv2d(image, gs.ones([1, 1, 1, 1])),
  conv2dBackpropInput: () => gs.conv2dBackpropInput([1, 2, 2, 1], gs.ones([1, 1, 1, 1]), image),
  conv2dBackpropFilter: () => gs.conv2dBackpropFilter(image, [1, 1, 1, 1], image),
  reshape: () => gs.reshape(x, [4]),
  transpose: () => gs.transpose(x),
  broadcastTo: () => gs.broadcastTo(x, [2, 2, 2]),
  concat: () => gs.concat([x, x]),
  slice: () => gs.slice(x, [0, 0], [1, 1]),
  pad: () =>
    gs.pad(x, [
      [1, 0],
      [0, 1],
    ]),
  tile: () => gs.tile(x, [1, 2]),
  gather: () => gs.gather(x, ids),
  unsortedSegmentSum: () => gs.unsortedSegmentSum(x, ids, 2),
  mirrorPad: () =>
    gs.mirrorPad(
      x,
      [
        [1, 0],
        [0, 1],
      ],
      'REFLECT',
    ),
  mirrorPadGrad: () =>
    gs.mirrorPadGrad(
      x,
      [
        [1, 0],
        [0, 0],
      ],
      'SYMMETRIC',
    ),
  stridedSlice: () => gs.stridedSlice(x, [1, 0], [-3, 2], [-1, 2]),
  reverse: () => gs.reverse(x),
  gatherND: () => gs.gatherND(x, tensor([[1, 0]], undefined, 'int32')),
  scatterND: () => gs.scatterND(tensor([[1]], undefined, 'int32'), tensor([5]), [2]),
  cast: () => gs.cast(x, 'int32'),
  stopGradient: () => gs.stopGradient(x),
} satisfies Record<Primitive, () => Tensor>

describe('withTracer', () => {
  it.each(Object.entries(primitiveCalls))('records the primitive %s once, with its output', (name, call) => {
    const tape = recorder()
    const out = withTracer(tape, call)
    expect(tape.entries.map((e) => e.op)).toEqual([name])
    expect(tape.entries[0]!.output).toBe(out)
  })

  it('records the input tensors themselves, and a number operand as a scalar of the partner dtype', () => {
    const a = tensor([1, 2])
    const tape = recorder()
    const out = withTracer(tape, () => gs.mul(a, 3))
    const [entry] = tape.entries
    expect(entry!.inputs[0]).toBe(a)
    expect(entry!.inputs[1]!.shape).toEqual([])
    expect(entry!.inputs[1]!.toArray()).toBe(3)
    expect(entry!.inputs[1]!.dtype).toBe('float32')
    expect(entry!.attrs).toEqual({})
    expect(out.toArray()).toEqual([3, 6])
  })

  it('records resolved attributes', () => {
    const attrsOf = (call: () => Tensor) => {
      const tape = recorder()
      withTracer(tape, call)
      return tape.entries[0]!.attrs
    }
    expect(attrsOf(() => gs.sum(x, -1, true))).toEqual({ axes: [1], keepDims: true })
    expect(attrsOf(() => gs.max(x))).toEqual({ axes: [0, 1], keepDims: false })
    expect(attrsOf(() => gs.argMin(x, -1))).toEqual({ axis: 1 })
    expect(attrsOf(() => gs.cumsum(x, -1, { reverse: true }))).toEqual({ axis: 1, exclusive: false, reverse: true })
    expect(attrsOf(() => gs.matMul(x, x, true))).toEqual({ transposeA: true, transposeB: false })
    expect(attrsOf(() => gs.reshape(x, [-1, 1]))).toEqual({ shape: [4, 1] })
    expect(attrsOf(() => gs.transpose(x))).toEqual({ perm: [1, 0] })
    expect(attrsOf(() => gs.slice(x, [1, 0], [-1, 1]))).toEqual({ begin: [1, 0], size: [1, 1] })
    expect(attrsOf(() => gs.gather(x, ids, -1))).toEqual({ axis: 1 })
    expect(attrsOf(() => gs.cast(x, 'bool'))).toEqual({ dtype: 'bool' })
    expect(
      attrsOf(() =>
        gs.pad(
          x,
          [
            [1, 0],
            [0, 2],
          ],
          5,
        ),
      ),
    ).toEqual({
      paddings: [
        [1, 0],
        [0, 2],
      ],
      constantValue: 5,
    })
  })

  it('records every input of concat', () => {
    const parts = [tensor([1]), tensor([2]), tensor([3])]
    const tape = recorder()
    withTracer(tape, () => gs.concat(parts))
    expect(tape.entries[0]!.inputs).toEqual(parts)
    expect(tape.entries[0]!.inputs[2]).toBe(parts[2])
  })

  it('records the primitives a composite op is built from, in order', () => {
    expect(opsRecorded(() => gs.relu6(x))).toEqual(['lessEqual', 'greaterEqual', 'where', 'where'])
    expect(opsRecorded(() => gs.mean(x))).toEqual(['sum', 'div'])
    expect(opsRecorded(() => gs.softmax(x))).toEqual(['max', 'stopGradient', 'sub', 'exp', 'sum', 'div'])
    expect(opsRecorded(() => gs.logSoftmax(x))).toEqual(['max', 'stopGradient', 'sub', 'exp', 'sum', 'log', 'sub'])
    expect(opsRecorded(() => gs.softplus(x))).toEqual(['maximum', 'abs', 'neg', 'exp', 'log1p', 'add'])
    expect(opsRecorded(() => gs.addN([x, x, x]))).toEqual(['add', 'add'])
    expect(opsRecorded(() => gs.expandDims(x))).toEqual(['reshape'])
    expect(opsRecorded(() => gs.squeeze(tensor([[1]])))).toEqual(['reshape'])
    expect(opsRecorded(() => gs.stack([x, x]))).toEqual(['reshape', 'reshape', 'concat'])
    expect(opsRecorded(() => gs.oneHot(ids, 2))).toEqual(['reshape', 'equal', 'where'])
  })

  it('records nothing for creation functions', () => {
    expect(
      opsRecorded(() => [gs.tensor([1]), gs.zeros([2]), gs.ones([2]), gs.fill([1], 3), gs.eye(2), gs.range(0, 3)]),
    ).toEqual([])
  })

  it('records nothing for an op that throws', () => {
    expect(opsRecorded(() => expect(() => gs.add(x, tensor([1, 2, 3]))).toThrow(gs.ShapeError))).toEqual([])
  })

  it("returns fn's value", () => {
    expect(withTracer(recorder(), () => 42)).toBe(42)
  })

  it('records nothing without an active tracer', () => {
    const tape = recorder()
    expect(isTracing()).toBe(false)
    gs.add(x, x)
    withTracer(tape, () => {
      expect(isTracing()).toBe(true)
      gs.neg(x)
    })
    gs.exp(x)
    expect(isTracing()).toBe(false)
    expect(tape.entries.map((e) => e.op)).toEqual(['neg'])
  })

  it('removes the tracer when fn throws, and rethrows', () => {
    const tape = recorder()
    const failure = new Error('inside')
    expect(() =>
      withTracer(tape, () => {
        gs.neg(x)
        throw failure
      }),
    ).toThrow(failure)
    expect(isTracing()).toBe(false)
    gs.abs(x)
    expect(tape.entries.map((e) => e.op)).toEqual(['neg'])
  })

  it('lets nested tracers both see the inner ops, and only the outer see the outer ones', () => {
    const outer = recorder()
    const inner = recorder()
    withTracer(outer, () => {
      gs.neg(x)
      withTracer(inner, () => gs.exp(x))
      gs.abs(x)
    })
    expect(outer.entries.map((e) => e.op)).toEqual(['neg', 'exp', 'abs'])
    expect(inner.entries.map((e) => e.op)).toEqual(['exp'])
    expect(outer.entries[1]!.output).toBe(inner.entries[0]!.output)
  })

  it('keeps the outer tracer active when an inner one throws', () => {
    const outer = recorder()
    withTracer(outer, () => {
      expect(() =>
        withTracer(recorder(), () => {
          throw new Error('inner')
        }),
      ).toThrow('inner')
      expect(isTracing()).toBe(true)
      gs.sign(x)
    })
    expect(outer.entries.map((e) => e.op)).toEqual(['sign'])
  })
})

describe('record', () => {
  it('reports to every active tracer and does nothing with none', () => {
    const tape = recorder()
    const out = tensor([1])
    gs.record('neg', [out], out, gs.NO_ATTRS)
    withTracer(tape, () => gs.record('neg', [out], out, gs.NO_ATTRS))
    expect(tape.entries).toEqual([{ op: 'neg', inputs: [out], output: out, attrs: {} }])
  })
})
