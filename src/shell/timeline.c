/*
 * src/shell/timeline.c: undo, why and step (see timeline.h).
 *
 * Every re-run happens on a copy: the session's machine pointer is
 * swapped to the copy, output is captured, and the kernel-step subscriber
 * counts steps, keeps their text, and copies the running machine when the
 * step asked for comes by. The real machine is never touched by a re-run.
 */
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmdtab.h"
#include "mmsh/kstep.h"
#include "timeline.h"

/*
 * One command of the past: its text and, when a checkpoint was taken
 * before it, the machine as it was then. Without one, the machine before
 * it is rebuilt by running the commands since the last checkpoint again on
 * a copy of it (the engine is deterministic, so this is the machine that
 * was). A checkpoint is taken when the commands since the last one took
 * longer than CHECKPOINT_RATIO copies: a run of cheap commands pays for a
 * copy now and then, not one per command, and undo never replays more than
 * a few copies' worth of work.
 */
struct entry {
	char *line;
	struct machine *m;         /* the machine before `line` ran, or NULL */
	double secs;               /* what running `line` took */
	bool no_replay;            /* `line` cannot run again (timeline_no_replay()) */
};

#define CHECKPOINT_RATIO 4
#define REPLAY_MAX 4096            /* commands between two checkpoints at most */

struct timeline {
	struct entry *log;                  /* oldest first; log[0].m is a checkpoint */
	size_t n, cap;
	size_t floor;                       /* undo goes back to log[floor] at most */
	size_t *ck, nck, ck_cap;            /* the indexes of the checkpoints, rising */
	struct entry pending;               /* taken by timeline_before() */
	double started;                     /* when the pending command began */
	double since;                       /* seconds run since the newest checkpoint */
	size_t since_n;                     /* commands run since the newest checkpoint */
	double copy_secs;                   /* what the last checkpoint's copy took */
	struct machine *spare;              /* a buffer to copy into */
	/* the command being stepped */
	bool stepping;
	struct machine *before;             /* the real machine before it */
	struct machine *after;              /* the machine once it has run */
	struct machine *at;                 /* the machine at step `cur` */
	char *line;
	struct step_rec *steps;
	size_t nsteps, cap_steps, total, cur;
	char *output;                       /* what the command printed */
	/* breakpoints */
	char **breaks;
	size_t nbreaks;
};

struct timeline *timeline_new(void)
{
	return calloc(1, sizeof(struct timeline));
}

static void free_steps(struct timeline *tl)
{
	size_t i;

	for (i = 0; i < tl->nsteps; i++)
		free(tl->steps[i].text);
	free(tl->steps);
	tl->steps = NULL;
	tl->nsteps = tl->cap_steps = tl->total = tl->cur = 0;
}

static void end_stepping(struct timeline *tl)
{
	machine_destroy(tl->after);
	machine_destroy(tl->at);
	free(tl->line);
	free(tl->output);
	free_steps(tl);
	tl->after = tl->at = tl->before = NULL;
	tl->line = tl->output = NULL;
	tl->stepping = false;
}

void timeline_free(struct timeline *tl)
{
	size_t i;

	if (!tl)
		return;
	if (tl->stepping)   /* timeline_abandon() gives the session its machine back */
		machine_destroy(tl->before);
	end_stepping(tl);
	for (i = 0; i < tl->n; i++) {
		machine_destroy(tl->log[i].m);
		free(tl->log[i].line);
	}
	free(tl->log);
	free(tl->ck);
	machine_destroy(tl->pending.m);
	free(tl->pending.line);
	machine_destroy(tl->spare);
	for (i = 0; i < tl->nbreaks; i++)
		free(tl->breaks[i]);
	free(tl->breaks);
	free(tl);
}

/* ---- swapping machines, keeping the session's subscriptions ----------------- */

struct subscriptions {
	uint64_t trace_mask;
	trace_fn trace_cb;
	void *trace_arg;
	void (*log_cb)(const char *line, void *arg);
	void *log_arg;
};

static struct subscriptions subs_of(const struct machine *m)
{
	struct subscriptions sub = { m->trace_mask, m->trace_cb, m->trace_arg, m->log_cb,
				     m->log_arg };

	return sub;
}

