/*
 * tests/unit/test_lru.c: the LRU lists and the workingset (sections 10.2,
 * 10.3 and 10.13 of the semantics reference; mm/swap.c and
 * mm/workingset.c of Linux 5.10). lru_cache_add()'s per-CPU pagevec of 15
 * and its drains, the list a new page starts on (inactive anon, inactive
 * file, unevictable), mark_page_accessed()'s two-touch rule in all four
 * states, activate_page(), rotate_reclaimable_page(),
 * deactivate_file_page() (the invalidation hint) and deactivate_page()
 * (MADV_COLD), the order lru_add_drain_cpu() drains the five pagevecs in,
 * release_pages() freeing the pages a drain held last, isolate_lru_page()
 * and putback_lru_page(), mlock's populate (FOLL_TOUCH's
 * mark_page_accessed(), then a drain of this CPU, before each page) and
 * munlock's batches (__munlock_pagevec(): where a batch ends, the drain of
 * its pagevec_release(), the fast and slow paths, isolation failures),
 * put_page() freeing an LRU page, lru_note_cost()'s halving and
 * page_evictable(); then the shadow entries eviction leaves and the
 * refault distance test that decides whether a returning page starts on
 * the active list. The full invariant check runs after every step that
 * leaves the machine between operations.
 */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "mmsh/list.h"
#include "mmsh/lru.h"
#include "mmsh/page_alloc.h"
#include "mmsh/vmscan.h"
#include "mmsh/workload.h"

/* ---- helpers ------------------------------------------------------------------ */

static uint32_t lru_head(struct machine *m, enum lru_list lru)
{
	return node_lruvec(m, 0)->lists[lru];
}

static unsigned long pfn_of(struct machine *m, const struct page *page)
{
	return page_to_pfn(m, page);
}

static unsigned long age(struct machine *m)
{
	return node_lruvec(m, 0)->nonresident_age;
}

/*
 * shrink_inactive_list() on the inactive file list, as direct reclaim
 * would run it: the oldest n pages (the tail) are scanned.
 */
static unsigned long reclaim_file_tail(struct machine *m, unsigned long n)
{
	struct scan_control sc = {
		.nr_to_reclaim = SWAP_CLUSTER_MAX, .gfp_mask = GFP_KERNEL,
		.priority = DEF_PRIORITY, .reclaim_idx = MAX_NR_ZONES - 1,
		.may_writepage = true, .may_unmap = true, .may_swap = true,
	};

	unsigned long reclaimed = shrink_inactive_list(m, n, 0, &sc, LRU_INACTIVE_FILE);

	assert_consistent(m);
	return reclaimed;
}

static void deactivate_file(struct machine *m, unsigned long n)
{
	struct scan_control sc = {
		.nr_to_reclaim = SWAP_CLUSTER_MAX, .gfp_mask = GFP_KERNEL,
		.priority = DEF_PRIORITY, .reclaim_idx = MAX_NR_ZONES - 1,
		.may_writepage = true, .may_unmap = true, .may_swap = true,
		.may_deactivate = DEACTIVATE_ANON | DEACTIVATE_FILE,
	};

	shrink_active_list(m, n, 0, &sc, LRU_ACTIVE_FILE);
	assert_consistent(m);
}

/* A page nobody owns, for calling the workingset functions directly. */
static struct page *loose_page(struct machine *m, int nid, bool anon)
{
	struct page *page = alloc_pages_nodemask(m, GFP_HIGHUSER_MOVABLE, 0, nid, NULL);

	ck_assert(page != NULL);
	ck_assert_int_eq((int)page_to_nid(page), nid);
	if (anon)
		set_page_flag(page, PG_swapbacked);
	return page;
}

/* ---- the lru_add pagevec ------------------------------------------------------- */

/*
 * lru_cache_add() puts the page in this CPU's lru_pvecs.lru_add with a
 * reference of its own; pagevec_add() reports "full" only when the 15th
 * page goes in. So 14 faults leave 14 pages on no list, each held by its
 * pte and by the pagevec (refcount 2), without PG_lru, and the LRU
 * counters still zero.
 */
START_TEST(fourteen_new_pages_wait_in_the_pagevec)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "a");
	unsigned long v;

	fault(m, t, PAGEVEC_SIZE - 1);
	ck_assert_uint_eq(m->pvecs[0].lru_add.nr, 14);
	ck_assert_uint_eq(pagevec_pages(m), 14);
	for (v = 0; v < 14; v++) {
		struct page *page = anon_page(m, t, v);

		ck_assert(!PageLRU(page));
		ck_assert(!PageActive(page));
		ck_assert_int_eq(page_ref_count(page), 2);
		ck_assert_int_eq(page_mapcount(page), 1);
		ck_assert_uint_eq(m->pvecs[0].lru_add.pages[v], pfn_of(m, page));
	}
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_ANON), 0);
	ck_assert_int_eq(normal_stat(m, NR_ZONE_INACTIVE_ANON), 0);
	ck_assert(list_empty(m->mem_map, lru_head(m, LRU_INACTIVE_ANON)));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * The 15th page fills the pagevec: __pagevec_lru_add() puts the pages on
 * their list in pagevec order, each at the head, and drops the pagevec's
 * reference. The last page added therefore ends up at the head, the first
 * at the tail. A 16th page starts a new batch.
 */
START_TEST(fifteenth_page_drains_the_pagevec_last_at_the_head)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "a");
	unsigned long pfns[32];
	size_t n, i;

	fault(m, t, PAGEVEC_SIZE);
	ck_assert_uint_eq(m->pvecs[0].lru_add.nr, 0);
	n = lru_pfns(m, LRU_INACTIVE_ANON, pfns, 32);
	ck_assert_uint_eq(n, 15);
	for (i = 0; i < n; i++) {
		struct page *page = anon_page(m, t, 14 - i);

		ck_assert_uint_eq(pfns[i], pfn_of(m, page));
		ck_assert(PageLRU(page));
		ck_assert(!PageActive(page));
		ck_assert_int_eq(page_ref_count(page), 1);
	}
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_ANON), 15);
	ck_assert_int_eq(normal_stat(m, NR_ZONE_INACTIVE_ANON), 15);
	assert_consistent(m);

	fault(m, t, 1);
	ck_assert_uint_eq(m->pvecs[0].lru_add.nr, 1);
	ck_assert(!PageLRU(anon_page(m, t, 15)));
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_ANON), 15);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* lru_add_drain() empties a partial pagevec the same way. */
START_TEST(lru_add_drain_flushes_a_partial_pagevec)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "a");
	unsigned long pfns[8];

	fault(m, t, 3);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_uint_eq(pagevec_pages(m), 0);
	ck_assert_uint_eq(lru_pfns(m, LRU_INACTIVE_ANON, pfns, 8), 3);
	ck_assert_uint_eq(pfns[0], pfn_of(m, anon_page(m, t, 2)));
	ck_assert_uint_eq(pfns[1], pfn_of(m, anon_page(m, t, 1)));
	ck_assert_uint_eq(pfns[2], pfn_of(m, anon_page(m, t, 0)));
	ck_assert_int_eq(page_ref_count(anon_page(m, t, 0)), 1);
	/* a drain of an empty pagevec changes nothing */
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_ANON), 3);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * The pagevecs are per CPU: lru_add_drain() drains only the current
 * CPU's; lru_add_drain_all() drains every CPU's.
 */
START_TEST(lru_add_drain_is_per_cpu_and_drain_all_takes_every_cpu)
{
	struct machine *m = boot_shape(0, 0, 16384, 0, 11, 9, 2);
	struct task *t = new_task(m, "a");
	struct mm_error e;

	ck_assert_int_eq(machine_set_cpu(m, 1, &e), 0);
	fault(m, t, 3);
	ck_assert_uint_eq(m->pvecs[1].lru_add.nr, 3);
	ck_assert_uint_eq(m->pvecs[0].lru_add.nr, 0);
	ck_assert_int_eq(machine_set_cpu(m, 0, &e), 0);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_uint_eq(m->pvecs[1].lru_add.nr, 3);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_ANON), 0);
	assert_consistent(m);
	lru_add_drain_all(m);
	assert_consistent(m);
	ck_assert_uint_eq(pagevec_pages(m), 0);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_ANON), 3);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- where new pages start ------------------------------------------------------ */

/*
 * 5.10 (since 5.9): do_anonymous_page() uses
 * lru_cache_add_inactive_or_unevictable(): the inactive anon list, not
 * the active one. Anonymous pages are swap-backed and not referenced.
 */
START_TEST(anonymous_faults_start_on_the_inactive_anon_list)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "a");
	struct page *page;

	fault(m, t, 2);
	lru_add_drain(m);
	assert_consistent(m);
	page = anon_page(m, t, 0);
	ck_assert_int_eq(page_lru(page), LRU_INACTIVE_ANON);
	ck_assert(PageSwapBacked(page) && PageAnon(page));
	ck_assert(!PageReferenced(page));
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_ANON), 2);
	ck_assert_int_eq(node_stat(m, NR_ACTIVE_ANON), 0);
	ck_assert_int_eq(node_stat(m, NR_ANON_MAPPED), 2);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * add_to_page_cache_lru() + lru_cache_add(): a read's pages start on the
 * inactive file list (no shadow: no refault). The read marked each page
 * accessed once, so it is referenced but not active. They joined the
 * pagevec in offset order, so offset 0 is at the tail.
 */
START_TEST(page_cache_reads_start_on_the_inactive_file_list)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");
	unsigned long pfns[8], off;

	read_file(m, f, 0, 4);
	ck_assert_uint_eq(m->pvecs[0].lru_add.nr, 4);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_uint_eq(lru_pfns(m, LRU_INACTIVE_FILE, pfns, 8), 4);
	for (off = 0; off < 4; off++) {
		struct page *page = file_page(m, f, off);

		ck_assert_uint_eq(pfns[3 - off], pfn_of(m, page));
		ck_assert(PageReferenced(page));
		ck_assert(!PageActive(page) && !PageSwapBacked(page));
		ck_assert(!PageLocked(page));
		ck_assert(test_page_flag(page, PG_uptodate));
	}
	ck_assert_int_eq(node_stat(m, NR_FILE_PAGES), 4);
	ck_assert_int_eq(node_stat(m, WORKINGSET_REFAULT_FILE), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * In a VM_LOCKED vma lru_cache_add_inactive_or_unevictable() sets
 * PG_mlocked at once (NR_MLOCK, unevictable_pgs_mlocked); the drain's
 * __pagevec_lru_add_fn() finds the page not evictable and culls it to the
 * unevictable list (PG_unevictable, unevictable_pgs_culled).
 */
START_TEST(faults_of_an_mlocked_task_are_culled_to_unevictable)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "locked");
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);
	struct page *page;

	mlock_all(m, t, true);
	fault(m, t, 3);
	page = anon_page(m, t, 0);
	ck_assert(PageMlocked(page) && !PageUnevictable(page) && !PageLRU(page));
	ck_assert_int_eq(zone_page_state(z, NR_MLOCK), 3);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGMLOCKED], 3);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGCULLED], 0);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert(PageUnevictable(page) && PageLRU(page) && !PageActive(page));
	ck_assert_int_eq(page_lru(page), LRU_UNEVICTABLE);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGCULLED], 3);
	ck_assert_int_eq(node_stat(m, NR_UNEVICTABLE), 3);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_ANON), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- mark_page_accessed ------------------------------------------------------------ */

