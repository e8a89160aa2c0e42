import type { Options } from 'tsup'

/** How every package is built: ESM and CommonJS from src/index.ts, with declarations and source maps. */
export const packageBuild: Options = {
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
}
