/*
 * include/mmsh/samples.h: the free-page history behind `plot`. The engine
 * keeps a bounded ring of samples of every populated zone (free pages,
 * its watermarks, nr_free of each order) taken as simulated time passes;
 * `plot` draws them as sparklines and `save svg FILE plot` as line charts.
 * The kernel keeps no such history: this is mmsh's instrument, like vmstat
 * polled by a script once a jiffy.
 */
#ifndef MMSH_SAMPLES_H
#define MMSH_SAMPLES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mmsh/mmzone.h"
#include "mmsh/strbuf.h"

/* The ring keeps the newest SAMPLE_RING_SIZE samples. */
#define SAMPLE_RING_SIZE 512

/*
 * When a sample is taken: at boot; at the end of every jiffy the clock
 * passes (tick(), cond_resched() and sleeps all go through one_jiffy());
 * and by the shell after every command that changed the machine. A sample
 * equal to the one before at the same jiffy adds nothing, and a run of
 * equal samples keeps only its first and its last (whose jiffies move on),
 * so a long quiet stretch does not push the history out of the ring.
 */

/* One zone at one sample. */
struct zone_sample {
	unsigned long free;                  /* NR_FREE_PAGES */
	unsigned long wmark[NR_WMARK];       /* min, low, high (boost included) */
	unsigned long nr_free[MAX_ORDER_LIMIT];   /* free blocks of each order */
};

/* samples_init(): the empty ring of a new machine, then its boot sample; -1 out of memory. */
int samples_init(struct machine *m);
/* The bytes of m->samples (machine_copy(), machine_bytes()); 0 without a ring. */
size_t samples_bytes(const struct machine *m);

/* sample_record(): take a sample of every tracked zone now. O(zones * orders). */
void sample_record(struct machine *m);

/* How many samples the ring holds now (at most SAMPLE_RING_SIZE). */
unsigned int samples_count(const struct machine *m);
/* How many were taken since boot, the runs of equal samples folded. */
unsigned long samples_taken(const struct machine *m);
/*
 * The raw samples, for `save` and `load` (savestate.c): samples_stride()
 * words each (its jiffies, then every tracked zone, as sample_record()
 * lays them out); sample_words() is sample i, 0 the oldest kept.
 * samples_restore() makes the ring hold `count` samples (oldest first,
 * count * samples_stride() words) of which `taken` were taken since boot;
 * -1 when they do not fit the ring.
 */
unsigned int samples_stride(const struct machine *m);
const uint32_t *sample_words(const struct machine *m, unsigned int i);
int samples_restore(struct machine *m, const uint32_t *words, unsigned int count,
		    unsigned long taken);
/* The jiffies of sample i: 0 is the oldest kept, samples_count() - 1 the newest. */
unsigned long sample_jiffies(const struct machine *m, unsigned int i);
/* Zone zone at sample i; false when the zone is not tracked (not populated) or i is out of range. */
bool sample_zone(const struct machine *m, unsigned int i, const struct zone *zone,
		 struct zone_sample *out);

/*
 * view_plot(): the samples as one sparkline per zone (free pages) and per
 * order (nr_free), with min, max and the current value, PLOT_WIDTH marks
 * wide so that a line fits 80 columns. nid NUMA_NO_NODE and zidx < 0
 * select every node and zone; order < 0 every order. utf8 picks the block
 * characters U+2581-U+2588, else " .:-=+*#%@".
 */
#define PLOT_WIDTH 32
void view_plot(struct machine *m, int nid, int zidx, int order, bool utf8,
	       struct strbuf *sb);

/*
 * rec_plot(): the same samples as records (`set output json|csv`), one per
 * sample and zone, oldest first: sample (0 is the oldest held), jiffies,
 * node, zone, free, min, low, high, nr_free (a list: every order, or only
 * order `order`).
 */
struct table;
extern const char *const plot_cols[];
void rec_plot(struct machine *m, int nid, int zidx, int order, struct table *t);

#endif
