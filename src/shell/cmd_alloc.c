/*
 * src/shell/cmd_alloc.c: alloc, free and drain. Arguments are checked
 * first; only then does the engine run, so a refused command changes
 * nothing. What happened is printed as key=value lines a script can read.
 */
#include <string.h>

#include "cmdtab.h"
#include "mmsh/list.h"
#include "mmsh/page_alloc.h"
#include "mmsh/pcp.h"
#include "mmsh/views.h"

/* Allocation counts are bounded: never more blocks than pages exist. */
#define MAX_ALLOC_COUNT 100000000ULL

int cmd_alloc(struct session *s, struct args *a)
{
	struct machine *m = s->m;
	unsigned int order = 0;
	unsigned long long count = 1, i;
	gfp_t gfp = GFP_KERNEL;
	int cpu, nid;
	const char *v;
	struct mm_error e;
	char gfpname[256];

	if (a->argc > 1 && arg_order(s, a, a->argv[1], &order) < 0)
		return -1;
	if ((v = arg_key(a, "gfp")) && gfp_parse(v, &gfp, &e) < 0)
		return cmd_error(s, "alloc", "gfp: %s", e.msg);
	if (arg_cpu(s, a, &cpu) < 0 || arg_node(s, a, &nid) < 0)
		return -1;
	if ((v = arg_key(a, "n"))) {
		if (arg_uint(s, a, "n", v, MAX_ALLOC_COUNT, &count) < 0)
			return -1;
		if (count == 0)
			return cmd_error(s, "alloc", "n: the count must be at least 1");
	}
	m->current.cpu = cpu;
	for (i = 0; i < count; i++) {
		struct alloc_report rep;
		long pfn = mmsh_alloc(m, gfp, order, nid, &rep);
		struct strbuf sb = STRBUF_INIT;

		if (rep.warned_atomic_reclaim)
			fprintf(s->out, "WARNING: CPU: %d PID: %d at mm/page_alloc.c __alloc_pages_slowpath:"
					" __GFP_ATOMIC with __GFP_DIRECT_RECLAIM; __GFP_ATOMIC dropped"
					" (WARN_ON_ONCE: once per boot)\n", m->current.cpu, m->current.pid);

		if (pfn < 0) {
			fprintf(s->out, "alloc: order-%u allocation failed, gfp=%s\n", order,
				gfp_format(gfp, true, gfpname, sizeof(gfpname)));
			view_alloc_failure(m, &rep, order, nid, &sb);
			warn_alloc(m, gfp, order, &sb);
			session_print(s, &sb);
			sb_free(&sb);
			if (count > 1)
				fprintf(s->out, "alloc: %llu of %llu blocks allocated\n", i, count);
			return 0;
		}
		fprintf(s->out, "pfn=0x%lx order=%u zone=%s migratetype=%s via=%s\n",
			(unsigned long)pfn, order, page_zone(m, &m->mem_map[pfn])->name,
			migratetype_names[mmsh_alloc_migratetype(&m->mem_map[pfn])],
			rep.via_pcp ? "pcp" : "buddy");
	}
	return 0;
}

/* Where did the freed pfn end up: a free block, or a pcp list? */
static void report_free(struct session *s, unsigned long pfn, unsigned int order,
			int cpu, int pcp_before, int pcp_after)
{
	struct machine *m = s->m;
	unsigned int k;

	for (k = 0; k < m->max_order; k++) {
		unsigned long head = pfn & ~((1UL << k) - 1);
		struct page *page = &m->mem_map[head];

		if (PageBuddy(page) && buddy_order(page) == k) {
			fprintf(s->out, "freed pfn=0x%lx order=%u to=buddy block=0x%lx block_order=%u\n",
				pfn, order, head, k);
			if (order == 0)
				fprintf(s->out, "  (cpu %d's pcp list reached its high mark: "
						"free_pcppages_bulk gave %d page%s to the buddy lists)\n",
					cpu, pcp_before + 1 - pcp_after,
					pcp_before + 1 - pcp_after == 1 ? "" : "s");
			return;
		}
	}
	if (order == 0) {
		struct per_cpu_pages *pcp = &page_zone(m, &m->mem_map[pfn])->pageset[cpu].pcp;

		fprintf(s->out, "freed pfn=0x%lx order=0 to=pcp cpu=%d count=%d high=%d\n", pfn, cpu,
			pcp->count, pcp->high);
		if (pcp_after < pcp_before + 1)
			fprintf(s->out, "  (the list reached its high mark: free_pcppages_bulk gave %d "
					"page%s to the buddy lists)\n", pcp_before + 1 - pcp_after,
				pcp_before + 1 - pcp_after == 1 ? "" : "s");
		return;
	}
	fprintf(s->out, "freed pfn=0x%lx order=%u\n", pfn, order);
}

