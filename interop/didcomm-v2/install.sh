#!/usr/bin/env bash
# Installs the interop CLIs' npm dependencies (didcomm-node, Veramo) for the didcomm module's *IT tests.
# Run by Maven (exec-maven-plugin, pre-integration-test). Skips when npm is absent (the ITs then skip too,
# by a JUnit assumption on `node`) or when node_modules is newer than package.json and package-lock.json.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if ! command -v npm >/dev/null 2>&1; then
  echo "interop/didcomm-v2: npm not found, skipping install (DIDComm v2 interop ITs will be skipped)"
  exit 0
fi
stamp=node_modules/.package-lock.json
if [[ -f "$stamp" && "$stamp" -nt package.json && "$stamp" -nt package-lock.json ]]; then
  echo "interop/didcomm-v2: node_modules up to date"
  exit 0
fi
npm ci --ignore-scripts --no-audit --no-fund
