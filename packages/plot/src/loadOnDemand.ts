import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/**
 * Loads a CommonJS dependency when it is first needed rather than when plot
 * is imported, so a logger does not pull in the PNG renderer (a native
 * module) or the progress bar library. The cast is the one place the
 * module's type is asserted; callers name it with a type-only import.
 */
export function loadOnDemand<Module>(specifier: string): Module {
  return require(specifier) as Module
}
