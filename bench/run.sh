#!/usr/bin/env bash
# Consilium read-path benchmark: GET /api/v1/patients/{id} over HTTPS against
# Consilium, against the reference peer (Fastify + node-postgres), and the
# same SQL transaction run by pgbench directly (the database's ceiling), all
# on one database holding the same data. See bench/README.md.
#
#   bash bench/run.sh                  everything (run as root, from anywhere)
#   bash bench/run.sh --no-consilium   peer and pgbench only, on a PostgreSQL
#                                      the bench starts itself (checks the
#                                      bench while the server does not build)
#   --skip-peer, --skip-pgbench        leave a part out
#   --skip-storm                       leave out the sign-in storm (sign-ins/s,
#                                      and read p99 with and without it)
#   --skip-audit                       leave out the audit cost (the read's
#                                      transaction with and without its
#                                      audit record, by pgbench)
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PEER_SRC=${BENCH_PEER_DIR:-$ROOT/../shared/peers/fastify-pg}
PEER_CACHE=${BENCH_PEER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/consilium-bench}

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# An integer setting from the environment, bounded so that no loop runs away.
setting() { # NAME DEFAULT MIN MAX
  local v=${!1:-$2}
  [[ $v =~ ^[0-9]+$ ]] && (( v >= $3 && v <= $4 )) || die "$1 must be an integer in [$3, $4], got '$v'"
  printf '%s' "$v"
}
DURATION=$(setting BENCH_DURATION 10 1 600)
WARMUP=$(setting BENCH_WARMUP 3 0 120)
CLINICS=$(setting BENCH_CLINICS 10 1 100)
PER_CLINIC=$(setting BENCH_PATIENTS_PER_CLINIC 10000 1 1000000)
SAMPLE=$(setting BENCH_SAMPLE 20000 1 1000000)
THREADS=$(setting BENCH_THREADS 2 1 64)
read -r -a CONNS <<<"${BENCH_CONNECTIONS:-16 64}"
for c in "${CONNS[@]}"; do
  [[ $c =~ ^[0-9]+$ ]] && (( c >= THREADS && c <= 1000 )) || die "BENCH_CONNECTIONS: each must be in [$THREADS, 1000], got '$c'"
done

# The sign-in storm: sign-in connections (wrk -t1), read connections, and
# accounts made for it.
STORM_SIGNIN_CONNS=$(setting BENCH_STORM_SIGNIN_CONNECTIONS 4 1 64)
STORM_READ_CONNS=$(setting BENCH_STORM_READ_CONNECTIONS 16 "$THREADS" 1000)
STORM_ACCOUNTS=$(setting BENCH_STORM_ACCOUNTS 4 1 50)

WITH_CONSILIUM=1 WITH_PEER=1 WITH_PGBENCH=1 WITH_STORM=1 WITH_AUDIT=1
for arg in "$@"; do
  case $arg in
    --no-consilium) WITH_CONSILIUM=0 ;;
    --skip-peer) WITH_PEER=0 ;;
    --skip-pgbench) WITH_PGBENCH=0 ;;
    --skip-storm) WITH_STORM=0 ;;
    --skip-audit) WITH_AUDIT=0 ;;
    -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $arg (see --help)" ;;
  esac
done

(( WITH_CONSILIUM )) || WITH_STORM=0
(( EUID == 0 )) || die "run as root: the server runs as the system user consilium"

STAMP=$(date +%Y%m%d-%H%M%S)
OUT=${BENCH_OUT:-$BENCH/out/$STAMP}
mkdir -p "$OUT"
STATUS=0   # becomes 1 when a part could not be measured cleanly

