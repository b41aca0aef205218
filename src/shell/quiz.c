/*
 * src/shell/quiz.c: quiz, reveal and the quiz's side of `answer` (quiz.h).
 *
 * A question is made from a seed: the seed drives a small generator that
 * picks commands (allocations, frees, reads, sysctls...) and runs them on
 * a copy of a freshly booted machine of the session's shape. That copy is
 * the state the student studies. The command asked about then runs on a
 * second copy, with a kernel-step recorder: what it returns, or the state
 * it leaves, is the answer, and its steps are the explanation `reveal`
 * prints. Nothing is computed twice by hand: the engine is deterministic,
 * so the second copy shows exactly what the command does.
 */
#include <langinfo.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmdtab.h"
#include "lesson.h"
#include "mmsh/kstep.h"
#include "mmsh/lru.h"
#include "mmsh/page_alloc.h"
#include "mmsh/sysctl.h"
#include "mmsh/watermark.h"
#include "mmsh/workload.h"
#include "quiz.h"
#include "timeline.h"

enum topic {
	TOPIC_PFN,                /* which pfn does the next alloc return? */
	TOPIC_BUDDYINFO,          /* the buddyinfo line after a free that merges */
	TOPIC_KSWAPD,             /* does this allocation wake kswapd? */
	TOPIC_LRU,                /* which list is the page on after this? */
	TOPIC_PCP,                /* the pcp count after a free; does it flush? */
	TOPIC_WATERMARK,          /* does __zone_watermark_ok pass? */
	NR_TOPICS
};

static const char *const topic_names[NR_TOPICS] = {
	"pfn", "buddyinfo", "kswapd", "lru", "pcp", "watermark",
};

enum answer_kind {
	ANSWER_NUMBER,            /* decimal or 0x hex */
	ANSWER_YESNO,
	ANSWER_LIST,              /* an LRU list name, or none */
	ANSWER_COUNTS,            /* a buddyinfo line's counts */
};

/* Attempts at a question before giving up (a generator may find its state unfit). */
#define QUIZ_ATTEMPTS 40
/* Steps kept for reveal, and shown by it (the first and last halves). */
#define QUIZ_STEPS_KEPT 20000
#define QUIZ_STEPS_SHOWN 60
/* The quiz keeps three machines: it refuses shapes bigger than this each. */
#define QUIZ_MACHINE_MAX_BYTES (512UL << 20)
/* Seeds the quiz picks itself are 1-99999: short enough to type again. */
#define QUIZ_SEED_MAX 99999UL

struct kept_step {
	const char *func;
	char *text;
};

struct question {
	enum topic topic;
	unsigned long seed;
	unsigned int number;
	struct strbuf setup;      /* the commands that built the state, a line each */
	char ask[400];            /* the question */
	char how[200];            /* the form of the answer */
	char command[160];        /* the command asked about ("" for watermark) */
	char *output;             /* what it printed */
	enum answer_kind kind;
	unsigned long long value; /* NUMBER; YESNO as 1 or 0 */
	char word[24];            /* LIST */
	unsigned long counts[MAX_ORDER_LIMIT];   /* COUNTS */
	unsigned int nr_counts;
	char zone_name[16];       /* COUNTS: the zone of the line */
	char shown[300];          /* the answer as reveal says it */
	char focus[32];           /* lru: reveal shows the steps naming this pfn */
	struct kept_step *steps;
	size_t nsteps, cap, total;
	struct machine *before;   /* the state asked about */
	struct machine *after;    /* the state once the command has run */
	bool tried, solved, revealed;
};

struct quiz {
	struct machine *pristine; /* a fresh boot of the session's shape */
	struct machine *saved;    /* the session's own machine while a quiz is open */
	bool open;
	struct question q;
	unsigned long made;       /* questions whose seed the quiz chose */
	unsigned int asked, right, wrong, revealed, skipped;
};

/* ---- random numbers: splitmix64, reproducible from the seed ------------------- */

