import type { Options } from 'tsup'

/**
 * How every package's JavaScript is built: ESM and CommonJS from src/index.ts, with source maps.
 * The declarations are not tsup's: scripts/buildPackages.ts emits them for all packages from one
 * TypeScript program, so build a package with its `build` script rather than with tsup alone.
 */
export const packageBuild: Options = {
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: false,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // esbuild otherwise resolves entries from the folder it was first loaded in, which is the repository's
  // root when scripts/buildPackages.ts builds every package in one process.
  esbuildOptions(options) {
    options.absWorkingDir = process.cwd()
  },
}
