#!/usr/bin/env bash
# Audit export benchmark: seeds a clinic's trail with N records directly in
# SQL, then times GET /api/v1/audit/export of all of them in each format
# (curl to /dev/null) and reads the server's peak resident memory before and
# after each, to show that the export streams in constant memory. See
# bench/README.md, "The audit export".
#
#   bash bench/audit.sh               (run as root)
#   BENCH_AUDIT_RECORDS=1000000       records to seed
#   BENCH_AUDIT_FORMATS="csv jsonl fhir"
#   CONSILIUM_BIN=build/consilium     the server binary (a Release build)
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

RECORDS=${BENCH_AUDIT_RECORDS:-1000000}
[[ $RECORDS =~ ^[0-9]+$ ]] && (( RECORDS >= 1 && RECORDS <= 50000000 )) \
  || die "BENCH_AUDIT_RECORDS must be an integer in [1, 50000000], got '$RECORDS'"
read -r -a FORMATS <<<"${BENCH_AUDIT_FORMATS:-csv jsonl fhir}"
for f in "${FORMATS[@]}"; do [[ $f =~ ^(csv|jsonl|fhir)$ ]] || die "unknown format '$f' in BENCH_AUDIT_FORMATS"; done
case ${1:-} in
  -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  '') ;;
  *) die "unknown argument $1 (see --help)" ;;
esac
(( EUID == 0 )) || die "run as root: the server runs as the system user consilium"
BIN=${CONSILIUM_BIN:-$ROOT/build/consilium}
[[ -x $BIN ]] || die "no server binary at $BIN: build it (Release) or set CONSILIUM_BIN"

