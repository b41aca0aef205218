/*
 * src/engine/samples.c: the free-page history behind `plot` (samples.h).
 * A ring of the newest SAMPLE_RING_SIZE samples, each the free pages, the
 * watermarks and nr_free per order of every populated zone, kept in one
 * heap buffer without pointers so that a snapshot copies it with memcpy.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mmsh/samples.h"
#include "mmsh/table.h"

/*
 * struct sample_ring: cap samples of stride 32-bit words each. A sample is
 * its jiffies (two words, low first), then for every tracked zone, in node
 * and zone order: free pages, min, low and high, then nr_free of orders 0
 * to norders - 1. Counts above UINT32_MAX (a machine of 16 TiB) saturate.
 */
struct sample_ring {
	uint32_t cap;
	uint32_t nzones;
	uint32_t norders;
	uint32_t stride;
	uint32_t head;                              /* where the next sample goes */
	uint32_t count;                             /* samples held */
	uint64_t taken;                             /* samples added since boot */
	int8_t slot[MAX_NUMNODES][MAX_NR_ZONES];    /* a zone's place in a sample; -1: none */
	uint32_t data[];
};

#define JIFFY_WORDS 2
#define ZONE_HEAD_WORDS (1 + NR_WMARK)
#define MAX_SAMPLE_WORDS \
	(JIFFY_WORDS + MAX_NUMNODES * MAX_NR_ZONES * (ZONE_HEAD_WORDS + MAX_ORDER_LIMIT))

static size_t zone_words(const struct sample_ring *r)
{
	return ZONE_HEAD_WORDS + r->norders;
}

static size_t ring_bytes(uint32_t cap, uint32_t stride)
{
	return sizeof(struct sample_ring) + (size_t)cap * stride * sizeof(uint32_t);
}

size_t samples_bytes(const struct machine *m)
{
	const struct sample_ring *r = m->samples;

	return r ? ring_bytes(r->cap, r->stride) : 0;
}

int samples_init(struct machine *m)
{
	struct sample_ring *r;
	uint32_t nzones = 0;
	int nid, z;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++)
			nzones += populated_zone(&m->node_data[nid]->node_zones[z]);
	{
		uint32_t stride = JIFFY_WORDS + nzones * (ZONE_HEAD_WORDS + m->max_order);

		r = calloc(1, ring_bytes(SAMPLE_RING_SIZE, stride));
		if (!r)
			return -1;
		r->stride = stride;
	}
	r->cap = SAMPLE_RING_SIZE;
	r->nzones = nzones;
	r->norders = m->max_order;
	memset(r->slot, -1, sizeof(r->slot));
	nzones = 0;
	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++)
			if (populated_zone(&m->node_data[nid]->node_zones[z]))
				r->slot[nid][z] = (int8_t)nzones++;
	free(m->samples);
	m->samples = r;
	sample_record(m);
	return 0;
}

static uint32_t word(unsigned long v)
{
	return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

static uint32_t *sample_at(const struct sample_ring *r, uint32_t ring_index)
{
	return (uint32_t *)r->data + (size_t)ring_index * r->stride;
}

/* The ring index of sample i (0: the oldest held). */
static uint32_t ring_index(const struct sample_ring *r, unsigned int i)
{
	return (r->head + r->cap - r->count + i) % r->cap;
}

static bool same_values(const struct sample_ring *r, const uint32_t *a, const uint32_t *b)
{
	return memcmp(a + JIFFY_WORDS, b + JIFFY_WORDS,
		      (r->stride - JIFFY_WORDS) * sizeof(uint32_t)) == 0;
}

void sample_record(struct machine *m)
{
	struct sample_ring *r = m->samples;
	uint32_t now[MAX_SAMPLE_WORDS], *w = now + JIFFY_WORDS;
	int nid, z;
	unsigned int o;

	if (!r)
		return;
	now[0] = (uint32_t)(m->jiffies & 0xffffffffUL);
	now[1] = (uint32_t)((uint64_t)m->jiffies >> 32);
	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			const struct zone *zone = &m->node_data[nid]->node_zones[z];

			if (r->slot[nid][z] < 0)
				continue;
			*w++ = word((unsigned long)zone_page_state(zone, NR_FREE_PAGES));
			*w++ = word(min_wmark_pages(zone));
			*w++ = word(low_wmark_pages(zone));
			*w++ = word(high_wmark_pages(zone));
			for (o = 0; o < r->norders; o++)
				*w++ = word(zone->free_area[o].nr_free);
		}
	if (r->count >= 1) {
		uint32_t *last = sample_at(r, ring_index(r, r->count - 1));

		if (same_values(r, now, last)) {
			/* nothing new at this jiffy */
			if (last[0] == now[0] && last[1] == now[1])
				return;
			/* the run of equal samples goes on: its last one moves to now */
			if (r->count >= 2 && same_values(r, last, sample_at(r, ring_index(r, r->count - 2)))) {
				last[0] = now[0];
				last[1] = now[1];
				return;
			}
		}
	}
	memcpy(sample_at(r, r->head), now, r->stride * sizeof(uint32_t));
	r->head = (r->head + 1) % r->cap;
	if (r->count < r->cap)
		r->count++;
	r->taken++;
}

