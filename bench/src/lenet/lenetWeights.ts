import { uniformFloats } from '../data'

/** Shapes of the LeNet parameters, in the order both libraries list them. */
export const LENET_SHAPES = {
  conv1: [5, 5, 1, 6],
  bias1: [6],
  conv2: [5, 5, 6, 16],
  bias2: [16],
  dense1: [256, 120],
  bias3: [120],
  dense2: [120, 84],
  bias4: [84],
  dense3: [84, 10],
  bias5: [10],
} as const

export type LenetParamName = keyof typeof LENET_SHAPES

export const BATCH = 64
export const CLASSES = 10
export const IMAGE = [BATCH, 28, 28, 1] as const
export const LEARNING_RATE = 0.01

const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1)

/** Fans of a conv kernel [h, w, in, out] or a dense kernel [in, out], as TF's variance scaling counts them. */
function fans(shape: readonly number[]): [number, number] {
  const receptive = product(shape.slice(0, -2))
  return [receptive * shape[shape.length - 2]!, receptive * shape[shape.length - 1]!]
}

/**
 * The starting weights both libraries train from: Glorot-uniform kernels and small biases from fixed seeds,
 * and a batch of uniform images with labels cycling through the classes.
 */
export function lenetStart(): {
  readonly params: Record<LenetParamName, Float32Array>
  readonly images: Float32Array
  readonly onehot: Float32Array
} {
  const names = Object.keys(LENET_SHAPES) as LenetParamName[]
  const params = Object.fromEntries(
    names.map((name, i) => {
      const shape = LENET_SHAPES[name]
      if (shape.length === 1) return [name, uniformFloats(shape[0], 100 + i, -0.01, 0.01)]
      const [fanIn, fanOut] = fans(shape)
      const limit = Math.sqrt(6 / (fanIn + fanOut))
      return [name, uniformFloats(product(shape), 100 + i, -limit, limit)]
    }),
  ) as Record<LenetParamName, Float32Array>
  const onehot = new Float32Array(BATCH * CLASSES)
  for (let i = 0; i < BATCH; i++) onehot[i * CLASSES + (i % CLASSES)] = 1
  return { params, images: uniformFloats(product(IMAGE), 7, 0, 1), onehot }
}
