import { StructureError } from '../errors'
import type { GradstreamError } from '../errors'
import { childPath, rootedPath } from './paths'

/**
 * How deep a tree may nest: a node (array or object) more than this many keys
 * below the root is refused. Real trees are a few levels deep; the limit keeps
 * recursive walks far from the engine's stack limit and catches cycles.
 */
export const MAX_TREE_DEPTH = 1000

/** An error class whose messages start with a function name, as every gradstream error class. */
export type NamedErrorClass = new (fn: string, message: string) => GradstreamError

/**
 * Options of {@link WalkGuard}.
 * @example new WalkGuard('resume', 'state', { error: CheckpointError })
 */
export interface WalkGuardOptions {
  /** The class of the error thrown (default `StructureError`), e.g. `CheckpointError` for a checkpoint. */
  readonly error?: NamedErrorClass
}

// Paths in the message about nesting that is too deep show only the first keys.
const SHOWN_KEYS = 6

/**
 * The guard every recursive walk over a tree uses: the walk tells it each
 * node (array or object) it enters with its depth and key, and it throws,
 * naming the path, on a cycle or on nesting deeper than {@link MAX_TREE_DEPTH}.
 * So the recursion stays at most MAX_TREE_DEPTH frames deep whatever the
 * input, and no walk overflows the stack. It costs two array stores per node:
 * paths are built only for the message, and cycles are looked for only when
 * the depth limit is hit (a cycle always hits it).
 *
 * @example
 * const guard = new WalkGuard('deepFreeze', 'value')
 * function walk(node: unknown, depth: number, key?: string | number): void {
 *   if (typeof node !== 'object' || node === null) return
 *   guard.enter(node, depth, key)
 *   for (const [k, child] of Object.entries(node)) walk(child, depth + 1, k)
 * }
 * const a: Record<string, unknown> = {}
 * a.self = a
 * walk(a, 0) // StructureError: deepFreeze: value.self refers back to value; a tree may not hold cycles
 */
export class WalkGuard {
  readonly #fn: string
  readonly #root: string
  readonly #error: NamedErrorClass
  readonly #nodes: object[] = []
  readonly #keys: (string | number | undefined)[] = []

  constructor(fn: string, root: string, { error = StructureError }: WalkGuardOptions = {}) {
    this.#fn = fn
    this.#root = root
    this.#error = error
  }

  /** Records that the walk entered `node`, `depth` keys below the root, under `key` (none for the root). */
  enter(node: object, depth: number, key?: string | number): void {
    this.#nodes[depth] = node
    this.#keys[depth] = key
    if (depth > MAX_TREE_DEPTH) throw this.#refuse(depth)
  }

  /** The rooted path of the node entered at `depth` on the current branch: `params.layers[2]`. */
  pathAt(depth: number): string {
    let path = ''
    for (let d = 1; d <= depth; d++) path = childPath(path, this.#keys[d]!)
    return rootedPath(this.#root, path)
  }

  #refuse(depth: number): GradstreamError {
    const seenAt = new Map<object, number>()
    for (let d = 0; d <= depth; d++) {
      const first = seenAt.get(this.#nodes[d]!)
      if (first !== undefined) {
        return new this.#error(
          this.#fn,
          `${this.pathAt(d)} refers back to ${this.pathAt(first)}; a tree may not hold cycles`,
        )
      }
      seenAt.set(this.#nodes[d]!, d)
    }
    return new this.#error(
      this.#fn,
      `${this.pathAt(SHOWN_KEYS)}… nests deeper than ${MAX_TREE_DEPTH} levels; a tree may nest at most ${MAX_TREE_DEPTH}`,
    )
  }
}
