#!/usr/bin/env bash
# Sets up, builds and runs the server: https://localhost:8443, data in ./data
# (its own PostgreSQL cluster and, on first run, a demo clinic whose sign-ins
# it prints). Extra arguments go to `consilium serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

data_dir=${CONSILIUM_DATA_DIR:-$PWD/data}
binary=$PWD/build/consilium
if [[ $(id -u) -ne 0 ]]; then
  exec "$binary" serve --data-dir "$data_dir" "$@"
fi

# As root: run as the unprivileged 'consilium' user (PostgreSQL refuses root).
mkdir -p "$data_dir"
chown consilium:consilium "$data_dir"
chmod 0700 "$data_dir"
if ! runuser -u consilium -- test -x "$binary" || ! runuser -u consilium -- test -w "$data_dir"; then
  echo "run: the 'consilium' user cannot reach $PWD (a parent folder is private)." >&2
  echo "run: clone the repository somewhere it can read, or set CONSILIUM_DATA_DIR and install the binary there." >&2
  exit 1
fi
exec runuser -u consilium -- "$binary" serve --data-dir "$data_dir" "$@"