static void subs_put(struct machine *m, const struct subscriptions *sub)
{
	m->trace_mask = sub->trace_mask;
	m->trace_cb = sub->trace_cb;
	m->trace_arg = sub->trace_arg;
	m->log_cb = sub->log_cb;
	m->log_arg = sub->log_arg;
}

/* Copy src into *dst (allocating it when NULL); -1 when memory runs out. */
static int copy_into(struct machine **dst, const struct machine *src)
{
	if (*dst)
		return machine_copy(*dst, src);
	*dst = machine_clone(src);
	return *dst ? 0 : -1;
}

/* ---- re-running a command with a step recorder -------------------------------- */

struct recorder {
	struct timeline *tl;
	bool keep;                 /* store the steps' text */
	size_t count;
	size_t stop_at;            /* copy the machine at this step (0: never) */
	struct machine *at;
	int copy_rc;
};

static void record_step(struct machine *m, const struct kstep *st, void *arg)
{
	struct recorder *rec = arg;
	struct timeline *tl = rec->tl;

	rec->count++;
	if (rec->keep && tl->nsteps < STEP_KEEP) {
		if (tl->nsteps == tl->cap_steps) {
			size_t cap = tl->cap_steps ? tl->cap_steps * 2 : 64;
			struct step_rec *grown = realloc(tl->steps, cap * sizeof(*grown));

			if (grown) {
				tl->steps = grown;
				tl->cap_steps = cap;
			}
		}
		if (tl->nsteps < tl->cap_steps) {
			tl->steps[tl->nsteps].func = st->func;
			tl->steps[tl->nsteps].text = strdup(st->text);
			if (tl->steps[tl->nsteps].text)
				tl->nsteps++;
		}
	}
	if (rec->count == rec->stop_at && rec->at)
		rec->copy_rc = machine_copy(rec->at, m);
}

/* run_on(): run `line` again on *work (session_run_on), with rec's recorder. */
static int run_on(struct session *s, struct machine **work, const char *line,
		  struct recorder *rec, char **output)
{
	return session_run_on(s, work, line, rec ? record_step : NULL, rec, output);
}

/*
 * replay(): run `line` on a copy of `from`. The copy is returned in *after
 * (or destroyed), what the command printed in *output. Returns the
 * command's status, or -2 when no copy could be made.
 */
static int replay(struct session *s, const struct machine *from, const char *line,
		  struct recorder *rec, struct machine **after, char **output)
{
	struct machine *work = machine_clone(from);
	int rc;

	if (!work)
		return -2;
	rc = run_on(s, &work, line, rec, output);
	if (after)
		*after = work;
	else
		machine_destroy(work);
	return rc;
}

int timeline_run_on_copy(struct session *s, const struct machine *from, const char *line,
			 struct machine **after)
{
	return replay(s, from, line, NULL, after, NULL);
}

/* ---- the past, for undo ---------------------------------------------------------- */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* How many checkpoints of this machine fit in the budget (one at least). */
static size_t checkpoint_budget(const struct machine *m)
{
	size_t bytes = machine_bytes(m), k = bytes ? UNDO_BUDGET_BYTES / bytes : 1;

	return k < 1 ? 1 : k;
}

/* Give a machine back to the spare buffer (one is kept for the next copy). */
static void to_spare(struct timeline *tl, struct machine *m)
{
	if (!m)
		return;
	machine_destroy(tl->spare);
	tl->spare = m;
}

/* Forget log[0, k): log[k] must be a checkpoint (or k == n). */
static void drop_front(struct timeline *tl, size_t k)
{
	size_t i;

	for (i = 0; i < k; i++) {
		to_spare(tl, tl->log[i].m);
		free(tl->log[i].line);
	}
	if (k)   /* log and ck may still be NULL: no pointer arithmetic on them */
		memmove(tl->log, tl->log + k, (tl->n - k) * sizeof(*tl->log));
	tl->n -= k;
	tl->floor = tl->floor > k ? tl->floor - k : 0;
	for (i = 0; i < tl->nck && tl->ck[i] < k; i++)
		;
	if (i)
		memmove(tl->ck, tl->ck + i, (tl->nck - i) * sizeof(*tl->ck));
	tl->nck -= i;
	for (i = 0; i < tl->nck; i++)
		tl->ck[i] -= k;
}

