#!/usr/bin/env bash
# Web app benchmark: the size of the production bundle in web/dist, and the
# time until the meetings page is interactive in headless Debian chromium,
# against a server with the demo clinic. See bench/README.md.
#
#   bash bench/web.sh                 set up and build what is missing, start a
#                                     server with a fresh demo clinic, measure
#   bash bench/web.sh --url URL [--demo-file FILE]
#                                     measure a running server instead (default
#                                     FILE: data/demo-sign-ins.json, which
#                                     scripts/run.sh writes)
#   BENCH_WEB_RUNS=10                 page loads measured (the median counts)
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

RUNS=${BENCH_WEB_RUNS:-10}
if ! [[ $RUNS =~ ^[0-9]+$ ]] || (( RUNS < 1 || RUNS > 200 )); then
  die "BENCH_WEB_RUNS must be an integer in [1, 200], got '$RUNS'"
fi

URL='' DEMO_FILE=''
while (( $# )); do
  case $1 in
    --url) URL=${2:?--url needs a value}; shift ;;
    --demo-file) DEMO_FILE=${2:?--demo-file needs a value}; shift ;;
    -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
  shift
done
[[ -n $DEMO_FILE && -z $URL ]] && die "--demo-file goes with --url"
if [[ -n $URL ]]; then
  DEMO_FILE=${DEMO_FILE:-$ROOT/data/demo-sign-ins.json}
  [[ -r $DEMO_FILE ]] || die "cannot read $DEMO_FILE (the demo sign-ins of the server at $URL)"
fi
(( EUID == 0 )) || die "run as root: the set-up installs packages and the server runs as the system user consilium"

OUT=${BENCH_OUT:-$BENCH/out/web-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"

# ---------------------------------------------------------------- clean-up
DATA='' WEB_ROOT='' SERVER_PID=''
source "$ROOT/bench/stop_pid.sh"
cleanup() {
  set +e
  if [[ -n $SERVER_PID ]]; then
    stop_pid "$SERVER_PID" 30
    wait "$SERVER_PID" 2>/dev/null
  fi
  [[ -n $DATA ]] && rm -rf "$DATA"
  [[ -n $WEB_ROOT ]] && rm -rf "$WEB_ROOT"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- set-up
# The server, the web app, chromium and the browser tests' packages: what
# the browser tests need is exactly what this bench needs.
say "scripts/setup.sh --test (output in ${OUT#"$ROOT"/}/setup.log)"
bash "$ROOT/scripts/setup.sh" --test >"$OUT/setup.log" 2>&1 || { tail -n 30 "$OUT/setup.log" >&2; die "set-up failed"; }
[[ -f $ROOT/web/dist/index.html ]] || die "web/dist/index.html is missing after the set-up"
BIN=${CONSILIUM_BIN:-$ROOT/build/consilium}

start_consilium() {
  # The service user may not reach the checkout: the server gets copies.
  WEB_ROOT=$(mktemp -d /tmp/consilium-bench-web.XXXXXX)
  cp "$BIN" "$WEB_ROOT/consilium"
  cp -r "$ROOT/web/dist" "$WEB_ROOT/dist"
  chmod -R a+rX "$WEB_ROOT"
  DATA=$(mktemp -d /tmp/consilium-bench-data.XXXXXX)
  chown consilium:consilium "$DATA"
  chmod 0700 "$DATA"
  say "starting Consilium (data dir $DATA)"
  CONSILIUM_WEB_ROOT=$WEB_ROOT/dist setpriv --reuid=consilium --regid=consilium --init-groups -- \
    "$WEB_ROOT/consilium" serve --data-dir "$DATA" --listen 127.0.0.1:0 --demo \
    </dev/null >"$OUT/consilium.log" 2>"$OUT/consilium.err" &
  SERVER_PID=$!
  local i
  for (( i = 0; i < 600; i++ )); do   # at most 180 s: initdb, migrations, the demo clinic
    URL=$(grep -m1 '"event":"listening"' "$OUT/consilium.log" | grep -o 'https://127\.0\.0\.1:[0-9]*' || true)
    [[ -n $URL && -s $DATA/demo-sign-ins.json ]] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 20 "$OUT/consilium.log" "$OUT/consilium.err" >&2; die "Consilium exited early"; }
    sleep 0.3
  done
  [[ -n $URL && -s $DATA/demo-sign-ins.json ]] || die "Consilium did not start with its demo clinic within 180 s; see $OUT/consilium.log"
  for (( i = 0; i < 100; i++ )); do
    curl -sfk --max-time 2 -o /dev/null "$URL/readyz" && break
    sleep 0.3
  done
  DEMO_FILE=$DATA/demo-sign-ins.json
  say "Consilium listening on $URL"
}
[[ -n $URL ]] || start_consilium

# ---------------------------------------------------------------- measuring
say "measuring the bundle and $RUNS loads of the meetings page"
E2E_BASE_URL=$URL E2E_DEMO_FILE=$DEMO_FILE node "$BENCH/web.mjs" --runs "$RUNS" --dist "$ROOT/web/dist" \
  --commit "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)" --out "$OUT" | tee "$OUT/summary.txt"
