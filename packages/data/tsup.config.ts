import { defineConfig } from 'tsup'
import { packageBuild } from '../../tsup.base'

// Two entries (see package.json): `text` holds parseCsv and imports nothing
// from Node, so a browser bundle can use it.
export default defineConfig({
  ...packageBuild,
  entry: { index: 'src/index.ts', text: 'src/text.ts' },
})
