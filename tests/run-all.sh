#!/bin/bash
# tests/run-all.sh: every test of mmsh, from a clean clone. Builds with
# warnings as errors and runs `make check` (unit suites, golden
# transcripts, command-line tests, the soak, the host and man-page tests),
# the transcripts again under valgrind, then `make distcheck`, then
# `make check` again under AddressSanitizer and UndefinedBehaviorSanitizer.
# Build trees: build/ and build-asan/.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc 2>/dev/null || echo 2)
cd "$top"
autoreconf -fi

step() { printf '\n==== %s ====\n' "$*"; }

step "build and make check (-Werror)"
mkdir -p build && cd build
../configure -q --enable-werror
make -j"$jobs"
make -j"$jobs" check VERBOSE=1

step "the golden transcripts under valgrind"
make check-valgrind

step "make distcheck"
make -j"$jobs" distcheck DISTCHECK_CONFIGURE_FLAGS=--enable-werror

step "make check under ASan and UBSan"
cd "$top" && mkdir -p build-asan && cd build-asan
../configure -q --enable-werror --enable-sanitizers
make -j"$jobs"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 make -j"$jobs" check VERBOSE=1

step "all tests passed"