/*
 * All four states of the two-touch rule on one page on the LRU:
 * inactive,unreferenced -> inactive,referenced (flag only) ->
 * activation queued in the activate_page pagevec (PG_referenced cleared
 * now, workingset_activation() ages the node now; PG_active, the move to
 * the active list head and pgactivate only when the pagevec drains) ->
 * active,referenced -> active,referenced (nothing more).
 */
START_TEST(two_touch_rule_through_all_four_states)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "a");
	struct page *page;
	unsigned long pfns[4], a0, act0;

	fault(m, t, 2);
	lru_add_drain(m);
	assert_consistent(m);
	page = anon_page(m, t, 0);
	a0 = age(m);
	act0 = m->vm_events[PGACTIVATE];

	mark_page_accessed(m, page);        /* 1st touch */
	ck_assert(PageReferenced(page) && !PageActive(page));
	ck_assert_int_eq(page_lru(page), LRU_INACTIVE_ANON);
	ck_assert_uint_eq(m->pvecs[0].activate_page.nr, 0);
	ck_assert_uint_eq(age(m), a0);

	mark_page_accessed(m, page);        /* 2nd touch: queued */
	ck_assert(!PageReferenced(page));
	ck_assert(!PageActive(page) && PageLRU(page));
	ck_assert_uint_eq(m->pvecs[0].activate_page.nr, 1);
	ck_assert_int_eq(page_ref_count(page), 2);      /* pte + activate pagevec */
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_ANON), 2);
	ck_assert_uint_eq(m->vm_events[PGACTIVATE], act0);
	ck_assert_uint_eq(age(m), a0 + 1);
	assert_consistent(m);

	lru_add_drain(m);
	assert_consistent(m);
	ck_assert(PageActive(page) && !PageReferenced(page));
	ck_assert_uint_eq(lru_pfns(m, LRU_ACTIVE_ANON, pfns, 4), 1);
	ck_assert_uint_eq(pfns[0], pfn_of(m, page));
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_ANON), 1);
	ck_assert_int_eq(node_stat(m, NR_ACTIVE_ANON), 1);
	ck_assert_uint_eq(m->vm_events[PGACTIVATE], act0 + 1);
	ck_assert_int_eq(page_ref_count(page), 1);
	assert_consistent(m);

	mark_page_accessed(m, page);        /* 3rd touch */
	ck_assert(PageActive(page) && PageReferenced(page));
	mark_page_accessed(m, page);        /* 4th touch: nothing */
	ck_assert(PageActive(page) && PageReferenced(page));
	ck_assert_uint_eq(m->pvecs[0].activate_page.nr, 0);
	ck_assert_uint_eq(age(m), a0 + 1);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_uint_eq(m->vm_events[PGACTIVATE], act0 + 1);
	ck_assert_int_eq(page_lru(page), LRU_ACTIVE_ANON);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * A page still in this CPU's lru_add pagevec (no PG_lru) is activated in
 * place (__lru_cache_activate_page: SetPageActive only). The drain then
 * puts it straight on the active list; __pagevec_lru_add_fn() does not
 * count pgactivate. The activation still ages the workingset clock.
 */
START_TEST(second_touch_in_the_lru_add_pagevec_activates_in_place)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");
	struct page *page;
	unsigned long a0 = age(m);

	read_file(m, f, 0, 2);
	read_file(m, f, 0, 2);
	page = file_page(m, f, 0);
	ck_assert(!PageLRU(page) && PageActive(page) && !PageReferenced(page));
	ck_assert_uint_eq(m->pvecs[0].activate_page.nr, 0);
	ck_assert_uint_eq(age(m), a0 + 2);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_int_eq(page_lru(page), LRU_ACTIVE_FILE);
	ck_assert_int_eq(node_stat(m, NR_ACTIVE_FILE), 2);
	ck_assert_uint_eq(m->vm_events[PGACTIVATE], 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * __lru_cache_activate_page() searches only this CPU's lru_add pagevec. A
 * page waiting in another CPU's pagevec is not found, yet
 * mark_page_accessed() still clears PG_referenced and calls
 * workingset_activation(): the promotion is lost, the clock aged.
 */
START_TEST(second_touch_from_another_cpu_loses_the_promotion)
{
	struct machine *m = boot_shape(0, 0, 16384, 0, 11, 9, 2);
	struct task *t = new_task(m, "a");
	struct mm_error e;
	struct page *page;
	unsigned long a0;

	ck_assert_int_eq(machine_set_cpu(m, 1, &e), 0);
	fault(m, t, 1);
	ck_assert_int_eq(machine_set_cpu(m, 0, &e), 0);
	page = anon_page(m, t, 0);
	a0 = age(m);
	mark_page_accessed(m, page);
	mark_page_accessed(m, page);
	ck_assert(!PageActive(page) && !PageReferenced(page));
	ck_assert_uint_eq(age(m), a0 + 1);
	lru_add_drain_all(m);
	assert_consistent(m);
	ck_assert_int_eq(page_lru(page), LRU_INACTIVE_ANON);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * Unevictable pages: the first touch sets PG_referenced, later touches do
 * nothing (the unevictable list is never rotated).
 */
START_TEST(unevictable_pages_are_never_activated)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "locked");
	struct page *page;
	unsigned long a0;

	mlock_all(m, t, true);
	fault(m, t, 1);
	lru_add_drain(m);
	assert_consistent(m);
	page = anon_page(m, t, 0);
	a0 = age(m);
	mark_page_accessed(m, page);
	mark_page_accessed(m, page);
	mark_page_accessed(m, page);
	ck_assert(PageReferenced(page) && !PageActive(page) && PageUnevictable(page));
	ck_assert_uint_eq(m->pvecs[0].activate_page.nr, 0);
	ck_assert_uint_eq(age(m), a0);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_int_eq(page_lru(page), LRU_UNEVICTABLE);
	ck_assert_uint_eq(m->vm_events[PGACTIVATE], 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * The activate_page pagevec holds 15 as well: the 15th queued activation
 * drains it. __activate_page() moves each page to the head of the active
 * list in pagevec order (the last one queued is the head) and counts one
 * pgactivate each.
 */
START_TEST(activate_pagevec_drains_itself_at_fifteen)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "a");
	unsigned long pfns[16], v;

	fault(m, t, 15);
	for (v = 0; v < 14; v++) {
		mark_page_accessed(m, anon_page(m, t, v));
		mark_page_accessed(m, anon_page(m, t, v));
	}
	ck_assert_uint_eq(m->pvecs[0].activate_page.nr, 14);
	ck_assert_int_eq(node_stat(m, NR_ACTIVE_ANON), 0);
	assert_consistent(m);
	mark_page_accessed(m, anon_page(m, t, 14));
	mark_page_accessed(m, anon_page(m, t, 14));
	ck_assert_uint_eq(m->pvecs[0].activate_page.nr, 0);
	ck_assert_int_eq(node_stat(m, NR_ACTIVE_ANON), 15);
	ck_assert_uint_eq(m->vm_events[PGACTIVATE], 15);
	ck_assert_uint_eq(lru_pfns(m, LRU_ACTIVE_ANON, pfns, 16), 15);
	for (v = 0; v < 15; v++)
		ck_assert_uint_eq(pfns[v], pfn_of(m, anon_page(m, t, 14 - v)));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * activate_page() only tests PageActive, which is set at the drain: a page
 * touched twice more while queued is queued a second time (two pagevec
 * references). __activate_page() skips the second entry (already active):
 * one pgactivate, but both promotions aged the workingset clock.
 */
START_TEST(page_queued_twice_is_activated_once)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "a");
	struct page *page;
	unsigned long a0;
	int i;

	fault(m, t, 1);
	lru_add_drain(m);
	assert_consistent(m);
	page = anon_page(m, t, 0);
	a0 = age(m);
	for (i = 0; i < 4; i++)
		mark_page_accessed(m, page);
	ck_assert_uint_eq(m->pvecs[0].activate_page.nr, 2);
	ck_assert_int_eq(page_ref_count(page), 3);
	ck_assert_uint_eq(age(m), a0 + 2);
	assert_consistent(m);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert(PageActive(page));
	ck_assert_uint_eq(m->vm_events[PGACTIVATE], 1);
	ck_assert_int_eq(page_ref_count(page), 1);
	ck_assert_int_eq(node_stat(m, NR_ACTIVE_ANON), 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* activate_page() queues only LRU pages that are neither active nor unevictable. */
START_TEST(activate_page_ignores_active_unevictable_and_off_lru_pages)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "a"), *l = new_task(m, "locked");
	struct page *pending, *active, *unevictable;

	fault(m, t, 1);
	mlock_all(m, l, true);
	fault(m, l, 1);
	lru_add_drain(m);
	assert_consistent(m);
	active = anon_page(m, t, 0);
	mark_page_accessed(m, active);
	mark_page_accessed(m, active);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert(PageActive(active));
	unevictable = anon_page(m, l, 0);
	fault(m, t, 1);
	pending = anon_page(m, t, 1);

	activate_page(m, active);
	activate_page(m, unevictable);
	activate_page(m, pending);
	ck_assert_uint_eq(m->pvecs[0].activate_page.nr, 0);
	ck_assert_int_eq(page_ref_count(active), 1);
	ck_assert_int_eq(page_ref_count(unevictable), 1);
	ck_assert_int_eq(page_ref_count(pending), 2);
	ck_assert(!PageActive(pending));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- rotate_reclaimable_page ---------------------------------------------------------- */

/*
 * rotate_reclaimable_page() (end of writeback of a PG_reclaim page):
 * queued in lru_rotate with a reference; pagevec_move_tail_fn() puts the
 * page at the tail of its inactive list and counts pgrotated.
 */