/* Drop the oldest checkpoint and the commands that need it. */
static void drop_oldest_checkpoint(struct timeline *tl)
{
	drop_front(tl, tl->nck > 1 ? tl->ck[1] : tl->n);
}

/*
 * Keep UNDO_MAX_DEPTH commands undoable, and what rebuilding the oldest of
 * them needs: the commands back to the newest checkpoint at or before it.
 */
static void trim(struct timeline *tl)
{
	size_t k = 1;

	if (tl->n > UNDO_MAX_DEPTH && tl->floor < tl->n - UNDO_MAX_DEPTH)
		tl->floor = tl->n - UNDO_MAX_DEPTH;
	while (k < tl->nck && tl->ck[k] <= tl->floor)
		k++;
	if (k > 1)
		drop_front(tl, tl->ck[k - 1]);
}

/* Seconds and commands since the newest checkpoint, counted again. */
static void recount(struct timeline *tl)
{
	size_t i;

	while (tl->nck > 0 && tl->ck[tl->nck - 1] >= tl->n)
		tl->nck--;
	tl->since = 0;
	tl->since_n = 0;
	for (i = tl->nck ? tl->ck[tl->nck - 1] : tl->n; i < tl->n; i++) {
		tl->since += tl->log[i].secs;
		tl->since_n++;
	}
}

/*
 * rebuild(): the machine as it was before log[k] ran, in *buf (allocated
 * when NULL): a copy of the checkpoint at or before it and the commands
 * between run again. 0, or -1 (out of memory, or a command that does not
 * run again as it did: a bug, reported by the caller).
 */
static int rebuild(struct session *s, size_t k, struct machine **buf)
{
	struct timeline *tl = s->tl;
	struct last_alloc kept = s->last_alloc;
	size_t j = k;
	int rc = 0;

	while (j == tl->n || !tl->log[j].m)
		j--;
	if (copy_into(buf, tl->log[j].m) < 0)
		return -1;
	/* Ctrl-C cannot stop a rebuild half way: it is never long */
	(*buf)->interrupt = NULL;
	for (; j < k && rc == 0; j++) {
		if (run_on(s, buf, tl->log[j].line, NULL, NULL) != 0)
			rc = -1;
		(*buf)->interrupt = NULL;   /* reset may have booted a new machine */
	}
	(*buf)->interrupt = &s->interrupt;
	/* what the commands run again say about their blocks is old news */
	s->last_alloc = kept;
	return rc;
}

/*
 * timeline_restore(): the command being run was stopped (Ctrl-C): put
 * back the machine of before it. Its checkpoint when one was taken, else
 * the machine rebuilt from the log. The stopped machine is dropped when
 * timeline_after() drops the failed command.
 */
int timeline_restore(struct session *s)
{
	struct timeline *tl = s->tl;
	struct machine *back = tl->pending.m, *stopped = s->m;

	if (!tl->pending.line)
		return 0;
	if (!back) {
		back = tl->spare;
		tl->spare = NULL;
		if (rebuild(s, tl->n, &back) < 0) {
			machine_destroy(back);
			return -1;
		}
	}
	session_adopt(s, back);
	tl->pending.m = stopped;
	return 0;
}

/*
 * A checkpoint now? At the start; after a command that cannot be run
 * again (so that no rebuild ever replays it); and when the commands since
 * the last one took long enough.
 */
static bool want_checkpoint(const struct timeline *tl)
{
	return tl->n == 0 || tl->log[tl->n - 1].no_replay || tl->since_n >= REPLAY_MAX ||
	       tl->since >= CHECKPOINT_RATIO * tl->copy_secs;
}

void timeline_no_replay(struct session *s)
{
	if (s->tl && s->tl->pending.line && !s->replaying)
		s->tl->pending.no_replay = true;
}

