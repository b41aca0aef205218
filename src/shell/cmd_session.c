/*
 * src/shell/cmd_session.c: the commands about the session rather than the
 * machine's memory: sysctl, trace, check, set, reset, help, apropos,
 * source, history and quit.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmdtab.h"
#include "mmsh/check.h"
#include "mmsh/records.h"
#include "mmsh/sysctl.h"
#include "mmsh/trace.h"
#include "output.h"
#include "record.h"

/* ---- sysctl ---------------------------------------------------------------- */

/* The records of one sysctl (name) or of all (NULL), as a table. */
static int print_sysctl_records(struct session *s, const char *name)
{
	struct table t;
	struct mm_error e;
	int rc;

	table_init(&t, sysctl_cols);
	if (rec_sysctl(s->m, name, &t, &e) < 0)
		rc = cmd_error(s, "sysctl", "%s", e.msg);
	else
		rc = print_table(s, "sysctl", &t);
	table_free(&t);
	return rc;
}

static int print_sysctl(struct session *s, const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	struct mm_error e;
	const struct sysctl_entry *ent = sysctl_lookup(name);

	if (output_records(s))
		return print_sysctl_records(s, name);
	if (sysctl_read(s->m, name, &sb, &e) < 0) {
		sb_free(&sb);
		return cmd_error(s, "sysctl", "%s", e.msg);
	}
	fprintf(s->out, "vm.%s = %s\n", ent->name, sb_str(&sb));
	sb_free(&sb);
	return 0;
}

static int set_sysctl(struct session *s, const char *name, const char *value)
{
	struct mm_error e;
	const struct sysctl_entry *ent = sysctl_lookup(name);

	if (refuse_after_panic(s, "sysctl") < 0)
		return -1;
	if (sysctl_write(s->m, name, value, &e) < 0)
		return cmd_error(s, "sysctl", "%s", e.msg);
	if (ent->write_only && output_records(s)) {
		struct table t;
		int rc;

		table_init(&t, sysctl_cols);
		table_row(&t);
		table_strf(&t, "name", "vm.%s", ent->name);
		table_sysctl_value(&t, "value", value);
		rc = print_table(s, "sysctl", &t);
		table_free(&t);
		return rc;
	}
	if (ent->write_only) {   /* as sysctl -w echoes what it wrote */
		fprintf(s->out, "vm.%s = %s\n", ent->name, value);
		return 0;
	}
	return print_sysctl(s, name);
}

int cmd_sysctl(struct session *s, struct args *a)
{
	size_t n, i;
	const struct sysctl_entry *t;

	if (a->nkv > 1 || (a->nkv == 1 && a->argc > 1))
		return cmd_error(s, "sysctl", "one sysctl at a time (usage: sysctl [vm.NAME[=VALUE]])");
	if (a->nkv == 1) {
		if (!sysctl_lookup(a->kv[0].key))
			return cmd_error(s, "sysctl", "unknown sysctl '%s' (type sysctl for the list)",
					 a->kv[0].key);
		return set_sysctl(s, a->kv[0].key, a->kv[0].val);
	}
	if (a->argc >= 3 && strcmp(a->argv[2], "=") == 0) {   /* sysctl vm.x = 5 */
		if (!sysctl_lookup(a->argv[1]))
			return cmd_error(s, "sysctl", "unknown sysctl '%s' (type sysctl for the list)",
					 a->argv[1]);
		return set_sysctl(s, a->argv[1], a->argc == 4 ? a->argv[3] : "");
	}
	if (a->argc == 2) {
		if (!sysctl_lookup(a->argv[1]))
			return cmd_error(s, "sysctl", "unknown sysctl '%s' (type sysctl for the list)",
					 a->argv[1]);
		return print_sysctl(s, a->argv[1]);
	}
	if (a->argc > 2)
		return cmd_error(s, "sysctl", "too many arguments: '%s' (usage: sysctl [vm.NAME[=VALUE]])",
				 a->argv[2]);
	if (output_records(s))
		return print_sysctl_records(s, NULL);
	t = sysctl_table(&n);
	for (i = 0; i < n; i++)
		if (!t[i].write_only && print_sysctl(s, t[i].name) < 0)
			return -1;
	return 0;
}

/* ---- trace ---------------------------------------------------------------- */

static void print_event(const struct trace_event *ev, void *arg)
{
	struct session *s = arg;
	struct strbuf sb = STRBUF_INIT;

	trace_format(ev, &sb);
	sb_putc(&sb, '\n');
	fputs(sb_str(&sb), output_log_stream(s));   /* stderr while views print records */
	sb_free(&sb);
}

