# Sourced first by run-integration.sh and run-ui.sh: what both runs share. Strict mode, the repository root (REPO,
# and the working directory), the host toolchain (env.sh, then setup.sh installs or checks it), and one run's life:
#   begin_run <label> <log dir>   a fresh run directory (RUN, WORKSPACE: env.sh new_run_dir); on exit, whatever
#                                 the outcome, code-server is stopped, its logs and the extension-host logs (and
#                                 the suite's results/*.json) are copied to <log dir>, and the run directory is
#                                 removed after a green run (kept, with its path printed, on failure or KEEP_RUN=1)
#   start_host [code-server args] code-server for this run, in its own process group; prints where it listens
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$REPO/scripts/vscode-host/env.sh"
bash "$REPO/scripts/vscode-host/setup.sh"
RUN_STARTED=$SECONDS
cd "$REPO"

begin_run() {
  RUN_LABEL="$1"
  RUN_LOGS="$2"
  new_run_dir "$REPO"
  trap finish_run EXIT
}

finish_run() {
  local rc=$?
  stop_code_server
  mkdir -p "$RUN_LOGS"
  cp "$RUN/server.log" "$RUN"/results/*.json "$RUN_LOGS/" 2>/dev/null || true
  find "$RUN/user-data/logs" -name '*.log' -path '*exthost*' -exec cp {} "$RUN_LOGS/" \; 2>/dev/null || true
  if [ "$rc" = 0 ] && [ -z "${KEEP_RUN:-}" ]; then rm -rf "$RUN"; else echo "run directory kept: $RUN"; fi
  echo "$RUN_LABEL: wall time $((SECONDS - RUN_STARTED)) s"
}

start_host() {
  start_code_server "$@"
  echo "code-server on http://127.0.0.1:$PORT (process group $SERVER_PGID), workspace $WORKSPACE"
}
