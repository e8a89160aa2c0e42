// One entry per primitive: functions that exercise it, with the input shapes
// (broadcasting, size-1 axes, scalars) and value ranges (away from kinks)
// to check its gradient on. Non-differentiable primitives are exercised
// where their result steers a differentiable one.
import * as t from '@gradstream/tensor'
import type { Primitive, Tensor } from '@gradstream/tensor'
import { randomIndices, uniform } from './random'

export type Domain = readonly [low: number, high: number]

export interface GradVariant {
  /** What the variant exercises, for the test name. */
  readonly name: string
  /** Shapes of the differentiated inputs. */
  readonly shapes: readonly (readonly number[])[]
  /** Range of each input's random values (the last one repeats); default [-2, 2]. */
  readonly domains?: readonly Domain[]
  /** The function under test; its inputs share one float dtype. */
  readonly apply: (...inputs: Tensor[]) => Tensor
}

const BINARY_SHAPES: readonly (readonly number[])[][] = [
  [[3], [3]],
  [[2, 3], [3]],
  [
    [2, 1, 4],
    [3, 1],
  ],
  [[], [2, 2]],
  [
    [1, 3],
    [2, 1],
  ],
]
const UNARY_SHAPES: readonly (readonly number[])[][] = [[[]], [[4]], [[2, 3]], [[2, 1, 3]]]

const label = (shapes: readonly (readonly number[])[]) => shapes.map((s) => t.formatShape(s)).join(' and ')

function binary(apply: (a: Tensor, b: Tensor) => Tensor, domains?: readonly Domain[]): GradVariant[] {
  return BINARY_SHAPES.map((shapes) => ({ name: label(shapes), shapes, domains, apply }))
}

function unary(apply: (x: Tensor) => Tensor, domain?: Domain): GradVariant[] {
  return UNARY_SHAPES.map((shapes) => ({ name: label(shapes), shapes, domains: domain && [domain], apply }))
}

/** A constant of `like`'s dtype, from its own seed. */
const constant = (like: Tensor, shape: readonly number[], seed: number) =>
  uniform(shape, { seed, dtype: like.dtype === 'float32' ? 'float32' : 'float64' })

// Comparisons pick a branch of where(); the gradient goes through the branches only.
const compare = (cmp: (a: Tensor, b: Tensor) => Tensor) =>
  binary((a, b) => t.where(cmp(a, b), t.mul(a, 2), t.mul(b, 3)))

// The largest element along the last axis steers the selection.
const atRowMax = (cmp: (a: Tensor, b: Tensor) => Tensor): GradVariant[] => [
  { name: '[3, 4]', shapes: [[3, 4]], apply: (x) => t.where(cmp(x, t.max(x, -1, true)), t.mul(x, 2), x) },
]

const reduce = (
  op: (x: Tensor, axis?: number | number[], keepDims?: boolean) => Tensor,
  domain?: Domain,
): GradVariant[] => [
  { name: 'all axes of [2, 3]', shapes: [[2, 3]], domains: domain && [domain], apply: (x) => op(x) },
  { name: 'axis 0 of [3, 4]', shapes: [[3, 4]], domains: domain && [domain], apply: (x) => op(x, 0) },
  {
    name: 'axes [0, 2] of [2, 3, 2], keepDims',
    shapes: [[2, 3, 2]],
    domains: domain && [domain],
    apply: (x) => op(x, [0, 2], true),
  },
  { name: 'axis -1 of [2, 1, 3]', shapes: [[2, 1, 3]], domains: domain && [domain], apply: (x) => op(x, -1) },
]

const running = (op: typeof t.cumsum, domain?: Domain): GradVariant[] =>
  [
    { axis: 0, exclusive: false, reverse: false },
    { axis: 1, exclusive: false, reverse: false },
    { axis: 1, exclusive: true, reverse: false },
    { axis: 0, exclusive: false, reverse: true },
    { axis: 1, exclusive: true, reverse: true },
  ].map(({ axis, ...options }) => ({
    name: `axis ${axis} of [3, 4], exclusive ${options.exclusive}, reverse ${options.reverse}`,
    shapes: [[3, 4]],
    domains: domain && [domain],
    apply: (x: Tensor) => op(x, axis, options),
  }))

const logic = (op: (a: Tensor, b: Tensor) => Tensor) =>
  binary((a, b) => t.where(op(t.greater(a, 0), t.less(b, 0)), a, t.mul(b, 2)))

