/*
 * tests/unit/test_contents.c: the data words of pages and swap slots
 * (page_content.h), kept in chunks allocated on their first non-zero
 * write: a booted machine holds no chunk, zeros never allocate one, a
 * chunk covers exactly its pfns, copies and clones hold the same words in
 * chunks of their own, and machine_bytes() counts what the chunks take.
 */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "mmsh/page_content.h"
#include "mmsh/workload.h"

#define CHUNK_BYTES (CONTENT_CHUNK_PAGES * sizeof(uint32_t))

/* Every word of a and b is the same, and so is which chunks exist. */
static void expect_same_contents(const struct machine *a, const struct machine *b)
{
	unsigned long pfn, i;

	ck_assert_uint_eq(a->contents.nr_chunks, b->contents.nr_chunks);
	ck_assert_uint_eq(a->contents.nr_allocated, b->contents.nr_allocated);
	for (i = 0; i < a->contents.nr_chunks; i++) {
		ck_assert_msg(!a->contents.chunk[i] == !b->contents.chunk[i],
			      "chunk %lu is in one machine only", i);
		ck_assert_msg(!a->contents.chunk[i] || a->contents.chunk[i] != b->contents.chunk[i],
			      "chunk %lu is shared", i);
	}
	for (pfn = 0; pfn < a->max_pfn; pfn++)
		if (page_content_get(a, pfn) != page_content_get(b, pfn))
			ck_abort_msg("pfn 0x%lx holds %08x and %08x", pfn,
				     page_content_get(a, pfn), page_content_get(b, pfn));
}

/* The chunks that exist (a count kept apart from nr_allocated). */
static unsigned long chunks_present(const struct machine *m)
{
	unsigned long i, n = 0;

	for (i = 0; i < m->contents.nr_chunks; i++)
		n += m->contents.chunk[i] != NULL;
	return n;
}

START_TEST(boot_allocates_no_chunk)
{
	struct machine *m = boot_preset("default");
	unsigned long pfn;

	ck_assert_uint_eq(m->contents.nr_chunks,
			  (m->max_pfn + CONTENT_CHUNK_PAGES - 1) / CONTENT_CHUNK_PAGES);
	ck_assert_uint_eq(m->contents.nr_allocated, 0);
	ck_assert_uint_eq(chunks_present(m), 0);
	for (pfn = 0; pfn < m->max_pfn; pfn++)
		ck_assert_uint_eq(page_content_get(m, pfn), 0);
	machine_destroy(m);
}
END_TEST

START_TEST(zero_writes_allocate_nothing)
{
	struct machine *m = boot_preset("default");
	size_t bytes = machine_bytes(m);
	unsigned long pfn;

	for (pfn = 0; pfn < m->max_pfn; pfn++)
		page_content_set(m, pfn, 0);
	ck_assert_uint_eq(m->contents.nr_allocated, 0);
	ck_assert_uint_eq(chunks_present(m), 0);
	ck_assert_uint_eq(machine_bytes(m), bytes);
	machine_destroy(m);
}
END_TEST

/* The first non-zero word allocates its chunk, and only it; the chunk stays. */
START_TEST(a_write_allocates_its_chunk_only)
{
	struct machine *m = boot_preset("default");
	size_t bytes = machine_bytes(m);
	unsigned long last = CONTENT_CHUNK_PAGES - 1, next = CONTENT_CHUNK_PAGES;

	page_content_set(m, last, 0xdeadbeef);
	ck_assert_uint_eq(m->contents.nr_allocated, 1);
	ck_assert_ptr_nonnull(m->contents.chunk[0]);
	ck_assert_ptr_null(m->contents.chunk[1]);
	ck_assert_uint_eq(machine_bytes(m), bytes + CHUNK_BYTES);
	ck_assert_uint_eq(page_content_get(m, last), 0xdeadbeef);
	ck_assert_uint_eq(page_content_get(m, last - 1), 0);
	ck_assert_uint_eq(page_content_get(m, 0), 0);
	ck_assert_uint_eq(page_content_get(m, next), 0);
	/* more words of the same chunk, and a zero over a word: no new chunk */
	page_content_set(m, 0, 1);
	page_content_set(m, last, 0);
	ck_assert_uint_eq(m->contents.nr_allocated, 1);
	ck_assert_uint_eq(page_content_get(m, last), 0);
	ck_assert_uint_eq(page_content_get(m, 0), 1);
	/* the next pfn starts the next chunk */
	page_content_set(m, next, 2);
	ck_assert_uint_eq(m->contents.nr_allocated, 2);
	ck_assert_ptr_nonnull(m->contents.chunk[1]);
	ck_assert_uint_eq(machine_bytes(m), bytes + 2 * CHUNK_BYTES);
	/* a chunk whose words are all zero again is kept (page_content.h says why) */
	page_content_set(m, 0, 0);
	ck_assert_uint_eq(m->contents.nr_allocated, 2);
	machine_destroy(m);
}
END_TEST

