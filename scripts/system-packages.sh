#!/usr/bin/env bash
# Installs the Debian packages named on the command line that are not installed yet, so that a
# fresh clone's `npm start`, `npm run test:vscode` and `npm run test:e2e` need nothing done by hand.
# As root it runs apt-get itself; otherwise with sudo when sudo needs no password; otherwise it
# prints the one command to run and fails.
#
#   bash scripts/system-packages.sh chromium libkrb5-dev ...
set -euo pipefail
need=()
for pkg in "$@"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "system packages: missing ${need[*]}, and this is no Debian/Ubuntu system: install them with its package manager" >&2
  exit 1
fi
if [ "$(id -u)" = 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  echo "system packages: missing ${need[*]}; install them (needs root), then run this again:" >&2
  echo "    sudo apt-get update && sudo apt-get install -y --no-install-recommends ${need[*]}" >&2
  exit 1
fi
echo "system packages: apt-get install ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}"