START_TEST(rotate_moves_an_inactive_page_to_the_tail)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");
	unsigned long pfns[4];
	struct page *p0, *p2;

	read_file(m, f, 0, 3);
	lru_add_drain(m);
	assert_consistent(m);
	p0 = file_page(m, f, 0);
	p2 = file_page(m, f, 2);
	/* head -> tail: 2, 1, 0 */
	rotate_reclaimable_page(m, p2);
	ck_assert_uint_eq(m->pvecs[0].lru_rotate.nr, 1);
	ck_assert_int_eq(page_ref_count(p2), 2);
	ck_assert_uint_eq(m->vm_events[PGROTATED], 0);
	assert_consistent(m);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_uint_eq(lru_pfns(m, LRU_INACTIVE_FILE, pfns, 4), 3);
	ck_assert_uint_eq(pfns[0], pfn_of(m, file_page(m, f, 1)));
	ck_assert_uint_eq(pfns[1], pfn_of(m, p0));
	ck_assert_uint_eq(pfns[2], pfn_of(m, p2));
	ck_assert_uint_eq(m->vm_events[PGROTATED], 1);
	ck_assert_int_eq(page_ref_count(p2), 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * pagevec_move_tail_fn() takes the page off whatever list it is on and
 * clears PG_active: an active page lands at the inactive tail.
 */
START_TEST(rotate_deactivates_an_active_page)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");
	unsigned long pfns[4];
	struct page *page;

	read_file(m, f, 0, 2);
	read_file(m, f, 1, 1);
	lru_add_drain(m);
	assert_consistent(m);
	page = file_page(m, f, 1);
	ck_assert(PageActive(page));
	rotate_reclaimable_page(m, page);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert(!PageActive(page));
	ck_assert_int_eq(node_stat(m, NR_ACTIVE_FILE), 0);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_FILE), 2);
	ck_assert_uint_eq(lru_pfns(m, LRU_INACTIVE_FILE, pfns, 4), 2);
	ck_assert_uint_eq(pfns[1], pfn_of(m, page));
	ck_assert_uint_eq(m->vm_events[PGROTATED], 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* Dirty, locked, unevictable and off-LRU pages are not rotated. */
START_TEST(rotate_skips_dirty_locked_unevictable_and_off_lru_pages)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");
	struct task *l = new_task(m, "locked");
	struct page *dirty, *locked, *unevictable, *pending;

	read_file(m, f, 0, 2);
	mlock_all(m, l, true);
	fault(m, l, 1);
	lru_add_drain(m);
	assert_consistent(m);
	write_file(m, f, 0, 1);
	dirty = file_page(m, f, 0);
	ck_assert(PageDirty(dirty));
	locked = file_page(m, f, 1);
	unevictable = anon_page(m, l, 0);
	read_file(m, f, 2, 1);
	pending = file_page(m, f, 2);

	rotate_reclaimable_page(m, dirty);
	set_page_flag(locked, PG_locked);
	rotate_reclaimable_page(m, locked);
	clear_page_flag(locked, PG_locked);
	rotate_reclaimable_page(m, unevictable);
	rotate_reclaimable_page(m, pending);
	ck_assert_uint_eq(m->pvecs[0].lru_rotate.nr, 0);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_uint_eq(m->vm_events[PGROTATED], 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- deactivate_file_page, deactivate_page ------------------------------------------- */

/*
 * deactivate_file_page() (invalidate_mapping_pages() could not drop the
 * page): queued in lru_deactivate_file with a reference of its own
 * (get_page_unless_zero), nothing moves until the drain. Then
 * lru_deactivate_file_fn() takes a clean, unmapped page off whatever list
 * it is on, clears PG_active and PG_referenced and puts it at the tail of
 * the inactive list (pgrotated), counting pgdeactivate only if it was
 * active. Inactive file list head to tail: 2 0 (2 and 0 read once,
 * referenced); 1 read twice, active. Deactivating 2 then 1 leaves 0 2 1.
 */
START_TEST(deactivate_file_page_moves_clean_pages_to_the_inactive_tail)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");
	struct page *p0, *p1, *p2;
	unsigned long pfns[4];

	read_file(m, f, 0, 3);
	read_file(m, f, 1, 1);
	lru_add_drain(m);
	p0 = file_page(m, f, 0);
	p1 = file_page(m, f, 1);
	p2 = file_page(m, f, 2);
	ck_assert(PageActive(p1));
	ck_assert(PageReferenced(p2) && PageReferenced(p0));
	ck_assert_uint_eq(lru_pfns(m, LRU_INACTIVE_FILE, pfns, 4), 2);
	ck_assert_uint_eq(pfns[0], pfn_of(m, p2));
	assert_consistent(m);

	deactivate_file_page(m, p2);
	deactivate_file_page(m, p1);
	ck_assert_uint_eq(m->pvecs[0].lru_deactivate_file.nr, 2);
	ck_assert_int_eq(page_ref_count(p2), 2);
	ck_assert_int_eq(page_ref_count(p1), 2);
	ck_assert(PageActive(p1) && PageReferenced(p2));
	ck_assert_uint_eq(m->vm_events[PGROTATED] + m->vm_events[PGDEACTIVATE], 0);
	assert_consistent(m);

	lru_add_drain(m);
	ck_assert_uint_eq(lru_pfns(m, LRU_INACTIVE_FILE, pfns, 4), 3);
	ck_assert_uint_eq(pfns[0], pfn_of(m, p0));
	ck_assert_uint_eq(pfns[1], pfn_of(m, p2));
	ck_assert_uint_eq(pfns[2], pfn_of(m, p1));
	ck_assert(!PageActive(p1) && !PageReferenced(p1) && !PageReferenced(p2));
	ck_assert(PageReferenced(p0));
	ck_assert(!PageReclaim(p1) && !PageReclaim(p2));
	ck_assert_uint_eq(m->vm_events[PGROTATED], 2);
	ck_assert_uint_eq(m->vm_events[PGDEACTIVATE], 1);
	ck_assert_int_eq(node_stat(m, NR_ACTIVE_FILE), 0);
	ck_assert_int_eq(page_ref_count(p1), 1);
	ck_assert_uint_eq(m->pvecs[0].lru_deactivate_file.nr, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * lru_deactivate_file_fn() on a dirty or writeback page: to the *head* of
 * the inactive list with PG_reclaim, giving the flusher time to write it
 * (no pgrotated); when that write ends, end_page_writeback() rotates it
 * to the tail. Offset 0 under writeback (inactive), 1 dirty and active,
 * 2 clean: head to tail 1 0 2 after the drain (pgdeactivate for 1 only,
 * pgrotated for 2 only); once 0's write completes and the rotation drains,
 * 1 2 0.
 */
START_TEST(deactivate_file_page_marks_dirty_and_writeback_pages_for_reclaim)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");
	struct page *p0, *p1, *p2;
	unsigned long pfns[4];

	write_file(m, f, 0, 2);
	lru_add_drain(m);
	read_file(m, f, 1, 1);
	read_file(m, f, 1, 1);
	ck_assert_uint_eq(writeback_dirty(m, 1), 1);
	read_file(m, f, 2, 1);
	lru_add_drain(m);
	p0 = file_page(m, f, 0);
	p1 = file_page(m, f, 1);
	p2 = file_page(m, f, 2);
	ck_assert(PageWriteback(p0) && !PageDirty(p0) && !PageActive(p0));
	ck_assert(PageDirty(p1) && PageActive(p1));
	ck_assert(!PageDirty(p2) && !PageWriteback(p2));
	assert_consistent(m);

	deactivate_file_page(m, p0);
	deactivate_file_page(m, p1);
	deactivate_file_page(m, p2);
	lru_add_drain(m);
	ck_assert_uint_eq(lru_pfns(m, LRU_INACTIVE_FILE, pfns, 4), 3);
	ck_assert_uint_eq(pfns[0], pfn_of(m, p1));
	ck_assert_uint_eq(pfns[1], pfn_of(m, p0));
	ck_assert_uint_eq(pfns[2], pfn_of(m, p2));
	ck_assert(PageReclaim(p0) && PageReclaim(p1) && !PageReclaim(p2));
	ck_assert(!PageActive(p1) && PageDirty(p1));
	ck_assert_uint_eq(m->vm_events[PGDEACTIVATE], 1);
	ck_assert_uint_eq(m->vm_events[PGROTATED], 1);
	assert_consistent(m);

	tick(m, m->disk.latency);
	lru_add_drain(m);
	ck_assert(!PageWriteback(p0) && !PageReclaim(p0));
	ck_assert_uint_eq(lru_pfns(m, LRU_INACTIVE_FILE, pfns, 4), 3);
	ck_assert_uint_eq(pfns[0], pfn_of(m, p1));
	ck_assert_uint_eq(pfns[1], pfn_of(m, p2));
	ck_assert_uint_eq(pfns[2], pfn_of(m, p0));
	ck_assert_uint_eq(m->vm_events[PGROTATED], 2);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * deactivate_file_page() refuses an unevictable page at once (no pagevec,
 * no reference). A mapped page is queued, but lru_deactivate_file_fn()
 * leaves it where it is ("some processes are using the page"). A page
 * still in the lru_add pagevec is queued too; lru_add_drain_cpu() drains
 * lru_add first, so by the time lru_deactivate_file_fn() meets it the page
 * is on the inactive list, from whose head it goes to the tail.
 */
START_TEST(deactivate_file_page_leaves_mapped_and_unevictable_pages_alone)
{
	struct machine *m = boot_small();
	int f = new_file(m, "lib"), g = new_file(m, "data");
	struct task *t = new_task(m, "a"), *l = new_task(m, "locked");
	struct page *mapped, *locked, *fresh;
	unsigned long pfns[4];
	struct mm_error e;

	ck_assert_int_eq(fault_file(m, t, f, 0, 1, false, &e), 1);
	read_file(m, f, 0, 1);
	read_file(m, f, 0, 1);
	mlock_all(m, l, true);
	ck_assert_int_eq(fault_file(m, l, f, 1, 1, false, &e), 1);
	read_file(m, g, 0, 1);
	lru_add_drain(m);
	mapped = file_page(m, f, 0);
	locked = file_page(m, f, 1);
	ck_assert(PageActive(mapped) && page_mapped(mapped));
	ck_assert(PageUnevictable(locked));
	read_file(m, g, 1, 1);
	fresh = file_page(m, g, 1);
	ck_assert(!PageLRU(fresh));
	assert_consistent(m);

	deactivate_file_page(m, locked);
	ck_assert_uint_eq(m->pvecs[0].lru_deactivate_file.nr, 0);
	ck_assert_int_eq(page_ref_count(locked), 2);
	deactivate_file_page(m, mapped);
	deactivate_file_page(m, fresh);
	ck_assert_uint_eq(m->pvecs[0].lru_deactivate_file.nr, 2);
	ck_assert_int_eq(page_ref_count(fresh), 3);
	assert_consistent(m);

	lru_add_drain(m);
	ck_assert(PageActive(mapped) && PageLRU(mapped));
	ck_assert_int_eq(page_lru(mapped), LRU_ACTIVE_FILE);
	ck_assert_int_eq(page_lru(locked), LRU_UNEVICTABLE);
	ck_assert_uint_eq(lru_pfns(m, LRU_INACTIVE_FILE, pfns, 4), 2);
	ck_assert_uint_eq(pfns[0], file_pfn(m, g, 0));
	ck_assert_uint_eq(pfns[1], pfn_of(m, fresh));
	ck_assert_uint_eq(m->vm_events[PGROTATED], 1);
	ck_assert_uint_eq(m->vm_events[PGDEACTIVATE], 0);
	ck_assert_int_eq(page_ref_count(mapped), 2);
	ck_assert_int_eq(page_ref_count(fresh), 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * deactivate_page() (MADV_COLD) queues only LRU pages that are active and
 * evictable, with a reference; lru_deactivate_fn() moves each to the head
 * of its inactive list, clears PG_active and PG_referenced, and counts
 * pgdeactivate. Pages 0 and 1 active (1 also referenced), 2 inactive:
 * after 0 then 1 are deactivated the inactive list reads 1 0 2.
 */
START_TEST(deactivate_page_moves_active_pages_to_the_inactive_head)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "a"), *l = new_task(m, "locked");
	struct page *p0, *p1, *p2, *locked, *pending;
	unsigned long pfns[4];

	fault(m, t, 3);
	mlock_all(m, l, true);
	fault(m, l, 1);
	lru_add_drain(m);
	p0 = anon_page(m, t, 0);
	p1 = anon_page(m, t, 1);
	p2 = anon_page(m, t, 2);
	mark_page_accessed(m, p0);
	mark_page_accessed(m, p0);
	mark_page_accessed(m, p1);
	mark_page_accessed(m, p1);
	lru_add_drain(m);
	mark_page_accessed(m, p1);
	ck_assert(PageActive(p0) && !PageReferenced(p0));
	ck_assert(PageActive(p1) && PageReferenced(p1));
	locked = anon_page(m, l, 0);
	fault(m, t, 1);
	pending = anon_page(m, t, 3);
	assert_consistent(m);

	deactivate_page(m, p2);
	deactivate_page(m, locked);
	deactivate_page(m, pending);
	ck_assert_uint_eq(m->pvecs[0].lru_deactivate.nr, 0);
	deactivate_page(m, p0);
	deactivate_page(m, p1);
	ck_assert_uint_eq(m->pvecs[0].lru_deactivate.nr, 2);
	ck_assert_int_eq(page_ref_count(p0), 2);
	ck_assert(PageActive(p0) && PageActive(p1));
	assert_consistent(m);

	lru_add_drain(m);
	ck_assert(!PageActive(p0) && !PageActive(p1) && !PageReferenced(p1));
	ck_assert_uint_eq(m->vm_events[PGDEACTIVATE], 2);
	ck_assert_uint_eq(m->vm_events[PGROTATED], 0);
	ck_assert_int_eq(node_stat(m, NR_ACTIVE_ANON), 0);
	/* the drain put the pending fault (vpage 3) at the head first */
	ck_assert_uint_eq(lru_pfns(m, LRU_INACTIVE_ANON, pfns, 4), 4);
	ck_assert_uint_eq(pfns[0], pfn_of(m, p1));
	ck_assert_uint_eq(pfns[1], pfn_of(m, p0));
	ck_assert_uint_eq(pfns[2], pfn_of(m, pending));
	ck_assert_uint_eq(pfns[3], pfn_of(m, p2));
	ck_assert_int_eq(page_ref_count(p0), 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * lru_add_drain_cpu() drains lru_add, lru_rotate, lru_deactivate_file,
 * lru_deactivate and activate_page, in that order. Each step below is a
 * state whose outcome depends on one pair of that order:
 *  - page X is queued for rotation, then isolated and put back, so it
 *    also waits in lru_add without PG_lru: lru_add first puts it on the
 *    inactive head, then the rotation finds it on the LRU and moves it to
 *    the tail (rotated first, it would have been skipped);
 *  - page B, clean and inactive, is queued for deactivate_file: it goes to
 *    the tail after X (lru_rotate before lru_deactivate_file);
 *  - page C, active and dirty, is queued for deactivate_file (to the
 *    inactive head) and page D, active, for deactivate: D ends up in front
 *    of C (lru_deactivate_file before lru_deactivate).
 * Inactive file head to tail afterwards: D C A X B.
 */
START_TEST(lru_add_drain_cpu_drains_in_the_kernels_order)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");
	struct page *a, *b, *c, *d, *x;
	unsigned long pfns[8];

	write_file(m, f, 2, 1);                  /* C: dirty */
	read_file(m, f, 0, 5);
	read_file(m, f, 2, 2);                   /* C and D active */
	lru_add_drain(m);
	a = file_page(m, f, 0);
	x = file_page(m, f, 1);
	c = file_page(m, f, 2);
	d = file_page(m, f, 3);
	b = file_page(m, f, 4);
	ck_assert(PageActive(c) && PageDirty(c) && PageActive(d) && !PageDirty(d));
	ck_assert_uint_eq(lru_pfns(m, LRU_INACTIVE_FILE, pfns, 8), 3);
	ck_assert_uint_eq(pfns[0], pfn_of(m, b));
	ck_assert_uint_eq(pfns[1], pfn_of(m, x));
	ck_assert_uint_eq(pfns[2], pfn_of(m, a));
	assert_consistent(m);

	rotate_reclaimable_page(m, x);
	ck_assert_int_eq(isolate_lru_page(m, x), 0);
	putback_lru_page(m, x);
	deactivate_file_page(m, b);
	deactivate_file_page(m, c);
	deactivate_page(m, d);
	ck_assert_uint_eq(m->pvecs[0].lru_add.nr, 1);
	ck_assert_uint_eq(m->pvecs[0].lru_rotate.nr, 1);
	ck_assert_uint_eq(m->pvecs[0].lru_deactivate_file.nr, 2);
	ck_assert_uint_eq(m->pvecs[0].lru_deactivate.nr, 1);
	ck_assert_int_eq(page_ref_count(x), 3);
	assert_consistent(m);

	lru_add_drain(m);
	ck_assert_uint_eq(lru_pfns(m, LRU_INACTIVE_FILE, pfns, 8), 5);
	ck_assert_uint_eq(pfns[0], pfn_of(m, d));
	ck_assert_uint_eq(pfns[1], pfn_of(m, c));
	ck_assert_uint_eq(pfns[2], pfn_of(m, a));
	ck_assert_uint_eq(pfns[3], pfn_of(m, x));
	ck_assert_uint_eq(pfns[4], pfn_of(m, b));
	ck_assert(PageReclaim(c) && !PageReclaim(d));
	/* X rotated, B rotated; C and D deactivated */
	ck_assert_uint_eq(m->vm_events[PGROTATED], 2);
	ck_assert_uint_eq(m->vm_events[PGDEACTIVATE], 2);
	ck_assert_int_eq(page_ref_count(x), 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * lru_deactivate before activate_page: page E, active, is queued for
 * deactivation; then 15 rotations fill lru_rotate, whose 15th
 * pagevec_add() drains that pagevec alone: E goes to the inactive tail
 * without PG_active, while its deactivation still waits. Now inactive, E
 * can be queued for activation. At the drain lru_deactivate_fn() finds E
 * no longer active and skips it (no pgdeactivate), then __activate_page()
 * moves it to the active list (pgactivate). Drained the other way round,
 * E would have ended inactive with a pgdeactivate.
 */
START_TEST(lru_deactivate_drains_before_activate_page)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");
	struct page *e;
	unsigned long off;

	read_file(m, f, 0, 15);
	read_file(m, f, 0, 1);
	lru_add_drain(m);
	e = file_page(m, f, 0);
	ck_assert(PageActive(e));
	deactivate_page(m, e);
	for (off = 0; off < 15; off++)
		rotate_reclaimable_page(m, file_page(m, f, off));
	ck_assert_uint_eq(m->pvecs[0].lru_rotate.nr, 0);
	ck_assert_uint_eq(m->vm_events[PGROTATED], 15);
	ck_assert(!PageActive(e));
	ck_assert_uint_eq(m->pvecs[0].lru_deactivate.nr, 1);
	assert_consistent(m);
	activate_page(m, e);
	ck_assert_uint_eq(m->pvecs[0].activate_page.nr, 1);
	ck_assert_int_eq(page_ref_count(e), 3);
	assert_consistent(m);

	lru_add_drain(m);
	ck_assert(PageActive(e));
	ck_assert_int_eq(page_lru(e), LRU_ACTIVE_FILE);
	ck_assert_uint_eq(m->vm_events[PGDEACTIVATE], 0);
	ck_assert_uint_eq(m->vm_events[PGACTIVATE], 2);
	ck_assert_int_eq(page_ref_count(e), 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * A drain is release_pages(): the pagevec's function runs on every page
 * first, then the pagevec's references are dropped; pages whose last
 * reference that was leave their list and are freed together by
 * free_unref_page_list(), the last one met first: every mm_page_free
 * before the first mm_page_free_batched. Three faults on CPU 1 wait in
 * its lru_add pagevec; CPU 0 unmaps vpages 2 and 1 meanwhile (munmap takes
 * the top pages; free_pages_and_swap_cache() drains only CPU 0's
 * pagevecs), so only CPU 1's pagevec holds them. CPU 1's drain adds all
 * three to the inactive list, then frees 2 and 1 (pgfree 2): mm_page_free
 * 2, 1, then mm_page_free_batched 2, 1. Only vpage 0 stays on the list.
 */
START_TEST(a_drain_frees_the_pages_it_held_last_together)
{
	struct machine *m = boot_shape(0, 0, 16384, 0, 11, 9, 2);
	struct task *t = new_task(m, "a");
	struct recorder *rec = malloc(sizeof(*rec));
	unsigned long p[3], pfns[4], free0, v;
	unsigned long freed[2], batched[2];
	size_t i, nfree = 0, nbatched = 0;
	struct mm_error e;

	ck_assert_ptr_nonnull(rec);
	ck_assert_int_eq(machine_set_cpu(m, 1, &e), 0);
	fault(m, t, 3);
	ck_assert_int_eq(machine_set_cpu(m, 0, &e), 0);
	for (v = 0; v < 3; v++)
		p[v] = pfn_of(m, anon_page(m, t, v));
	ck_assert_uint_eq(munmap_task(m, t, 2), 2);
	ck_assert_int_eq(page_ref_count(&m->mem_map[p[1]]), 1);
	ck_assert_int_eq(page_ref_count(&m->mem_map[p[2]]), 1);
	ck_assert_uint_eq(m->pvecs[1].lru_add.nr, 3);
	assert_consistent(m);

	free0 = m->vm_events[PGFREE];
	record_events(m, rec);
	lru_add_drain_all(m);
	stop_recording(m);
	for (i = 0; i < rec->n; i++) {
		if (rec->ev[i].id == TRACE_MM_PAGE_FREE) {
			ck_assert_uint_eq(nbatched, 0);
			ck_assert_uint_lt(nfree, 2);
			freed[nfree++] = rec->ev[i].pfn;
		} else if (rec->ev[i].id == TRACE_MM_PAGE_FREE_BATCHED) {
			ck_assert_uint_lt(nbatched, 2);
			batched[nbatched++] = rec->ev[i].pfn;
		}
	}
	free(rec);
	ck_assert_uint_eq(nfree, 2);
	ck_assert_uint_eq(nbatched, 2);
	ck_assert_uint_eq(freed[0], p[2]);
	ck_assert_uint_eq(freed[1], p[1]);
	ck_assert_uint_eq(batched[0], p[2]);
	ck_assert_uint_eq(batched[1], p[1]);
	ck_assert_uint_eq(m->vm_events[PGFREE], free0 + 2);
	ck_assert_uint_eq(lru_pfns(m, LRU_INACTIVE_ANON, pfns, 4), 1);
	ck_assert_uint_eq(pfns[0], p[0]);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_ANON), 1);
	ck_assert(!PageLRU(&m->mem_map[p[1]]) && page_ref_count(&m->mem_map[p[1]]) == 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- isolate_lru_page / putback_lru_page ---------------------------------------------- */

/*
 * isolate_lru_page(): PG_lru cleared, off the list and its counters, and
 * the caller holds a reference. A second isolation fails (-EBUSY in the
 * kernel), and so does one of a page still in the lru_add pagevec.
 */
START_TEST(isolate_takes_the_page_off_its_list_with_a_reference)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "a");
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);
	unsigned long pfns[4];
	struct page *mid, *pending;

	fault(m, t, 3);
	lru_add_drain(m);
	assert_consistent(m);
	fault(m, t, 1);   /* vpage 3 waits in the lru_add pagevec */
	pending = anon_page(m, t, 3);
	mid = anon_page(m, t, 1);
	ck_assert_int_eq(isolate_lru_page(m, mid), 0);
	ck_assert(!PageLRU(mid));
	ck_assert_int_eq(page_ref_count(mid), 2);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_ANON), 2);
	ck_assert_int_eq(zone_page_state(z, NR_ZONE_INACTIVE_ANON), 2);
	ck_assert_uint_eq(lru_pfns(m, LRU_INACTIVE_ANON, pfns, 4), 2);
	ck_assert_uint_eq(pfns[0], pfn_of(m, anon_page(m, t, 2)));
	ck_assert_uint_eq(pfns[1], pfn_of(m, anon_page(m, t, 0)));
	ck_assert_int_ne(isolate_lru_page(m, mid), 0);
	ck_assert_int_eq(page_ref_count(mid), 2);

	ck_assert_int_ne(isolate_lru_page(m, pending), 0);
	ck_assert_int_eq(page_ref_count(pending), 2);

	putback_lru_page(m, mid);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * putback_lru_page() = lru_cache_add() + put_page(): the page waits in the
 * pagevec (holding the reference the isolation had), and the drain puts it
 * at the head of the list its flags name; an isolated page that was
 * marked active goes back to the active list.
 */
START_TEST(putback_goes_through_the_pagevec_to_the_head)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "a");
	unsigned long pfns[4];
	struct page *p0, *p1;

	fault(m, t, 3);
	lru_add_drain(m);
	assert_consistent(m);
	p0 = anon_page(m, t, 0);
	p1 = anon_page(m, t, 1);
	ck_assert_int_eq(isolate_lru_page(m, p0), 0);
	ck_assert_int_eq(isolate_lru_page(m, p1), 0);
	set_page_flag(p1, PG_active);
	putback_lru_page(m, p0);
	putback_lru_page(m, p1);
	ck_assert(!PageLRU(p0));
	ck_assert_int_eq(page_ref_count(p0), 2);
	ck_assert_uint_eq(m->pvecs[0].lru_add.nr, 2);
	assert_consistent(m);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_uint_eq(lru_pfns(m, LRU_INACTIVE_ANON, pfns, 4), 2);
	ck_assert_uint_eq(pfns[0], pfn_of(m, p0));
	ck_assert_uint_eq(pfns[1], pfn_of(m, anon_page(m, t, 2)));
	ck_assert_uint_eq(lru_pfns(m, LRU_ACTIVE_ANON, pfns, 4), 1);
	ck_assert_uint_eq(pfns[0], pfn_of(m, p1));
	ck_assert_int_eq(page_ref_count(p0), 1);
	ck_assert_uint_eq(m->vm_events[PGACTIVATE], 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * __pagevec_lru_add_fn(): was_unevictable = TestClearPageUnevictable();
 * a page that is still not evictable goes back to the unevictable list
 * and unevictable_pgs_culled counts it only "if (!was_unevictable)". So
 * isolating and putting back an mlocked page does not count it again.
 */
START_TEST(putback_of_a_still_mlocked_page_is_not_culled_again)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "locked");
	struct page *page;

	mlock_all(m, t, true);
	fault(m, t, 2);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGCULLED], 2);
	page = anon_page(m, t, 0);
	ck_assert_int_eq(isolate_lru_page(m, page), 0);
	putback_lru_page(m, page);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_int_eq(page_lru(page), LRU_UNEVICTABLE);
	ck_assert(PageUnevictable(page) && PageLRU(page));
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGCULLED], 2);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGRESCUED], 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- put_page, lru_note_cost, page_evictable ------------------------------------------ */

