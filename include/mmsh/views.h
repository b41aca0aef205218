/*
 * include/mmsh/views.h: the views that have no /proc file: the free lists
 * block by block, the 2.4 bitmap, the pcp lists, one page like dump_page(),
 * the memory map, the watermark derivation and a gfp decoder. Each writes
 * text into a strbuf; the shell and the TUI show it.
 */
#ifndef MMSH_VIEWS_H
#define MMSH_VIEWS_H

#include <stdbool.h>

#include "mmsh/gfp.h"
#include "mmsh/mmzone.h"
#include "mmsh/strbuf.h"

/* zone == NULL means every populated zone. */
void view_free_area(struct machine *m, struct zone *zone, struct strbuf *sb);
/* order < 0 means every order. */
void view_bitmap(struct machine *m, struct zone *zone, int order,
		 struct strbuf *sb);
/* cpu < 0 means every CPU. */
void view_pcp(struct machine *m, int cpu, struct strbuf *sb);
void view_page(struct machine *m, unsigned long pfn, struct strbuf *sb);
/* The PG_ flag named as dump_page prints it ("dirty", "lru"), or -1. */
int pageflag_lookup(const char *name);
/* pages_per_char 0 picks a size that fits about 64 lines per zone. */
void view_map(struct machine *m, struct zone *zone,
	      unsigned long pages_per_char, struct strbuf *sb);
void view_watermarks(struct machine *m, struct strbuf *sb);
/* The LRU lists of node nid (NUMA_NO_NODE: every node). */
void view_lru(struct machine *m, int nid, struct strbuf *sb);
/* view_disk(): the latency and the writes in flight, oldest first (at most max listed). */
void view_disk(struct machine *m, unsigned long max, struct strbuf *sb);
void view_gfp(struct machine *m, gfp_t gfp, struct strbuf *sb);

/* Why the last allocation failed, zone by zone (after alloc_pages_nodemask). */
struct alloc_report;
void view_alloc_failure(struct machine *m, const struct alloc_report *rep,
			unsigned int order, int nid, struct strbuf *sb);

/* The character map uses for one page, and the legend explaining it. */
char map_page_char(struct machine *m, unsigned long pfn);
void map_legend(struct strbuf *sb);
/* The most common state of pfns [start, end), reading at most max_looks pages. */
char map_group_char(struct machine *m, unsigned long start, unsigned long end,
		    unsigned long max_looks);

#endif
