// The one path syntax of gradstream's messages: JavaScript's own accessors,
// `layers[2].b`, with keys that are not identifiers quoted: `["my key"]`.

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

/**
 * The path of `key` under `path` (`''` is the root): `layers[2]`, `layers[2].b`, `["my key"]`.
 * @example childPath(childPath('layers', 2), 'b') // 'layers[2].b'
 */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`
  if (!IDENTIFIER.test(key)) return `${path}[${JSON.stringify(key)}]`
  return path === '' ? key : `${path}.${key}`
}

/**
 * A path as messages show it, under the tree's name: `params.layers[2].b`, or `params` for the root.
 * @example rootedPath('params', 'layers[2].b') // 'params.layers[2].b'; rootedPath('grads', '[0]') // 'grads[0]'
 */
export function rootedPath(root: string, path: string): string {
  if (path === '') return root
  return path.startsWith('[') ? `${root}${path}` : `${root}.${path}`
}
