import {
  checkFunction,
  checkInteger,
  checkOptions,
  checkSeed,
  describe,
  DTypeError,
  ShapeError,
} from '@gradstream/core'
import { formatShape, gather, randomUniform, Tensor } from '@gradstream/tensor'
import type { Initializer } from './initializers'
import { checkCall } from './initializers'
import type { Layer } from './layer'
import { checkTensorRecord, initTensor } from './layerParams'
import { checkShape } from './sizeChecks'

/**
 * Options of {@link embedding}.
 * @example embedding({ inputDim: 1000, outputDim: 64 } satisfies EmbeddingOptions)
 */
export interface EmbeddingOptions {
  /** Number of rows, one per id; ids must lie in [0, inputDim). */
  readonly inputDim: number
  /** Length of each row. */
  readonly outputDim: number
  /** Makes the table [inputDim, outputDim]; default uniform in [−0.05, 0.05), Keras's `'uniform'`. */
  readonly embeddingsInitializer?: Initializer
}

/**
 * The parameters of {@link embedding}: the table `embeddings` [inputDim, outputDim].
 * @example const params: EmbeddingParams = embedding({ inputDim: 3, outputDim: 2 }).init(1)
 */
export type EmbeddingParams = { readonly embeddings: Tensor }

/**
 * An embedding layer.
 * @example
 * const embed: Embedding = embedding({ inputDim: 10, outputDim: 4 })
 * embed.apply(embed.init(1), tensor([[1, 2]], undefined, 'int32')).shape // [1, 2, 4]
 */
export interface Embedding extends Layer<EmbeddingParams> {
  readonly inputDim: number
  readonly outputDim: number
}

const KNOWN = ['inputDim', 'outputDim', 'embeddingsInitializer']

/** Keras's default `'uniform'` initializer: `tf.random_uniform(shape, -0.05, 0.05, seed)`. */
function kerasUniform(shape: readonly number[], seed?: number): Tensor {
  checkCall('embedding', shape, seed)
  return randomUniform(shape, { minval: -0.05, maxval: 0.05, seed })
}

/**
 * An embedding lookup, `tf.keras.layers.Embedding` / `tf.nn.embedding_lookup`:
 * int32 `ids` of any shape give `embeddings[ids]`, shape [...ids.shape,
 * outputDim]. The gradient of the table is the output's gradient summed into
 * the rows looked up (`unsortedSegmentSum`), dense rather than TF's IndexedSlices.
 * An id outside [0, inputDim) is a ShapeError, as TF's CPU kernel refuses it.
 *
 * @example
 * const embed = embedding({ inputDim: 3, outputDim: 2, embeddingsInitializer: (shape) => tensor([[0, 1], [2, 3], [4, 5]]) })
 * embed.apply(embed.init(), tensor([2, 0], undefined, 'int32')).toArray() // [[4, 5], [0, 1]]
 */
export function embedding(options: EmbeddingOptions): Embedding {
  checkOptions('embedding', options, KNOWN)
  const { inputDim, outputDim, embeddingsInitializer = kerasUniform } = options
  checkInteger('embedding', 'inputDim', inputDim, 1)
  checkInteger('embedding', 'outputDim', outputDim, 1)
  checkShape('embedding', 'embeddings', [inputDim, outputDim])
  checkFunction('embedding', 'embeddingsInitializer', embeddingsInitializer)
  const shapes = { embeddings: [inputDim, outputDim] }
  return {
    inputDim,
    outputDim,
    init: (seed) => {
      checkSeed('embedding', seed)
      const table = initTensor('embedding', 'embeddingsInitializer', embeddingsInitializer, [inputDim, outputDim], seed)
      return Object.freeze({ embeddings: table })
    },
    apply: (params, ids) => {
      checkTensorRecord('embedding', 'params', params, shapes)
      checkIds(ids, inputDim)
      return gather(params.embeddings, ids)
    },
  }
}

function checkIds(ids: unknown, inputDim: number): asserts ids is Tensor {
  if (!(ids instanceof Tensor)) throw new DTypeError('embedding', `ids must be a Tensor, got ${describe(ids)}`)
  if (ids.dtype !== 'int32') throw new DTypeError('embedding', `ids must have dtype int32, got ${ids.dtype}`)
  const values = ids.dataSync()
  for (let i = 0; i < values.length; i++) {
    const id = values[i]!
    if (id < 0 || id >= inputDim) {
      throw new ShapeError(
        'embedding',
        `ids ${formatShape(ids.shape)} holds ${id} at flat index ${i}, outside [0, ${inputDim})`,
      )
    }
  }
}