/* A machine whose last chunk is partly past max_pfn, and one smaller than a chunk. */
START_TEST(the_last_pfn_has_a_word)
{
	struct machine *m = boot_shape(0, 0, 3 * CONTENT_CHUNK_PAGES / 2, 0, 11, 9, 1);
	struct machine *tiny = boot_preset("tiny");

	ck_assert_uint_eq(m->contents.nr_chunks, 2);
	page_content_set(m, m->max_pfn - 1, 7);
	ck_assert_uint_eq(page_content_get(m, m->max_pfn - 1), 7);
	ck_assert_ptr_nonnull(m->contents.chunk[1]);
	ck_assert_uint_eq(tiny->contents.nr_chunks, 1);
	page_content_set(tiny, tiny->max_pfn - 1, 8);
	ck_assert_uint_eq(page_content_get(tiny, tiny->max_pfn - 1), 8);
	machine_destroy(tiny);
	machine_destroy(m);
}
END_TEST

/* Faulting pages writes their words: the chunks cover the pages used, not memory. */
START_TEST(a_workload_allocates_the_chunks_it_touches)
{
	struct machine *m = boot_preset("default");
	struct task *t = new_task(m, "t");
	unsigned long v, n = 3000, i;

	fault(m, t, n);
	for (v = 0; v < n; v++)
		ck_assert_uint_eq(page_content_get(m, anon_pfn(t, v)), t->anon_want[v]);
	/* a chunk exists exactly where a faulted page's word is not zero */
	for (i = 0; i < m->contents.nr_chunks; i++) {
		unsigned long written = 0;

		for (v = 0; v < n; v++)
			written += anon_pfn(t, v) >> CONTENT_CHUNK_SHIFT == i && t->anon_want[v];
		ck_assert_msg(!written == !m->contents.chunk[i],
			      "chunk %lu: %lu words written, chunk %p", i, written,
			      (void *)m->contents.chunk[i]);
	}
	ck_assert_uint_eq(m->contents.nr_allocated, chunks_present(m));
	ck_assert_uint_lt(m->contents.nr_allocated, m->contents.nr_chunks / 4);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* A clone has the same words and chunks, its own; writing one leaves the other. */
START_TEST(clone_holds_the_same_words)
{
	struct machine *m = boot_preset("numa"), *c;
	struct task *t = new_task(m, "t");
	int f = new_file(m, "f");
	unsigned long pfn;

	fault(m, t, 700);
	write_file(m, f, 0, 900);
	c = machine_clone(m);
	ck_assert_ptr_nonnull(c);
	expect_same_contents(m, c);
	ck_assert_uint_eq(machine_bytes(c), machine_bytes(m));
	pfn = anon_pfn(t, 0);
	page_content_set(c, pfn, page_content_get(c, pfn) ^ 1);
	ck_assert_uint_ne(page_content_get(c, pfn), page_content_get(m, pfn));
	assert_consistent(m);
	machine_destroy(c);
	machine_destroy(m);
}
END_TEST

/*
 * machine_copy() into a snapshot: chunks both have are copied in place,
 * chunks only the source has are made, chunks only the target has are
 * freed (an undo back to a state that had written less).
 */
START_TEST(copy_reuses_and_frees_chunks)
{
	struct machine *m = boot_preset("default"), *snap;
	struct task *t = new_task(m, "t");
	unsigned long pfn;
	uint32_t *chunk;
	size_t boot_bytes;

	snap = machine_clone(m);   /* boot: no chunk */
	ck_assert_ptr_nonnull(snap);
	boot_bytes = machine_bytes(snap);
	fault(m, t, 100);
	pfn = anon_pfn(t, 0);
	ck_assert_int_eq(machine_copy(snap, m), 0);
	expect_same_contents(m, snap);
	chunk = snap->contents.chunk[pfn >> CONTENT_CHUNK_SHIFT];
	ck_assert_ptr_nonnull(chunk);

	/* the same chunk again: written over, not reallocated */
	page_content_set(m, pfn, 0x1234);
	ck_assert_int_eq(machine_copy(snap, m), 0);
	ck_assert_ptr_eq(snap->contents.chunk[pfn >> CONTENT_CHUNK_SHIFT], chunk);
	ck_assert_uint_eq(page_content_get(snap, pfn), 0x1234);
	expect_same_contents(m, snap);

	/* back to the boot state: the snapshot's chunks go */
	{
		struct machine *boot = boot_preset("default");

		ck_assert_int_eq(machine_copy(snap, boot), 0);
		ck_assert_uint_eq(snap->contents.nr_allocated, 0);
		ck_assert_uint_eq(chunks_present(snap), 0);
		expect_same_contents(boot, snap);
		machine_destroy(boot);
	}
	ck_assert_uint_eq(machine_bytes(snap), boot_bytes);
	machine_destroy(snap);
	machine_destroy(m);
}
END_TEST

/* Copies between machines of different sizes: a directory of the source's size. */
START_TEST(copy_across_shapes)
{
	struct machine *big = boot_preset("default"), *tiny = boot_preset("tiny");
	struct task *t = new_task(big, "t");

	fault(big, t, 50);
	ck_assert_int_eq(machine_copy(tiny, big), 0);
	expect_same_contents(big, tiny);
	machine_destroy(big);
	big = boot_preset("tiny");
	page_content_set(big, 3, 3);
	ck_assert_int_eq(machine_copy(tiny, big), 0);
	expect_same_contents(big, tiny);
	ck_assert_uint_eq(tiny->contents.nr_chunks, 1);
	machine_destroy(big);
	machine_destroy(tiny);
}
END_TEST

/* The swap device's words: chunks as slots are written; no swap, no directory. */
START_TEST(swap_slots_have_words_in_chunks)
{
	struct machine *m = boot_swap(16384, 3 * CONTENT_CHUNK_PAGES, 1), *c;
	struct machine *none = boot_swap(16384, 0, 1);
	size_t bytes = machine_bytes(m);

	ck_assert_uint_eq(m->swap.data.nr_chunks, 3);
	ck_assert_uint_eq(m->swap.data.nr_allocated, 0);
	ck_assert_uint_eq(contents_get(&m->swap.data, 1), 0);
	contents_set(&m->swap.data, 1, 0);
	ck_assert_uint_eq(m->swap.data.nr_allocated, 0);
	contents_set(&m->swap.data, 2 * CONTENT_CHUNK_PAGES + 5, 0xabc);
	ck_assert_uint_eq(m->swap.data.nr_allocated, 1);
	ck_assert_ptr_nonnull(m->swap.data.chunk[2]);
	ck_assert_uint_eq(machine_bytes(m), bytes + CHUNK_BYTES);
	c = machine_clone(m);
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(contents_get(&c->swap.data, 2 * CONTENT_CHUNK_PAGES + 5), 0xabc);
	ck_assert_ptr_ne(c->swap.data.chunk[2], m->swap.data.chunk[2]);
	ck_assert_uint_eq(machine_bytes(c), machine_bytes(m));
	/* into and out of a machine without swap */
	ck_assert_ptr_null(none->swap.data.chunk);
	ck_assert_int_eq(machine_copy(c, none), 0);
	ck_assert_ptr_null(c->swap.data.chunk);
	ck_assert_uint_eq(machine_bytes(c), machine_bytes(none));
	ck_assert_int_eq(machine_copy(c, m), 0);
	ck_assert_uint_eq(contents_get(&c->swap.data, 2 * CONTENT_CHUNK_PAGES + 5), 0xabc);
	machine_destroy(none);
	machine_destroy(c);
	machine_destroy(m);
}
END_TEST

static Suite *contents_suite(void)
{
	Suite *s = suite_create("contents");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, boot_allocates_no_chunk);
	tcase_add_test(tc, zero_writes_allocate_nothing);
	tcase_add_test(tc, a_write_allocates_its_chunk_only);
	tcase_add_test(tc, the_last_pfn_has_a_word);
	tcase_add_test(tc, a_workload_allocates_the_chunks_it_touches);
	tcase_add_test(tc, clone_holds_the_same_words);
	tcase_add_test(tc, copy_reuses_and_frees_chunks);
	tcase_add_test(tc, copy_across_shapes);
	tcase_add_test(tc, swap_slots_have_words_in_chunks);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(contents_suite());
}
