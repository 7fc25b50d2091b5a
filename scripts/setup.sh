#!/usr/bin/env bash
# Installs what Consilium needs on Debian 12 (as root), creates the
# unprivileged 'consilium' system user the server and its private PostgreSQL
# run as, and builds the server in build/ (Release).
# Usage: scripts/setup.sh [--test]   (--test adds what the tests need)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake ninja-build ccache pkg-config ca-certificates openssl curl
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libssl-dev libpq-dev libcrypt-dev liboath-dev libqrencode-dev libspdlog-dev libfmt-dev libcli11-dev libgtest-dev
  postgresql-15 postgresql-client-15)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(python3 python3-pytest python3-psycopg2 python3-yaml)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: run as root (sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Debian's postgresql package starts a system cluster we do not use.
if [[ $(id -u) -eq 0 ]] && ! id consilium >/dev/null 2>&1; then
  useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin consilium
fi

build_type=${CONSILIUM_BUILD_TYPE:-Release}
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="$build_type" >/dev/null
cmake --build build --parallel "$(nproc)"