int timeline_before(struct session *s, const char *text)
{
	struct timeline *tl = s->tl;
	struct machine *buf;
	double t0;

	while (*text == ' ' || *text == '\t')
		text++;
	tl->pending.line = strdup(text);
	if (!tl->pending.line)
		return cmd_error(s, NULL, "out of memory for the undo log");
	if (want_checkpoint(tl)) {
		if (tl->n > 0 && tl->nck + 1 > checkpoint_budget(s->m))
			drop_oldest_checkpoint(tl);
		buf = tl->spare;
		tl->spare = NULL;
		t0 = now();
		if (copy_into(&buf, s->m) < 0) {
			machine_destroy(buf);
			free(tl->pending.line);
			tl->pending.line = NULL;
			return cmd_error(s, NULL, "out of memory for the undo snapshot");
		}
		tl->copy_secs = now() - t0;
		tl->pending.m = buf;
	}
	tl->started = now();
	return 0;
}

/* Room for one more entry (and a checkpoint's index); false without memory. */
static bool room(struct timeline *tl, bool checkpoint)
{
	if (tl->n == tl->cap) {
		size_t cap = tl->cap ? tl->cap * 2 : 64;
		struct entry *grown = realloc(tl->log, cap * sizeof(*grown));

		if (!grown)
			return false;
		tl->log = grown;
		tl->cap = cap;
	}
	if (checkpoint && tl->nck == tl->ck_cap) {
		size_t cap = tl->ck_cap ? tl->ck_cap * 2 : 8;
		size_t *grown = realloc(tl->ck, cap * sizeof(*grown));

		if (!grown)
			return false;
		tl->ck = grown;
		tl->ck_cap = cap;
	}
	return true;
}

void timeline_after(struct session *s, int rc)
{
	struct timeline *tl = s->tl;
	struct entry e = tl->pending;

	tl->pending.m = NULL;
	tl->pending.line = NULL;
	tl->pending.no_replay = false;
	if (!e.line)
		return;
	if (rc != 0) {   /* the failed command changed nothing */
		to_spare(tl, e.m);
		free(e.line);
		return;
	}
	e.secs = now() - tl->started;
	if (!room(tl, e.m != NULL)) {   /* no memory to remember it: forget the past */
		to_spare(tl, e.m);
		free(e.line);
		drop_front(tl, tl->n);
		recount(tl);
		return;
	}
	if (tl->n == 0 && !e.m) {   /* cannot happen: the first one is a checkpoint */
		free(e.line);
		return;
	}
	if (e.m) {
		tl->ck[tl->nck++] = tl->n;
		tl->since = 0;
		tl->since_n = 0;
	}
	tl->log[tl->n++] = e;
	tl->since += e.secs;
	tl->since_n++;
	trim(tl);
}

void timeline_abandon(struct session *s)
{
	struct timeline *tl = s->tl;

	if (!tl || !tl->stepping)
		return;
	session_adopt(s, tl->before);   /* s->m was tl->at, which end_stepping() frees */
	end_stepping(tl);
}

void timeline_forget(struct session *s)
{
	struct timeline *tl = s->tl;

	timeline_abandon(s);
	if (tl) {
		drop_front(tl, tl->n);
		tl->floor = 0;
		recount(tl);
	}
}

size_t timeline_undo_depth(const struct session *s)
{
	return s->tl ? s->tl->n - s->tl->floor : 0;
}

size_t timeline_checkpoints(const struct session *s)
{
	return s->tl ? s->tl->nck : 0;
}

int timeline_undo(struct session *s)
{
	struct timeline *tl = s->tl;
	struct machine *old, *back;
	struct entry *last;

	if (tl->stepping) {
		struct machine *before = tl->before;

		fprintf(s->out, "undo: stopped stepping '%s'; the machine is as it was before it\n",
			tl->line);
		session_adopt(s, before);
		end_stepping(tl);
		return 0;
	}
	if (tl->n == tl->floor)
		return cmd_error(s, "undo", "nothing to undo");
	last = &tl->log[tl->n - 1];
	back = last->m;
	if (!back) {
		back = tl->spare;
		tl->spare = NULL;
		if (rebuild(s, tl->n - 1, &back) < 0) {
			machine_destroy(back);
			return cmd_error(s, "undo", "cannot rebuild the machine before '%s' "
					 "(out of memory)", last->line);
		}
	}
	tl->n--;
	old = s->m;
	session_adopt(s, back);
	to_spare(tl, old);
	recount(tl);
	s->interrupt = 0;   /* an undo is never stopped half way */
	fprintf(s->out, "undo: '%s' undone (%zu more command%s can be undone)\n", last->line,
		tl->n - tl->floor, tl->n - tl->floor == 1 ? "" : "s");
	free(last->line);
	return 0;
}

