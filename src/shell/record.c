/*
 * src/shell/record.c: record FILE, and the scripts --demo plays.
 *
 * Every command the user runs passes through record_command() once it has
 * run. While recording it is written to the file, flushed at once so that
 * a crash loses nothing; a command that failed is written commented out
 * (it changed nothing, so the replay needs nothing from it). Commands that
 * build the machine are also remembered from the start of the session: a
 * recording begun halfway starts with them, and its replay starts from
 * the machine the user was looking at, not from a fresh one.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "cmdtab.h"
#include "config.h"
#include "record.h"

struct recording {
	FILE *f;                  /* NULL: not recording */
	char *path;
	unsigned long written, failed;
	/* the commands that built the machine, since the session began */
	char **log;
	size_t log_len, log_cap;
};

/* What a command is to a recording. */
enum rec_kind {
	REC_SKIP,                 /* record and quit: never written */
	REC_LOOK,                 /* views, help, settings: written, not part of the machine */
	REC_BUILD,                /* everything else: the machine (or the session) changes */
};

/* The first word of a command names its row (a unique prefix included). */
static const struct command *command_of(const char *text)
{
	char buf[1024], why[200];
	const char *err;
	struct args a;

	snprintf(buf, sizeof(buf), "%s", text);
	if (tokenize(buf, &a, &err) < 0 || a.argc == 0)
		return NULL;
	return find_command(a.argv[0], why, sizeof(why));
}

static enum rec_kind kind_of(const struct command *c)
{
	if (!c)
		return REC_LOOK;   /* an unknown command: it failed */
	if (c->run == cmd_record || c->run == cmd_quit)
		return REC_SKIP;
	/* source runs its commands one by one: they are recorded themselves */
	if (c->run == cmd_source)
		return REC_SKIP;
	/* settings change what is shown, not the machine */
	if (strcmp(c->group, "Views") == 0 || c->run == cmd_help || c->run == cmd_apropos ||
	    c->run == cmd_history || c->run == cmd_why || c->run == cmd_check ||
	    c->run == cmd_set || c->run == cmd_trace)
		return REC_LOOK;
	return REC_BUILD;
}