static uint64_t mix(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number from lo to hi, both included. */
static unsigned long pick(uint64_t *rng, unsigned long lo, unsigned long hi)
{
	if (hi <= lo)
		return lo;
	return lo + (unsigned long)(mix(rng) % (hi - lo + 1));
}

/* ---- questions ------------------------------------------------------------------ */

static void question_free(struct question *q)
{
	size_t i;

	for (i = 0; i < q->nsteps; i++)
		free(q->steps[i].text);
	free(q->steps);
	free(q->output);
	sb_free(&q->setup);
	machine_destroy(q->before);
	machine_destroy(q->after);
	memset(q, 0, sizeof(*q));
}

static void keep_step(struct machine *m, const struct kstep *st, void *arg)
{
	struct question *q = arg;

	(void)m;
	q->total++;
	if (q->nsteps >= QUIZ_STEPS_KEPT)
		return;
	if (q->nsteps == q->cap) {
		size_t cap = q->cap ? q->cap * 2 : 64;
		struct kept_step *grown = realloc(q->steps, cap * sizeof(*grown));

		if (!grown)
			return;
		q->steps = grown;
		q->cap = cap;
	}
	q->steps[q->nsteps].func = st->func;
	q->steps[q->nsteps].text = strdup(st->text);
	if (q->steps[q->nsteps].text)
		q->nsteps++;
}

/*
 * run_on(): run a command line on machine *m as a re-run (session_run_on):
 * what it printed goes to *out; with q, its kernel steps are kept in q.
 * The lesson's memory of the student's last alloc stays as it was.
 */
static int run_on(struct session *s, struct machine **m, const char *line, char **out,
		  struct question *q)
{
	struct last_alloc kept = s->last_alloc;
	int rc = session_run_on(s, m, line, q ? keep_step : NULL, q, out);

	s->last_alloc = kept;
	return rc;
}

/* ---- building a state ------------------------------------------------------------ */

#define MAX_HELD 64

struct gen {
	struct session *s;
	struct question *q;
	uint64_t rng;
	struct machine *m;        /* the state being built */
	char *out;                /* what the last command printed */
	struct {
		unsigned long pfn;
		unsigned int order;
	} held[MAX_HELD];
	int nheld;
};

/* Run a command on the state and show it in the question; -1 when it fails. */
static int g_run(struct gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int g_run(struct gen *g, const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	sb_printf(&g->q->setup, "%s\n", line);
	free(g->out);
	g->out = NULL;
	return run_on(g->s, &g->m, line, &g->out, NULL) == 0 ? 0 : -1;
}

/* The pfns of the "pfn=0x..." lines alloc printed; returns how many. */
static int out_pfns(const char *text, unsigned long *pfns, int max)
{
	const char *p = text;
	int n = 0;

	while (p && *p && n < max) {
		if (strncmp(p, "pfn=0x", 6) == 0)
			pfns[n++] = strtoul(p + 6, NULL, 16);
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return n;
}

static void held_add(struct gen *g, unsigned long pfn, unsigned int order)
{
	if (g->nheld == MAX_HELD)
		return;
	g->held[g->nheld].pfn = pfn;
	g->held[g->nheld].order = order;
	g->nheld++;
}

static void held_remove(struct gen *g, int k)
{
	g->held[k] = g->held[--g->nheld];
}

/* An allocation on the state; the block is remembered. -1: it failed. */
static int g_alloc(struct gen *g, unsigned int order, const char *gfp)
{
	unsigned long pfn;

	if (g_run(g, "alloc %u%s%s", order, *gfp ? " gfp=" : "", gfp) < 0 ||
	    out_pfns(g->out, &pfn, 1) != 1)
		return -1;
	held_add(g, pfn, order);
	return 0;
}

static int g_free_some(struct gen *g, int n)
{
	for (; n > 0 && g->nheld; n--) {
		int k = (int)pick(&g->rng, 0, (unsigned long)g->nheld - 1);

		if (g_run(g, "free 0x%lx", g->held[k].pfn) < 0)
			return -1;
		held_remove(g, k);
	}
	return 0;
}

/*
 * The command asked about runs on a copy of the state, its steps kept;
 * the copy is the question's `after`. Returns the command's status.
 */
static int g_answer(struct gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int g_answer(struct gen *g, const char *fmt, ...)
{
	struct question *q = g->q;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(q->command, sizeof(q->command), fmt, ap);
	va_end(ap);
	q->after = machine_clone(g->m);
	if (!q->after)
		return -2;
	free(q->output);
	q->output = NULL;
	return run_on(g->s, &q->after, q->command, &q->output, q);
}

static unsigned int min_u(unsigned int a, unsigned int b)
{
	return a < b ? a : b;
}

/* ---- pfn: which pfn does the next allocation return? ------------------------------ */

static const char *movable_or_not(struct gen *g)
{
	return pick(&g->rng, 0, 2) == 0 ? "GFP_HIGHUSER_MOVABLE" : "";
}

static int gen_pfn(struct gen *g)
{
	struct question *q = g->q;
	unsigned int maxo = min_u(3, g->m->max_order - 1), order;
	unsigned long nops = pick(&g->rng, 3, 7), i, pfn;
	const char *gfp;

	for (i = 0; i < nops; i++) {
		if (g->nheld && pick(&g->rng, 0, 2) == 0) {
			if (g_free_some(g, 1) < 0)
				return 1;
		} else if (g_alloc(g, (unsigned int)pick(&g->rng, 0, maxo), movable_or_not(g)) < 0) {
			return 1;
		}
	}
	order = (unsigned int)pick(&g->rng, 0, maxo);
	gfp = movable_or_not(g);
	if (g_answer(g, "alloc %u%s%s", order, *gfp ? " gfp=" : "", gfp) != 0 ||
	    out_pfns(q->output, &pfn, 1) != 1)
		return 1;
	q->kind = ANSWER_NUMBER;
	q->value = pfn;
	snprintf(q->ask, sizeof(q->ask), "Which pfn does '%s' return?", q->command);
	snprintf(q->how, sizeof(q->how), "answer PFN, in decimal or 0x hex");
	snprintf(q->shown, sizeof(q->shown), "'%s' returns pfn 0x%lx (%lu)", q->command, pfn, pfn);
	return 0;
}

/* ---- buddyinfo: the line after a free that merges ------------------------------------ */

/* The buddyinfo line of one zone, as /proc/buddyinfo prints it (no trailing blank). */
static void buddyinfo_line(const struct machine *m, const struct zone *zone, char *buf,
			   size_t len)
{
	size_t used;
	unsigned int o;

	used = (size_t)snprintf(buf, len, "Node %d, zone %8s", zone->zone_pgdat->node_id,
				zone->name);
	for (o = 0; o < m->max_order && used < len; o++)
		used += (size_t)snprintf(buf + used, len - used, " %6lu",
					 zone->free_area[o].nr_free);
}

static int gen_buddyinfo(struct gen *g)
{
	struct question *q = g->q;
	struct machine *m = g->m;
	unsigned int maxo = min_u(3, m->max_order - 1), o;
	unsigned long nalloc = pick(&g->rng, 2, 6), i, pfn = 0;
	const struct zone *zone;
	int k, found = -1;

	for (i = 0; i < nalloc; i++)
		if (g_alloc(g, (unsigned int)pick(&g->rng, 1, maxo), "") < 0)
			return 1;
	if (g_free_some(g, (int)pick(&g->rng, 0, nalloc - 2)) < 0)
		return 1;
	/* a block whose buddy is free: freeing it merges (__free_one_page) */
	for (k = 0; k < g->nheld && found < 0; k++) {
		int j = (k + (int)pick(&g->rng, 0, (unsigned long)g->nheld - 1)) % g->nheld;
		unsigned long buddy = g->held[j].pfn ^ (1UL << g->held[j].order);

		if (buddy < m->max_pfn &&
		    page_is_buddy(m, &m->mem_map[g->held[j].pfn], &m->mem_map[buddy],
				  g->held[j].order))
			found = j;
	}
	if (found < 0)
		return 1;
	pfn = g->held[found].pfn;
	if (g_answer(g, "free 0x%lx", pfn) != 0)
		return 1;
	zone = page_zone(q->after, &q->after->mem_map[pfn]);
	q->kind = ANSWER_COUNTS;
	q->nr_counts = q->after->max_order;
	for (o = 0; o < q->nr_counts; o++)
		q->counts[o] = zone->free_area[o].nr_free;
	snprintf(q->zone_name, sizeof(q->zone_name), "%s", zone->name);
	snprintf(q->ask, sizeof(q->ask),
		 "After '%s', what does /proc/buddyinfo say for Node %d, zone %s?", q->command,
		 zone->zone_pgdat->node_id, zone->name);
	snprintf(q->how, sizeof(q->how),
		 "answer the %u counts, order 0 first; 'Node %d, zone %s' may come first",
		 q->nr_counts, zone->zone_pgdat->node_id, zone->name);
	buddyinfo_line(q->after, zone, q->shown, sizeof(q->shown));
	return 0;
}

/* ---- kswapd and watermark: a zone filled near one of its marks ---------------------- */

/*
 * The lowest populated zone of node 0: a request that may use only that
 * zone meets no other zone on its zonelist, so its watermark alone decides.
 * *bits gets the gfp zone modifier that reaches it.
 */
static struct zone *lowest_zone(struct machine *m, const char **bits)
{
	static const char *const zone_bits[MAX_NR_ZONES] = {
		"GFP_DMA|", "GFP_DMA32|", "", "__GFP_HIGHMEM|",
	};
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++)
		if (populated_zone(&m->node_data[0]->node_zones[z])) {
			*bits = zone_bits[z];
			return &m->node_data[0]->node_zones[z];
		}
	return NULL;
}

/* Blocks of at least this order the zone could hand out, in blocks of that order. */
static unsigned long blocks_from(const struct zone *zone, unsigned int order, unsigned int max)
{
	unsigned long n = 0;
	unsigned int o;

	for (o = order; o < max; o++)
		n += zone->free_area[o].nr_free << (o - order);
	return n;
}

/*
 * Bring the zone's free pages down to about `target` with Movable
 * allocations that may not wake kswapd (no __GFP_KSWAPD_RECLAIM), the
 * largest blocks first, so the fill leaves no trace but fewer free pages.
 */
static int fill_zone(struct gen *g, struct zone *zone, long target, const char *gfp)
{
	int rounds;

	for (rounds = 0; rounds < 2 * MAX_ORDER_LIMIT; rounds++) {
		long need = zone_page_state(zone, NR_FREE_PAGES) - target;
		unsigned int o, best = 0;
		unsigned long count;

		if (need <= 0)
			return 0;
		for (o = 0; o < g->m->max_order; o++)
			if ((1L << o) <= need && blocks_from(zone, o, g->m->max_order))
				best = o;
		count = (unsigned long)need >> best;
		if (count > blocks_from(zone, best, g->m->max_order))
			count = blocks_from(zone, best, g->m->max_order);
		if (!count || g_run(g, "alloc %u gfp=%s n=%lu", best, gfp, count) < 0)
			return -1;
	}
	return 0;
}

static int gen_kswapd(struct gen *g)
{
	struct question *q = g->q;
	struct machine *m = g->m;
	const char *bits, *node = m->nr_node_ids > 1 ? "|__GFP_THISNODE" : "";
	struct zone *zone = lowest_zone(m, &bits);
	unsigned int order = (unsigned int)pick(&g->rng, 0, min_u(2, m->max_order - 1));
	long low, min, spread, target;
	char fill[96], gfp[128];
	int nid;
	bool woke = false, may_wake = pick(&g->rng, 0, 4) != 0;

	if (!zone)
		return 1;
	low = (long)low_wmark_pages(zone);
	min = (long)min_wmark_pages(zone);
	spread = (low - min) / 2 < 8 ? (low - min) / 2 : 8;
	if (spread < 1)
		spread = 1;
	/*
	 * About where the fast path's check flips, free - 2^order + 1 > low,
	 * rather above it: a fill may overshoot, and a high order may find no
	 * block of its size even above the mark.
	 */
	target = low + (1L << order) - 1 + (long)pick(&g->rng, 0, 3 * (unsigned long)spread) - spread;
	if (target < min + (1L << order) + 2)
		target = min + (1L << order) + 2;
	snprintf(fill, sizeof(fill), "%s__GFP_MOVABLE%s", bits, node);
	if (fill_zone(g, zone, target, fill) < 0)
		return 1;
	if (m->node_data[0]->kswapd_state != KSWAPD_SLEEPING)
		return 1;
	/* now and then a request that may not wake kswapd at all */
	snprintf(gfp, sizeof(gfp), "%s%s", may_wake ? "GFP_NOWAIT|" : "", fill);
	if (g_answer(g, "alloc %u gfp=%s", order, gfp) != 0)
		return 1;
	for (nid = 0; nid < m->nr_node_ids; nid++)
		if (m->node_data[nid]->kswapd_state == KSWAPD_SLEEPING &&
		    q->after->node_data[nid]->kswapd_state == KSWAPD_WOKEN)
			woke = true;
	q->kind = ANSWER_YESNO;
	q->value = woke;
	snprintf(q->ask, sizeof(q->ask), "Does '%s' wake kswapd?", q->command);
	snprintf(q->how, sizeof(q->how), "answer yes or no");
	snprintf(q->shown, sizeof(q->shown), "%s: '%s' %s", woke ? "yes" : "no", q->command,
		 woke ? "wakes kswapd0" : "leaves kswapd0 asleep");
	return 0;
}

static int gen_watermark(struct gen *g)
{
	static const char *const marks[NR_WMARK] = { "min", "low", "high" };
	struct question *q = g->q;
	struct machine *m = g->m;
	const char *bits, *node = m->nr_node_ids > 1 ? "|__GFP_THISNODE" : "";
	struct zone *zone = lowest_zone(m, &bits), *z_after;
	unsigned int order = (unsigned int)pick(&g->rng, 0, min_u(4, m->max_order - 1));
	int mark = (int)pick(&g->rng, WMARK_MIN, WMARK_HIGH), zidx, classzone, z;
	long mark_pages, spread, target;
	char fill[96];
	bool ok;

	if (!zone)
		return 1;
	zidx = zone_idx(zone);
	classzone = zidx;
	/* sometimes a request for a higher zone checks this one: lowmem_reserve counts */
	if (pick(&g->rng, 0, 2) == 0)
		for (z = zidx + 1; z < MAX_NR_ZONES; z++)
			if (populated_zone(&m->node_data[0]->node_zones[z]))
				classzone = z;
	mark_pages = (long)wmark_pages(zone, mark);
	spread = mark_pages / 8 < 4 ? 4 : mark_pages / 8 > 16 ? 16 : mark_pages / 8;
	target = mark_pages + zone->lowmem_reserve[classzone] + (1L << order) - 1 +
		 (long)pick(&g->rng, 0, 2 * (unsigned long)spread) - spread;
	if (target < (long)min_wmark_pages(zone) + 1)
		target = (long)min_wmark_pages(zone) + 1;
	snprintf(fill, sizeof(fill), "%s__GFP_MOVABLE%s", bits, node);
	if (fill_zone(g, zone, target, fill) < 0)
		return 1;
	q->after = machine_clone(m);
	if (!q->after)
		return -1;
	z_after = &q->after->node_data[0]->node_zones[zidx];
	kstep_subscribe(q->after, keep_step, q);
	ok = zone_watermark_ok(z_after, order, wmark_pages(z_after, mark), classzone, 0);
	kstep_subscribe(q->after, NULL, NULL);
	q->kind = ANSWER_YESNO;
	q->value = ok;
	snprintf(q->ask, sizeof(q->ask),
		 "Does __zone_watermark_ok(%s, order=%u, mark=%s, highest_zoneidx=%s, "
		 "alloc_flags=0) pass now, with free_pages = the zone's NR_FREE_PAGES?",
		 zone->name, order, marks[mark], zone_names[classzone]);
	snprintf(q->how, sizeof(q->how), "answer yes or no; watermarks and buddyinfo hold the numbers");
	snprintf(q->shown, sizeof(q->shown), "%s: the check %s", ok ? "yes" : "no",
		 ok ? "passes" : "fails");
	return 0;
}

/* ---- pcp: the count after a free, and whether it flushes ------------------------------ */

static int gen_pcp(struct gen *g)
{
	struct question *q = g->q;
	struct machine *m = g->m;
	struct zone *zone = NULL;
	unsigned long pfns[MAX_HELD], want_high, fraction, nalloc, nfree, i;
	int z, cpu, n, high, near, before, after;
	bool ask_count = pick(&g->rng, 0, 1) == 0;

	/* the zone an order-0 GFP_KERNEL allocation on CPU 0 comes from */
	for (z = ZONE_NORMAL; z >= 0 && !zone; z--)
		if (populated_zone(&m->node_data[0]->node_zones[z]))
			zone = &m->node_data[0]->node_zones[z];
	if (!zone)
		return 1;
	/* a short list, so a few frees reach its high mark: high = managed / fraction */
	want_high = pick(&g->rng, 6, 12);
	fraction = zone_managed_pages(zone) / want_high;
	if (fraction < 8)
		fraction = 8;
	if (g_run(g, "sysctl vm.percpu_pagelist_fraction=%lu", fraction) < 0)
		return 1;
	high = zone->pageset[0].pcp.high;
	if (high < 4)
		return 1;
	nalloc = pick(&g->rng, (unsigned long)high + 2, (unsigned long)high + (unsigned long)high / 2 + 2);
	if (nalloc > MAX_HELD)
		nalloc = MAX_HELD;
	if (g_run(g, "alloc 0 n=%lu", nalloc) < 0)
		return 1;
	n = out_pfns(g->out, pfns, MAX_HELD);
	if (n != (int)nalloc)
		return 1;
	for (i = 0; i < nalloc; i++)
		if (page_zone(m, &m->mem_map[pfns[i]]) != zone)
			return 1;
	/* shuffle, then free until the asked CPU's list is near its high mark */
	for (i = nalloc - 1; i > 0; i--) {
		unsigned long j = pick(&g->rng, 0, i), t = pfns[i];

		pfns[i] = pfns[j];
		pfns[j] = t;
	}
	cpu = m->nr_cpus > 1 && pick(&g->rng, 0, 3) == 0 ? 1 : 0;
	near = (int)pick(&g->rng, high > 2 ? (unsigned long)high - 2 : 0, (unsigned long)high - 1);
	for (nfree = 0; nfree + 1 < nalloc && (nfree == 0 || zone->pageset[cpu].pcp.count < near);
	     nfree++) {
		bool other = m->nr_cpus > 1 && pick(&g->rng, 0, 4) == 0;

		if (g_run(g, "free 0x%lx%s", pfns[nfree], (other ? !cpu : cpu) ? " cpu=1" : "") < 0)
			return 1;
	}
	before = zone->pageset[cpu].pcp.count;
	if (g_answer(g, "free 0x%lx%s", pfns[nfree], cpu ? " cpu=1" : "") != 0)
		return 1;
	after = page_zone(q->after, &q->after->mem_map[pfns[nfree]])->pageset[cpu].pcp.count;
	if (ask_count) {
		q->kind = ANSWER_NUMBER;
		q->value = (unsigned long long)after;
		snprintf(q->ask, sizeof(q->ask),
			 "After '%s', how many pages are on CPU %d's per-CPU lists of zone %s "
			 "(its pcp count)?", q->command, cpu, zone->name);
		snprintf(q->how, sizeof(q->how), "answer a number");
		snprintf(q->shown, sizeof(q->shown), "%d: CPU %d's count goes from %d to %d", after,
			 cpu, before, after);
	} else {
		q->kind = ANSWER_YESNO;
		q->value = after < before + 1;
		snprintf(q->ask, sizeof(q->ask),
			 "Does '%s' make free_pcppages_bulk() give pages back to the buddy lists?",
			 q->command);
		snprintf(q->how, sizeof(q->how), "answer yes or no");
		snprintf(q->shown, sizeof(q->shown), "%s: CPU %d's count goes from %d to %d%s",
			 q->value ? "yes" : "no", cpu, before, after,
			 q->value ? " (it reached pcp->high: pcp->batch pages went back)" : "");
	}
	return 0;
}

/* ---- lru: which list is the page on after this? ---------------------------------------- */

struct page_ref {
	bool anon;                /* a task's anonymous page, else a file's */
	const char *owner;        /* the task or the file */
	unsigned long index;      /* its vpage, or its offset */
};

/* The pfn holding the page now, or -1 (never read, evicted, swapped out). */
static long page_of(struct machine *m, const struct page_ref *r)
{
	if (r->anon) {
		struct task *t = task_find(m, r->owner);

		if (!t || r->index >= t->anon_len || !pte_present(t->anon[r->index]))
			return -1;
		return (long)pte_val(t->anon[r->index]);
	} else {
		int fi = file_find(m, r->owner);
		const struct sim_file *f;

		if (fi < 0)
			return -1;
		f = &m->files[fi];
		if (r->index >= f->size || !(f->slot[r->index] & SLOT_PRESENT))
			return -1;
		return (long)(f->slot[r->index] & ~(SLOT_PRESENT | SLOT_SHADOW));
	}
}

static const char *const list_answers[] = {
	"inactive_anon", "active_anon", "inactive_file", "active_file", "unevictable", "none",
};

static int gen_lru(struct gen *g)
{
	struct question *q = g->q;
	struct page_ref ref = { false, "f", 0 };
	unsigned long n = pick(&g->rng, 6, 24);
	long before_pfn, after_pfn;
	const char *list = "none";
	char what[96];

	switch (pick(&g->rng, 0, 3)) {
	case 0:   /* the two-touch rule: read (or write) a page again */
		if (g_run(g, "read f %lu", n) < 0)
			return 1;
		if (pick(&g->rng, 0, 1) && g_run(g, "read f %lu", pick(&g->rng, 1, n - 1)) < 0)
			return 1;
		ref.index = pick(&g->rng, 0, n);
		if (g_answer(g, "%s f 1 offset=%lu", pick(&g->rng, 0, 3) ? "read" : "write",
			     ref.index) != 0)
			return 1;
		break;
	case 1:   /* reclaim of page cache: referenced, active, untouched */
		if (g_run(g, "read f %lu", n) < 0)
			return 1;
		if (pick(&g->rng, 0, 1) && g_run(g, "read f %lu", pick(&g->rng, 1, n - 1)) < 0)
			return 1;
		ref.index = pick(&g->rng, 0, n - 1);
		if (g_answer(g, "shrink inactive_file nr=%lu", pick(&g->rng, 4, n)) != 0)
			return 1;
		break;
	case 2:   /* reclaim of anonymous memory: young ptes, MADV_COLD */
		ref.anon = true;
		ref.owner = "app";
		if (g_run(g, "task new app") < 0 || g_run(g, "fault app anon %lu", n) < 0)
			return 1;
		if (pick(&g->rng, 0, 1) && g_run(g, "madvise app cold") < 0)
			return 1;
		if (pick(&g->rng, 0, 2) == 0 && g_run(g, "touch app") < 0)
			return 1;
		ref.index = pick(&g->rng, 0, n - 1);
		if (g_answer(g, "shrink inactive_anon nr=%lu", pick(&g->rng, 4, n)) != 0)
			return 1;
		break;
	default:  /* mlock: the unevictable list, and back */
		ref.anon = true;
		ref.owner = "app";
		if (g_run(g, "task new app") < 0 || g_run(g, "fault app anon %lu", n) < 0)
			return 1;
		ref.index = pick(&g->rng, 0, n - 1);
		if (pick(&g->rng, 0, 1)) {
			if (g_run(g, "mlock app") < 0 || g_answer(g, "mlock app off") != 0)
				return 1;
		} else if (g_answer(g, "mlock app") != 0) {
			return 1;
		}
		break;
	}
	/* the pagevecs drain: the page reaches the list it is bound for */
	kstep_subscribe(q->after, keep_step, q);
	lru_add_drain_all(q->after);
	kstep_subscribe(q->after, NULL, NULL);
	before_pfn = page_of(g->m, &ref);
	after_pfn = page_of(q->after, &ref);
	if (after_pfn >= 0 && PageLRU(&q->after->mem_map[after_pfn]))
		list = lru_names[page_lru(&q->after->mem_map[after_pfn])];
	if (before_pfn >= 0 || after_pfn >= 0)
		snprintf(q->focus, sizeof(q->focus), "pfn=0x%lx",
			 (unsigned long)(before_pfn >= 0 ? before_pfn : after_pfn));
	if (ref.anon)
		snprintf(what, sizeof(what), "page %lu of task %s's anonymous memory", ref.index,
			 ref.owner);
	else
		snprintf(what, sizeof(what), "page %lu of file %s", ref.index, ref.owner);
	if (before_pfn >= 0)
		snprintf(what + strlen(what), sizeof(what) - strlen(what), " (pfn 0x%lx)",
			 (unsigned long)before_pfn);
	q->kind = ANSWER_LIST;
	snprintf(q->word, sizeof(q->word), "%s", list);
	snprintf(q->ask, sizeof(q->ask),
		 "After '%s', once the per-CPU pagevecs have drained, which LRU list is %s on?",
		 q->command, what);
	snprintf(q->how, sizeof(q->how),
		 "answer inactive_anon, active_anon, inactive_file, active_file, unevictable, "
		 "or none if it is on no list");
	if (after_pfn >= 0 && strcmp(list, "none") != 0)
		snprintf(q->shown, sizeof(q->shown), "%s (pfn 0x%lx)", list, (unsigned long)after_pfn);
	else
		snprintf(q->shown, sizeof(q->shown), "none: %s is on no LRU list", what);
	return 0;
}

/* ---- making a question -------------------------------------------------------------------- */

static int (*const generators[NR_TOPICS])(struct gen *g) = {
	gen_pfn, gen_buddyinfo, gen_kswapd, gen_lru, gen_pcp, gen_watermark,
};

/* A fresh boot of the session's shape, as session_boot() makes it. */
static struct machine *boot_pristine(struct session *s, char *err, size_t len)
{
	struct machine_shape shape = s->recipe.shape;
	struct mm_error e;
	struct machine *m;
	int i;

	shape.swap_pages = s->recipe.swap_pages;
	m = machine_create(&shape, &e);
	if (!m) {
		snprintf(err, len, "%s", e.msg);
		return NULL;
	}
	for (i = 0; i < s->recipe.nr_sysctls; i++)
		if (sysctl_write(m, s->recipe.sysctls[i].name, s->recipe.sysctls[i].value, &e) < 0) {
			snprintf(err, len, "--sysctl %s: %s", s->recipe.sysctls[i].name, e.msg);
			machine_destroy(m);
			return NULL;
		}
	return m;
}

/*
 * make_question(): build question q of `topic` from `seed`. Each attempt
 * is reproducible from the seed; a state that does not suit the topic
 * (an allocation refused, no free buddy) moves on to the next attempt.
 * Returns 0, 1 when every attempt failed, -1 when memory ran out.
 */
static int make_question(struct session *s, struct quiz *z, struct question *q,
			 enum topic topic, unsigned long seed)
{
	int attempt;

	for (attempt = 0; attempt < QUIZ_ATTEMPTS; attempt++) {
		struct gen g;
		int rc;

		memset(&g, 0, sizeof(g));
		memset(q, 0, sizeof(*q));   /* an empty strbuf is all zeros */
		g.s = s;
		g.q = q;
		g.rng = ((uint64_t)seed << 8) ^ ((uint64_t)topic << 4) ^ (uint64_t)attempt;
		mix(&g.rng);
		g.m = machine_clone(z->pristine);
		if (!g.m)
			return -1;
		g.m->rng = seed;   /* the workload generators' seed */
		rc = generators[topic](&g);
		free(g.out);
		if (rc == 0) {
			q->before = g.m;
			q->topic = topic;
			q->seed = seed;
			return 0;
		}
		machine_destroy(g.m);
		question_free(q);
		if (rc < 0)
			return -1;
	}
	return 1;
}

/* ---- the machine shown -------------------------------------------------------------- */

/* Close the open question: the session's machine back, the quiz's freed. */
static void close_quiz(struct session *s, struct quiz *z)
{
	if (!z->open)
		return;
	if (!z->q.tried && !z->q.revealed)
		z->skipped++;
	session_adopt(s, z->saved);
	z->saved = NULL;
	question_free(&z->q);
	z->open = false;
}

bool quiz_active(const struct session *s)
{
	return s->quiz && s->quiz->open;
}

void quiz_free(struct session *s)
{
	struct quiz *z = s->quiz;

	if (!z)
		return;
	close_quiz(s, z);
	machine_destroy(z->pristine);
	free(z);
	s->quiz = NULL;
}

int quiz_guard(struct session *s, const struct command *c, const struct args *a)
{
	bool lesson_starts = strcmp(c->name, "lesson") == 0 && a->argc > 1 &&
			     (strcmp(a->argv[1], "start") == 0 || strcmp(a->argv[1], "check") == 0);

	if (!quiz_active(s) || c->run == cmd_quiz || c->run == cmd_reveal)
		return 0;
	if (command_changes(c, a) || c->run == cmd_undo || c->run == cmd_step || lesson_starts)
		return cmd_error(s, c->name, "not while a quiz is open: views show the quiz's "
				 "machine (answer, reveal, or quiz off gives yours back)");
	return 0;
}

/* ---- quiz --------------------------------------------------------------------------- */

static void print_score(struct session *s, const struct quiz *z, const char *label)
{
	fprintf(s->out, "%s%u right of %u question%s (%u wrong, %u revealed, %u skipped%s)\n",
		label, z->right, z->asked, z->asked == 1 ? "" : "s", z->wrong, z->revealed,
		z->skipped, z->open && !z->q.tried && !z->q.revealed ? ", 1 open" : "");
}

/* Text wrapped at 78 columns, every line indented by two. */
static void put_wrapped(FILE *f, const char *text)
{
	int col = 0;

	while (*text) {
		size_t len = strcspn(text, " ");

		if (col && col + 1 + (int)len > 78) {
			fputc('\n', f);
			col = 0;
		}
		if (!col) {
			fputs("  ", f);
			col = 2;
		} else {
			fputc(' ', f);
			col++;
		}
		fprintf(f, "%.*s", (int)len, text);
		col += (int)len;
		text += len;
		text += strspn(text, " ");
	}
	fputc('\n', f);
}

static void print_question(struct session *s, const struct quiz *z)
{
	const struct question *q = &z->q;
	const char *p = sb_str(&q->setup);
	char how[sizeof(q->how) + 4];

	fprintf(s->out, "quiz %u: %s (seed=%lu)\n", q->number, topic_names[q->topic], q->seed);
	if (*p) {
		fputs("  A freshly booted machine of this session's shape, after:\n", s->out);
		while (*p) {
			size_t len = strcspn(p, "\n");

			fprintf(s->out, "    %.*s\n", (int)len, p);
			p += len + (p[len] == '\n');
		}
	} else {
		fputs("  A freshly booted machine of this session's shape.\n", s->out);
	}
	put_wrapped(s->out, q->ask);
	snprintf(how, sizeof(how), "(%s)", q->how);
	put_wrapped(s->out, how);
	fputs("  Views show this machine until quiz off; reveal shows the answer and why.\n",
	      s->out);
}

static int find_topic(struct session *s, const char *word, enum topic *out)
{
	size_t len = strlen(word);
	int t, found = -1;

	for (t = 0; t < NR_TOPICS; t++) {
		if (strcasecmp(word, topic_names[t]) == 0) {
			*out = (enum topic)t;
			return 0;
		}
		if (len && strncasecmp(word, topic_names[t], len) == 0)
			found = found == -1 ? t : -2;
	}
	if (found >= 0) {
		*out = (enum topic)found;
		return 0;
	}
	return cmd_error(s, "quiz", "%s topic '%s' (topics: pfn, buddyinfo, kswapd, lru, "
			 "pcp, watermark; also quiz score, quiz off)",
			 found == -2 ? "ambiguous" : "unknown", word);
}

static struct quiz *quiz_of(struct session *s)
{
	if (!s->quiz)
		s->quiz = calloc(1, sizeof(*s->quiz));
	return s->quiz;
}

static int quiz_off(struct session *s, struct quiz *z)
{
	if (!z->open)
		return cmd_error(s, "quiz", "off: no quiz is open");
	close_quiz(s, z);
	print_score(s, z, "quiz off: your machine is back; score: ");
	return 0;
}

int cmd_quiz(struct session *s, struct args *a)
{
	struct quiz *z = quiz_of(s);
	const char *word = NULL, *seed_text = arg_key(a, "seed");
	unsigned long long seed;
	struct question q;
	enum topic topic = TOPIC_PFN;
	char err[MM_ERROR_LEN + 64];
	int i, rc;

	if (!z)
		return cmd_error(s, "quiz", "out of memory");
	for (i = 1; i < a->argc; i++) {
		if (strcmp(a->argv[i], "--seed") == 0) {
			if (i + 1 == a->argc)
				return cmd_error(s, "quiz", "--seed: a number must follow");
			if (seed_text)
				return cmd_error(s, "quiz", "the seed is given twice");
			seed_text = a->argv[++i];
		} else if (word) {
			return cmd_error(s, "quiz", "too many words: '%s' (usage: quiz [TOPIC] [seed=N])",
					 a->argv[i]);
		} else {
			word = a->argv[i];
		}
	}
	if (word && (strcmp(word, "score") == 0 || strcmp(word, "off") == 0)) {
		if (seed_text)
			return cmd_error(s, "quiz", "%s takes no seed", word);
		if (strcmp(word, "off") == 0)
			return quiz_off(s, z);
		print_score(s, z, "quiz score: ");
		return 0;
	}
	if (word && find_topic(s, word, &topic) < 0)
		return -1;
	if (seed_text && (parse_u64(seed_text, false, &seed) < 0 || seed > ~0UL))
		return cmd_error(s, "quiz", "seed: '%s' is not a number (decimal or 0x hex)",
				 seed_text);
	if (timeline_stepping(s))
		return cmd_error(s, "quiz", "finish stepping '%s' first (next, continue or undo)",
				 timeline_step_command(s));
	if (lesson_active(s))
		return cmd_error(s, "quiz", "not during a lesson (lesson quit first)");
	if (machine_bytes(z->open ? z->saved : s->m) > QUIZ_MACHINE_MAX_BYTES)
		return cmd_error(s, "quiz", "this machine is too large to copy for a quiz (%zu MiB "
				 "a copy); try --preset default or tiny",
				 machine_bytes(s->m) >> 20);
	if (!seed_text) {   /* the session's seed picks the next seed: runs repeat */
		uint64_t st = ((uint64_t)s->seed << 20) ^ z->made++;

		seed = 1 + mix(&st) % QUIZ_SEED_MAX;
	}
	if (!word) {
		uint64_t st = seed;

		topic = (enum topic)(mix(&st) % NR_TOPICS);
	}
	if (!z->pristine && !(z->pristine = boot_pristine(s, err, sizeof(err))))
		return cmd_error(s, "quiz", "cannot boot a machine for the quiz: %s", err);
	rc = make_question(s, z, &q, topic, (unsigned long)seed);
	if (rc < 0)
		return cmd_error(s, "quiz", "out of memory");
	if (rc > 0)
		return cmd_error(s, "quiz", "no %s question could be built on this machine with "
				 "seed %llu; try another seed", topic_names[topic], seed);
	/* the new question replaces the open one; the session's machine stays aside */
	if (z->open) {
		struct machine *keep = z->saved;

		session_adopt(s, q.before);
		if (!z->q.tried && !z->q.revealed)
			z->skipped++;
		question_free(&z->q);
		z->saved = keep;
	} else {
		z->saved = s->m;
		session_adopt(s, q.before);
	}
	z->q = q;
	z->open = true;
	z->q.number = ++z->asked;
	print_question(s, z);
	return 0;
}

/* ---- answer ---------------------------------------------------------------------------- */

static int check_number(struct session *s, const char *v, unsigned long long want, bool *right)
{
	unsigned long long got;

	if (strncasecmp(v, "pfn", 3) == 0 && (v[3] == ' ' || v[3] == ':'))
		v += 4;
	while (*v == ' ')
		v++;
	if (parse_u64(v, false, &got) < 0)
		return cmd_error(s, "answer", "'%s' is not a number (decimal or 0x hex)", v);
	*right = got == want;
	return 0;
}

static int check_yesno(struct session *s, const char *v, unsigned long long want, bool *right)
{
	bool got;

	if (strcasecmp(v, "y") == 0)
		got = true;
	else if (strcasecmp(v, "n") == 0)
		got = false;
	else if (parse_bool(v, &got) < 0)
		return cmd_error(s, "answer", "'%s': answer yes or no", v);
	*right = got == (want != 0);
	return 0;
}

static int check_list(struct session *s, const char *v, const char *want, bool *right)
{
	size_t i;

	if (strncasecmp(v, "lru_", 4) == 0)
		v += 4;
	for (i = 0; i < sizeof(list_answers) / sizeof(list_answers[0]); i++)
		if (strcasecmp(v, list_answers[i]) == 0) {
			*right = strcmp(list_answers[i], want) == 0;
			return 0;
		}
	return cmd_error(s, "answer", "'%s' is not a list: answer inactive_anon, active_anon, "
			 "inactive_file, active_file, unevictable or none", v);
}

/* A buddyinfo line's counts; "Node N, zone NAME" may come first. */
static int check_counts(struct session *s, const struct question *q, const char *v, bool *right)
{
	char buf[512], *words[MAX_ORDER_LIMIT + 8], *save = NULL, *w;
	int n = 0, first = 0, i;
	bool other_zone = false;

	snprintf(buf, sizeof(buf), "%s", v);
	for (w = strtok_r(buf, " \t,", &save); w; w = strtok_r(NULL, " \t,", &save)) {
		if (n == MAX_ORDER_LIMIT + 8)
			return cmd_error(s, "answer", "too many numbers: expected %u counts",
					 q->nr_counts);
		words[n++] = w;
	}
	if (n >= 4 && strcasecmp(words[0], "node") == 0 && strcasecmp(words[2], "zone") == 0) {
		other_zone = strcasecmp(words[3], q->zone_name) != 0;
		first = 4;
	}
	if (n - first != (int)q->nr_counts)
		return cmd_error(s, "answer", "expected %u counts (orders 0-%u), got %d",
				 q->nr_counts, q->nr_counts - 1, n - first);
	*right = !other_zone;
	for (i = first; i < n; i++) {
		unsigned long long c;

		if (parse_u64(words[i], false, &c) < 0)
			return cmd_error(s, "answer", "'%s' is not a count", words[i]);
		if (c != q->counts[i - first])
			*right = false;
	}
	return 0;
}

int quiz_answer(struct session *s, const char *value)
{
	struct quiz *z = s->quiz;
	struct question *q;
	char v[512];
	size_t len;
	bool right = false, first;
	int rc;

	if (!z || !z->open)
		return cmd_error(s, "answer", "no question is waiting for an answer (quiz asks one)");
	q = &z->q;
	if (q->revealed)
		return cmd_error(s, "answer", "the answer to quiz %u was revealed (quiz asks another)",
				 q->number);
	if (q->solved)
		return cmd_error(s, "answer", "quiz %u is answered already (quiz asks another)",
				 q->number);
	while (*value == ' ' || *value == '\t')
		value++;
	snprintf(v, sizeof(v), "%s", value);
	len = strlen(v);
	while (len && (v[len - 1] == ' ' || v[len - 1] == '\t'))
		v[--len] = '\0';
	if (!len)
		return cmd_error(s, "answer", "an empty answer (%s)", q->how);
	switch (q->kind) {
	case ANSWER_NUMBER:
		rc = check_number(s, v, q->value, &right);
		break;
	case ANSWER_YESNO:
		rc = check_yesno(s, v, q->value, &right);
		break;
	case ANSWER_LIST:
		rc = check_list(s, v, q->word, &right);
		break;
	default:
		rc = check_counts(s, q, v, &right);
		break;
	}
	if (rc < 0)
		return -1;   /* malformed: not counted */
	first = !q->tried;
	if (first) {
		q->tried = true;
		if (right)
			z->right++;
		else
			z->wrong++;
	}
	if (right)
		q->solved = true;
	if (right && first)
		fprintf(s->out, "answer: right (score: %u of %u); reveal shows why, quiz asks another\n",
			z->right, z->asked);
	else if (right)
		fprintf(s->out, "answer: right this time (score: %u of %u: the first answer counts)\n",
			z->right, z->asked);
	else
		fprintf(s->out, "answer: wrong (score: %u of %u); try again, or reveal shows the "
			"answer and why\n", z->right, z->asked);
	return 0;
}

/* ---- reveal -------------------------------------------------------------------------------- */

/* The arrow of the call path: U+2192 where the terminal's locale is UTF-8 (as why). */
static const char *arrow(const struct session *s)
{
	const char *cs = nl_langinfo(CODESET);

	return !s->ascii_only && cs && strcmp(cs, "UTF-8") == 0 ? " \xe2\x86\x92 " : " -> ";
}

/* Does the step's text name this pfn ("pfn=0x25", not "pfn=0x250")? */
static bool names_pfn(const char *text, const char *focus)
{
	size_t n = strlen(focus);
	const char *p;

	for (p = strstr(text, focus); p; p = strstr(p + 1, focus))
		if (!strchr("0123456789abcdefABCDEF", p[n]) || !p[n])
			return true;
	return false;
}

static void print_steps(struct session *s, const struct question *q)
{
	const char *to = arrow(s), *last = NULL;
	size_t *pick_idx, n = 0, i, shown = 0;

	pick_idx = malloc((q->nsteps ? q->nsteps : 1) * sizeof(*pick_idx));
	if (!pick_idx)
		return;
	for (i = 0; i < q->nsteps; i++)
		if (!q->focus[0] || names_pfn(q->steps[i].text, q->focus))
			pick_idx[n++] = i;
	if (q->focus[0])
		fprintf(s->out, "  the %zu kernel step%s (of %zu) that name %s:\n", n,
			n == 1 ? "" : "s", q->total, q->focus);
	else
		fprintf(s->out, "  %zu kernel step%s:\n", q->total, q->total == 1 ? "" : "s");
	if (n) {
		fputs("  path:", s->out);
		for (i = 0; i < n; i++) {
			const char *f = q->steps[pick_idx[i]].func;

			if (last && strcmp(last, f) == 0)
				continue;
			if (shown++ == 30) {
				fprintf(s->out, "%s...", to);
				break;
			}
			fprintf(s->out, "%s%s", last ? to : " ", f);
			last = f;
		}
		fputc('\n', s->out);
	}
	for (i = 0; i < n; i++) {
		if (n > QUIZ_STEPS_SHOWN && i == QUIZ_STEPS_SHOWN / 2) {
			fprintf(s->out, "  ... %zu steps not shown ...\n", n - QUIZ_STEPS_SHOWN);
			i = n - QUIZ_STEPS_SHOWN / 2;
		}
		fprintf(s->out, "  %5zu %s: %s\n", pick_idx[i] + 1, q->steps[pick_idx[i]].func,
			q->steps[pick_idx[i]].text);
	}
	free(pick_idx);
}

int cmd_reveal(struct session *s, struct args *a)
{
	struct quiz *z = s->quiz;
	struct question *q;

	(void)a;
	if (!z || !z->open)
		return cmd_error(s, "reveal", "no question is open (quiz asks one)");
	q = &z->q;
	if (!q->tried && !q->revealed)
		z->revealed++;
	q->revealed = true;
	fprintf(s->out, "reveal: %s\n", q->shown);
	if (q->command[0] && q->output && *q->output) {
		const char *p = q->output;
		int lines = 0;

		fprintf(s->out, "  '%s' printed:\n", q->command);
		while (*p && lines++ < 20) {
			size_t len = strcspn(p, "\n");

			fprintf(s->out, "    %.*s\n", (int)len, p);
			p += len + (p[len] == '\n');
		}
		if (*p)
			fputs("    ...\n", s->out);
	}
	print_steps(s, q);
	if (q->command[0] && q->after && s->m != q->after) {
		session_adopt(s, q->after);
		fprintf(s->out, "  Views now show the machine after '%s'.\n", q->command);
	}
	return 0;
}
