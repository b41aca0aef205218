/*
 * tests/unit/test_clone.c: snapshots of a machine (machine_clone,
 * machine_copy, machine_bytes in src/engine/mmzone.c), which the shell's
 * `undo`, `why` and `step` use to run a command again on a copy taken
 * before it. The engine is deterministic, so a copy must behave exactly as
 * the original for any sequence of later operations.
 *
 * Each preset (default, tiny, numa) and a machine with swap is driven
 * through a rich history: held blocks allocated and freed, tasks faulting
 * anonymous and file pages on several CPUs, files read twice and written,
 * munmap, mlock, pcp and pagevec drains, time passing (the disk, kswapd,
 * kcompactd and the flusher run), direct reclaim, compaction and the OOM
 * killer, with writes left in flight. Then it is copied, and the same further operations run on the
 * original and on the copy: every result (pfns handed out, error messages,
 * allocation and compaction reports), every tracepoint line and kernel
 * message, every view (/proc files, LRU, pcp, free areas, watermarks, the
 * disk, the memory map) and the raw state (page descriptors, content words,
 * pageblock flags, buddy bitmaps, node and zone counters, page tables,
 * page cache slots, swap slots, the disk queue) must come out identical,
 * and check() must find both consistent.
 *
 * machine_copy() is also driven into a machine of the same shape (its
 * buffers are reused: the pointers stay), of another shape (they are
 * reallocated), back to an earlier state (tasks and files that no longer
 * exist give their memory back; the sanitizer build would report leaks),
 * and the original is destroyed before its copy is used (no pointer of
 * the copy may lead into it: run under AddressSanitizer). With glibc (and
 * without the sanitizer) the allocator is wrapped to show that a snapshot
 * into a machine of the same shape allocates nothing, and to make the
 * host run out of memory at each allocation of a copy in turn.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "helpers.h"
#include "mmsh/bitmap24.h"
#include "mmsh/compaction.h"
#include "mmsh/kstep.h"
#include "mmsh/lru.h"
#include "mmsh/page_alloc.h"
#include "mmsh/pcp.h"
#include "mmsh/procfs.h"
#include "mmsh/strbuf.h"
#include "mmsh/trace.h"
#include "mmsh/views.h"
#include "mmsh/vmscan.h"
#include "mmsh/workload.h"

/* ---- the comparison ------------------------------------------------------------------- */

/* Both machines show the same text, hold the same state and buffers' contents, pass check(). */
static void expect_same(struct machine *a, struct machine *b)
{
	expect_same_machine(a, b, COMPARE_LAYOUT);
}

/*
 * The test proper: history (compare_history() in compare.c), copy, then
 * the same future on both (compare_future()), each listened to, and
 * everything compared.
 */
static void expect_copy_behaves_alike(struct machine *m, struct machine *copy)
{
	expect_same(m, copy);
	ck_assert_int_ge(file_find(m, "lib"), 0);
	ck_assert_int_ge(file_find(m, "log"), 0);
	expect_same_future(m, copy);
	expect_same(m, copy);
}

static void clone_and_compare(struct machine *m)
{
	struct machine *copy = machine_clone(m);

	ck_assert_ptr_nonnull(copy);
	expect_copy_behaves_alike(m, copy);
	machine_destroy(copy);
	machine_destroy(m);
}

/* ---- the presets ----------------------------------------------------------------------- */

START_TEST(clone_of_default_behaves_alike)
{
	struct machine *m = boot_preset("default");

	compare_history(m);
	clone_and_compare(m);
}
END_TEST

START_TEST(clone_of_tiny_behaves_alike)
{
	struct machine *m = boot_preset("tiny");

	compare_history(m);
	clone_and_compare(m);
}
END_TEST

START_TEST(clone_of_numa_behaves_alike)
{
	struct machine *m = boot_preset("numa");

	compare_history(m);
	clone_and_compare(m);
}
END_TEST

/* 8192 pages of RAM and 16384 swap slots: the OOM faults swap out instead. */
START_TEST(clone_with_swap_behaves_alike)
{
	struct machine *m = boot_swap(8192, 16384, 2);

	compare_history(m);
	ck_assert_uint_gt(m->swap.inuse, 0);
	ck_assert_uint_gt(m->vm_events[PSWPOUT], 0);
	clone_and_compare(m);
}
END_TEST

