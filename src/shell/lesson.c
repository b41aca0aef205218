/*
 * src/shell/lesson.c: the lesson runner (see lesson.h and mmsh-lesson(5)).
 *
 * A lesson is parsed whole when it starts. The runner walks the items of
 * the current step in order: narration is printed, `run:` commands run,
 * and the walk stops at an item that waits for the student (`type:`,
 * `ask:`, `predict:`). `next` resolves a waiting item for the student
 * (runs the command, shows the answer) and moves on; `back` returns to the
 * start of the previous step with the machine as it was then (a copy is
 * kept per step). Unattended (`--check`), every waiting item is resolved
 * with the engine's own answer, predictions are computed on a copy of the
 * machine before the command runs, and every `expect:` must hold.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmdtab.h"
#include "config.h"
#include "lesson.h"
#include "mmsh/bitmap24.h"
#include "mmsh/compaction.h"
#include "mmsh/list.h"
#include "mmsh/lru.h"
#include "mmsh/oom.h"
#include "mmsh/page_alloc.h"
#include "mmsh/procfs.h"
#include "mmsh/views.h"
#include "options.h"
#include "repl.h"
#include "timeline.h"

enum item_kind { IT_TEXT, IT_RUN, IT_TYPE, IT_ASK, IT_PREDICT, IT_EXPECT };

struct item {
	enum item_kind kind;
	char *text;                /* narration, command, question or expectation */
	char *then;                /* predict: the command that settles it */
	char *answer;              /* ask/predict: the query giving the answer */
	char *hint;
	unsigned long line;
};

struct step {
	char *title;
	struct item *items;
	size_t n;
};

struct lesson {
	char name[64];
	char path[1024];
	char *title;
	char *machine;             /* mmsh options that build its machine */
	int minutes;
	struct step *steps;
	size_t nsteps;
};

struct lesson_run {
	struct lesson l;
	size_t step, item;
	bool waiting;              /* items[item] waits for the student */
	bool wrong_once;           /* the pending question had a wrong answer */
	struct machine **at_step;  /* the machine when each step started */
	struct machine *saved_m;   /* the student's machine before the lesson */
	struct machine_recipe saved_recipe;
	unsigned long saved_seed;
	unsigned right, asked;
	bool checking, quiet, finished;
	int failures;
};

/* ---- parsing ------------------------------------------------------------------- */

static void free_lesson(struct lesson *l)
{
	size_t i, j;

	for (i = 0; i < l->nsteps; i++) {
		for (j = 0; j < l->steps[i].n; j++) {
			struct item *it = &l->steps[i].items[j];

			free(it->text);
			free(it->then);
			free(it->answer);
			free(it->hint);
		}
		free(l->steps[i].items);
		free(l->steps[i].title);
	}
	free(l->steps);
	free(l->title);
	free(l->machine);
	memset(l, 0, sizeof(*l));
}

static char *trimmed(const char *s)
{
	size_t len;

	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		len--;
	return strndup(s, len);
}

static struct item *add_item(struct step *st, enum item_kind kind, const char *text,
			     unsigned long line)
{
	struct item *grown = realloc(st->items, (st->n + 1) * sizeof(*grown));

	if (!grown)
		return NULL;
	st->items = grown;
	memset(&st->items[st->n], 0, sizeof(st->items[0]));
	st->items[st->n].kind = kind;
	st->items[st->n].text = trimmed(text);
	st->items[st->n].line = line;
	return &st->items[st->n++];
}

/* Append a narration line to the step's last text item (or start one). */
static int add_text(struct step *st, const char *line, unsigned long lineno)
{
	struct item *last = st->n ? &st->items[st->n - 1] : NULL;
	size_t a, b;
	char *joined;

	if (!last || last->kind != IT_TEXT) {
		if (!*line)
			return 0;   /* no blank lines before a paragraph */
		return add_item(st, IT_TEXT, line, lineno) ? 0 : -1;
	}
	a = strlen(last->text);
	b = strlen(line);
	joined = malloc(a + b + 2);
	if (!joined)
		return -1;
	memcpy(joined, last->text, a);
	joined[a] = '\n';
	memcpy(joined + a + 1, line, b + 1);
	free(last->text);
	last->text = joined;
	return 0;
}

static const char *const directives[] = {
	"lesson", "machine", "minutes", "step", "run", "type", "ask", "predict", "then",
	"answer", "hint", "expect", NULL,
};

/* "key: value" with a known key: returns the key's index, value in *val. */
static int directive(const char *line, const char **val)
{
	int i;

	for (i = 0; directives[i]; i++) {
		size_t n = strlen(directives[i]);

		if (strncmp(line, directives[i], n) == 0 && line[n] == ':') {
			*val = line + n + 1;
			return i;
		}
	}
	return -1;
}

static int parse_error(char *err, size_t len, const struct lesson *l, unsigned long line,
		       const char *msg)
{
	snprintf(err, len, "%s:%lu: %s", l->path, line, msg);
	return -1;
}

/* The question or prediction an answer:/hint:/then: belongs to. */
static struct item *last_question(struct lesson *l)
{
	struct step *st;

	if (!l->nsteps)
		return NULL;
	st = &l->steps[l->nsteps - 1];
	if (!st->n)
		return NULL;
	if (st->items[st->n - 1].kind == IT_ASK || st->items[st->n - 1].kind == IT_PREDICT)
		return &st->items[st->n - 1];
	return NULL;
}

