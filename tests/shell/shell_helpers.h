/*
 * tests/shell/shell_helpers.h: what every shell suite needs to drive a
 * real session: booting one on a preset, running lines with their output
 * captured (together, or stdout and stderr apart), asserting that a line
 * succeeds or fails and what it says, and snapshots of the views to
 * compare machines by. Every helper that can fail fails the test, saying
 * what went wrong. The engine suites' helpers (tests/unit/helpers.h) come
 * along: run_suite() runs a suite, and the engine ones serve here too.
 */
#ifndef MMSH_TEST_SHELL_HELPERS_H
#define MMSH_TEST_SHELL_HELPERS_H

#include <check.h>
#include <stdbool.h>
#include <stdio.h>

#include "../unit/helpers.h"
#include "mmsh/strbuf.h"
#include "session.h"

struct completions;

/*
 * The session of a suite that drives one: the one-session helpers below
 * (run, ok, says, fails) run their lines in it. Suites boot it in their
 * setup and session_free() it in their teardown.
 */
extern struct session sess;

/* ---- booting ------------------------------------------------------------------ */

/*
 * Boot s from a recipe, with this seed, printing to stdout and stderr (s
 * is cleared first); fails the test on error.
 */
void boot_recipe(struct session *s, const struct machine_recipe *r, unsigned long seed);

/*
 * Boot s on preset "default", "tiny" or "numa" with swap_pages slots of
 * swap and seed 1, as `mmsh --preset NAME --seed 1` would with that swap.
 */
void boot_session(struct session *s, const char *preset, unsigned long swap_pages);

/* ---- running lines with their output captured ------------------------------------- */

/* While capturing, s writes both stdout and stderr into memory. */
struct capture {
	FILE *mem;
	FILE *out, *err;          /* s's own streams, given back at the end */
	char *text;
	size_t len;
};
void capture_start(struct session *s, struct capture *c);
/* Give s its streams back; returns what it wrote meanwhile (free it). */
char *capture_stop(struct session *s, struct capture *c);

/*
 * Run a line in s; returns its output, stdout and stderr together (free
 * it), and its status in *rc unless rc is NULL.
 */
char *run_in(struct session *s, const char *line, int *rc);
/* Run a line in s that must succeed; returns its output (free it). */
char *ok_in(struct session *s, const char *line);
/* Run a line in s with stdout and stderr apart (free both); returns its status. */
int run_apart(struct session *s, const char *line, char **out, char **err);

/* ---- the same in sess ----------------------------------------------------------- */

/* run_in(&sess, ...). */
char *run(const char *line, int *rc);
/* A line that must succeed; its output is dropped. */
void ok(const char *line);
/* A line that must succeed and whose output contains want (NULL: anything). */
void says(const char *line, const char *want);
/* A line that must fail and whose output contains want. */
void fails(const char *line, const char *want);

/* ---- snapshots to compare machines by ---------------------------------------------- */

/* The text of sb as a string of its own (free it); sb is freed. */
char *sb_take(struct strbuf *sb);

/*
 * What the views say about m, as one text (free it): /proc/buddyinfo,
 * zoneinfo and vmstat, free_area, pcp and lru. Two machines that give the
 * same text have the same free lists, counters, pcp lists and LRU lists.
 */
char *views_of(struct machine *m);
/* The same with /proc/pagetypeinfo and the 2.4 buddy bitmaps too: every view. */
char *every_view_of(struct machine *m);

/* ---- files and completion ------------------------------------------------------------ */

/* The whole file (free it; "" when it is empty); fails the test when it cannot be read. */
char *slurp(const char *path);
/* rm -rf a test's own directory (and everything in it); fails the test when rm fails. */
void remove_tree(const char *path);

/* Whether completion offered this word. */
bool completion_has(const struct completions *c, const char *word);

#endif
