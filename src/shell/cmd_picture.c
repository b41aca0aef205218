/*
 * src/shell/cmd_picture.c: pictures. `plot` draws the engine's history of
 * free pages (samples.h) as sparklines; `save svg FILE` writes the memory
 * picture or the plot (svg.h) as an SVG file for slides. The file is
 * written as FILE.tmp and renamed, so a failed write never leaves a half
 * file under FILE.
 */
#include <errno.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmdtab.h"
#include "mmsh/samples.h"
#include "mmsh/svg.h"
#include "mmsh/table.h"
#include "output.h"

/* What `save svg FILE` draws: the word after FILE (completion reads this list). */
const char *const save_svg_words[] = { "memory", "plot", NULL };

#define SAVE_FORMS "save svg FILE [memory|plot]"

/* Sparklines in block characters where the terminal's locale is UTF-8. */
static bool utf8_output(const struct session *s)
{
	const char *cs = nl_langinfo(CODESET);

	return !s->ascii_only && cs && strcmp(cs, "UTF-8") == 0;
}

/*
 * zone= and node= pick the zones to draw; the pair must name at least one
 * populated zone. Returns how many are picked, or -1 after an error line.
 */
static int pick_zones(struct session *s, const struct args *a, int *nid, int *zidx)
{
	int n, z, picked = 0;

	if (arg_zone(s, a, zidx) < 0 || arg_node(s, a, nid) < 0)
		return -1;
	for (n = 0; n < s->m->nr_node_ids; n++)
		for (z = 0; z < MAX_NR_ZONES; z++)
			if ((*nid == NUMA_NO_NODE || n == *nid) && (*zidx < 0 || z == *zidx) &&
			    populated_zone(&s->m->node_data[n]->node_zones[z]))
				picked++;
	if (!picked)
		return cmd_error(s, a->argv[0], "node %d has no populated zone %s", *nid,
				 *zidx >= 0 ? zone_names[*zidx] : "");
	return picked;
}

/* order=N, or -1 for every order. */
static int pick_order(struct session *s, const struct args *a, int *order)
{
	const char *v = arg_key(a, "order");
	unsigned int o;

	*order = -1;
	if (!v)
		return 0;
	if (arg_order(s, a, v, &o) < 0)
		return -1;
	*order = (int)o;
	return 0;
}

int cmd_plot(struct session *s, struct args *a)
{
	struct strbuf sb = STRBUF_INIT;
	int nid, zidx, order;

	if (pick_zones(s, a, &nid, &zidx) < 0 || pick_order(s, a, &order) < 0)
		return -1;
	if (output_records(s)) {
		struct table t;
		int rc;

		table_init(&t, plot_cols);
		rec_plot(s->m, nid, zidx, order, &t);
		rc = print_table(s, "plot", &t);
		table_free(&t);
		return rc;
	}
	view_plot(s->m, nid, zidx, order, utf8_output(s), &sb);
	session_print(s, &sb);
	sb_free(&sb);
	return 0;
}

/*
 * Write text to path through path.tmp: create it, write everything, make
 * sure it reached the disk, then rename it over path. On any failure the
 * temporary file is removed and path is left as it was.
 */