static int parse_lesson(FILE *f, struct lesson *l, char *err, size_t errlen)
{
	char *line = NULL;
	size_t cap = 0, i, j;
	ssize_t got;
	unsigned long lineno = 0;
	int rc = 0;

	while (rc == 0 && (got = getline(&line, &cap, f)) >= 0) {
		const char *val;
		int d;
		struct item *q;

		lineno++;
		if (got && line[got - 1] == '\n')
			line[--got] = '\0';
		if (strlen(line) != (size_t)got) {
			rc = parse_error(err, errlen, l, lineno, "binary data: a NUL byte in the line");
			break;
		}
		if (line[0] == '#')
			continue;
		d = directive(line, &val);
		if (d < 0) {   /* narration; blank lines end paragraphs */
			if (!l->nsteps) {
				char *t = trimmed(line);

				if (t && *t)
					rc = parse_error(err, errlen, l, lineno,
							 "text before the first step: (or an unknown directive)");
				free(t);
				continue;
			}
			if (add_text(&l->steps[l->nsteps - 1], line, lineno) < 0)
				rc = parse_error(err, errlen, l, lineno, "out of memory");
			continue;
		}
		switch (d) {
		case 0:   /* lesson: the title */
			free(l->title);
			l->title = trimmed(val);
			break;
		case 1:
			free(l->machine);
			l->machine = trimmed(val);
			break;
		case 2:
			l->minutes = atoi(val);
			if (l->minutes <= 0)
				rc = parse_error(err, errlen, l, lineno, "minutes: expects a number of minutes");
			break;
		case 3: {
			struct step *grown = realloc(l->steps, (l->nsteps + 1) * sizeof(*grown));

			if (!grown) {
				rc = parse_error(err, errlen, l, lineno, "out of memory");
				break;
			}
			l->steps = grown;
			memset(&l->steps[l->nsteps], 0, sizeof(l->steps[0]));
			l->steps[l->nsteps++].title = trimmed(val);
			break;
		}
		case 4: case 5: case 6: case 7: case 11: {
			static const enum item_kind kinds[] = {
				[4] = IT_RUN, [5] = IT_TYPE, [6] = IT_ASK, [7] = IT_PREDICT,
				[11] = IT_EXPECT,
			};
			if (!l->nsteps) {
				rc = parse_error(err, errlen, l, lineno, "a command or question before the first step:");
				break;
			}
			if (!add_item(&l->steps[l->nsteps - 1], kinds[d], val, lineno))
				rc = parse_error(err, errlen, l, lineno, "out of memory");
			break;
		}
		case 8: case 9: case 10:
			q = last_question(l);
			if (!q || (d == 8 && q->kind != IT_PREDICT)) {
				rc = parse_error(err, errlen, l, lineno, d == 8
						 ? "then: must follow a predict:"
						 : "answer: and hint: must follow an ask: or a predict:");
				break;
			}
			if (d == 8) {
				free(q->then);
				q->then = trimmed(val);
			} else if (d == 9) {
				free(q->answer);
				q->answer = trimmed(val);
			} else if (!q->hint) {
				q->hint = trimmed(val);
			} else {
				char *more = trimmed(val), *joined;

				if (more && asprintf(&joined, "%s\n%s", q->hint, more) >= 0) {
					free(q->hint);
					q->hint = joined;
				}
				free(more);
			}
			break;
		}
	}
	if (rc == 0 && ferror(f)) {   /* a directory, an I/O error */
		char why[120];

		snprintf(why, sizeof(why), "cannot read the file: %s", strerror(errno));
		rc = parse_error(err, errlen, l, lineno + 1, why);
	}
	free(line);
	if (rc)
		return rc;
	if (!l->title || !*l->title)
		return parse_error(err, errlen, l, 1, "no lesson: line (the title)");
	if (!l->nsteps)
		return parse_error(err, errlen, l, lineno, "no step: in the lesson");
	for (i = 0; i < l->nsteps; i++)
		for (j = 0; j < l->steps[i].n; j++) {
			const struct item *it = &l->steps[i].items[j];

			if ((it->kind == IT_ASK || it->kind == IT_PREDICT) && !it->answer)
				return parse_error(err, errlen, l, it->line, "a question without answer:");
			if (it->kind == IT_PREDICT && !it->then)
				return parse_error(err, errlen, l, it->line, "a predict: without then:");
			if (it->kind != IT_TEXT && !*it->text)
				return parse_error(err, errlen, l, it->line, "an empty directive");
		}
	return 0;
}

/* ---- finding lessons ------------------------------------------------------------- */

static int lesson_dirs(const char *dirs[4])
{
	const char *env = getenv("MMSH_LESSONS");
	int n = 0;

	if (env && *env)
		dirs[n++] = env;
	dirs[n++] = MMSH_LESSONDIR;
	dirs[n++] = MMSH_SRC_LESSONDIR;
	return n;
}

int lesson_path(const char *name, char *buf, size_t len)
{
	const char *dirs[4];
	int n = lesson_dirs(dirs), i;

	if (strchr(name, '/')) {   /* a path to a lesson file */
		snprintf(buf, len, "%s", name);
		return access(buf, R_OK) == 0 ? 0 : -1;
	}
	for (i = 0; i < n; i++) {
		snprintf(buf, len, "%s/%s.lesson", dirs[i], name);
		if (access(buf, R_OK) == 0)
			return 0;
	}
	return -1;
}

static int load(const char *name, struct lesson *l, char *err, size_t errlen)
{
	const char *base;
	FILE *f;
	int rc;

	memset(l, 0, sizeof(*l));
	if (lesson_path(name, l->path, sizeof(l->path)) < 0) {
		if (strchr(name, '/'))   /* a path: access() said why */
			snprintf(err, errlen, "cannot open '%s': %s", name, strerror(errno));
		else
			snprintf(err, errlen, "no lesson '%s' (lesson list shows them)", name);
		return -1;
	}
	base = strrchr(l->path, '/');
	base = base ? base + 1 : l->path;
	snprintf(l->name, sizeof(l->name), "%.*s", (int)strcspn(base, "."), base);
	f = fopen(l->path, "r");
	if (!f) {
		snprintf(err, errlen, "%s: %s", l->path, strerror(errno));
		return -1;
	}
	rc = parse_lesson(f, l, err, errlen);
	fclose(f);
	if (rc < 0)
		free_lesson(l);
	return rc;
}

/* ---- progress: $XDG_STATE_HOME/mmsh/lessons, "NAME STEP DONE" per line --------- */

static int progress_file(char *buf, size_t len)
{
	char dir[900];

	if (state_dir(dir, sizeof(dir)) < 0)
		return -1;
	snprintf(buf, len, "%s/lessons", dir);
	return 0;
}

/* The saved step (1-based) of a lesson, 0 if none; *done when finished. */
static unsigned long progress_get(const char *name, bool *done)
{
	char path[1024], lname[64];
	unsigned long step, result = 0;
	int fin;
	FILE *f;

	*done = false;
	if (progress_file(path, sizeof(path)) < 0 || !(f = fopen(path, "r")))
		return 0;
	while (fscanf(f, "%63s %lu %d", lname, &step, &fin) == 3)
		if (strcmp(lname, name) == 0) {
			result = step;
			*done = fin != 0;
		}
	fclose(f);
	return result;
}

static void progress_put(const char *name, unsigned long step, bool done)
{
	char path[1024], tmp[1100], lname[64];
	unsigned long st;
	int fin, fd;
	FILE *in, *out;

	if (progress_file(path, sizeof(path)) < 0)
		return;
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);   /* private, as history */
	out = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!out) {
		if (fd >= 0)
			close(fd);
		return;
	}
	in = fopen(path, "r");
	if (in) {
		while (fscanf(in, "%63s %lu %d", lname, &st, &fin) == 3)
			if (strcmp(lname, name) != 0)
				fprintf(out, "%s %lu %d\n", lname, st, fin);
		fclose(in);
	}
	fprintf(out, "%s %lu %d\n", name, step, done ? 1 : 0);
	if (fclose(out) == 0)
		rename(tmp, path);
	else
		remove(tmp);
}

/* ---- queries ------------------------------------------------------------------------ */

static int query_error(char *buf, size_t len, const char *fmt, const char *arg)
{
	snprintf(buf, len, fmt, arg);
	return -1;
}

static struct zone *query_zone(struct machine *m, const char *name, int nid)
{
	int z;

