#!/usr/bin/env bash
# Installs what Consilium needs on Debian 12 (as root), creates the
# unprivileged 'consilium' system user the server and its private PostgreSQL
# run as, builds the server in build/ (Release) and the web app in web/dist/.
# Usage: scripts/setup.sh [--test]   (--test adds what the tests need: Debian's
# chromium and the browser tests' packages in web/e2e/, SoftHSM2 for the PKCS#11 root key's tests)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake ninja-build ccache pkg-config ca-certificates openssl curl
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libssl-dev libpq-dev libcrypt-dev liboath-dev libqrencode-dev libspdlog-dev libfmt-dev libcli11-dev libgtest-dev libp11-kit-dev libmagic-dev
  postgresql-15 postgresql-client-15)
command -v npm >/dev/null || packages+=(nodejs npm)
with_tests=0
if [[ "${1:-}" == "--test" ]]; then
  with_tests=1
  packages+=(python3 python3-pytest python3-psycopg2 python3-yaml chromium softhsm2)
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

# Installs a folder's npm packages exactly as its package-lock.json says,
# unless they are already installed from that lock file.
npm_packages() {
  local dir=$1
  if [[ ! -f $dir/node_modules/.package-lock.json || $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]]; then
    echo "setup: installing the npm packages of $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

if ((with_tests)); then
  npm_packages web/e2e
fi

# The web app, rebuilt when a file it is made from is newer than the last build.
if [[ -f web/package.json ]]; then
  npm_packages web
  if [[ ! -f web/dist/index.html ]] ||
    [[ -n $(find web -path web/node_modules -prune -o -path web/dist -prune -o -path web/e2e -prune \
      -o -type f -newer web/dist/index.html -print -quit) ]]; then
    echo "setup: building the web app in web/dist"
    (cd web && npm run build --silent)
  fi
else
  echo "setup: web/package.json not found; the web app is not built"
fi
