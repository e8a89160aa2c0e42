import { defineConfig } from 'tsup'

// d3 ships as ES modules only; it is a devDependency, so tsup bundles it and
// the CommonJS build loads without require(esm). `shims` gives the CommonJS
// build an import.meta.url, which locates the dashboard's page files.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  shims: true,
})