	if (nid < 0 || nid >= m->nr_node_ids)
		return NULL;
	for (z = 0; z < MAX_NR_ZONES; z++)
		if (strcasecmp(zone_names[z], name) == 0 &&
		    populated_zone(&m->node_data[nid]->node_zones[z]))
			return &m->node_data[nid]->node_zones[z];
	return NULL;
}

static int query_number(const char *s, unsigned long *out)
{
	unsigned long long v;

	if (parse_u64(s, false, &v) < 0)
		return -1;
	*out = (unsigned long)v;
	return 0;
}

static int query_migratetype(const char *s)
{
	int t;

	for (t = 0; t < MIGRATE_TYPES; t++)
		if (strcasecmp(migratetype_names[t], s) == 0)
			return t;
	return -1;
}

/* A counter of /proc/vmstat by name. */
static int query_vmstat(struct machine *m, const char *name, char *buf, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p;
	size_t n = strlen(name);
	int rc = -1;

	proc_vmstat(m, &sb);
	for (p = sb_str(&sb); p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (strncmp(p, name, n) == 0 && p[n] == ' ') {
			snprintf(buf, len, "%.*s", (int)strcspn(p + n + 1, "\n"), p + n + 1);
			rc = 0;
			break;
		}
	sb_free(&sb);
	return rc ? query_error(buf, len, "no vmstat counter '%s'", name) : 0;
}

int lesson_query(struct session *s, const char *query, char *buf, size_t len)
{
	struct machine *m = s->m;
	char copy[512], *w[8], *save = NULL, *tok;
	int n = 0, nid = 0, i;
	unsigned long pfn = 0, v;
	struct zone *zone = NULL;

	snprintf(copy, sizeof(copy), "%s", query);
	for (tok = strtok_r(copy, " \t", &save); tok && n < 8; tok = strtok_r(NULL, " \t", &save)) {
		if (strncmp(tok, "node=", 5) == 0) {
			nid = atoi(tok + 5);
			continue;
		}
		w[n++] = tok;
	}
	if (n == 0)
		return query_error(buf, len, "an empty query%s", "");
#define NEED(k) do { if (n != (k)) return query_error(buf, len, "'%s': wrong number of words", w[0]); } while (0)
#define ZONE(i) do { if (!(zone = query_zone(m, w[i], nid))) \
		return query_error(buf, len, "no populated zone '%s'", w[i]); } while (0)
#define PFN(i) do { if (query_number(w[i], &pfn) < 0 || pfn >= m->max_pfn) \
		return query_error(buf, len, "'%s' is not a pfn of this machine", w[i]); } while (0)
	if (strcmp(w[0], "last_pfn") == 0 || strcmp(w[0], "last_order") == 0) {
		NEED(1);
		if (!s->last_alloc.have)
			return query_error(buf, len, "no alloc has handed out a block yet%s", "");
		if (w[0][5] == 'p')
			snprintf(buf, len, "0x%lx", s->last_alloc.pfn);
		else
			snprintf(buf, len, "%u", s->last_alloc.order);
		return 0;
	}
	if (strcmp(w[0], "nr_free") == 0) {
		NEED(3);
		ZONE(1);
		if (query_number(w[2], &v) < 0 || v >= m->max_order)
			return query_error(buf, len, "'%s' is not an order", w[2]);
		snprintf(buf, len, "%lu", zone->free_area[v].nr_free);
		return 0;
	}
	if (strcmp(w[0], "free") == 0) {
		NEED(2);
		ZONE(1);
		snprintf(buf, len, "%ld", zone_page_state(zone, NR_FREE_PAGES));
		return 0;
	}
	if (strcmp(w[0], "buddyinfo") == 0) {
		size_t used = 0;

		NEED(2);
		ZONE(1);
		buf[0] = '\0';
		for (v = 0; v < m->max_order && used < len; v++)
			used += (size_t)snprintf(buf + used, len - used, "%s%lu", v ? " " : "",
						 zone->free_area[v].nr_free);
		return 0;
	}
	/*
	 * list / head / tail ZONE ORDER MIGRATETYPE: the length of that free
	 * list, or the pfn of its first or last block (none when empty)
	 */
	if (strcmp(w[0], "list") == 0 || strcmp(w[0], "head") == 0 || strcmp(w[0], "tail") == 0) {
		int t;
		uint32_t head;

		NEED(4);
		ZONE(1);
		if (query_number(w[2], &v) < 0 || v >= m->max_order)
			return query_error(buf, len, "'%s' is not an order", w[2]);
		if ((t = query_migratetype(w[3])) < 0)
			return query_error(buf, len, "'%s' is not a migratetype", w[3]);
		head = zone->free_area[v].free_list[t];
		if (w[0][0] == 'l')
			snprintf(buf, len, "%lu", zone->free_area[v].nr_free_mt[t]);
		else if (list_empty(m->mem_map, head))
			snprintf(buf, len, "none");
		else
			snprintf(buf, len, "0x%x", w[0][0] == 'h' ? list_first(m->mem_map, head)
								  : list_last(m->mem_map, head));
		return 0;
	}
	if (strcmp(w[0], "pcp") == 0) {
		NEED(3);
		if (query_number(w[1], &v) < 0 || v >= (unsigned long)m->nr_cpus)
			return query_error(buf, len, "'%s' is not a CPU", w[1]);
		ZONE(2);
		snprintf(buf, len, "%d", zone->pageset[v].pcp.count);
		return 0;
	}
	if (strcmp(w[0], "wmark") == 0) {
		static const char *const marks[] = { "min", "low", "high" };

		NEED(3);
		ZONE(1);
		for (i = 0; i < 3; i++)
			if (strcmp(w[2], marks[i]) == 0) {
				snprintf(buf, len, "%lu", wmark_pages(zone, i));
				return 0;
			}
		return query_error(buf, len, "'%s': expected min, low or high", w[2]);
	}
	if (strcmp(w[0], "lru") == 0) {
		NEED(2);
		if (nid >= m->nr_node_ids)
			return query_error(buf, len, "no node %s", "");
		for (i = 0; i < NR_LRU_LISTS; i++)
			if (strcmp(lru_names[i], w[1]) == 0) {
				snprintf(buf, len, "%ld", m->node_data[nid]->vm_stat[NR_INACTIVE_ANON + i]);
				return 0;
			}
		return query_error(buf, len, "'%s' is not an LRU list", w[1]);
	}
	if (strcmp(w[0], "vmstat") == 0) {
		NEED(2);
		return query_vmstat(m, w[1], buf, len);
	}
	if (strcmp(w[0], "kswapd") == 0) {
		NEED(1);
		if (nid >= m->nr_node_ids)
			return query_error(buf, len, "no node %s", "");
		snprintf(buf, len, "%s",
			 m->node_data[nid]->kswapd_state == KSWAPD_SLEEPING ? "sleeping"
			 : m->node_data[nid]->kswapd_state == KSWAPD_NAPPING ? "napping" : "woken");
		return 0;
	}
	if (strcmp(w[0], "flag") == 0) {
		int f;

		NEED(3);
		PFN(1);
		if ((f = pageflag_lookup(w[2])) < 0)
			return query_error(buf, len, "'%s' is not a page flag", w[2]);
		snprintf(buf, len, "%s",
			 test_page_flag(&m->mem_map[pfn], (enum pageflags)f) ? "yes" : "no");
		return 0;
	}
	if (strcmp(w[0], "lru_of") == 0) {
		NEED(2);
		PFN(1);
		snprintf(buf, len, "%s", PageLRU(&m->mem_map[pfn])
			 ? lru_names[page_lru(&m->mem_map[pfn])] : "none");
		return 0;
	}
	if (strcmp(w[0], "order") == 0) {
		NEED(2);
		PFN(1);
		if (PageBuddy(&m->mem_map[pfn]))
			snprintf(buf, len, "%u", buddy_order(&m->mem_map[pfn]));
		else if (mmsh_alloc_head(m, pfn) == (long)pfn)
			snprintf(buf, len, "%u", mmsh_alloc_order(&m->mem_map[pfn]));
		else
			return query_error(buf, len, "pfn %s heads no free or allocated block", w[1]);
		return 0;
	}
	if (strcmp(w[0], "migratetype") == 0) {
		NEED(2);
		PFN(1);
		snprintf(buf, len, "%s", migratetype_names[get_pfnblock_migratetype(m, pfn)]);
		return 0;
	}
	if (strcmp(w[0], "zone") == 0) {
		NEED(2);
		PFN(1);
		snprintf(buf, len, "%s", page_zone(m, &m->mem_map[pfn])->name);
		return 0;
	}
	if (strcmp(w[0], "bit") == 0) {
		NEED(3);
		if (query_number(w[1], &v) < 0 || v >= m->max_order)
			return query_error(buf, len, "'%s' is not an order", w[1]);
		PFN(2);
		snprintf(buf, len, "%d", bitmap24_test(m, pfn >> (v + 1), (unsigned int)v) ? 1 : 0);
		return 0;
	}
	/* pcpinfo CPU ZONE high|batch|MIGRATETYPE: pcp sizes, or the pages on one list */
	if (strcmp(w[0], "pcpinfo") == 0) {
		const struct per_cpu_pages *pcp;
		int t;

		NEED(4);
		if (query_number(w[1], &v) < 0 || v >= (unsigned long)m->nr_cpus)
			return query_error(buf, len, "'%s' is not a CPU", w[1]);
		ZONE(2);
		pcp = &zone->pageset[v].pcp;
		if (strcmp(w[3], "high") == 0 || strcmp(w[3], "batch") == 0)
			snprintf(buf, len, "%d", w[3][0] == 'h' ? pcp->high : pcp->batch);
		else if ((t = query_migratetype(w[3])) >= 0 && t < MIGRATE_PCPTYPES)
			snprintf(buf, len, "%lu", list_count(m->mem_map, pcp->lists[t]));
		else
			return query_error(buf, len, "'%s': expected high, batch or a pcp migratetype",
					   w[3]);
		return 0;
	}
	/* protection ZONE ZONE2: ZONE's lowmem_reserve[] for requests whose highest zone is ZONE2 */
	if (strcmp(w[0], "protection") == 0) {
		NEED(3);
		ZONE(1);
		for (i = 0; i < MAX_NR_ZONES; i++)
			if (strcasecmp(zone_names[i], w[2]) == 0) {
				snprintf(buf, len, "%ld", zone->lowmem_reserve[i]);
				return 0;
			}
		return query_error(buf, len, "'%s' is not a zone name", w[2]);
	}
	/* min_free_kbytes: vm.min_free_kbytes as the machine has it now */
	if (strcmp(w[0], "min_free_kbytes") == 0) {
		NEED(1);
		snprintf(buf, len, "%d", m->min_free_kbytes);
		return 0;
	}
	/* last_zone: the zone of the block the last successful alloc handed out */
	if (strcmp(w[0], "last_zone") == 0) {
		NEED(1);
		if (!s->last_alloc.have)
			return query_error(buf, len, "no alloc has handed out a block yet%s", "");
		snprintf(buf, len, "%s", page_zone(m, &m->mem_map[s->last_alloc.pfn])->name);
		return 0;
	}
	/* allocated: how many blocks alloc handed out are still held (failures add none) */
	if (strcmp(w[0], "allocated") == 0) {
		NEED(1);
		snprintf(buf, len, "%lu", m->allocated.blocks);
		return 0;
	}
	/* kswapd_failures: the node's pgdat->kswapd_failures */
	if (strcmp(w[0], "kswapd_failures") == 0) {
		NEED(1);
		if (nid >= m->nr_node_ids)
			return query_error(buf, len, "no node %s", "");
		snprintf(buf, len, "%d", m->node_data[nid]->kswapd_failures);
		return 0;
	}
	/* blocks ZONE MIGRATETYPE: the zone's pageblocks of that type, as pagetypeinfo counts */
	if (strcmp(w[0], "blocks") == 0) {
		int t;

		NEED(3);
		ZONE(1);
		if ((t = query_migratetype(w[2])) < 0)
			return query_error(buf, len, "'%s' is not a migratetype", w[2]);
		v = 0;
		for (pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone); pfn += m->pageblock_nr_pages)
			v += get_pfnblock_migratetype(m, pfn) == t;
		snprintf(buf, len, "%lu", v);
		return 0;
	}
	/* buddy PFN ORDER: the buddy of the order-ORDER block at PFN (__find_buddy_pfn) */
	if (strcmp(w[0], "buddy") == 0) {
		NEED(3);
		PFN(1);
		if (query_number(w[2], &v) < 0 || v >= m->max_order)
			return query_error(buf, len, "'%s' is not an order", w[2]);
		if (pfn & ((1UL << v) - 1))
			return query_error(buf, len, "pfn %s is not aligned to its order", w[1]);
		snprintf(buf, len, "0x%lx", pfn ^ (1UL << v));
		return 0;
	}
	/* pagevec CPU lru_add|rotate|deactivate_file|deactivate|activate: pages waiting there */
	if (strcmp(w[0], "pagevec") == 0) {
		static const char *const pv_names[] = { "lru_add", "rotate", "deactivate_file",
							"deactivate", "activate" };
		const struct pagevec *pv[5];

		NEED(3);
		if (query_number(w[1], &v) < 0 || v >= (unsigned long)m->nr_cpus)
			return query_error(buf, len, "'%s' is not a CPU", w[1]);
		pv[0] = &m->pvecs[v].lru_add;
		pv[1] = &m->pvecs[v].lru_rotate;
		pv[2] = &m->pvecs[v].lru_deactivate_file;
		pv[3] = &m->pvecs[v].lru_deactivate;
		pv[4] = &m->pvecs[v].activate_page;
		for (i = 0; i < 5; i++)
			if (strcmp(w[2], pv_names[i]) == 0) {
				snprintf(buf, len, "%u", pv[i]->nr);
				return 0;
			}
		return query_error(buf, len, "'%s': expected lru_add, rotate, deactivate_file, "
				   "deactivate or activate", w[2]);
	}
	/* lru_head LIST, lru_tail LIST: the pfn at the newest or oldest end of the node's list */
	if (strcmp(w[0], "lru_head") == 0 || strcmp(w[0], "lru_tail") == 0) {
		NEED(2);
		if (nid >= m->nr_node_ids)
			return query_error(buf, len, "no node %s", "");
		for (i = 0; i < NR_LRU_LISTS; i++)
			if (strcmp(lru_names[i], w[1]) == 0) {
				uint32_t head = m->node_data[nid]->lruvec.lists[i];

				if (list_empty(m->mem_map, head))
					snprintf(buf, len, "none");
				else
					snprintf(buf, len, "0x%x", w[0][4] == 'h' ? list_first(m->mem_map, head)
						 : list_last(m->mem_map, head));
				return 0;
			}
		return query_error(buf, len, "'%s' is not an LRU list", w[1]);
	}
	/* extfrag ZONE ORDER, unusable ZONE ORDER: debugfs extfrag_index / unusable_index ("0.844") */
	if (strcmp(w[0], "extfrag") == 0 || strcmp(w[0], "unusable") == 0) {
		int idx;

		NEED(3);
		ZONE(1);
		if (query_number(w[2], &v) < 0 || v >= m->max_order)
			return query_error(buf, len, "'%s' is not an order", w[2]);
		idx = w[0][0] == 'e' ? fragmentation_index(m, zone, (unsigned int)v)
				     : unusable_free_index(m, zone, (unsigned int)v);
		snprintf(buf, len, "%d.%03d", idx / 1000, idx < 0 ? -(idx % 1000) : idx % 1000);
		return 0;
	}
	/* task NAME exists|pid|rss|rss_anon|rss_file|swapents|oom_score_adj|badness|oom_score */
	if (strcmp(w[0], "task") == 0) {
		struct task *t;
		long points;

		NEED(3);
		t = task_find(m, w[1]);
		if (strcmp(w[2], "exists") == 0) {
			snprintf(buf, len, "%s", t ? "yes" : "no");
			return 0;
		}
		if (!t)
			return query_error(buf, len, "no task '%s'", w[1]);
		points = oom_badness(m, t, m->totalram_pages + m->swap.pages);
		if (strcmp(w[2], "pid") == 0)
			snprintf(buf, len, "%d", t->pid);
		else if (strcmp(w[2], "rss") == 0)
			snprintf(buf, len, "%lu", t->rss_anon + t->rss_file);
		else if (strcmp(w[2], "rss_anon") == 0)
			snprintf(buf, len, "%lu", t->rss_anon);
		else if (strcmp(w[2], "rss_file") == 0)
			snprintf(buf, len, "%lu", t->rss_file);
		else if (strcmp(w[2], "swapents") == 0)
			snprintf(buf, len, "%lu", t->swapents);
		else if (strcmp(w[2], "oom_score_adj") == 0)
			snprintf(buf, len, "%d", t->oom_score_adj);
		else if (strcmp(w[2], "badness") == 0 && points == LONG_MIN)
			snprintf(buf, len, "never");
		else if (strcmp(w[2], "badness") == 0)
			snprintf(buf, len, "%ld", points);
		else if (strcmp(w[2], "oom_score") == 0)
			snprintf(buf, len, "%ld", oom_score(m, t));
		else
			return query_error(buf, len, "'%s': expected exists, pid, rss, rss_anon, rss_file, "
					   "swapents, oom_score_adj, badness or oom_score", w[2]);
		return 0;
	}
	/* oom_choice: the task select_bad_process() would kill now (ties: the later pid), or none */
	if (strcmp(w[0], "oom_choice") == 0) {
		const struct task *best = NULL;
		long best_points = LONG_MIN;

		NEED(1);
		for (i = 0; i < MAX_TASKS; i++) {
			struct task *t = &m->tasks[i];
			long points;

			if (!t->used)
				continue;
			points = oom_badness(m, t, m->totalram_pages + m->swap.pages);
			if (points == LONG_MIN || (best && (points < best_points ||
							    (points == best_points && t->pid < best->pid))))
				continue;
			best = t;
			best_points = points;
		}
		snprintf(buf, len, "%s", best ? best->comm : "none");
		return 0;
	}
