/*
 * tests/unit/helpers.h: what every engine suite needs: booting presets
 * and hand-made shapes, asserting that check() finds nothing, reading
 * lists back as arrays, and recording tracepoints.
 */
#ifndef MMSH_TEST_HELPERS_H
#define MMSH_TEST_HELPERS_H

#include <check.h>
#include <stddef.h>

#include "mmsh/check.h"
#include "mmsh/mmzone.h"
#include "mmsh/trace.h"

/* Boot "default", "tiny" or "numa"; fails the test on error. */
struct machine *boot_preset(const char *name);

/*
 * Boot one node with the given zones (pages; 0 = absent), MAX_ORDER,
 * pageblock_order and CPUs. THP is off so min_free_kbytes is the plain
 * int_sqrt value.
 */
struct machine *boot_shape(unsigned long dma, unsigned long dma32,
			   unsigned long normal, unsigned long movable,
			   unsigned int max_order, unsigned int pageblock_order,
			   int cpus);

/* check() must find no violation (prints them when it does). */
void assert_consistent(struct machine *m);

struct zone *ZONE(struct machine *m, int nid, int zidx);

/* The entries of a list, head to tail; returns how many (fills at most max). */
size_t list_pfns(struct machine *m, uint32_t head, unsigned long *out, size_t max);
size_t free_list(struct machine *m, struct zone *z, unsigned int order, int mt,
		 unsigned long *out, size_t max);
size_t pcp_list(struct machine *m, struct zone *z, int cpu, int mt,
		unsigned long *out, size_t max);

/* Record every tracepoint into a fixed array. */
#define MAX_RECORDED 4096
struct recorder {
	struct trace_event ev[MAX_RECORDED];
	size_t n;
};
void record_events(struct machine *m, struct recorder *r);
/* How many recorded events have this id. */
size_t count_events(const struct recorder *r, enum trace_event_id id);

/* Assert node 0 zone zidx's watermarks, protection, and every CPU's pcp sizes. */
void expect_wmarks(struct machine *m, int zidx, unsigned long min, unsigned long low,
		   unsigned long high);
void expect_protection(struct machine *m, int zidx, long r0, long r1, long r2, long r3);
void expect_pcp(struct machine *m, int zidx, int high, int batch);

/* Run one suite and return the process exit status. */
int run_suite(Suite *s);

#endif
