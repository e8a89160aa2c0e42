import { childPath, describe, describeNode, isPlainObject, rootedPath } from '@gradstream/core'
import { formatShape, shapesEqual, Tensor } from '@gradstream/tensor'

/**
 * Why `after`, an edited copy of the frozen tree `before` named `root`, is
 * not a well-formed replacement for it, or undefined when it is: the same
 * tree, tensors of the same dtype and shape, finite numbers (a `count` a
 * non-negative integer). Only the parts the edit replaced are walked
 * (immer shares the rest), and those are frozen on the way, so the edited
 * tree is deep-frozen like a snapshot.
 * @example checkEdited('params', { w: ones([2]) }, { w: ones([3]) }) // 'changed the shape of params.w from [2] to [3]'
 */
export function checkEdited(root: string, before: unknown, after: unknown): string | undefined {
  return compare(root, before, after, '', undefined)
}

function compare(
  root: string,
  before: unknown,
  after: unknown,
  path: string,
  key: string | number | undefined,
): string | undefined {
  if (Object.is(before, after)) return undefined
  const at = rootedPath(root, path)
  if (before instanceof Tensor) return tensorFault(at, before, after)
  if (typeof before === 'number') return numberFault(at, after, key === 'count')
  if (Array.isArray(before)) {
    if (!Array.isArray(after)) return `made ${at} ${describeNode(after)}, expected an array`
    if (after.length !== before.length) return `changed the length of ${at} from ${before.length} to ${after.length}`
    for (let i = 0; i < before.length; i++) {
      const fault = compare(root, before[i], after[i], childPath(path, i), i)
      if (fault !== undefined) return fault
    }
    Object.freeze(after)
    return undefined
  }
  if (isPlainObject(before)) return recordFault(root, before, after, path)
  if (typeof after !== typeof before || (after === null) !== (before === null)) {
    return `made ${at} ${describeNode(after)}, expected ${describeNode(before)}`
  }
  return undefined
}

function tensorFault(at: string, before: Tensor, after: unknown): string | undefined {
  if (!(after instanceof Tensor)) {
    return `made ${at} ${describeNode(after)}, expected a ${before.dtype} tensor of shape ${formatShape(before.shape)}`
  }
  if (!shapesEqual(after.shape, before.shape)) {
    return `changed the shape of ${at} from ${formatShape(before.shape)} to ${formatShape(after.shape)}`
  }
  if (after.dtype !== before.dtype) return `changed the dtype of ${at} from ${before.dtype} to ${after.dtype}`
  Object.freeze(after)
  return undefined
}

function numberFault(at: string, after: unknown, isCount: boolean): string | undefined {
  if (typeof after !== 'number' || !Number.isFinite(after)) {
    return `set ${at} to ${describe(after)}; it must be a finite number`
  }
  if (isCount && !(Number.isSafeInteger(after) && after >= 0)) {
    return `set ${at} to ${after}; a count must be a non-negative integer`
  }
  return undefined
}

function recordFault(
  root: string,
  before: Readonly<Record<string, unknown>>,
  after: unknown,
  path: string,
): string | undefined {
  const at = rootedPath(root, path)
  if (!isPlainObject(after)) return `made ${at} ${describeNode(after)}, expected an object`
  const removed = Object.keys(before).find((name) => !Object.hasOwn(after, name))
  if (removed !== undefined) return `removed ${rootedPath(root, childPath(path, removed))}`
  const added = Object.keys(after).find((name) => !Object.hasOwn(before, name))
  if (added !== undefined) return `added ${rootedPath(root, childPath(path, added))}, which the state does not hold`
  for (const name of Object.keys(before)) {
    const fault = compare(root, before[name], after[name], childPath(path, name), name)
    if (fault !== undefined) return fault
  }
  Object.freeze(after)
  return undefined
}
