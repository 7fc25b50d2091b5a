#!/usr/bin/env bash
# Sealed-format throughput (docs/decisions/0004-encryption-format.md) beside
# the machine's limit: `openssl speed -evp aes-256-gcm` on 64 KiB buffers,
# then a small program linked to Consilium's library that seals and opens
# BENCH_CRYPTO_MIB MiB in memory, fed in 64 KiB pieces with the default chunk
# size. No server, no disk: the ceiling the file upload and download can reach.
#
#   bash bench/crypto.sh
#   BENCH_CRYPTO_MIB=256         how much to seal and open
#   BUILD_DIR=build              a Release build directory holding libconsilium_core.a
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
MIB=${BENCH_CRYPTO_MIB:-256}

die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
case ${1:-} in
  -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  '') ;;
  *) die "unknown argument $1 (see --help)" ;;
esac
[[ $MIB =~ ^[0-9]+$ ]] && (( MIB >= 1 && MIB <= 4096 )) || die "BENCH_CRYPTO_MIB must be an integer in [1, 4096], got '$MIB'"
LIBRARY=$BUILD_DIR/libconsilium_core.a
[[ -f $LIBRARY ]] || die "no $LIBRARY: build Consilium in Release first (or set BUILD_DIR)"
grep -q '^CMAKE_BUILD_TYPE:STRING=Release$' "$BUILD_DIR/CMakeCache.txt" 2>/dev/null \
  || printf 'bench: warning: %s is not a Release build, the figures will be low\n' "$BUILD_DIR" >&2

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

cat >"$WORK/sealed_throughput.cpp" <<'PROGRAM'
#include "platform/crypto/sealed_stream.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace consilium::crypto;

namespace {
constexpr std::size_t kPieceBytes = std::size_t{64} << 10;

double MegabytesPerSecond(std::size_t bytes, std::chrono::steady_clock::duration elapsed) {
  return static_cast<double>(bytes) / 1e6 / std::chrono::duration<double>(elapsed).count();
}
}  // namespace

int main(int, char** argv) {
  const std::size_t total = std::strtoull(argv[1], nullptr, 10) << 20;
  const SymmetricKey key = SymmetricKey::Generate();
  const std::string piece(kPieceBytes, 'x');
  std::string sealed;
  sealed.resize(total + total / kDefaultChunkBytes * 16 + 4096);  // touch every page before the clock starts
  sealed.clear();

  auto start = std::chrono::steady_clock::now();
  SealedStreamEncryptor encryptor(key, "bench key reference", "bench");
  for (std::size_t done = 0; done < total; done += kPieceBytes) encryptor.Update(piece, sealed);
  encryptor.Finish(sealed);
  const double seal_rate = MegabytesPerSecond(total, std::chrono::steady_clock::now() - start);

  start = std::chrono::steady_clock::now();
  SealedStreamDecryptor decryptor("bench");
  std::string plaintext;
  std::size_t opened = 0;
  for (std::size_t at = 0; at < sealed.size(); at += kPieceBytes) {
    plaintext.clear();
    if (!decryptor.Update(std::string_view(sealed).substr(at, kPieceBytes), plaintext)) return 1;
    if (decryptor.NeedsKey() && !decryptor.SetKey(key)) return 1;
    opened += plaintext.size();
  }
  plaintext.clear();
  if (!decryptor.Finish(plaintext) || opened + plaintext.size() != total) return 1;
  const double open_rate = MegabytesPerSecond(total, std::chrono::steady_clock::now() - start);
  std::printf("seal %.0f\nopen %.0f\n", seal_rate, open_rate);
  return 0;
}
PROGRAM

printf 'building the measuring program against %s\n' "$LIBRARY" >&2
g++ -std=c++20 -O2 -I"$ROOT/src" "$WORK/sealed_throughput.cpp" "$LIBRARY" -lcrypto -lssl -lfmt -pthread \
  -o "$WORK/sealed_throughput"

LIMIT=$(openssl speed -evp aes-256-gcm -bytes 65536 -seconds 3 2>/dev/null | awk '/^AES-256-GCM/ { sub(/k$/, "", $2); print $2 / 1000 }')
printf 'openssl speed -evp aes-256-gcm (64 KiB)  %8.0f MB/s  (the limit)\n' "$LIMIT"
"$WORK/sealed_throughput" "$MIB" | while read -r operation rate; do
  printf 'sealed format, %s %s MiB in memory      %8.0f MB/s  (%.0f%% of the limit)\n' \
    "$operation" "$MIB" "$rate" "$(awk -v r="$rate" -v l="$LIMIT" 'BEGIN { print 100 * r / l }')"
done
