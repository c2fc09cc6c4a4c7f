#!/usr/bin/env bash
# npm-install-node24.sh <node dir> <package dir> [NAME=value...]: `npm install` in <package dir> with the Node in
# <node dir>/bin, isolated from any npm that started us; NAME=value pairs are added to the install's environment. Used by setup.sh for code-server; test/unit/vscodeHost.install.test.ts
# runs it under `npm run` to pin the isolation.
#
# Why a scrubbed environment: under `npm test`/`npm run`, npm exports its resolved config as npm_config_* and its
# own runtime as npm_node_execpath, NODE, npm_execpath... A nested `npm install` reads npm_config_* back as config,
# so npm_config_user_agent ("npm/11 node/v20 ...", computed by the outer npm on the system Node) reaches
# code-server's postinstall, which takes the Node major from that string and refuses anything but 24. Every
# npm_* variable and NODE/INIT_CWD go; npm's own PATH additions (node_modules/.bin, node-gyp-bin) go too.
# The nested npm then computes its user agent itself, on Node 24, and reads ~/.npmrc and the project file as usual.
set -euo pipefail
node_dir="$1"
package_dir="$2"
shift 2

# Network settings a user may have put in the environment work the same on any Node: keep them.
keep=()
for name in $(compgen -e); do
  case "$name" in
    npm_config_registry | npm_config_*proxy | npm_config_cafile | npm_config_ca | npm_config_strict_ssl | \
      npm_config_cache) keep+=("$name=${!name}") ;;
  esac
done
for name in $(compgen -e); do
  case "$name" in
    npm_* | NPM_* | NODE | INIT_CWD) unset "$name" ;;
  esac
done
path=""
IFS=: read -ra entries <<< "$PATH"
for entry in "${entries[@]}"; do
  case "$entry" in
    */node_modules/.bin | */node-gyp-bin | "") ;;
    *) path="${path:+$path:}$entry" ;;
  esac
done

cd "$package_dir"
# npm_config_nodedir: native modules build against Node 24's headers (the node package ships include/node; ~/.npmrc
# may point nodedir at the system Node's). Dependency build scripts run only where package.json's allowScripts says.
exec env ${keep[@]+"${keep[@]}"} PATH="$node_dir/bin:$path" npm_config_nodedir="$node_dir" "$@" \
  npm install --no-audit --no-fund --loglevel=warn