/* ---- stepping ------------------------------------------------------------------ */

bool timeline_stepping(const struct session *s)
{
	return s->tl && s->tl->stepping;
}

size_t timeline_step_index(const struct session *s)
{
	return s->tl->cur;
}

size_t timeline_step_total(const struct session *s)
{
	return s->tl->total;
}

const struct step_rec *timeline_step_at(const struct session *s, size_t i)
{
	const struct timeline *tl = s->tl;

	return i >= 1 && i <= tl->nsteps ? &tl->steps[i - 1] : NULL;
}

const char *timeline_step_command(const struct session *s)
{
	return s->tl->line;
}

bool timeline_has_break(const struct session *s, const char *func)
{
	size_t i;

	for (i = 0; i < s->tl->nbreaks; i++)
		if (strcmp(s->tl->breaks[i], func) == 0)
			return true;
	return false;
}

static void print_step(struct session *s, size_t k)
{
	struct timeline *tl = s->tl;
	const struct step_rec *st = timeline_step_at(s, k);

	if (k == 0)
		fprintf(s->out, "step 0/%zu: before '%s'\n", tl->total, tl->line);
	else if (st)
		fprintf(s->out, "step %zu/%zu %s%s: %s\n", k, tl->total,
			timeline_has_break(s, st->func) ? "[break] " : "", st->func, st->text);
	else
		fprintf(s->out, "step %zu/%zu: (beyond the %d steps kept)\n", k, tl->total,
			STEP_KEEP);
}

/* Show the machine as it was right after step k (0: before the command). */
static int show_step(struct session *s, const char *cmd, size_t k)
{
	struct timeline *tl = s->tl;
	struct subscriptions sub = subs_of(s->m);
	struct recorder rec = { tl, false, 0, k, tl->at, 0 };
	int rc = 0;

	if (k == 0) {
		rc = machine_copy(tl->at, tl->before);
	} else {
		rc = replay(s, tl->before, tl->line, &rec, NULL, NULL);
		if (s->interrupt) {   /* Ctrl-C: the step is shown if it was reached */
			if (rec.count < k)
				return -1;
			s->interrupt = 0;
		}
		if (rc == 0)
			rc = rec.copy_rc;
	}
	subs_put(tl->at, &sub);
	if (rc < 0)
		return cmd_error(s, cmd, "out of memory while stepping");
	tl->cur = k;
	print_step(s, k);
	return 0;
}

/* The command ran to its end: its machine becomes the session's. */
static int finish(struct session *s, const char *cmd)
{
	struct timeline *tl = s->tl;
	struct machine *after = tl->after;

	fprintf(s->out, "%s: '%s' ran to its end (%zu step%s)\n", cmd, tl->line, tl->total,
		tl->total == 1 ? "" : "s");
	fputs(tl->output ? tl->output : "", s->out);
	session_adopt(s, after);
	tl->after = NULL;
	/* the machine before it is a checkpoint of the command, as if run plainly */
	tl->pending.m = tl->before;
	tl->pending.line = tl->line;
	tl->started = now();
	timeline_after(s, 0);
	tl->line = NULL;
	tl->before = NULL;
	end_stepping(tl);
	return 0;
}

