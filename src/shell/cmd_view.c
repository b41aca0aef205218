/*
 * src/shell/cmd_view.c: the views. Each asks the engine to format its
 * state into a buffer and prints it, or, after `set output json|csv`, to
 * fill its records (mmsh/records.h) and prints those. zone=, node= and
 * cpu= pick what to show, and are checked before anything is printed.
 */
#include "cmdtab.h"
#include "mmsh/compaction.h"
#include "mmsh/gfp.h"
#include "mmsh/procfs.h"
#include "mmsh/records.h"
#include "mmsh/views.h"
#include "output.h"

typedef void (*proc_fn)(struct machine *m, struct strbuf *sb);

/* A whole-machine view: its text, or its records with these columns. */
static int show(struct session *s, const char *cmd, proc_fn fn, const char *const *cols,
		fill_fn fill)
{
	struct strbuf sb = STRBUF_INIT;

	if (output_records(s))
		return print_records(s, cmd, cols, fill);
	fn(s->m, &sb);
	session_print(s, &sb);
	sb_free(&sb);
	return 0;
}

int cmd_buddyinfo(struct session *s, struct args *a)
{
	return show(s, a->argv[0], proc_buddyinfo, buddyinfo_cols, rec_buddyinfo);
}

int cmd_pagetypeinfo(struct session *s, struct args *a)
{
	return show(s, a->argv[0], proc_pagetypeinfo, pagetypeinfo_cols, rec_pagetypeinfo);
}

int cmd_zoneinfo(struct session *s, struct args *a)
{
	return show(s, a->argv[0], proc_zoneinfo, zoneinfo_cols, rec_zoneinfo);
}

int cmd_vmstat(struct session *s, struct args *a)
{
	return show(s, a->argv[0], proc_vmstat, vmstat_cols, rec_vmstat);
}

int cmd_meminfo(struct session *s, struct args *a)
{
	return show(s, a->argv[0], proc_meminfo, meminfo_cols, rec_meminfo);
}

int cmd_watermarks(struct session *s, struct args *a)
{
	return show(s, a->argv[0], view_watermarks, watermarks_cols, rec_watermarks);
}

/* A view of one zone at a time: its text and its records. */
struct zone_view {
	void (*text)(struct session *s, struct zone *zone, const void *ctx, struct strbuf *sb);
	void (*rec)(struct session *s, struct zone *zone, const void *ctx, struct table *t);
	const char *const *cols;
};

/* Show every populated zone that zone= and node= select. */
static int for_selected_zones(struct session *s, const struct args *a,
			      const struct zone_view *view, const void *ctx)
{
	struct strbuf sb = STRBUF_INIT;
	struct table t;
	int zidx, nid, n, z, rc = 0;
	bool shown = false;

	if (arg_zone(s, a, &zidx) < 0 || arg_node(s, a, &nid) < 0)
		return -1;
	table_init(&t, view->cols);
	for (n = 0; n < s->m->nr_node_ids; n++) {
		if (nid != NUMA_NO_NODE && n != nid)
			continue;
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &s->m->node_data[n]->node_zones[z];

			if (!populated_zone(zone) || (zidx >= 0 && z != zidx))
				continue;
			if (output_records(s))
				view->rec(s, zone, ctx, &t);
			else
				view->text(s, zone, ctx, &sb);
			shown = true;
		}
	}
	if (!shown)
		rc = cmd_error(s, a->argv[0], "node %d has no populated zone %s", nid,
			       zidx >= 0 ? zone_names[zidx] : "");
	else if (output_records(s))
		rc = print_table(s, a->argv[0], &t);
	else
		session_print(s, &sb);
	table_free(&t);
	sb_free(&sb);
	return rc;
}

static void free_area_text(struct session *s, struct zone *zone, const void *ctx,
			   struct strbuf *sb)
{
	(void)ctx;
	view_free_area(s->m, zone, sb);
}

static void free_area_rec(struct session *s, struct zone *zone, const void *ctx,
			  struct table *t)
{
	(void)ctx;
	rec_free_area(s->m, zone, t);
}

int cmd_free_area(struct session *s, struct args *a)
{
	static const struct zone_view view = { free_area_text, free_area_rec, free_area_cols };

	return for_selected_zones(s, a, &view, NULL);
}

static void bitmap_text(struct session *s, struct zone *zone, const void *ctx,
			struct strbuf *sb)
{
	view_bitmap(s->m, zone, *(const int *)ctx, sb);
}

static void bitmap_rec(struct session *s, struct zone *zone, const void *ctx,
		       struct table *t)
{
	rec_bitmap(s->m, zone, *(const int *)ctx, t);
}

int cmd_bitmap(struct session *s, struct args *a)
{
	static const struct zone_view view = { bitmap_text, bitmap_rec, bitmap_cols };
	const char *v = arg_key(a, "order");
	unsigned int order;
	int only = -1;

	if (v) {
		if (arg_order(s, a, v, &order) < 0)
			return -1;
		only = (int)order;
	}
	return for_selected_zones(s, a, &view, &only);
}

