import { defineConfig } from 'tsup'
import { packageBuild } from '../../tsup.base'

// Two entries (see package.json): `bytes` holds the in-memory encoders and
// decoders and imports nothing from Node, so a browser bundle can use it.
export default defineConfig({
  ...packageBuild,
  entry: { index: 'src/index.ts', bytes: 'src/bytes.ts' },
})