int cmd_trace(struct session *s, struct args *a)
{
	uint64_t mask = s->trace_events, which = 0;
	bool on;
	int i;

	if (a->argc == 1) {
		for (i = 0; i < NR_TRACE_EVENTS; i++)
			fprintf(s->out, "%-28s %s\n", trace_event_name((enum trace_event_id)i),
				(mask >> i) & 1 ? "on" : "off");
		return 0;
	}
	if (strcmp(a->argv[1], "on") == 0)
		on = true;
	else if (strcmp(a->argv[1], "off") == 0)
		on = false;
	else
		return cmd_error(s, "trace", "'%s': expected on or off", a->argv[1]);
	for (i = 2; i < a->argc; i++) {
		int id = trace_event_lookup(a->argv[i]);

		if (id < 0)
			return cmd_error(s, "trace", "unknown event '%s' (type trace for the list)",
					 a->argv[i]);
		which |= 1ULL << id;
	}
	if (a->argc == 2)
		which = TRACE_ALL_EVENTS;
	mask = on ? (mask | which) : (mask & ~which);
	s->trace_events = mask;
	if (s->tui_trace)   /* the view records every event and prints these */
		trace_subscribe(s->m, TRACE_ALL_EVENTS, s->tui_trace, s->tui_trace_arg);
	else
		trace_subscribe(s->m, mask, mask ? print_event : NULL, s);
	return 0;
}

/* ---- check, set, reset ------------------------------------------------------ */

static const char *const check_cols[] = {
	"mode", "ok", "invariants", "facts", "violations", NULL,
};

/* check's result as one record; the violations themselves go to stderr. */
static void print_check_record(struct session *s, bool quick, const struct check_result *r)
{
	struct table t;

	table_init(&t, check_cols);
	table_row(&t);
	table_str(&t, "mode", quick ? "quick" : "full");
	table_bool(&t, "ok", r->violations == 0);
	table_uint(&t, "invariants", r->invariants);
	table_uint(&t, "facts", r->facts);
	table_uint(&t, "violations", r->violations);
	print_table(s, "check", &t);
	table_free(&t);
}

int cmd_check(struct session *s, struct args *a)
{
	struct check_result r;
	struct strbuf sb = STRBUF_INIT;
	bool quick = a->argc > 1;

	if (quick && strcmp(a->argv[1], "quick") != 0)
		return cmd_error(s, "check", "'%s': expected 'quick' or nothing", a->argv[1]);
	if ((quick ? check_machine_quick : check_machine)(s->m, &r, &sb, 50) == 0) {
		if (output_records(s))
			print_check_record(s, quick, &r);
		else
			fprintf(s->out, "check: ok (%lu invariants)\n", r.invariants);
		sb_free(&sb);
		return 0;
	}
	if (output_records(s))
		print_check_record(s, quick, &r);
	fflush(s->out);
	fputs(sb_str(&sb), s->err);
	sb_free(&sb);
	return cmd_error(s, "check", "%lu violations (%lu invariants, %lu facts)", r.violations,
			 r.invariants, r.facts);
}

int cmd_set(struct session *s, struct args *a)
{
	enum output_format f;
	bool v;

	if (a->argc == 1) {
		fprintf(s->out, "paranoid %s\n", s->paranoid ? "on" : "off");
		fprintf(s->out, "output %s\n", output_names[s->output]);
		return 0;
	}
	if (strcmp(a->argv[1], "output") == 0) {
		if (a->argc < 3)
			return cmd_error(s, "set", "output: expected human, json or csv");
		if (output_parse(a->argv[2], &f) < 0)
			return cmd_error(s, "set", "output: '%s' is not human, json or csv",
					 a->argv[2]);
		s->output = f;
		return 0;
	}
	if (strcmp(a->argv[1], "paranoid") != 0)
		return cmd_error(s, "set", "unknown setting '%s' (settings: paranoid, output)",
				 a->argv[1]);
	if (a->argc < 3)
		return cmd_error(s, "set", "paranoid: expected on or off");
	if (parse_bool(a->argv[2], &v) < 0)
		return cmd_error(s, "set", "paranoid: '%s' is not on or off", a->argv[2]);
	s->paranoid = v;
	return 0;
}

int cmd_reset(struct session *s, struct args *a)
{
	char err[MM_ERROR_LEN + 64];

	(void)a;
	if (session_boot(s, err, sizeof(err)) < 0)
		return cmd_error(s, "reset", "%s", err);
	fprintf(s->out, "reset: booted a fresh %s machine\n", s->recipe.preset);
	return 0;
}

/* ---- help and apropos ------------------------------------------------------- */

/*
 * Print text wrapped at `width` columns, each line indented; the first
 * line starts with `label` instead of the indent when one is given.
 */