/*
 * put_page() dropping the last reference of an LRU page:
 * __page_cache_release() takes it off its list (page_off_lru clears
 * PG_active), then free_unref_page() puts it at the head of the pcp list
 * and counts pgfree.
 */
START_TEST(put_page_frees_an_lru_page)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);
	unsigned long pfns[4], pfn, pgfree;
	struct page *page;

	read_file(m, f, 0, 2);
	read_file(m, f, 0, 2);
	lru_add_drain(m);
	assert_consistent(m);
	page = file_page(m, f, 0);
	pfn = pfn_of(m, page);
	ck_assert(PageActive(page));
	ck_assert_int_eq(page_ref_count(page), 1);
	pgfree = m->vm_events[PGFREE];

	delete_from_page_cache(m, page, 0);
	put_page(m, page);
	ck_assert_int_eq(page_ref_count(page), 0);
	ck_assert(!PageLRU(page) && !PageActive(page) && !PageReferenced(page));
	ck_assert_int_eq(node_stat(m, NR_ACTIVE_FILE), 1);
	ck_assert_int_eq(node_stat(m, NR_FILE_PAGES), 1);
	ck_assert_uint_eq(m->vm_events[PGFREE], pgfree + 1);
	ck_assert_uint_ge(pcp_list(m, z, 0, MIGRATE_MOVABLE, pfns, 4), 1);
	ck_assert_uint_eq(pfns[0], pfn);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * lru_note_cost(): add the cost, then halve both when their sum exceeds a
 * quarter of the four evictable lists (strictly greater). 100 inactive
 * anon pages: the limit is 25.
 */
