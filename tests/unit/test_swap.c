/*
 * tests/unit/test_swap.c: the swap device, the swap cache and reverse
 * mapping (mm/swapfile.c, mm/swap_state.c, do_swap_page() of
 * mm/memory.c, mm/rmap.c and the mlock side of mm/mlock.c, Linux 5.10).
 * The swap header in slot 0 (setup_swap_map_and_extents() marks it
 * SWAP_MAP_BAD, so a device of N slots holds N - 1 pages: SwapTotal,
 * total_swap_pages), get_swap_page()'s cursor and wrap, vm_swap_full(),
 * add_to_swap(), the slot's reference counts, eviction leaving a shadow in
 * the slot, try_to_free_swap(), swap-in from the swap cache and from the
 * device (the data, the counters, PG_workingset, refault activation,
 * freeing the slot when swap is tight or the task is mlocked), and
 * show_mem()'s swap cache lines; then page_referenced(), try_to_unmap(),
 * the mapped counters of page_add_rmap() and page_remove_rmap(), and the
 * mlock paths: mlock_vma_page(), munlock_vma_page() with try_to_munlock()
 * and its isolation failures, and clear_page_mlock() at the last unmap.
 * The full invariant check runs after every step that leaves the machine
 * between operations.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "mmsh/list.h"
#include "mmsh/lru.h"
#include "mmsh/page_alloc.h"
#include "mmsh/procfs.h"
#include "mmsh/rmap.h"
#include "mmsh/swap.h"
#include "mmsh/vmscan.h"
#include "mmsh/workload.h"

/* ---- helpers ------------------------------------------------------------------ */

static unsigned long slot_of(const struct page *page)
{
	return page->private - 1;
}

/* zap_pte_range() of task t's pte of a file page in its first vma (offset 0). */
static void zap_file_pte(struct machine *m, struct task *t, struct page *page)
{
	ck_assert_uint_eq(pte_val(t->vmas[0].pte[0]), page_to_pfn(m, page));
	t->vmas[0].pte[0] = 0;
	t->rss_file--;
	page_remove_rmap(m, page);
	put_page(m, page);
}

/*
 * Swap vpage v of t out completely: the first pass adds it to the swap
 * cache, unmaps it (the pte becomes the slot's swap entry) and starts the
 * write; the disk finishes after its latency; the second pass finds it
 * clean and frees it, leaving a shadow in the slot. Returns the slot.
 */
static unsigned long swap_out(struct machine *m, struct task *t, unsigned long v)
{
	struct page *page = anon_page(m, t, v);
	unsigned long slot;

	ck_assert_uint_eq(reclaim_page(m, page, true), 0);
	ck_assert(PageWriteback(page) && PageSwapCache(page));
	slot = slot_of(page);
	ck_assert(pte_swapped(t->anon[v]) && pte_val(t->anon[v]) == slot);
	tick(m, m->disk.latency);
	ck_assert(!PageWriteback(page));
	assert_consistent(m);
	ck_assert_uint_eq(reclaim_page(m, page, true), 1);
	ck_assert_int_eq(page_ref_count(page), 0);
	return slot;
}

/* ---- swap slots ------------------------------------------------------------------ */

/* The SwapTotal: or SwapFree: value of /proc/meminfo, in kB. */
static unsigned long meminfo_kb(struct machine *m, const char *field)
{
	struct strbuf sb = STRBUF_INIT;
	const char *at;
	unsigned long kb = 0;

	proc_meminfo(m, &sb);
	at = strstr(sb_str(&sb), field);
	ck_assert_ptr_nonnull(at);
	ck_assert_int_eq(sscanf(at + strlen(field), " %lu kB", &kb), 1);
	sb_free(&sb);
	return kb;
}

/*
 * The swap header: setup_swap_map_and_extents() marks page 0 of the
 * device SWAP_MAP_BAD, so nr_good_pages, p->pages and total_swap_pages
 * are one less than the device's size. A device of 64 slots holds 63
 * pages: SwapTotal and SwapFree 63 * 4 = 252 kB, the scan starts at
 * cluster_next 1 (read_swap_header), and OOM's totalpages counts the 63.
 * One slot is all header and no room: swapon would refuse it, and the
 * machine has no swap.
 */
START_TEST(slot_0_holds_the_swap_header)
{
	struct machine *m = boot_swap(16384, 64, 1), *tiny;

	ck_assert_uint_eq(m->swap.nr_slots, 64);
	ck_assert_uint_eq(m->swap.pages, 63);
	ck_assert_uint_eq(m->swap.map[0], SWAP_MAP_BAD);
	ck_assert_uint_eq(m->swap.inuse, 0);
	ck_assert_uint_eq(m->swap.cluster_next, 1);
	ck_assert_uint_eq(get_nr_swap_pages(m), 63);
	ck_assert_uint_eq(meminfo_kb(m, "SwapTotal:"), 252);
	ck_assert_uint_eq(meminfo_kb(m, "SwapFree:"), 252);
	/* the header slot is not free, yet it is not in use either */
	ck_assert_ptr_null(lookup_swap_cache(m, 0));
	assert_consistent(m);

	tiny = boot_swap(16384, 1, 1);
	ck_assert_uint_eq(tiny->swap.pages, 0);
	ck_assert_uint_eq(get_nr_swap_pages(tiny), 0);
	ck_assert_int_eq(get_swap_page(tiny), -1);
	ck_assert_uint_eq(meminfo_kb(tiny, "SwapTotal:"), 0);
	assert_consistent(tiny);
	machine_destroy(tiny);
	machine_destroy(m);
}
END_TEST

/*
 * get_swap_page(): the next free slot from the cursor (cluster_next,
 * which starts at 1), so a fresh device of 8 slots hands out 1, 2 ... 7:
 * seven pages, the header never. A full device refuses (inuse has reached
 * the 7 pages): add_to_swap() then fails and leaves the page alone.
 */
