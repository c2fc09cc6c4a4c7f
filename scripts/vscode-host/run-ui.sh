#!/usr/bin/env bash
# `npm run test:ui`: packages the extension, installs the .vsix into a fresh code-server with
# `--install-extension`, and drives the workbench in headless Chromium like a person would (test/ui).
# Screenshots go to test-results/ui/. Prints "N passed, N failed".
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
. "$REPO/scripts/vscode-host/env.sh"
bash "$REPO/scripts/vscode-host/setup.sh"
started=$SECONDS

cd "$REPO"
mkdir -p "$REPO/test-results"
# The packaged extension (dist/ + invertibility-certifier.vsix); VSIX=path tests a given package instead.
if [ -z "${VSIX:-}" ]; then
  npm run --silent package > "$REPO/test-results/package.log" 2>&1 || { cat "$REPO/test-results/package.log"; echo "0 passed, 1 failed"; exit 1; }
  VSIX="$REPO/invertibility-certifier.vsix"
fi
new_run_dir "$REPO"
OUT="$REPO/test-results/ui"
rm -rf "$OUT" && mkdir -p "$OUT"
finish() {
  local rc=$?
  stop_code_server
  cp "$RUN/server.log" "$OUT/" 2>/dev/null || true
  find "$RUN/user-data/logs" -name '*.log' -path '*exthost*' -exec cp {} "$OUT/" \; 2>/dev/null || true
  if [ "$rc" = 0 ] && [ -z "${KEEP_RUN:-}" ]; then rm -rf "$RUN"; else echo "run directory kept: $RUN"; fi
  echo "ui: wall time $((SECONDS - started)) s"
}
trap finish EXIT

code_server --install-extension "$VSIX" | sed 's/^/[ui] /'
start_code_server "$WORKSPACE"
echo "code-server on http://127.0.0.1:$PORT (process group $SERVER_PGID), workspace $WORKSPACE"
INVCERT_UI_LOGS="$RUN/user-data/logs" node --import tsx test/ui/uiFlow.ts "http://127.0.0.1:$PORT" "$WORKSPACE" "$OUT"
