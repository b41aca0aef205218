/*
 * src/shell/timeline.h: the session's past and the command being stepped.
 *
 * The timeline keeps the text of every command that changes the machine,
 * and now and then a copy of the machine before one (a checkpoint: taken
 * when the commands since the last one cost more than a few copies). The
 * machine before any command is a checkpoint's copy with the commands
 * since run again. `undo` puts that machine back; `why` runs the last
 * command again on it with a kernel-step subscriber and prints the steps;
 * `step` does the same and stops at one step, showing the machine as it was
 * at that moment. The engine is deterministic, so these re-runs are the
 * real run, not a reconstruction.
 */
#ifndef MMSH_SHELL_TIMELINE_H
#define MMSH_SHELL_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "session.h"

/* At most this many commands undone, and this much memory for checkpoints. */
#define UNDO_MAX_DEPTH 32
#define UNDO_BUDGET_BYTES (256UL << 20)
/* Steps kept per command for `why` and `step`; later ones are counted only. */
#define STEP_KEEP 100000

struct step_rec {
	const char *func;          /* a kernel function name (static) */
	char *text;
};

struct timeline;

struct timeline *timeline_new(void);
/* Free it all; the session's machine must not be one of its own (see abandon). */
void timeline_free(struct timeline *tl);
/* Stop stepping, if stepping: the session gets its machine of before back. */
void timeline_abandon(struct session *s);
/* Forget the past (a lesson changes the machine wholesale): nothing to undo. */
void timeline_forget(struct session *s);

/*
 * Around a command that changes the machine: timeline_before() notes it
 * (with a checkpoint when one is due), timeline_after() keeps it (rc 0) or
 * drops it (rc < 0: the failed command changed nothing).
 */
int timeline_before(struct session *s, const char *text);
void timeline_after(struct session *s, int rc);
/*
 * timeline_no_replay(): the command being run cannot be run again from its
 * text (load reads a file, which may change or go): the next command gets
 * a checkpoint, so that undo never rebuilds a machine by replaying it.
 */
void timeline_no_replay(struct session *s);
/*
 * The command between timeline_before() and timeline_after() was stopped
 * (Ctrl-C): the session gets the machine of before it back. -1 without
 * memory (the stopped machine stays).
 */
int timeline_restore(struct session *s);
/* How many commands undo can take back, and how many checkpoints are kept. */
size_t timeline_undo_depth(const struct session *s);
size_t timeline_checkpoints(const struct session *s);

/* The machine changed wholesale (reset): earlier snapshots stay valid. */

/*
 * timeline_run_on_copy(): run a command on a copy of `from`, silently; the
 * copy comes back in *after. The command's status, or -2 without memory.
 */
int timeline_run_on_copy(struct session *s, const struct machine *from, const char *line,
			 struct machine **after);

bool timeline_stepping(const struct session *s);
/* While stepping: the step shown (0: before the command) and the total. */
size_t timeline_step_index(const struct session *s);
size_t timeline_step_total(const struct session *s);
const struct step_rec *timeline_step_at(const struct session *s, size_t i);
const char *timeline_step_command(const struct session *s);

/* Is there a breakpoint on this function? */
bool timeline_has_break(const struct session *s, const char *func);

/* Actions behind the commands of the same names; each reports its errors. */
int timeline_step(struct session *s, const char *text);
int timeline_next(struct session *s, size_t n);
int timeline_continue(struct session *s);
int timeline_back(struct session *s, size_t n);
int timeline_why(struct session *s, bool all);
int timeline_undo(struct session *s);
int timeline_break(struct session *s, const char *func);
int timeline_delete(struct session *s, const char *func);

#endif