// Pooling windows over NHWC input: odd sizes, overlapping windows, strides
// that differ from the window, SAME with odd padding.
const POOLS: readonly { readonly shape: readonly number[]; readonly options: t.PoolOptions }[] = [
  { shape: [2, 5, 4, 3], options: { ksize: 2 } },
  { shape: [1, 5, 5, 2], options: { ksize: 3, strides: 2, padding: 'SAME' } },
  { shape: [1, 4, 6, 1], options: { ksize: [2, 3], strides: [1, 2], padding: 'SAME' } },
]
const poolName = (shape: readonly number[], options: t.PoolOptions) =>
  `${t.formatShape(shape)} ${JSON.stringify(options)}`

// x in [0, 0.2) plus a scrambled ramp of multiples of 0.25: every window's
// maximum leads the rest by more than a central difference's step.
function untied(x: Tensor): Tensor {
  const ramp = Array.from({ length: x.size }, (_, k) => ((k * 7919) % x.size) * 0.25)
  return t.add(x, t.tensor(ramp, x.shape, x.dtype))
}

export const gradCases: { readonly [P in Primitive]: readonly GradVariant[] } = {
  add: binary(t.add),
  sub: binary(t.sub),
  mul: binary(t.mul),
  div: binary(t.div, [
    [-2, 2],
    [0.5, 2],
  ]),
  pow: binary(t.pow, [
    [0.5, 2],
    [-2, 2],
  ]),
  maximum: binary(t.maximum),
  clipByValue: unary((x) => t.clipByValue(x, -0.5, 0.5)),
  minimum: binary(t.minimum),
  neg: unary(t.neg),
  square: unary(t.square),
  sqrt: [
    ...unary(t.sqrt, [0.5, 3]),
    // norm's euclidean and Frobenius norms end in sqrt; the other orders go through abs, max and pow.
    { name: 'norm along axis 1 of [3, 4]', shapes: [[3, 4]], apply: (x) => t.norm(x, { axis: 1 }) },
    { name: 'Frobenius norm of [2, 3, 2]', shapes: [[2, 3, 2]], apply: (x) => t.norm(x, { axis: [0, 2] }) },
    { name: 'norm of order 3 of [5]', shapes: [[5]], domains: [[0.5, 2]], apply: (x) => t.norm(t.sqrt(x), { ord: 3 }) },
    {
      name: 'matrix 1-norm of [3, 4]',
      shapes: [[3, 4]],
      domains: [[0.5, 2]],
      apply: (x) => t.norm(t.sqrt(x), { ord: 1, axis: [0, 1], keepDims: true }),
    },
  ],
  exp: unary(t.exp),
  log: unary(t.log, [0.5, 3]),
  log1p: unary(t.log1p, [-0.5, 2]),
  abs: unary(t.abs),
  sign: unary((x) => t.mul(t.sign(x), t.square(x))), // |x|·x: sign itself passes nothing
  // floorDiv and the rounding ops pass nothing: x times a constant of theirs, on ranges without a jump
  // (a / b in (1, 2)).
  floorDiv: binary(
    (a, b) => t.mul(a, t.floorDiv(a, b)),
    [
      [3.1, 3.9],
      [2, 3],
    ],
  ),
  // a / b stays in (1, 2), away from the jumps of mod, so b's gradient is -g everywhere.
  mod: binary(t.mod, [
    [3.2, 4.8],
    [2.5, 3],
  ]),
  reciprocal: unary(t.reciprocal, [0.5, 2]),
  rsqrt: unary(t.rsqrt, [0.5, 3]),
  expm1: unary(t.expm1),
  erf: unary(t.erf),
  floor: unary((x) => t.mul(x, t.floor(x)), [1.1, 1.9]),
  ceil: unary((x) => t.mul(x, t.ceil(x)), [1.1, 1.9]),
  round: unary((x) => t.mul(x, t.round(x)), [1.1, 1.4]),
  sin: unary(t.sin),
  cos: unary(t.cos),
  tan: unary(t.tan, [-1.2, 1.2]),
  asin: unary(t.asin, [-0.9, 0.9]),
  acos: unary(t.acos, [-0.9, 0.9]),
  atan: unary(t.atan),
  atan2: binary(t.atan2, [
    [-2, 2],
    [0.5, 2],
  ]),
  sinh: unary(t.sinh),
  cosh: unary(t.cosh),
  sigmoid: unary(t.sigmoid, [-3, 3]),
  tanh: unary(t.tanh, [-3, 3]),
  elu: unary(t.elu),
  eluGrad: binary(t.eluGrad),
  relu: unary(t.relu),
  reluGrad: binary(t.reluGrad),
  greater: compare(t.greater),
  greaterEqual: compare(t.greaterEqual),
  less: compare(t.less),
  lessEqual: compare(t.lessEqual),
  equal: atRowMax(t.equal),
  notEqual: atRowMax(t.notEqual),
  logicalAnd: logic(t.logicalAnd),
  logicalOr: logic(t.logicalOr),
  logicalNot: binary((a, b) => t.where(t.logicalNot(t.greater(a, b)), a, t.mul(b, 2))),
  isNaN: unary((x) => t.where(t.isNaN(t.log(x)), t.mul(x, 2), x)),
  isFinite: unary((x) => t.where(t.isFinite(t.div(1, x)), t.mul(x, 2), x)),
  isInf: unary((x) => t.where(t.isInf(t.div(1, x)), 0, t.mul(x, 2))), // inf only at exactly 0
  where: [
    {
      name: 'condition [3, 1], a [1, 4], b [4]',
      shapes: [[1, 4], [4]],
      apply: (a, b) => t.where(t.greater(constant(a, [3, 1], 7), 0), a, b),
    },
    {
      name: 'condition [2, 3], scalar a, b [2, 3]',
      shapes: [[], [2, 3]],
      apply: (a, b) => t.where(t.greater(constant(a, [2, 3], 8), 0), a, b),
    },
  ],
  sum: reduce(t.sum),
  prod: [
    ...reduce(t.prod, [0.5, 1.5]),
    {
      name: 'with a zero',
      shapes: [[2, 3]],
      domains: [[0.5, 1.5]],
      apply: (x) =>
        t.prod(
          t.mul(
            x,
            t.tensor(
              [
                [1, 0, 1],
                [1, 1, 1],
              ],
              undefined,
              x.dtype,
            ),
          ),
          1,
        ),
    },
  ],
  max: reduce(t.max),
  min: reduce(t.min),
  // Rows whose values are all (or some) above 0.5 are doubled: the logical fold steers where().
  all: [
    {
      name: 'axis 1 of [3, 4], keepDims',
      shapes: [[3, 4]],
      domains: [[0, 2]],
      apply: (x) => t.where(t.all(t.greater(x, 0.5), 1, true), t.mul(x, 2), x),
    },
  ],
  any: [
    {
      name: 'axis 0 of [3, 4]',
      shapes: [[3, 4]],
      domains: [[0, 1]],
      apply: (x) => t.where(t.any(t.greater(x, 0.5), 0), t.mul(x, 2), x),
    },
  ],
  l2Loss: unary(t.l2Loss),
  argMax: [
    {
      name: 'axis 1 of [3, 4]',
      shapes: [[3, 4]],
      apply: (x) => t.mul(x, t.expandDims(t.cast(t.argMax(x, 1), x.dtype), 1)),
    },
  ],
  argMin: [{ name: 'axis 0 of [3, 4]', shapes: [[3, 4]], apply: (x) => t.mul(x, t.cast(t.argMin(x, 0), x.dtype)) }],
  cumsum: running(t.cumsum),
  cumprod: running(t.cumprod, [0.5, 1.5]),
  maxPool: POOLS.map(({ shape, options }) => ({
    name: poolName(shape, options),
    shapes: [shape],
    domains: [[0, 0.2]],
    apply: (x) => t.maxPool(untied(x), options),
  })),
  maxPoolGrad: [
    {
      name: 'into [1, 3, 4, 1], two windows sharing a maximum',
      shapes: [[1, 2, 3, 1]],
      apply: (dy) => t.maxPoolGrad(dy, t.tensor([0, 5, 5, 9, 6, 11], [1, 2, 3, 1], 'int32'), [1, 3, 4, 1]),
    },
  ],
  avgPool: POOLS.map(({ shape, options }) => ({
    name: poolName(shape, options),
    shapes: [shape],
    apply: (x) => t.avgPool(x, options),
  })),
  avgPoolGrad: POOLS.map(({ shape, options }) => ({
    name: `into ${poolName(shape, options)}`,
    shapes: [t.avgPool(t.zeros(shape), options).shape],
    apply: (dy) => t.avgPoolGrad(shape, dy, options),
  })),
  matMul: [
    {
      name: '[3, 4] x [4, 2]',
      shapes: [
        [3, 4],
        [4, 2],
      ],
      apply: (a, b) => t.matMul(a, b),
    },
    {
      name: 'transposeA [4, 3] x [4, 2]',
      shapes: [
        [4, 3],
        [4, 2],
      ],
      apply: (a, b) => t.matMul(a, b, true),
    },
    {
      name: 'transposeB [3, 4] x [2, 4]',
      shapes: [
        [3, 4],
        [2, 4],
      ],
      apply: (a, b) => t.matMul(a, b, false, true),
    },
    {
      name: 'both transposed [4, 3] x [2, 4]',
      shapes: [
        [4, 3],
        [2, 4],
      ],
      apply: (a, b) => t.matMul(a, b, true, true),
    },
    {
      name: 'batch [2, 3, 4] x [4, 5]',
      shapes: [
        [2, 3, 4],
        [4, 5],
      ],
      apply: (a, b) => t.matMul(a, b),
    },
    {
      name: 'broadcast batch [2, 1, 3, 4] x [3, 4, 2]',
      shapes: [
        [2, 1, 3, 4],
        [3, 4, 2],
      ],
      apply: (a, b) => t.matMul(a, b),
    },
    {
      name: 'batch transposed [1, 4, 3] x [2, 2, 4]',
      shapes: [
        [1, 4, 3],
        [2, 2, 4],
      ],
      apply: (a, b) => t.matMul(a, b, true, true),
    },
    {
      name: '[1, 3] x [3, 1]',
      shapes: [
        [1, 3],
        [3, 1],
      ],
      apply: (a, b) => t.matMul(a, b),
    },
    // Vector operands are promoted and reshaped back around the primitive (numpy matmul, dot, outer).
    { name: '[4] x [4, 2]', shapes: [[4], [4, 2]], apply: (a, b) => t.matMul(a, b) },
    { name: '[2, 3, 4] x [4]', shapes: [[2, 3, 4], [4]], apply: (a, b) => t.matMul(a, b) },
    { name: 'dot [3] and [3]', shapes: [[3], [3]], apply: (a, b) => t.dot(a, b) },
    // einsum lowers contractions to transpose, reshape and one matMul.
    {
      name: "einsum 'bij,bkj->bik'",
      shapes: [
        [2, 3, 4],
        [2, 5, 4],
      ],
      apply: (a, b) => t.einsum('bij,bkj->bik', a, b),
    },
    {
      name: "einsum 'ijk,jl->lki'",
      shapes: [
        [2, 3, 4],
        [3, 2],
      ],
      apply: (a, b) => t.einsum('ijk,jl->lki', a, b),
    },
  ],
  conv2d: [
    {
      name: 'VALID, x [2, 5, 4, 2], filter [3, 2, 2, 3]',
      shapes: [
        [2, 5, 4, 2],
        [3, 2, 2, 3],
      ],
      apply: (x, filter) => t.conv2d(x, filter),
    },
    {
      name: 'SAME with odd padding, strides 2, x [1, 5, 6, 2], filter [2, 3, 2, 2]',
      shapes: [
        [1, 5, 6, 2],
        [2, 3, 2, 2],
      ],
      apply: (x, filter) => t.conv2d(x, filter, { strides: 2, padding: 'SAME' }),
    },
    {
      name: 'SAME, dilations [2, 1], x [1, 6, 5, 1], filter [2, 2, 1, 2]',
      shapes: [
        [1, 6, 5, 1],
        [2, 2, 1, 2],
      ],
      apply: (x, filter) => t.conv2d(x, filter, { padding: 'SAME', dilations: [2, 1] }),
    },
  ],
  conv2dBackpropInput: [
    {
      name: 'VALID, input [1, 5, 4, 2], filter [3, 2, 2, 3]',
      shapes: [
        [3, 2, 2, 3],
        [1, 3, 3, 3],
      ],
      apply: (filter, dy) => t.conv2dBackpropInput([1, 5, 4, 2], filter, dy),
    },
    {
      name: 'SAME, strides 2, input [2, 5, 5, 2], filter [3, 3, 2, 2]',
      shapes: [
        [3, 3, 2, 2],
        [2, 3, 3, 2],
      ],
      apply: (filter, dy) => t.conv2dBackpropInput([2, 5, 5, 2], filter, dy, { strides: 2, padding: 'SAME' }),
    },
  ],
  conv2dBackpropFilter: [
    {
      name: 'VALID, x [1, 5, 4, 2], filter [3, 2, 2, 3]',
      shapes: [
        [1, 5, 4, 2],
        [1, 3, 3, 3],
      ],
      apply: (x, dy) => t.conv2dBackpropFilter(x, [3, 2, 2, 3], dy),
    },
    {
      name: 'SAME, strides [2, 1], x [2, 5, 4, 1], filter [2, 2, 1, 2]',
      shapes: [
        [2, 5, 4, 1],
        [2, 3, 4, 2],
      ],
      apply: (x, dy) => t.conv2dBackpropFilter(x, [2, 2, 1, 2], dy, { strides: [2, 1], padding: 'SAME' }),
    },
  ],
  reshape: [
    { name: '[2, 3] to [3, 2]', shapes: [[2, 3]], apply: (x) => t.reshape(x, [3, 2]) },
    { name: '[6] to [1, 6, 1]', shapes: [[6]], apply: (x) => t.reshape(x, [1, -1, 1]) },
  ],
  transpose: [
    { name: '[2, 3, 4] by [2, 0, 1]', shapes: [[2, 3, 4]], apply: (x) => t.transpose(x, [2, 0, 1]) },
    { name: '[2, 3] reversed', shapes: [[2, 3]], apply: (x) => t.transpose(x) },
  ],
  broadcastTo: [
    { name: '[3, 1] to [2, 3, 4]', shapes: [[3, 1]], apply: (x) => t.broadcastTo(x, [2, 3, 4]) },
    { name: '[] to [2, 2]', shapes: [[]], apply: (x) => t.broadcastTo(x, [2, 2]) },
    { name: '[4] to [3, 4]', shapes: [[4]], apply: (x) => t.broadcastTo(x, [3, 4]) },
  ],
  concat: [
    {
      name: '[2, 1], [2, 3], [2, 2] on axis 1',
      shapes: [
        [2, 1],
        [2, 3],
        [2, 2],
      ],
      apply: (...xs) => t.concat(xs, 1),
    },
    {
      name: '[1, 3] and [2, 3] on axis 0',
      shapes: [
        [1, 3],
        [2, 3],
      ],
      apply: (...xs) => t.concat(xs, 0),
    },
  ],
  slice: [
    { name: '[4, 5] from [1, 2], size [2, -1]', shapes: [[4, 5]], apply: (x) => t.slice(x, [1, 2], [2, -1]) },
    { name: '[3] from [0], size [1]', shapes: [[3]], apply: (x) => t.slice(x, [0], [1]) },
    { name: '[4, 3] from [-2, -3], size [-1, 2]', shapes: [[4, 3]], apply: (x) => t.slice(x, [-2, -3], [-1, 2]) },
    {
      name: 'split [2, 5] into [2, -1, 1] on axis 1, parts weighted',
      shapes: [[2, 5]],
      apply: (x) =>
        t.concat(
          t.split(x, [2, -1, 1], 1).map((part, i) => t.mul(part, i + 1)),
          1,
        ),
    },
    {
      name: 'unstack [3, 2] on axis 1, rows multiplied',
      shapes: [[3, 2]],
      apply: (x) => {
        const [a, b] = t.unstack(x, 1)
        return t.mul(a!, b!)
      },
    },
  ],
  pad: [
    {
      name: '[2, 3] by [[1, 0], [2, 1]] with 0.5',
      shapes: [[2, 3]],
      apply: (x) =>
        t.pad(
          x,
          [
            [1, 0],
            [2, 1],
          ],
          0.5,
        ),
    },
  ],
  mirrorPad: [
    {
      name: 'REFLECT [3, 4] by [[2, 1], [0, 3]]',
      shapes: [[3, 4]],
      apply: (x) =>
        t.mirrorPad(
          x,
          [
            [2, 1],
            [0, 3],
          ],
          'REFLECT',
        ),
    },
    {
      name: 'SYMMETRIC [2, 3] by [[2, 2], [1, 0]] through pad',
      shapes: [[2, 3]],
      apply: (x) =>
        t.pad(
          x,
          [
            [2, 2],
            [1, 0],
          ],
          { mode: 'SYMMETRIC' },
        ),
    },
  ],
  mirrorPadGrad: [
    {
      name: 'REFLECT [6, 5] by [[1, 2], [2, 0]]',
      shapes: [[6, 5]],
      apply: (x) =>
        t.mirrorPadGrad(
          x,
          [
            [1, 2],
            [2, 0],
          ],
          'REFLECT',
        ),
    },
    { name: 'SYMMETRIC [4] by [[1, 1]]', shapes: [[4]], apply: (x) => t.mirrorPadGrad(x, [[1, 1]], 'SYMMETRIC') },
  ],
  stridedSlice: [
    { name: '[5, 6] as x[::2, -1::-2]', shapes: [[5, 6]], apply: (x) => t.stridedSlice(x, [0, -1], [5, -7], [2, -2]) },
    {
      name: '[3, 4, 5] as x[1, ..., ::-3, None]',
      shapes: [[3, 4, 5]],
      apply: (x) =>
        t.stridedSlice(x, [1, 0, 0, 0], [2, 0, 0, 0], [1, 1, -3, 1], {
          shrinkAxisMask: 0b1,
          ellipsisMask: 0b10,
          beginMask: 0b100,
          endMask: 0b100,
          newAxisMask: 0b1000,
        }),
    },
  ],
  reverse: [
    { name: 'axes [0, 2] of [2, 3, 4]', shapes: [[2, 3, 4]], apply: (x) => t.reverse(x, [0, 2]) },
    { name: 'all of [4]', shapes: [[4]], apply: (x) => t.reverse(x) },
  ],
  tile: [
    { name: '[2, 3] by [2, 1]', shapes: [[2, 3]], apply: (x) => t.tile(x, [2, 1]) },
    { name: '[1, 2] by [3, 2]', shapes: [[1, 2]], apply: (x) => t.tile(x, [3, 2]) },
  ],
  gather: [
    // einsum takes diagonals with gather.
    {
      name: "einsum 'iij,jk->ik'",
      shapes: [
        [3, 3, 2],
        [2, 4],
      ],
      apply: (a, b) => t.einsum('iij,jk->ik', a, b),
    },
    {
      name: '[5, 3] rows [[0, 4], [2, 0]]',
      shapes: [[5, 3]],
      apply: (x) =>
        t.gather(
          x,
          t.tensor(
            [
              [0, 4],
              [2, 0],
            ],
            undefined,
            'int32',
          ),
        ),
    },
    { name: '[2, 4] columns on axis 1', shapes: [[2, 4]], apply: (x) => t.gather(x, randomIndices([5], 4, 3), 1) },
    { name: 'topk values, 2 of each row of [3, 5]', shapes: [[3, 5]], apply: (x) => t.topk(x, 2).values },
  ],
  gatherND: [
    {
      name: 'rows [[1], [3], [1]] of [4, 3]',
      shapes: [[4, 3]],
      apply: (x) => t.gatherND(x, t.tensor([[1], [3], [1]], undefined, 'int32')),
    },
    {
      name: 'elements [[0, 1], [2, 3], [0, 1]] of [3, 4]',
      shapes: [[3, 4]],
      apply: (x) =>
        t.gatherND(
          x,
          t.tensor(
            [
              [0, 1],
              [2, 3],
              [0, 1],
            ],
            undefined,
            'int32',
          ),
        ),
    },
  ],
  scatterND: [
    {
      name: '[3, 2] into rows [[1], [3], [1]] of [4, 2]',
      shapes: [[3, 2]],
      apply: (u) => t.scatterND(t.tensor([[1], [3], [1]], undefined, 'int32'), u, [4, 2]),
    },
  ],
  unsortedSegmentSum: [
    {
      name: '[6, 2] into 4 segments, one empty',
      shapes: [[6, 2]],
      apply: (x) => t.unsortedSegmentSum(x, t.tensor([0, 2, 0, 1, 2, 2], undefined, 'int32'), 4),
    },
    {
      name: '[2, 5] on axis 1',
      shapes: [[2, 5]],
      apply: (x) => t.unsortedSegmentSum(x, randomIndices([5], 3, 4), 3, 1),
    },
  ],
  cast: [
    // In float32 this casts up and back down; in float64 the casts keep the dtype.
    {
      name: 'through float64 and back',
      shapes: [[2, 3]],
      apply: (x) => t.cast(t.square(t.cast(x, 'float64')), x.dtype),
    },
    {
      name: 'to int32 (no gradient)',
      shapes: [[4]],
      apply: (x) => t.mul(x, t.cast(t.cast(t.mul(x, 3), 'int32'), x.dtype)),
    },
  ],
  // softmax subtracts stopGradient(max): it does not change the value, so finite differences agree.
  stopGradient: [
    { name: 'inside softmax of [2, 3]', shapes: [[2, 3]], apply: (x) => t.softmax(x) },
    // moments' variance takes the mean through stopGradient; its gradient is still the full one.
    {
      name: 'moments over axis 0 of [4, 3]',
      shapes: [[4, 3]],
      apply: (x) => {
        const { mean, variance } = t.moments(x, 0)
        return t.add(mean, t.mul(variance, 3))
      },
    },
  ],
}