int timeline_step(struct session *s, const char *text)
{
	struct timeline *tl = s->tl;
	struct recorder rec = { tl, true, 0, 0, NULL, 0 };
	const struct command *c;
	char copy[1024], why[200];
	const char *perr;
	struct args a;
	int rc;

	if (tl->stepping)
		return cmd_error(s, "step", "already stepping '%s' (next, continue, back or undo)",
				 tl->line);
	while (*text == ' ' || *text == '\t')
		text++;
	snprintf(copy, sizeof(copy), "%s", text);
	if (tokenize(copy, &a, &perr) < 0)
		return cmd_error(s, "step", "%s", perr);
	if (a.argc == 0)
		return cmd_error(s, "step", "missing command (usage: step COMMAND...)");
	c = find_command(a.argv[0], why, sizeof(why));
	if (!c)
		return cmd_error(s, "step", "%s: %s", a.argv[0], why);
	if (c->run == cmd_reset || c->run == cmd_load || !command_changes(c, &a))
		return cmd_error(s, "step", "'%s' does not change the machine in kernel steps: "
				 "step takes alloc, free, drain, fault, kswapd...", c->name);
	if (refuse_after_panic(s, "step") < 0)
		return -1;
	free_steps(tl);
	tl->line = strdup(text);
	if (!tl->line)
		return cmd_error(s, "step", "out of memory");
	rc = replay(s, s->m, tl->line, &rec, &tl->after, &tl->output);
	if (s->interrupt) {   /* Ctrl-C: not stepping after all */
		end_stepping(tl);
		return -1;
	}
	if (rc == -2 || (rc == 0 && rec.count > 0 && !(tl->at = machine_clone(s->m)))) {
		end_stepping(tl);
		return cmd_error(s, "step", "out of memory");
	}
	if (rc < 0) {
		/* the command failed: say why, change nothing */
		fflush(s->out);
		fputs(tl->output ? tl->output : "", s->err);
		end_stepping(tl);
		return -1;
	}
	tl->total = rec.count;
	tl->before = s->m;
	tl->stepping = true;
	if (tl->total == 0)
		return finish(s, "step");
	session_adopt(s, tl->at);
	return show_step(s, "step", 1);
}

int timeline_next(struct session *s, size_t n)
{
	struct timeline *tl = s->tl;

	if (!tl->stepping)
		return cmd_error(s, "next", "not stepping (step COMMAND starts)");
	if (tl->cur + n > tl->total)
		return finish(s, "next");
	return show_step(s, "next", tl->cur + n);
}

int timeline_continue(struct session *s)
{
	struct timeline *tl = s->tl;
	size_t k;

	if (!tl->stepping)
		return cmd_error(s, "continue", "not stepping (step COMMAND starts)");
	for (k = tl->cur + 1; k <= tl->nsteps; k++)
		if (timeline_has_break(s, tl->steps[k - 1].func)) {
			fprintf(s->out, "breakpoint: %s\n", tl->steps[k - 1].func);
			return show_step(s, "continue", k);
		}
	return finish(s, "continue");
}

int timeline_back(struct session *s, size_t n)
{
	struct timeline *tl = s->tl;

	if (!tl->stepping)
		return cmd_error(s, "back", "not stepping (step COMMAND starts)");
	if (n > tl->cur)
		return cmd_error(s, "back", "%zu steps back is before the command (at step %zu)", n,
				 tl->cur);
	return show_step(s, "back", tl->cur - n);
}

/* ---- why ------------------------------------------------------------------------ */

#define WHY_SHOWN 200

/* The arrow of the call path: U+2192 where the terminal's locale is UTF-8. */
static const char *arrow(const struct session *s)
{
	const char *cs = nl_langinfo(CODESET);

	return !s->ascii_only && cs && strcmp(cs, "UTF-8") == 0 ? " \xe2\x86\x92 " : " -> ";
}

static void print_path(struct session *s, size_t upto)
{
	struct timeline *tl = s->tl;
	const char *last = NULL, *to = arrow(s);
	size_t i, shown = 0;

	fputs("  path:", s->out);
	for (i = 0; i < upto && i < tl->nsteps; i++) {
		if (last && strcmp(last, tl->steps[i].func) == 0)
			continue;
		if (shown++ == 40) {
			fprintf(s->out, "%s...", to);
			break;
		}
		fprintf(s->out, "%s%s", last ? to : " ", tl->steps[i].func);
		last = tl->steps[i].func;
	}
	fputc('\n', s->out);
}

static void print_steps(struct session *s, size_t upto, bool all)
{
	struct timeline *tl = s->tl;
	size_t kept = upto < tl->nsteps ? upto : tl->nsteps, i;

	print_path(s, kept);
	for (i = 0; i < kept; i++) {
		if (!all && kept > WHY_SHOWN && i == WHY_SHOWN / 2) {
			fprintf(s->out, "  ... %zu steps not shown (why all prints them)\n",
				kept - WHY_SHOWN);
			i = kept - WHY_SHOWN / 2;
		}
		fprintf(s->out, "  %5zu %s: %s\n", i + 1, tl->steps[i].func, tl->steps[i].text);
	}
	if (upto > kept)
		fprintf(s->out, "  ... and %zu more steps (only the first %d are kept)\n",
			upto - kept, STEP_KEEP);
}