START_TEST(lru_note_cost_halves_above_a_quarter_of_the_lru)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "a"), *l = new_task(m, "locked");
	struct lruvec *lruvec = node_lruvec(m, 0);

	fault(m, t, 100);
	/* unevictable pages are not part of the LRU size */
	mlock_all(m, l, true);
	fault(m, l, 50);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_ANON), 100);
	ck_assert_int_eq(node_stat(m, NR_UNEVICTABLE), 50);

	lruvec->anon_cost = 5;
	lruvec->file_cost = 19;
	lru_note_cost(m, lruvec, true, 1);        /* 5 + 20 = 25: not above */
	ck_assert_uint_eq(lruvec->file_cost, 20);
	ck_assert_uint_eq(lruvec->anon_cost, 5);
	lru_note_cost(m, lruvec, true, 1);        /* 5 + 21 = 26 > 25: halve */
	ck_assert_uint_eq(lruvec->file_cost, 10);
	ck_assert_uint_eq(lruvec->anon_cost, 2);
	lru_note_cost(m, lruvec, false, 3);       /* 5 + 10 = 15 */
	ck_assert_uint_eq(lruvec->anon_cost, 5);
	ck_assert_uint_eq(lruvec->file_cost, 10);
	/* shrink_inactive_list notes nr_pageout even when it is 0: still decays */
	lruvec->anon_cost = 0;
	lruvec->file_cost = 31;
	lru_note_cost(m, lruvec, false, 0);
	ck_assert_uint_eq(lruvec->file_cost, 15);
	ck_assert_uint_eq(lruvec->anon_cost, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* page_evictable(): mmsh has no unevictable mappings, so only PG_mlocked counts. */
START_TEST(page_evictable_is_false_only_for_mlocked_pages)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "a");
	struct page *page;

	fault(m, t, 1);
	lru_add_drain(m);
	assert_consistent(m);
	page = anon_page(m, t, 0);
	ck_assert(page_evictable(page));
	set_page_flag(page, PG_active);
	set_page_flag(page, PG_dirty);
	ck_assert(page_evictable(page));
	clear_page_flag(page, PG_active);
	clear_page_flag(page, PG_dirty);
	set_page_flag(page, PG_mlocked);
	ck_assert(!page_evictable(page));
	clear_page_flag(page, PG_mlocked);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- workingset ------------------------------------------------------------------------ */

/*
 * Reclaiming a clean, referenced, unmapped file page (PAGEREF_RECLAIM_CLEAN)
 * calls workingset_eviction(): the node's nonresident_age goes up by one
 * and the page cache slot keeps a shadow entry instead of the page.
 */
START_TEST(eviction_leaves_a_shadow_and_ages_the_node)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");
	struct sim_file *fl = &m->files[f];
	unsigned long a0;

	read_file(m, f, 0, 4);
	lru_add_drain(m);
	assert_consistent(m);
	a0 = age(m);
	ck_assert_uint_eq(reclaim_file_tail(m, 1), 1);
	ck_assert(!(fl->slot[0] & SLOT_PRESENT));
	ck_assert(fl->slot[0] & SLOT_SHADOW);
	ck_assert(cached(m, f, 1));
	ck_assert_uint_eq(fl->nrpages, 3);
	ck_assert_int_eq(node_stat(m, NR_FILE_PAGES), 3);
	ck_assert_uint_eq(age(m), a0 + 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * workingset_eviction() stores the age after its own increment, so a page
 * read back before anything else happened has refault distance 0, which
 * is <= any workingset size (even an empty active list): it starts active,
 * counts workingset_refault_file and workingset_activate_file, and ages the
 * node once more. The page never was active: no restore. The activation
 * happens before lru_cache_add(), so no pgactivate.
 */
START_TEST(immediate_refault_is_activated_even_with_no_active_pages)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");
	unsigned long a0, pfns[4];
	struct page *page;

	read_file(m, f, 0, 4);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_uint_eq(reclaim_file_tail(m, 1), 1);
	a0 = age(m);
	ck_assert_int_eq(node_stat(m, NR_ACTIVE_FILE), 0);
	read_file(m, f, 0, 1);
	page = file_page(m, f, 0);
	ck_assert(PageActive(page));
	ck_assert(!test_page_flag(page, PG_workingset));
	ck_assert_int_eq(node_stat(m, WORKINGSET_REFAULT_FILE), 1);
	ck_assert_int_eq(node_stat(m, WORKINGSET_ACTIVATE_FILE), 1);
	ck_assert_int_eq(node_stat(m, WORKINGSET_RESTORE_FILE), 0);
	ck_assert_int_eq(node_stat(m, WORKINGSET_REFAULT_ANON), 0);
	ck_assert_uint_eq(age(m), a0 + 1);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_uint_eq(lru_pfns(m, LRU_ACTIVE_FILE, pfns, 4), 1);
	ck_assert_uint_eq(pfns[0], pfn_of(m, page));
	ck_assert_uint_eq(m->vm_events[PGACTIVATE], 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * The refault distance against the workingset: a file refault on a node
 * without swap compares with NR_ACTIVE_FILE only. Two active pages; four
 * pages evicted in one scan (tail first: offsets 0, 1, 2, 3 at ages
 * A+1..A+4). Offset 0: distance 3 > 2, stays inactive. Offset 2: distance
 * 1 <= 2, activated (age A+5). Offset 1: distance 3 > 2 again.
 */
START_TEST(refault_distance_against_the_active_file_list)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");
	unsigned long a;

	read_file(m, f, 0, 6);
	read_file(m, f, 4, 2);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_int_eq(node_stat(m, NR_ACTIVE_FILE), 2);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_FILE), 4);
	a = age(m);
	ck_assert_uint_eq(reclaim_file_tail(m, 4), 4);
	ck_assert_uint_eq(age(m), a + 4);

	read_file(m, f, 0, 1);
	ck_assert(!PageActive(file_page(m, f, 0)));
	ck_assert_uint_eq(age(m), a + 4);
	read_file(m, f, 2, 1);
	ck_assert(PageActive(file_page(m, f, 2)));
	ck_assert_uint_eq(age(m), a + 5);
	read_file(m, f, 1, 1);
	ck_assert(!PageActive(file_page(m, f, 1)));
	ck_assert_int_eq(node_stat(m, WORKINGSET_REFAULT_FILE), 3);
	ck_assert_int_eq(node_stat(m, WORKINGSET_ACTIVATE_FILE), 1);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_int_eq(node_stat(m, NR_ACTIVE_FILE), 3);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * add_to_page_cache_lru() skips workingset_refault() for __GFP_WRITE:
 * data about to be overwritten is not a refault. The page starts inactive.
 */