#undef NEED
#undef ZONE
#undef PFN
	return query_error(buf, len, "unknown query '%s' (see mmsh-lesson(5))", w[0]);
}

/* Do two answers say the same? Numbers by value, words without case, lists by word. */
static bool same_answer(const char *a, const char *b)
{
	unsigned long long x, y;

	while (*a == ' ')
		a++;
	while (*b == ' ')
		b++;
	if (parse_u64(a, false, &x) == 0 && parse_u64(b, false, &y) == 0)
		return x == y;
	for (;;) {
		while (*a == ' ' || *a == '\t')
			a++;
		while (*b == ' ' || *b == '\t')
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return false;
		a++;
		b++;
		if ((*a == ' ') != (*b == ' ') && *a && *b)
			return false;
	}
}

/* expect: QUERY == VALUE, QUERY != VALUE */
static int check_expect(struct session *s, const char *text, char *why, size_t len)
{
	const char *op = strstr(text, "==");
	bool negate = false;
	char query[512], value[256];
	ptrdiff_t qlen;
	int rc;

	if (!op) {
		op = strstr(text, "!=");
		negate = true;
	}
	if (!op)
		return snprintf(why, len, "needs QUERY == VALUE or QUERY != VALUE"), -1;
	qlen = op - text;
	while (qlen > 0 && isspace((unsigned char)text[qlen - 1]))
		qlen--;
	snprintf(query, sizeof(query), "%.*s", (int)qlen, text);
	rc = lesson_query(s, query, value, sizeof(value));
	if (rc < 0)
		return snprintf(why, len, "%s", value), -1;
	if (same_answer(value, op + 2) == negate)
		return snprintf(why, len, "expected %.200s %.100s but the engine says %.100s",
				query, op, value), -1;
	return 0;
}

