import { CheckpointError, MAX_TREE_DEPTH, StructureError, childPath, rootedPath } from '@gradstream/core'
import { Tensor, flattenTree } from '@gradstream/tensor'
import type { Params, TreeNode } from '@gradstream/tensor'

// The names model files give the leaves of a pytree: the keys on the way to
// each leaf joined with '.', array indices as numbers (`layers.0.w`), the
// naming PyTorch's state dicts use, so other tools see familiar names.

/** A tensor and the name it is stored under. */
export interface NamedTensor {
  readonly name: string
  readonly tensor: Tensor
}

/**
 * The leaves of `tree` with their names, in leaf order. The root must be a record or an array (a file
 * names every tensor), and no key may contain '.', which joins the keys of a name.
 */
export function namedLeaves(fn: string, tree: Params, what: string): NamedTensor[] {
  if (tree instanceof Tensor) {
    throw new StructureError(
      fn,
      `${what} must be a record or an array of tensors, got a Tensor; name it: { weight: t }`,
    )
  }
  const { leaves, treedef } = flattenTree(tree, { caller: fn, name: what })
  const names: string[] = []
  collectNames(fn, what, treedef.root, '', [], names)
  return leaves.map((tensor, i) => ({ name: names[i]!, tensor }))
}

function collectNames(fn: string, what: string, node: TreeNode, path: string, keys: string[], names: string[]): void {
  if (node.kind === 'leaf') {
    names.push(keys.join('.'))
    return
  }
  node.children.forEach((child, i) => {
    const key = node.kind === 'array' ? i : node.keys[i]!
    if (typeof key === 'string' && key.includes('.')) {
      throw new StructureError(
        fn,
        `${rootedPath(what, path)} has the key ${JSON.stringify(key)}; names join keys with '.', so a key may not contain one`,
      )
    }
    collectNames(fn, what, child, childPath(path, key), [...keys, String(key)], names)
  })
}

type Branch = Map<string, Branch | Tensor>

/**
 * The pytree that `named` describes, in their order: names split at '.', and a record whose keys are
 * exactly '0' to 'n - 1' becomes an array. Names that cannot form a tree (one a tensor and a prefix of
 * another, or the same name twice) are a CheckpointError.
 */
export function treeFromNames(fn: string, named: readonly NamedTensor[]): Params {
  const root: Branch = new Map()
  for (const { name, tensor } of named) {
    const keys = name.split('.')
    if (keys.length > MAX_TREE_DEPTH) {
      throw new CheckpointError(fn, `the name of a tensor has ${keys.length} parts, more than ${MAX_TREE_DEPTH}`)
    }
    let branch = root
    for (let depth = 0; depth < keys.length - 1; depth++) {
      const next = branch.get(keys[depth]!) ?? new Map()
      if (next instanceof Tensor) throw clash(fn, keys.slice(0, depth + 1).join('.'), name)
      branch.set(keys[depth]!, next)
      branch = next
    }
    const last = keys[keys.length - 1]!
    const taken = branch.get(last)
    if (taken instanceof Tensor) throw new CheckpointError(fn, `the name ${JSON.stringify(name)} appears twice`)
    if (taken !== undefined) throw clash(fn, name, [...keys, ...firstName(taken)].join('.'))
    branch.set(last, tensor)
  }
  return build(root)
}

function clash(fn: string, prefix: string, name: string): CheckpointError {
  const [a, b] = [JSON.stringify(prefix), JSON.stringify(name)]
  return new CheckpointError(fn, `the names ${a} and ${b} clash: ${a} is a tensor and also a record holding ${b}`)
}

function firstName(branch: Branch): string[] {
  const [key, child] = branch.entries().next().value!
  return child instanceof Tensor ? [key] : [key, ...firstName(child)]
}

function build(branch: Branch): Params {
  const keys = [...branch.keys()]
  const childAt = (key: string): Params => {
    const child = branch.get(key)!
    return child instanceof Tensor ? child : build(child)
  }
  // By index, not by the order met: tools that sort names write 'layers.10' before 'layers.2'.
  if (isIndexSet(keys)) return Array.from({ length: keys.length }, (_, i) => childAt(String(i)))
  const record: Record<string, Params> = {}
  for (const key of keys) {
    // defineProperty, not assignment: a file naming a tensor '__proto__' must not set the record's prototype.
    Object.defineProperty(record, key, { value: childAt(key), enumerable: true, writable: true, configurable: true })
  }
  return record
}

/** Whether `keys` are exactly the indices '0' to 'n - 1', in any order, for n > 0. */
function isIndexSet(keys: readonly string[]): boolean {
  if (keys.length === 0) return false
  const seen = new Set(keys.filter((key) => /^(0|[1-9]\d*)$/.test(key) && Number(key) < keys.length))
  return seen.size === keys.length
}
