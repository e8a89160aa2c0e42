import {
  CheckpointError,
  childPath,
  describe,
  describeNode,
  isPlainObject,
  rootedPath,
  WalkGuard,
} from '@gradstream/core'
import { formatShape, Tensor } from '@gradstream/tensor'

/** Where a comparison is, for its messages. */
interface Place {
  readonly fn: string
  readonly root: string
  readonly guard: WalkGuard
}

/**
 * Throws a CheckpointError naming the first path at which a part of a parsed
 * checkpoint (still encoded: tensors as `{ $tensor }`, non-finite numbers as
 * `{ $number }`) differs from what the run builds (`expected`): the same
 * tree, tensors of the same dtype and shape, a finite number where a number
 * is, a non-negative integer for a `count`. The walk follows `expected`, so
 * stored junk, however large or deep, is refused at the first node that
 * differs, before anything is decoded.
 * @example checkStateFits('resume', 'optimizer', stored.optimizer, adam(0.01).init(params))
 */
export function checkStateFits(fn: string, root: string, stored: unknown, expected: unknown): void {
  const place = { fn, root, guard: new WalkGuard(fn, `the run's ${root}`, { error: CheckpointError }) }
  fits(place, stored, expected, '', 0, undefined)
}

function fits(
  place: Place,
  stored: unknown,
  expected: unknown,
  path: string,
  depth: number,
  key: string | number | undefined,
): void {
  if (expected instanceof Tensor) return tensorFits(place, stored, expected, path)
  // A `count` is a number of updates (optax's and every gradstream transformation's).
  if (typeof expected === 'number') return numberFits(place, stored, path, key === 'count')
  if (Array.isArray(expected)) {
    place.guard.enter(expected, depth, key)
    if (!Array.isArray(stored)) throw refuse(place, path, `is ${storedKind(stored)}, expected an array`)
    if (stored.length !== expected.length) {
      throw refuse(place, path, `has ${stored.length} items, expected ${expected.length}`)
    }
    for (let i = 0; i < expected.length; i++) fits(place, stored[i], expected[i], childPath(path, i), depth + 1, i)
    return
  }
  if (isPlainObject(expected)) {
    place.guard.enter(expected, depth, key)
    if (!isPlainObject(stored) || isEncodedLeaf(stored)) {
      throw refuse(place, path, `is ${storedKind(stored)}, expected an object`)
    }
    for (const name of Object.keys(expected)) {
      if (!Object.hasOwn(stored, name)) throw refuse(place, childPath(path, name), 'is missing')
    }
    for (const name of Object.keys(stored)) {
      if (!Object.hasOwn(expected, name)) {
        throw refuse(place, childPath(path, name), `is not in the run's ${place.root}`)
      }
    }
    for (const name of Object.keys(expected)) {
      fits(place, stored[name], expected[name], childPath(path, name), depth + 1, name)
    }
    return
  }
  if (typeof stored !== typeof expected || (expected === null) !== (stored === null)) {
    throw refuse(place, path, `is ${storedKind(stored)}, expected ${describeNode(expected)}`)
  }
}

function tensorFits(place: Place, stored: unknown, expected: Tensor, path: string): void {
  const wanted = `a ${expected.dtype} tensor of shape ${formatShape(expected.shape)}`
  const encoded = isPlainObject(stored) ? stored.$tensor : undefined
  if (!isPlainObject(encoded)) throw refuse(place, path, `is ${storedKind(stored)}, expected ${wanted}`)
  const { dtype, shape } = encoded
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) {
    throw refuse(place, path, `has a malformed shape ${describeShape(shape)}, expected ${formatShape(expected.shape)}`)
  }
  if (formatShape(shape as number[]) !== formatShape(expected.shape)) {
    throw refuse(place, path, `has shape ${formatShape(shape as number[])}, expected ${formatShape(expected.shape)}`)
  }
  if (dtype !== expected.dtype) {
    throw refuse(place, path, `has dtype ${describe(dtype)}, expected ${describe(expected.dtype)}`)
  }
}

function numberFits(place: Place, stored: unknown, path: string, isCount: boolean): void {
  const value = isPlainObject(stored) && '$number' in stored ? Number(stored.$number) : stored
  if (isCount && !(Number.isSafeInteger(value) && (value as number) >= 0)) {
    throw refuse(place, path, `must be a non-negative integer, got ${describeValue(stored, value)}`)
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw refuse(place, path, `must be a finite number, got ${describeValue(stored, value)}`)
  }
}

function isEncodedLeaf(value: Readonly<Record<string, unknown>>): boolean {
  return '$tensor' in value || '$number' in value
}

/** What a stored (encoded) value is, in the words of the messages: `a tensor`, `a string`, `an object`. */
function storedKind(stored: unknown): string {
  if (isPlainObject(stored) && '$tensor' in stored) return 'a tensor'
  if (isPlainObject(stored) && '$number' in stored) return 'a number'
  return describeNode(stored)
}

/** A stored shape as messages show it: `[-1, 2]`, `["a"]`, `[1, 2, 3, …]`, or what it is if not an array. */
function describeShape(shape: unknown): string {
  if (!Array.isArray(shape)) return `(${describe(shape)})`
  const shown = shape.slice(0, 8).map(describe)
  return `[${shown.join(', ')}${shape.length > 8 ? ', …' : ''}]`
}

function describeValue(stored: unknown, value: unknown): string {
  return typeof value === 'number' ? String(value) : describe(stored)
}

function refuse(place: Place, path: string, what: string): CheckpointError {
  return new CheckpointError(place.fn, `${rootedPath(place.root, path)} ${what}`)
}
