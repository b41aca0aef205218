/*
 * src/shell/session.c: running commands. A line is cut into commands, each
 * command into words; the table row is found by exact name or unique
 * prefix; its keys and argument count are checked before its handler
 * runs, so a malformed command never reaches the engine.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cmdtab.h"
#include "mmsh/check.h"
#include "mmsh/kstep.h"
#include "mmsh/samples.h"
#include "mmsh/sysctl.h"
#include "session.h"
#include "lesson.h"
#include "output.h"
#include "quiz.h"
#include "record.h"
#include "timeline.h"

int cmd_error(struct session *s, const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fflush(s->out);
	if (s->src_name)
		fprintf(s->err, "%s:%lu: ", s->src_name, s->src_line);
	if (cmd)
		fprintf(s->err, "%s: ", cmd);
	va_start(ap, fmt);
	vfprintf(s->err, fmt, ap);
	va_end(ap);
	fputc('\n', s->err);
	fflush(s->err);
	return -1;
}

int refuse_after_panic(struct session *s, const char *cmd)
{
	if (!s->m->panicked)
		return 0;
	return cmd_error(s, cmd, "the kernel panicked; only views, check and reset work now");
}

void session_print(struct session *s, const struct strbuf *sb)
{
	fputs(sb_str(sb), s->out);
	if (sb->oom)
		cmd_error(s, NULL, "output truncated: out of memory");
}

/* Kernel messages (the OOM report, warnings) print as they happen. */
static void print_log(const char *line, void *arg)
{
	struct session *s = arg;
	FILE *f = output_log_stream(s);   /* stderr while views print records */

	fputs(line, f);
	fputc('\n', f);
}

int session_boot(struct session *s, char *err, size_t errlen)
{
	struct machine_shape shape = s->recipe.shape;
	struct mm_error e;
	struct machine *m;
	int i;

	if (!s->tl && !(s->tl = timeline_new())) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	shape.swap_pages = s->recipe.swap_pages;
	m = machine_create(&shape, &e);
	if (!m) {
		snprintf(err, errlen, "%s", e.msg);
		return -1;
	}
	m->rng = s->seed;
	printk_subscribe(m, print_log, s);
	for (i = 0; i < s->recipe.nr_sysctls; i++) {
		if (sysctl_write(m, s->recipe.sysctls[i].name, s->recipe.sysctls[i].value, &e) < 0) {
			snprintf(err, errlen, "--sysctl %s=%s: %s", s->recipe.sysctls[i].name,
				 s->recipe.sysctls[i].value, e.msg);
			machine_destroy(m);
			return -1;
		}
	}
	{
		struct machine *old = s->m;

		session_adopt(s, m);   /* the trace subscription survives reset */
		machine_destroy(old);
	}
	return 0;
}

void session_adopt(struct session *s, struct machine *m)
{
	struct machine *old = s->m;

	if (old && old != m) {
		m->trace_mask = old->trace_mask;
		m->trace_cb = old->trace_cb;
		m->trace_arg = old->trace_arg;
		m->log_cb = old->log_cb;
		m->log_arg = old->log_arg;
	}
	m->interrupt = &s->interrupt;
	s->m = m;
}

const char session_stdin[] = "stdin";

static struct session *interruptible;

void session_interruptible(struct session *s)
{
	interruptible = s;
}

void session_interrupt(int sig)
{
	(void)sig;
	if (interruptible)
		interruptible->interrupt = 1;
}

void session_free(struct session *s)
{
	size_t i;

	timeline_abandon(s);
	quiz_free(s);     /* the session's own machine back in s->m */
	record_free(s);
	if (s->lesson) {   /* the student's own machine goes, the lesson's with s->m */
		lesson_free(s);
	}
	timeline_free(s->tl);
	s->tl = NULL;
	machine_destroy(s->m);
	s->m = NULL;
	for (i = 0; i < s->history_len; i++)
		free(s->history[i]);
	free(s->history);
	s->history = NULL;
	s->history_len = s->history_cap = 0;
}

static void remember(struct session *s, const char *cmd)
{
	char *copy;
	size_t len;

	while (*cmd == ' ' || *cmd == '\t')
		cmd++;
	len = strlen(cmd);
	while (len && (cmd[len - 1] == ' ' || cmd[len - 1] == '\t'))
		len--;
	if (s->history_len == s->history_cap) {
		size_t cap = s->history_cap ? s->history_cap * 2 : 64;
		char **grown = realloc(s->history, cap * sizeof(*grown));

		if (!grown)
			return;
		s->history = grown;
		s->history_cap = cap;
	}
	copy = strndup(cmd, len);
	if (copy)
		s->history[s->history_len++] = copy;
}