START_TEST(slots_are_handed_out_in_order_until_the_device_is_full)
{
	struct machine *m = boot_swap(16384, 8, 1);
	struct task *t = new_task(m, "a");
	struct page *last;
	unsigned long v;

	fault(m, t, 8);
	lru_add_drain(m);
	assert_consistent(m);
	for (v = 0; v < 7; v++) {
		struct page *page = anon_page(m, t, v);

		ck_assert(add_to_swap(m, page));
		ck_assert_uint_eq(slot_of(page), v + 1);
		ck_assert_uint_eq(m->swap.map[v + 1], SWAP_HAS_CACHE);
		ck_assert_uint_eq(m->swap.inuse, v + 1);
		ck_assert_uint_eq(get_nr_swap_pages(m), 7 - (v + 1));
		assert_consistent(m);
	}
	ck_assert_uint_eq(m->swap.map[0], SWAP_MAP_BAD);
	ck_assert_int_eq(get_swap_page(m), -1);
	last = anon_page(m, t, 7);
	ck_assert(!add_to_swap(m, last));
	ck_assert(!PageSwapCache(last) && !PageDirty(last));
	ck_assert_int_eq(page_ref_count(last), 1);
	ck_assert_uint_eq(meminfo_kb(m, "SwapFree:"), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * The cursor moves past each slot handed out and wraps at the end of the
 * device, stepping over the header: 9 slots, pages in 1..8. With slots 2
 * and 7 free and the cursor past the end, the search wraps to 0 (the
 * header, SWAP_MAP_BAD), 1 (in use) and takes 2; with 1 and 7 free and
 * the cursor at 3, it takes 7 (not the lower 1), and only the next search
 * wraps round, past the header again, to 1.
 */
START_TEST(the_cursor_wraps_round_to_freed_slots)
{
	struct machine *m = boot_swap(16384, 9, 1);
	struct task *t = new_task(m, "a");
	unsigned long v;

	fault(m, t, 11);
	lru_add_drain(m);
	for (v = 0; v < 8; v++)
		ck_assert(add_to_swap(m, anon_page(m, t, v)));
	ck_assert_uint_eq(slot_of(anon_page(m, t, 7)), 8);
	ck_assert(try_to_free_swap(m, anon_page(m, t, 1)));
	ck_assert(try_to_free_swap(m, anon_page(m, t, 6)));
	assert_consistent(m);
	ck_assert(add_to_swap(m, anon_page(m, t, 8)));
	ck_assert_uint_eq(slot_of(anon_page(m, t, 8)), 2);
	ck_assert(try_to_free_swap(m, anon_page(m, t, 0)));
	ck_assert(add_to_swap(m, anon_page(m, t, 9)));
	ck_assert_uint_eq(slot_of(anon_page(m, t, 9)), 7);
	ck_assert(add_to_swap(m, anon_page(m, t, 10)));
	ck_assert_uint_eq(slot_of(anon_page(m, t, 10)), 1);
	ck_assert_uint_eq(m->swap.inuse, 8);
	ck_assert_uint_eq(m->swap.map[0], SWAP_MAP_BAD);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * vm_swap_full(): nr_swap_pages * 2 < total_swap_pages, against the
 * pages, not the device size: 8 slots are 7 pages, so 3 in use (4 * 2 =
 * 8 < 7 is false) is not full and 4 in use (3 * 2 = 6 < 7) is, although
 * 4 is only half of the device's 8 slots.
 */
START_TEST(swap_is_full_above_half_its_slots)
{
	struct machine *m = boot_swap(16384, 8, 1);
	struct task *t = new_task(m, "a");
	unsigned long v;

	fault(m, t, 4);
	lru_add_drain(m);
	ck_assert(!vm_swap_full(m));
	for (v = 0; v < 3; v++)
		ck_assert(add_to_swap(m, anon_page(m, t, v)));
	ck_assert(!vm_swap_full(m));
	ck_assert(add_to_swap(m, anon_page(m, t, 3)));
	ck_assert(vm_swap_full(m));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * add_to_swap(): a slot (usage SWAP_HAS_CACHE), PG_swapcache with the
 * entry in page->private (slot 1, the first after the header; mmsh keeps
 * slot + 1 there so 0 means none), the swap cache's reference,
 * NR_FILE_PAGES (the swap cache counts as page cache), add_total, and
 * set_page_dirty() so pageout() will write it. An anonymous page's
 * dirtying is not NR_FILE_DIRTY. lookup_swap_cache() counts every lookup
 * and the hits.
 */
START_TEST(add_to_swap_puts_the_page_in_the_swap_cache_dirty)
{
	struct machine *m = boot_swap(16384, 64, 1);
	struct task *t = new_task(m, "a");
	struct page *page;

	fault(m, t, 1);
	lru_add_drain(m);
	page = anon_page(m, t, 0);
	ck_assert(add_to_swap(m, page));
	ck_assert(PageSwapCache(page) && PageDirty(page));
	ck_assert_uint_eq(page->private, 2);
	ck_assert_uint_eq(slot_of(page), 1);
	ck_assert_int_eq(page_ref_count(page), 2);
	ck_assert_uint_eq(m->swap.map[1], SWAP_HAS_CACHE);
	ck_assert_uint_eq(m->swap.cache_pages, 1);
	ck_assert_uint_eq(m->swap.add_total, 1);
	ck_assert_int_eq(node_stat(m, NR_FILE_PAGES), 1);
	ck_assert_int_eq(node_stat(m, NR_FILE_DIRTY), 0);
	ck_assert_ptr_eq(lookup_swap_cache(m, 1), page);
	ck_assert_uint_eq(m->swap.find_total, 1);
	ck_assert_uint_eq(m->swap.find_success, 1);
	ck_assert_ptr_null(lookup_swap_cache(m, 2));
	ck_assert_uint_eq(m->swap.find_total, 2);
	ck_assert_uint_eq(m->swap.find_success, 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * try_to_unmap() of an anonymous page in the swap cache: the pte becomes
 * the slot's swap entry (swap_duplicate: one more reference on the slot),
 * MM_ANONPAGES down and MM_SWAPENTS up, the mapping and its reference go.
 * 5.10.89 always does TTU_IGNORE_ACCESS: the young pte does not stop it.
 * The entry names slot 1, the first after the header.
 * swap_duplicate()/swap_free() then move the slot's count by one.
 */
START_TEST(unmapping_an_anon_page_leaves_a_swap_entry)
{
	struct machine *m = boot_swap(16384, 64, 1);
	struct task *t = new_task(m, "a");
	struct page *page;

	fault(m, t, 1);
	lru_add_drain(m);
	page = anon_page(m, t, 0);
	ck_assert(t->anon[0] & PTE_YOUNG);
	ck_assert(add_to_swap(m, page));
	ck_assert(try_to_unmap(m, page));
	ck_assert(pte_swapped(t->anon[0]) && !pte_present(t->anon[0]));
	ck_assert_uint_eq(pte_val(t->anon[0]), 1);
	ck_assert_uint_eq(t->rss_anon, 0);
	ck_assert_uint_eq(t->swapents, 1);
	ck_assert_uint_eq(m->swap.map[1], SWAP_HAS_CACHE | 1);
	ck_assert(!page_mapped(page));
	ck_assert_int_eq(page_ref_count(page), 1);
	ck_assert_int_eq(node_stat(m, NR_ANON_MAPPED), 0);
	assert_consistent(m);

	swap_duplicate(m, 1);
	ck_assert_uint_eq(m->swap.map[1], SWAP_HAS_CACHE | 2);
	swap_free(m, 1);
	ck_assert_uint_eq(m->swap.map[1], SWAP_HAS_CACHE | 1);
	ck_assert_uint_eq(m->swap.inuse, 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- try_to_free_swap ------------------------------------------------------------- */

/*
 * try_to_free_swap() gives up while page_swapped(): a pte still names the
 * slot; also for a page not in the swap cache.
 */
START_TEST(try_to_free_swap_refuses_while_a_pte_names_the_slot)
{
	struct machine *m = boot_swap(16384, 64, 1);
	struct task *t = new_task(m, "a");
	struct page *page, *other;

	fault(m, t, 2);
	lru_add_drain(m);
	page = anon_page(m, t, 0);
	other = anon_page(m, t, 1);
	ck_assert(!try_to_free_swap(m, other));
	ck_assert(add_to_swap(m, page));
	ck_assert(try_to_unmap(m, page));
	ck_assert(!try_to_free_swap(m, page));
	ck_assert(PageSwapCache(page));
	ck_assert_uint_eq(m->swap.map[1], SWAP_HAS_CACHE | 1);
	ck_assert_uint_eq(m->swap.del_total, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * A page under writeback keeps its slot; once the write finished and the
 * page is mapped again (a swap cache hit), nothing needs the slot:
 * delete_from_swap_cache(), the slot is free, the swap cache reference
 * dropped, and SetPageDirty() because memory now has the only copy.
 */
START_TEST(try_to_free_swap_waits_for_writeback_then_frees_and_dirties)
{
	struct machine *m = boot_swap(16384, 64, 1);
	struct task *t = new_task(m, "a");
	struct page *page;

	fault(m, t, 1);
	page = anon_page(m, t, 0);
	ck_assert_uint_eq(reclaim_page(m, page, true), 0);
	ck_assert(PageWriteback(page) && !PageDirty(page));
	ck_assert_ptr_eq(do_swap_page(m, t, 0), page);
	ck_assert_uint_eq(m->swap.map[1], SWAP_HAS_CACHE);
	ck_assert(!try_to_free_swap(m, page));
	ck_assert(PageSwapCache(page));
	assert_consistent(m);

	/* end_page_writeback() rotated the PG_reclaim page: drain that pagevec */
	tick(m, m->disk.latency);
	lru_add_drain(m);
	ck_assert(!PageWriteback(page) && !PageDirty(page));
	ck_assert_int_eq(node_stat(m, NR_FILE_PAGES), 1);
	assert_consistent(m);
	ck_assert(try_to_free_swap(m, page));
	ck_assert(!PageSwapCache(page) && PageDirty(page));
	ck_assert_uint_eq(page->private, 0);
	ck_assert_uint_eq(m->swap.map[1], 0);
	ck_assert_uint_eq(m->swap.inuse, 0);
	ck_assert_uint_eq(m->swap.cache_pages, 0);
	ck_assert_uint_eq(m->swap.del_total, 1);
	ck_assert_int_eq(node_stat(m, NR_FILE_PAGES), 0);
	ck_assert_int_eq(page_ref_count(page), 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- eviction and swap-in ------------------------------------------------------------ */

/*
 * The whole swap-out: pageout() writes the page to slot 1 (pswpout, 8
 * sectors of pgpgout), the completed write stores the data in the slot,
 * and the next pass frees the clean page: __remove_mapping() with a
 * workingset shadow
 * (the node ages by one), delete_from_swap_cache() drops SWAP_HAS_CACHE
 * so only the pte's reference is left on the slot.
 */
START_TEST(eviction_leaves_the_data_and_a_shadow_in_the_slot)
{
	struct machine *m = boot_swap(16384, 64, 1);
	struct task *t = new_task(m, "a");
	unsigned long slot, age0;

	fault(m, t, 2);
	lru_add_drain(m);
	age0 = node_lruvec(m, 0)->nonresident_age;
	slot = swap_out(m, t, 1);
	ck_assert_uint_eq(slot, 1);
	ck_assert_uint_eq(m->vm_events[PSWPOUT], 1);
	ck_assert_uint_eq(m->vm_events[PGPGOUT], 8);
	ck_assert_uint_eq(contents_get(&m->swap.data, slot), t->anon_want[1]);
	ck_assert(m->swap.cache[slot] & SLOT_SHADOW);
	ck_assert(!(m->swap.cache[slot] & SLOT_PRESENT));
	ck_assert_uint_eq(m->swap.map[slot], 1);
	ck_assert_uint_eq(m->swap.inuse, 1);
	ck_assert_uint_eq(m->swap.cache_pages, 0);
	ck_assert_uint_eq(m->swap.del_total, 1);
	ck_assert_uint_eq(node_lruvec(m, 0)->nonresident_age, age0 + 1);
	ck_assert_uint_eq(t->swapents, 1);
	ck_assert_uint_eq(t->rss_anon, 1);
	ck_assert_int_eq(node_stat(m, NR_FILE_PAGES), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * do_swap_page() with the slot no longer cached: lookup_swap_cache()
 * misses (find_total only), a new page is read from the device
 * (pswpin, 8 sectors of pgpgin, a major fault) and joins the swap cache
 * (add_total) with PG_workingset; the pte maps it and swap_free() drops
 * the pte's reference, leaving SWAP_HAS_CACHE. Swap is far from full, so
 * the slot stays and the page is clean. The shadow makes it a refault:
 * distance 0, activated.
 */
START_TEST(swap_in_from_the_device_brings_the_data_back)
{
	struct machine *m = boot_swap(16384, 64, 1);
	struct task *t = new_task(m, "a");
	unsigned long slot, ev[NR_VM_EVENT_ITEMS];
	struct page *page;

	fault(m, t, 2);
	slot = swap_out(m, t, 1);
	memcpy(ev, m->vm_events, sizeof(ev));
	page = do_swap_page(m, t, 1);
	ck_assert_ptr_nonnull(page);
	ck_assert(pte_present(t->anon[1]) && (t->anon[1] & PTE_YOUNG));
	ck_assert_uint_eq(pte_val(t->anon[1]), page_to_pfn(m, page));
	ck_assert_uint_eq(page_content_get(m, page_to_pfn(m, page)), t->anon_want[1]);
	ck_assert_uint_eq(m->vm_events[PSWPIN], ev[PSWPIN] + 1);
	ck_assert_uint_eq(m->vm_events[PGPGIN], ev[PGPGIN] + 8);
	ck_assert_uint_eq(m->vm_events[PGMAJFAULT], ev[PGMAJFAULT] + 1);
	ck_assert_uint_eq(m->vm_events[PGFAULT], ev[PGFAULT] + 1);
	ck_assert_uint_eq(m->swap.find_total, 1);
	ck_assert_uint_eq(m->swap.find_success, 0);
	ck_assert_uint_eq(m->swap.add_total, 2);
	ck_assert(PageSwapCache(page) && slot_of(page) == slot);
	ck_assert(test_page_flag(page, PG_workingset));
	ck_assert(!PageDirty(page));
	ck_assert(PageAnon(page) && PageSwapBacked(page));
	ck_assert_uint_eq(m->swap.map[slot], SWAP_HAS_CACHE);
	ck_assert_uint_eq(t->swapents, 0);
	ck_assert_uint_eq(t->rss_anon, 2);
	ck_assert_int_eq(page_mapcount(page), 1);
	ck_assert_int_eq(node_stat(m, WORKINGSET_REFAULT_ANON), 1);
	ck_assert_int_eq(node_stat(m, WORKINGSET_ACTIVATE_ANON), 1);
	ck_assert_int_eq(node_stat(m, WORKINGSET_RESTORE_ANON), 0);
	ck_assert(PageActive(page) && !PageLRU(page));
	assert_consistent(m);
	lru_add_drain(m);
	ck_assert_int_eq(page_lru(page), LRU_ACTIVE_ANON);
	ck_assert_int_eq(page_ref_count(page), 2);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * The anonymous workingset with swap: NR_ACTIVE_FILE + NR_INACTIVE_FILE +
 * NR_ACTIVE_ANON = 1 + 2 + 3 = 6. A and B are evicted in that order (B's
 * shadow one younger), then 5 more ages pass: B's distance is 5 <= 6
 * (activated, which ages the node once), A's is then 7 > 6 (inactive).
 */
START_TEST(swap_in_refault_distance_decides_the_list)
{
	struct machine *m = boot_swap(16384, 64, 1);
	struct task *t = new_task(m, "a"), *w = new_task(m, "hot");
	int f = new_file(m, "data");
	struct mm_error e;
	struct page *a, *b;
	unsigned long v;

	fault(m, w, 3);
	ck_assert_int_eq(file_read(m, f, 0, 3, &e), 3);
	ck_assert_int_eq(file_read(m, f, 2, 1, &e), 1);
	lru_add_drain(m);
	for (v = 0; v < 3; v++) {
		mark_page_accessed(m, anon_page(m, w, v));
		mark_page_accessed(m, anon_page(m, w, v));
	}
	fault(m, t, 2);
	lru_add_drain(m);
	ck_assert_int_eq(node_stat(m, NR_ACTIVE_ANON), 3);
	ck_assert_int_eq(node_stat(m, NR_ACTIVE_FILE), 1);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_FILE), 2);
	assert_consistent(m);
	swap_out(m, t, 0);
	swap_out(m, t, 1);
	workingset_age_nonresident(m, node_lruvec(m, 0), 5);
	b = do_swap_page(m, t, 1);
	ck_assert(PageActive(b));
	assert_consistent(m);
	a = do_swap_page(m, t, 0);
	ck_assert(!PageActive(a));
	assert_consistent(m);
	ck_assert_int_eq(node_stat(m, WORKINGSET_REFAULT_ANON), 2);
	ck_assert_int_eq(node_stat(m, WORKINGSET_ACTIVATE_ANON), 1);
	lru_add_drain(m);
	ck_assert_int_eq(page_lru(a), LRU_INACTIVE_ANON);
	ck_assert_int_eq(page_lru(b), LRU_ACTIVE_ANON);
	ck_assert(test_page_flag(a, PG_workingset));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * A swap cache hit (the write is still in flight): the same page is
 * mapped again; find_success, a minor fault only (no pswpin, no
 * pgmajfault), and no PG_workingset (that belongs to reads).
 */
START_TEST(swap_cache_hit_maps_the_same_page)
{
	struct machine *m = boot_swap(16384, 64, 1);
	struct task *t = new_task(m, "a");
	unsigned long ev[NR_VM_EVENT_ITEMS];
	struct page *page;

	fault(m, t, 1);
	page = anon_page(m, t, 0);
	ck_assert_uint_eq(reclaim_page(m, page, true), 0);
	ck_assert(pte_swapped(t->anon[0]));
	memcpy(ev, m->vm_events, sizeof(ev));
	ck_assert_ptr_eq(do_swap_page(m, t, 0), page);
	ck_assert_uint_eq(m->swap.find_success, 1);
	ck_assert_uint_eq(m->swap.find_total, 1);
	ck_assert_uint_eq(m->vm_events[PGFAULT], ev[PGFAULT] + 1);
	ck_assert_uint_eq(m->vm_events[PGMAJFAULT], ev[PGMAJFAULT]);
	ck_assert_uint_eq(m->vm_events[PSWPIN], ev[PSWPIN]);
	ck_assert(!test_page_flag(page, PG_workingset));
	ck_assert_int_eq(page_mapcount(page), 1);
	ck_assert_int_eq(page_ref_count(page), 2);
	ck_assert_uint_eq(m->swap.map[1], SWAP_HAS_CACHE);
	ck_assert_int_eq(node_stat(m, NR_ANON_MAPPED), 1);
	assert_consistent(m);
	tick(m, m->disk.latency);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * do_swap_page() ends with try_to_free_swap() when mem_cgroup_swap_full()
 * (vm_swap_full() without memcg): 5 of the 7 pages of an 8-slot device in
 * use (2 * 2 < 7), so the slot of the page just mapped, slot 1, is freed
 * and the page dirtied; 4 stay in use.
 */
START_TEST(swap_in_frees_the_slot_when_swap_is_over_half_full)
{
	struct machine *m = boot_swap(16384, 8, 1);
	struct task *t = new_task(m, "a");
	struct page *page;
	unsigned long v;

	fault(m, t, 5);
	lru_add_drain(m);
	for (v = 0; v < 5; v++)
		ck_assert(add_to_swap(m, anon_page(m, t, v)));
	page = anon_page(m, t, 0);
	ck_assert(try_to_unmap(m, page));
	ck_assert(vm_swap_full(m));
	assert_consistent(m);
	ck_assert_ptr_eq(do_swap_page(m, t, 0), page);
	ck_assert(!PageSwapCache(page) && PageDirty(page));
	ck_assert_uint_eq(m->swap.map[1], 0);
	ck_assert_uint_eq(m->swap.inuse, 4);
	ck_assert_int_eq(page_ref_count(page), 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * mlock() populates the vma: a swapped page comes back through
 * do_swap_page() with VM_LOCKED, which frees the slot at once; then the
 * page is mlocked onto the unevictable list.
 */
START_TEST(swap_in_for_an_mlocked_task_frees_the_slot)
{
	struct machine *m = boot_swap(16384, 64, 1);
	struct task *t = new_task(m, "a");
	struct page *page;

	fault(m, t, 2);
	swap_out(m, t, 0);
	ck_assert_uint_eq(m->swap.inuse, 1);
	mlock_all(m, t, true);   /* checks the machine too */
	page = anon_page(m, t, 0);
	ck_assert_uint_eq(page_content_get(m, page_to_pfn(m, page)), t->anon_want[0]);
	ck_assert(!PageSwapCache(page) && PageDirty(page));
	ck_assert_uint_eq(m->swap.inuse, 0);
	ck_assert_uint_eq(t->swapents, 0);
	ck_assert(PageMlocked(page));
	lru_add_drain(m);
	ck_assert_int_eq(page_lru(page), LRU_UNEVICTABLE);
	ck_assert_int_eq(normal_stat(m, NR_MLOCK), 2);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * Unmapping a swap entry (zap_pte_range: free_swap_and_cache) drops the
 * last reference: the slot is free again and its shadow goes with it
 * (swap_range_free clears the shadows since 5.9).
 */
START_TEST(freeing_the_last_swap_entry_frees_slot_and_shadow)
{
	struct machine *m = boot_swap(16384, 64, 1);
	struct task *t = new_task(m, "a");
	unsigned long slot;

	fault(m, t, 2);
	slot = swap_out(m, t, 1);
	ck_assert_uint_eq(munmap_task(m, t, 1), 1);
	ck_assert_uint_eq(m->swap.map[slot], 0);
	ck_assert_uint_eq(m->swap.cache[slot], 0);
	ck_assert_uint_eq(m->swap.inuse, 0);
	ck_assert_uint_eq(t->swapents, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * show_free_areas() ends with "N total pagecache pages" (the swap cache is
 * part of NR_FILE_PAGES) and show_swap_cache_info(). One page swapped out
 * and read back: add 2 (add_to_swap, the read), delete 1 (the eviction),
 * find 0/1 (the swap-in missed), 1 page still cached; the 64-slot device
 * holds 63 pages (slot 0 is the header): total 63 * 4 = 252 kB, 1 page in
 * use, free 62 * 4 = 248 kB.
 */
START_TEST(show_mem_reports_the_swap_cache)
{
	struct machine *m = boot_swap(16384, 64, 1);
	struct task *t = new_task(m, "a");
	struct strbuf sb = STRBUF_INIT;

	fault(m, t, 1);
	swap_out(m, t, 0);
	ck_assert_ptr_nonnull(do_swap_page(m, t, 0));
	assert_consistent(m);
	show_mem(m, &sb);
	ck_assert_ptr_nonnull(strstr(sb_str(&sb),
				     "\n1 total pagecache pages\n"
				     "1 pages in swap cache\n"
				     "Swap cache stats: add 2, delete 1, find 0/1\n"
				     "Free swap  = 248kB\n"
				     "Total swap = 252kB\n"));
	sb_free(&sb);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * touch_task() faults every swapped vpage back through do_swap_page():
 * three pages were swapped out and evicted, three major faults bring the
 * task's data back word for word.
 */
START_TEST(touching_the_task_swaps_every_page_back_in)
{
	struct machine *m = boot_swap(16384, 64, 1);
	struct task *t = new_task(m, "a");
	struct mm_error e;
	unsigned long majflt, v;

	fault(m, t, 6);
	swap_out(m, t, 1);
	swap_out(m, t, 3);
	swap_out(m, t, 5);
	assert_consistent(m);
	ck_assert_uint_eq(t->swapents, 3);
	ck_assert_uint_eq(t->rss_anon, 3);
	majflt = m->vm_events[PGMAJFAULT];
	ck_assert_int_eq(touch_task(m, t, &e), 6);
	ck_assert_uint_eq(m->vm_events[PGMAJFAULT], majflt + 3);
	ck_assert_uint_eq(t->swapents, 0);
	ck_assert_uint_eq(t->rss_anon, 6);
	for (v = 0; v < 6; v++)
		ck_assert_uint_eq(page_content_get(m, pte_val(t->anon[v])), t->anon_want[v]);
	ck_assert_uint_eq(m->swap.cache_pages, 3);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * A page read back from swap is clean and keeps its slot: reclaiming it
 * again needs no write (add_to_swap is skipped for a swap cache page,
 * PageDirty is clear): one pass unmaps it to the same slot and frees it,
 * pswpout unchanged.
 */
START_TEST(a_clean_swap_cache_page_is_freed_without_another_write)
{
	struct machine *m = boot_swap(16384, 64, 1);
	struct task *t = new_task(m, "a");
	struct page *page;
	unsigned long slot;

	fault(m, t, 1);
	slot = swap_out(m, t, 0);
	page = do_swap_page(m, t, 0);
	ck_assert_ptr_nonnull(page);
	ck_assert(!PageDirty(page));
	assert_consistent(m);
	ck_assert_uint_eq(m->vm_events[PSWPOUT], 1);
	ck_assert_uint_eq(reclaim_page(m, page, true), 1);
	ck_assert_uint_eq(m->vm_events[PSWPOUT], 1);
	ck_assert(pte_swapped(t->anon[0]) && pte_val(t->anon[0]) == slot);
	ck_assert_uint_eq(m->swap.map[slot], 1);
	ck_assert_uint_eq(contents_get(&m->swap.data, slot), t->anon_want[0]);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- page_referenced ------------------------------------------------------------------- */

/*
 * page_referenced() counts the mappings (VMAs) whose pte was young, not
 * the ptes' total, and clears the young bits it tests (a second call
 * finds none). Three tasks map the page; one pte was already old.
 */
START_TEST(page_referenced_counts_young_mappings_and_clears_them)
{
	struct machine *m = boot_swap(16384, 64, 1);
	int f = new_file(m, "lib");
	struct task *a = new_task(m, "a"), *b = new_task(m, "b"), *c = new_task(m, "c");
	unsigned long vm_flags;
	struct page *page;

	map_file(m, a, f, 1, false);
	map_file(m, b, f, 1, false);
	map_file(m, c, f, 1, false);
	page = file_page(m, f, 0);
	ck_assert_int_eq(page_mapcount(page), 3);
	b->vmas[0].pte[0] &= ~PTE_YOUNG;
	ck_assert_int_eq(page_referenced(m, page, &vm_flags), 2);
	ck_assert_uint_eq(vm_flags & (VM_EXEC | VM_LOCKED), 0);
	ck_assert(!(a->vmas[0].pte[0] & PTE_YOUNG));
	ck_assert(!(c->vmas[0].pte[0] & PTE_YOUNG));
	ck_assert_int_eq(page_referenced(m, page, &vm_flags), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * page_referenced_one() ORs in vma->vm_flags only for a mapping that was
 * referenced: VM_EXEC shows while the executable mapping's pte is young.
 */
START_TEST(page_referenced_reports_exec_of_referenced_mappings_only)
{
	struct machine *m = boot_swap(16384, 64, 1);
	int f = new_file(m, "bin");
	struct task *a = new_task(m, "a"), *b = new_task(m, "b");
	unsigned long vm_flags;
	struct page *page;

	map_file(m, a, f, 1, true);
	map_file(m, b, f, 1, false);
	page = file_page(m, f, 0);
	ck_assert_int_eq(page_referenced(m, page, &vm_flags), 2);
	ck_assert(vm_flags & VM_EXEC);
	b->vmas[0].pte[0] |= PTE_YOUNG;
	ck_assert_int_eq(page_referenced(m, page, &vm_flags), 1);
	ck_assert(!(vm_flags & VM_EXEC));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * A VM_LOCKED mapping ends the walk (page_referenced_one returns false)
 * and reports VM_LOCKED; mappings after it are not looked at, so their
 * young bits stay. The file's vmas are walked in the order they were
 * mapped (a, b, c).
 */
START_TEST(page_referenced_stops_at_a_locked_mapping)
{
	struct machine *m = boot_swap(16384, 64, 1);
	int f = new_file(m, "lib");
	struct task *a = new_task(m, "a"), *b = new_task(m, "b"), *c = new_task(m, "c");
	unsigned long vm_flags;
	struct page *page;

	map_file(m, a, f, 1, false);
	mlock_all(m, b, true);
	map_file(m, b, f, 1, false);
	map_file(m, c, f, 1, false);
	page = file_page(m, f, 0);
	ck_assert_int_eq(page_referenced(m, page, &vm_flags), 1);
	ck_assert(vm_flags & VM_LOCKED);
	ck_assert(!(a->vmas[0].pte[0] & PTE_YOUNG));
	ck_assert(b->vmas[0].pte[0] & PTE_YOUNG);
	ck_assert(c->vmas[0].pte[0] & PTE_YOUNG);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* An anonymous page has its one pte; an unmapped page has none to count. */
START_TEST(page_referenced_of_anon_and_unmapped_pages)
{
	struct machine *m = boot_swap(16384, 64, 1);
	struct task *t = new_task(m, "a");
	int f = new_file(m, "data");
	unsigned long vm_flags = 123;
	struct mm_error e;

	fault(m, t, 1);
	ck_assert_int_eq(page_referenced(m, anon_page(m, t, 0), &vm_flags), 1);
	ck_assert_uint_eq(vm_flags, 0);
	ck_assert(!(t->anon[0] & PTE_YOUNG));
	ck_assert_int_eq(page_referenced(m, anon_page(m, t, 0), &vm_flags), 0);
	ck_assert_int_eq(file_read(m, f, 0, 1, &e), 1);
	vm_flags = 123;
	ck_assert_int_eq(page_referenced(m, file_page(m, f, 0), &vm_flags), 0);
	ck_assert_uint_eq(vm_flags, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- try_to_unmap ------------------------------------------------------------------------ */

/*
 * A file page mapped by two tasks: both ptes are cleared (no swap entry
 * for file pages), each task's MM_FILEPAGES drops, NR_FILE_MAPPED drops
 * once at the last unmap, and only the page cache's reference is left.
 */
START_TEST(try_to_unmap_clears_every_file_pte)
{
	struct machine *m = boot_swap(16384, 64, 1);
	int f = new_file(m, "lib");
	struct task *a = new_task(m, "a"), *b = new_task(m, "b");
	struct page *page;

	map_file(m, a, f, 1, false);
	map_file(m, b, f, 1, false);
	lru_add_drain(m);
	page = file_page(m, f, 0);
	ck_assert_int_eq(page_ref_count(page), 3);
	ck_assert_int_eq(node_stat(m, NR_FILE_MAPPED), 1);
	ck_assert(try_to_unmap(m, page));
	ck_assert_uint_eq(a->vmas[0].pte[0], 0);
	ck_assert_uint_eq(b->vmas[0].pte[0], 0);
	ck_assert_uint_eq(a->rss_file, 0);
	ck_assert_uint_eq(b->rss_file, 0);
	ck_assert(!page_mapped(page));
	ck_assert_int_eq(page_ref_count(page), 1);
	ck_assert_int_eq(node_stat(m, NR_FILE_MAPPED), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* An unmapped page: nothing to walk, try_to_unmap() reports success. */
START_TEST(try_to_unmap_of_an_unmapped_page_succeeds)
{
	struct machine *m = boot_swap(16384, 64, 1);
	int f = new_file(m, "data");
	struct mm_error e;
	struct page *page;

	ck_assert_int_eq(file_read(m, f, 0, 1, &e), 1);
	lru_add_drain(m);
	page = file_page(m, f, 0);
	ck_assert(try_to_unmap(m, page));
	ck_assert_int_eq(page_ref_count(page), 1);
	ck_assert(!PageMlocked(page));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * Reclaim meets a file page mapped by a VM_LOCKED vma whose pages were
 * not mlocked yet (mlock is lazy for them): try_to_unmap_one() unmaps the
 * ordinary mapping it meets first, then at the locked one calls
 * mlock_vma_page() and fails. shrink_page_list() counts the unmap failure
 * and does not activate an mlocked page; putback culls it to the
 * unevictable list.
 */
START_TEST(try_to_unmap_fails_at_a_locked_mapping_and_mlocks_the_page)
{
	struct machine *m = boot_swap(16384, 64, 1);
	int f = new_file(m, "lib");
	struct task *a = new_task(m, "a"), *b = new_task(m, "b");
	struct page *page;

	map_file(m, a, f, 1, false);
	map_file(m, b, f, 1, false);
	b->mlocked = true;   /* VM_LOCKED set, the page not populated by mlock */
	page = file_page(m, f, 0);
	ck_assert(!PageMlocked(page));
	ck_assert_uint_eq(reclaim_page(m, page, true), 0);
	ck_assert_uint_eq(a->vmas[0].pte[0], 0);
	ck_assert(pte_present(b->vmas[0].pte[0]));
	ck_assert(PageMlocked(page) && !PageActive(page));
	ck_assert_int_eq(normal_stat(m, NR_MLOCK), 1);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGMLOCKED], 1);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGCULLED], 1);
	ck_assert_int_eq(page_lru(page), LRU_UNEVICTABLE);
	ck_assert_int_eq(page_mapcount(page), 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * mlock_vma_page() (mm/mlock.c): TestSetPageMlocked, NR_MLOCK,
 * unevictable_pgs_mlocked, and "if (!isolate_lru_page(page))
 * putback_lru_page(page)": the page leaves the inactive list at once and
 * waits in the lru_add pagevec (no PG_lru; cache, pte and pagevec hold it:
 * refcount 3); the drain's __pagevec_lru_add_fn() finds it unevictable and
 * culls it to the unevictable list.
 */
START_TEST(mlock_vma_page_moves_an_lru_page_to_unevictable)
{
	struct machine *m = boot_swap(16384, 64, 1);
	int f = new_file(m, "lib");
	struct task *a = new_task(m, "a");
	struct page *page;

	map_file(m, a, f, 1, false);
	lru_add_drain(m);
	page = file_page(m, f, 0);
	ck_assert_int_eq(page_lru(page), LRU_INACTIVE_FILE);
	a->mlocked = true;
	mlock_vma_page(m, page);
	ck_assert(PageMlocked(page));
	ck_assert_int_eq(normal_stat(m, NR_MLOCK), 1);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGMLOCKED], 1);
	ck_assert(!PageLRU(page) && !PageUnevictable(page));
	ck_assert_uint_eq(m->pvecs[0].lru_add.nr, 1);
	ck_assert_int_eq(page_ref_count(page), 3);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_FILE), 0);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGCULLED], 0);
	assert_consistent(m);
	/* a second mlock of the same page changes nothing (TestSetPageMlocked) */
	mlock_vma_page(m, page);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGMLOCKED], 1);
	ck_assert_int_eq(normal_stat(m, NR_MLOCK), 1);
	lru_add_drain(m);
	ck_assert_int_eq(page_lru(page), LRU_UNEVICTABLE);
	ck_assert(PageUnevictable(page));
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGCULLED], 1);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_FILE), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- page_add_rmap / page_remove_rmap ---------------------------------------------------- */

/*
 * NR_FILE_MAPPED and NR_ANON_MAPPED count pages mapped at least once:
 * they move when _mapcount goes from -1 to 0 and back, not for the
 * further mappings.
 */
START_TEST(mapped_counters_move_on_the_first_and_last_mapping)
{
	struct machine *m = boot_swap(16384, 64, 1);
	int f = new_file(m, "lib");
	struct task *a = new_task(m, "a"), *b = new_task(m, "b");
	struct page *page;

	map_file(m, a, f, 1, false);
	page = file_page(m, f, 0);
	ck_assert_int_eq(node_stat(m, NR_FILE_MAPPED), 1);
	map_file(m, b, f, 1, false);
	ck_assert_int_eq(page_mapcount(page), 2);
	ck_assert_int_eq(node_stat(m, NR_FILE_MAPPED), 1);
	page_add_rmap(m, page);
	ck_assert_int_eq(page_mapcount(page), 3);
	ck_assert_int_eq(node_stat(m, NR_FILE_MAPPED), 1);
	page_remove_rmap(m, page);
	ck_assert_int_eq(node_stat(m, NR_FILE_MAPPED), 1);
	assert_consistent(m);
	munmap_task(m, b, 0);
	ck_assert_int_eq(page_mapcount(page), 1);
	ck_assert_int_eq(node_stat(m, NR_FILE_MAPPED), 1);
	assert_consistent(m);
	munmap_task(m, a, 0);
	lru_add_drain(m);
	ck_assert(!page_mapped(page));
	ck_assert_int_eq(node_stat(m, NR_FILE_MAPPED), 0);
	ck_assert_int_eq(page_ref_count(page), 1);
	assert_consistent(m);

	fault(m, a, 2);
	ck_assert_int_eq(node_stat(m, NR_ANON_MAPPED), 2);
	munmap_task(m, a, 1);
	ck_assert_int_eq(node_stat(m, NR_ANON_MAPPED), 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * The last page_remove_rmap() of an mlocked page calls clear_page_mlock():
 * PG_mlocked cleared, NR_MLOCK down, unevictable_pgs_cleared, and the page
 * isolated and put back, so the drain finds it evictable and rescues it
 * to the inactive list. Here a truncation-style zap of the only (locked)
 * mapping of a page that stays in the page cache.
 */
START_TEST(last_unmap_of_an_mlocked_page_puts_it_back_on_an_evictable_list)
{
	struct machine *m = boot_swap(16384, 64, 1);
	int f = new_file(m, "lib");
	struct task *b = new_task(m, "b");
	struct page *page;

	mlock_all(m, b, true);
	map_file(m, b, f, 1, false);
	lru_add_drain(m);
	page = file_page(m, f, 0);
	ck_assert_int_eq(page_lru(page), LRU_UNEVICTABLE);
	ck_assert_int_eq(normal_stat(m, NR_MLOCK), 1);
	assert_consistent(m);

	/* zap_pte_range() of b's pte */
	zap_file_pte(m, b, page);
	ck_assert(!PageMlocked(page));
	ck_assert_int_eq(normal_stat(m, NR_MLOCK), 0);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGCLEARED], 1);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGSTRANDED], 0);
	/* isolated and put back: waiting in the lru_add pagevec, still PG_unevictable */
	ck_assert(!PageLRU(page) && PageUnevictable(page));
	ck_assert_uint_eq(m->pvecs[0].lru_add.nr, 1);
	assert_consistent(m);
	lru_add_drain(m);
	ck_assert_int_eq(page_lru(page), LRU_INACTIVE_FILE);
	ck_assert(!PageUnevictable(page));
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGRESCUED], 1);
	ck_assert_int_eq(node_stat(m, NR_UNEVICTABLE), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- munlock_vma_page / clear_page_mlock ------------------------------------------------- */

/*
 * munlock_vma_page() of a page only its own (no longer VM_LOCKED) vma maps:
 * TestClearPageMlocked, NR_MLOCK down, the page isolated from the
 * unevictable list (it keeps PG_unevictable while off the list), no
 * try_to_munlock() walk for a page mapped once, unevictable_pgs_munlocked,
 * putback_lru_page() into the lru_add pagevec. At the drain
 * __pagevec_lru_add_fn() finds it evictable and was unevictable: rescued,
 * to the head of the inactive anon list in pagevec order.
 */
START_TEST(munlock_vma_page_puts_a_page_mapped_once_back)
{
	struct machine *m = boot_swap(16384, 64, 1);
	struct task *t = new_task(m, "a");
	struct page *p0, *p1;
	unsigned long pfns[4];

	mlock_all(m, t, true);
	fault(m, t, 2);
	lru_add_drain(m);
	p0 = anon_page(m, t, 0);
	p1 = anon_page(m, t, 1);
	ck_assert_int_eq(page_lru(p0), LRU_UNEVICTABLE);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGMLOCKED), 2);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGCULLED), 2);
	assert_consistent(m);

	t->mlocked = false;   /* munlock_vma_pages_range() clears VM_LOCKED first */
	munlock_vma_page(m, p0);
	ck_assert(!PageMlocked(p0) && PageUnevictable(p0) && !PageLRU(p0));
	ck_assert_int_eq(normal_stat(m, NR_MLOCK), 1);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGMUNLOCKED), 1);
	ck_assert_uint_eq(m->pvecs[0].lru_add.nr, 1);
	ck_assert_int_eq(page_ref_count(p0), 2);
	ck_assert_int_eq(node_stat(m, NR_UNEVICTABLE), 1);
	munlock_vma_page(m, p1);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGMUNLOCKED), 2);
	ck_assert_int_eq(normal_stat(m, NR_MLOCK), 0);
	/* a page that is not mlocked is left alone */
	munlock_vma_page(m, p1);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGMUNLOCKED), 2);
	assert_consistent(m);

	lru_add_drain(m);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGRESCUED), 2);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGCULLED), 2);
	ck_assert_uint_eq(list_pfns(m, node_lruvec(m, 0)->lists[LRU_INACTIVE_ANON], pfns, 4), 2);
	ck_assert_uint_eq(pfns[0], page_to_pfn(m, p1));
	ck_assert_uint_eq(pfns[1], page_to_pfn(m, p0));
	ck_assert(!PageUnevictable(p0) && PageLRU(p0));
	ck_assert_int_eq(node_stat(m, NR_UNEVICTABLE), 0);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGMLOCKED), 2);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGCLEARED), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * try_to_munlock(): a page mapped more than once is walked after its
 * isolation; another VM_LOCKED vma mlocks it again (mlock_vma_page():
 * PG_mlocked, NR_MLOCK and unevictable_pgs_mlocked once more, the
 * isolation failing because the page is already off the list), so it is
 * not counted munlocked and goes back to the unevictable list, not culled
 * twice (it kept PG_unevictable). Tasks a and b both mlockall() and map
 * the same file page; a munlocks, then b does: only b's munlock finds no
 * locked mapping left, counts munlocked, and the drain rescues the page.
 */
START_TEST(munlock_keeps_a_page_another_locked_vma_maps)
{
	struct machine *m = boot_swap(16384, 64, 1);
	int f = new_file(m, "lib");
	struct task *a = new_task(m, "a"), *b = new_task(m, "b");
	struct page *page;

	mlock_all(m, a, true);
	mlock_all(m, b, true);
	map_file(m, a, f, 1, false);
	map_file(m, b, f, 1, false);
	lru_add_drain(m);
	page = file_page(m, f, 0);
	ck_assert_int_eq(page_mapcount(page), 2);
	ck_assert_int_eq(page_lru(page), LRU_UNEVICTABLE);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGMLOCKED), 1);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGCULLED), 1);
	assert_consistent(m);

	mlock_all(m, a, false);
	ck_assert(PageMlocked(page));
	ck_assert_int_eq(normal_stat(m, NR_MLOCK), 1);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGMLOCKED), 2);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGMUNLOCKED), 0);
	lru_add_drain(m);
	ck_assert_int_eq(page_lru(page), LRU_UNEVICTABLE);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGCULLED), 1);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGRESCUED), 0);
	assert_consistent(m);

	mlock_all(m, b, false);
	ck_assert(!PageMlocked(page));
	ck_assert_int_eq(normal_stat(m, NR_MLOCK), 0);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGMLOCKED), 2);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGMUNLOCKED), 1);
	lru_add_drain(m);
	ck_assert_int_eq(page_lru(page), LRU_INACTIVE_FILE);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGRESCUED), 1);
	ck_assert_int_eq(page_mapcount(page), 2);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * __munlock_isolation_failed(): munlock_vma_page() of a page it cannot
 * isolate still clears PG_mlocked and NR_MLOCK, and counts the page
 * unevictable_pgs_stranded if it is PG_unevictable (left on, or taken off
 * by somebody else from, the unevictable list), else
 * unevictable_pgs_munlocked. (a) A fault of the locked task still waiting
 * in the lru_add pagevec (not PG_lru, not yet culled): munlocked; the
 * drain puts it on the inactive list with neither culled nor rescued.
 * (b) A culled page somebody else has isolated: stranded; when they put
 * it back the drain rescues it.
 */