static void map_text(struct session *s, struct zone *zone, const void *ctx,
		     struct strbuf *sb)
{
	view_map(s->m, zone, *(const unsigned long *)ctx, sb);
}

static void map_rec(struct session *s, struct zone *zone, const void *ctx,
		    struct table *t)
{
	rec_map(s->m, zone, *(const unsigned long *)ctx, t);
}

int cmd_map(struct session *s, struct args *a)
{
	static const struct zone_view view = { map_text, map_rec, map_cols };
	const char *v = arg_key(a, "per");
	unsigned long long per = 0;
	struct strbuf sb = STRBUF_INIT;
	int rc;

	if (v) {
		if (arg_uint(s, a, "per", v, s->m->max_pfn, &per) < 0)
			return -1;
		if (per == 0)
			return cmd_error(s, "map", "per: at least 1 page per character");
	}
	{
		unsigned long ppc = (unsigned long)per;

		rc = for_selected_zones(s, a, &view, &ppc);
	}
	if (rc == 0 && !output_records(s)) {
		map_legend(&sb);
		session_print(s, &sb);
	}
	sb_free(&sb);
	return rc;
}

int cmd_pcp(struct session *s, struct args *a)
{
	struct strbuf sb = STRBUF_INIT;
	struct table t;
	int cpu = -1, rc = 0;

	if (arg_key(a, "cpu") && arg_cpu(s, a, &cpu) < 0)
		return -1;
	table_init(&t, pcp_cols);
	if (output_records(s)) {
		rec_pcp(s->m, cpu, &t);
		rc = print_table(s, "pcp", &t);
	} else {
		view_pcp(s->m, cpu, &sb);
		session_print(s, &sb);
	}
	table_free(&t);
	sb_free(&sb);
	return rc;
}

int cmd_page(struct session *s, struct args *a)
{
	struct strbuf sb = STRBUF_INIT;
	struct table t;
	unsigned long pfn;
	int rc = 0;

	if (arg_pfn(s, a, a->argv[1], &pfn) < 0)
		return -1;
	table_init(&t, page_cols);
	if (output_records(s)) {
		rec_page(s->m, pfn, &t);
		rc = print_table(s, "page", &t);
	} else {
		view_page(s->m, pfn, &sb);
		session_print(s, &sb);
	}
	table_free(&t);
	sb_free(&sb);
	return rc;
}

int cmd_gfp(struct session *s, struct args *a)
{
	struct strbuf sb = STRBUF_INIT;
	struct table t;
	struct mm_error e;
	gfp_t gfp;
	int rc = 0;

	if (gfp_parse(a->argv[1], &gfp, &e) < 0)
		return cmd_error(s, "gfp", "%s", e.msg);
	table_init(&t, gfp_cols);
	if (output_records(s)) {
		rec_gfp(s->m, gfp, &t);
		rc = print_table(s, "gfp", &t);
	} else {
		view_gfp(s->m, gfp, &sb);
		session_print(s, &sb);
	}
	table_free(&t);
	sb_free(&sb);
	return rc;
}

int cmd_lru(struct session *s, struct args *a)
{
	struct strbuf sb = STRBUF_INIT;
	struct table t;
	int nid, rc = 0;

	if (arg_node(s, a, &nid) < 0)
		return -1;
	table_init(&t, lru_cols);
	if (output_records(s)) {
		rec_lru(s->m, nid, &t);
		rc = print_table(s, "lru", &t);
	} else {
		view_lru(s->m, nid, &sb);
		session_print(s, &sb);
	}
	table_free(&t);
	sb_free(&sb);
	return rc;
}

int cmd_extfrag(struct session *s, struct args *a)
{
	struct strbuf sb = STRBUF_INIT;
	struct table t;
	struct zone *zone = NULL;
	int zidx, nid, rc = 0;

	if (arg_zone(s, a, &zidx) < 0 || arg_node(s, a, &nid) < 0)
		return -1;
	if (zidx >= 0) {
		if (nid == NUMA_NO_NODE)
			nid = 0;   /* a zone names one node's zone: node 0 unless node= */
		zone = &s->m->node_data[nid]->node_zones[zidx];
		if (!populated_zone(zone))
			return cmd_error(s, a->argv[0], "zone %s is empty on node %d", zone->name, nid);
	}
	table_init(&t, extfrag_cols);
	if (output_records(s)) {
		rec_extfrag(s->m, nid, zone, &t);
		rc = print_table(s, a->argv[0], &t);
	} else {
		view_extfrag_node(s->m, nid, zone, &sb);
		session_print(s, &sb);
	}
	table_free(&t);
	sb_free(&sb);
	return rc;
}
