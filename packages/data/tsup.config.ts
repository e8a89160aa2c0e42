import type { Plugin } from 'esbuild'
import { defineConfig } from 'tsup'
import { packageBuild } from '../../tsup.base'

// parseCsv imports csv-parse's browser build (ES modules only, with its own
// Buffer shim). The CommonJS build, which only Node loads, requires
// csv-parse's CommonJS build of the same parser instead, so that no Node
// version has to require an ES module.
const commonJsParser: Plugin = {
  name: 'csv-parse-for-commonjs',
  setup(build) {
    const commonJs = build.initialOptions.format === 'cjs'
    build.onResolve({ filter: /^csv-parse\/browser\/esm\/sync$/ }, ({ path }) => ({
      path: commonJs ? 'csv-parse/sync' : path,
      external: true,
    }))
  },
}

// Two entries (see package.json): `text` holds parseCsv and imports nothing
// from Node, so a browser bundle can use it.
export default defineConfig({
  ...packageBuild,
  entry: { index: 'src/index.ts', text: 'src/text.ts' },
  noExternal: ['csv-parse/browser/esm/sync'], // left to the plugin, which keeps it external
  esbuildPlugins: [commonJsParser],
})