static int write_through_tmp(struct session *s, const char *path, const struct strbuf *sb)
{
	size_t len = strlen(path) + sizeof(".tmp");
	char *tmp = malloc(len);
	FILE *f;
	int err = 0;

	if (!tmp)
		return cmd_error(s, "save", "out of memory");
	snprintf(tmp, len, "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f) {
		err = errno;
		free(tmp);
		return cmd_error(s, "save", "cannot write %s: %s", path, strerror(err));
	}
	if (fwrite(sb->buf, 1, sb->len, f) != sb->len || fflush(f) != 0)
		err = errno ? errno : EIO;
	if (!err && fsync(fileno(f)) != 0 && errno != EINVAL && errno != EROFS)
		err = errno;
	if (fclose(f) != 0 && !err)
		err = errno ? errno : EIO;
	if (err) {
		unlink(tmp);
		free(tmp);
		return cmd_error(s, "save", "cannot write %s: %s (nothing was saved)", path,
				 strerror(err));
	}
	if (rename(tmp, path) != 0) {
		err = errno;
		unlink(tmp);
		cmd_error(s, "save", "cannot rename %s to %s: %s (nothing was saved)", tmp, path,
			  strerror(err));
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

/* What save prints in json and csv output: one record. */
static const char *const save_cols[] = { "file", "bytes", "picture", "zones", "samples", NULL };

static int print_saved(struct session *s, const char *path, size_t bytes, bool plot, int zones)
{
	struct table t;
	int rc;

	if (!output_records(s)) {
		if (plot)
			fprintf(s->out, "saved %s (SVG, %zu bytes): free pages and free blocks per order "
				"of %d zone%s over %u sample%s\n", path, bytes, zones,
				zones == 1 ? "" : "s", samples_count(s->m),
				samples_count(s->m) == 1 ? "" : "s");
		else
			fprintf(s->out, "saved %s (SVG, %zu bytes): memory map, free blocks per order and "
				"watermarks of %d zone%s\n", path, bytes, zones, zones == 1 ? "" : "s");
		return 0;
	}
	table_init(&t, save_cols);
	table_row(&t);
	table_str(&t, "file", path);
	table_uint(&t, "bytes", bytes);
	table_str(&t, "picture", plot ? "plot" : "memory");
	table_int(&t, "zones", zones);
	if (plot)
		table_uint(&t, "samples", samples_count(s->m));
	rc = print_table(s, "save", &t);
	table_free(&t);
	return rc;
}

/* The word after FILE: memory (the default) or plot. */
static int pick_picture(struct session *s, const struct args *a, bool *plot)
{
	const char *w = a->argc > 3 ? a->argv[3] : "memory";

	*plot = strcmp(w, "plot") == 0;
	if (*plot || strcmp(w, "memory") == 0)
		return 0;
	return cmd_error(s, "save", "unknown picture '%s' (memory or plot: %s)", w, SAVE_FORMS);
}

int cmd_save(struct session *s, struct args *a)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned long long per = 0;
	int nid, zidx, order, zones, rc = 0;
	const char *path, *v;
	struct mm_error e;
	bool plot;

	if (strcmp(a->argv[1], "svg") != 0)
		return cmd_save_state(s, a);   /* save FILE: the engine state (cmd_state.c) */
	if (a->argc < 3)
		return cmd_error(s, "save", "missing FILE (usage: %s)", SAVE_FORMS);
	path = a->argv[2];
	if (!*path)
		return cmd_error(s, "save", "FILE: an empty file name");
	if (pick_picture(s, a, &plot) < 0)
		return -1;
	if (plot && arg_key(a, "per"))
		return cmd_error(s, "save", "per= sizes the memory map: 'save svg FILE plot' has none");
	if (!plot && arg_key(a, "order"))
		return cmd_error(s, "save", "order= picks a chart of 'save svg FILE plot'; the memory "
				 "picture shows every order");
	zones = pick_zones(s, a, &nid, &zidx);
	if (zones < 0 || pick_order(s, a, &order) < 0)
		return -1;
	v = arg_key(a, "per");
	if (v) {
		if (arg_uint(s, a, "per", v, s->m->max_pfn, &per) < 0)
			return -1;
		if (per == 0)
			return cmd_error(s, "save", "per: at least 1 page per cell");
	}
	if (plot)
		svg_plot(s->m, nid, zidx, order, &sb);
	else if (svg_memory(s->m, nid, zidx, (unsigned long)per, &sb, &e) < 0)
		rc = cmd_error(s, "save", "%s", e.msg);
	if (rc == 0 && sb.oom)
		rc = cmd_error(s, "save", "out of memory for the picture (nothing was saved)");
	if (rc == 0)
		rc = write_through_tmp(s, path, &sb);
	if (rc == 0)
		rc = print_saved(s, path, sb.len, plot, zones);
	sb_free(&sb);
	return rc;
}