START_TEST(writing_over_an_evicted_page_is_not_a_refault)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");
	unsigned long a0;

	read_file(m, f, 0, 2);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_uint_eq(reclaim_file_tail(m, 1), 1);
	a0 = age(m);
	write_file(m, f, 0, 1);
	ck_assert(!PageActive(file_page(m, f, 0)));
	ck_assert_int_eq(node_stat(m, WORKINGSET_REFAULT_FILE), 0);
	ck_assert_int_eq(node_stat(m, WORKINGSET_ACTIVATE_FILE), 0);
	ck_assert_uint_eq(age(m), a0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * A page that was active before (PG_workingset, set when
 * shrink_active_list() deactivated it) leaves a shadow with the workingset
 * bit. Its activated refault sets PG_workingset again, counts
 * workingset_restore_file and notes one page of file cost
 * (lru_note_cost_page). 10 anon pages keep the LRU at 12 pages, so 1 is
 * not above 12 / 4 and the cost is not halved.
 */
START_TEST(workingset_shadow_restores_on_refault)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");
	struct task *t = new_task(m, "a");
	struct lruvec *lruvec = node_lruvec(m, 0);
	struct page *page;

	fault(m, t, 10);
	read_file(m, f, 0, 3);
	read_file(m, f, 0, 3);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_int_eq(node_stat(m, NR_ACTIVE_FILE), 3);
	deactivate_file(m, 3);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_FILE), 3);
	ck_assert(test_page_flag(file_page(m, f, 0), PG_workingset));
	ck_assert_uint_eq(reclaim_file_tail(m, 1), 1);
	ck_assert_uint_eq(m->files[f].nrpages, 2);
	lruvec->anon_cost = 0;
	lruvec->file_cost = 0;
	{
		unsigned long off;

		for (off = 0; off < 3 && cached(m, f, off); off++)
			;
		ck_assert_uint_lt(off, 3);
		read_file(m, f, off, 1);
		page = file_page(m, f, off);
	}
	ck_assert(PageActive(page));
	ck_assert(test_page_flag(page, PG_workingset));
	ck_assert_int_eq(node_stat(m, WORKINGSET_ACTIVATE_FILE), 1);
	ck_assert_int_eq(node_stat(m, WORKINGSET_RESTORE_FILE), 1);
	ck_assert_uint_eq(lruvec->file_cost, 1);
	ck_assert_uint_eq(lruvec->anon_cost, 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * workingset_size for an anonymous refault adds NR_INACTIVE_FILE to
 * NR_ACTIVE_FILE (and no anon lists without swap); a file refault uses
 * NR_ACTIVE_FILE only. With 2 active and 4 inactive file pages and a
 * distance of 5: the file page stays inactive, the anon page is
 * activated; at distance 7 neither is.
 */
START_TEST(anon_refault_workingset_includes_the_inactive_file_list)
{
	struct machine *m = boot_small();
	int f = new_file(m, "data");
	struct lruvec *lruvec = node_lruvec(m, 0);
	struct page *victim, *file_pg, *anon_pg;
	uint64_t shadow;

	read_file(m, f, 0, 6);
	read_file(m, f, 4, 2);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_int_eq(node_stat(m, NR_ACTIVE_FILE), 2);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_FILE), 4);

	victim = loose_page(m, 0, false);
	shadow = workingset_eviction(m, victim);
	workingset_age_nonresident(m, lruvec, 5);
	file_pg = loose_page(m, 0, false);
	anon_pg = loose_page(m, 0, true);
	workingset_refault(m, file_pg, shadow);
	ck_assert(!PageActive(file_pg));
	workingset_refault(m, anon_pg, shadow);
	ck_assert(PageActive(anon_pg));
	ck_assert_int_eq(node_stat(m, WORKINGSET_REFAULT_FILE), 1);
	ck_assert_int_eq(node_stat(m, WORKINGSET_REFAULT_ANON), 1);
	ck_assert_int_eq(node_stat(m, WORKINGSET_ACTIVATE_FILE), 0);
	ck_assert_int_eq(node_stat(m, WORKINGSET_ACTIVATE_ANON), 1);

	/* the activation aged the node: distance 6 now; one more makes 7 > 6 */
	workingset_age_nonresident(m, lruvec, 1);
	clear_page_flag(anon_pg, PG_active);
	workingset_refault(m, anon_pg, shadow);
	ck_assert(!PageActive(anon_pg));
	ck_assert_int_eq(node_stat(m, WORKINGSET_ACTIVATE_ANON), 1);
	ck_assert_int_eq(node_stat(m, WORKINGSET_REFAULT_ANON), 2);

	put_page(m, victim);
	put_page(m, file_pg);
	put_page(m, anon_pg);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * With swap available (get_nr_swap_pages() > 0) anon pages compete too: a
 * file refault adds NR_ACTIVE_ANON and NR_INACTIVE_ANON to NR_ACTIVE_FILE.
 * 3 anon pages (2 inactive, 1 active), no file pages: distance 3 fits,
 * distance 4 does not.
 */
START_TEST(file_refault_counts_anon_lists_only_with_swap)
{
	struct machine *m = boot_swap(16384, 64, 1);
	struct machine *noswap = boot_small();
	struct task *t = new_task(m, "a"), *u = new_task(noswap, "a");
	struct page *victim, *pg;
	uint64_t shadow;

	fault(m, t, 3);
	fault(noswap, u, 3);
	lru_add_drain(m);
	assert_consistent(m);
	lru_add_drain(noswap);
	mark_page_accessed(m, anon_page(m, t, 0));
	mark_page_accessed(m, anon_page(m, t, 0));
	mark_page_accessed(noswap, anon_page(noswap, u, 0));
	mark_page_accessed(noswap, anon_page(noswap, u, 0));
	lru_add_drain(m);
	assert_consistent(m);
	lru_add_drain(noswap);
	ck_assert_int_eq(node_stat(m, NR_ACTIVE_ANON), 1);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_ANON), 2);

	victim = loose_page(m, 0, false);
	pg = loose_page(m, 0, false);
	shadow = workingset_eviction(m, victim);
	workingset_age_nonresident(m, node_lruvec(m, 0), 3);
	workingset_refault(m, pg, shadow);
	ck_assert(PageActive(pg));
	clear_page_flag(pg, PG_active);
	/* the activation aged the node: distance 4 */
	workingset_refault(m, pg, shadow);
	ck_assert(!PageActive(pg));
	ck_assert_int_eq(node_stat(m, WORKINGSET_ACTIVATE_FILE), 1);
	put_page(m, victim);
	put_page(m, pg);

	/* the same at distance 1 without swap: the workingset is empty */
	victim = loose_page(noswap, 0, false);
	pg = loose_page(noswap, 0, false);
	shadow = workingset_eviction(noswap, victim);
	workingset_age_nonresident(noswap, node_lruvec(noswap, 0), 1);
	workingset_refault(noswap, pg, shadow);
	ck_assert(!PageActive(pg));
	put_page(noswap, victim);
	put_page(noswap, pg);

	assert_consistent(m);
	assert_consistent(noswap);
	machine_destroy(m);
	machine_destroy(noswap);
}
END_TEST

/*
 * workingset_refault() 5.10: unpack_shadow() yields the eviction node's
 * pgdat, and both the decision and the counters use that node's lruvec
 * (lruvec = mem_cgroup_lruvec(memcg, pgdat)): a page evicted on node 0
 * and read back into node 1 counts (and ages) node 0.
 */