/* Keys the row does not list are refused, naming the ones it takes. */
static int check_keys(struct session *s, const struct command *c, const struct args *a)
{
	int i, j;

	if (c->keys[0].name && strcmp(c->keys[0].name, "*") == 0)
		return 0;   /* the handler reads any key (sysctl) */
	for (i = 0; i < a->nkv; i++) {
		const struct key_spec *k;
		char list[200];
		size_t used = 0;

		for (k = c->keys; k->name; k++)
			if (strcmp(k->name, a->kv[i].key) == 0)
				break;
		if (k->name) {
			for (j = 0; j < i; j++)
				if (strcmp(a->kv[j].key, a->kv[i].key) == 0)
					return cmd_error(s, c->name, "%s= is given twice", a->kv[i].key);
			continue;
		}
		if (!c->keys[0].name)
			return cmd_error(s, c->name, "takes no key=value arguments, got '%s='",
					 a->kv[i].key);
		list[0] = '\0';
		for (k = c->keys; k->name && used < sizeof(list); k++)
			used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%s=",
						 used ? ", " : "", k->name);
		return cmd_error(s, c->name, "unknown key '%s' (%s takes %s)", a->kv[i].key,
				 c->name, list);
	}
	return 0;
}

static int run_paranoid_check(struct session *s)
{
	struct check_result r;
	struct strbuf sb = STRBUF_INIT;

	if (check_machine_quick(s->m, &r, &sb, 20) == 0) {
		sb_free(&sb);
		return 0;
	}
	fflush(s->out);
	fputs(sb_str(&sb), s->err);
	sb_free(&sb);
	return cmd_error(s, "check", "%lu violations after this command (set paranoid is on)",
			 r.violations);
}

/* Find the command and check its words and keys; -1 after an error line. */
static int prepare_command(struct session *s, char *text, struct args *a,
			   const struct command **out)
{
	const struct command *c;
	const char *why;
	char reason[200];
	int npos;

	if (tokenize(text, a, &why) < 0)
		return cmd_error(s, NULL, "%s", why);
	if (a->argc == 0)
		return cmd_error(s, NULL, "a key=value needs a command before it");
	c = find_command(a->argv[0], reason, sizeof(reason));
	if (!c)
		return cmd_error(s, a->argv[0], "%s", reason);
	a->argv[0] = (char *)c->name;
	npos = a->argc - 1;
	if (npos < c->min_pos)
		return cmd_error(s, c->name, "missing argument (usage: %s)", c->syntax);
	if (npos > c->max_pos)
		return cmd_error(s, c->name, "too many arguments: '%s' (usage: %s)",
				 a->argv[c->max_pos + 1], c->syntax);
	if (check_keys(s, c, a) < 0)
		return -1;
	if (c->changes && refuse_after_panic(s, c->name) < 0)
		return -1;
	*out = c;
	return 0;
}

/*
 * Does this command change the machine? Most rows say so once; reset and
 * load replace it (and work after a panic, which their rows' flag would
 * refuse); task, disk and sysctl change it only when given something to set.
 */
bool command_changes(const struct command *c, const struct args *a)
{
	if (c->changes || c->run == cmd_reset || c->run == cmd_load)
		return true;
	if (c->run == cmd_task)
		return a->argc > 1 && strcmp(a->argv[1], "list") != 0;
	if (c->run == cmd_disk || c->run == cmd_sysctl)
		return a->nkv > 0 || a->argc > 2;
	return false;
}

/*
 * Files are read and written only where the user said so. A lesson's own
 * commands (run: lines, and everything `lesson check` runs) may not read
 * or write files at all: a lesson is often written by someone else. A
 * script (-x, a SCRIPT operand, source) may read them, but writes
 * (save, record) only with --allow-writes: the user named the script, not
 * the files it would replace. Commands typed, given with -c or on
 * standard input may do both. (mmsh has no command that runs a shell
 * command.)
 */
static int file_access_refused(struct session *s, const struct command *c, const struct args *a)
{
	bool reads = c->run == cmd_source || c->run == cmd_load;
	bool writes = (c->run == cmd_save || c->run == cmd_save_state) ||
		      (c->run == cmd_record && a->argc > 1 && strcmp(a->argv[1], "off") != 0);

	if (!reads && !writes)
		return 0;
	if (s->lesson_cmd)
		return cmd_error(s, c->name, "a lesson cannot %s files", writes ? "write" : "read");
	if (writes && s->src_name && s->src_name != session_stdin && !s->allow_writes)
		return cmd_error(s, c->name, "a script writes files only when mmsh runs with "
				 "--allow-writes");
	return 0;
}

