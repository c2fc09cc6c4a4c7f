#!/usr/bin/env bash
# `npm run test:integration`: the mocha suite in test/integration, run inside a real VS Code extension host
# (code-server 1.139 on Node 24), on a fresh copy of test/fixtures/workspace. Prints "N passed, N failed".
. "$(dirname "$0")/run-common.sh"

node scripts/build.mjs                       # the extension, server, worker and webview bundles (dist/)
node scripts/vscode-host/build-tests.mjs     # the in-host suite (out/test/integration/)

begin_run integration "$REPO/test-results/integration"
export INVCERT_IT_RESULTS_DIR="$RUN/results"  # inherited by the extension host through code-server's env
start_host --vscode-option enable-smoke-test-driver
node --import tsx test/integration/host/runInHost.ts "http://127.0.0.1:$PORT" "$WORKSPACE" "$REPO" \
  "$REPO/out/test/integration/suite/index.js" "$INVCERT_IT_RESULTS_DIR"
