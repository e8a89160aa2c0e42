import { defineConfig } from 'tsup'
import { packageBuild } from '../../tsup.base'

// One entry per subpath export (see package.json): importing the terminal
// entry must not load the dashboard's server or the PNG renderer.
// d3 ships as ES modules only; it is a devDependency, so tsup bundles it and
// the CommonJS build loads without require(esm). `shims` gives the CommonJS
// build an import.meta.url, which locates the dashboard's page files and
// loads the on-demand dependencies.
// The `gradstream` command (package.json's bin) is an entry too: its shebang
// is kept and the ES module build is what `bin` points to.
export default defineConfig({
  ...packageBuild,
  entry: {
    index: 'src/index.ts',
    terminal: 'src/terminal/index.ts',
    figure: 'src/figure/index.ts',
    dashboard: 'src/dashboard/index.ts',
    cli: 'src/dashboard/cli.ts',
  },
  shims: true,
})
