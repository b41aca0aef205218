/*
 * include/mmsh/bitmap24.h: the Linux 2.4 buddy bitmap, kept as a view.
 * Linux 2.4's __free_pages_ok() toggled one bit per buddy pair per order
 * on every split and merge; 5.10 has no bitmap. mmsh toggles the same bit
 * whenever a block of that order enters or leaves a free list, so
 * bit[k][pfn >> (k+1)] is 1 iff exactly one block of the pair is free.
 */
#ifndef MMSH_BITMAP24_H
#define MMSH_BITMAP24_H

#include <stdbool.h>

#include "mmsh/mmzone.h"

int bitmap24_init(struct machine *m);
void bitmap24_free(struct machine *m);

/* The bit of the buddy pair that holds the order-k block at pfn. */
static inline void bitmap24_toggle(struct machine *m, unsigned long pfn,
				   unsigned int order)
{
	unsigned long i = pfn >> (order + 1);

	m->bitmap24[order][i >> 6] ^= 1ULL << (i & 63);
}

static inline bool bitmap24_test(const struct machine *m, unsigned long index,
				 unsigned int order)
{
	return (m->bitmap24[order][index >> 6] >> (index & 63)) & 1ULL;
}

/* Number of pair bits at this order. */
unsigned long bitmap24_bits(const struct machine *m, unsigned int order);

#endif
