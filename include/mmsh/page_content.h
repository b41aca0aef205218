/*
 * include/mmsh/page_content.h: what the simulated pages hold. Each page has
 * one 32-bit data word (what a task wrote, the version of a file block),
 * and so has each swap slot, so that reclaim, swap and migration can be
 * checked to lose no data. The kernel keeps the data in the page itself;
 * mmsh keeps the words beside mem_map (machine->contents) and beside the
 * swap map (swap_device->data), indexed by pfn or by slot.
 */
#ifndef MMSH_PAGE_CONTENT_H
#define MMSH_PAGE_CONTENT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Most pages of a large machine never hold data: a 256 GiB machine that
 * ran a workload of a few GiB wrote a few percent of its words. So the
 * words are kept in chunks of CONTENT_CHUNK_PAGES (4 KiB of words, one
 * host page), allocated when a chunk is first written with something
 * other than zero; a missing chunk reads as zero, which is what every
 * page and slot held at boot. A word is found in O(1): the directory
 * entry of its chunk, then the word in the chunk.
 *
 * A chunk is not freed when its words go back to zero: freeing a page
 * leaves its data in place (as in the kernel, where a freed page keeps
 * what it held until it is used again), so a chunk almost never becomes
 * all zero, and finding out would cost a scan of the chunk per write.
 * Chunks go with the machine: machine_destroy(), or a machine_copy() from
 * a machine that has no chunk there.
 */
#define CONTENT_CHUNK_SHIFT 10
#define CONTENT_CHUNK_PAGES (1UL << CONTENT_CHUNK_SHIFT)

struct page_contents {
	uint32_t **chunk;                    /* nr_chunks entries; NULL: all zero */
	unsigned long nr_chunks;             /* words / CONTENT_CHUNK_PAGES, rounded up */
	unsigned long nr_allocated;          /* entries that are not NULL */
};

/* contents_init(): words [0, n), every one zero. -1: out of host memory. */
int contents_init(struct page_contents *pc, unsigned long n);
void contents_free(struct page_contents *pc);

/*
 * contents_chunk(): the chunk that holds word i, allocated (all zero) if
 * it was missing. NULL when the host is out of memory.
 */
uint32_t *contents_chunk(struct page_contents *pc, unsigned long i);

/*
 * contents_copy(): make dst (whatever it held is ignored) hold what src
 * holds, taking old's directory and chunks where they fit (old is what a
 * copy target held before; what is left of it goes to contents_free()).
 * Returns 0, or -1 when the host is out of memory: dst is then complete
 * enough for contents_free() or another copy, but holds zeros where
 * chunks are missing.
 */
int contents_copy(struct page_contents *dst, struct page_contents *old,
		  const struct page_contents *src);

/* contents_bytes(): the host memory the directory and chunks take. */
size_t contents_bytes(const struct page_contents *pc);

/* contents_get(): word i (< the n it was made for). */
static inline uint32_t contents_get(const struct page_contents *pc, unsigned long i)
{
	const uint32_t *chunk = pc->chunk[i >> CONTENT_CHUNK_SHIFT];

	return chunk ? chunk[i & (CONTENT_CHUNK_PAGES - 1)] : 0;
}

/*
 * contents_set(): word i becomes v. Zero where no chunk is allocates
 * nothing. When the host has no memory for a new chunk the write is lost,
 * and check reports the page or slot whose data is wrong (as it does for
 * a lost disk write).
 */
static inline void contents_set(struct page_contents *pc, unsigned long i, uint32_t v)
{
	uint32_t *chunk = pc->chunk[i >> CONTENT_CHUNK_SHIFT];

	if (!chunk) {
		if (!v)
			return;   /* a missing chunk reads as zero already */
		chunk = contents_chunk(pc, i);
		if (!chunk)
			return;
	}
	chunk[i & (CONTENT_CHUNK_PAGES - 1)] = v;
}

#endif
