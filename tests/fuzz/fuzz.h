/*
 * tests/fuzz/fuzz.h: what the fuzz harnesses share: the sandbox the shell
 * runs in (files only under one directory in /tmp, machines of a bounded
 * size), a session on a small machine with its output thrown away, and the
 * invariant check that turns a corrupted machine into a crash.
 *
 * Each harness is one file with LLVMFuzzerTestOneInput(). With clang it is
 * linked against libFuzzer (`make fuzz`); with any compiler it is linked
 * against replay.c, which feeds it the committed corpus (`make check`).
 */
#ifndef MMSH_TESTS_FUZZ_H
#define MMSH_TESTS_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "session.h"

/* The entry point every harness defines (libFuzzer's name). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Machines the shell may boot during a run: at most this many pages (and
 * swap slots). A bigger --mem, --zones or lesson machine: line is refused
 * as if the host had no memory for it, so no input can make a run slow
 * by booting gigabytes.
 */
#define FUZZ_MAX_PAGES (128UL * 1024)

/* Commands one input may run: longer inputs are cut (no input runs forever). */
#define FUZZ_MAX_LINES 64

/*
 * The work an input may ask for. Some commands take time or host memory
 * in proportion to a number they are given (read FILE N [offset=K],
 * write, fault, alloc n=, tick, workload, shrink nr=, reclaim, next,
 * back): each such number may be at most FUZZ_MAX_WORK, and an input's
 * numbers together FUZZ_MAX_WORK_TOTAL.
 * `source` and `why` re-run earlier commands: each costs what the input
 * asked for so far. Parsers still see every number (sysctl values, pfns,
 * orders, seeds are not work); only a line over the budget is not run.
 */
#define FUZZ_MAX_WORK 4096UL
#define FUZZ_MAX_WORK_TOTAL 16384UL

/*
 * fuzz_afford(): add the work of one command line to *spent; false (the
 * line must not run) when it asks for too much. Lines the shell cannot
 * parse cost nothing: they fail before any work.
 */
bool fuzz_afford(const char *line, unsigned long *spent);

/*
 * fuzz_sandbox_dir(): the run's directory, /tmp/mmsh-fuzz-XXXXXX, made on
 * first use and removed at exit. Relative file names the shell opens land
 * in it; other paths are refused (see sandbox.c).
 */
const char *fuzz_sandbox_dir(void);

/* Empty the sandbox directory: every input starts from the same files. */
void fuzz_sandbox_clean(void);

/*
 * fuzz_session_open(): a session whose output goes nowhere (to stdout and
 * stderr when FUZZ_VERBOSE is set), booted from mmsh options (argv without
 * the program name, NULL-terminated).
 */
void fuzz_session_open(struct session *s, const char *const *options);

/*
 * fuzz_session_close(): check the machine (unless a command is being
 * stepped: its state is then half-way through a kernel function), abort()
 * on a violation, free the session and empty the sandbox.
 */
void fuzz_session_close(struct session *s);

/* fuzz_check(): the quick (or full) invariant check; abort() on a violation. */
void fuzz_check(struct session *s, bool full, const char *after);

/* fuzz_text(): a NUL-terminated copy of the input (malloc'd; aborts when out of memory). */
char *fuzz_text(const uint8_t *data, size_t size);

/* The small machine the command and script harnesses run on. */
extern const char *const fuzz_small_machine[];

#endif
