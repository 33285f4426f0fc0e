#!/usr/bin/env bash
# Installs what gpn needs to build and test, from Debian 12's packages.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
packages=(build-essential cmake libcli11-dev libyaml-cpp-dev libeigen3-dev libfmt-dev catch2 nlohmann-json3-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