/* ---- what is and is not copied ---------------------------------------------------------- */

static void count_step(struct machine *m, const struct kstep *st, void *arg)
{
	(void)m;
	(void)st;
	++*(int *)arg;
}

/*
 * The copy has no subscribers: the shell subscribes to the copy itself
 * (`why` listens to the copy's steps, not to the original's). Events on
 * the copy must not reach the original's listener. Nor does it keep a
 * compaction capture: that lives on the stack of the original's caller.
 */
START_TEST(clone_has_no_subscribers)
{
	struct machine *m = boot_preset("tiny"), *copy;
	struct capture_control capc = { NULL, 0, 0, NULL };
	struct compare_listener l;
	int steps = 0;

	compare_listen(m, &l);
	kstep_subscribe(m, count_step, &steps);
	m->capc = &capc;   /* as if taken inside direct compaction: capc is on its stack */
	copy = machine_clone(m);
	m->capc = NULL;
	ck_assert_ptr_nonnull(copy);
	ck_assert_ptr_null(copy->trace_cb);
	ck_assert_ptr_null(copy->trace_arg);
	ck_assert_uint_eq(copy->trace_mask, 0);
	ck_assert_ptr_null(copy->kstep_cb);
	ck_assert_ptr_null(copy->kstep_arg);
	ck_assert_ptr_null(copy->log_cb);
	ck_assert_ptr_null(copy->log_arg);
	ck_assert_ptr_null(copy->capc);
	/* the original keeps its own */
	ck_assert_ptr_eq(m->trace_arg, &l);
	ck_assert_ptr_eq(m->kstep_arg, &steps);
	held(copy, GFP_KERNEL, 2);
	ck_assert_uint_eq(l.events, 0);
	held(m, GFP_KERNEL, 2);
	ck_assert_uint_gt(l.events, 0);
	compare_stop_listening(m, &l);
	machine_destroy(copy);
	machine_destroy(m);
}
END_TEST

/*
 * Every pointer inside the copy leads into the copy: a zone to its node
 * and machine, its pagesets, the zonelists (to the zones of every node,
 * in the same order), and `current` while a task runs.
 */
START_TEST(clone_pointers_lead_into_the_copy)
{
	struct machine *m = boot_preset("numa"), *copy;
	struct task *t = new_task(m, "t");
	struct as_saved s;
	int nid, z, l, i;

	fault(m, t, 10);
	as_task(m, t, &s);
	copy = machine_clone(m);
	as_before(m, &s);
	ck_assert_ptr_nonnull(copy);
	ck_assert_ptr_eq(copy->current_task, &copy->tasks[t - m->tasks]);
	for (nid = 0; nid < m->nr_node_ids; nid++) {
		pg_data_t *pgdat = NODE_DATA(copy, nid);

		ck_assert_ptr_ne(pgdat, NODE_DATA(m, nid));
		ck_assert_ptr_eq(pgdat->machine, copy);
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &pgdat->node_zones[z];

			ck_assert_ptr_eq(zone->zone_pgdat, pgdat);
			ck_assert_ptr_eq(zone->machine, copy);
			ck_assert_ptr_ne(zone->pageset, NODE_DATA(m, nid)->node_zones[z].pageset);
		}
		for (l = 0; l < MAX_ZONELISTS; l++)
			for (i = 0; i <= MAX_ZONES_PER_ZONELIST; i++) {
				struct zoneref *zr = &pgdat->node_zonelists[l]._zonerefs[i];
				struct zoneref *orig = &NODE_DATA(m, nid)->node_zonelists[l]._zonerefs[i];

				if (!orig->zone) {
					ck_assert_ptr_null(zr->zone);
					continue;
				}
				ck_assert_ptr_eq(zr->zone, ZONE(copy, zone_to_nid(orig->zone),
								zone_idx(orig->zone)));
				ck_assert_int_eq(zr->zone_idx, orig->zone_idx);
			}
	}
	/* the first fallback of node 0 is its own Normal zone, then node 1's */
	ck_assert_ptr_eq(NODE_DATA(copy, 0)->node_zonelists[ZONELIST_FALLBACK]._zonerefs[0].zone,
			 ZONE(copy, 0, ZONE_NORMAL));
	ck_assert_ptr_eq(NODE_DATA(copy, 0)->node_zonelists[ZONELIST_FALLBACK]._zonerefs[2].zone,
			 ZONE(copy, 1, ZONE_NORMAL));
	machine_destroy(copy);
	machine_destroy(m);
}
END_TEST