START_TEST(munlock_of_a_page_it_cannot_isolate)
{
	struct machine *m = boot_swap(16384, 64, 1);
	struct task *t = new_task(m, "a");
	struct page *queued, *taken;

	mlock_all(m, t, true);
	fault(m, t, 1);
	lru_add_drain(m);
	taken = anon_page(m, t, 0);
	fault(m, t, 1);
	queued = anon_page(m, t, 1);
	ck_assert(PageMlocked(queued) && !PageLRU(queued) && !PageUnevictable(queued));
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGCULLED), 1);

	/* (a) */
	t->mlocked = false;
	munlock_vma_page(m, queued);
	ck_assert(!PageMlocked(queued));
	ck_assert_int_eq(normal_stat(m, NR_MLOCK), 1);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGMUNLOCKED), 1);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGSTRANDED), 0);
	ck_assert_uint_eq(m->pvecs[0].lru_add.nr, 1);
	assert_consistent(m);
	lru_add_drain(m);
	ck_assert_int_eq(page_lru(queued), LRU_INACTIVE_ANON);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGCULLED), 1);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGRESCUED), 0);
	assert_consistent(m);

	/* (b) */
	ck_assert_int_eq(isolate_lru_page(m, taken), 0);
	munlock_vma_page(m, taken);
	ck_assert(!PageMlocked(taken) && PageUnevictable(taken));
	ck_assert_int_eq(normal_stat(m, NR_MLOCK), 0);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGSTRANDED), 1);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGMUNLOCKED), 1);
	putback_lru_page(m, taken);
	lru_add_drain(m);
	ck_assert_int_eq(page_lru(taken), LRU_INACTIVE_ANON);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGRESCUED), 1);
	ck_assert_int_eq(node_stat(m, NR_UNEVICTABLE), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * clear_page_mlock() when the page cannot be isolated: cleared, NR_MLOCK
 * down, and unevictable_pgs_stranded only if the page is PG_unevictable.
 * (a) The last mapping goes while somebody else holds the culled page
 * isolated: cleared and stranded; putting it back rescues it. (b) The last
 * mapping of a page that still waits in the lru_add pagevec (mapped by the
 * locked task, not drained): cleared only; the drain puts it on the
 * inactive file list without culling it.
 */
START_TEST(last_unmap_of_a_page_it_cannot_isolate)
{
	struct machine *m = boot_swap(16384, 64, 1);
	int f = new_file(m, "lib"), g = new_file(m, "data");
	struct task *a = new_task(m, "a"), *b = new_task(m, "b");
	struct page *page;

	/* (a) */
	mlock_all(m, a, true);
	map_file(m, a, f, 1, false);
	lru_add_drain(m);
	page = file_page(m, f, 0);
	ck_assert_int_eq(page_lru(page), LRU_UNEVICTABLE);
	ck_assert_int_eq(isolate_lru_page(m, page), 0);
	zap_file_pte(m, a, page);
	ck_assert(!PageMlocked(page) && PageUnevictable(page));
	ck_assert_int_eq(normal_stat(m, NR_MLOCK), 0);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGCLEARED), 1);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGSTRANDED), 1);
	putback_lru_page(m, page);
	lru_add_drain(m);
	ck_assert_int_eq(page_lru(page), LRU_INACTIVE_FILE);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGRESCUED), 1);
	assert_consistent(m);

	/* (b) */
	mlock_all(m, b, true);
	map_file(m, b, g, 1, false);
	page = file_page(m, g, 0);
	ck_assert(PageMlocked(page) && !PageLRU(page));
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGMLOCKED), 2);
	zap_file_pte(m, b, page);
	ck_assert(!PageMlocked(page));
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGCLEARED), 2);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGSTRANDED), 1);
	assert_consistent(m);
	lru_add_drain(m);
	ck_assert_int_eq(page_lru(page), LRU_INACTIVE_FILE);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGCULLED), 1);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGRESCUED), 1);
	ck_assert_int_eq(normal_stat(m, NR_MLOCK), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * Truncating a file a locked task maps, as 5.10's truncate_pagecache()
 * does it. unmap_mapping_range() zaps the pte through an mmu_gather
 * (zap_page_range_single(): lru_add_drain() first): page_remove_rmap()
 * runs clear_page_mlock() (cleared, not munlocked; the page isolated from
 * the unevictable list and put back into this CPU's lru_add pagevec).
 * tlb_finish_mmu() frees the gathered pages with
 * free_pages_and_swap_cache(): lru_add_drain() (the page is rescued onto
 * the inactive file list), then release_pages() of the pte's reference.
 * truncate_inode_pages_range() then takes the page out of the page cache
 * and its batch ends with pagevec_release(): the lookup's reference was
 * the last, the page is freed (pgfree + 1). All within the call: when
 * truncate returns, no pagevec holds the page and no list has it.
 */
START_TEST(truncating_a_locked_mapping_clears_the_mlock_and_frees_the_page)
{
	struct machine *m = boot_swap(16384, 64, 1);
	int f = new_file(m, "lib");
	struct task *t = new_task(m, "a");
	struct page *page;
	unsigned long pgfree;

	mlock_all(m, t, true);
	map_file(m, t, f, 1, false);
	lru_add_drain(m);
	page = file_page(m, f, 0);
	ck_assert_int_eq(page_lru(page), LRU_UNEVICTABLE);
	assert_consistent(m);
	pgfree = ev(m, PGFREE);
	ck_assert_uint_eq(truncate_file(m, f), 1);
	ck_assert(!PageMlocked(page));
	ck_assert_int_eq(normal_stat(m, NR_MLOCK), 0);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGCLEARED), 1);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGMUNLOCKED), 0);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGRESCUED), 1);
	ck_assert_uint_eq(m->pvecs[0].lru_add.nr, 0);
	ck_assert_int_eq(page_ref_count(page), 0);
	ck_assert(!PageLRU(page) && !PageUnevictable(page));
	ck_assert_uint_eq(ev(m, PGFREE), pgfree + 1);
	ck_assert_int_eq(node_stat(m, NR_UNEVICTABLE), 0);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_FILE), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * A page cache page truncated while another CPU's pagevec holds it is
 * legitimately held by that pagevec alone, with no mapping, until that
 * CPU drains and release_pages() frees it: truncation drains only its
 * own CPU's pagevecs. Tasks a (locked) and b map page 0 of "lib"; a's
 * populate mlocks it, the drain culls it. munlockall() of a on CPU 1:
 * phase 1 isolates the page, and as it is mapped twice phase 2 takes the
 * slow path (__munlock_isolated_page(): try_to_munlock() finds no other
 * VM_LOCKED vma, munlocked 1) and putback_lru_page() queues it in CPU 1's
 * lru_add pagevec, off every list and still PG_unevictable. Truncation on
 * CPU 0 zaps both ptes (the page is not mlocked: nothing cleared) and
 * takes the page out of the page cache: refcount 1, CPU 1's pagevec's.
 * The machine is consistent in that state; when CPU 1 drains,
 * __pagevec_lru_add_fn() rescues the page onto the inactive file list
 * (rescued 1) and release_pages() frees it (pgfree + 1).
 */