OUT=${BENCH_OUT:-$ROOT/bench/out/audit-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"

# ---------------------------------------------------------------- clean-up
DATA='' BIN_DIR='' SERVER_PID=''
source "$ROOT/bench/stop_pid.sh"
cleanup() {
  set +e
  if [[ -n $SERVER_PID ]]; then
    stop_pid "$SERVER_PID" 60
    wait "$SERVER_PID" 2>/dev/null
  fi
  [[ -n $DATA ]] && rm -rf "$DATA"
  [[ -n $BIN_DIR ]] && rm -rf "$BIN_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- tools
pkgs=()
command -v curl >/dev/null || pkgs+=(curl)
command -v jq >/dev/null || pkgs+=(jq)
command -v setpriv >/dev/null || pkgs+=(util-linux)
[[ -x $PG_BIN/psql ]] || pkgs+=(postgresql-client-15)
if (( ${#pkgs[@]} )); then
  say "installing ${pkgs[*]}"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >/dev/null \
    || die "could not install ${pkgs[*]}"
fi
id consilium >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin consilium

PSQL() { "$PG_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 -d "$SU_CONNINFO" "$@"; }
# SQL with psql variables (-v name=value ...), which psql -c does not substitute.
query() { local sql=$1; shift; PSQL "$@" <<<"$sql"; }
cli() { runuser -u consilium -- "$BIN" "$@" </dev/null; }

# ---------------------------------------------------------------- the server
# The service user may not reach the checkout: it runs a copy.
BIN_DIR=$(mktemp -d /tmp/consilium-bench-bin.XXXXXX)
cp "$BIN" "$BIN_DIR/consilium"
chmod -R a+rX "$BIN_DIR"
BIN=$BIN_DIR/consilium
DATA=$(mktemp -d /tmp/consilium-bench-data.XXXXXX)
chown consilium:consilium "$DATA"
chmod 0700 "$DATA"
say "starting Consilium (data dir $DATA)"
setpriv --reuid=consilium --regid=consilium --init-groups -- "$BIN" serve --data-dir "$DATA" --listen 127.0.0.1:0 --demo \
  </dev/null >"$OUT/consilium.log" 2>"$OUT/consilium.err" &
SERVER_PID=$!
URL=
for (( i = 0; i < 600; i++ )); do   # at most 180 s: initdb, migrations, the demo clinic
  URL=$(grep -m1 '"event":"listening"' "$OUT/consilium.log" | grep -o 'https://127\.0\.0\.1:[0-9]*' || true)
  [[ -n $URL && -s $DATA/demo-sign-ins.json ]] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 20 "$OUT/consilium.log" "$OUT/consilium.err" >&2; die "Consilium exited early"; }
  sleep 0.3
done
[[ -n $URL && -s $DATA/demo-sign-ins.json ]] || die "Consilium did not start with its demo clinic within 180 s"
SU_CONNINFO=$(cli admin db-url --data-dir "$DATA" --role superuser | tail -n1)
CLINIC=$(jq -r .clinic_id "$DATA/demo-sign-ins.json")
PRACTITIONER_EMAIL=$(jq -r '.users[] | select(.role == "practitioner") | .email' "$DATA/demo-sign-ins.json")
say "Consilium listening on $URL"

# A fresh access token for the owner (they last 10 minutes; an export that
# outlasts its token goes on as long as the session is open).
owner_token() {
  jq -c '.users[] | select(.role == "owner") | {email, password}' "$DATA/demo-sign-ins.json" \
    | curl -sSfk --max-time 30 -H 'content-type: application/json' --data @- "$URL/api/v1/sessions" \
    | jq -r '.access_token // empty'
}

# ---------------------------------------------------------------- seeding
# Like a practitioner's day: mostly reads, every tenth a change with its
# before/after values, every tenth a list that returned ten patients.
say "seeding $RECORDS audit records"
seed_started=$(date +%s.%N)
PSQL -v clinic="$CLINIC" -v records="$RECORDS" -v email="$PRACTITIONER_EMAIL" <<'SQL' >"$OUT/seed.log"
INSERT INTO audit_events (clinic_id, actor_user_id, clinic_role, action, outcome, resource_type, resource_id,
                          patient_id, patient_ids, before, after, ip, user_agent, request_id)
SELECT :'clinic', u.id, 'practitioner',
       CASE n % 10 WHEN 0 THEN 'patient.update' WHEN 1 THEN 'patient.list' ELSE 'patient.read' END,
       'success', 'patient',
       CASE WHEN n % 10 = 1 THEN NULL ELSE p END, CASE WHEN n % 10 = 1 THEN NULL ELSE p END,
       CASE WHEN n % 10 = 1 THEN ARRAY[p, gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), gen_random_uuid(),
                                       gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), gen_random_uuid(),
                                       gen_random_uuid()] END,
       CASE WHEN n % 10 = 0 THEN jsonb_build_object('given_name', 'Ada', 'family_name', 'Lovelace') END,
       CASE WHEN n % 10 = 0 THEN jsonb_build_object('given_name', 'Augusta', 'family_name', 'King') END,
       '10.0.0.1', 'Mozilla/5.0 (X11; Linux x86_64) Consilium bench', md5(n::text)
FROM (SELECT n, gen_random_uuid() AS p FROM generate_series(1, :records) AS n) AS s
JOIN users u ON u.email = :'email';
VACUUM ANALYZE audit_events;
SQL
seed_s=$(awk -v a="$seed_started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
UNTIL=$(PSQL -c "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')")
TOTAL=$(query "SELECT count(*) FROM audit_events WHERE clinic_id = :'clinic' AND occurred_at < :'until'::timestamptz" \
  -v clinic="$CLINIC" -v until="$UNTIL")
say "seeded in ${seed_s}s; $TOTAL records in the clinic's trail"

# The sealer chains the new records in the background: let it finish, so
# that it does not take CPU from the exports.
say "waiting for the sealer"
seal_started=$(date +%s.%N)
UNSEALED="SELECT count(*) FROM audit_events e WHERE e.clinic_id = :'clinic' AND NOT EXISTS (
  SELECT 1 FROM audit_seals s WHERE s.clinic_id = e.clinic_id AND s.event_id = e.id AND s.event_occurred_at = e.occurred_at)"
for (( i = 0; i < 360; i++ )); do   # at most 30 minutes
  (( $(query "$UNSEALED" -v clinic="$CLINIC") == 0 )) && break
  sleep 5
done
seal_s=$(awk -v a="$seal_started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')

# ---------------------------------------------------------------- exports
hwm_mb() { awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$SERVER_PID/status"; }
STATUS=0
declare -A SECONDS_OF BYTES_OF HWM_BEFORE HWM_AFTER
for f in "${FORMATS[@]}"; do
  token=$(owner_token) || die "the demo owner could not sign in"
  [[ -n $token ]] || die "the demo owner's sign-in returned no access token (a second factor?)"
  HWM_BEFORE[$f]=$(hwm_mb)
  say "exporting $TOTAL records as $f"
  # curl exits 18 on a cut transfer (the chunked body without its end).
  if ! result=$(curl -sS -k --http1.1 -o /dev/null -w '%{http_code} %{size_download} %{time_total}' \
      -H "Authorization: Bearer $token" "$URL/api/v1/audit/export?format=$f&to=$UNTIL" 2>"$OUT/curl-$f.err"); then
    say "$f: curl failed: $(cat "$OUT/curl-$f.err")"; STATUS=1; continue
  fi
  read -r code bytes secs <<<"$result"
  [[ $code == 200 ]] || { say "$f: answered $code"; STATUS=1; continue; }
  HWM_AFTER[$f]=$(hwm_mb)
  SECONDS_OF[$f]=$secs BYTES_OF[$f]=$bytes
done

# ---------------------------------------------------------------- summary
{
  echo
  echo "Audit export: $TOTAL records of one clinic (seeded $RECORDS in ${seed_s}s, sealed in ${seal_s}s), read as the owner"
  echo "(before/after values included), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown),"
  echo "$(nproc) cores, load average at start $(cut -d' ' -f1-3 /proc/loadavg); curl over HTTPS to /dev/null"
  echo
  printf '%-6s %10s %9s %11s %10s %8s   %s\n' format records seconds records/s MB MB/s "server peak RSS (VmHWM) before -> after"
  for f in "${FORMATS[@]}"; do
    if [[ -z ${SECONDS_OF[$f]:-} ]]; then printf '%-6s  failed\n' "$f"; continue; fi
    awk -v f="$f" -v n="$TOTAL" -v s="${SECONDS_OF[$f]}" -v b="${BYTES_OF[$f]}" -v h0="${HWM_BEFORE[$f]}" -v h1="${HWM_AFTER[$f]}" \
      'BEGIN { printf "%-6s %10d %9.1f %11.0f %10.1f %8.1f   %.1f MB -> %.1f MB\n", f, n, s, n / s, b / 1e6, b / 1e6 / s, h0, h1 }'
  done
  (( STATUS == 0 )) || echo "Some export did not complete: see the messages above and $OUT."
  echo "Raw output: $OUT"
} | tee "$OUT/summary.txt"
exit "$STATUS"