/*
 * The copy owns everything: once the original is gone the copy (and a
 * second copy taken at the same time, kept as the reference) still run
 * the whole future alike. Under AddressSanitizer a pointer into the
 * destroyed original would be reported at its first use.
 */
START_TEST(clone_outlives_the_original)
{
	struct machine *m = boot_swap(4096, 8192, 2), *c1, *c2;

	compare_history(m);
	c1 = machine_clone(m);
	c2 = machine_clone(m);
	ck_assert_ptr_nonnull(c1);
	ck_assert_ptr_nonnull(c2);
	machine_destroy(m);
	expect_copy_behaves_alike(c1, c2);
	machine_destroy(c1);
	machine_destroy(c2);
}
END_TEST

/* What a kstep subscriber that snapshots the machine at every step saw. */
struct stepper {
	struct machine *snap;
	unsigned long steps, bad_copies;
};

static void copy_at_step(struct machine *m, const struct kstep *st, void *arg)
{
	struct stepper *s = arg;

	(void)st;
	s->steps++;
	if (machine_copy(s->snap, m) < 0 || s->snap->capc || s->snap->kstep_cb ||
	    s->snap->clock_ns != m->clock_ns || s->snap->mem_map[0].flags != m->mem_map[0].flags)
		s->bad_copies++;
}

/*
 * `step` copies the machine from inside a command, at a kernel step (with
 * pages isolated, a fault half done, an OOM kill under way): the copy
 * must succeed at every step and leave the original as it was. A tiny
 * machine runs the whole future with a subscriber that snapshots it at
 * every step, beside a copy that runs it unobserved: both end alike.
 */
START_TEST(copy_inside_a_command_leaves_it_alone)
{
	struct machine *m = boot_preset("tiny"), *watched, *alone;
	struct stepper st = { NULL, 0, 0 };
	struct strbuf oa = STRBUF_INIT, ob = STRBUF_INIT;

	compare_history(m);
	watched = machine_clone(m);
	alone = machine_clone(m);
	st.snap = machine_clone(m);
	ck_assert_ptr_nonnull(watched);
	ck_assert_ptr_nonnull(alone);
	ck_assert_ptr_nonnull(st.snap);
	kstep_subscribe(watched, copy_at_step, &st);
	compare_future(watched, &oa);
	kstep_subscribe(watched, NULL, NULL);
	compare_future(alone, &ob);
	ck_assert_uint_gt(st.steps, 1000);
	ck_assert_uint_eq(st.bad_copies, 0);
	expect_same_text("the results", sb_str(&oa), sb_str(&ob));
	expect_same(watched, alone);
	sb_free(&oa);
	sb_free(&ob);
	machine_destroy(st.snap);
	machine_destroy(alone);
	machine_destroy(watched);
	machine_destroy(m);
}
END_TEST

/* ---- machine_copy(): reusing and replacing buffers -------------------------------------- */

/*
 * The snapshot the shell takes before each command: the copy target has
 * the machine's shape, so mem_map, the pageblock and check arrays, the
 * bitmaps, the nodes, their pagesets and the task and file tables are
 * reused in place (no allocation: the same addresses afterwards).
 */
