/*
 * tests/unit/test_bitmap24.c: the Linux 2.4 buddy bitmap kept as a view
 * (kernel-5.10-mm.md section 5): bit[k][pfn >> (k+1)] is 1 iff exactly
 * one order-k block of the pair is free; every add to / delete from a
 * free list toggles it, as 2.4's MARK_USED and __free_pages_ok did; a
 * migratetype move does not.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "mmsh/bitmap24.h"
#include "mmsh/list.h"
#include "mmsh/page_alloc.h"

/* F_k(p): a free block of exactly order k starts at p (on a free list). */
static bool free_head(struct machine *m, unsigned long p, unsigned int k)
{
	return p < m->max_pfn && PageBuddy(pfn_to_page(m, p)) &&
	       buddy_order(pfn_to_page(m, p)) == k;
}

/* Every bit of every order equals F_k(a) XOR F_k(a + 2^k). */
static void assert_xor_rule(struct machine *m)
{
	unsigned int k;

	for (k = 0; k < m->max_order; k++) {
		unsigned long i, bits = bitmap24_bits(m, k);

		for (i = 0; i < bits; i++) {
			unsigned long a = i << (k + 1), b = a + (1UL << k);
			bool want = free_head(m, a, k) ^ free_head(m, b, k);

			/* (no ck_assert per bit: check logs every call it makes) */
			if (bitmap24_test(m, i, k) != want)
				ck_abort_msg("order %u bit %lu (pfns 0x%lx/0x%lx) is %d, want %d",
					     k, i, a, b, bitmap24_test(m, i, k), want);
		}
	}
}

/* A copy of every order's bitmap. */
struct snapshot {
	uint64_t *bits[MAX_ORDER_LIMIT];
	size_t words[MAX_ORDER_LIMIT];
	unsigned int orders;
};

static void snap(struct machine *m, struct snapshot *s)
{
	unsigned int k;

	s->orders = m->max_order;
	for (k = 0; k < m->max_order; k++) {
		s->words[k] = (bitmap24_bits(m, k) + 63) / 64;
		s->bits[k] = malloc(s->words[k] * sizeof(uint64_t));
		ck_assert_ptr_nonnull(s->bits[k]);
		memcpy(s->bits[k], m->bitmap24[k], s->words[k] * sizeof(uint64_t));
	}
}

static void snap_free(struct snapshot *s)
{
	unsigned int k;

	for (k = 0; k < s->orders; k++)
		free(s->bits[k]);
}

/* The (order, bit) pairs that differ from the snapshot, as "k:i" words. */
static const char *diff(struct machine *m, const struct snapshot *s)
{
	static char buf[4096];
	size_t used = 0;
	unsigned int k;

	buf[0] = '\0';
	for (k = 0; k < s->orders; k++) {
		unsigned long i, bits = bitmap24_bits(m, k);

		for (i = 0; i < bits; i++) {
			bool was = (s->bits[k][i >> 6] >> (i & 63)) & 1;

			if (was != bitmap24_test(m, i, k) && used < sizeof(buf) - 32)
				used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%u:%lu",
							 used ? " " : "", k, i);
		}
	}
	return buf;
}

/* ---- the invariant after boot ------------------------------------------------- */

START_TEST(xor_rule_holds_after_boot)
{
	static const char *const presets[] = { "default", "tiny", "numa" };
	size_t i;

	for (i = 0; i < 3; i++) {
		struct machine *m = boot_preset(presets[i]);

		assert_xor_rule(m);
		machine_destroy(m);
	}
}
END_TEST

