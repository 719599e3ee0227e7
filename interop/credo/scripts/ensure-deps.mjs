#!/usr/bin/env node
// Installs node_modules with `npm ci --ignore-scripts` (or `npm install --ignore-scripts` without a
// lock file) when it is missing or older than package.json / package-lock.json; otherwise does
// nothing. Run by the Maven build before the Node tests; safe to run by hand.
import { spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const [major, minor] = process.versions.node.split('.').map(Number)
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`interop/credo needs Node >= 20.19 (Credo 0.6); this is ${process.versions.node}`)
  process.exit(1)
}

const mtime = (file) => (existsSync(file) ? statSync(file).mtimeMs : null)
const installed = mtime(join(root, 'node_modules', '.package-lock.json'))
const lock = mtime(join(root, 'package-lock.json'))
const inputs = [mtime(join(root, 'package.json')), lock].filter((t) => t !== null)
if (installed !== null && inputs.every((t) => t <= installed)) {
  console.error('interop/credo: node_modules is up to date')
  process.exit(0)
}

const args = lock !== null ? ['ci', '--ignore-scripts', '--no-audit', '--no-fund'] : ['install', '--ignore-scripts', '--no-audit', '--no-fund']
console.error(`interop/credo: npm ${args.join(' ')}`)
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const result = spawnSync(npm, args, { cwd: root, stdio: 'inherit' })
if (result.error) {
  console.error(`interop/credo: cannot run npm: ${result.error.message}`)
  process.exit(1)
}
process.exit(result.status ?? 1)
