#!/usr/bin/env bash
# `npm run test:ui`: packages the extension, installs the .vsix into a fresh code-server with
# `--install-extension`, and drives the workbench in headless Chromium like a person would (test/ui).
# Screenshots go to test-results/ui/. Prints "N passed, N failed".
. "$(dirname "$0")/run-common.sh"

mkdir -p "$REPO/test-results"
# The packaged extension (dist/ + invertibility-certifier.vsix); VSIX=path tests a given package instead.
if [ -z "${VSIX:-}" ]; then
  npm run --silent package > "$REPO/test-results/package.log" 2>&1 || { cat "$REPO/test-results/package.log"; echo "0 passed, 1 failed"; exit 1; }
  VSIX="$REPO/invertibility-certifier.vsix"
fi
OUT="$REPO/test-results/ui"
rm -rf "$OUT" && mkdir -p "$OUT"
begin_run ui "$OUT"
code_server --install-extension "$VSIX" | sed 's/^/[ui] /'
# Workspace Trust stays available (no --disable-workspace-trust): the settings turn it off for the main flow, and the
# trust steps turn it on and open this second, never-trusted copy of the workspace.
UNTRUSTED="$RUN/untrusted-workspace"
cp -r "$WORKSPACE" "$UNTRUSTED"
start_host --trust-available "$WORKSPACE"
INVCERT_UI_LOGS="$RUN/user-data/logs" node --import tsx test/ui/uiFlow.ts "http://127.0.0.1:$PORT" "$WORKSPACE" "$OUT" \
  "$UNTRUSTED" "$RUN/user-data/User/settings.json"
