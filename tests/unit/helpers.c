/*
 * tests/unit/helpers.c: shared test scaffolding (see helpers.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "mmsh/list.h"
#include "mmsh/lru.h"
#include "mmsh/page_alloc.h"
#include "mmsh/vmscan.h"
#include "mmsh/workload.h"

struct machine *boot_preset(const char *name)
{
	struct machine_shape s;
	struct mm_error e;
	struct machine *m;

	if (strcmp(name, "tiny") == 0)
		machine_shape_tiny(&s);
	else if (strcmp(name, "numa") == 0)
		machine_shape_numa(&s);
	else
		machine_shape_default(&s);
	m = machine_create(&s, &e);
	ck_assert_msg(m != NULL, "boot %s: %s", name, e.msg);
	return m;
}

struct machine *boot_shape(unsigned long dma, unsigned long dma32,
			   unsigned long normal, unsigned long movable,
			   unsigned int max_order, unsigned int pageblock_order,
			   int cpus)
{
	struct machine_shape s;
	struct mm_error e;
	struct machine *m;
	unsigned long pages[MAX_NR_ZONES] = { dma, dma32, normal, movable };
	int z;

	machine_shape_init(&s);
	s.max_order = max_order;
	s.pageblock_order = pageblock_order;
	s.nr_cpus = cpus;
	s.thp = THP_NEVER;
	for (z = 0; z < MAX_NR_ZONES; z++)
		s.zones[0][z] = (struct zone_shape){ pages[z], pages[z], pages[z] };
	m = machine_create(&s, &e);
	ck_assert_msg(m != NULL, "boot shape: %s", e.msg);
	return m;
}

struct machine *boot_swap(unsigned long normal, unsigned long swap_pages, int cpus)
{
	struct machine_shape s;
	struct mm_error e;
	struct machine *m;

	machine_shape_init(&s);
	s.nr_cpus = cpus;
	s.thp = THP_NEVER;
	s.swap_pages = swap_pages;
	s.zones[0][ZONE_NORMAL] = (struct zone_shape){ normal, normal, normal };
	m = machine_create(&s, &e);
	ck_assert_msg(m != NULL, "boot with swap: %s", e.msg);
	return m;
}

struct machine *boot_small(void)
{
	return boot_shape(0, 0, 16384, 0, 11, 9, 1);
}

void assert_consistent(struct machine *m)
{
	struct check_result r;
	struct strbuf sb = STRBUF_INIT;

	check_machine(m, &r, &sb, 20);
	if (r.violations)
		fprintf(stderr, "%s", sb_str(&sb));
	sb_free(&sb);
	ck_assert_msg(r.violations == 0, "check found %lu violations", r.violations);
}

struct zone *ZONE(struct machine *m, int nid, int zidx)
{
	return &m->node_data[nid]->node_zones[zidx];
}

struct zone *NORMAL(struct machine *m)
{
	return ZONE(m, 0, ZONE_NORMAL);
}

struct page *PG(struct machine *m, unsigned long pfn)
{
	return &m->mem_map[pfn];
}

long node_stat(struct machine *m, enum node_stat_item item)
{
	return m->node_data[0]->vm_stat[item];
}

long normal_stat(struct machine *m, enum zone_stat_item item)
{
	return zone_page_state(NORMAL(m), item);
}

long zone_free(const struct zone *z)
{
	return zone_page_state(z, NR_FREE_PAGES);
}

long nr_free(struct machine *m)
{
	return zone_free(NORMAL(m));
}

unsigned long ev(struct machine *m, enum vm_event_item item)
{
	return m->vm_events[item];
}

size_t list_pfns(struct machine *m, uint32_t head, unsigned long *out, size_t max)
{
	size_t n = 0;
	uint32_t id;

	for (id = list_first(m->mem_map, head); id != head; id = list_next(m->mem_map, id)) {
		if (n < max)
			out[n] = id;
		n++;
	}
	return n;
}

size_t free_list(struct machine *m, struct zone *z, unsigned int order, int mt,
		 unsigned long *out, size_t max)
{
	return list_pfns(m, z->free_area[order].free_list[mt], out, max);
}

size_t pcp_list(struct machine *m, struct zone *z, int cpu, int mt,
		unsigned long *out, size_t max)
{
	return list_pfns(m, z->pageset[cpu].pcp.lists[mt], out, max);
}

size_t lru_pfns(struct machine *m, enum lru_list lru, unsigned long *out, size_t max)
{
	return list_pfns(m, node_lruvec(m, 0)->lists[lru], out, max);
}

/* ---- allocations, owners, pages --------------------------------------------------------- */

long held(struct machine *m, gfp_t gfp, unsigned int order)
{
	long pfn = mmsh_alloc(m, gfp, order, NUMA_NO_NODE, NULL);

	ck_assert_msg(pfn >= 0, "held allocation of order %u failed", order);
	return pfn;
}

struct task *new_task_adj(struct machine *m, const char *name, int adj)
{
	struct mm_error e;
	struct task *t = task_new(m, name, adj, &e);

