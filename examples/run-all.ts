// Runs every numbered example (01-*.ts, 02-*.ts, ...) in order, each in its
// own Node process so one example's state cannot affect the next, and exits
// non-zero if any of them failed.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const examplesDir = fileURLToPath(new URL('.', import.meta.url))
const examples = readdirSync(examplesDir)
  .filter((name) => /^\d{2}-.+\.ts$/.test(name))
  .sort()

const failed: string[] = []
for (const name of examples) {
  console.log(`\n=== ${name} ===\n`)
  // Source condition: sibling packages run from their TypeScript sources, no build needed.
  // --once: an example that would serve until interrupted (06-dashboard) runs once and exits.
  const result = spawnSync(process.execPath, ['--conditions=@gradstream/source', '--import', 'tsx', name, '--once'], {
    cwd: examplesDir,
    stdio: 'inherit',
  })
  if (result.status !== 0) failed.push(`${name} (${result.error?.message ?? `exit code ${result.status}`})`)
}

// The sweep example's runs are a log directory: the dashboard shows them on shared axes.
console.log("\nthe sweep's runs in the dashboard (from the repository root):")
console.log('  npx -y pnpm@10 dashboard examples/out/sweep')

// Later examples still run after a failure, so one broken example hides nothing else.
if (failed.length > 0) {
  console.error(`\n${failed.length} of ${examples.length} examples failed: ${failed.join(', ')}`)
  process.exitCode = 1
}
