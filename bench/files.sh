#!/usr/bin/env bash
# File upload and download throughput: a server of its own (demo clinic), one 1 GiB text file uploaded
# with curl (streamed: sniffed, hashed, encrypted, written) and downloaded back (read, decrypted, checked),
# beside `openssl speed -evp aes-256-gcm` on 64 KiB buffers as the limit. See bench/README.md.
#
#   bash bench/files.sh
#   BENCH_FILES_MIB=1024         the file's size
#   CONSILIUM_BIN=build/consilium   the server to run (default build/consilium, built beforehand)
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
(( EUID == 0 )) || die "run as root: the server runs as the system user consilium"
id consilium >/dev/null 2>&1 || die "no user consilium: run scripts/setup.sh first"
BIN=${CONSILIUM_BIN:-$ROOT/build/consilium}
[[ -x $BIN ]] || die "$BIN is not built"
MIB=${BENCH_FILES_MIB:-1024}
[[ $MIB =~ ^[0-9]+$ ]] && (( MIB >= 1 && MIB <= 4096 )) || die "BENCH_FILES_MIB must be 1 to 4096"
for tool in curl python3 openssl; do command -v "$tool" >/dev/null || die "$tool is missing"; done

WORK='' DATA='' SERVER_PID=''
source "$ROOT/bench/stop_pid.sh"
cleanup() {
  set +e
  [[ -n $SERVER_PID ]] && { stop_pid "$SERVER_PID" 30; wait "$SERVER_PID" 2>/dev/null; }
  [[ -n $DATA ]] && rm -rf "$DATA"
  [[ -n $WORK ]] && rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

WORK=$(mktemp -d /tmp/consilium-bench-files.XXXXXX)
chmod 0755 "$WORK"
cp "$BIN" "$WORK/consilium"   # the service user may not reach the checkout
DATA=$(mktemp -d /tmp/consilium-bench-data.XXXXXX)
chown consilium:consilium "$DATA"
chmod 0700 "$DATA"
say "starting Consilium (data dir $DATA)"
CONSILIUM_FILE_SIZE_LIMIT_BYTES=$(( 2 * MIB * 1024 * 1024 )) setpriv --reuid=consilium --regid=consilium --init-groups -- \
  "$WORK/consilium" serve --data-dir "$DATA" --listen 127.0.0.1:0 --demo </dev/null >"$WORK/consilium.log" 2>&1 &
SERVER_PID=$!
URL=''
for (( i = 0; i < 600; i++ )); do
  URL=$(grep -m1 '"event":"listening"' "$WORK/consilium.log" | grep -o 'https://127\.0\.0\.1:[0-9]*' || true)
  [[ -n $URL && -s $DATA/demo-sign-ins.json ]] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 20 "$WORK/consilium.log" >&2; die "Consilium exited early"; }
  sleep 0.3
done
[[ -n $URL && -s $DATA/demo-sign-ins.json ]] || die "Consilium did not start within 180 s"
sleep 0.3

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
SIGN_IN=$(python3 -c "import json; u=[u for u in json.load(open('$DATA/demo-sign-ins.json'))['users'] if u['role']=='owner'][0]; print(json.dumps({'email':u['email'],'password':u['password']}))")
TOKEN=$(curl -sfk "$URL/api/v1/sessions" -H 'Content-Type: application/json' -d "$SIGN_IN" | json "['access_token']")
PATIENT=$(curl -sfk "$URL/api/v1/patients" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"mrn":"BENCH-1","family_name":"Bench","given_name":"Files","birth_date":"1970-01-01","sex":"unknown"}' | json "['id']")

say "writing a $MIB MiB text file"
{ yes 'Consilium bench: a long pathology report line after line to fill the file' || true; } | head -c $(( MIB * 1024 * 1024 )) >"$WORK/file.txt"
EXPECTED=$(sha256sum "$WORK/file.txt" | cut -d' ' -f1)

say "measuring small requests on an idle server (3 s)"
IDLE=$(python3 "$ROOT/bench/latency_probe.py" "$URL" "$WORK/no-stop" 3)