	ck_assert_msg(t != NULL, "task_new %s: %s", name, e.msg);
	return t;
}

struct task *new_task(struct machine *m, const char *name)
{
	return new_task_adj(m, name, 0);
}

int new_file(struct machine *m, const char *name)
{
	struct mm_error e;
	int f = file_get(m, name, &e);

	ck_assert_msg(f >= 0, "file_get %s: %s", name, e.msg);
	return f;
}

/* A call that should have done all n pages did `done`. */
static void expect_all(const char *what, long done, unsigned long n, const struct mm_error *e)
{
	ck_assert_msg(done == (long)n, "%s: %ld of %lu pages: %s", what, done, n, e->msg);
}

void fault(struct machine *m, struct task *t, unsigned long n)
{
	struct mm_error e = { "" };

	expect_all("fault_anon", fault_anon(m, t, n, &e), n, &e);
	assert_consistent(m);
}

void map_file(struct machine *m, struct task *t, int f, unsigned long n, bool exec)
{
	struct mm_error e = { "" };

	expect_all("fault_file", fault_file(m, t, f, 0, n, exec, &e), n, &e);
	assert_consistent(m);
}

void read_file(struct machine *m, int f, unsigned long off, unsigned long n)
{
	struct mm_error e = { "" };

	expect_all("file_read", file_read(m, f, off, n, &e), n, &e);
	assert_consistent(m);
}

void write_file(struct machine *m, int f, unsigned long off, unsigned long n)
{
	struct mm_error e = { "" };

	expect_all("file_write", file_write(m, f, off, n, &e), n, &e);
	assert_consistent(m);
}

void mlock_all(struct machine *m, struct task *t, bool lock)
{
	struct mm_error e = { "" };

	ck_assert_msg(mlock_task(m, t, lock, &e) == 0, "mlock_task: %s", e.msg);
	assert_consistent(m);
}

int read_new_file(struct machine *m, const char *name, unsigned long n)
{
	struct mm_error e = { "" };
	int f = new_file(m, name);

	expect_all("file_read", file_read(m, f, 0, n, &e), n, &e);
	lru_add_drain_all(m);
	return f;
}

bool cached(struct machine *m, int f, unsigned long off)
{
	return off < m->files[f].size && (m->files[f].slot[off] & SLOT_PRESENT);
}

struct page *file_page(struct machine *m, int f, unsigned long off)
{
	return PG(m, file_pfn(m, f, off));
}

unsigned long file_pfn(struct machine *m, int f, unsigned long off)
{
	ck_assert_msg(cached(m, f, off), "offset %lu of %s is not cached", off, m->files[f].name);
	return (unsigned long)(m->files[f].slot[off] & PTE_VALUE);
}

struct page *anon_page(struct machine *m, struct task *t, unsigned long v)
{
	return PG(m, anon_pfn(t, v));
}

unsigned long anon_pfn(const struct task *t, unsigned long v)
{
	ck_assert_msg(v < t->anon_len && pte_present(t->anon[v]),
		      "%s maps no page at anonymous page %lu", t->comm, v);
	return (unsigned long)pte_val(t->anon[v]);
}

void pin_file(struct machine *m, int f, bool pin)
{
	unsigned long off;

	for (off = 0; off < m->files[f].size; off++) {
		if (!cached(m, f, off))
			continue;
		if (pin)
			get_page(file_page(m, f, off));
		else
			put_page(m, file_page(m, f, off));
	}
}

unsigned long reclaim_page_unchecked(struct machine *m, struct page *page, bool ignore_refs)
{
	struct scan_control sc = {
		.nr_to_reclaim = SWAP_CLUSTER_MAX, .gfp_mask = GFP_KERNEL,
		.priority = DEF_PRIORITY, .reclaim_idx = MAX_NR_ZONES - 1,
		.may_writepage = true, .may_unmap = true, .may_swap = true,
	};
	uint32_t list = m->local_lists[LL_PAGE_LIST];
	struct reclaim_stat stat;
	unsigned long n;

	lru_add_drain(m);
	ck_assert_int_eq(isolate_lru_page(m, page), 0);
	list_add(m->mem_map, (uint32_t)page_to_pfn(m, page), list);
	n = shrink_page_list(m, list, m->node_data[0], &sc, &stat, ignore_refs);
	while (!list_empty(m->mem_map, list)) {
		uint32_t pfn = list_first(m->mem_map, list);

		list_del(m->mem_map, pfn);
		putback_lru_page(m, &m->mem_map[pfn]);
	}
	lru_add_drain(m);
	return n;
}

unsigned long reclaim_page(struct machine *m, struct page *page, bool ignore_refs)
{
	unsigned long n = reclaim_page_unchecked(m, page, ignore_refs);

	assert_consistent(m);
	return n;
}