int cmd_free(struct session *s, struct args *a)
{
	struct machine *m = s->m;
	unsigned long pfn;
	unsigned int order = 0;
	int want_order = -1, cpu, before, after;
	struct per_cpu_pages *pcp;
	struct mm_error e;

	if (arg_cpu(s, a, &cpu) < 0)
		return -1;
	if (strcmp(a->argv[1], "all") == 0) {
		unsigned long pages = m->allocated.pages, blocks;

		if (a->argc > 2)
			return cmd_error(s, "free", "'free all' takes no order");
		m->current.cpu = cpu;
		blocks = mmsh_free_all(m);
		fprintf(s->out, "freed %lu block%s (%lu pages)\n", blocks, blocks == 1 ? "" : "s",
			pages);
		return 0;
	}
	if (arg_pfn(s, a, a->argv[1], &pfn) < 0)
		return -1;
	if (a->argc > 2) {
		if (arg_order(s, a, a->argv[2], &order) < 0)
			return -1;
		want_order = (int)order;
	}
	if (mmsh_free_check(m, pfn, want_order, &e) < 0)
		return cmd_error(s, "free", "%s", e.msg);
	order = mmsh_alloc_order(&m->mem_map[pfn]);
	m->current.cpu = cpu;
	pcp = &page_zone(m, &m->mem_map[pfn])->pageset[cpu].pcp;
	before = pcp->count;
	if (mmsh_free(m, pfn, want_order, &e) < 0)
		return cmd_error(s, "free", "%s", e.msg);
	after = pcp->count;
	report_free(s, pfn, order, cpu, before, after);
	return 0;
}

static unsigned long cpu_pcp_pages(struct machine *m, int cpu)
{
	unsigned long n = 0;
	int nid, z;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++)
			n += (unsigned long)m->node_data[nid]->node_zones[z].pageset[cpu].pcp.count;
	return n;
}

int cmd_drain(struct session *s, struct args *a)
{
	struct machine *m = s->m;
	const char *v = arg_key(a, "cpu");
	unsigned long before[MAX_CPUS];
	bool all = (a->argc > 1 && strcmp(a->argv[1], "all") == 0) || (v && strcmp(v, "all") == 0);
	int cpu = 0, c;
	bool any = false;

	if (a->argc > 1 && strcmp(a->argv[1], "all") != 0)
		return cmd_error(s, "drain", "'%s': expected 'all' or cpu=N", a->argv[1]);
	if (!all && arg_cpu(s, a, &cpu) < 0)
		return -1;
	for (c = 0; c < m->nr_cpus; c++)
		before[c] = cpu_pcp_pages(m, c);
	if (all) {
		drain_all_pages(m, NULL);
	} else {
		m->current.cpu = cpu;
		drain_local_pages(m, NULL);
	}
	for (c = 0; c < m->nr_cpus; c++) {
		unsigned long n = before[c] - cpu_pcp_pages(m, c);

		if (!all && c != cpu)
			continue;
		if (n) {
			fprintf(s->out, "drained cpu=%d pages=%lu\n", c, n);
			any = true;
		}
	}
	if (!any)
		fprintf(s->out, "drained nothing: %s per-CPU lists were empty\n",
			all ? "all" : "the CPU's");
	return 0;
}
