/*
 * src/engine/page_content.c: the data words of the simulated pages and
 * swap slots, kept in chunks allocated on their first non-zero write
 * (page_content.h): a page that never held data costs nothing but its
 * share of the directory.
 */
#include <stdlib.h>
#include <string.h>

#include "mmsh/page_content.h"

#define CONTENT_CHUNK_BYTES (CONTENT_CHUNK_PAGES * sizeof(uint32_t))

int contents_init(struct page_contents *pc, unsigned long n)
{
	pc->nr_chunks = (n + CONTENT_CHUNK_PAGES - 1) >> CONTENT_CHUNK_SHIFT;
	if (!pc->nr_chunks)
		pc->nr_chunks = 1;
	pc->nr_allocated = 0;
	pc->chunk = calloc(pc->nr_chunks, sizeof(*pc->chunk));
	if (!pc->chunk) {
		pc->nr_chunks = 0;
		return -1;
	}
	return 0;
}

void contents_free(struct page_contents *pc)
{
	unsigned long i;

	for (i = 0; pc->chunk && i < pc->nr_chunks; i++)
		free(pc->chunk[i]);
	free(pc->chunk);
	pc->chunk = NULL;
	pc->nr_chunks = 0;
	pc->nr_allocated = 0;
}

uint32_t *contents_chunk(struct page_contents *pc, unsigned long i)
{
	uint32_t **slot = &pc->chunk[i >> CONTENT_CHUNK_SHIFT];

	if (!*slot) {
		*slot = calloc(CONTENT_CHUNK_PAGES, sizeof(uint32_t));
		if (!*slot)
			return NULL;
		pc->nr_allocated++;
	}
	return *slot;
}

/*
 * The copy goes chunk by chunk: where both have a chunk the words are
 * copied over old's, where only src has one a new chunk is made, and
 * where src has none old's chunk is freed. Copying a machine into an
 * earlier copy of itself (undo's snapshots) thus allocates only the
 * chunks written since, and costs a memcpy per chunk src holds.
 */
int contents_copy(struct page_contents *dst, struct page_contents *old,
		  const struct page_contents *src)
{
	unsigned long i;
	int rc = 0;

	if (!src->chunk) {   /* nothing to hold (a machine without swap) */
		dst->chunk = NULL;
		dst->nr_chunks = 0;
		dst->nr_allocated = 0;
		return 0;
	}
	if (old->chunk && old->nr_chunks == src->nr_chunks) {
		*dst = *old;   /* the directory and its chunks, reused in place */
		old->chunk = NULL;
		old->nr_chunks = 0;
		old->nr_allocated = 0;
	} else if (contents_init(dst, src->nr_chunks << CONTENT_CHUNK_SHIFT) < 0) {
		return -1;
	}
	for (i = 0; i < src->nr_chunks; i++) {
		uint32_t *from = src->chunk[i], **to = &dst->chunk[i];

		if (!from && *to) {
			free(*to);
			*to = NULL;
			dst->nr_allocated--;
		} else if (from) {
			if (!*to) {
				*to = malloc(CONTENT_CHUNK_BYTES);
				if (!*to) {
					rc = -1;
					continue;
				}
				dst->nr_allocated++;
			}
			memcpy(*to, from, CONTENT_CHUNK_BYTES);
		}
	}
	return rc;
}

size_t contents_bytes(const struct page_contents *pc)
{
	return pc->nr_chunks * sizeof(*pc->chunk) + pc->nr_allocated * CONTENT_CHUNK_BYTES;
}