/* ---- running ------------------------------------------------------------------------ */

bool lesson_active(const struct session *s)
{
	return s->lesson != NULL;
}

static const struct item *current(const struct lesson_run *r)
{
	const struct step *st = &r->l.steps[r->step];

	return r->item < st->n ? &st->items[r->item] : NULL;
}

/* Run a command of the lesson itself, echoed as if typed. */
static bool runner_command(const char *text);

static int lesson_cmd(struct session *s, const char *cmd)
{
	struct lesson_run *r = s->lesson;
	int rc;

	if (runner_command(cmd) && !timeline_stepping(s)) {
		fflush(s->out);
		fprintf(s->err, "lesson: '%s' drives the lesson itself; a lesson cannot run it "
			"unless a command is being stepped\n", cmd);
		return -1;
	}

	if (!r->quiet)
		fprintf(s->out, "mmsh> %s\n", cmd);
	s->lesson_cmd = true;
	rc = session_run_line(s, cmd);
	s->lesson_cmd = false;
	return rc;
}

static void failure(struct session *s, const struct item *it, const char *fmt, const char *what)
{
	struct lesson_run *r = s->lesson;

	r->failures++;
	fflush(s->out);
	fprintf(s->err, "%s:%lu: ", r->l.path, it->line);
	fprintf(s->err, fmt, what);
	fputc('\n', s->err);
}

