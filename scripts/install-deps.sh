#!/usr/bin/env bash
# Installs what gpn needs to build and test, from Debian 12's packages.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
packages=(build-essential cmake libcli11-dev libyaml-cpp-dev libeigen3-dev libfmt-dev libdragonbox-dev catch2 nlohmann-json3-dev
  libssl-dev libxlsxwriter-dev unzip chromium
  clang libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# As root on a fresh machine there may be no sudo; otherwise it is needed.
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
if [ ${#missing[@]} -gt 0 ]; then
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