START_TEST(boot_bits_of_an_unaligned_zone)
{
	struct machine_shape s;
	struct mm_error e;
	struct machine *m;

	/* x86's DMA from pfn 1: 1 (o0), 2 (o1), 4 (o2) ... 512 (o9) are free */
	machine_shape_init(&s);
	s.start_pfn = 1;
	s.thp = THP_NEVER;
	s.zones[0][ZONE_DMA] = (struct zone_shape){ 4095, 4095, 4095 };
	s.zones[0][ZONE_NORMAL] = (struct zone_shape){ 4096, 4096, 4096 };
	m = machine_create(&s, &e);
	ck_assert_msg(m != NULL, "%s", e.msg);
	assert_xor_rule(m);
	/* the pair (0, 1) at order 0: pfn 0 is a hole, pfn 1 free -> 1 */
	ck_assert(bitmap24_test(m, 0, 0));
	/* the pair (0, 2) at order 1, (0, 4) at order 2 ... (0, 512) at order 9 */
	ck_assert(bitmap24_test(m, 0, 1));
	ck_assert(bitmap24_test(m, 0, 9));
	/* order 10: pairs (0, 1024) and (2048, 3072): 1024 free -> 1; both -> 0 */
	ck_assert(bitmap24_test(m, 0, 10));
	ck_assert(!bitmap24_test(m, 1, 10));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- toggles on split and merge ------------------------------------------------- */

START_TEST(split_toggles_like_2_4_mark_used)
{
	struct machine *m = boot_preset("tiny");
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);
	struct snapshot before;
	struct page *page;

	/* every order-5 pair (0,32) (64,96) ... is both free: all bits 0 */
	snap(m, &before);
	ck_assert_str_eq(diff(m, &before), "");
	/*
	 * __rmqueue_smallest(order 0) takes the order-5 block at 0: 2.4's
	 * rmqueue toggles MARK_USED(0, 5); expand toggles the pair bit at
	 * orders 4, 3, 2, 1, 0 as it frees 16, 8, 4, 2, 1.
	 */
	page = rmqueue_smallest(z, 0, MIGRATE_MOVABLE);
	mod_zone_page_state(z, NR_FREE_PAGES, -1);         /* as rmqueue() does */
	ck_assert_ptr_eq(page, pfn_to_page(m, 0));
	ck_assert_str_eq(diff(m, &before), "0:0 1:0 2:0 3:0 4:0 5:0");
	assert_xor_rule(m);

	/*
	 * Freeing it merges 0 with its buddies 1, 2, 4, 8 and 16: each merge
	 * deletes the buddy and clears its pair's bit, as 2.4's
	 * test_and_change_bit 1 -> 0 did. Order 5 is MAX_ORDER - 1: no merge
	 * there; inserting the order-5 block at 0 flips 5:0 back to 0.
	 */
	free_one_page(z, page, 0, 0, MIGRATE_MOVABLE, FPI_NONE);
	ck_assert_str_eq(diff(m, &before), "");
	ck_assert(PageBuddy(pfn_to_page(m, 0)));
	ck_assert_uint_eq(buddy_order(pfn_to_page(m, 0)), 5);
	assert_xor_rule(m);
	assert_consistent(m);
	snap_free(&before);
	machine_destroy(m);
}
END_TEST

START_TEST(each_free_list_operation_toggles_one_bit)
{
	struct machine *m = boot_preset("tiny");
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);
	struct snapshot s;
	struct page *page;

	page = rmqueue_smallest(z, 0, MIGRATE_MOVABLE);     /* pfn 0; 1 is free o0 */
	mod_zone_page_state(z, NR_FREE_PAGES, -1);
	ck_assert_ptr_eq(page, pfn_to_page(m, 0));
	snap(m, &s);
	/* deleting pfn 1 (o0): one toggle, bit 0:0 -> 0 (both busy) */
	del_page_from_free_list(pfn_to_page(m, 1), z, 0);
	ck_assert_str_eq(diff(m, &s), "0:0");
	ck_assert(!bitmap24_test(m, 0, 0));
	/* adding it back at the head: one toggle again */
	set_buddy_order(pfn_to_page(m, 1), 0);
	add_to_free_list(pfn_to_page(m, 1), z, 0, MIGRATE_MOVABLE);
	ck_assert_str_eq(diff(m, &s), "");
	/* and at the tail */
	del_page_from_free_list(pfn_to_page(m, 1), z, 0);
	set_buddy_order(pfn_to_page(m, 1), 0);
	add_to_free_list_tail(pfn_to_page(m, 1), z, 0, MIGRATE_MOVABLE);
	ck_assert_str_eq(diff(m, &s), "");
	assert_xor_rule(m);
	free_one_page(z, page, 0, 0, MIGRATE_MOVABLE, FPI_NONE);
	assert_xor_rule(m);
	assert_consistent(m);
	snap_free(&s);
	machine_destroy(m);
}
END_TEST