START_TEST(copy_into_same_shape_reuses_buffers)
{
	struct machine *m = boot_preset("default"), *snap;
	void *mem_map, *content, *pageblocks, *bitmap, *pgdat, *pageset, *tasks, *files, *anon;

	snap = machine_clone(m);   /* the boot state */
	ck_assert_ptr_nonnull(snap);
	mem_map = snap->mem_map;
	content = snap->contents.chunk;
	pageblocks = snap->pageblock_flags;
	bitmap = snap->bitmap24[3];
	pgdat = NODE_DATA(snap, 0);
	pageset = ZONE(snap, 0, ZONE_NORMAL)->pageset;
	tasks = snap->tasks;
	files = snap->files;

	compare_history(m);
	ck_assert_int_eq(machine_copy(snap, m), 0);
	ck_assert_ptr_eq(snap->mem_map, mem_map);
	ck_assert_ptr_eq(snap->contents.chunk, content);
	ck_assert_ptr_eq(snap->pageblock_flags, pageblocks);
	ck_assert_ptr_eq(snap->bitmap24[3], bitmap);
	ck_assert_ptr_eq(NODE_DATA(snap, 0), pgdat);
	ck_assert_ptr_eq(ZONE(snap, 0, ZONE_NORMAL)->pageset, pageset);
	ck_assert_ptr_eq(snap->tasks, tasks);
	ck_assert_ptr_eq(snap->files, files);
	/* a second snapshot of the same state reuses the task's and file's arrays too */
	anon = task_find(snap, "a")->anon;
	ck_assert_int_eq(machine_copy(snap, m), 0);
	ck_assert_ptr_eq(task_find(snap, "a")->anon, anon);
	expect_copy_behaves_alike(m, snap);
	machine_destroy(snap);
	machine_destroy(m);
}
END_TEST

/*
 * `undo` after `undo`: a snapshot taken later (more tasks, longer page
 * tables, bigger files, a disk queue) is overwritten with an earlier one.
 * What the earlier state does not have is freed (the sanitizer build
 * reports leaks), and the result behaves as the earlier state.
 */
START_TEST(copy_back_to_an_earlier_state)
{
	struct machine *m = boot_preset("default"), *early, *snap;

	early = machine_clone(m);
	ck_assert_ptr_nonnull(early);
	compare_history(m);
	snap = machine_clone(m);
	ck_assert_ptr_nonnull(snap);
	ck_assert_int_eq(machine_copy(snap, early), 0);
	ck_assert_ptr_null(task_find(snap, "a"));
	ck_assert_int_lt(file_find(snap, "lib"), 0);
	compare_history(snap);
	compare_history(early);
	expect_copy_behaves_alike(early, snap);
	machine_destroy(snap);
	machine_destroy(early);
	machine_destroy(m);
}
END_TEST

/*
 * A target of another shape: a tiny machine (one node, one CPU, MAX_ORDER
 * 6) becomes a copy of a numa one (two nodes, four CPUs, MAX_ORDER 11),
 * and a numa one a copy of a tiny one: every buffer is reallocated, the
 * nodes and bitmap orders the source lacks are freed.
 */
START_TEST(copy_into_other_shape_reallocates)
{
	struct machine *numa = boot_preset("numa"), *tiny = boot_preset("tiny");
	struct machine *small = boot_preset("tiny"), *big = boot_preset("numa");

	compare_history(numa);
	compare_history(small);
	ck_assert_int_eq(machine_copy(tiny, numa), 0);
	ck_assert_int_eq(tiny->nr_node_ids, 2);
	ck_assert_uint_eq(tiny->max_pfn, numa->max_pfn);
	ck_assert_int_eq(machine_copy(big, small), 0);
	ck_assert_int_eq(big->nr_node_ids, 1);
	ck_assert_ptr_null(big->node_data[1]);
	ck_assert_ptr_null(big->bitmap24[6]);
	expect_copy_behaves_alike(numa, tiny);
	expect_copy_behaves_alike(small, big);
	machine_destroy(tiny);
	machine_destroy(numa);
	machine_destroy(small);
	machine_destroy(big);
}
END_TEST

/*
 * The shell's `undo` loop: a snapshot before each command, then the
 * command; undoing restores the snapshot, and running the command again
 * gives the same machine as the first time.
 */
