/*
 * include/mmsh/svg.h: pictures for slides. Each function writes a whole,
 * self-contained SVG 1.1 document (no external fonts or images, a viewBox,
 * text large enough for a projector) into a strbuf; the shell's
 * `save svg FILE` puts it in a file. Like every engine view, no I/O here.
 */
#ifndef MMSH_SVG_H
#define MMSH_SVG_H

#include "mmsh/error.h"
#include "mmsh/mmzone.h"
#include "mmsh/strbuf.h"

/* The memory map: cells per row, and the rows per zone an automatic per= aims at. */
#define SVG_MAP_COLS 64
#define SVG_MAP_ROWS 32
/* At most this many rows of cells per zone, whatever per= asks. */
#define SVG_MAX_ROWS 1024

/*
 * svg_memory(): for every selected zone (nid NUMA_NO_NODE: every node;
 * zidx < 0: every zone), its memory map (one cell per `per` pages, 0 for
 * svg_map_per(), coloured by the state `map` shows: map_group_char()), its
 * free blocks per order stacked by migratetype (each bar's height, in the
 * bar's own units, is the length of the free list), and its watermark
 * gauges (free pages against min, low and high, with the numbers), then a
 * legend. Returns 0, or -1 with err set when per= would draw more than
 * SVG_MAX_ROWS rows for a zone (nothing is written then).
 */
int svg_memory(struct machine *m, int nid, int zidx, unsigned long per,
	       struct strbuf *sb, struct mm_error *err);

/* The pages per cell svg_memory() picks for a zone: SVG_MAP_ROWS rows at most. */
unsigned long svg_map_per(const struct zone *zone);

/*
 * svg_plot(): the samples `plot` shows, as line charts: per selected zone,
 * its free pages with its min, low and high watermarks over the samples,
 * then one small chart per order (order < 0) or of one order of nr_free.
 */
void svg_plot(struct machine *m, int nid, int zidx, int order, struct strbuf *sb);

#endif