START_TEST(move_to_free_list_does_not_toggle)
{
	struct machine *m = boot_preset("tiny");
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);
	struct snapshot s;

	snap(m, &s);
	/* a migratetype change at the same order: no block enters or leaves */
	move_to_free_list(pfn_to_page(m, 32), z, 5, MIGRATE_UNMOVABLE);
	ck_assert_str_eq(diff(m, &s), "");
	move_to_free_list(pfn_to_page(m, 32), z, 5, MIGRATE_RECLAIMABLE);
	move_to_free_list(pfn_to_page(m, 32), z, 5, MIGRATE_MOVABLE);
	ck_assert_str_eq(diff(m, &s), "");
	assert_xor_rule(m);
	assert_consistent(m);
	snap_free(&s);
	machine_destroy(m);
}
END_TEST

START_TEST(alloc_and_free_keep_the_rule)
{
	struct machine *m = boot_preset("default");
	struct snapshot boot;
	struct mm_error e;
	long pfns[40];
	int i;

	snap(m, &boot);
	for (i = 0; i < 40; i++) {
		static const gfp_t gfps[] = { GFP_KERNEL, GFP_HIGHUSER_MOVABLE,
					      GFP_KERNEL | GFP__RECLAIMABLE, GFP_KERNEL | GFP_DMA };

		pfns[i] = mmsh_alloc(m, gfps[i % 4], (unsigned int)(i % 5), NUMA_NO_NODE, NULL);
		ck_assert_int_ge(pfns[i], 0);
		assert_xor_rule(m);
	}
	for (i = 39; i >= 0; i -= 2)
		ck_assert_int_eq(mmsh_free(m, (unsigned long)pfns[i], -1, &e), 0);
	assert_xor_rule(m);
	for (i = 0; i < 40; i += 2)
		ck_assert_int_eq(mmsh_free(m, (unsigned long)pfns[i], -1, &e), 0);
	assert_xor_rule(m);
	assert_consistent(m);
	snap_free(&boot);
	machine_destroy(m);
}
END_TEST

/* ---- zone boundaries and sizes ------------------------------------------------------ */

