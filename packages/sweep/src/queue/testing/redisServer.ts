// A redis-server of the tests' own on a free loopback port, with its files in a temporary directory: the
// tests never touch a shared or system Redis. `restart` stops it and starts it again on the same port,
// keeping its data (append-only file, synced at every write) or losing it.
import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Whether Debian's redis-server is on the PATH. */
export const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0

export interface RedisServer {
  readonly url: string
  /** Stops the server and starts it again on the same port; with `keepData: false`, empty and without persistence. */
  restart(options: { keepData: boolean }): Promise<void>
  stop(): Promise<void>
}

export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort()
  const newDir = () => mkdtempSync(join(tmpdir(), 'queue-redis-'))
  let dir = newDir()
  let server = await launch(port, dir, true)
  return {
    url: `redis://127.0.0.1:${port}`,
    restart: async ({ keepData }) => {
      await stop(server)
      if (!keepData) {
        rmSync(dir, { recursive: true, force: true })
        dir = newDir()
      }
      server = await launch(port, dir, keepData)
    },
    stop: async () => {
      await stop(server)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

async function launch(port: number, dir: string, persistent: boolean): Promise<ChildProcess> {
  const persistence = persistent ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir, ...persistence]
  const server = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise<void>((resolve, reject) => {
    let output = ''
    server.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Ready to accept connections')) resolve()
    })
    server.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)))
  })
  server.stdout!.resume()
  return server
}

function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    server.once('exit', () => resolve())
    server.kill('SIGTERM')
  })
}

/** A loopback port nothing listens on (just released): for a server to start on, or for a refused connection. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}