START_TEST(a_truncated_page_waiting_in_a_pagevec_is_consistent)
{
	struct machine *m = boot_swap(16384, 64, 2);
	int f = new_file(m, "lib");
	struct task *a = new_task(m, "a"), *b = new_task(m, "b");
	struct mm_error e;
	struct page *page;
	unsigned long pgfree;

	mlock_all(m, a, true);
	map_file(m, a, f, 1, false);
	map_file(m, b, f, 1, false);
	lru_add_drain(m);
	page = file_page(m, f, 0);
	ck_assert_int_eq(page_lru(page), LRU_UNEVICTABLE);
	ck_assert_int_eq(page_mapcount(page), 2);
	ck_assert_int_eq(machine_set_cpu(m, 1, &e), 0);
	mlock_all(m, a, false);
	ck_assert_int_eq(machine_set_cpu(m, 0, &e), 0);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGMUNLOCKED), 1);
	ck_assert_uint_eq(m->pvecs[1].lru_add.nr, 1);
	ck_assert_uint_eq(m->pvecs[1].lru_add.pages[0], page_to_pfn(m, page));
	ck_assert(!PageLRU(page) && PageUnevictable(page) && !PageMlocked(page));

	pgfree = ev(m, PGFREE);
	ck_assert_uint_eq(truncate_file(m, f), 1);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGCLEARED), 0);
	ck_assert_uint_eq(m->pvecs[1].lru_add.nr, 1);
	ck_assert_uint_eq(page->mapping, 0);
	ck_assert_int_eq(page_ref_count(page), 1);
	ck_assert(!page_mapped(page) && !PageLRU(page));
	ck_assert_int_eq(node_stat(m, NR_FILE_PAGES), 0);
	assert_consistent(m);

	lru_add_drain_all(m);
	ck_assert_uint_eq(m->pvecs[1].lru_add.nr, 0);
	ck_assert_uint_eq(ev(m, UNEVICTABLE_PGRESCUED), 1);
	ck_assert_int_eq(page_ref_count(page), 0);
	ck_assert(!PageLRU(page) && !PageUnevictable(page));
	ck_assert_uint_eq(ev(m, PGFREE), pgfree + 1);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_FILE), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("swap");
	TCase *slots = tcase_create("slots"), *free_ = tcase_create("try_to_free_swap");
	TCase *in = tcase_create("swap-in"), *ref = tcase_create("page_referenced");
	TCase *unmap = tcase_create("try_to_unmap"), *rmap = tcase_create("rmap");

	tcase_add_test(slots, slot_0_holds_the_swap_header);
	tcase_add_test(slots, slots_are_handed_out_in_order_until_the_device_is_full);
	tcase_add_test(slots, the_cursor_wraps_round_to_freed_slots);
	tcase_add_test(slots, swap_is_full_above_half_its_slots);
	tcase_add_test(slots, add_to_swap_puts_the_page_in_the_swap_cache_dirty);
	tcase_add_test(slots, unmapping_an_anon_page_leaves_a_swap_entry);
	suite_add_tcase(s, slots);

	tcase_add_test(free_, try_to_free_swap_refuses_while_a_pte_names_the_slot);
	tcase_add_test(free_, try_to_free_swap_waits_for_writeback_then_frees_and_dirties);
	suite_add_tcase(s, free_);

	tcase_add_test(in, eviction_leaves_the_data_and_a_shadow_in_the_slot);
	tcase_add_test(in, swap_in_from_the_device_brings_the_data_back);
	tcase_add_test(in, swap_in_refault_distance_decides_the_list);
	tcase_add_test(in, swap_cache_hit_maps_the_same_page);
	tcase_add_test(in, swap_in_frees_the_slot_when_swap_is_over_half_full);
	tcase_add_test(in, swap_in_for_an_mlocked_task_frees_the_slot);
	tcase_add_test(in, freeing_the_last_swap_entry_frees_slot_and_shadow);
	tcase_add_test(in, show_mem_reports_the_swap_cache);
	tcase_add_test(in, touching_the_task_swaps_every_page_back_in);
	tcase_add_test(in, a_clean_swap_cache_page_is_freed_without_another_write);
	suite_add_tcase(s, in);

	tcase_add_test(ref, page_referenced_counts_young_mappings_and_clears_them);
	tcase_add_test(ref, page_referenced_reports_exec_of_referenced_mappings_only);
	tcase_add_test(ref, page_referenced_stops_at_a_locked_mapping);
	tcase_add_test(ref, page_referenced_of_anon_and_unmapped_pages);
	suite_add_tcase(s, ref);

	tcase_add_test(unmap, try_to_unmap_clears_every_file_pte);
	tcase_add_test(unmap, try_to_unmap_of_an_unmapped_page_succeeds);
	tcase_add_test(unmap, try_to_unmap_fails_at_a_locked_mapping_and_mlocks_the_page);
	tcase_add_test(unmap, mlock_vma_page_moves_an_lru_page_to_unevictable);
	suite_add_tcase(s, unmap);

	tcase_add_test(rmap, mapped_counters_move_on_the_first_and_last_mapping);
	tcase_add_test(rmap, last_unmap_of_an_mlocked_page_puts_it_back_on_an_evictable_list);
	tcase_add_test(rmap, munlock_vma_page_puts_a_page_mapped_once_back);
	tcase_add_test(rmap, munlock_keeps_a_page_another_locked_vma_maps);
	tcase_add_test(rmap, munlock_of_a_page_it_cannot_isolate);
	tcase_add_test(rmap, last_unmap_of_a_page_it_cannot_isolate);
	tcase_add_test(rmap, truncating_a_locked_mapping_clears_the_mlock_and_frees_the_page);
	tcase_add_test(rmap, a_truncated_page_waiting_in_a_pagevec_is_consistent);
	suite_add_tcase(s, rmap);

	return run_suite(s);
}