START_TEST(refault_is_counted_on_the_eviction_node)
{
	struct machine *m = boot_preset("numa");
	struct page *victim = loose_page(m, 0, false), *pg = loose_page(m, 1, false);
	unsigned long a0, a1;
	uint64_t shadow;

	shadow = workingset_eviction(m, victim);
	a0 = node_lruvec(m, 0)->nonresident_age;
	a1 = node_lruvec(m, 1)->nonresident_age;
	workingset_refault(m, pg, shadow);
	ck_assert(PageActive(pg));
	ck_assert_int_eq(node_stat(m, WORKINGSET_REFAULT_FILE), 1);
	ck_assert_int_eq(node_stat(m, WORKINGSET_ACTIVATE_FILE), 1);
	ck_assert_int_eq(m->node_data[1]->vm_stat[WORKINGSET_REFAULT_FILE], 0);
	ck_assert_int_eq(m->node_data[1]->vm_stat[WORKINGSET_ACTIVATE_FILE], 0);
	ck_assert_uint_eq(node_lruvec(m, 0)->nonresident_age, a0 + 1);
	ck_assert_uint_eq(node_lruvec(m, 1)->nonresident_age, a1);
	put_page(m, victim);
	put_page(m, pg);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * workingset_activation(): since 5.9 every promotion by
 * mark_page_accessed() ages the node, anonymous pages as well as file
 * pages.
 */
START_TEST(activations_of_anon_and_file_pages_age_the_node)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "a");
	int f = new_file(m, "data");
	unsigned long a0;

	fault(m, t, 1);
	read_file(m, f, 0, 1);
	lru_add_drain(m);
	assert_consistent(m);
	a0 = age(m);
	mark_page_accessed(m, anon_page(m, t, 0));
	mark_page_accessed(m, anon_page(m, t, 0));
	ck_assert_uint_eq(age(m), a0 + 1);
	mark_page_accessed(m, file_page(m, f, 0));
	ck_assert_uint_eq(age(m), a0 + 2);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_int_eq(node_stat(m, NR_ACTIVE_ANON), 1);
	ck_assert_int_eq(node_stat(m, NR_ACTIVE_FILE), 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- mlock's populate and munlock's batches (mm/gup.c, mm/mlock.c) ------------------- */

/*
 * Culling clears PG_active (__pagevec_lru_add_fn() on the way to the
 * unevictable list), so a page munlockall() rescues comes back inactive
 * whatever list it was on before mlockall(). Page 0 is made active (two
 * touches while still in the lru_add pagevec: __lru_cache_activate_page),
 * page 1 stays inactive. mlockall() culls both (the second page's
 * lru_add_drain() culls the first, the test's drain the second);
 * munlockall() puts both back through __munlock_pagevec()'s fast path
 * (mapped once, evictable again): rescued and munlocked 2 at once, on the
 * inactive anon list head to tail 1 0 (__pagevec_lru_add() in address
 * order), none active.
 */
START_TEST(a_culled_page_is_rescued_onto_the_inactive_list)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "locked");
	struct page *p0, *p1;
	unsigned long pfns[4];

	fault(m, t, 2);
	p0 = anon_page(m, t, 0);
	p1 = anon_page(m, t, 1);
	mark_page_accessed(m, p0);
	mark_page_accessed(m, p0);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_int_eq(page_lru(p0), LRU_ACTIVE_ANON);
	ck_assert_int_eq(page_lru(p1), LRU_INACTIVE_ANON);
	mlock_all(m, t, true);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGCULLED], 2);
	ck_assert(!PageActive(p0) && PageUnevictable(p0));
	ck_assert_int_eq(node_stat(m, NR_UNEVICTABLE), 2);

	mlock_all(m, t, false);
	ck_assert(!PageMlocked(p0) && !PageMlocked(p1));
	ck_assert_int_eq(normal_stat(m, NR_MLOCK), 0);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGMUNLOCKED], 2);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGRESCUED], 2);
	ck_assert(!PageActive(p0) && !PageUnevictable(p0));
	ck_assert_uint_eq(lru_pfns(m, LRU_INACTIVE_ANON, pfns, 4), 2);
	ck_assert_uint_eq(pfns[0], pfn_of(m, p1));
	ck_assert_uint_eq(pfns[1], pfn_of(m, p0));
	ck_assert_int_eq(node_stat(m, NR_ACTIVE_ANON), 0);
	ck_assert_int_eq(node_stat(m, NR_UNEVICTABLE), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * mlockall(MCL_CURRENT) populates the task's memory with
 * __get_user_pages(FOLL_MLOCK): follow_page_pte() takes each present page
 * in address order, drains this CPU's pagevecs (lru_add_drain(): 5.10 has
 * no lru_add_drain_all() here since "mm: mlock: remove
 * lru_add_drain_all()", v5.4) and calls mlock_vma_page(): PG_mlocked,
 * NR_MLOCK, unevictable_pgs_mlocked, then the page is isolated and put
 * back through the lru_add pagevec. So each page's drain culls the page
 * before it. Three pages faulted before mlockall() wait in the pagevec:
 * page 0's drain puts all three on the inactive list, page 1's culls page
 * 0, page 2's culls page 1, and page 2 is left in the pagevec: mlocked 3,
 * culled 2, inactive 0, until the next drain culls page 2 as well.
 */
START_TEST(mlockall_drains_this_cpu_before_each_page)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "a");
	struct page *p0, *p2;

	fault(m, t, 3);
	ck_assert_uint_eq(m->pvecs[0].lru_add.nr, 3);
	p0 = anon_page(m, t, 0);
	p2 = anon_page(m, t, 2);
	mlock_all(m, t, true);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGMLOCKED], 3);
	ck_assert_int_eq(normal_stat(m, NR_MLOCK), 3);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGCULLED], 2);
	ck_assert_int_eq(node_stat(m, NR_UNEVICTABLE), 2);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_ANON), 0);
	ck_assert_int_eq(page_lru(p0), LRU_UNEVICTABLE);
	ck_assert_uint_eq(m->pvecs[0].lru_add.nr, 1);
	ck_assert_uint_eq(m->pvecs[0].lru_add.pages[0], pfn_of(m, p2));
	ck_assert(PageMlocked(p2) && !PageLRU(p2));
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGCULLED], 3);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGMLOCKED], 3);
	ck_assert_int_eq(node_stat(m, NR_UNEVICTABLE), 3);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * The drain is this CPU's only. Pages another CPU's lru_add pagevec
 * holds are not on the LRU: mlock_vma_page() sets PG_mlocked (NR_MLOCK,
 * mlocked) but cannot isolate them, so they stay in that pagevec and are
 * culled when that CPU drains (__pagevec_lru_add_fn() finds them not
 * evictable). Two pages faulted on CPU 1, mlockall() on CPU 0: mlocked 2,
 * culled 0, CPU 1's pagevec still holding both; lru_add_drain_all()
 * culls them.
 */
START_TEST(mlockall_leaves_another_cpus_pagevec_to_that_cpu)
{
	struct machine *m = boot_shape(0, 0, 16384, 0, 11, 9, 2);
	struct task *t = new_task(m, "a");
	struct mm_error e;
	struct page *p0;

	ck_assert_int_eq(machine_set_cpu(m, 1, &e), 0);
	fault(m, t, 2);
	ck_assert_int_eq(machine_set_cpu(m, 0, &e), 0);
	p0 = anon_page(m, t, 0);
	mlock_all(m, t, true);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGMLOCKED], 2);
	ck_assert_int_eq(normal_stat(m, NR_MLOCK), 2);
	ck_assert(PageMlocked(p0) && !PageLRU(p0) && !PageUnevictable(p0));
	ck_assert_uint_eq(m->pvecs[1].lru_add.nr, 2);
	ck_assert_uint_eq(m->pvecs[0].lru_add.nr, 0);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGCULLED], 0);
	lru_add_drain_all(m);
	assert_consistent(m);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGCULLED], 2);
	ck_assert_int_eq(page_lru(p0), LRU_UNEVICTABLE);
	ck_assert_int_eq(node_stat(m, NR_UNEVICTABLE), 2);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * mlockall()'s populate_vma_page_range() asks __get_user_pages() for
 * FOLL_TOUCH | FOLL_MLOCK, and follow_page_pte() acts on FOLL_TOUCH
 * first: mark_page_accessed(), then lru_add_drain() and mlock_vma_page().
 * Page 0, never touched, gets PG_referenced. Page 1, referenced once
 * already and on the inactive list, is activated: activate_page() queues
 * it, the lru_add_drain() right after moves it to the active list
 * (pgactivate 1; workingset_activation() ages the node, nonresident_age
 * + 1; PG_referenced cleared), then mlock_vma_page() isolates it and
 * __pagevec_lru_add_fn() culls it, clearing PG_active. Both end on the
 * unevictable list (culled 2).
 */
START_TEST(mlockall_touches_each_page_before_mlocking_it)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "a");
	struct page *p0, *p1;
	unsigned long a0, act0;

	fault(m, t, 2);
	lru_add_drain(m);
	p0 = anon_page(m, t, 0);
	p1 = anon_page(m, t, 1);
	mark_page_accessed(m, p1);
	ck_assert(!PageReferenced(p0) && PageReferenced(p1));
	a0 = age(m);
	act0 = m->vm_events[PGACTIVATE];
	mlock_all(m, t, true);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert(PageReferenced(p0));
	ck_assert(!PageReferenced(p1) && !PageActive(p1));
	ck_assert_uint_eq(m->vm_events[PGACTIVATE], act0 + 1);
	ck_assert_uint_eq(age(m), a0 + 1);
	ck_assert_int_eq(page_lru(p1), LRU_UNEVICTABLE);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGCULLED], 2);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * munlockall() goes through munlock_vma_pages_range(): the pages are
 * pinned in batches (__munlock_pagevec_fill()) and munlocked by
 * __munlock_pagevec(). Phase 1 clears PG_mlocked and isolates each page
 * (NR_MLOCK moves once for the batch); phase 2 collects the pages mapped
 * once and evictable again in a private pagevec
 * (__putback_lru_fast_prepare(): TestClearPageUnevictable counts them
 * rescued); phase 3 puts that pagevec straight onto the LRU with
 * __pagevec_lru_add(), bypassing the per-CPU pagevec, and counts them
 * unevictable_pgs_munlocked and unevictable_pgs_rescued. So right after
 * munlockall(), without a drain, three culled pages are back on the
 * inactive anon list, head to tail 2 1 0, rescued 3, no pagevec holds
 * them, and release_pages() has dropped the pins: only the ptes'
 * references are left.
 */
START_TEST(munlockall_puts_pages_mapped_once_straight_back)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "locked");
	unsigned long pfns[4];

	mlock_all(m, t, true);
	fault(m, t, 3);
	lru_add_drain(m);
	ck_assert_int_eq(node_stat(m, NR_UNEVICTABLE), 3);
	mlock_all(m, t, false);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGMUNLOCKED], 3);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGRESCUED], 3);
	ck_assert_uint_eq(pagevec_pages(m), 0);
	ck_assert_int_eq(node_stat(m, NR_UNEVICTABLE), 0);
	ck_assert_uint_eq(lru_pfns(m, LRU_INACTIVE_ANON, pfns, 4), 3);
	ck_assert_uint_eq(pfns[0], pfn_of(m, anon_page(m, t, 2)));
	ck_assert_uint_eq(pfns[2], pfn_of(m, anon_page(m, t, 0)));
	ck_assert_int_eq(page_ref_count(anon_page(m, t, 0)), 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * A fault of a locked task waits in the lru_add pagevec with PG_mlocked,
 * not yet culled. munlockall()'s phase 1 clears its PG_mlocked but cannot
 * isolate it (not PG_lru): __munlock_isolation_failed() counts it
 * munlocked, as it is not PG_unevictable, and its pin goes back with
 * pagevec_release(&pvec_putback). __pagevec_release() drains this CPU's
 * pagevecs first (lru_add_drain(): a new pagevec's percpu_pvec_drained is
 * false), so the page reaches the inactive list inside munlockall(),
 * neither culled nor rescued (it never was unevictable). Page 0 was
 * drained before the second fault (culled 1); phase 1 isolates it and
 * phase 3 puts it back by the fast path (rescued 1), at the head. Right
 * after munlockall() no pagevec holds a page and the inactive anon list
 * is, head to tail, 0 then 1: culled 1, munlocked 2, rescued 1, stranded 0.
 */
START_TEST(munlock_counts_a_page_still_in_the_pagevec_munlocked)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "locked");
	unsigned long pfns[4];

	mlock_all(m, t, true);
	fault(m, t, 1);
	lru_add_drain(m);
	fault(m, t, 1);
	ck_assert_uint_eq(m->pvecs[0].lru_add.nr, 1);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGCULLED], 1);
	mlock_all(m, t, false);
	ck_assert_uint_eq(m->pvecs[0].lru_add.nr, 0);
	ck_assert_int_eq(normal_stat(m, NR_MLOCK), 0);
	ck_assert_uint_eq(lru_pfns(m, LRU_INACTIVE_ANON, pfns, 4), 2);
	ck_assert_uint_eq(pfns[0], pfn_of(m, anon_page(m, t, 0)));
	ck_assert_uint_eq(pfns[1], pfn_of(m, anon_page(m, t, 1)));
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGMUNLOCKED], 2);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGSTRANDED], 0);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGCULLED], 1);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGRESCUED], 1);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * A locked page somebody else has isolated (compaction, reclaim) is
 * PG_unevictable but not PG_lru. Phase 1 clears its PG_mlocked (NR_MLOCK
 * goes down with the batch: only pages that were not mlocked are given
 * back to delta_munlocked) and, unable to isolate it, counts it
 * unevictable_pgs_stranded (__munlock_isolation_failed()); only its pin
 * is released. The other page of the batch is munlocked and rescued by
 * the fast path. When the isolator puts the page back,
 * putback_lru_page() and the drain rescue it: stranded 1, munlocked 1,
 * rescued 2.
 */
