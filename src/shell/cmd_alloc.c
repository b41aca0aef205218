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
#include "mmsh/records.h"
#include "mmsh/views.h"
#include "output.h"

/* Allocation counts are bounded: never more blocks than pages exist. */
#define MAX_ALLOC_COUNT 100000000ULL

/* alloc's records (set output json|csv): one per block, or for the failure. */
static const char *const alloc_cols[] = {
	"pfn", "order", "zone", "migratetype", "via", "outcome", "gfp", NULL,
};

static void alloc_record(struct table *t, struct machine *m, long pfn, unsigned int order,
			 const char *gfpname, const struct alloc_report *rep)
{
	table_row(t);
	if (pfn >= 0) {
		table_uint(t, "pfn", (unsigned long)pfn);
		table_str(t, "zone", page_zone(m, &m->mem_map[pfn])->name);
		table_str(t, "migratetype",
			  migratetype_names[mmsh_alloc_migratetype(&m->mem_map[pfn])]);
		table_str(t, "via", rep->via_pcp ? "pcp" : "buddy");
	}
	table_uint(t, "order", order);
	table_str(t, "outcome", alloc_outcome_name(rep->outcome));
	table_str(t, "gfp", gfpname);
}

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
	FILE *log = output_log_stream(s);
	struct table t;
	int rc;

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
	gfp_format(gfp, true, gfpname, sizeof(gfpname));
	table_init(&t, alloc_cols);
	for (i = 0; i < count; i++) {
		struct alloc_report rep;
		long pfn = mmsh_alloc(m, gfp, order, nid, &rep);
		struct strbuf sb = STRBUF_INIT;

		if (rep.warned_atomic_reclaim)
			fprintf(log, "WARNING: CPU: %d PID: %d at mm/page_alloc.c __alloc_pages_slowpath:"
				     " __GFP_ATOMIC with __GFP_DIRECT_RECLAIM; __GFP_ATOMIC dropped"
				     " (WARN_ON_ONCE: once per boot)\n", m->current.cpu, m->current.pid);
		if (output_records(s))
			alloc_record(&t, m, pfn, order, gfpname, &rep);
		if (pfn < 0) {
			/* the kernel's report is text: stderr while the blocks print as records */
			fflush(s->out);
			fprintf(log, "alloc: order-%u allocation failed, gfp=%s\n", order, gfpname);
			view_alloc_failure(m, &rep, order, nid, &sb);
			warn_alloc(m, gfp, order, &sb);
			if (output_records(s))
				fputs(sb_str(&sb), log);
			else
				session_print(s, &sb);
			sb_free(&sb);
			if (count > 1)
				fprintf(log, "alloc: %llu of %llu blocks allocated\n", i, count);
			break;
		}
		/* lessons ask about it: last_pfn */
		s->last_alloc = (struct last_alloc){ true, (unsigned long)pfn, order };
		if (!output_records(s))
			fprintf(s->out, "pfn=0x%lx order=%u zone=%s migratetype=%s via=%s\n",
				(unsigned long)pfn, order, page_zone(m, &m->mem_map[pfn])->name,
				migratetype_names[mmsh_alloc_migratetype(&m->mem_map[pfn])],
				rep.via_pcp ? "pcp" : "buddy");
	}
	rc = output_records(s) ? print_table(s, "alloc", &t) : 0;
	table_free(&t);
	return rc;
}

/* Where a freed block went: into a free block (to buddy), onto a pcp list, or neither. */
struct free_result {
	unsigned long pfn, block;
	unsigned int order, block_order;
	const char *to;           /* "buddy", "pcp" or NULL */
	int cpu, count, high;     /* the CPU; its pcp list's count and high after (to pcp) */
	int flushed;              /* order 0: pages free_pcppages_bulk gave to the buddy lists */
};

static void locate_free(struct machine *m, struct free_result *r, int pcp_before, int pcp_after)
{
	unsigned int k;

	r->to = NULL;
	r->flushed = pcp_before + 1 - pcp_after;
	for (k = 0; k < m->max_order; k++) {
		unsigned long head = r->pfn & ~((1UL << k) - 1);
		struct page *page = &m->mem_map[head];

		if (PageBuddy(page) && buddy_order(page) == k) {
			r->to = "buddy";
			r->block = head;
			r->block_order = k;
			return;
		}
	}
	if (r->order == 0) {
		struct per_cpu_pages *pcp = &page_zone(m, &m->mem_map[r->pfn])->pageset[r->cpu].pcp;

		r->to = "pcp";
		r->count = pcp->count;
		r->high = pcp->high;
	}
}

/* free's records (set output json|csv): one per freed block. */
static const char *const free_cols[] = {
	"pfn", "order", "to", "block", "block_order", "cpu", "count", "high", "flushed", NULL,
};

static int free_record(struct session *s, const struct free_result *r)
{
	struct table t;
	bool buddy = r->to && strcmp(r->to, "buddy") == 0;
	int rc;

	table_init(&t, free_cols);
	table_row(&t);
	table_uint(&t, "pfn", r->pfn);
	table_uint(&t, "order", r->order);
	if (r->to)
		table_str(&t, "to", r->to);
	if (buddy) {
		table_uint(&t, "block", r->block);
		table_uint(&t, "block_order", r->block_order);
	}
	table_int(&t, "cpu", r->cpu);
	if (r->to && !buddy) {
		table_int(&t, "count", r->count);
		table_int(&t, "high", r->high);
	}
	if (r->order == 0)
		table_int(&t, "flushed", r->flushed);
	rc = print_table(s, "free", &t);
	table_free(&t);
	return rc;
}

/* Where did the freed pfn end up: a free block, or a pcp list? */
static int report_free(struct session *s, unsigned long pfn, unsigned int order,
		       int cpu, int pcp_before, int pcp_after)
{
	struct free_result r = { .pfn = pfn, .order = order, .cpu = cpu };

	locate_free(s->m, &r, pcp_before, pcp_after);
	if (output_records(s))
		return free_record(s, &r);
	if (r.to && strcmp(r.to, "buddy") == 0) {
		fprintf(s->out, "freed pfn=0x%lx order=%u to=buddy block=0x%lx block_order=%u\n",
			pfn, order, r.block, r.block_order);
		if (order == 0)
			fprintf(s->out, "  (cpu %d's pcp list reached its high mark: "
					"free_pcppages_bulk gave %d page%s to the buddy lists)\n",
				cpu, r.flushed, r.flushed == 1 ? "" : "s");
	} else if (r.to) {
		fprintf(s->out, "freed pfn=0x%lx order=0 to=pcp cpu=%d count=%d high=%d\n", pfn, cpu,
			r.count, r.high);
		if (r.flushed > 0)
			fprintf(s->out, "  (the list reached its high mark: free_pcppages_bulk gave %d "
					"page%s to the buddy lists)\n", r.flushed,
				r.flushed == 1 ? "" : "s");
	} else {
		fprintf(s->out, "freed pfn=0x%lx order=%u\n", pfn, order);
	}
	return 0;
}

/* `free all`'s record: how many blocks and pages went back. */
static int free_all_record(struct session *s, unsigned long blocks, unsigned long pages)
{
	static const char *const cols[] = { "blocks", "pages", NULL };
	struct table t;
	int rc;

	table_init(&t, cols);
	table_row(&t);
	table_uint(&t, "blocks", blocks);
	table_uint(&t, "pages", pages);
	rc = print_table(s, "free", &t);
	table_free(&t);
	return rc;
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
		if (output_records(s))
			return free_all_record(s, blocks, pages);
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
	return report_free(s, pfn, order, cpu, before, after);
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