START_TEST(undo_and_redo_give_the_same_machine)
{
	struct machine *m = boot_swap(4096, 8192, 2), *before = machine_clone(m), *again;
	struct mm_error e;
	struct task *t;
	int step;

	ck_assert_ptr_nonnull(before);
	again = machine_clone(m);
	ck_assert_ptr_nonnull(again);
	for (step = 0; step < 6; step++) {
		ck_assert_int_eq(machine_copy(before, m), 0);
		/* the command */
		t = task_find(m, "w") ? task_find(m, "w") : new_task(m, "w");
		fault_anon(m, t, 1500, &e);
		tick(m, HZ / 2);
		/* undo it, and do it again on the restored machine */
		ck_assert_int_eq(machine_copy(again, before), 0);
		t = task_find(again, "w") ? task_find(again, "w") : new_task(again, "w");
		fault_anon(again, t, 1500, &e);
		tick(again, HZ / 2);
		expect_same(m, again);
	}
	ck_assert_uint_gt(m->vm_events[PSWPOUT], 0);
	machine_destroy(again);
	machine_destroy(before);
	machine_destroy(m);
}
END_TEST

/* ---- out of host memory ------------------------------------------------------------------- */

/*
 * Fault injection, as SQLite's tests do it: with glibc the program may
 * supply malloc(), calloc(), realloc() and free() of its own. These pass
 * every call to glibc's allocator, count the blocks alive, and make the
 * allocation after the next `allocs_left` ones fail. (AddressSanitizer
 * supplies its own allocator: not under it.)
 */
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
#define FAULT_INJECTION 1
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void __libc_free(void *p);

static long allocs_left = -1;   /* -1: none fails */
static long blocks_alive;       /* allocated minus freed, since the program began */

static bool allocation_fails(void)
{
	if (allocs_left == 0)
		return true;
	if (allocs_left > 0)
		allocs_left--;
	return false;
}

void *malloc(size_t size)
{
	void *p = allocation_fails() ? NULL : __libc_malloc(size);

	blocks_alive += p != NULL;
	return p;
}

void *calloc(size_t n, size_t size)
{
	void *p = allocation_fails() ? NULL : __libc_calloc(n, size);

	blocks_alive += p != NULL;
	return p;
}

void *realloc(void *old, size_t size)
{
	void *p = allocation_fails() ? NULL : __libc_realloc(old, size);

	blocks_alive += !old && p;
	return p;
}

void free(void *p)
{
	blocks_alive -= p != NULL;
	__libc_free(p);
}

/*
 * The host runs out of memory at the n-th allocation of a copy, for every
 * n until the copy goes through: machine_copy() returns -1 and leaves the
 * target fit for machine_destroy() (which frees every block: nothing
 * leaks, nothing is freed twice) and for another copy; machine_clone()
 * returns NULL. The target is a tiny machine (every buffer of the numa
 * source is allocated: the copy fails at each in turn) or a snapshot of
 * the source's boot state (only what tasks and files grew since).
 */
static int copy_failing(struct machine *src, bool same_shape)
{
	struct machine *boot = same_shape ? boot_preset("numa") : NULL;
	int n, failures = 0, rc = -1;

	for (n = 0; rc < 0; n++) {
		long before = blocks_alive;
		struct machine *dst = same_shape ? machine_clone(boot) : boot_preset("tiny");
		struct machine *clone;

		ck_assert_ptr_nonnull(dst);
		allocs_left = n;
		rc = machine_copy(dst, src);
		allocs_left = rc < 0 ? n : -1;
		clone = rc < 0 ? machine_clone(src) : NULL;
		allocs_left = -1;
		ck_assert_ptr_null(clone);
		if (rc < 0 && n % 4 == 1) {   /* a failed target can be copied into again */
			ck_assert_int_eq(machine_copy(dst, src), 0);
			expect_same(src, dst);
		}
		if (rc == 0)
			expect_same(src, dst);
		machine_destroy(dst);
		ck_assert_msg(blocks_alive == before, "after %d allocations: %ld blocks leaked",
			      n, blocks_alive - before);
		failures += rc < 0;
	}
	machine_destroy(boot);
	return failures;
}

/*
 * The snapshot before each command allocates nothing when the target has
 * the machine's shape and its tasks, files and disk queue have not grown
 * since the last snapshot: every allocation would fail, and the copy
 * still goes through. A command that grows a task's page table (here past
 * its 64-entry start) makes the next copy reallocate just that array.
 */