/*
 * The engine's answer to a prediction, before its command runs: run the
 * command on a copy of the machine and ask the query there.
 */
static int predicted_answer(struct session *s, const struct item *it, char *buf, size_t len)
{
	struct machine *real = s->m, *copy = NULL;
	struct last_alloc kept = s->last_alloc;
	int rc = timeline_run_on_copy(s, real, it->then, &copy);

	if (rc == -2)
		return snprintf(buf, len, "out of memory"), -1;
	if (rc == 0) {
		s->m = copy;   /* the query reads the copy, as last_pfn reads this run */
		rc = lesson_query(s, it->answer, buf, len);
		s->m = real;
	} else {
		snprintf(buf, len, "its command '%s' fails", it->then);
	}
	s->last_alloc = kept;
	machine_destroy(copy);
	return rc;
}

static void show_question(struct session *s, const struct item *it)
{
	if (it->kind == IT_TYPE)
		fprintf(s->out, "\n  Type: %s\n", it->text);
	else if (it->kind == IT_ASK)
		fprintf(s->out, "\n  Question: %s\n  (answer VALUE; hint; next shows the answer)\n",
			it->text);
	else
		fprintf(s->out, "\n  Predict: %s\n  (answer VALUE before '%s' runs; next runs it)\n",
			it->text, it->then);
}

static void save_progress(struct session *s)
{
	struct lesson_run *r = s->lesson;

	if (!r->checking)
		progress_put(r->l.name, r->step + 1, r->finished);
}

static void finish(struct session *s)
{
	struct lesson_run *r = s->lesson;

	r->finished = true;
	save_progress(s);
	if (!r->quiet)
		fprintf(s->out, "\n== The end of '%s': %u of %u questions right the first time. "
			"lesson quit returns to your machine. ==\n", r->l.title, r->right, r->asked);
}

/* Walk the current step's items until one waits for the student. */
static void advance(struct session *s)
{
	struct lesson_run *r = s->lesson;
	const struct item *it;
	char buf[512];

	while ((it = current(r)) != NULL) {
		switch (it->kind) {
		case IT_TEXT:
			if (!r->quiet && *it->text)
				fprintf(s->out, "%s\n", it->text);
			break;
		case IT_RUN:
			if (lesson_cmd(s, it->text) < 0)
				failure(s, it, "run: '%s' fails: the lesson no longer matches mmsh", it->text);
			break;
		case IT_EXPECT:
			if (check_expect(s, it->text, buf, sizeof(buf)) < 0)
				failure(s, it, "expect: %s", buf);
			break;
		case IT_TYPE:
		case IT_ASK:
		case IT_PREDICT:
			if (r->checking) {   /* answer with the engine's own answer */
				if (it->kind == IT_TYPE) {
					if (lesson_cmd(s, it->text) < 0)
						failure(s, it, "type: '%s' fails", it->text);
				} else if (it->kind == IT_ASK) {
					r->asked++;
					if (lesson_query(s, it->answer, buf, sizeof(buf)) < 0)
						failure(s, it, "answer: %s", buf);
					else
						r->right++;
				} else {
					char after[512];

					r->asked++;
					if (predicted_answer(s, it, buf, sizeof(buf)) < 0) {
						failure(s, it, "predict: %s", buf);
						break;
					}
					if (lesson_cmd(s, it->then) < 0)
						failure(s, it, "then: '%s' fails", it->then);
					else if (lesson_query(s, it->answer, after, sizeof(after)) < 0)
						failure(s, it, "answer: %s", after);
					else if (!same_answer(buf, after))
						failure(s, it, "predict: the engine's answer changed when the "
							"command ran for real (%s)", after);
					else
						r->right++;
				}
				break;
			}
			r->waiting = true;
			r->wrong_once = false;
			show_question(s, it);
			return;
		}
		r->item++;
	}
	if (r->step + 1 == r->l.nsteps) {
		finish(s);
		return;
	}
	if (!r->quiet)
		fprintf(s->out, "\n  (next: step %zu of %zu)\n", r->step + 2, r->l.nsteps);
	save_progress(s);
}

/* Enter step k: keep a copy of the machine for back, then walk it. */
static int enter_step(struct session *s, size_t k)
{
	struct lesson_run *r = s->lesson;

	r->step = k;
	r->item = 0;
	r->waiting = false;
	if (!r->at_step[k] && !(r->at_step[k] = machine_clone(s->m)))
		return cmd_error(s, "lesson", "out of memory");
	if (!r->quiet)
		fprintf(s->out, "\n== %s: step %zu of %zu: %s ==\n\n", r->l.title, k + 1,
			r->l.nsteps, r->l.steps[k].title);
	save_progress(s);
	advance(s);
	return 0;
}

static void free_run(struct lesson_run *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; r->at_step && i < r->l.nsteps; i++)
		machine_destroy(r->at_step[i]);
	free(r->at_step);
	free_lesson(&r->l);
	free(r);
}

void lesson_free(struct session *s)
{
	if (!s->lesson)
		return;
	machine_destroy(s->lesson->saved_m);
	free_run(s->lesson);
	s->lesson = NULL;
}

/* Boot the lesson's machine; the student's is kept for lesson quit. */
static int boot_lesson_machine(struct session *s, struct lesson_run *r)
{
	char *argv[64], copy[1024], *save = NULL, *tok, err[400];
	int argc = 0;
	struct options o;
	struct machine *mine = s->m;

	argv[argc++] = "mmsh";
	snprintf(copy, sizeof(copy), "%s", r->l.machine ? r->l.machine : "");
	for (tok = strtok_r(copy, " \t", &save); tok && argc < 62; tok = strtok_r(NULL, " \t", &save))
		argv[argc++] = tok;
	argv[argc] = NULL;
	if (parse_options(argc, argv, &o) >= 0) {
		free_options(&o);   /* the -c and -x it read before the error */
		return cmd_error(s, "lesson", "%s: machine: '%s' is not a set of mmsh options",
				 r->l.path, r->l.machine);
	}
	r->saved_recipe = s->recipe;
	r->saved_seed = s->seed;
	s->recipe = o.recipe;
	s->seed = o.seed;
	free_options(&o);
	/* session_boot() replaces s->m: hand it a machine it may throw away */
	s->m = NULL;
	if (session_boot(s, err, sizeof(err)) < 0) {
		s->m = mine;
		s->recipe = r->saved_recipe;
		s->seed = r->saved_seed;
		return cmd_error(s, "lesson", "%s: cannot boot its machine: %s", r->l.path, err);
	}
	{
		struct machine *fresh = s->m;

		s->m = mine;
		session_adopt(s, fresh);   /* the student's trace goes on in the lesson */
	}
	r->saved_m = mine;
	return 0;
}