static int run_command(struct session *s, char *text)
{
	const struct command *c = NULL;
	struct args a;
	char *typed;
	int rc;
	bool snapshot;

	if (!s->replaying)
		remember(s, text);
	typed = strdup(text);
	if (!typed)
		return cmd_error(s, NULL, "out of memory");
	rc = prepare_command(s, text, &a, &c);
	if (rc < 0) {
		free(typed);
		return rc;
	}
	if (!s->replaying && (quiz_guard(s, c, &a) < 0 || file_access_refused(s, c, &a) < 0)) {
		free(typed);
		return -1;
	}
	snapshot = !s->replaying && command_changes(c, &a);
	if (snapshot && timeline_stepping(s)) {
		free(typed);
		return cmd_error(s, c->name, "finish stepping '%s' first (next, continue, back or undo)",
				 timeline_step_command(s));
	}
	if (snapshot && timeline_before(s, typed) < 0) {
		free(typed);
		return -1;
	}
	/* every command runs on CPU 0 unless it says otherwise */
	s->m->current.cpu = 0;
	s->cmd_text = typed;
	rc = c->run(s, &a);
	s->cmd_text = NULL;
	if (s->interrupt && !s->replaying) {   /* Ctrl-C: nothing of it stays */
		s->interrupt = 0;
		if (snapshot && timeline_restore(s) < 0)
			rc = cmd_error(s, c->name, "interrupted, and no memory to put back the "
				       "machine of before it: it stays as the command left it");
		else
			rc = cmd_error(s, c->name, "interrupted; the machine is as it was before it");
	}
	/* plot's history: a sample after every command that changed the machine */
	if (rc == 0 && s->m && command_changes(c, &a))
		sample_record(s->m);
	if (fflush(s->out) != 0 && errno == EPIPE) {
		s->output_gone = true;   /* the reader left: nothing more to say */
		s->quit = true;
	}
	if (s->m && s->paranoid && !s->replaying && !timeline_stepping(s) &&
	    c->run != cmd_check && rc == 0)
		rc = run_paranoid_check(s);
	if (snapshot)
		timeline_after(s, rc);
	lesson_after_command(s, typed, rc);
	free(typed);
	return rc;
}

int session_run_on(struct session *s, struct machine **m, const char *line, kstep_fn step,
		   void *step_arg, char **output)
{
	struct machine *work = *m, *saved_m = s->m;
	FILE *saved_out = s->out, *saved_err = s->err, *mem;
	const char *saved_name = s->src_name, *saved_text = s->cmd_text;
	bool saved_replaying = s->replaying;
	char *text = NULL;
	size_t len = 0;
	int rc;

	mem = open_memstream(&text, &len);
	if (!mem)
		return -2;
	printk_subscribe(work, print_log, s);   /* kernel messages go with the output */
	if (step)
		kstep_subscribe(work, step, step_arg);
	s->m = work;
	s->out = s->err = mem;
	s->src_name = NULL;
	s->replaying = true;
	rc = session_run_line(s, line);
	work = s->m;   /* reset boots a new machine in its place */
	s->replaying = saved_replaying;
	s->src_name = saved_name;
	s->cmd_text = saved_text;
	s->out = saved_out;
	s->err = saved_err;
	s->m = saved_m;
	fclose(mem);
	kstep_subscribe(work, NULL, NULL);
	printk_subscribe(work, NULL, NULL);
	*m = work;
	if (output)
		*output = text;
	else
		free(text);
	return rc;
}

int session_run_line(struct session *s, const char *line)
{
	char **cmds;
	size_t col = 0;
	int n, i, rc = 0;

	n = split_commands(line, &cmds, &col);
	if (n < 0)
		return cmd_error(s, NULL, "unterminated quote at column %zu", col);
	for (i = 0; i < n && !s->quit; i++) {
		char *typed = s->replaying ? NULL : strdup(cmds[i]);
		int r = run_command(s, cmds[i]);

		if (typed)
			record_command(s, typed, r);   /* `record FILE` writes it */
		free(typed);
		if (r < 0) {
			rc = -1;
			break;   /* the rest of the line depends on this command */
		}
	}
	free_commands(cmds, n);
	return rc;
}

int session_run_stream(struct session *s, FILE *f, const char *name, bool keep_going)
{
	const char *saved_name = s->src_name;
	unsigned long saved_line = s->src_line;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = 0;

	s->src_name = name;
	s->src_line = 0;
	while (!s->quit && (len = getline(&line, &cap, f)) >= 0) {
		s->src_line++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (strlen(line) != (size_t)len) {
			cmd_error(s, NULL, "binary data: a NUL byte in the line");
			rc = -1;
			if (!keep_going)
				break;
			continue;
		}
		if (session_run_line(s, line) < 0) {
			rc = -1;
			if (!keep_going)
				break;
		}
	}
	if (ferror(f) && !s->quit) {   /* a directory, an I/O error: not the end of the file */
		int e = errno;

		s->src_line++;
		cmd_error(s, NULL, "cannot read the file: %s", strerror(e));
		rc = -1;
	}
	free(line);
	s->src_name = saved_name;
	s->src_line = saved_line;
	return rc;
}
