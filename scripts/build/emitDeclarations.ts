// The declarations of every entry being built, from ONE TypeScript program.
// A program per package (what tsup's dts build makes) parses and checks the
// sources of every sibling it imports again, so the packages' shared
// foundations were checked up to fourteen times; one program checks each file once.
import { join } from 'node:path'
import ts from 'typescript'

/**
 * Emits the declarations of `entries` (source files) and of every source file
 * they import, and returns them in memory keyed by path: `src/ops/add.ts` gives
 * `src/ops/add.d.ts` beside it. Compiler options are the root tsconfig.json's,
 * the ones the packages' own tsconfigs extend. Throws with TypeScript's messages
 * when any file of the program has an error, as tsup's dts build did.
 * @example emitDeclarations('.', ['packages/core/src/index.ts']).has(resolve('packages/core/src/index.d.ts')) // true
 */
export function emitDeclarations(repoRoot: string, entries: readonly string[]): Map<string, string> {
  const configPath = join(repoRoot, 'tsconfig.json')
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, configHost)
  if (config === undefined) throw new Error(`cannot read ${configPath}`)
  const options: ts.CompilerOptions = {
    ...config.options,
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    noEmitOnError: true,
    declarationMap: false,
    // Declarations come out beside their sources (in memory), so the bundler resolves them as it would the sources.
    outDir: undefined,
    rootDir: undefined,
  }
  const program = ts.createProgram({ rootNames: entries, options })
  const declarations = new Map<string, string>()
  const result = program.emit(undefined, (fileName, text) => declarations.set(fileName, text), undefined, true)
  if (result.emitSkipped) {
    throw new Error(`declarations not emitted:\n${ts.formatDiagnostics(result.diagnostics, formatHost)}`)
  }
  return declarations
}

const configHost: ts.ParseConfigFileHost = {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
    throw new Error(ts.formatDiagnostics([diagnostic], formatHost))
  },
}

const formatHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (fileName) => fileName,
  getCurrentDirectory: () => process.cwd(),
  getNewLine: () => '\n',
}

/** Where TypeScript puts the declaration of the source file `source`. */
export const declarationPath = (source: string): string => source.replace(/\.ts$/, '.d.ts')
