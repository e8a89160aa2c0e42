import { defineConfig } from 'tsup'
import { packageBuild } from '../../tsup.base'

// d3 ships as ES modules only; it is a devDependency, so tsup bundles it and
// the CommonJS build loads without require(esm). `shims` gives the CommonJS
// build an import.meta.url, which locates the dashboard's page files.
export default defineConfig({ ...packageBuild, shims: true })
