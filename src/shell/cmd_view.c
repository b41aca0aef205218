/*
 * src/shell/cmd_view.c: the views. Each asks the engine to format its
 * state into a buffer and prints it; zone=, node= and cpu= pick what to
 * show, and are checked against the machine before anything is printed.
 */
#include "cmdtab.h"
#include "mmsh/compaction.h"
#include "mmsh/gfp.h"
#include "mmsh/procfs.h"
#include "mmsh/views.h"

typedef void (*proc_fn)(struct machine *m, struct strbuf *sb);

static int show(struct session *s, proc_fn fn)
{
	struct strbuf sb = STRBUF_INIT;

	fn(s->m, &sb);
	session_print(s, &sb);
	sb_free(&sb);
	return 0;
}

int cmd_buddyinfo(struct session *s, struct args *a)
{
	(void)a;
	return show(s, proc_buddyinfo);
}

int cmd_pagetypeinfo(struct session *s, struct args *a)
{
	(void)a;
	return show(s, proc_pagetypeinfo);
}

int cmd_zoneinfo(struct session *s, struct args *a)
{
	(void)a;
	return show(s, proc_zoneinfo);
}

int cmd_vmstat(struct session *s, struct args *a)
{
	(void)a;
	return show(s, proc_vmstat);
}

int cmd_meminfo(struct session *s, struct args *a)
{
	(void)a;
	return show(s, proc_meminfo);
}

int cmd_watermarks(struct session *s, struct args *a)
{
	(void)a;
	return show(s, view_watermarks);
}

typedef void (*zone_view_fn)(struct session *s, struct zone *zone, const void *ctx,
			     struct strbuf *sb);

/* Call fn for every populated zone that zone= and node= select. */
static int for_selected_zones(struct session *s, const struct args *a, zone_view_fn fn,
			      const void *ctx)
{
	struct strbuf sb = STRBUF_INIT;
	int zidx, nid, n, z;
	bool shown = false;

	if (arg_zone(s, a, &zidx) < 0 || arg_node(s, a, &nid) < 0)
		return -1;
	for (n = 0; n < s->m->nr_node_ids; n++) {
		if (nid != NUMA_NO_NODE && n != nid)
			continue;
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &s->m->node_data[n]->node_zones[z];

			if (!populated_zone(zone) || (zidx >= 0 && z != zidx))
				continue;
			fn(s, zone, ctx, &sb);
			shown = true;
		}
	}
	if (!shown) {
		sb_free(&sb);
		return cmd_error(s, a->argv[0], "node %d has no populated zone %s", nid,
				 zidx >= 0 ? zone_names[zidx] : "");
	}
	session_print(s, &sb);
	sb_free(&sb);
	return 0;
}

static void free_area_one(struct session *s, struct zone *zone, const void *ctx,
			  struct strbuf *sb)
{
	(void)ctx;
	view_free_area(s->m, zone, sb);
}

int cmd_free_area(struct session *s, struct args *a)
{
	return for_selected_zones(s, a, free_area_one, NULL);
}

static void bitmap_one(struct session *s, struct zone *zone, const void *ctx,
		       struct strbuf *sb)
{
	view_bitmap(s->m, zone, *(const int *)ctx, sb);
}

int cmd_bitmap(struct session *s, struct args *a)
{
	const char *v = arg_key(a, "order");
	unsigned int order;
	int only = -1;

	if (v) {
		if (arg_order(s, a, v, &order) < 0)
			return -1;
		only = (int)order;
	}
	return for_selected_zones(s, a, bitmap_one, &only);
}

static void map_one(struct session *s, struct zone *zone, const void *ctx,
		    struct strbuf *sb)
{
	view_map(s->m, zone, *(const unsigned long *)ctx, sb);
}

int cmd_map(struct session *s, struct args *a)
{
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

		rc = for_selected_zones(s, a, map_one, &ppc);
	}
	if (rc == 0) {
		map_legend(&sb);
		session_print(s, &sb);
	}
	sb_free(&sb);
	return rc;
}

int cmd_pcp(struct session *s, struct args *a)
{
	struct strbuf sb = STRBUF_INIT;
	int cpu = -1;

	if (arg_key(a, "cpu") && arg_cpu(s, a, &cpu) < 0)
		return -1;
	view_pcp(s->m, cpu, &sb);
	session_print(s, &sb);
	sb_free(&sb);
	return 0;
}

int cmd_page(struct session *s, struct args *a)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned long pfn;

	if (arg_pfn(s, a, a->argv[1], &pfn) < 0)
		return -1;
	view_page(s->m, pfn, &sb);
	session_print(s, &sb);
	sb_free(&sb);
	return 0;
}

int cmd_gfp(struct session *s, struct args *a)
{
	struct strbuf sb = STRBUF_INIT;
	struct mm_error e;
	gfp_t gfp;

	if (gfp_parse(a->argv[1], &gfp, &e) < 0)
		return cmd_error(s, "gfp", "%s", e.msg);
	view_gfp(s->m, gfp, &sb);
	session_print(s, &sb);
	sb_free(&sb);
	return 0;
}

int cmd_lru(struct session *s, struct args *a)
{
	struct strbuf sb = STRBUF_INIT;
	int nid;

	if (arg_node(s, a, &nid) < 0)
		return -1;
	view_lru(s->m, nid, &sb);
	session_print(s, &sb);
	sb_free(&sb);
	return 0;
}

int cmd_extfrag(struct session *s, struct args *a)
{
	struct strbuf sb = STRBUF_INIT;
	struct zone *zone = NULL;
	int zidx, nid;

	if (arg_zone(s, a, &zidx) < 0 || arg_node(s, a, &nid) < 0)
		return -1;
	if (zidx >= 0) {
		if (nid == NUMA_NO_NODE)
			nid = 0;   /* a zone names one node's zone: node 0 unless node= */
		zone = &s->m->node_data[nid]->node_zones[zidx];
		if (!populated_zone(zone))
			return cmd_error(s, a->argv[0], "zone %s is empty on node %d", zone->name, nid);
	}
	view_extfrag_node(s->m, nid, zone, &sb);
	session_print(s, &sb);
	sb_free(&sb);
	return 0;
}
