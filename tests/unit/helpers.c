/*
 * tests/unit/helpers.c: shared test scaffolding (see helpers.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "mmsh/list.h"

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

static void recorder_cb(const struct trace_event *ev, void *arg)
{
	struct recorder *r = arg;

	if (r->n < MAX_RECORDED)
		r->ev[r->n++] = *ev;
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
