/*
 * tests/bench/bench_util.h: what the benchmark programs share: a clock,
 * the one-zone machine they measure on, and the check that a benchmark
 * left the machine consistent (a fast wrong answer is no figure).
 */
#ifndef MMSH_TESTS_BENCH_UTIL_H
#define MMSH_TESTS_BENCH_UTIL_H

#include "mmsh/mmzone.h"

/* Seconds on CLOCK_MONOTONIC. */
double bench_now(void);

/* One Normal zone of `pages` pages, 2 CPUs, no THP, swap of `swap` slots; exits on failure. */
struct machine *bench_boot(unsigned long pages, unsigned long swap);

/* Exit with the report when `what` left m inconsistent (full check). */
void bench_consistent(struct machine *m, const char *what);

#endif
