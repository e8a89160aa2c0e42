import { conv2d, conv2dBackpropFilter, conv2dBackpropInput, matMul, setThreads, tensor } from '@gradstream/tensor'
import type { Padding } from '@gradstream/tensor'
import * as tf from '@tensorflow/tfjs-core'
import { maxRelativeDifference, uniformFloats } from '../data'
import { measureMedians } from '../measure'
import type { Report } from '../report'
import { formatTable, formatValue } from '../table'

interface ConvCase {
  readonly label: string
  /** [batch, height, width, inChannels] */
  readonly input: readonly [number, number, number, number]
  /** [filterHeight, filterWidth, inChannels, outChannels] */
  readonly filter: readonly [number, number, number, number]
  readonly padding: Padding
}

const CASES: readonly ConvCase[] = [
  { label: 'LeNet conv1 5x5 1->6 VALID, 64x28x28', input: [64, 28, 28, 1], filter: [5, 5, 1, 6], padding: 'VALID' },
  { label: 'LeNet conv2 5x5 6->16 VALID, 64x12x12', input: [64, 12, 12, 6], filter: [5, 5, 6, 16], padding: 'VALID' },
  { label: '3x3 32->32 SAME, 16x32x32', input: [16, 32, 32, 32], filter: [3, 3, 32, 32], padding: 'SAME' },
  { label: '3x3 64->64 SAME, 8x16x16', input: [8, 16, 16, 64], filter: [3, 3, 64, 64], padding: 'SAME' },
]

const SAMPLES = 7
const GOAL = 0.6
const THREADS = [1, 2]
const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1)

/** `run` on `threads` threads; lowering the count keeps the pool, so switching between samples is cheap. */
const onThreads = (threads: number, run: () => void) => () => {
  setThreads(threads)
  run()
}

/** One row per thread count: gradstream's kernels on that many threads, tfjs-cpu's conv2d (one thread) beside. */
function convRows({ label, input, filter, padding }: ConvCase): string[][] {
  const [fh, fw, inC, outC] = filter
  const xValues = uniformFloats(product(input), 1)
  const fValues = uniformFloats(product(filter), 2)
  const x = tensor(xValues, input)
  const f = tensor(fValues, filter)
  const y = conv2d(x, f, { padding })
  const dy = tensor(uniformFloats(y.size, 3), y.shape)
  // The product with the same multiply-adds: one row per output position, one column per output channel.
  const [m, k, n] = [y.size / outC, fh * fw * inC, outC]
  const a = tensor(uniformFloats(m * k, 4), [m, k])
  const b = tensor(uniformFloats(k * n, 5), [k, n])
  const tfX = tf.tensor4d(xValues, [...input])
  const tfF = tf.tensor4d(fValues, [...filter])
  const tfPadding = padding === 'SAME' ? 'same' : 'valid'
  const ours = [
    () => void conv2d(x, f, { padding }),
    () => void conv2dBackpropInput(input, f, dy, { padding }),
    () => void conv2dBackpropFilter(x, filter, dy, { padding }),
    () => void matMul(a, b),
  ]
  const seconds = measureMedians(
    [
      ...THREADS.flatMap((threads) => ours.map((run) => onThreads(threads, run))),
      () => tf.tidy(() => void tf.conv2d(tfX, tfF, 1, tfPadding).dataSync()),
    ],
    { samples: SAMPLES, warmups: 2 },
  )
  setThreads(1)
  const flops = 2 * m * k * n
  const gflops = seconds.map((s) => flops / s / 1e9)
  const tfjs = gflops[gflops.length - 1]!
  const difference = maxRelativeDifference(
    y.dataSync(),
    tf.tidy(() => tf.conv2d(tfX, tfF, 1, tfPadding).dataSync()),
  )
  return THREADS.map((threads, i) => {
    const [forward, dInput, dFilter, sameSizeProduct] = gflops.slice(i * ours.length, (i + 1) * ours.length)
    return [
      `${label}, ${threads} thread${threads > 1 ? 's' : ''}`,
      ...[forward!, dInput!, dFilter!, sameSizeProduct!, tfjs].map(formatValue),
      `${(forward! / sameSizeProduct!).toFixed(2)}`,
      `${(forward! / tfjs).toFixed(1)}x`,
      difference > 1e-4 ? `outputs differ from tfjs by up to ${difference.toExponential(2)}` : '',
    ]
  })
}

const HEADER = [
  '',
  'conv2d',
  'backprop input',
  'backprop filter',
  'matMul [M,K]x[K,N]',
  'tfjs-cpu conv2d',
  'conv2d / matMul',
  'tfjs / gradstream',
  '',
]

/**
 * conv2d forward and its two gradients in GFLOP/s (2·M·K·N flops, M output positions, K = fh·fw·inChannels,
 * N output channels) on one and two threads, next to gradstream's matMul of the same M, K, N on as many threads
 * and tfjs's conv2d.
 */
export const convReport: Report = {
  title:
    'conv2d: forward and backprop GFLOP/s on 1 and 2 threads vs matMul of the same size and tfjs-cpu, float32, stride 1',
  run: () => `${formatTable(HEADER, CASES.flatMap(convRows))}\ngoal: conv2d / matMul at least ${GOAL}`,
}