static int start(struct session *s, const char *name, unsigned long from, bool checking)
{
	struct lesson_run *r;
	char err[1200];
	unsigned long k;

	if (s->lesson)
		return cmd_error(s, "lesson", "'%s' is running: lesson quit first", s->lesson->l.name);
	if (timeline_stepping(s))
		return cmd_error(s, "lesson", "finish stepping '%s' first", timeline_step_command(s));
	r = calloc(1, sizeof(*r));
	if (!r)
		return cmd_error(s, "lesson", "out of memory");
	if (load(name, &r->l, err, sizeof(err)) < 0) {
		free(r);
		return cmd_error(s, "lesson", "%s", err);
	}
	if (from > r->l.nsteps) {
		size_t n = r->l.nsteps;

		free_run(r);
		return cmd_error(s, "lesson", "step=%lu: the lesson has %zu steps", from, n);
	}
	r->at_step = calloc(r->l.nsteps, sizeof(*r->at_step));
	if (!r->at_step) {
		free_run(r);
		return cmd_error(s, "lesson", "out of memory");
	}
	if (boot_lesson_machine(s, r) < 0) {
		free_run(r);
		return -1;
	}
	r->checking = checking;
	s->lesson = r;
	timeline_forget(s);
	s->last_alloc.have = false;
	if (!checking)
		fprintf(s->out, "Lesson '%s' (%s, about %d minutes, %zu steps).\n"
			"next goes on, back goes back a step, hint helps, lesson quit leaves.\n",
			r->l.title, r->l.name, r->l.minutes ? r->l.minutes : 15, r->l.nsteps);
	/* resuming: the earlier steps run unattended and quietly */
	if (from > 1) {
		FILE *out = s->out, *null = fopen("/dev/null", "w");

		r->checking = r->quiet = true;
		if (null)
			s->out = null;   /* their output too */
		for (k = 0; k + 1 < from; k++)
			enter_step(s, k);
		s->out = out;
		if (null)
			fclose(null);
		r->checking = checking;
		r->quiet = false;
		r->right = r->asked = 0;
		fprintf(s->out, "(steps 1 to %lu replayed: the machine is as they left it)\n",
			from - 1);
	}
	return enter_step(s, from ? from - 1 : 0);
}

int lesson_start(struct session *s, const char *name, unsigned long from_step)
{
	bool done = false;
	unsigned long saved = 0;

	if (from_step == 0) {
		/* progress is kept by name: "dir/NAME.lesson" is NAME */
		const char *base = strrchr(name, '/');
		char key[64];

		base = base ? base + 1 : name;
		snprintf(key, sizeof(key), "%.*s", (int)strcspn(base, "."), base);
		saved = progress_get(key, &done);
		from_step = saved && !done ? saved : 1;
	}
	return start(s, name, from_step, false);
}

int lesson_quit(struct session *s)
{
	struct lesson_run *r = s->lesson;
	struct machine *lesson_m;

	if (!r)
		return cmd_error(s, "lesson", "no lesson is running");
	timeline_abandon(s);
	lesson_m = s->m;
	session_adopt(s, r->saved_m);
	r->saved_m = NULL;
	machine_destroy(lesson_m);
	s->recipe = r->saved_recipe;
	s->seed = r->saved_seed;
	if (!r->checking)
		fprintf(s->out, "lesson: left '%s' at step %zu of %zu%s; your machine is back\n",
			r->l.name, r->step + 1, r->l.nsteps, r->finished ? " (finished)" : "");
	free_run(r);
	s->lesson = NULL;
	timeline_forget(s);
	return 0;
}

int lesson_next(struct session *s)
{
	struct lesson_run *r = s->lesson;
	const struct item *it;
	char buf[512];

	if (!r)
		return cmd_error(s, "next", "no lesson is running and nothing is being stepped");
	if (r->finished)
		return cmd_error(s, "next", "the lesson is over: lesson quit leaves it");
	it = current(r);
	if (r->waiting && it) {
		r->waiting = false;
		if (it->kind == IT_TYPE) {
			lesson_cmd(s, it->text);
		} else if (it->kind == IT_ASK) {
			r->asked++;
			if (lesson_query(s, it->answer, buf, sizeof(buf)) < 0)
				failure(s, it, "answer: %s", buf);
			else
				fprintf(s->out, "  The answer: %s\n", buf);
		} else {
			r->asked++;
			lesson_cmd(s, it->then);
			if (lesson_query(s, it->answer, buf, sizeof(buf)) < 0)
				failure(s, it, "answer: %s", buf);
			else
				fprintf(s->out, "  The engine says: %s\n", buf);
		}
		r->item++;
		advance(s);
		return 0;
	}
	return enter_step(s, r->step + 1);
}

int lesson_back(struct session *s)
{
	struct lesson_run *r = s->lesson;
	struct machine *copy;
	size_t k;

	if (!r)
		return cmd_error(s, "back", "no lesson is running and nothing is being stepped");
	if (r->step == 0)
		return cmd_error(s, "back", "this is the first step (lesson start %s step=1 "
				 "starts it again)", r->l.name);
	k = r->step - 1;
	copy = machine_clone(r->at_step[k]);
	if (!copy)
		return cmd_error(s, "back", "out of memory");
	{
		struct machine *old = s->m;

		session_adopt(s, copy);
		machine_destroy(old);
	}
	r->finished = false;
	timeline_forget(s);
	return enter_step(s, k);
}

int lesson_hint(struct session *s)
{
	struct lesson_run *r = s->lesson;
	const struct item *it;

	if (!r)
		return cmd_error(s, "hint", "no lesson is running");
	it = current(r);
	if (!r->waiting || !it || it->kind == IT_TYPE)
		return cmd_error(s, "hint", "no question is waiting for an answer");
	if (!it->hint)
		return cmd_error(s, "hint", "this question has no hint: next shows the answer");
	fprintf(s->out, "  Hint: %s\n", it->hint);
	return 0;
}