say "uploading, with small requests beside it"
python3 "$ROOT/bench/latency_probe.py" "$URL" "$WORK/uploaded" 600 >"$WORK/busy.txt" &
PROBE_PID=$!
# -T streams the file (--data-binary would read it all into memory first).
UP=$(curl -sk -X POST -T "$WORK/file.txt" "$URL/api/v1/patients/$PATIENT/files" -H "Authorization: Bearer $TOKEN" \
  -H 'X-File-Name: bench.txt' -H 'Content-Type: application/octet-stream' -o "$WORK/upload.json" \
  -w '%{http_code} %{speed_upload}')
touch "$WORK/uploaded"
wait "$PROBE_PID" || die "the latency probe failed"
BUSY=$(cat "$WORK/busy.txt")
[[ ${UP%% *} == 201 ]] || { cat "$WORK/upload.json" >&2; die "upload answered ${UP%% *}"; }
FILE_ID=$(json "['id']" <"$WORK/upload.json")
[[ $(json "['sha256']" <"$WORK/upload.json") == "$EXPECTED" ]] || die "the server's digest differs"

say "downloading (the page cache dropped first: a file is mostly read long after it came)"
sync
echo 1 >/proc/sys/vm/drop_caches 2>/dev/null || say "could not drop the page cache: the download may read from memory"
DOWN=$(curl -sk "$URL/api/v1/files/$FILE_ID/content" -H "Authorization: Bearer $TOKEN" -o /dev/null \
  -w '%{http_code} %{speed_download} %{size_download}')
read -r code down_speed down_size <<<"$DOWN"
[[ $code == 200 && $down_size == $(( MIB * 1024 * 1024 )) ]] || die "download answered $code with $down_size bytes"
HWM=$(awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$SERVER_PID/status")

# The store's own limit, for reading the figures: the same bytes written (and fsynced) to its file system.
DISK=$(dd if=/dev/zero of="$DATA/dd-probe" bs=1M count="$MIB" conv=fsync 2>&1 | awk '/copied/ { print $(NF-1), $NF }')
rm -f "$DATA/dd-probe"
LIMIT=$(openssl speed -evp aes-256-gcm -bytes 65536 -seconds 3 2>/dev/null | awk '/^AES-256-GCM/ { sub(/k$/, "", $2); print $2 / 1000 }')
up_mb=$(awk -v s="${UP#* }" 'BEGIN { print s / 1e6 }')
down_mb=$(awk -v s="$down_speed" 'BEGIN { print s / 1e6 }')
printf 'openssl speed -evp aes-256-gcm (64 KiB)   %8.0f MB/s  (the limit)\n' "$LIMIT"
printf 'upload %s MiB (curl, HTTPS)             %8.0f MB/s  (%.0f%% of the limit)\n' "$MIB" "$up_mb" \
  "$(awk -v r="$up_mb" -v l="$LIMIT" 'BEGIN { print 100 * r / l }')"
printf 'download %s MiB (curl, HTTPS)           %8.0f MB/s  (%.0f%% of the limit)\n' "$MIB" "$down_mb" \
  "$(awk -v r="$down_mb" -v l="$LIMIT" 'BEGIN { print 100 * r / l }')"
printf 'server peak resident memory (VmHWM)       %8s MiB\n' "$HWM"
read -r idle_n idle_p50 idle_p99 idle_max <<<"$IDLE"
read -r busy_n busy_p50 busy_p99 busy_max <<<"$BUSY"
printf 'GET /readyz, new connection, idle        p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  (%s requests)\n' \
  "$idle_p50" "$idle_p99" "$idle_max" "$idle_n"
printf 'GET /readyz during the upload            p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  (%s requests; max %.1fx idle)\n' \
  "$busy_p50" "$busy_p99" "$busy_max" "$busy_n" "$(awk -v b="$busy_max" -v i="$idle_max" 'BEGIN { print b / i }')"
printf 'for reference: dd of %s MiB to the store'"'"'s file system, fsynced: %s\n' "$MIB" "$DISK"
