/*
 * tests/shell/shell_helpers.c: booting sessions, running lines with their
 * output captured, and view snapshots, for the shell suites (see
 * shell_helpers.h).
 */
#include "shell_helpers.h"

#include <stdlib.h>
#include <string.h>

#include "complete.h"
#include "mmsh/procfs.h"
#include "mmsh/views.h"

struct session sess;

/* ---- booting ------------------------------------------------------------------ */

void boot_recipe(struct session *s, const struct machine_recipe *r, unsigned long seed)
{
	char err[300];

	memset(s, 0, sizeof(*s));
	s->out = stdout;
	s->err = stderr;
	s->recipe = *r;
	s->seed = seed;
	ck_assert_msg(session_boot(s, err, sizeof(err)) == 0, "boot: %s", err);
}

void boot_session(struct session *s, const char *preset, unsigned long swap_pages)
{
	struct machine_recipe r;

	memset(&r, 0, sizeof(r));
	if (strcmp(preset, "default") == 0)
		machine_shape_default(&r.shape);
	else if (strcmp(preset, "tiny") == 0)
		machine_shape_tiny(&r.shape);
	else if (strcmp(preset, "numa") == 0)
		machine_shape_numa(&r.shape);
	else
		ck_abort_msg("no preset '%s'", preset);
	snprintf(r.preset, sizeof(r.preset), "%s", preset);
	r.swap_pages = swap_pages;
	boot_recipe(s, &r, 1);
}

/* ---- running lines with their output captured ------------------------------------- */

void capture_start(struct session *s, struct capture *c)
{
	c->text = NULL;
	c->len = 0;
	c->mem = open_memstream(&c->text, &c->len);
	ck_assert_ptr_nonnull(c->mem);
	c->out = s->out;
	c->err = s->err;
	s->out = s->err = c->mem;
}

char *capture_stop(struct session *s, struct capture *c)
{
	fclose(c->mem);   /* sets c->text */
	s->out = c->out;
	s->err = c->err;
	return c->text;
}

char *run_in(struct session *s, const char *line, int *rc)
{
	struct capture c;
	int r;

	capture_start(s, &c);
	r = session_run_line(s, line);
	if (rc)
		*rc = r;
	return capture_stop(s, &c);
}

char *ok_in(struct session *s, const char *line)
{
	int rc;
	char *text = run_in(s, line, &rc);

	ck_assert_msg(rc == 0, "'%s' failed: %s", line, text);
	return text;
}

int run_apart(struct session *s, const char *line, char **out, char **err)
{
	size_t olen = 0, elen = 0;
	FILE *o = open_memstream(out, &olen), *e = open_memstream(err, &elen);
	FILE *so = s->out, *se = s->err;
	int rc;

	ck_assert_ptr_nonnull(o);
	ck_assert_ptr_nonnull(e);
	s->out = o;
	s->err = e;
	rc = session_run_line(s, line);
	fclose(o);
	fclose(e);
	s->out = so;
	s->err = se;
	return rc;
}

/* ---- the same in sess ----------------------------------------------------------- */

char *run(const char *line, int *rc)
{
	return run_in(&sess, line, rc);
}

void ok(const char *line)
{
	free(ok_in(&sess, line));
}

void says(const char *line, const char *want)
{
	char *text = ok_in(&sess, line);

	ck_assert_msg(!want || strstr(text, want), "'%s' does not say '%s':\n%s", line, want, text);
	free(text);
}

void fails(const char *line, const char *want)
{
	int rc;
	char *text = run(line, &rc);

	ck_assert_msg(rc < 0, "'%s' succeeded: %s", line, text);
	ck_assert_msg(strstr(text, want), "'%s' does not say '%s':\n%s", line, want, text);
	free(text);
}

/* ---- snapshots to compare machines by ---------------------------------------------- */

char *sb_take(struct strbuf *sb)
{
	char *copy = strdup(sb_str(sb));

	ck_assert_ptr_nonnull(copy);
	sb_free(sb);
	return copy;
}

/* The views of views_of(); every adds pagetypeinfo and the bitmaps. */
static char *views_text(struct machine *m, bool every)
{
	struct strbuf sb = STRBUF_INIT;

	proc_buddyinfo(m, &sb);
	if (every)
		proc_pagetypeinfo(m, &sb);
	proc_zoneinfo(m, &sb);
	proc_vmstat(m, &sb);
	view_free_area(m, NULL, &sb);
	view_pcp(m, -1, &sb);
	view_lru(m, NUMA_NO_NODE, &sb);
	if (every)
		view_bitmap(m, NULL, -1, &sb);
	return sb_take(&sb);
}

char *views_of(struct machine *m)
{
	return views_text(m, false);
}

char *every_view_of(struct machine *m)
{
	return views_text(m, true);
}

/* ---- files and completion ---------------------------------------------------- */

char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *text = NULL;
	size_t cap = 0;
	ssize_t n;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	n = getdelim(&text, &cap, '\0', f);
	fclose(f);
	if (n < 0) {   /* an empty file */
		free(text);
		text = strdup("");
		ck_assert_ptr_nonnull(text);
	}
	return text;
}

void remove_tree(const char *path)
{
	char cmd[1200];

	ck_assert_msg(strlen(path) < 1000 && !strchr(path, '\''), "remove_tree: odd path %s", path);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", path);
	ck_assert_int_eq(system(cmd), 0);
}

bool completion_has(const struct completions *c, const char *word)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->words[i], word) == 0)
			return true;
	return false;
}
