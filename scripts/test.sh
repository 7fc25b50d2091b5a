#!/usr/bin/env bash
# Sets up, builds and runs every test: unit tests and the integration tests,
# which start the real server with its own PostgreSQL and talk to it over
# HTTPS; then all of them again with AddressSanitizer and
# UndefinedBehaviorSanitizer in the server and the tests. The web app's unit
# tests and its browser tests (tests/test_web.py) run in both passes.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
# The browser tests fail, rather than skip, when the web app was not built.
export CONSILIUM_REQUIRE_WEB=1

echo "== unit and integration tests (Release build)"
ctest --test-dir build --output-on-failure --timeout 1800

echo "== unit and integration tests again, the server built with ASan + UBSan"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCONSILIUM_SANITIZE=ON >/dev/null
cmake --build build-asan --parallel "$(nproc)" --target unit_tests consilium
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure --timeout 1800