void as_task(struct machine *m, struct task *t, struct as_saved *s)
{
	s->current = m->current;
	s->task = m->current_task;
	s->victim = m->current_oom_victim;
	snprintf(m->current.comm, sizeof(m->current.comm), "%s", t->comm);
	m->current.pid = t->pid;
	m->current_task = t;
	m->current_oom_victim = false;
}

void as_before(struct machine *m, const struct as_saved *s)
{
	m->current = s->current;
	m->current_task = s->task;
	m->current_oom_victim = s->victim;
}

/* ---- tracepoints and kernel messages ---------------------------------------------------- */

static void recorder_cb(const struct trace_event *event, void *arg)
{
	struct recorder *r = arg;

	if (r->n < MAX_RECORDED)
		r->ev[r->n++] = *event;
}

void record_events(struct machine *m, struct recorder *r)
{
	r->n = 0;
	trace_subscribe(m, TRACE_ALL_EVENTS, recorder_cb, r);
}

size_t count_events(const struct recorder *r, enum trace_event_id id)
{
	size_t i, n = 0;

	for (i = 0; i < r->n; i++)
		n += r->ev[i].id == id;
	return n;
}

void record_only(struct machine *m, struct recorder *r, uint64_t mask)
{
	record_events(m, r);
	trace_subscribe(m, mask, m->trace_cb, m->trace_arg);
}

void stop_recording(struct machine *m)
{
	trace_subscribe(m, 0, NULL, NULL);
}

const char *nth_line(const struct recorder *r, enum trace_event_id id, size_t nth)
{
	static char line[512];
	size_t i, seen = 0;

	for (i = 0; i < r->n; i++) {
		struct strbuf sb = STRBUF_INIT;
		const char *name;

		if (r->ev[i].id != id || seen++ != nth)
			continue;
		trace_format(&r->ev[i], &sb);
		name = strstr(sb_str(&sb), trace_event_name(id));
		snprintf(line, sizeof(line), "%s", name ? name : sb_str(&sb));
		sb_free(&sb);
		return line;
	}
	return "(no such event)";
}

size_t first_event(const struct recorder *r, enum trace_event_id id)
{
	size_t i;

	for (i = 0; i < r->n && r->ev[i].id != id; i++)
		;
	return i;
}

static void klog_cb(const char *line, void *arg)
{
	struct klog *log = arg;
	const char *p = strchr(line, ']');

	if (log->n < MAX_LOG)
		snprintf(log->line[log->n++], sizeof(log->line[0]), "%s", p ? p + 2 : line);
}

void record_log(struct machine *m, struct klog *log)
{
	log->n = 0;
	printk_subscribe(m, klog_cb, log);
}

int find_log_from(const struct klog *log, int from, const char *text)
{
	int i;

	for (i = from; i < log->n; i++)
		if (strcmp(log->line[i], text) == 0)
			return i;
	return -1;
}

int find_log(const struct klog *log, const char *text)
{
	return find_log_from(log, 0, text);
}

int count_log(const struct klog *log, const char *part)
{
	int i, n = 0;

	for (i = 0; i < log->n; i++)
		n += strstr(log->line[i], part) != NULL;
	return n;
}

/* ---- watermarks and pcp ------------------------------------------------------------------ */

void expect_wmarks(struct machine *m, int zidx, unsigned long min,
			  unsigned long low, unsigned long high)
{
	struct zone *z = ZONE(m, 0, zidx);

	ck_assert_msg(z->_watermark[WMARK_MIN] == min &&
		      z->_watermark[WMARK_LOW] == low &&
		      z->_watermark[WMARK_HIGH] == high,
		      "zone %s: min/low/high %lu/%lu/%lu, expected %lu/%lu/%lu",
		      z->name, z->_watermark[WMARK_MIN], z->_watermark[WMARK_LOW],
		      z->_watermark[WMARK_HIGH], min, low, high);
}

void expect_protection(struct machine *m, int zidx, long r0, long r1,
			      long r2, long r3)
{
	struct zone *z = ZONE(m, 0, zidx);

	ck_assert_msg(z->lowmem_reserve[0] == r0 && z->lowmem_reserve[1] == r1 &&
		      z->lowmem_reserve[2] == r2 && z->lowmem_reserve[3] == r3,
		      "zone %s: protection (%ld, %ld, %ld, %ld), expected (%ld, %ld, %ld, %ld)",
		      z->name, z->lowmem_reserve[0], z->lowmem_reserve[1],
		      z->lowmem_reserve[2], z->lowmem_reserve[3], r0, r1, r2, r3);
}

void expect_pcp(struct machine *m, int zidx, int high, int batch)
{
	int cpu;

	for (cpu = 0; cpu < m->nr_cpus; cpu++) {
		struct per_cpu_pages *p = &ZONE(m, 0, zidx)->pageset[cpu].pcp;

		ck_assert_msg(p->high == high && p->batch == batch,
			      "zone %s cpu %d: pcp %d/%d, expected %d/%d",
			      ZONE(m, 0, zidx)->name, cpu, p->high, p->batch, high, batch);
	}
}

int run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