unsigned int samples_count(const struct machine *m)
{
	return m->samples ? m->samples->count : 0;
}

unsigned long samples_taken(const struct machine *m)
{
	return m->samples ? (unsigned long)m->samples->taken : 0;
}

unsigned int samples_stride(const struct machine *m)
{
	return m->samples ? m->samples->stride : 0;
}

const uint32_t *sample_words(const struct machine *m, unsigned int i)
{
	const struct sample_ring *r = m->samples;

	if (!r || i >= r->count)
		return NULL;
	return sample_at(r, ring_index(r, i));
}

/* The restored samples start at the ring's first slot: only their order matters. */
int samples_restore(struct machine *m, const uint32_t *words, unsigned int count,
		    unsigned long taken)
{
	struct sample_ring *r = m->samples;

	if (!r || count > r->cap || taken < count)
		return -1;
	if (count)
		memcpy(r->data, words, (size_t)count * r->stride * sizeof(uint32_t));
	r->count = count;
	r->head = count % r->cap;
	r->taken = taken;
	return 0;
}

unsigned long sample_jiffies(const struct machine *m, unsigned int i)
{
	const struct sample_ring *r = m->samples;
	const uint32_t *s;

	if (!r || i >= r->count)
		return 0;
	s = sample_at(r, ring_index(r, i));
	return (unsigned long)((uint64_t)s[0] | (uint64_t)s[1] << 32);
}

bool sample_zone(const struct machine *m, unsigned int i, const struct zone *zone,
		 struct zone_sample *out)
{
	const struct sample_ring *r = m->samples;
	const uint32_t *w;
	int slot, k;
	unsigned int o;

	memset(out, 0, sizeof(*out));
	if (!r || i >= r->count)
		return false;
	slot = r->slot[zone_to_nid(zone)][zone_idx(zone)];
	if (slot < 0)
		return false;
	w = sample_at(r, ring_index(r, i)) + JIFFY_WORDS + (size_t)slot * zone_words(r);
	out->free = w[0];
	for (k = 0; k < NR_WMARK; k++)
		out->wmark[k] = w[1 + k];
	for (o = 0; o < r->norders; o++)
		out->nr_free[o] = w[ZONE_HEAD_WORDS + o];
	return true;
}

/* ---- the text view ------------------------------------------------------------ */

/* What one line plots: the zone's free pages (order < 0) or nr_free of one order. */
static unsigned long plotted(const struct zone_sample *zs, int order)
{
	return order < 0 ? zs->free : zs->nr_free[order];
}

static const char *const spark_utf8[] = {
	"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
	"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88",
};
static const char spark_ascii[] = " .:-=+*#%@";

/*
 * One sparkline: with more samples than PLOT_WIDTH columns, each column
 * shows the last sample of its group. The scale runs from the smallest to
 * the largest sample held (printed after the line); a line that never
 * changes is drawn at mid height.
 */