static void print_labeled(FILE *f, const char *label, const char *text, int indent,
			  int width)
{
	const char *p = text;

	while (*p) {
		const char *para_end = strstr(p, "\n\n");
		const char *end = para_end ? para_end : p + strlen(p);
		bool line_has_word = false;
		int col;

		if (label) {
			fputs(label, f);
			col = (int)strlen(label);
			label = NULL;
		} else {
			fprintf(f, "%*s", indent, "");
			col = indent;
		}
		while (p < end) {
			const char *w = p;
			int len;

			while (w < end && !isspace((unsigned char)*w))
				w++;
			len = (int)(w - p);
			if (line_has_word && col + 1 + len > width) {
				fprintf(f, "\n%*s", indent, "");
				col = indent;
				line_has_word = false;
			}
			if (line_has_word) {
				fputc(' ', f);
				col++;
			}
			fprintf(f, "%.*s", len, p);
			col += len;
			line_has_word = true;
			p = w;
			while (p < end && isspace((unsigned char)*p))
				p++;
		}
		fputc('\n', f);
		if (!para_end)
			break;
		fputc('\n', f);
		p = para_end + 2;
	}
}

static void print_wrapped(FILE *f, const char *text, int indent, int width)
{
	print_labeled(f, NULL, text, indent, width);
}

static void help_one(struct session *s, const struct command *c)
{
	const struct key_spec *k;

	fprintf(s->out, "%s\n", c->syntax);
	fprintf(s->out, "  %s\n\n", c->summary);
	print_wrapped(s->out, c->help, 2, 78);
	if (c->keys[0].name && strcmp(c->keys[0].name, "*") != 0) {
		fprintf(s->out, "\n  Keys:\n");
		for (k = c->keys; k->name; k++)
			fprintf(s->out, "    %-7s %s\n", k->name, k->meaning);
	}
	fputc('\n', s->out);
	print_labeled(s->out, "  Kernel: ", c->kernel, 4, 78);
	fprintf(s->out, "  Example: %s\n", c->example);
}

int cmd_help(struct session *s, struct args *a)
{
	size_t n, i;
	const struct command *t = command_table(&n);
	const char *group = NULL;
	char why[200];

	if (a->argc == 2) {
		const struct command *c = find_command(a->argv[1], why, sizeof(why));

		if (!c)
			return cmd_error(s, "help", "'%s': %s", a->argv[1], why);
		help_one(s, c);
		return 0;
	}
	for (i = 0; i < n; i++) {
		if (!group || strcmp(group, t[i].group) != 0) {
			group = t[i].group;
			fprintf(s->out, "%s%s\n", i ? "\n" : "", group);
		}
		fprintf(s->out, "  %-13s %s\n", t[i].name, t[i].summary);
	}
	fprintf(s->out, "\nType help COMMAND for details, apropos WORD to search.\n"
			"Unique prefixes work (buddy = buddyinfo).\n");
	return 0;
}

static bool contains_word(const char *text, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = text; *p; p++)
		if (strncasecmp(p, word, n) == 0)
			return true;
	return false;
}

int cmd_apropos(struct session *s, struct args *a)
{
	size_t n, i;
	const struct command *t = command_table(&n);
	const char *w = a->argv[1];
	bool any = false;

	for (i = 0; i < n; i++) {
		if (contains_word(t[i].name, w) || contains_word(t[i].summary, w) ||
		    contains_word(t[i].help, w) || contains_word(t[i].kernel, w)) {
			fprintf(s->out, "  %-13s %s\n", t[i].name, t[i].summary);
			any = true;
		}
	}
	if (!any)
		fprintf(s->out, "apropos: nothing mentions '%s'\n", w);
	return 0;
}

/* ---- source, history, quit --------------------------------------------------- */

int cmd_source(struct session *s, struct args *a)
{
	FILE *f;
	int rc;

	if (s->source_depth >= MAX_SOURCE_DEPTH)
		return cmd_error(s, "source", "'%s': sources nest more than %d deep", a->argv[1],
				 MAX_SOURCE_DEPTH);
	f = fopen(a->argv[1], "r");
	if (!f)
		return cmd_error(s, "source", "cannot open '%s': %s", a->argv[1], strerror(errno));
	if (record_writes_to(s, f)) {
		fclose(f);
		return cmd_error(s, "source", "'%s' is being recorded to: it would never end "
				 "(record off first)", a->argv[1]);
	}
	s->source_depth++;
	rc = session_run_stream(s, f, a->argv[1], false);
	s->source_depth--;
	fclose(f);
	return rc;
}

int cmd_history(struct session *s, struct args *a)
{
	size_t i;

	(void)a;
	for (i = 0; i < s->history_len; i++)
		fprintf(s->out, "%5zu  %s\n", i + 1, s->history[i]);
	return 0;
}

int cmd_quit(struct session *s, struct args *a)
{
	(void)a;
	s->quit = true;
	return 0;
}