START_TEST(munlock_strands_a_locked_page_somebody_else_isolated)
{
	struct machine *m = boot_small();
	struct task *t = new_task(m, "locked");
	struct page *taken, *other;
	struct mm_error e;

	mlock_all(m, t, true);
	fault(m, t, 2);
	lru_add_drain(m);
	assert_consistent(m);
	taken = anon_page(m, t, 0);
	other = anon_page(m, t, 1);
	ck_assert_int_eq(isolate_lru_page(m, taken), 0);
	ck_assert_int_eq(mlock_task(m, t, false, &e), 0);
	ck_assert(!PageMlocked(taken) && PageUnevictable(taken) && !PageLRU(taken));
	ck_assert_int_eq(page_ref_count(taken), 2);   /* the pte's and the isolation's */
	ck_assert_int_eq(normal_stat(m, NR_MLOCK), 0);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGSTRANDED], 1);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGMUNLOCKED], 1);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGRESCUED], 1);
	ck_assert_int_eq(page_lru(other), LRU_INACTIVE_ANON);
	putback_lru_page(m, taken);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_int_eq(page_lru(taken), LRU_INACTIVE_ANON);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGRESCUED], 2);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGSTRANDED], 1);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGMUNLOCKED], 1);
	ck_assert_int_eq(node_stat(m, NR_UNEVICTABLE), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * __munlock_pagevec_fill() gathers at most PAGEVEC_SIZE pages, and each
 * batch goes through all three phases before the next is gathered. The
 * slow path shows where a batch ends. A locked task maps 17 file pages
 * (all culled); another task maps page 15 too (mapcount 2), so page 15
 * cannot take the fast path: try_to_munlock() walks its mappings (none is
 * VM_LOCKED any more, so it stays munlocked) and putback_lru_page()
 * queues it in the lru_add pagevec, which 14 anonymous faults of the
 * other task have nearly filled: page 15 is the 15th, the pagevec drains,
 * and __pagevec_lru_add_fn() rescues page 15 (still PG_unevictable) onto
 * the inactive file list. Batch 1 (pages 0-14, all fast) is on that list
 * already, head to tail 14 ... 0; batch 2 adds page 15 (phase 2), then
 * page 16 (phase 3): 16 15 14 ... 0. A single batch of 17 would have put
 * page 15 there before any fast-path page: 16 14 ... 0 15. munlocked 17,
 * rescued 17, and the pagevec is empty.
 */
START_TEST(munlock_batches_hold_at_most_fifteen_pages)
{
	struct machine *m = boot_small();
	struct task *l = new_task(m, "locked"), *u = new_task(m, "u");
	int f = new_file(m, "lib");
	unsigned long pfns[20], i;
	struct mm_error e;

	mlock_all(m, l, true);
	ck_assert_int_eq(fault_file(m, l, f, 0, 17, false, &e), 17);
	lru_add_drain(m);
	assert_consistent(m);
	ck_assert_int_eq(node_stat(m, NR_UNEVICTABLE), 17);
	ck_assert_int_eq(fault_file(m, u, f, 15, 1, false, &e), 1);
	ck_assert_int_eq(page_mapcount(file_page(m, f, 15)), 2);
	fault(m, u, PAGEVEC_SIZE - 1);
	ck_assert_uint_eq(m->pvecs[0].lru_add.nr, PAGEVEC_SIZE - 1);

	mlock_all(m, l, false);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGMUNLOCKED], 17);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGRESCUED], 17);
	ck_assert_int_eq(normal_stat(m, NR_MLOCK), 0);
	ck_assert_uint_eq(m->pvecs[0].lru_add.nr, 0);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_ANON), PAGEVEC_SIZE - 1);
	ck_assert_int_eq(node_stat(m, NR_UNEVICTABLE), 0);
	ck_assert_uint_eq(lru_pfns(m, LRU_INACTIVE_FILE, pfns, 20), 17);
	ck_assert_uint_eq(pfns[0], pfn_of(m, file_page(m, f, 16)));
	ck_assert_uint_eq(pfns[1], pfn_of(m, file_page(m, f, 15)));
	for (i = 2; i < 17; i++)
		ck_assert_uint_eq(pfns[i], pfn_of(m, file_page(m, f, 16 - i)));
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * A batch also ends at a page of another zone (__munlock_pagevec_fill()
 * stops at "page_zone(page) != zone"): __munlock_pagevec() moves the
 * NR_MLOCK of one zone, the batch's, by the batch's delta. A locked task
 * faults pages 0 and 1 on node 0 (CPU 0) and pages 2 and 3 on node 1
 * (CPU 2): NR_MLOCK 2 in each node's Normal zone. munlockall() takes two
 * batches, and each zone's NR_MLOCK returns to 0 (one batch of four would
 * have taken 4 from node 0's zone and left node 1's at 2); each node's
 * inactive anon list gets its own two pages back.
 */
START_TEST(munlock_batches_stop_at_a_zone_boundary)
{
	struct machine *m = boot_preset("numa");
	struct task *t = new_task(m, "locked");
	struct zone *z0 = ZONE(m, 0, ZONE_NORMAL), *z1 = ZONE(m, 1, ZONE_NORMAL);
	struct mm_error e;

	mlock_all(m, t, true);
	fault(m, t, 2);
	ck_assert_int_eq(machine_set_cpu(m, 2, &e), 0);
	fault(m, t, 2);
	ck_assert_int_eq(machine_set_cpu(m, 0, &e), 0);
	lru_add_drain_all(m);
	assert_consistent(m);
	ck_assert(page_zone(m, anon_page(m, t, 1)) == z0);
	ck_assert(page_zone(m, anon_page(m, t, 2)) == z1);
	ck_assert_int_eq(zone_page_state(z0, NR_MLOCK), 2);
	ck_assert_int_eq(zone_page_state(z1, NR_MLOCK), 2);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGCULLED], 4);

	mlock_all(m, t, false);
	ck_assert_int_eq(zone_page_state(z0, NR_MLOCK), 0);
	ck_assert_int_eq(zone_page_state(z1, NR_MLOCK), 0);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGMUNLOCKED], 4);
	ck_assert_uint_eq(m->vm_events[UNEVICTABLE_PGRESCUED], 4);
	ck_assert_int_eq(node_stat(m, NR_INACTIVE_ANON), 2);
	ck_assert_int_eq(m->node_data[1]->vm_stat[NR_INACTIVE_ANON], 2);
	ck_assert_int_eq(node_stat(m, NR_UNEVICTABLE), 0);
	ck_assert_int_eq(m->node_data[1]->vm_stat[NR_UNEVICTABLE], 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("lru");
	TCase *pv = tcase_create("pagevec"), *start = tcase_create("start");
	TCase *mark = tcase_create("mark_page_accessed"), *rot = tcase_create("rotate");
	TCase *iso = tcase_create("isolate"), *misc = tcase_create("misc");
	TCase *ws = tcase_create("workingset"), *deact = tcase_create("deactivate");
	TCase *mlock = tcase_create("mlock-munlock");

	tcase_add_test(pv, fourteen_new_pages_wait_in_the_pagevec);
	tcase_add_test(pv, fifteenth_page_drains_the_pagevec_last_at_the_head);
	tcase_add_test(pv, lru_add_drain_flushes_a_partial_pagevec);
	tcase_add_test(pv, lru_add_drain_is_per_cpu_and_drain_all_takes_every_cpu);
	suite_add_tcase(s, pv);

	tcase_add_test(start, anonymous_faults_start_on_the_inactive_anon_list);
	tcase_add_test(start, page_cache_reads_start_on_the_inactive_file_list);
	tcase_add_test(start, faults_of_an_mlocked_task_are_culled_to_unevictable);
	suite_add_tcase(s, start);

	tcase_add_test(mark, two_touch_rule_through_all_four_states);
	tcase_add_test(mark, second_touch_in_the_lru_add_pagevec_activates_in_place);
	tcase_add_test(mark, second_touch_from_another_cpu_loses_the_promotion);
	tcase_add_test(mark, unevictable_pages_are_never_activated);
	tcase_add_test(mark, activate_pagevec_drains_itself_at_fifteen);
	tcase_add_test(mark, page_queued_twice_is_activated_once);
	tcase_add_test(mark, activate_page_ignores_active_unevictable_and_off_lru_pages);
	suite_add_tcase(s, mark);

	tcase_add_test(rot, rotate_moves_an_inactive_page_to_the_tail);
	tcase_add_test(rot, rotate_deactivates_an_active_page);
	tcase_add_test(rot, rotate_skips_dirty_locked_unevictable_and_off_lru_pages);
	suite_add_tcase(s, rot);

	tcase_add_test(deact, deactivate_file_page_moves_clean_pages_to_the_inactive_tail);
	tcase_add_test(deact, deactivate_file_page_marks_dirty_and_writeback_pages_for_reclaim);
	tcase_add_test(deact, deactivate_file_page_leaves_mapped_and_unevictable_pages_alone);
	tcase_add_test(deact, deactivate_page_moves_active_pages_to_the_inactive_head);
	tcase_add_test(deact, lru_add_drain_cpu_drains_in_the_kernels_order);
	tcase_add_test(deact, lru_deactivate_drains_before_activate_page);
	tcase_add_test(deact, a_drain_frees_the_pages_it_held_last_together);
	suite_add_tcase(s, deact);

	tcase_add_test(iso, isolate_takes_the_page_off_its_list_with_a_reference);
	tcase_add_test(iso, putback_goes_through_the_pagevec_to_the_head);
	tcase_add_test(iso, putback_of_a_still_mlocked_page_is_not_culled_again);
	suite_add_tcase(s, iso);

	tcase_add_test(mlock, a_culled_page_is_rescued_onto_the_inactive_list);
	tcase_add_test(mlock, mlockall_drains_this_cpu_before_each_page);
	tcase_add_test(mlock, mlockall_leaves_another_cpus_pagevec_to_that_cpu);
	tcase_add_test(mlock, mlockall_touches_each_page_before_mlocking_it);
	tcase_add_test(mlock, munlockall_puts_pages_mapped_once_straight_back);
	tcase_add_test(mlock, munlock_counts_a_page_still_in_the_pagevec_munlocked);
	tcase_add_test(mlock, munlock_strands_a_locked_page_somebody_else_isolated);
	tcase_add_test(mlock, munlock_batches_hold_at_most_fifteen_pages);
	tcase_add_test(mlock, munlock_batches_stop_at_a_zone_boundary);
	suite_add_tcase(s, mlock);

	tcase_add_test(misc, put_page_frees_an_lru_page);
	tcase_add_test(misc, lru_note_cost_halves_above_a_quarter_of_the_lru);
	tcase_add_test(misc, page_evictable_is_false_only_for_mlocked_pages);
	suite_add_tcase(s, misc);

	tcase_add_test(ws, eviction_leaves_a_shadow_and_ages_the_node);
	tcase_add_test(ws, immediate_refault_is_activated_even_with_no_active_pages);
	tcase_add_test(ws, refault_distance_against_the_active_file_list);
	tcase_add_test(ws, writing_over_an_evicted_page_is_not_a_refault);
	tcase_add_test(ws, workingset_shadow_restores_on_refault);
	tcase_add_test(ws, anon_refault_workingset_includes_the_inactive_file_list);
	tcase_add_test(ws, file_refault_counts_anon_lists_only_with_swap);
	tcase_add_test(ws, refault_is_counted_on_the_eviction_node);
	tcase_add_test(ws, activations_of_anon_and_file_pages_age_the_node);
	suite_add_tcase(s, ws);

	return run_suite(s);
}
