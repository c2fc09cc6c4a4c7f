#!/usr/bin/env bash
# `npm run test:integration`: the mocha suite in test/integration, run inside a real VS Code extension host
# (code-server 1.139 on Node 24), on a fresh copy of test/fixtures/workspace. Prints "N passed, N failed".
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
. "$REPO/scripts/vscode-host/env.sh"
bash "$REPO/scripts/vscode-host/setup.sh"
started=$SECONDS

cd "$REPO"
node scripts/build.mjs                       # the extension, server, worker and webview bundles (dist/)
node scripts/vscode-host/build-tests.mjs     # the in-host suite (out/test/integration/)

new_run_dir "$REPO"
export INVCERT_IT_RESULTS_DIR="$RUN/results"  # inherited by the extension host through code-server's env
finish() {
  local rc=$?
  stop_code_server
  mkdir -p "$REPO/test-results/integration"
  cp "$RUN/server.log" "$RUN"/results/*.json "$REPO/test-results/integration/" 2>/dev/null || true
  find "$RUN/user-data/logs" -name '*.log' -path '*exthost*' -exec cp {} "$REPO/test-results/integration/" \; 2>/dev/null || true
  if [ "$rc" = 0 ] && [ -z "${KEEP_RUN:-}" ]; then rm -rf "$RUN"; else echo "run directory kept: $RUN"; fi
  echo "integration: wall time $((SECONDS - started)) s"
}
trap finish EXIT

start_code_server --vscode-option enable-smoke-test-driver
echo "code-server on http://127.0.0.1:$PORT (process group $SERVER_PGID), workspace $WORKSPACE"
node --import tsx test/integration/host/runInHost.ts "http://127.0.0.1:$PORT" "$WORKSPACE" "$REPO" \
  "$REPO/out/test/integration/suite/index.js" "$INVCERT_IT_RESULTS_DIR"
