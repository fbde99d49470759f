#!/usr/bin/env bash
# Installs what the real-VS-Code end-to-end suite needs, outside the project's own dependencies:
#   - Debian packages: chromium (the browser playwright-core drives), ripgrep (replaces @vscode/ripgrep's download),
#     libkrb5-dev + python3 + make + g++ + pkg-config (code-server's native modules build from source);
#   - code-server 4.100.3 (= VS Code 1.100.3, the newest whose engines.node accepts Node 20) into a cache folder
#     that outlives the clone, so a reused CI machine skips the ~2-minute install.
# Usage: scripts/e2e/install.sh            (idempotent; prints what it skipped)
# Env:   WIREGRAD_E2E_CACHE  cache folder (default $HOME/.cache/wiregrad-e2e)
set -euo pipefail

CS_VERSION=4.100.3
RG_PKG=1.15.11 RG_TAG=v13.0.0-10   # @vscode/ripgrep version pinned by code-server 4.100.3's lib/vscode shrinkwrap
CACHE=${WIREGRAD_E2E_CACHE:-$HOME/.cache/wiregrad-e2e}
CS_DIR=$CACHE/cs
MARKER=$CS_DIR/.installed-$CS_VERSION
start=$SECONDS

# apt can be held by another process (unattended upgrades, a colleague's install): wait for it instead of failing.
apt_retry() {
  local try
  for try in $(seq 1 60); do
    if "$@" 2> >(tee /tmp/wiregrad-e2e-apt.err >&2); then return 0; fi
    grep -q 'Could not get lock\|Unable to acquire\|Unable to lock' /tmp/wiregrad-e2e-apt.err || return 1
    echo "apt is locked by another process; retrying in 5 s ($try/60)" >&2
    sleep 5
  done
  return 1
}

need_apt=0
for bin in chromium rg python3 make g++ pkg-config; do command -v "$bin" >/dev/null || need_apt=1; done
[ -e /usr/include/gssapi/gssapi.h ] || need_apt=1
if [ "$need_apt" = 1 ]; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  echo "== apt: chromium ripgrep libkrb5-dev python3 make g++ pkg-config"
  apt_retry $SUDO apt-get update -qq
  apt_retry $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    chromium ripgrep libkrb5-dev python3 make g++ pkg-config >/dev/null
else
  echo "== apt packages already present"
fi

if [ -f "$MARKER" ] && [ -x "$CS_DIR/node_modules/.bin/code-server" ]; then
  echo "== code-server $CS_VERSION already installed in $CS_DIR"
  exit 0
fi

echo "== installing code-server $CS_VERSION into $CS_DIR"
# Keep every tool's state (npm cache, node-gyp, temp files) inside the cache folder, away from the user's home.
SCRATCH=$CACHE/install-home
export HOME=$SCRATCH XDG_CONFIG_HOME=$SCRATCH/.config XDG_DATA_HOME=$SCRATCH/.local/share \
       XDG_CACHE_HOME=$SCRATCH/.cache TMPDIR=$SCRATCH/tmp npm_config_cache=$CACHE/npm-cache
mkdir -p "$HOME" "$TMPDIR" "$CS_DIR"

# @vscode/ripgrep downloads rg from GitHub in its postinstall, which fails offline. It looks in
# $TMPDIR/vscode-ripgrep-cache-<version>/<asset> first: seed that with Debian's rg.
rg_cache=$TMPDIR/vscode-ripgrep-cache-$RG_PKG
mkdir -p "$rg_cache" "$TMPDIR/rgpack"
cp "$(command -v rg)" "$TMPDIR/rgpack/rg"
tar czf "$rg_cache/ripgrep-$RG_TAG-x86_64-unknown-linux-musl.tar.gz" -C "$TMPDIR/rgpack" rg

cd "$CS_DIR"
[ -f package.json ] || echo '{ "name": "wiregrad-e2e-code-server", "private": true }' > package.json
# unsafe_perm: code-server's postinstall refuses to run as root without it (npm 11 warns "Unknown config"; it still works)
# nodedir=/usr: build native modules against /usr/include/node instead of downloading headers from nodejs.org
# yes: node-pty's postinstall runs `npx node-gyp`, which aborts without it
npm_config_unsafe_perm=true npm_config_nodedir=/usr npm_config_yes=true npm_config_python=/usr/bin/python3 \
  npm install --no-audit --no-fund --loglevel=error code-server@$CS_VERSION
"$CS_DIR/node_modules/.bin/code-server" --version >/dev/null
touch "$MARKER"
echo "== code-server $CS_VERSION installed in $((SECONDS - start)) s"