int timeline_why(struct session *s, bool all)
{
	struct timeline *tl = s->tl;
	struct recorder rec = { tl, true, 0, 0, NULL, 0 };
	const struct entry *last;
	struct machine *work = NULL;
	int rc = -2;

	if (tl->stepping) {
		fprintf(s->out, "why: '%s' up to step %zu of %zu\n", tl->line, tl->cur, tl->total);
		print_steps(s, tl->cur, all);
		return 0;
	}
	if (tl->n == 0)
		return cmd_error(s, "why", "no command has changed the machine yet");
	last = &tl->log[tl->n - 1];
	free_steps(tl);
	if (rebuild(s, tl->n - 1, &work) == 0)
		rc = run_on(s, &work, last->line, &rec, NULL);
	machine_destroy(work);
	if (s->interrupt) {   /* Ctrl-C */
		free_steps(tl);
		return -1;
	}
	if (rc == -2) {
		free_steps(tl);
		return cmd_error(s, "why", "out of memory");
	}
	if (rec.count == 0)
		fprintf(s->out, "why: '%s' took no kernel steps\n", last->line);
	else {
		fprintf(s->out, "why: '%s' took %zu kernel step%s\n", last->line, rec.count,
			rec.count == 1 ? "" : "s");
		tl->total = rec.count;
		print_steps(s, rec.count, all);
	}
	free_steps(tl);
	return 0;
}

/* ---- breakpoints ---------------------------------------------------------------- */

int timeline_break(struct session *s, const char *func)
{
	struct timeline *tl = s->tl;
	char **grown;
	size_t i, n;

	if (!func) {
		const char *const *names = kstep_functions(&n);

		if (tl->nbreaks == 0)
			fputs("no breakpoints\n", s->out);
		for (i = 0; i < tl->nbreaks; i++)
			fprintf(s->out, "breakpoint %zu: %s\n", i + 1, tl->breaks[i]);
		fputs("functions that take steps:", s->out);
		for (i = 0; i < n; i++)
			fprintf(s->out, "%s%s", i % 4 ? " " : "\n  ", names[i]);
		fputc('\n', s->out);
		return 0;
	}
	if (!kstep_function_known(func))
		return cmd_error(s, "break", "'%s' is not a kernel function that takes steps "
				 "(break alone lists them)", func);
	if (timeline_has_break(s, func))
		return cmd_error(s, "break", "there is already a breakpoint on %s", func);
	grown = realloc(tl->breaks, (tl->nbreaks + 1) * sizeof(*grown));
	if (!grown || !(grown[tl->nbreaks] = strdup(func))) {
		if (grown)
			tl->breaks = grown;
		return cmd_error(s, "break", "out of memory");
	}
	tl->breaks = grown;
	tl->nbreaks++;
	fprintf(s->out, "breakpoint %zu: %s\n", tl->nbreaks, func);
	return 0;
}

int timeline_delete(struct session *s, const char *func)
{
	struct timeline *tl = s->tl;
	size_t i;

	if (!func) {
		for (i = 0; i < tl->nbreaks; i++)
			free(tl->breaks[i]);
		fprintf(s->out, "deleted %zu breakpoint%s\n", tl->nbreaks,
			tl->nbreaks == 1 ? "" : "s");
		tl->nbreaks = 0;
		return 0;
	}
	for (i = 0; i < tl->nbreaks; i++)
		if (strcmp(tl->breaks[i], func) == 0) {
			free(tl->breaks[i]);
			memmove(&tl->breaks[i], &tl->breaks[i + 1],
				(tl->nbreaks - i - 1) * sizeof(*tl->breaks));
			tl->nbreaks--;
			fprintf(s->out, "deleted the breakpoint on %s\n", func);
			return 0;
		}
	return cmd_error(s, "delete", "no breakpoint on '%s'", func);
}
