/*
 * include/mmsh/check.h: every invariant of the engine, verified from
 * scratch: free lists against PageBuddy and order, nr_free, NR_FREE_PAGES,
 * the 2.4 bitmap, pcp counts, mmsh's allocation records, and the rule that
 * every managed page is in exactly one place.
 */
#ifndef MMSH_CHECK_H
#define MMSH_CHECK_H

#include "mmsh/mmzone.h"
#include "mmsh/strbuf.h"

struct check_result {
	unsigned long invariants;   /* kinds of invariant verified */
	unsigned long facts;        /* individual facts checked */
	unsigned long violations;   /* facts that did not hold */
};

/*
 * check_machine(): verify everything; describe each violation (at most
 * `max_reports` of them) as one line in sb. Returns violations.
 */
unsigned long check_machine(struct machine *m, struct check_result *res,
			    struct strbuf *sb, unsigned long max_reports);

/*
 * check_machine_quick(): the same invariants, at the cost of the lists
 * plus the pageblocks whose pages changed since the last check (every
 * write to a page descriptor marks its pageblock; see page_changed()).
 * Sound by induction from the last full check, which it falls back to
 * after boot. Used by the soak test and by `check quick`.
 */
unsigned long check_machine_quick(struct machine *m, struct check_result *res,
				  struct strbuf *sb, unsigned long max_reports);

/* check_scratch_free(): free what the checks keep in m->check_scratch. */
void check_scratch_free(struct check_scratch *s);

#endif