bool record_writes_to(const struct session *s, FILE *f)
{
	struct stat a, b;

	return s->rec && s->rec->f && fstat(fileno(s->rec->f), &a) == 0 &&
	       fstat(fileno(f), &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* Do the two names name one existing file? */
static bool same_file(const char *x, const char *y)
{
	struct stat a, b;

	return stat(x, &a) == 0 && stat(y, &b) == 0 && a.st_dev == b.st_dev &&
	       a.st_ino == b.st_ino;
}

static struct recording *recording_of(struct session *s)
{
	if (!s->rec)
		s->rec = calloc(1, sizeof(*s->rec));
	return s->rec;
}

static void remember_build(struct recording *r, const char *text)
{
	char *copy;

	if (r->log_len == r->log_cap) {
		size_t cap = r->log_cap ? r->log_cap * 2 : 64;
		char **grown = realloc(r->log, cap * sizeof(*grown));

		if (!grown)
			return;
		r->log = grown;
		r->log_cap = cap;
	}
	copy = strdup(text);
	if (copy)
		r->log[r->log_len++] = copy;
}

static void stop(struct recording *r)
{
	if (r->f)
		fclose(r->f);
	r->f = NULL;
	free(r->path);
	r->path = NULL;
}

/* A write that failed (a full disk): say so once and stop recording. */
static void check_write(struct session *s, struct recording *r)
{
	if (fflush(r->f) == 0 && !ferror(r->f))
		return;
	cmd_error(s, "record", "cannot write '%s': %s; recording stopped", r->path,
		  strerror(errno ? errno : EIO));
	stop(r);
}

void record_command(struct session *s, const char *text, int rc)
{
	struct recording *r;
	enum rec_kind kind;
	size_t len;
	char *line;

	if (s->replaying || s->lesson_cmd)
		return;
	while (*text == ' ' || *text == '\t')
		text++;
	len = strlen(text);
	while (len && (text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	if (!len || !(line = strndup(text, len)))
		return;
	kind = kind_of(command_of(line));
	r = recording_of(s);
	if (r && kind == REC_BUILD && rc == 0)
		remember_build(r, line);
	if (r && r->f && kind != REC_SKIP) {
		fprintf(r->f, "%s%s\n", rc == 0 ? "" : "# failed: ", line);
		r->written++;
		if (rc != 0)
			r->failed++;
		check_write(s, r);
	}
	free(line);
}

void record_free(struct session *s)
{
	struct recording *r = s->rec;
	size_t i;

	if (!r)
		return;
	stop(r);
	for (i = 0; i < r->log_len; i++)
		free(r->log[i]);
	free(r->log);
	free(r);
	s->rec = NULL;
}

/* ---- the options that rebuild the machine ------------------------------------ */

/* A word as the shell takes it: quoted when it holds anything special. */
static void put_word(struct strbuf *sb, const char *w)
{
	const char *p;

	if (*w && strspn(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			 "0123456789-_.,:/=+@%") == strlen(w)) {
		sb_puts(sb, w);
		return;
	}
	sb_putc(sb, '\'');
	for (p = w; *p; p++) {
		if (*p == '\'')
			sb_puts(sb, "'\\''");
		else
			sb_putc(sb, *p);
	}
	sb_putc(sb, '\'');
}

static bool same_recipe(const struct machine_recipe *a, const struct machine_recipe *b)
{
	const struct machine_shape *x = &a->shape, *y = &b->shape;
	int i;

	if (x->nr_nodes != y->nr_nodes || x->nr_cpus != y->nr_cpus ||
	    x->max_order != y->max_order || x->pageblock_order != y->pageblock_order ||
	    x->start_pfn != y->start_pfn || x->thp != y->thp ||
	    memcmp(x->zones, y->zones, sizeof(x->zones)) != 0 ||
	    a->swap_pages != b->swap_pages || a->nr_sysctls != b->nr_sysctls)
		return false;
	for (i = 0; i < a->nr_sysctls; i++)
		if (strcmp(a->sysctls[i].name, b->sysctls[i].name) != 0 ||
		    strcmp(a->sysctls[i].value, b->sysctls[i].value) != 0)
			return false;
	return true;
}

/*
 * The recipe these words give mmsh. The words are split at spaces: none
 * of ours holds one except a quoted --sysctl value, which is added apart.
 */
static int recipe_of(char **argv, int argc, struct machine_recipe *r)
{
	struct options o;
	int rc = parse_options(argc, argv, &o);

	free_options(&o);
	if (rc >= 0)
		return -1;
	*r = o.recipe;
	return 0;
}

#define MAX_OPTION_WORDS (16 + 2 * MAX_BOOT_SYSCTLS)

struct words {
	char *v[MAX_OPTION_WORDS];
	char store[MAX_OPTION_WORDS][160];
	int n;
};

static void add_word(struct words *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add_word(struct words *w, const char *fmt, ...)
{
	va_list ap;

	if (w->n == MAX_OPTION_WORDS)
		return;
	va_start(ap, fmt);
	vsnprintf(w->store[w->n], sizeof(w->store[0]), fmt, ap);
	va_end(ap);
	w->v[w->n] = w->store[w->n];
	w->n++;
}

/* --zones for node 0's zones, in pages (exact, holes and reserves included). */
static void add_zones(struct words *w, const struct machine_shape *sh)
{
	char spec[160];
	size_t used = 0;
	int z;

	spec[0] = '\0';
	for (z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone_shape *zs = &sh->zones[0][z];

		if (!zs->spanned)
			continue;
		if (zs->spanned == zs->present && zs->present == zs->managed)
			used += (size_t)snprintf(spec + used, sizeof(spec) - used, "%s%s:%lu",
						 used ? "," : "", zone_names[z], zs->spanned);
		else
			used += (size_t)snprintf(spec + used, sizeof(spec) - used, "%s%s:%lu/%lu/%lu",
						 used ? "," : "", zone_names[z], zs->spanned,
						 zs->present, zs->managed);
		if (used >= sizeof(spec))
			break;
	}
	add_word(w, "--zones");
	add_word(w, "%s", spec);
}

/* A size in the largest unit that divides it: 0, 512K, 128M... */
static void add_size(struct words *w, unsigned long pages)
{
	unsigned long long kb = (unsigned long long)pages * (PAGE_SIZE / 1024);

	if (kb && kb % (1024 * 1024) == 0)
		add_word(w, "%lluG", kb / (1024 * 1024));
	else if (kb && kb % 1024 == 0)
		add_word(w, "%lluM", kb / 1024);
	else if (kb)
		add_word(w, "%lluK", kb);
	else
		add_word(w, "0");
}

/*
 * The options for recipe r over the preset's `base`: the memory as --mem
 * (the x86 zoning of that much memory) or as --zones, then the rest.
 */
static void build_words(const struct machine_recipe *r, const struct machine_recipe *base,
			const char *preset, unsigned long seed, bool by_mem, struct words *w)
{
	struct machine_recipe got;
	unsigned long pages = 0;
	int i, z;

	w->n = 0;
	add_word(w, "mmsh");
	add_word(w, "--preset");
	add_word(w, "%s", preset);
	if (base->shape.nr_nodes != r->shape.nr_nodes) {
		add_word(w, "--nodes");
		add_word(w, "%d", r->shape.nr_nodes);
	}
	if (memcmp(base->shape.zones, r->shape.zones, sizeof(base->shape.zones)) != 0 ||
	    base->shape.nr_nodes != r->shape.nr_nodes) {
		if (by_mem) {
			for (i = 0; i < r->shape.nr_nodes; i++)
				for (z = 0; z < MAX_NR_ZONES; z++)
					pages += r->shape.zones[i][z].present;
			add_word(w, "--mem");
			add_size(w, pages);
		} else {
			add_zones(w, &r->shape);
		}
	}
	if (base->shape.nr_cpus != r->shape.nr_cpus) {
		add_word(w, "--cpus");
		add_word(w, "%d", r->shape.nr_cpus);
	}
	if (base->shape.max_order != r->shape.max_order) {
		add_word(w, "--max-order");
		add_word(w, "%u", r->shape.max_order);
	}
	if (base->shape.pageblock_order != r->shape.pageblock_order) {
		add_word(w, "--pageblock-order");
		add_word(w, "%u", r->shape.pageblock_order);
	}
	if (base->shape.thp != r->shape.thp) {
		add_word(w, "--thp");
		add_word(w, "%s", r->shape.thp == THP_ALWAYS ? "always"
			 : r->shape.thp == THP_NEVER ? "never" : "madvise");
	}
	/* the default swap is half of memory: given only when it differs */
	if (recipe_of(w->v, w->n, &got) == 0 && got.swap_pages != r->swap_pages) {
		add_word(w, "--swap");
		add_size(w, r->swap_pages);
	}
	for (i = 0; i < r->nr_sysctls; i++) {
		add_word(w, "--sysctl");
		add_word(w, "%s=%s", r->sysctls[i].name, r->sysctls[i].value);
	}
	if (seed != 1) {
		add_word(w, "--seed");
		add_word(w, "%lu", seed);
	}
}

/* Do these options give this very recipe? mmsh reads them back to know. */
static bool rebuilds(struct words *w, const struct machine_recipe *r)
{
	struct machine_recipe got;

	return recipe_of(w->v, w->n, &got) == 0 && same_recipe(&got, r);
}

int record_options(const struct session *s, struct strbuf *sb)
{
	const struct machine_recipe *r = &s->recipe;
	const char *preset = r->preset[0] ? r->preset : "default";
	struct machine_recipe base;
	struct words w;
	bool exact;
	int i;

	if (strcmp(preset, "host") == 0) {
		sb_puts(sb, " --preset host");
		if (s->seed != 1)
			sb_printf(sb, " --seed %lu", s->seed);
		return -1;
	}
	w.n = 0;
	add_word(&w, "mmsh");
	add_word(&w, "--preset");
	add_word(&w, "%s", preset);
	if (recipe_of(w.v, w.n, &base) < 0)
		return -1;
	/* --mem reads best; --zones says exactly what each zone holds */
	build_words(r, &base, preset, s->seed, true, &w);
	exact = rebuilds(&w, r);
	if (!exact) {
		build_words(r, &base, preset, s->seed, false, &w);
		exact = rebuilds(&w, r);
	}
	for (i = 1; i < w.n; i++) {
		sb_putc(sb, ' ');
		put_word(sb, w.v[i]);
	}
	return exact ? 0 : -1;
}

/* ---- record ------------------------------------------------------------------ */

/* The date in the header: $SOURCE_DATE_EPOCH (UTC) when set, as builds do. */
static void put_date(struct strbuf *sb)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	char buf[64];
	time_t t;
	struct tm tm;
	bool utc = false;

	if (epoch && *epoch) {
		unsigned long long v;

		if (parse_u64(epoch, false, &v) == 0) {
			t = (time_t)v;
			utc = true;
		} else {
			t = time(NULL);
		}
	} else {
		t = time(NULL);
	}
	if ((utc ? gmtime_r(&t, &tm) : localtime_r(&t, &tm)) &&
	    strftime(buf, sizeof(buf), utc ? "%Y-%m-%d %H:%M:%S UTC" : "%Y-%m-%d %H:%M:%S %z", &tm))
		sb_puts(sb, buf);
	else
		sb_puts(sb, "(unknown date)");
}

static void write_header(struct session *s, struct recording *r, const char *path)
{
	struct strbuf sb = STRBUF_INIT, opts = STRBUF_INIT;
	bool exact = record_options(s, &opts) == 0;
	size_t i;

	sb_printf(&sb, "# mmsh %s recording, ", PACKAGE_VERSION);
	put_date(&sb);
	sb_puts(&sb, "\n# A plain mmsh script. Replay it on the same machine with\n#   mmsh");
	sb_puts(&sb, sb_str(&opts));
	sb_putc(&sb, ' ');
	put_word(&sb, path);
	sb_puts(&sb, "\n# or one command at a time, in the classroom view:\n#   mmsh");
	sb_puts(&sb, sb_str(&opts));
	sb_puts(&sb, " --demo ");
	put_word(&sb, path);
	sb_putc(&sb, '\n');
	if (!exact && strcmp(s->recipe.preset, "host") == 0)
		sb_puts(&sb, "# (--preset host mirrors the computer mmsh runs on: elsewhere the\n"
			     "# machine, and so the pfns, may differ)\n");
	else if (!exact)
		sb_puts(&sb, "# (no options give exactly this machine's shape: these come close)\n");
	if (r->log_len) {
		sb_printf(&sb, "# The %zu command%s that made the machine what it was when\n"
			       "# the recording began:\n", r->log_len, r->log_len == 1 ? "" : "s");
		for (i = 0; i < r->log_len; i++)
			sb_printf(&sb, "%s\n", r->log[i]);
		sb_puts(&sb, "# The recording:\n");
	}
	fputs(sb_str(&sb), r->f);
	sb_free(&sb);
	sb_free(&opts);
}

int cmd_record(struct session *s, struct args *a)
{
	struct recording *r = recording_of(s);
	const char *arg = a->argc > 1 ? a->argv[1] : NULL;

	if (!r)
		return cmd_error(s, "record", "out of memory");
	if (!arg) {
		if (r->f)
			fprintf(s->out, "record: recording to %s (%lu command%s written, %lu failed)\n",
				r->path, r->written, r->written == 1 ? "" : "s", r->failed);
		else
			fprintf(s->out, "record: not recording (record FILE starts)\n");
		return 0;
	}
	if (strcmp(arg, "off") == 0) {
		unsigned long n = r->written;

		if (!r->f)
			return cmd_error(s, "record", "off: not recording");
		fprintf(s->out, "record: stopped; %lu command%s written to %s\n", n,
			n == 1 ? "" : "s", r->path);
		stop(r);
		return 0;
	}
	if (r->f)
		return cmd_error(s, "record", "already recording to %s (record off first)", r->path);
	if (!*arg)
		return cmd_error(s, "record", "an empty file name");
	if (s->src_name && same_file(arg, s->src_name))
		return cmd_error(s, "record", "'%s' is the script being run: recording would replace it",
				 arg);
	r->path = strdup(arg);
	if (!r->path)
		return cmd_error(s, "record", "out of memory");
	r->f = fopen(arg, "w");
	if (!r->f) {
		int e = errno;

		free(r->path);
		r->path = NULL;
		return cmd_error(s, "record", "cannot open '%s': %s", arg, strerror(e));
	}
	r->written = r->failed = 0;
	write_header(s, r, arg);
	if (fflush(r->f) != 0 || ferror(r->f)) {
		int e = errno ? errno : EIO;

		stop(r);
		remove(arg);
		return cmd_error(s, "record", "cannot write '%s': %s", arg, strerror(e));
	}
	if (r->log_len)
		fprintf(s->out, "record: recording to %s, after the %zu command%s that built "
				"this machine\n", arg, r->log_len, r->log_len == 1 ? "" : "s");
	else
		fprintf(s->out, "record: recording to %s\n", arg);
	return 0;
}

/* ---- the lines --demo plays ------------------------------------------------------- */

static int push_line(struct play_line **v, size_t *n, size_t *cap, const char *text,
		     size_t len, const char *src, unsigned long line)
{
	while (len && (text[len - 1] == '\r' || text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	if (strspn(text, " \t") >= len)
		return 0;   /* blank */
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 64;
		struct play_line *grown = realloc(*v, c * sizeof(*grown));

		if (!grown)
			return -1;
		*v = grown;
		*cap = c;
	}
	(*v)[*n].text = strndup(text, len);
	if (!(*v)[*n].text)
		return -1;
	(*v)[*n].src = src;
	(*v)[*n].line = line;
	(*n)++;
	return 0;
}

int play_load(const struct options *o, struct play_line **lines, size_t *n)
{
	size_t i, cap = 0;
	char *buf = NULL;
	size_t bufcap = 0;

	*lines = NULL;
	*n = 0;
	for (i = 0; i < o->nr_actions; i++) {
		const struct action *act = &o->actions[i];
		unsigned long no = 0;
		ssize_t len;
		FILE *f;

		if (act->kind == ACTION_COMMANDS)
			f = fmemopen((void *)act->text, strlen(act->text), "r");
		else
			f = fopen(act->text, "r");
		if (!f) {
			fprintf(stderr, "mmsh: cannot open '%s': %s\n",
				act->kind == ACTION_COMMANDS ? "-c" : act->text, strerror(errno));
			goto fail;
		}
		while ((len = getline(&buf, &bufcap, f)) >= 0) {
			no++;
			if (len && buf[len - 1] == '\n')
				len--;
			if (memchr(buf, '\0', (size_t)len)) {
				fprintf(stderr, "mmsh: %s:%lu: binary data: a NUL byte in the line\n",
					act->kind == ACTION_COMMANDS ? "-c" : act->text, no);
				fclose(f);
				goto fail;
			}
			if (push_line(lines, n, &cap, buf, (size_t)len,
				      act->kind == ACTION_COMMANDS ? NULL : act->text, no) < 0) {
				fputs("mmsh: out of memory\n", stderr);
				fclose(f);
				goto fail;
			}
		}
		fclose(f);
	}
	free(buf);
	return 0;
fail:
	free(buf);
	play_free(*lines, *n);
	*lines = NULL;
	*n = 0;
	return -1;
}

void play_free(struct play_line *lines, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(lines[i].text);
	free(lines);
}

bool play_possible(void)
{
	char why[200];

	return isatty(STDIN_FILENO) && tui_usable(why, sizeof(why));
}

int play_scripts(struct session *s, const struct options *o, const char *banner)
{
	struct tui_options to = { .no_color = o->no_color, .demo = true, .banner = banner };
	struct play_line *lines;
	size_t n;

	if (play_load(o, &lines, &n) < 0)
		return 1;
	to.play = lines;
	to.nr_play = n;
	tui_run(s, &to);
	play_free(lines, n);
	return 0;
}