# ---------------------------------------------------------------- clean-up
WORK='' DATA='' SERVER_PID='' PEER_PID='' OWN_PG='' STORM_PID=''
source "$ROOT/bench/stop_pid.sh"
stop_peer() {
  [[ -n $PEER_PID ]] || return 0
  # The peer runs in a session of its own: signal its whole process group
  # (the cluster primary and its workers).
  if [[ $(ps -o pgid= -p "$PEER_PID" 2>/dev/null | tr -d ' ') == "$PEER_PID" ]]; then
    kill -TERM -- "-$PEER_PID" 2>/dev/null || true
    sleep 1
    kill -KILL -- "-$PEER_PID" 2>/dev/null || true
  else
    stop_pid "$PEER_PID" 10
  fi
  wait "$PEER_PID" 2>/dev/null || true
  PEER_PID=
}
stop_postmaster() { # the private PostgreSQL, if the server left it running
  local f pid
  [[ -n $DATA && -d $DATA ]] || return 0
  while IFS= read -r f; do
    pid=$(head -n1 "$f" 2>/dev/null || true)
    [[ $pid =~ ^[0-9]+$ ]] && stop_pid "$pid" 30
  done < <(find "$DATA" -maxdepth 4 -name postmaster.pid 2>/dev/null)
}
CHILD=''
# Runs a long command in the background and waits for it, so that a signal
# to the bench is handled at once (bash runs traps only between commands).
run_child() {
  "$@" &
  CHILD=$!
  local rc=0
  wait "$CHILD" || rc=$?
  CHILD=''
  return "$rc"
}
cleanup() {
  set +e
  [[ -n $CHILD ]] && stop_pid "$CHILD" 5
  [[ -n $STORM_PID ]] && stop_pid "$STORM_PID" 5
  stop_peer
  if [[ -n $SERVER_PID ]]; then
    stop_pid "$SERVER_PID" 30
    wait "$SERVER_PID" 2>/dev/null
  fi
  if [[ -n $OWN_PG ]]; then
    runuser -u consilium -- "$PG_BIN/pg_ctl" -D "$OWN_PG" -m fast -w -t 30 stop >/dev/null 2>&1
  fi
  stop_postmaster
  if [[ -n ${BENCH_KEEP:-} ]]; then
    say "kept $WORK and $DATA (BENCH_KEEP)"
  else
    [[ -n $WORK ]] && rm -rf "$WORK"
    [[ -n $DATA ]] && rm -rf "$DATA"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- tools
ensure_tools() {
  local pkgs=()
  command -v wrk >/dev/null || pkgs+=(wrk)
  command -v jq >/dev/null || pkgs+=(jq)
  command -v curl >/dev/null || pkgs+=(curl)
  command -v setpriv >/dev/null || pkgs+=(util-linux)
  [[ -x $PG_BIN/pgbench && -x $PG_BIN/psql ]] || pkgs+=(postgresql-15 postgresql-client-15)
  if (( WITH_PEER )) || ! command -v node >/dev/null; then
    command -v node >/dev/null || pkgs+=(nodejs)
    command -v npm >/dev/null || pkgs+=(npm)
  fi
  if (( ${#pkgs[@]} )); then
    say "installing ${pkgs[*]}"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >/dev/null \
      || die "could not install ${pkgs[*]}"
  fi
  id consilium >/dev/null 2>&1 \
    || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin consilium
}

PSQL() { # CONNINFO ARGS...: psql that stops at the first error
  local ci=$1; shift
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -d "$ci" "$@"
}

# ---------------------------------------------------------------- Consilium
BIN=
build_consilium() {
  if [[ -n ${CONSILIUM_BIN:-} ]]; then BIN=$CONSILIUM_BIN; return; fi
  local dir=$ROOT/build log=$OUT/build.log
  if [[ -f $dir/CMakeCache.txt ]] && ! grep -qx 'CMAKE_BUILD_TYPE:STRING=Release' "$dir/CMakeCache.txt"; then
    dir=$ROOT/build-release
    say "build/ is not a Release build; building in build-release/"
  fi
  if ! command -v cmake >/dev/null && [[ -f $ROOT/scripts/setup.sh ]]; then
    say "cmake missing: running scripts/setup.sh"
    bash "$ROOT/scripts/setup.sh" >"$OUT/setup.log" 2>&1 || die "scripts/setup.sh failed; see $OUT/setup.log"
  fi
  say "building Consilium (Release) in ${dir#"$ROOT"/}"
  if ! cmake -S "$ROOT" -B "$dir" -DCMAKE_BUILD_TYPE=Release >"$log" 2>&1; then
    [[ -f $ROOT/scripts/setup.sh ]] || { tail -n 30 "$log" >&2; die "cmake configure failed; see $log"; }
    say "configure failed: running scripts/setup.sh and trying again"
    bash "$ROOT/scripts/setup.sh" >"$OUT/setup.log" 2>&1 || die "scripts/setup.sh failed; see $OUT/setup.log"
    cmake -S "$ROOT" -B "$dir" -DCMAKE_BUILD_TYPE=Release >>"$log" 2>&1 \
      || { tail -n 30 "$log" >&2; die "cmake configure failed; see $log"; }
  fi
  cmake --build "$dir" --target consilium -j "$(nproc)" >>"$log" 2>&1 \
    || { tail -n 40 "$log" >&2; die "build failed; see $log (bash bench/run.sh --no-consilium measures the rest)"; }
  BIN=$dir/consilium
}

cli() { runuser -u consilium -- "$BIN" "$@" </dev/null; }
# The last line of a command's output that is a JSON object holding KEY.
json_field() { jq -Rr --arg k "$1" 'fromjson? | objects | .[$k] // empty' | tail -n1; }

URL=
start_consilium() {
  DATA=$(mktemp -d /tmp/consilium-bench-data.XXXXXX)
  chown consilium:consilium "$DATA"
  chmod 0700 "$DATA"
  say "starting Consilium (data dir $DATA)"
  setpriv --reuid=consilium --regid=consilium --init-groups -- \
    "$BIN" serve --data-dir "$DATA" --listen 127.0.0.1:0 --demo \
    </dev/null >"$OUT/consilium.log" 2>"$OUT/consilium.err" &
  SERVER_PID=$!
  local i
  for (( i = 0; i < 600; i++ )); do   # at most 180 s: initdb and migrations
    URL=$(jq -Rr 'fromjson? | objects | select(.event == "listening") | .url // empty' "$OUT/consilium.log" | head -n1)
    [[ -n $URL ]] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 20 "$OUT/consilium.log" "$OUT/consilium.err" >&2; die "Consilium exited before listening"; }
    sleep 0.3
  done
  [[ -n $URL ]] || die "Consilium did not print a listening event within 180 s; see $OUT/consilium.log"
  [[ $URL =~ ^https://127\.0\.0\.1:[0-9]+$ ]] || die "Consilium listens on '$URL', not https://127.0.0.1:PORT; the bench only targets 127.0.0.1"
  say "Consilium listening on $URL"
  SU_CONNINFO=$(cli admin db-url --data-dir "$DATA" --role superuser | tail -n1)
  APP_CONNINFO=$(cli admin db-url --data-dir "$DATA" --role app | tail -n1)
  [[ -n $SU_CONNINFO && -n $APP_CONNINFO ]] || die "consilium admin db-url printed nothing"
  TLS_CERT=$DATA/tls/cert.pem TLS_KEY=$DATA/tls/key.pem JWT_PUB=$DATA/keys/jwt-ed25519.pub.pem
}

# ---------------------------------------------------------------- own PostgreSQL (--no-consilium)
start_own_pg() {
  DATA=$(mktemp -d /tmp/consilium-bench-data.XXXXXX)
  chown consilium:consilium "$DATA"
  chmod 0700 "$DATA"
  OWN_PG=$DATA/pg
  say "starting a private PostgreSQL 15 in $DATA (no Consilium)"
  runuser -u consilium -- mkdir -m 0700 "$DATA/run" "$DATA/tls" "$DATA/keys"
  runuser -u consilium -- "$PG_BIN/initdb" -D "$OWN_PG" -U postgres -E UTF8 --auth-local=trust --auth-host=reject \
    >"$OUT/initdb.log" 2>&1 || die "initdb failed; see $OUT/initdb.log"
  runuser -u consilium -- "$PG_BIN/pg_ctl" -D "$OWN_PG" -l "$DATA/postgres.log" -w -t 60 \
    -o "-c listen_addresses='' -c unix_socket_directories='$DATA/run' -c max_connections=200" start \
    >/dev/null || die "PostgreSQL did not start; see $DATA/postgres.log"
  local su="host=$DATA/run dbname=postgres user=postgres"
  PSQL "$su" <<'SQL'
CREATE ROLE consilium_runtime NOLOGIN;
CREATE ROLE consilium_owner LOGIN;
CREATE ROLE consilium_app LOGIN IN ROLE consilium_runtime;
CREATE DATABASE consilium OWNER consilium_owner;
SQL
  local m
  for m in "$ROOT"/migrations/*.sql; do
    PSQL "host=$DATA/run dbname=consilium user=consilium_owner" -1 -v app_role=consilium_app -f "$m" >/dev/null \
      || die "migration ${m##*/} failed"
  done
  SU_CONNINFO="host=$DATA/run dbname=consilium user=postgres"
  APP_CONNINFO="host=$DATA/run dbname=consilium user=consilium_app"
  # The peer needs a certificate and a JWT key; Consilium would have made them.
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$DATA/tls/key.pem" -out "$DATA/tls/cert.pem" >/dev/null 2>&1
  node "$BENCH/helpers.js" keygen "$DATA/keys"
  TLS_CERT=$DATA/tls/cert.pem TLS_KEY=$DATA/tls/key.pem JWT_PUB=$DATA/keys/jwt.pub.pem
  JWT_KEY=$DATA/keys/jwt.key.pem
}

# ---------------------------------------------------------------- data
PASSWORD=
make_clinics() {
  local users=$WORK/users.csv i out clinic user email
  : >"$users"
  if (( WITH_CONSILIUM )); then
    say "creating $CLINICS clinics with one practitioner each (admin CLI)"
    PASSWORD="Bench-$(openssl rand -hex 12)-Pw9"
    mkdir -m 0700 "$WORK/secrets"
    chown consilium:consilium "$WORK/secrets"
    printf '%s' "$PASSWORD" >"$WORK/secrets/password"
    chown consilium:consilium "$WORK/secrets/password"
    chmod 0600 "$WORK/secrets/password"
    for (( i = 1; i <= CLINICS; i++ )); do
      out=$(cli admin create-clinic --data-dir "$DATA" --name "Bench Clinic $i" \
        --owner-email "owner$i@bench.example.org" --owner-name "Bench Owner $i" \
        --owner-password-file "$WORK/secrets/password") || die "create-clinic failed: $out"
      clinic=$(json_field clinic_id <<<"$out")
      [[ -n $clinic ]] || die "create-clinic printed no clinic_id: $out"
      email="practitioner$i@bench.example.org"
      out=$(cli admin add-user --data-dir "$DATA" --clinic "$clinic" --email "$email" \
        --name "Bench Practitioner $i" --role practitioner --password-file "$WORK/secrets/password") \
        || die "add-user failed: $out"
      user=$(json_field user_id <<<"$out")
      [[ -n $user ]] || die "add-user printed no user_id: $out"
      printf '%d,%s,%s,%s\n' "$i" "$clinic" "$user" "$email" >>"$users"
    done
  else
    say "creating $CLINICS clinics with one practitioner each (SQL)"
    for (( i = 1; i <= CLINICS; i++ )); do
      printf '%d,%s,%s,%s\n' "$i" "$(cat /proc/sys/kernel/random/uuid)" "$(cat /proc/sys/kernel/random/uuid)" \
        "practitioner$i@bench.example.org" >>"$users"
    done
  fi
  PSQL "$SU_CONNINFO" -c "CREATE TABLE bench_users (n integer PRIMARY KEY, clinic_id uuid NOT NULL UNIQUE, user_id uuid NOT NULL, email text NOT NULL)" \
    -c "\\copy bench_users FROM '$users' WITH (FORMAT csv)"
  if (( ! WITH_CONSILIUM )); then
    PSQL "$SU_CONNINFO" <<'SQL'
INSERT INTO clinics (id, name) SELECT clinic_id, 'Bench Clinic ' || n FROM bench_users;
INSERT INTO users (id, email, display_name) SELECT user_id, email, 'Bench Practitioner ' || n FROM bench_users;
INSERT INTO memberships (clinic_id, user_id, role) SELECT clinic_id, user_id, 'practitioner' FROM bench_users;
SQL
  fi
}

APP_ROLE=
seed() {
  APP_ROLE=$(PSQL "$APP_CONNINFO" -At -c 'SELECT current_user')
  say "inserting $((CLINICS * PER_CLINIC)) patients, sampling $SAMPLE targets"
  PSQL "$SU_CONNINFO" -v per_clinic="$PER_CLINIC" -v sample="$SAMPLE" -v app_role="$APP_ROLE" \
    -f "$BENCH/seed.sql" >"$OUT/seed.log"
  PSQL "$SU_CONNINFO" -At -F, -c "SELECT b.n, t.patient_id FROM bench_targets t JOIN bench_users b USING (clinic_id) ORDER BY t.n" \
    >"$WORK/targets.csv"
  NTARGETS=$(wc -l <"$WORK/targets.csv")
  (( NTARGETS > 0 )) || die "no bench targets"
  # The runtime role must see every target through row-level security.
  local visible
  visible=$(PSQL "$APP_CONNINFO" -At <<'SQL'
BEGIN;
SELECT set_config('app.clinic_id', (SELECT clinic_id::text FROM bench_targets WHERE n = 1), true) \g /dev/null
SELECT count(*) FROM patients;
ROLLBACK;
SQL
)
  (( visible == PER_CLINIC )) || die "the app role sees $visible patients of one clinic, expected $PER_CLINIC"
  local free most=0 c
  for c in "${CONNS[@]}"; do (( c > most )) && most=$c; done
  free=$(PSQL "$SU_CONNINFO" -At -c "SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int - count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'")
  (( free >= most )) || say "warning: PostgreSQL has room for $free more connections; pgbench -c $most will fail"
}

# ---------------------------------------------------------------- tokens
TOKENS_AT=-1
sign_in() { # Consilium's own tokens, one per clinic; they live 10 minutes
  local n clinic user email tok
  say "signing in $CLINICS practitioners"
  : >"$WORK/tokens.txt"
  while IFS=, read -r n clinic user email; do
    tok=$(jq -nc --arg e "$email" --arg p "$PASSWORD" '{email: $e, password: $p}' |
      curl -sS -k --max-time 30 -X POST -H 'content-type: application/json' --data @- "$URL/api/v1/sessions" |
      json_field access_token) || true
    [[ -n $tok ]] || die "sign-in of $email failed"
    printf '%s %s\n' "$n" "$tok" >>"$WORK/tokens.txt"
  done <"$WORK/users.csv"
  TOKENS_AT=$SECONDS
}
fresh_tokens() { (( TOKENS_AT >= 0 && SECONDS - TOKENS_AT < 300 )) || sign_in; }

mint_tokens() { # the peer's own tokens, when Consilium's cannot be used
  local n clinic user email
  [[ -n ${JWT_KEY:-} ]] || { JWT_KEY=$WORK/jwt.key.pem; node "$BENCH/helpers.js" keygen "$WORK"; JWT_PUB=$WORK/jwt.pub.pem; }
  : >"$WORK/peer-tokens.txt"
  while IFS=, read -r n clinic user email; do
    printf '%s %s\n' "$n" "$(node "$BENCH/helpers.js" mint "$JWT_KEY" "$clinic" "$user")" >>"$WORK/peer-tokens.txt"
  done <"$WORK/users.csv"
}

# ---------------------------------------------------------------- measuring
# shellcheck disable=SC2034 # read through namerefs in cell()
declare -A RPS P50 P99 ERR BUSY
# shellcheck disable=SC2034
record() { # KEY RPS P50 P99 ERRORS [BUSY: 503 answers, sign-ins only]
  RPS[$1]=$2 P50[$1]=$3 P99[$1]=$4 ERR[$1]=$5 BUSY[$1]=${6:-}
  printf '%s,%s,%s,%s,%s,%s,%s\n' "${1%@*}" "${1#*@}" "$2" "$3" "$4" "$5" "${6:-}" >>"$OUT/results.csv"
}

smoke() { # NAME BASE PREFIX TOKENS: one request must answer 200 with the patient
  local n id tok code
  IFS=, read -r n id <"$WORK/targets.csv"
  tok=$(awk -v k="$n" '$1 == k { print $2 }' "$4")
  code=$(curl -sS -k --max-time 10 -o "$WORK/smoke.json" -w '%{http_code}' -H "Authorization: Bearer $tok" "$2$3/$id") || code=000
  if [[ $code != 200 ]] || ! grep -q "$id" "$WORK/smoke.json"; then
    printf 'bench: %s: GET %s/%s answered %s: %s\n' "$1" "$3" "$id" "$code" "$(head -c 300 "$WORK/smoke.json")" >&2
    return 1
  fi
}

# wrk with a timeout, as an array for run_child or for running in the background.
wrk_cmd() { # SECONDS CONNS THREADS SCRIPT BASE [WRK ARGS...]: sets WRK_CMD
  local d=$1 c=$2 t=$3 script=$4 base=$5
  shift 5
  [[ $base =~ ^https://127\.0\.0\.1:[0-9]+$ ]] || die "refusing to load $base: only 127.0.0.1"
  WRK_CMD=(timeout $((d + 30)) wrk -t "$t" -c "$c" -d "${d}s" --latency -s "$script" "$@" "$base")
}

# Records the BENCH_RESULT line that a bench Lua script printed into FILE.
# Any error or non-2xx answer (other than 503 counted as busy by signin.lua)
# marks the run unclean. Returns 1 when wrk printed no result.
wrk_record() { # KEY FILE
  local key=$1 f=$2 line rps p50 p99 errs busy
  line=$(grep '^BENCH_RESULT' "$f" | tail -n1)
  if [[ -z $line ]]; then
    say "${key%@*}: wrk failed at -c ${key#*@}; see $f"; STATUS=1
    record "$key" NA NA NA NA
    return 1
  fi
  rps=$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$line")
  p50=$(sed -E 's/.* p50_ms=([0-9.]+).*/\1/' <<<"$line")
  p99=$(sed -E 's/.* p99_ms=([0-9.]+).*/\1/' <<<"$line")
  busy=$(sed -nE 's/.* busy=([0-9]+).*/\1/p' <<<"$line")
  errs=$(awk '{ s = 0; for (i = 1; i <= NF; i++) if ($i ~ /^(non2xx|connect|read|write|timeout)=/) { split($i, a, "="); s += a[2] } print s }' <<<"$line")
  (( errs == 0 )) || { say "${key%@*}: $errs errors or non-2xx answers at -c ${key#*@} (see $f)"; STATUS=1; }
  record "$key" "$rps" "$p50" "$p99" "$errs" "$busy"
}

run_wrk() { # LABEL BASE PREFIX TOKENS
  local label=$1 base=$2 c f
  export BENCH_TARGETS=$WORK/targets.csv BENCH_TOKENS=$4 BENCH_PREFIX=$3
  for c in "${CONNS[@]}"; do
    f=$OUT/wrk-$label-c$c.txt
    if (( WARMUP > 0 )); then
      wrk_cmd "$WARMUP" "$c" "$THREADS" "$BENCH/patients.lua" "$base"
      run_child "${WRK_CMD[@]}" >"$OUT/wrk-$label-c$c-warmup.txt" 2>&1 || true
    fi
    say "$label: wrk -c $c for ${DURATION}s"
    wrk_cmd "$DURATION" "$c" "$THREADS" "$BENCH/patients.lua" "$base"
    run_child "${WRK_CMD[@]}" >"$f" 2>&1 || true
    wrk_record "$label@$c" "$f" || true
  done
  unset BENCH_TARGETS BENCH_TOKENS BENCH_PREFIX
}

percentile() { # P FILE-of-sorted-numbers
  awk -v p="$1" '{ v[NR] = $1 } END { if (NR == 0) { print "NA"; exit } i = int((NR * p + 99) / 100); if (i < 1) i = 1; printf "%.3f\n", v[i] / 1000 }' "$2"
}

# One pgbench run at one connection count, after its warm-up; the extra
# arguments (-D name=value) come after the defaults and override them.
pgbench_once() { # LABEL SCRIPT CONNS [PGBENCH ARGS...]
  local label=$1 script=$2 c=$3 f rc tps failed
  shift 3
  local args=(-n -M prepared -j "$THREADS" -f "$script" -D "ntargets=$NTARGETS" -D ip=127.0.0.1 -D ua=pgbench "$@")
  f=$OUT/pgbench-$label-c$c.txt
  if (( WARMUP > 0 )); then
    run_child timeout $((WARMUP + 60)) "$PG_BIN/pgbench" "${args[@]}" -c "$c" -T "$WARMUP" "$APP_CONNINFO" >"$OUT/pgbench-$label-c$c-warmup.txt" 2>&1 || true
  fi
  say "$label: pgbench -c $c for ${DURATION}s"
  rm -f "$WORK"/pgblog*
  rc=0
  run_child timeout $((DURATION + 60)) "$PG_BIN/pgbench" "${args[@]}" -c "$c" -T "$DURATION" -l --log-prefix="$WORK/pgblog" \
    "$APP_CONNINFO" >"$f" 2>&1 || rc=$?
  tps=$(sed -nE 's/^tps = ([0-9.]+) \(without initial connection time\).*/\1/p' "$f")
  [[ -n $tps ]] && tps=$(printf '%.1f' "$tps")
  failed=$(sed -nE 's/^number of failed transactions: ([0-9]+).*/\1/p' "$f")
  if (( rc != 0 )) || [[ -z $tps ]]; then
    say "$label: pgbench failed at -c $c (exit $rc); see $f"; STATUS=1
    record "$label@$c" NA NA NA NA
    return
  fi
  cat "$WORK"/pgblog* | awk '$3 ~ /^[0-9]+$/ { print $3 }' | sort -n >"$WORK/latencies"
  record "$label@$c" "$tps" "$(percentile 50 "$WORK/latencies")" "$(percentile 99 "$WORK/latencies")" "${failed:-0}"
}

run_pgbench() { # LABEL SCRIPT
  local c
  for c in "${CONNS[@]}"; do pgbench_once "$1" "$2" "$c"; done
}

# ---------------------------------------------------------------- the peer
PEER_DIR=$PEER_CACHE/fastify-pg
prepare_peer() {
  [[ -f $PEER_SRC/server.js ]] || { say "no reference peer at $PEER_SRC; skipping it"; WITH_PEER=0; STATUS=1; return; }
  if [[ -d $PEER_DIR/node_modules/fastify ]] && cmp -s "$PEER_SRC/server.js" "$PEER_DIR/server.js" \
     && cmp -s "$PEER_SRC/package.json" "$PEER_DIR/package.json"; then
    return
  fi
  say "installing the reference peer's packages in $PEER_DIR"
  rm -rf "$PEER_DIR"
  mkdir -p "$PEER_CACHE"
  cp -r "$PEER_SRC" "$PEER_DIR"
  chmod -R u+w "$PEER_DIR"
  if ! (cd "$PEER_DIR" && timeout 600 npm install --no-audit --no-fund --omit=dev) >"$OUT/npm-install.log" 2>&1; then
    say "npm install failed (see $OUT/npm-install.log); skipping the peer"
    rm -rf "$PEER_DIR"; WITH_PEER=0; STATUS=1
  fi
}

PEER_BASE=
start_peer() { # TOKENS-FILE CLAIM_CLINIC CLAIM_USER
  local port i code
  port=$(node "$BENCH/helpers.js" free-port)
  PEER_BASE=https://127.0.0.1:$port
  say "starting the reference peer on $PEER_BASE"
  (
    cd "$PEER_DIR"
    export DATABASE_URL
    DATABASE_URL=$(node "$BENCH/helpers.js" pg-url "$APP_CONNINFO")
    export TLS_KEY TLS_CERT JWT_PUBLIC_KEY_FILE=$JWT_PUB PORT=$port CLAIM_CLINIC=$2 CLAIM_USER=$3
    export SQL_TENANT="SELECT set_config('app.clinic_id', \$1, true), set_config('app.user_id', \$2, true)"
    export SQL_SELECT="SELECT id, mrn, family_name, given_name, birth_date, sex, version, created_at, updated_at FROM patients WHERE clinic_id = \$1 AND id = \$2"
    # Five parameters (clinic, user, patient, ip, user agent); the request id
    # Consilium passes as a sixth is made in SQL.
    export SQL_AUDIT="INSERT INTO audit_events (clinic_id, actor_user_id, clinic_role, action, outcome, resource_type, resource_id, patient_id, ip, user_agent, request_id) VALUES (\$1, \$2, 'practitioner', 'patient.read', 'success', 'patient', \$3, \$3, \$4, \$5, gen_random_uuid()::text)"
    [[ -n ${BENCH_PEER_WORKERS:-} ]] && export WORKERS=$BENCH_PEER_WORKERS
    exec setsid node server.js
  ) </dev/null >"$OUT/peer.log" 2>&1 &
  PEER_PID=$!
  for (( i = 0; i < 100; i++ )); do   # at most 30 s
    code=$(curl -sk -o /dev/null -w '%{http_code}' --max-time 2 "$PEER_BASE/patients/00000000-0000-0000-0000-000000000000") || true
    [[ $code == 401 ]] && return 0
    kill -0 "$PEER_PID" 2>/dev/null || break
    sleep 0.3
  done
  tail -n 20 "$OUT/peer.log" >&2
  say "the reference peer did not start"
  return 1
}

# ---------------------------------------------------------------- sign-in storm
# Sign-ins run bcrypt (cost 12) on a pool of one thread per core. The storm
# uses accounts of its own with their correct password, so that no lockout or
# per-address delay kicks in; with -c 4 the pool is always busy and the queue
# (64) never fills, so sign-ins/s is the bcrypt limit of the machine.
make_storm_accounts() {
  local i clinic out email
  IFS=, read -r _ clinic _ _ <"$WORK/users.csv"
  say "creating $STORM_ACCOUNTS accounts for the sign-in storm"
  : >"$WORK/secrets/signins.jsonl"
  for (( i = 1; i <= STORM_ACCOUNTS; i++ )); do
    email="storm$i@bench.example.org"
    out=$(cli admin add-user --data-dir "$DATA" --clinic "$clinic" --email "$email" \
      --name "Bench Storm $i" --role practitioner --password-file "$WORK/secrets/password") \
      || { say "add-user $email failed: $out"; return 1; }
    jq -nc --arg e "$email" --arg p "$PASSWORD" '{email: $e, password: $p}' >>"$WORK/secrets/signins.jsonl"
  done
}

signin_smoke() { # one sign-in must answer 201 with an access token
  local code reply=$WORK/secrets/signin.json
  code=$(head -n1 "$WORK/secrets/signins.jsonl" | curl -sS -k --max-time 30 -o "$reply" -w '%{http_code}' \
    -X POST -H 'content-type: application/json' --data @- "$URL/api/v1/sessions") || code=000
  [[ $code == 201 ]] && grep -q '"access_token"' "$reply" && return 0
  printf 'bench: sign-in storm: POST /api/v1/sessions answered %s: %s\n' "$code" "$(head -c 300 "$reply")" >&2
  return 1
}

run_storm() {
  local sc=$STORM_SIGNIN_CONNS rc=$STORM_READ_CONNS f
  if ! make_storm_accounts || ! signin_smoke; then STATUS=1; return; fi
  export BENCH_SIGNINS=$WORK/secrets/signins.jsonl
  # 1. Sign-ins alone: the bcrypt limit.
  f=$OUT/wrk-signin-c$sc.txt
  say "sign-in: wrk -t 1 -c $sc for ${DURATION}s"
  wrk_cmd "$DURATION" "$sc" 1 "$BENCH/signin.lua" "$URL" --timeout 30s
  run_child "${WRK_CMD[@]}" >"$f" 2>&1 || true
  wrk_record "signin@$sc" "$f" || true
  sleep 1   # the hashes still queued finish
  # 2. Reads alone, just before the storm.
  fresh_tokens
  export BENCH_TARGETS=$WORK/targets.csv BENCH_TOKENS=$WORK/tokens.txt BENCH_PREFIX=/api/v1/patients
  f=$OUT/wrk-read-alone-c$rc.txt
  say "read without storm: wrk -c $rc for ${DURATION}s"
  wrk_cmd "$DURATION" "$rc" "$THREADS" "$BENCH/patients.lua" "$URL"
  run_child "${WRK_CMD[@]}" >"$f" 2>&1 || true
  wrk_record "read-alone@$rc" "$f" || true
  # 3. The same reads during a sign-in storm. The storm starts 1 s earlier
  # and ends 1 s later, so that it covers the whole read run.
  say "read during a sign-in storm: wrk -c $rc for ${DURATION}s, with wrk -t 1 -c $sc signing in"
  wrk_cmd $((DURATION + 2)) "$sc" 1 "$BENCH/signin.lua" "$URL" --timeout 30s
  "${WRK_CMD[@]}" >"$OUT/wrk-signin-storm-c$sc.txt" 2>&1 &
  STORM_PID=$!
  sleep 1
  f=$OUT/wrk-read-storm-c$rc.txt
  wrk_cmd "$DURATION" "$rc" "$THREADS" "$BENCH/patients.lua" "$URL"
  run_child "${WRK_CMD[@]}" >"$f" 2>&1 || true
  wait "$STORM_PID" || true
  STORM_PID=
  wrk_record "read-storm@$rc" "$f" || true
  wrk_record "signin-storm@$sc" "$OUT/wrk-signin-storm-c$sc.txt" || true
  unset BENCH_SIGNINS BENCH_TARGETS BENCH_TOKENS BENCH_PREFIX
}

# ---------------------------------------------------------------- audit cost
# The patient read as the server sends it (pgbench-patient-read.sql), without
# and with its audit record, and with it but one statement per round trip.
# The three lines run one after another at each connection count, so that
# they see the machine in the same state. The user agent is a browser's.
AUDIT_USER_AGENT='Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36'
run_audit() {
  local c
  PSQL "$SU_CONNINFO" -v app_role="$APP_ROLE" -f "$BENCH/audit-targets.sql" >>"$OUT/seed.log" \
    || { say "audit cost: could not make the sessions"; STATUS=1; return; }
  for c in "${CONNS[@]}"; do
    pgbench_once audit-none "$BENCH/pgbench-patient-read.sql" "$c" -D audit=0 -D pipeline=1 -D "ua=$AUDIT_USER_AGENT"
    pgbench_once audit-pipeline "$BENCH/pgbench-patient-read.sql" "$c" -D audit=1 -D pipeline=1 -D "ua=$AUDIT_USER_AGENT"
    pgbench_once audit-serial "$BENCH/pgbench-patient-read.sql" "$c" -D audit=1 -D pipeline=0 -D "ua=$AUDIT_USER_AGENT"
  done
}

# Audit records of patient reads, to check that the HTTP reads wrote one each.
patient_read_records() {
  PSQL "$SU_CONNINFO" -At -c "SELECT count(*) FROM audit_events WHERE action = 'patient.read'"
}
# Requests wrk completed, summed over its output files (warm-ups included).
wrk_requests() { # FILE...
  cat "$@" | sed -nE 's/^BENCH_RESULT requests=([0-9]+) .*/\1/p' | awk '{ s += $1 } END { print s + 0 }'
}

# ---------------------------------------------------------------- summary
cell() { # ARRAY KEY
  local -n arr=$1
  printf '%s' "${arr[$2]:-n/a}"
}
ratio() { # A B [percent]
  awk -v a="$1" -v b="$2" -v pct="${3:-}" 'BEGIN {
    if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || b == 0) { print "n/a"; exit }
    if (pct) printf "%.0f%%\n", 100 * a / b; else printf "%.2fx\n", a / b }'
}
verdict() { # VALUE OP LIMIT
  awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {
    if (v !~ /^[0-9.]+$/) { print "n/a"; exit }
    ok = (op == ">=") ? (v >= l) : (op == "<=") ? (v <= l) : (v < l); print ok ? "MET" : "MISSED" }'
}

storm_summary() {
  local sc=$STORM_SIGNIN_CONNS rc=$STORM_READ_CONNS k r busy
  local keys=("signin@$sc" "read-alone@$rc" "read-storm@$rc" "signin-storm@$sc")
  local names=("Sign-ins alone" "GET patient, no storm" "GET patient, during storm" "Sign-ins during the reads")
  echo
  echo "Sign-in storm: POST /api/v1/sessions (bcrypt) with the correct password of $STORM_ACCOUNTS accounts,"
  echo "wrk -t 1 -c $sc (req/s: 2xx answers only); reads as above at $rc connections; ${DURATION}s per run, no warm-up"
  echo
  printf '%-30s | %5s %10s %9s %9s %6s\n' "what" "conns" "req/s" "p50 ms" "p99 ms" "503s"
  for k in "${!keys[@]}"; do
    busy=-
    [[ ${keys[$k]} == signin* ]] && busy=$(cell BUSY "${keys[$k]}")
    printf '%-30s | %5s %10s %9s %9s %6s\n' "${names[$k]}" "${keys[$k]#*@}" "$(cell RPS "${keys[$k]}")" \
      "$(cell P50 "${keys[$k]}")" "$(cell P99 "${keys[$k]}")" "$busy"
  done
  echo
  r=$(ratio "$(cell P99 "read-storm@$rc")" "$(cell P99 "read-alone@$rc")")
  printf '  %-46s %8s   goal <= 1.5x  %s\n' "read p99 during storm / without, $rc connections" "$r" "$(verdict "${r%x}" '<=' 1.5)"
  r=$(ratio "$(cell RPS "read-storm@$rc")" "$(cell RPS "read-alone@$rc")" pct)
  printf '  %-46s %8s\n' "read req/s during storm / without" "$r"
}

# req/s, p50 and p99 at each connection count, one line per key.
rates_table() { # KEYS-ARRAY NAMES-ARRAY
  local -n row_keys=$1 row_names=$2
  local k c
  printf '%-30s' ""
  for c in "${CONNS[@]}"; do printf ' | %-31s' "$c connections"; done; echo
  printf '%-30s' "what"
  for c in "${CONNS[@]}"; do printf ' | %10s %9s %9s' "req/s" "p50 ms" "p99 ms"; done; echo
  for k in "${!row_keys[@]}"; do
    printf '%-30s' "${row_names[$k]}"
    for c in "${CONNS[@]}"; do
      printf ' | %10s %9s %9s' "$(cell RPS "${row_keys[$k]}@$c")" "$(cell P50 "${row_keys[$k]}@$c")" "$(cell P99 "${row_keys[$k]}@$c")"
    done
    echo
  done
}

audit_summary() {
  local keys=(audit-none audit-pipeline audit-serial) c r
  local names=("read, no audit (pipelined)" "read + audit (pipelined)" "read + audit (no pipeline)")
  echo
  echo "Audit cost of GET /api/v1/patients/{id}: the server's transaction (pgbench-patient-read.sql) as the runtime role,"
  echo "pgbench -M prepared -j $THREADS, req/s = transactions/s; pipelined = the server's two round trips,"
  echo "no pipeline = one statement per round trip; the three lines ran one after another at each connection count"
  echo
  rates_table keys names
  echo
  for c in "${CONNS[@]}"; do
    r=$(ratio "$(cell RPS "audit-pipeline@$c")" "$(cell RPS "audit-none@$c")" pct)
    printf '  %-46s %8s   goal >= 70%%   %s\n' "audited / unaudited, pipelined, $c connections" "$r" "$(verdict "${r%\%}" '>=' 70)"
  done
  for c in "${CONNS[@]}"; do
    printf '  %-46s %8s\n' "audited: no pipeline / pipelined, $c connections" \
      "$(ratio "$(cell RPS "audit-serial@$c")" "$(cell RPS "audit-pipeline@$c")" pct)"
  done
  (( WITH_CONSILIUM )) || return 0
  echo
  echo "HTTP: the Consilium row of the first table is audited: its runs wrote ${HTTP_RECORDS:-n/a} patient.read records"
  echo "for ${HTTP_REQUESTS:-n/a} answers wrk counted, warm-ups included ($(ratio "${HTTP_RECORDS:-}" "${HTTP_REQUESTS:-}" | tr -d x) per answer; wrk does not count"
  echo "the requests still in flight when it stops). Every authenticated route writes an audit record, so"
  echo "there is no unaudited HTTP route to compare with: the pgbench ratio above is the comparison."
  for c in "${CONNS[@]}"; do
    printf '  %-46s %8s\n' "Consilium / audited pipelined, $c connections" \
      "$(ratio "$(cell RPS "consilium@$c")" "$(cell RPS "audit-pipeline@$c")" pct)"
  done
}

summary() {
  local labels=() names=() c
  (( WITH_CONSILIUM )) && { labels+=(consilium); names+=("Consilium (HTTPS, wrk)"); }
  (( WITH_PEER )) && { labels+=(peer); names+=("Peer fastify-pg (HTTPS, wrk)"); }
  (( WITH_PGBENCH )) && { labels+=(pgbench pgbench-pipeline); names+=("pgbench prepared (ceiling)" "pgbench pipelined (ceiling)"); }
  {
    echo
    echo "GET /api/v1/patients/{id}: $((CLINICS * PER_CLINIC)) patients in $CLINICS clinics, $NTARGETS random targets,"
    echo "${DURATION}s per run after ${WARMUP}s of warm-up, $(nproc) cores, commit $COMMIT,"
    echo "load average at start $LOAD_AT_START (other work on the machine skews every number)"
    echo
    rates_table labels names
    echo
    if (( WITH_CONSILIUM )); then
      local last=${CONNS[-1]} r
      echo "Goals:"
      for c in "${CONNS[@]}"; do
        if (( WITH_PEER )); then
          r=$(ratio "$(cell RPS "consilium@$c")" "$(cell RPS "peer@$c")")
          printf '  %-46s %8s   goal >= 3x    %s\n' "Consilium / peer, $c connections" "$r" "$(verdict "${r%x}" '>=' 3)"
        fi
        if (( WITH_PGBENCH )); then
          r=$(ratio "$(cell RPS "consilium@$c")" "$(cell RPS "pgbench-pipeline@$c")" pct)
          printf '  %-46s %8s   goal >= 60%%   %s\n' "Consilium / pipelined ceiling, $c connections" "$r" "$(verdict "${r%\%}" '>=' 60)"
        fi
      done
      r=$(cell P99 "consilium@$last")
      printf '  %-46s %8s   goal < 10 ms  %s\n' "Consilium p99 at $last connections (ms)" "$r" "$(verdict "$r" '<' 10)"
    else
      echo "(no Consilium in this run: --no-consilium)"
      if (( WITH_PEER && WITH_PGBENCH )); then
        for c in "${CONNS[@]}"; do
          printf '  %-46s %8s\n' "peer / pipelined ceiling, $c connections" \
            "$(ratio "$(cell RPS "peer@$c")" "$(cell RPS "pgbench-pipeline@$c")" pct)"
        done
      fi
    fi
    (( WITH_STORM )) && storm_summary
    (( WITH_AUDIT )) && audit_summary
    (( STATUS == 0 )) || echo "Some part did not measure cleanly: see the messages above and $OUT."
    echo "Raw output: $OUT"
  } | tee "$OUT/summary.txt"
}

# ---------------------------------------------------------------- main
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
ensure_tools
WORK=$(mktemp -d /tmp/consilium-bench-work.XXXXXX)
chmod 0711 "$WORK"
echo "label,connections,rps,p50_ms,p99_ms,errors,busy_503" >"$OUT/results.csv"

(( WITH_PEER )) && prepare_peer
if (( WITH_CONSILIUM )); then
  build_consilium
  start_consilium
else
  start_own_pg
fi
make_clinics
seed

if (( WITH_CONSILIUM )); then
  fresh_tokens
  if smoke consilium "$URL" /api/v1/patients "$WORK/tokens.txt"; then
    records_before=$(patient_read_records)
    run_wrk consilium "$URL" /api/v1/patients "$WORK/tokens.txt"
    HTTP_RECORDS=$(( $(patient_read_records) - records_before ))
    HTTP_REQUESTS=$(wrk_requests "$OUT"/wrk-consilium-c*.txt)
    (( WITH_STORM )) && run_storm
  else
    STATUS=1
  fi
fi

if (( WITH_PEER )); then
  # The peer verifies Consilium's own tokens with Consilium's public key when
  # they are JWTs carrying the clinic and user ids; else (or if it refuses
  # them) it gets tokens of the same kind (EdDSA) minted by the bench.
  modes=()
  if (( WITH_CONSILIUM )) && [[ -f $JWT_PUB ]]; then
    fresh_tokens
    IFS=, read -r _ c1 u1 _ <"$WORK/users.csv"
    claims=$(node "$BENCH/helpers.js" claims "$(awk 'NR == 1 { print $2 }' "$WORK/tokens.txt")" "$c1" "$u1") \
      && modes+=(consilium) || say "Consilium's tokens do not fit the peer; it gets EdDSA tokens minted by the bench"
  fi
  modes+=(minted)
  peer_ok=0
  for mode in "${modes[@]}"; do
    if [[ $mode == consilium ]]; then
      peer_tokens=$WORK/tokens.txt
    else
      mint_tokens
      peer_tokens=$WORK/peer-tokens.txt claims="clinic sub"
    fi
    # shellcheck disable=SC2086 # two claim names
    if start_peer "$peer_tokens" $claims && smoke peer "$PEER_BASE" /patients "$peer_tokens"; then
      run_wrk peer "$PEER_BASE" /patients "$peer_tokens"
      peer_ok=1
    fi
    stop_peer
    (( peer_ok )) && break
    [[ $mode == consilium ]] && say "the peer refused Consilium's tokens; trying again with tokens minted by the bench"
  done
  (( peer_ok )) || STATUS=1
fi

if (( WITH_PGBENCH )); then
  run_pgbench pgbench "$BENCH/pgbench-read.sql"
  run_pgbench pgbench-pipeline "$BENCH/pgbench-read-pipeline.sql"
fi
(( WITH_AUDIT )) && run_audit

summary
exit "$STATUS"
