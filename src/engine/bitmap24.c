/*
 * src/engine/bitmap24.c: storage for the Linux 2.4 buddy bitmap view.
 * One bit per buddy pair per order, indexed by absolute pfn >> (order+1);
 * 2.4 indexed from the zone start, but 5.10 zones need not be aligned to
 * MAX_ORDER blocks, and absolute indexes keep every pair inside one bit.
 */
#include <stdlib.h>

#include "mmsh/bitmap24.h"

unsigned long bitmap24_bits(const struct machine *m, unsigned int order)
{
	return (m->max_pfn >> (order + 1)) + 1;
}

int bitmap24_init(struct machine *m)
{
	unsigned int o;

	for (o = 0; o < m->max_order; o++) {
		unsigned long words = (bitmap24_bits(m, o) + 63) / 64;

		m->bitmap24[o] = calloc(words, sizeof(uint64_t));
		if (!m->bitmap24[o])
			return -1;
	}
	return 0;
}

void bitmap24_free(struct machine *m)
{
	unsigned int o;

	for (o = 0; o < MAX_ORDER_LIMIT; o++) {
		free(m->bitmap24[o]);
		m->bitmap24[o] = NULL;
	}
}