int lesson_answer(struct session *s, const char *value)
{
	struct lesson_run *r = s->lesson;
	const struct item *it;
	char buf[512];

	if (!r)
		return cmd_error(s, "answer", "no question is waiting for an answer");
	it = current(r);
	if (!r->waiting || !it || it->kind == IT_TYPE)
		return cmd_error(s, "answer", "no question is waiting for an answer");
	if (it->kind == IT_ASK) {
		if (lesson_query(s, it->answer, buf, sizeof(buf)) < 0) {
			failure(s, it, "answer: %s", buf);
			return -1;
		}
		if (!same_answer(value, buf)) {
			r->wrong_once = true;
			fprintf(s->out, "  Not quite: try again%s, or next for the answer.\n",
				it->hint ? " (hint helps)" : "");
			return 0;
		}
		r->asked++;
		r->right += !r->wrong_once;
		fprintf(s->out, "  Right: %s.\n", buf);
	} else {
		/* a prediction: the command runs now and the engine settles it */
		r->asked++;
		fprintf(s->out, "  You predict %s. Now the engine:\n", value);
		lesson_cmd(s, it->then);
		if (lesson_query(s, it->answer, buf, sizeof(buf)) < 0) {
			failure(s, it, "answer: %s", buf);
			return -1;
		}
		if (same_answer(value, buf)) {
			r->right++;
			fprintf(s->out, "  Right: %s.\n", buf);
		} else {
			fprintf(s->out, "  Wrong: the engine says %s (why shows the path it took).\n",
				buf);
		}
	}
	r->waiting = false;
	r->item++;
	advance(s);
	return 0;
}

/* A command the student typed: is it the one the step waits for? */
static bool same_command(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ' || *a == '\t')
			a++;
		while (*b == ' ' || *b == '\t')
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		while (*a && *b && *a != ' ' && *a != '\t' && *b != ' ' && *b != '\t') {
			if (*a != *b)
				return false;
			a++;
			b++;
		}
		if ((*a && *a != ' ' && *a != '\t') || (*b && *b != ' ' && *b != '\t'))
			return false;
	}
}

/* next, back, hint, answer and lesson drive the lesson itself. */
static bool runner_command(const char *text)
{
	static const char *const words[] = { "next", "back", "hint", "answer", "lesson", NULL };
	size_t n;
	int i;

	while (*text == ' ' || *text == '\t')
		text++;
	n = strcspn(text, " \t");
	for (i = 0; words[i]; i++)
		if (n == strlen(words[i]) && strncmp(text, words[i], n) == 0)
			return true;
	return false;
}

void lesson_after_command(struct session *s, const char *text, int rc)
{
	struct lesson_run *r = s->lesson;
	const struct item *it;

	if (!r || s->lesson_cmd || s->replaying || !r->waiting || rc != 0)
		return;
	/* the runner's own commands move the lesson; only while stepping is next a step */
	if (!timeline_stepping(s) && runner_command(text))
		return;
	it = current(r);
	if (!it || it->kind != IT_TYPE || !same_command(text, it->text))
		return;
	r->waiting = false;
	r->item++;
	advance(s);
}

void lesson_render(const struct session *s, struct strbuf *sb)
{
	const struct lesson_run *r = s->lesson;
	const struct step *st;
	size_t i;

	if (!r) {
		sb_puts(sb, "No lesson is running: lesson list shows them, lesson start NAME "
			    "begins one.\n");
		return;
	}
	st = &r->l.steps[r->step];
	sb_printf(sb, "%s: step %zu of %zu: %s\n\n", r->l.title, r->step + 1, r->l.nsteps,
		  st->title);
	for (i = 0; i < st->n && i <= r->item; i++) {
		const struct item *it = &st->items[i];

		switch (it->kind) {
		case IT_TEXT:
			sb_printf(sb, "%s\n", it->text);
			break;
		case IT_RUN:
			sb_printf(sb, "mmsh> %s\n", it->text);
			break;
		case IT_TYPE:
			sb_printf(sb, "Type: %s%s\n", it->text, i == r->item ? "" : "  (done)");
			break;
		case IT_ASK:
			sb_printf(sb, "Question: %s%s\n", it->text, i == r->item ? "" : "  (answered)");
			break;
		case IT_PREDICT:
			sb_printf(sb, "Predict: %s%s\n", it->text, i == r->item ? "" : "  (settled)");
			break;
		case IT_EXPECT:
			break;
		}
	}
	if (r->finished)
		sb_puts(sb, "\nThe lesson is over: lesson quit returns to your machine.\n");
	else if (r->waiting)
		sb_puts(sb, "\n(answer VALUE, hint, or next; back returns a step)\n");
	else
		sb_puts(sb, "\n(next goes on)\n");
}

int lesson_check(struct session *s, const char *name)
{
	FILE *out = s->out, *null = fopen("/dev/null", "w");
	struct lesson_run *r;
	int failures, rc;
	size_t k, nsteps;
	unsigned right, asked;
	char title[200];

	if (!null)
		return cmd_error(s, "lesson", "cannot open /dev/null");
	s->out = null;
	rc = start(s, name, 1, true);
	r = s->lesson;
	if (rc == 0 && r) {
		r->quiet = true;
		for (k = r->step + 1; k < r->l.nsteps; k++)
			enter_step(s, k);
	}
	s->out = out;
	fclose(null);
	if (rc < 0 || !r)
		return -1;
	failures = r->failures;
	nsteps = r->l.nsteps;
	right = r->right;
	asked = r->asked;
	snprintf(title, sizeof(title), "%s", r->l.title);
	fprintf(s->out, "lesson %s (%s): %zu steps, %u questions: %s\n", r->l.name, title, nsteps,
		asked, failures ? "FAILED" : "ok");
	(void)right;
	lesson_quit(s);
	return failures ? -1 : 0;
}

int lesson_list(struct session *s)
{
	const char *dirs[4];
	int n = lesson_dirs(dirs), i, found = 0;
	char seen[64][64];
	int nseen = 0;

	for (i = 0; i < n; i++) {
		struct dirent **names;
		int k, count = scandir(dirs[i], &names, NULL, alphasort);

		if (count < 0)
			continue;
		for (k = 0; k < count; k++) {
			const char *fn = names[k]->d_name;
			size_t len = strlen(fn);
			struct lesson l;
			char err[1200], name[64];
			bool done = false, dup = false;
			unsigned long at;
			int j;

			if (len > 7 && strcmp(fn + len - 7, ".lesson") == 0) {
				snprintf(name, sizeof(name), "%.*s", (int)(len - 7), fn);
				for (j = 0; j < nseen; j++)
					dup = dup || strcmp(seen[j], name) == 0;
				if (!dup && nseen < 64) {
					snprintf(seen[nseen++], sizeof(seen[0]), "%s", name);
					if (load(name, &l, err, sizeof(err)) == 0) {
						at = progress_get(name, &done);
						fprintf(s->out, "%-22s %3d min  %-48s %s", name,
							l.minutes ? l.minutes : 15, l.title,
							done ? "done" : at ? "" : "new");
						if (!done && at)
							fprintf(s->out, "at step %lu of %zu", at, l.nsteps);
						fputc('\n', s->out);
						free_lesson(&l);
						found++;
					} else {
						fprintf(s->err, "lesson: %s\n", err);
					}
				}
			}
			free(names[k]);
		}
		free(names);
	}
	if (!found)
		fputs("no lessons found (they are looked for in $MMSH_LESSONS, " MMSH_LESSONDIR
		      " and " MMSH_SRC_LESSONDIR ")\n", s->out);
	return 0;
}