START_TEST(pair_straddling_a_zone_boundary)
{
	struct machine_shape s;
	struct mm_error e;
	struct machine *m;
	struct zone *dma, *normal;

	/*
	 * DMA [0, 100), Normal [100, 256), MAX_ORDER 6. Boot frees DMA's
	 * tail as 96 (o2) and Normal's head as 100 (o2): the order-2 pair
	 * 96/100 (bit 12) is both free but never merges (page_is_buddy
	 * wants the same zone): bit 0, which 2.4 never saw persist.
	 */
	machine_shape_init(&s);
	s.max_order = 6;
	s.pageblock_order = 5;
	s.thp = THP_NEVER;
	s.zones[0][ZONE_DMA] = (struct zone_shape){ 100, 100, 100 };
	s.zones[0][ZONE_NORMAL] = (struct zone_shape){ 156, 156, 156 };
	m = machine_create(&s, &e);
	ck_assert_msg(m != NULL, "%s", e.msg);
	dma = ZONE(m, 0, ZONE_DMA);
	normal = ZONE(m, 0, ZONE_NORMAL);
	ck_assert(free_head(m, 96, 2));
	ck_assert(free_head(m, 100, 2));
	ck_assert(!bitmap24_test(m, 12, 2));
	assert_xor_rule(m);

	/* DMA's block leaves its list: only Normal's half is free -> 1 */
	del_page_from_free_list(pfn_to_page(m, 96), dma, 2);
	mod_zone_page_state(dma, NR_FREE_PAGES, -4);
	ck_assert(bitmap24_test(m, 12, 2));
	assert_xor_rule(m);
	/* freed again it stays order 2 in DMA (no cross-zone merge) -> 0 */
	free_one_page(dma, pfn_to_page(m, 96), 96, 2, MIGRATE_MOVABLE, FPI_NONE);
	ck_assert(free_head(m, 96, 2));
	ck_assert(free_head(m, 100, 2));
	ck_assert_ptr_eq(page_zone(m, pfn_to_page(m, 100)), normal);
	ck_assert(!bitmap24_test(m, 12, 2));
	assert_xor_rule(m);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

START_TEST(bits_cover_every_pfn)
{
	struct machine_shape s;
	struct mm_error e;
	struct machine *m;
	unsigned int k;

	/* an odd number of pfns: 1 + 4095 + 1001 = 5097 */
	machine_shape_init(&s);
	s.start_pfn = 1;
	s.thp = THP_NEVER;
	s.zones[0][ZONE_DMA] = (struct zone_shape){ 4095, 4095, 4095 };
	s.zones[0][ZONE_NORMAL] = (struct zone_shape){ 1001, 1001, 1001 };
	m = machine_create(&s, &e);
	ck_assert_msg(m != NULL, "%s", e.msg);
	ck_assert_uint_eq(m->max_pfn, 5097);
	for (k = 0; k < m->max_order; k++) {
		unsigned long need = ((m->max_pfn - 1) >> (k + 1)) + 1;

		/* one bit per pair, and no more than one spare */
		ck_assert_uint_ge(bitmap24_bits(m, k), need);
		ck_assert_uint_le(bitmap24_bits(m, k), (m->max_pfn >> (k + 1)) + 1);
		ck_assert_ptr_nonnull(m->bitmap24[k]);
	}
	ck_assert_ptr_null(m->bitmap24[m->max_order]);
	assert_xor_rule(m);
	machine_destroy(m);

	m = boot_preset("default");
	/* 65536 pfns: 32768 order-0 pairs ... 32 order-10 pairs */
	ck_assert_uint_ge(bitmap24_bits(m, 0), 32768);
	ck_assert_uint_le(bitmap24_bits(m, 0), 32769);
	ck_assert_uint_ge(bitmap24_bits(m, 10), 32);
	ck_assert_uint_le(bitmap24_bits(m, 10), 33);
	machine_destroy(m);
}
END_TEST

START_TEST(toggle_and_test_address_the_pair_bit)
{
	struct machine *m = boot_preset("tiny");

	/* both blocks of a pair map to the same bit: pfn >> (k + 1) */
	ck_assert(!bitmap24_test(m, 3, 2));
	bitmap24_toggle(m, 24, 2);           /* 24 >> 3 = 3 */
	ck_assert(bitmap24_test(m, 3, 2));
	bitmap24_toggle(m, 28, 2);           /* its buddy: the same bit */
	ck_assert(!bitmap24_test(m, 3, 2));
	bitmap24_toggle(m, 255, 0);          /* the last order-0 pair: bit 127 */
	ck_assert(bitmap24_test(m, 127, 0));
	bitmap24_toggle(m, 254, 0);
	ck_assert(!bitmap24_test(m, 127, 0));
	assert_xor_rule(m);
	machine_destroy(m);
}
END_TEST

static Suite *bitmap24_suite(void)
{
	Suite *s = suite_create("bitmap24");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, xor_rule_holds_after_boot);
	tcase_add_test(tc, boot_bits_of_an_unaligned_zone);
	tcase_add_test(tc, split_toggles_like_2_4_mark_used);
	tcase_add_test(tc, each_free_list_operation_toggles_one_bit);
	tcase_add_test(tc, move_to_free_list_does_not_toggle);
	tcase_add_test(tc, alloc_and_free_keep_the_rule);
	tcase_add_test(tc, pair_straddling_a_zone_boundary);
	tcase_add_test(tc, bits_cover_every_pfn);
	tcase_add_test(tc, toggle_and_test_address_the_pair_bit);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(bitmap24_suite());
}