static void plot_line(struct machine *m, const struct zone *zone, int order, bool utf8,
		      int digits, struct strbuf *sb)
{
	unsigned int n = samples_count(m), cols = n < PLOT_WIDTH ? n : PLOT_WIDTH, i, c;
	unsigned long lo = ~0UL, hi = 0, v = 0;
	unsigned int levels = utf8 ? 8 : (unsigned int)(sizeof(spark_ascii) - 1);
	struct zone_sample zs;

	for (i = 0; i < n; i++) {
		sample_zone(m, i, zone, &zs);
		v = plotted(&zs, order);
		if (v < lo)
			lo = v;
		if (v > hi)
			hi = v;
	}
	if (order < 0)
		sb_puts(sb, "  free pages [");
	else
		sb_printf(sb, "  order %-4d [", order);
	for (c = 0; c < cols; c++) {
		unsigned int level;

		sample_zone(m, (unsigned int)(((unsigned long)c + 1) * n / cols - 1), zone, &zs);
		v = plotted(&zs, order);
		if (hi == lo)
			level = levels / 2;
		else   /* rounded to the nearest level */
			level = (unsigned int)(((unsigned long long)(v - lo) * (levels - 1) * 2 + (hi - lo)) /
					       (2ULL * (hi - lo)));
		if (utf8)
			sb_puts(sb, spark_utf8[level]);
		else
			sb_putc(sb, spark_ascii[level]);
	}
	sb_putc(sb, ']');
	sb_pad(sb, ' ', PLOT_WIDTH - cols);
	sample_zone(m, n - 1, zone, &zs);
	sb_printf(sb, " min %*lu  max %*lu  now %*lu\n", digits, lo, digits, hi, digits,
		  plotted(&zs, order));
}

void view_plot(struct machine *m, int nid, int zidx, int order, bool utf8,
	       struct strbuf *sb)
{
	unsigned int n = samples_count(m);
	int node, z;

	if (n == 0) {
		sb_puts(sb, "plot: no samples\n");
		return;
	}
	sb_printf(sb, "plot: %u sample%s from jiffies %lu to %lu, oldest on the left\n", n,
		  n == 1 ? "" : "s", sample_jiffies(m, 0), sample_jiffies(m, n - 1));
	for (node = 0; node < m->nr_node_ids; node++) {
		if (nid != NUMA_NO_NODE && node != nid)
			continue;
		for (z = 0; z < MAX_NR_ZONES; z++) {
			const struct zone *zone = &m->node_data[node]->node_zones[z];
			struct zone_sample zs;
			unsigned long most = 0;
			unsigned int o, i;
			int digits = 1;

			if ((zidx >= 0 && z != zidx) || !sample_zone(m, 0, zone, &zs))
				continue;
			/* the numbers are as wide as the zone's largest (free pages, at most) */
			for (i = 0; i < n; i++) {
				sample_zone(m, i, zone, &zs);
				if (zs.free > most)
					most = zs.free;
			}
			for (; most >= 10; most /= 10)
				digits++;
			sb_printf(sb, "Node %d, zone %8s: free pages, and free blocks (nr_free) per order\n",
				  node, zone->name);
			plot_line(m, zone, -1, utf8, digits, sb);
			for (o = 0; o < m->max_order; o++)
				if (order < 0 || o == (unsigned int)order)
					plot_line(m, zone, (int)o, utf8, digits, sb);
		}
	}
}

/* ---- records -------------------------------------------------------------------- */

const char *const plot_cols[] = {
	"sample", "jiffies", "node", "zone", "free", "min", "low", "high", "nr_free", NULL,
};

void rec_plot(struct machine *m, int nid, int zidx, int order, struct table *t)
{
	unsigned int n = samples_count(m), i, o;
	int node, z;

	for (i = 0; i < n; i++)
		for (node = 0; node < m->nr_node_ids; node++) {
			if (nid != NUMA_NO_NODE && node != nid)
				continue;
			for (z = 0; z < MAX_NR_ZONES; z++) {
				const struct zone *zone = &m->node_data[node]->node_zones[z];
				struct zone_sample zs;

				if ((zidx >= 0 && z != zidx) || !sample_zone(m, i, zone, &zs))
					continue;
				table_row(t);
				table_uint(t, "sample", i);
				table_uint(t, "jiffies", sample_jiffies(m, i));
				table_int(t, "node", node);
				table_str(t, "zone", zone->name);
				table_uint(t, "free", zs.free);
				table_uint(t, "min", zs.wmark[WMARK_MIN]);
				table_uint(t, "low", zs.wmark[WMARK_LOW]);
				table_uint(t, "high", zs.wmark[WMARK_HIGH]);
				table_list(t, "nr_free");
				for (o = 0; o < m->max_order; o++)
					if (order < 0 || o == (unsigned int)order)
						table_list_uint(t, "nr_free", zs.nr_free[o]);
			}
		}
}
