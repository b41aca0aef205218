/*
 * tests/unit/compare.h: two machines that must be the same, compared:
 * what they show, what they hold, and what they do next. Shared by the
 * suites of machine_clone() (test_clone.c) and of save and load
 * (test_savestate.c). Every comparison fails the test, saying where.
 */
#ifndef MMSH_TEST_COMPARE_H
#define MMSH_TEST_COMPARE_H

#include <stdbool.h>
#include <stdint.h>

#include "helpers.h"
#include "mmsh/strbuf.h"

/* ---- what a machine shows, and what it holds ------------------------------------------- */

/*
 * Everything a user can see of a machine, as text, appended to sb: the
 * /proc files, the views of every populated zone, the plot, the tasks
 * and files, the clocks and the samples.
 */
void compare_render(struct machine *m, struct strbuf *sb);

/* Fail, showing the first line where two texts (original, other) differ. */
void expect_same_text(const char *what, const char *a, const char *b);

/*
 * How alike two machines must be. COMPARE_STATE: the state a save holds,
 * field by field. COMPARE_LAYOUT: that, and also what only an exact copy
 * keeps (machine_clone()): capacities, which content chunks are allocated
 * (at other addresses), the checker's dirty pageblocks, the stale entries
 * past a pagevec's nr, every field of the kswapd log.
 */
enum compare_depth { COMPARE_STATE, COMPARE_LAYOUT };

/* The raw state of b is that of a, to the given depth. */
void expect_same_state(struct machine *a, struct machine *b, enum compare_depth depth);

/*
 * Both machines show the same text and hold the same raw state (to the
 * given depth), and check() passes on both.
 */
void expect_same_machine(struct machine *a, struct machine *b, enum compare_depth depth);

/* ---- listening: every tracepoint line and kernel message ------------------------------- */

struct compare_listener {
	struct strbuf log;           /* kernel messages, in full */
	unsigned long events;        /* tracepoints, counted ... */
	uint64_t hash;               /* ... and their lines hashed (FNV-1a) */
	struct strbuf line;
};

/* Subscribe l to every tracepoint and kernel message of m (l is reset). */
void compare_listen(struct machine *m, struct compare_listener *l);

/* Unsubscribe from m and free what l holds. */
void compare_stop_listening(struct machine *m, struct compare_listener *l);

/* Some tracepoint fired, and both heard the same lines and the same messages. */
void expect_same_heard(const struct compare_listener *a, const struct compare_listener *b);

/* ---- histories --------------------------------------------------------------------------- */

/* The last order a held block may have on this machine, capped at want. */
unsigned int compare_order_cap(const struct machine *m, unsigned int want);

/*
 * Every kind of state the engine keeps: held blocks, tasks on two CPUs,
 * the page cache read, written and mapped (files "lib" and "log"), munmap
 * and mlock, time (disk, flusher, daemons), direct reclaim, compaction,
 * then more than there is: swap or the OOM killer; and writes left in
 * flight. check() passes between the stages.
 */
void compare_history(struct machine *m);

/*
 * What happens next, the same on two machines: allocations, faults, file
 * reads and writes (when "lib" and "log" exist), time, memory pressure,
 * reclaim, compaction, truncation, sync, a sample. Every result is
 * written to out, and the views twice (halfway and at the end).
 */
void compare_future(struct machine *m, struct strbuf *out);

/*
 * Run compare_future() on a and on b, each listened to: the results, the
 * tracepoint lines and the kernel messages must be the same. The
 * listeners are gone afterwards.
 */
void expect_same_future(struct machine *a, struct machine *b);

#endif