START_TEST(copy_of_same_shape_allocates_nothing)
{
	struct machine *m = boot_preset("numa"), *snap;
	struct task *t;
	long before;
	int rc;

	compare_history(m);
	snap = machine_clone(m);
	ck_assert_ptr_nonnull(snap);
	held(m, GFP_KERNEL, 3);   /* a command that grows no array */
	before = blocks_alive;
	allocs_left = 0;   /* (Check's own assertions allocate: none in between) */
	rc = machine_copy(snap, m);
	allocs_left = -1;
	ck_assert_int_eq(rc, 0);
	ck_assert_int_eq(blocks_alive, before);
	expect_same(m, snap);

	t = new_task(m, "grows");
	fault(m, t, 65);   /* anon_cap 64, then 128 */
	allocs_left = 0;
	rc = machine_copy(snap, m);
	allocs_left = -1;
	ck_assert_int_eq(rc, -1);
	ck_assert_int_eq(machine_copy(snap, m), 0);
	expect_same(m, snap);
	machine_destroy(snap);
	machine_destroy(m);
}
END_TEST

START_TEST(copy_out_of_memory_leaves_a_destroyable_machine)
{
	struct machine *src = boot_preset("numa");

	compare_history(src);
	/*
	 * Into a tiny machine: 15 buffers of the machine, 2 nodes with 4
	 * pagesets each, and the tasks' and files' arrays: dozens of points.
	 */
	ck_assert_int_gt(copy_failing(src, false), 30);
	/* into a snapshot of the same shape: only the tasks' and files' arrays */
	ck_assert_int_gt(copy_failing(src, true), 0);
	machine_destroy(src);
}
END_TEST
#endif

/* ---- machine_bytes() ---------------------------------------------------------------------- */

/*
 * A copy takes at least its page descriptors (max_pfn of them), and more
 * as tasks and files grow; the copy takes what the original does.
 */
START_TEST(machine_bytes_counts_the_page_array)
{
	const char *presets[3] = { "tiny", "default", "numa" };
	int i;

	for (i = 0; i < 3; i++) {
		struct machine *m = boot_preset(presets[i]), *copy;
		size_t boot;

		boot = machine_bytes(m);
		ck_assert_uint_ge(boot, m->max_pfn * sizeof(struct page));
		compare_history(m);
		ck_assert_uint_gt(machine_bytes(m), boot);
		copy = machine_clone(m);
		ck_assert_ptr_nonnull(copy);
		ck_assert_uint_eq(machine_bytes(copy), machine_bytes(m));
		machine_destroy(copy);
		machine_destroy(m);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("clone");
	TCase *presets = tcase_create("presets");
	TCase *what = tcase_create("what is copied");
	TCase *copy = tcase_create("machine_copy");
	TCase *bytes = tcase_create("machine_bytes");

	tcase_set_timeout(presets, 600);
	tcase_add_test(presets, clone_of_default_behaves_alike);
	tcase_add_test(presets, clone_of_tiny_behaves_alike);
	tcase_add_test(presets, clone_of_numa_behaves_alike);
	tcase_add_test(presets, clone_with_swap_behaves_alike);
	suite_add_tcase(s, presets);
	tcase_set_timeout(what, 300);
	tcase_add_test(what, clone_has_no_subscribers);
	tcase_add_test(what, clone_pointers_lead_into_the_copy);
	tcase_add_test(what, clone_outlives_the_original);
	tcase_add_test(what, copy_inside_a_command_leaves_it_alone);
	suite_add_tcase(s, what);
	tcase_set_timeout(copy, 600);
	tcase_add_test(copy, copy_into_same_shape_reuses_buffers);
	tcase_add_test(copy, copy_back_to_an_earlier_state);
	tcase_add_test(copy, copy_into_other_shape_reallocates);
	tcase_add_test(copy, undo_and_redo_give_the_same_machine);
#ifdef FAULT_INJECTION
	tcase_add_test(copy, copy_of_same_shape_allocates_nothing);
	tcase_add_test(copy, copy_out_of_memory_leaves_a_destroyable_machine);
#endif
	suite_add_tcase(s, copy);
	tcase_set_timeout(bytes, 300);
	tcase_add_test(bytes, machine_bytes_counts_the_page_array);
	suite_add_tcase(s, bytes);
	return run_suite(s);
}
