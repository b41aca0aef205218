/*
 * tests/unit/test_oom_kill.c: the OOM killer of Linux 5.10 (section 12 of
 * the semantics reference) as src/engine/oom_kill.c models it:
 * oom_badness() (rss + swap entries + page-table pages, oom_score_adj
 * scaled by totalpages / 1000 computed first, -1000 meaning never), the
 * 0..2000 scale of /proc/PID/oom_score, the choice of a victim in task
 * creation order with ties going to the later task, what a kill frees
 * (anonymous memory and swap slots; the page cache stays), the kernel
 * messages word for word (dump_header, the task table, the oom-kill
 * summary, the kill and the oom_reaper lines), the vm.oom_dump_tasks,
 * vm.oom_kill_allocating_task and vm.panic_on_oom sysctls, what happens
 * when nobody can be killed (a panic, or "OOM request ignored" for
 * sysrq-f), the dump_header rate limit, GFP_NOFS, and a whole OOM from a
 * task faulting more memory than RAM and swap hold.
 *
 * Machine O: one Normal zone of 4096 pages, a swap device of 1024 slots,
 * one CPU. min_free_kbytes = int_sqrt(16384 * 16) = 512 kB = 128 pages:
 * min 128, low 160, high 192. totalpages = totalram_pages + total_swap_pages
 * = 4096 + 1023 (the swap header takes a slot) = 5119, so oom_score_adj
 * moves the badness by adj * (5119 / 1000) = adj * 5.
 *
 * mmsh's page tables (see oom_kill.c): per mapping (the anonymous area
 * and each file mapping) one PTE page per 512 pages and one PMD page per
 * 512 * 512, plus one PUD page: a task with up to 512 anonymous pages and
 * nothing else has 3 page-table pages (12288 bytes, 12 kB).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "mmsh/lru.h"
#include "mmsh/oom.h"
#include "mmsh/page_alloc.h"
#include "mmsh/swap.h"
#include "mmsh/trace.h"
#include "mmsh/vmscan.h"
#include "mmsh/vmstat.h"
#include "mmsh/workload.h"

#define TOTALPAGES 5119L

static struct recorder rec;
static struct klog klog;

/* ---- machines, tasks, messages ----------------------------------------------- */

static struct machine *boot_o(void)
{
	struct machine *m = boot_swap(4096, 1024, 1);
	struct zone *z = ZONE(m, 0, ZONE_NORMAL);

	ck_assert_uint_eq(min_wmark_pages(z), 128);
	ck_assert_uint_eq(high_wmark_pages(z), 192);
	ck_assert_uint_eq(m->totalram_pages + m->swap.pages, TOTALPAGES);
	return m;
}

/* n anonymous pages, drained onto the LRU: every page is where reclaim looks. */
static void fault_lru(struct machine *m, struct task *t, unsigned long n)
{
	fault(m, t, n);
	lru_add_drain_all(m);
}

/* out_of_memory() for an allocation of this mask and order. */
static bool oom(struct machine *m, gfp_t gfp, int order, struct oom_control *oc)
{
	*oc = (struct oom_control){ .gfp_mask = gfp, .order = order };
	return out_of_memory(m, oc);
}

#define expect_log(text) ck_assert_msg(find_log(&klog, text) >= 0, "no kernel message \"%s\"", text)

/* Swap some of t's pages out: direct reclaim until t has `want` swap entries. */
static void swap_out(struct machine *m, struct task *t, unsigned long want)
{
	int i;

	for (i = 0; i < 50 && t->swapents < want; i++) {
		try_to_free_pages(m, node_zonelist(m, 0, GFP_KERNEL), 0, GFP_KERNEL);
		tick(m, m->disk.latency + 1);
	}
	ck_assert_uint_ge(t->swapents, want);
}

/* ---- oom_badness and oom_score --------------------------------------------------- */

/*
 * points = rss (anon + file) + swap entries + page-table pages:
 * 600 anonymous pages need 2 PTE pages, 1 PMD, 1 PUD: 604. A task with
 * no memory has 0 (and no page tables). 10 anonymous pages and a 100-page
 * file mapping: 110 + (1 + 1) + (1 + 1) + 1 = 115.
 */
START_TEST(badness_is_rss_swap_entries_and_page_tables)
{
	struct machine *m = boot_o();
	struct task *a = new_task(m, "a"), *b = new_task(m, "b");
	struct task *c = new_task(m, "c");
	struct mm_error e;
	int f;

	fault_lru(m, a, 600);
	ck_assert_int_eq(oom_badness(m, a, TOTALPAGES), 604);
	ck_assert_int_eq(oom_badness(m, b, TOTALPAGES), 0);
	fault_lru(m, c, 10);
	f = file_get(m, "lib", &e);
	ck_assert_int_ge(f, 0);
	ck_assert_int_eq(fault_file(m, c, f, 0, 100, false, &e), 100);
	ck_assert_uint_eq(c->rss_file, 100);
	ck_assert_int_eq(oom_badness(m, c, TOTALPAGES), 115);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * Swapping a page out moves it from rss to swapents: the badness does not
 * change. (Direct reclaim of an anon-only LRU writes pages to swap; once
 * unmapped, a page's pte holds the swap entry.)
 */
START_TEST(swapped_pages_still_count)
{
	struct machine *m = boot_o();
	struct task *a = new_task(m, "a");

	fault_lru(m, a, 600);
	swap_out(m, a, 32);
	ck_assert_uint_lt(a->rss_anon, 600);
	ck_assert_uint_eq(a->rss_anon + a->swapents, 600);
	ck_assert_int_eq(oom_badness(m, a, TOTALPAGES), 604);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * adj *= totalpages / 1000 with the division first: 5119 / 1000 = 5, so
 * adj 500 adds 2500 (not 500 * 5119 / 1000 = 2559); adj -300 subtracts
 * 1500 and the badness goes negative (604 - 1500 = -896); adj 1000 adds
 * 5000. oom_score_adj -1000 means "never": LONG_MIN, however big.
 */
START_TEST(badness_adj_scaled_by_totalpages_over_1000)
{
	struct machine *m = boot_o();
	struct task *a = new_task_adj(m, "a", 500), *b = new_task_adj(m, "b", -300);
	struct task *c = new_task_adj(m, "c", 1000), *d = new_task_adj(m, "d", OOM_SCORE_ADJ_MIN);

	fault_lru(m, a, 600);
	fault_lru(m, b, 600);
	fault_lru(m, c, 600);
	fault_lru(m, d, 1200);
	ck_assert_int_eq(oom_badness(m, a, TOTALPAGES), 604 + 2500);
	ck_assert_int_eq(oom_badness(m, b, TOTALPAGES), 604 - 1500);
	ck_assert_int_eq(oom_badness(m, c, TOTALPAGES), 604 + 5000);
	ck_assert(oom_badness(m, d, TOTALPAGES) == LONG_MIN);
	/* with 999 total pages the factor is 0: adj has no effect at all */
	ck_assert_int_eq(oom_badness(m, a, 999), 604);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * /proc/PID/oom_score = (1000 + badness * 1000 / totalpages) * 2 / 3:
 *  no memory: 1000 * 2 / 3 = 666; 604: 604000 / 5119 = 117, 1117 * 2/3 =
 *  744; 604 + 5000: 5604000 / 5119 = 1094, 2094 * 2 / 3 = 1396;
 *  -896: -896000 / 5119 = -175 (division truncates toward zero),
 *  825 * 2 / 3 = 550; adj -1000: 0.
 */
START_TEST(oom_score_scale)
{
	struct machine *m = boot_o();
	struct task *none = new_task(m, "none"), *a = new_task(m, "a");
	struct task *c = new_task_adj(m, "c", 1000), *b = new_task_adj(m, "b", -300);
	struct task *d = new_task_adj(m, "d", OOM_SCORE_ADJ_MIN);

	fault_lru(m, a, 600);
	fault_lru(m, b, 600);
	fault_lru(m, c, 600);
	fault_lru(m, d, 600);
	ck_assert_int_eq(oom_score(m, none), 666);
	ck_assert_int_eq(oom_score(m, a), 744);
	ck_assert_int_eq(oom_score(m, c), 1396);
	ck_assert_int_eq(oom_score(m, b), 550);
	ck_assert_int_eq(oom_score(m, d), 0);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- choosing the victim --------------------------------------------------------- */

/*
 * Tasks are evaluated in creation (pid) order and a task replaces the
 * current choice when its points are >= the chosen ones: with a and b at
 * 100 pages each (103 points) b, created later, is killed. Then d (again
 * 103), created after a but placed in b's freed slot of the task table, is
 * killed before a: the order is the pids', not the table's.
 */
START_TEST(ties_go_to_the_later_task)
{
	struct machine *m = boot_o();
	struct task *a = new_task(m, "a"), *b = new_task(m, "b");
	struct task *c = new_task(m, "c"), *d;
	struct oom_control oc;

	fault_lru(m, a, 100);
	fault_lru(m, b, 100);
	fault_lru(m, c, 50);
	ck_assert(oom_sysrq(m, &oc));
	ck_assert_ptr_eq(oc.chosen, b);
	ck_assert_int_eq(oc.chosen_points, 103);
	ck_assert_ptr_null(task_find(m, "b"));
	d = new_task(m, "d");
	ck_assert_ptr_eq(d, b);   /* the same slot */
	ck_assert_int_gt(d->pid, c->pid);
	fault_lru(m, d, 100);
	ck_assert(oom_sysrq(m, &oc));
	ck_assert_ptr_null(task_find(m, "d"));
	ck_assert_ptr_eq(task_find(m, "a"), a);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * Only badness counts, adj included: big (600 pages, adj -300: -896)
 * loses to small (10 pages: 13); a task with adj -1000 is never chosen
 * however big; an empty task (0 points) is still eligible and beats one
 * with negative points.
 */
START_TEST(choice_follows_badness_with_adj)
{
	struct machine *m = boot_o();
	struct task *big = new_task_adj(m, "big", -300), *small = new_task(m, "small");
	struct task *huge = new_task_adj(m, "huge", OOM_SCORE_ADJ_MIN), *empty;
	struct oom_control oc;

	fault_lru(m, big, 600);
	fault_lru(m, small, 10);
	fault_lru(m, huge, 2000);
	ck_assert(oom_sysrq(m, &oc));
	ck_assert_ptr_eq(oc.chosen, small);
	ck_assert_int_eq(oc.chosen_points, 13);
	empty = new_task(m, "empty");
	ck_assert(oom_sysrq(m, &oc));
	ck_assert_ptr_eq(oc.chosen, empty);
	ck_assert_int_eq(oc.chosen_points, 0);
	ck_assert(oom_sysrq(m, &oc));
	ck_assert_ptr_eq(oc.chosen, big);
	ck_assert_int_eq(oc.chosen_points, -896);
	ck_assert_ptr_eq(task_find(m, "huge"), huge);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- the kill ------------------------------------------------------------------------ */

/*
 * The victim exits: its anonymous pages go back to the free lists, its
 * swap entries free their slots, its file mapping is dropped but the
 * file's pages stay in the page cache (unmapped, still on the LRU).
 * oom_kill counts the kill; mark_victim traces the pid.
 */
START_TEST(kill_frees_anon_and_swap_but_keeps_the_page_cache)
{
	struct machine *m = boot_o();
	struct task *v = new_task(m, "v"), *w = new_task(m, "w");
	struct oom_control oc;
	struct mm_error e;
	unsigned long slots, cached, file_lru;
	long free_before;
	int f;

	fault_lru(m, v, 600);
	swap_out(m, v, 32);
	f = file_get(m, "lib", &e);
	ck_assert_int_ge(f, 0);
	ck_assert_int_eq(fault_file(m, v, f, 0, 50, false, &e), 50);
	fault_lru(m, w, 20);
	lru_add_drain_all(m);
	tick(m, m->disk.latency + 1);   /* no write still in flight */
	slots = m->swap.inuse;
	cached = m->files[f].nrpages;
	ck_assert_uint_eq(cached, 50);
	file_lru = (unsigned long)(node_stat(m, NR_ACTIVE_FILE) +
				   node_stat(m, NR_INACTIVE_FILE));
	free_before = nr_free(m);
	record_only(m, &rec, EV(TRACE_MARK_VICTIM));
	ck_assert(oom_sysrq(m, &oc));
	ck_assert_ptr_eq(oc.chosen, v);
	ck_assert_ptr_null(task_find(m, "v"));
	ck_assert_ptr_eq(task_find(m, "w"), w);
	ck_assert_uint_eq(m->vm_events[OOM_KILL], 1);
	/* every slot was the victim's (w faulted after the swap-out) */
	ck_assert_uint_ge(slots, 32);
	ck_assert_uint_eq(w->swapents, 0);
	ck_assert_uint_eq(m->swap.inuse, 0);
	ck_assert_uint_eq(m->files[f].nrpages, cached);
	ck_assert_uint_eq((unsigned long)(node_stat(m, NR_ACTIVE_FILE) +
					  node_stat(m, NR_INACTIVE_FILE)), file_lru);
	ck_assert_int_gt(nr_free(m), free_before);
	ck_assert_uint_eq(rec.n, 1);
	ck_assert_int_eq(rec.ev[0].id, TRACE_MARK_VICTIM);
	{
		struct strbuf sb = STRBUF_INIT;

		trace_format(&rec.ev[0], &sb);
		ck_assert_ptr_nonnull(strstr(sb_str(&sb), "mark_victim: pid=1001"));
		sb_free(&sb);
	}
	assert_consistent(m);
	stop_recording(m);
	machine_destroy(m);
}
END_TEST

/* ---- the report ------------------------------------------------------------------- */

/*
 * hog (pid 1001, 300 pages), sshd (1002, 10 pages, adj -1000) and small
 * (1003, 20 anonymous pages and 8 of a mapped file, adj 100). The shell
 * (comm mmsh, pid 1000, no task) calls out_of_memory() for GFP_KERNEL
 * order 0. Badness: hog 300 + 3 = 303, sshd never, small 28 + 5 page-table
 * pages + 100 * 5 = 533: small is killed. The report, in order:
 * dump_header's first line, (stack, show_mem), the task table with every
 * task in pid order (sshd too: dump_tasks() lists unkillable tasks), the
 * one-line summary, the kill, and the oom_reaper's line (the private
 * mappings are unmapped: nothing left).
 */
START_TEST(report_lines)
{
	struct machine *m = boot_o();
	struct task *hog = new_task(m, "hog"), *sshd = new_task_adj(m, "sshd", OOM_SCORE_ADJ_MIN);
	struct task *small = new_task_adj(m, "small", 100);
	struct oom_control oc;
	struct mm_error e;
	int f, head, tab, sum, kill;

	fault_lru(m, hog, 300);
	fault_lru(m, sshd, 10);
	fault_lru(m, small, 20);
	f = file_get(m, "lib", &e);
	ck_assert_int_eq(fault_file(m, small, f, 0, 8, false, &e), 8);
	lru_add_drain_all(m);
	record_log(m, &klog);
	ck_assert(oom(m, GFP_KERNEL, 0, &oc));
	ck_assert_ptr_eq(oc.chosen, small);
	ck_assert_int_eq(oc.chosen_points, 533);
	ck_assert_ptr_eq(task_find(m, "hog"), hog);
	ck_assert_ptr_null(task_find(m, "small"));

	ck_assert_str_eq(klog.line[0],
			 "mmsh invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0");
	head = find_log(&klog, "Tasks state (memory values in pages):");
	ck_assert_int_gt(head, 0);
	ck_assert_str_eq(klog.line[head + 1],
			 "[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name");
	tab = head + 2;
	ck_assert_str_eq(klog.line[tab],
			 "[   1001]  1000  1001      300      300    12288        0             0 hog");
	ck_assert_str_eq(klog.line[tab + 1],
			 "[   1002]  1000  1002       10       10    12288        0         -1000 sshd");
	ck_assert_str_eq(klog.line[tab + 2],
			 "[   1003]  1000  1003       28       28    20480        0           100 small");
	sum = tab + 3;
	ck_assert_str_eq(klog.line[sum],
			 "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,task=small,pid=1003,uid=1000");
	kill = sum + 1;
	ck_assert_str_eq(klog.line[kill],
			 "Out of memory: Killed process 1003 (small) total-vm:112kB, anon-rss:80kB, file-rss:32kB, shmem-rss:0kB, UID:1000 pgtables:20kB oom_score_adj:100");
	ck_assert_str_eq(klog.line[kill + 1],
			 "oom_reaper: reaped process 1003 (small), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB");
	ck_assert_int_eq(klog.n, kill + 2);
	/* show_mem() comes between the header and the table */
	ck_assert_int_lt(find_log(&klog, "Mem-Info:"), head);
	printk_subscribe(m, NULL, NULL);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* vm.oom_dump_tasks = 0: no task table; the summary line stays. */
START_TEST(oom_dump_tasks_off_drops_the_table)
{
	struct machine *m = boot_o();
	struct task *hog = new_task(m, "hog");
	struct oom_control oc;

	fault_lru(m, hog, 300);
	m->sysctl_oom_dump_tasks = 0;
	record_log(m, &klog);
	ck_assert(oom(m, GFP_KERNEL, 0, &oc));
	ck_assert_int_eq(find_log(&klog, "Tasks state (memory values in pages):"), -1);
	ck_assert_int_eq(count_log(&klog, "[   1001]"), 0);
	expect_log("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,task=hog,pid=1001,uid=1000");
	expect_log("Out of memory: Killed process 1001 (hog) total-vm:1200kB, anon-rss:1200kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:12kB oom_score_adj:0");
	printk_subscribe(m, NULL, NULL);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * sysrq-f (the `oom` command): a kworker calls the OOM killer with
 * GFP_KERNEL and order -1.
 */
START_TEST(sysrq_report_header)
{
	struct machine *m = boot_o();
	struct task *hog = new_task(m, "hog");
	struct oom_control oc;

	fault_lru(m, hog, 300);
	record_log(m, &klog);
	ck_assert(oom_sysrq(m, &oc));
	ck_assert_str_eq(klog.line[0],
			 "kworker/0:1 invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=-1, oom_score_adj=0");
	expect_log("Out of memory: Killed process 1001 (hog) total-vm:1200kB, anon-rss:1200kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:12kB oom_score_adj:0");
	/* the caller's context is back */
	ck_assert_str_eq(m->current.comm, "mmsh");
	ck_assert_int_eq(m->current.pid, 1000);
	printk_subscribe(m, NULL, NULL);
	machine_destroy(m);
}
END_TEST

/*
 * The oom_reaper leaves VM_LOCKED mappings alone (exit_mmap() frees them
 * when the victim exits): an mlocked victim is reported with its
 * anonymous rss still there (100 pages = 400 kB); its pages are freed
 * all the same (those a per-CPU LRU pagevec still holds once it drains).
 */
START_TEST(reaper_skips_mlocked_memory)
{
	struct machine *m = boot_o();
	struct task *t = new_task(m, "locked");
	struct oom_control oc;
	struct mm_error e;
	long before;

	fault_lru(m, t, 100);
	ck_assert_int_eq(mlock_task(m, t, true, &e), 0);
	before = nr_free(m);
	record_log(m, &klog);
	ck_assert(oom_sysrq(m, &oc));
	expect_log("oom_reaper: reaped process 1001 (locked), now anon-rss:400kB, file-rss:0kB, shmem-rss:0kB");
	lru_add_drain_all(m);
	ck_assert_int_eq(nr_free(m), before + 100);
	printk_subscribe(m, NULL, NULL);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- sysctls ---------------------------------------------------------------------------- */

/*
 * vm.oom_kill_allocating_task = 1: the allocating task is killed, however
 * small, with its own message; unless it may not be (oom_score_adj
 * -1000): then the usual choice.
 */
START_TEST(oom_kill_allocating_task)
{
	struct machine *m = boot_o();
	struct task *hog = new_task(m, "hog"), *small = new_task(m, "small");
	struct task *sshd = new_task_adj(m, "sshd", OOM_SCORE_ADJ_MIN);
	struct oom_control oc;
	struct as_saved saved;

	fault_lru(m, hog, 300);
	fault_lru(m, small, 20);
	fault_lru(m, sshd, 5);
	m->sysctl_oom_kill_allocating_task = 1;
	record_log(m, &klog);
	as_task(m, small, &saved);
	ck_assert(oom(m, GFP_HIGHUSER_MOVABLE, 0, &oc));
	ck_assert_ptr_eq(oc.chosen, small);
	ck_assert(m->current_oom_victim);
	as_before(m, &saved);
	ck_assert_str_eq(klog.line[0],
			 "small invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0");
	expect_log("Out of memory (oom_kill_allocating_task): Killed process 1002 (small) total-vm:80kB, anon-rss:80kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:12kB oom_score_adj:0");
	ck_assert_ptr_eq(task_find(m, "hog"), hog);

	as_task(m, sshd, &saved);
	ck_assert(oom(m, GFP_HIGHUSER_MOVABLE, 0, &oc));
	ck_assert_ptr_eq(oc.chosen, hog);
	ck_assert(!m->current_oom_victim);
	as_before(m, &saved);
	expect_log("Out of memory: Killed process 1001 (hog) total-vm:1200kB, anon-rss:1200kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:12kB oom_score_adj:0");
	ck_assert_uint_eq(m->vm_events[OOM_KILL], 2);
	printk_subscribe(m, NULL, NULL);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * vm.panic_on_oom = 1: dump_header() without a victim (no summary line),
 * then panic; nobody is killed and out_of_memory() does not come back
 * with progress. = 2 says "compulsory". sysrq-f never panics for it.
 */
START_TEST(panic_on_oom)
{
	struct machine *m = boot_o();
	struct task *hog = new_task(m, "hog");
	struct oom_control oc;
	int at;

	fault_lru(m, hog, 300);
	m->sysctl_panic_on_oom = 2;
	record_log(m, &klog);
	ck_assert(oom_sysrq(m, &oc));
	ck_assert(!m->panicked);
	ck_assert_ptr_null(task_find(m, "hog"));

	hog = new_task(m, "hog2");
	fault_lru(m, hog, 300);
	m->sysctl_panic_on_oom = 1;
	record_log(m, &klog);
	ck_assert(!oom(m, GFP_KERNEL, 0, &oc));
	ck_assert(m->panicked);
	ck_assert_ptr_null(oc.chosen);
	ck_assert_ptr_eq(task_find(m, "hog2"), hog);
	ck_assert_uint_eq(m->vm_events[OOM_KILL], 1);
	ck_assert_str_eq(klog.line[0],
			 "mmsh invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0");
	ck_assert_int_ge(find_log(&klog, "Tasks state (memory values in pages):"), 0);
	ck_assert_int_eq(count_log(&klog, "oom-kill:"), 0);
	at = find_log(&klog, "Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled");
	ck_assert_int_gt(at, 0);
	ck_assert_str_eq(klog.line[at + 1],
			 "---[ end Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled ]---");
	printk_subscribe(m, NULL, NULL);
	machine_destroy(m);

	m = boot_o();
	hog = new_task(m, "hog");
	fault_lru(m, hog, 300);
	m->sysctl_panic_on_oom = 2;
	record_log(m, &klog);
	ck_assert(!oom(m, GFP_KERNEL, 0, &oc));
	ck_assert(m->panicked);
	expect_log("Kernel panic - not syncing: Out of memory: compulsory panic_on_oom is enabled");
	printk_subscribe(m, NULL, NULL);
	machine_destroy(m);
}
END_TEST

/* ---- nobody to kill ------------------------------------------------------------------- */

/*
 * Only a task with oom_score_adj -1000: sysrq-f reports the header,
 * "Out of memory and no killable processes..." and then moom_callback's
 * "OOM request ignored. No task eligible"; no panic. For an allocation
 * the kernel cannot go on: panic("System is deadlocked on memory").
 */
START_TEST(no_killable_task)
{
	struct machine *m = boot_o();
	struct task *sshd = new_task_adj(m, "sshd", OOM_SCORE_ADJ_MIN);
	struct oom_control oc;
	int at;

	fault_lru(m, sshd, 50);
	record_log(m, &klog);
	ck_assert(!oom_sysrq(m, &oc));
	ck_assert(!m->panicked);
	ck_assert_str_eq(klog.line[0],
			 "kworker/0:1 invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=-1, oom_score_adj=0");
	at = find_log(&klog, "Out of memory and no killable processes...");
	ck_assert_int_gt(at, 0);
	ck_assert_str_eq(klog.line[at + 1], "OOM request ignored. No task eligible");
	ck_assert_int_eq(klog.n, at + 2);
	ck_assert_int_eq(count_log(&klog, "oom-kill:"), 0);

	record_log(m, &klog);
	ck_assert(!oom(m, GFP_KERNEL, 0, &oc));
	ck_assert(m->panicked);
	at = find_log(&klog, "Out of memory and no killable processes...");
	ck_assert_int_gt(at, 0);
	ck_assert_str_eq(klog.line[at + 1], "Kernel panic - not syncing: System is deadlocked on memory");
	ck_assert_str_eq(klog.line[at + 2],
			 "---[ end Kernel panic - not syncing: System is deadlocked on memory ]---");
	ck_assert_ptr_eq(task_find(m, "sshd"), sshd);
	printk_subscribe(m, NULL, NULL);
	machine_destroy(m);
}
END_TEST

/*
 * GFP_NOFS and GFP_NOIO requests may not kill (the OOM killer does not
 * compensate for IO-less reclaim): out_of_memory() returns progress and
 * does nothing else, not even the report. A request with no gfp mask at
 * all (the page fault path's) does kill.
 */
START_TEST(nofs_and_noio_report_progress_without_a_kill)
{
	struct machine *m = boot_o();
	struct task *hog = new_task(m, "hog");
	struct oom_control oc;

	fault_lru(m, hog, 300);
	record_log(m, &klog);
	ck_assert(oom(m, GFP_NOFS, 0, &oc));
	ck_assert_ptr_null(oc.chosen);
	ck_assert(oom(m, GFP_NOIO, 0, &oc));
	ck_assert_ptr_null(oc.chosen);
	ck_assert_int_eq(klog.n, 0);
	ck_assert_ptr_eq(task_find(m, "hog"), hog);
	ck_assert_uint_eq(m->vm_events[OOM_KILL], 0);
	ck_assert(oom(m, 0, 0, &oc));
	ck_assert_ptr_eq(oc.chosen, hog);
	ck_assert_ptr_null(task_find(m, "hog"));
	printk_subscribe(m, NULL, NULL);
	assert_consistent(m);
	/*
	 * last: the kernel's vsprintf prints %#x of 0 as "0x0" (glibc's
	 * printf prints "0"), and %pGg of an empty mask as nothing
	 */
	ck_assert_str_eq(klog.line[0], "mmsh invoked oom-killer: gfp_mask=0x0(), order=0, oom_score_adj=0");
	machine_destroy(m);
}
END_TEST

/* ---- the rate limit ---------------------------------------------------------------------- */

/*
 * oom_kill_process() rate-limits dump_header() with
 * DEFINE_RATELIMIT_STATE(oom_rs, DEFAULT_RATELIMIT_INTERVAL = 5 * HZ,
 * DEFAULT_RATELIMIT_BURST = 10): eleven kills at the same moment give ten
 * reports and eleven kill lines. ___ratelimit() starts a new window only
 * once jiffies is *after* begin + interval (time_is_before_jiffies): at
 * begin + 1250 the twelfth kill is still silent; at begin + 1251 the
 * window restarts, "oom_kill_process: 2 callbacks suppressed" is printed
 * first, and the thirteenth kill is reported again.
 */
START_TEST(dump_header_rate_limit)
{
	struct machine *m = boot_o();
	struct oom_control oc;
	unsigned long begin;
	char name[16];
	int i, sup;

	for (i = 0; i < 13; i++) {
		snprintf(name, sizeof(name), "t%d", i);
		fault_lru(m, new_task(m, name), 10);
	}
	tick(m, 10);
	record_log(m, &klog);
	begin = m->jiffies;
	for (i = 0; i < 11; i++)
		ck_assert(oom_sysrq(m, &oc));
	ck_assert_uint_eq(m->jiffies, begin);
	ck_assert_int_eq(count_log(&klog, "invoked oom-killer"), 10);
	ck_assert_int_eq(count_log(&klog, "Out of memory: Killed process"), 11);
	ck_assert_int_eq(count_log(&klog, "oom-kill:constraint"), 10);

	tick(m, 5 * HZ);
	ck_assert_uint_eq(m->jiffies, begin + 5 * HZ);
	ck_assert(oom_sysrq(m, &oc));
	ck_assert_int_eq(count_log(&klog, "Out of memory: Killed process"), 12);
	ck_assert_int_eq(count_log(&klog, "invoked oom-killer"), 10);

	tick(m, 1);
	ck_assert(oom_sysrq(m, &oc));
	ck_assert_int_eq(count_log(&klog, "Out of memory: Killed process"), 13);
	ck_assert_int_eq(count_log(&klog, "invoked oom-killer"), 11);
	sup = find_log(&klog, "oom_kill_process: 2 callbacks suppressed");
	ck_assert_int_ge(sup, 0);
	ck_assert_ptr_nonnull(strstr(klog.line[sup + 1], "invoked oom-killer"));
	printk_subscribe(m, NULL, NULL);
	machine_destroy(m);
}
END_TEST

/* ---- more of the report and the kill ------------------------------------------------ */

/*
 * The task table shows rss and swap entries apart: a task of 600 pages,
 * some swapped out, has rss + swapents = 600 and 4 page-table pages
 * (16384 bytes); its badness (and the kill line's anon-rss) follow.
 */
START_TEST(task_table_shows_swap_entries)
{
	struct machine *m = boot_o();
	struct task *a = new_task(m, "a");
	struct oom_control oc;
	char want[200];

	fault_lru(m, a, 600);
	swap_out(m, a, 32);
	tick(m, m->disk.latency + 1);
	ck_assert_uint_eq(a->rss_anon + a->swapents, 600);
	snprintf(want, sizeof(want), "[   1001]  1000  1001      600 %8lu    16384 %8lu             0 a",
		 a->rss_anon, a->swapents);
	record_log(m, &klog);
	ck_assert(oom_sysrq(m, &oc));
	ck_assert_int_eq(oc.chosen_points, 604);
	expect_log(want);
	printk_subscribe(m, NULL, NULL);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * The table lists tasks in pid order, whatever their place in the task
 * table: after b (1002) is killed, d (1004) takes its slot but comes last.
 */
START_TEST(task_table_in_pid_order)
{
	struct machine *m = boot_o();
	struct task *a = new_task(m, "a"), *b = new_task(m, "b"), *c = new_task(m, "c");
	struct oom_control oc;
	int i;

	fault_lru(m, a, 10);
	fault_lru(m, b, 100);
	fault_lru(m, c, 20);
	ck_assert(oom_sysrq(m, &oc));
	ck_assert_ptr_eq(oc.chosen, b);
	ck_assert_ptr_eq(new_task(m, "d"), b);
	fault_lru(m, b, 30);   /* d now */
	record_log(m, &klog);
	ck_assert(oom_sysrq(m, &oc));
	i = find_log(&klog, "[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name");
	ck_assert_int_gt(i, 0);
	ck_assert_ptr_nonnull(strstr(klog.line[i + 1], " a"));
	ck_assert_ptr_nonnull(strstr(klog.line[i + 1], "[   1001]"));
	ck_assert_ptr_nonnull(strstr(klog.line[i + 2], "[   1003]"));
	ck_assert_ptr_nonnull(strstr(klog.line[i + 3], "[   1004]"));
	ck_assert_str_eq(klog.line[i + 4],
			 "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,task=d,pid=1004,uid=1000");
	printk_subscribe(m, NULL, NULL);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* A request for order 3 with __GFP_COMP, as the header prints it. */
START_TEST(header_shows_the_request)
{
	struct machine *m = boot_o();
	struct task *a = new_task(m, "a");
	struct oom_control oc;

	fault_lru(m, a, 10);
	record_log(m, &klog);
	ck_assert(oom(m, GFP_KERNEL | GFP__COMP, 3, &oc));
	ck_assert_str_eq(klog.line[0],
			 "mmsh invoked oom-killer: gfp_mask=0x40cc0(GFP_KERNEL|__GFP_COMP), order=3, oom_score_adj=0");
	printk_subscribe(m, NULL, NULL);
	machine_destroy(m);
}
END_TEST

/* Two nodes: the summary's mems_allowed is the node list "0-1". */
START_TEST(summary_names_every_node)
{
	struct machine *m = boot_preset("numa");
	struct task *a = new_task(m, "a");
	struct oom_control oc;

	fault_lru(m, a, 10);
	record_log(m, &klog);
	ck_assert(oom_sysrq(m, &oc));
	expect_log("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0-1,task=a,pid=1001,uid=1000");
	printk_subscribe(m, NULL, NULL);
	machine_destroy(m);
}
END_TEST

/*
 * Each kill counts oom_kill and traces mark_victim with the victim's pid,
 * biggest first.
 */
START_TEST(every_kill_counts_and_marks_its_victim)
{
	struct machine *m = boot_o();
	struct task *a = new_task(m, "a"), *b = new_task(m, "b"), *c = new_task(m, "c");
	struct oom_control oc;
	int i;

	fault_lru(m, a, 30);
	fault_lru(m, b, 10);
	fault_lru(m, c, 20);
	record_only(m, &rec, EV(TRACE_MARK_VICTIM));
	for (i = 0; i < 3; i++)
		ck_assert(oom_sysrq(m, &oc));
	ck_assert_uint_eq(m->vm_events[OOM_KILL], 3);
	ck_assert_uint_eq(rec.n, 3);
	ck_assert_int_eq(rec.ev[0].pid_arg, 1001);
	ck_assert_int_eq(rec.ev[1].pid_arg, 1003);
	ck_assert_int_eq(rec.ev[2].pid_arg, 1002);
	/* nobody left */
	ck_assert(!oom_sysrq(m, &oc));
	ck_assert_uint_eq(m->vm_events[OOM_KILL], 3);
	stop_recording(m);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * A victim's file pages that another task also maps stay mapped by that
 * task (mapcount 1) and in the page cache.
 */
START_TEST(shared_file_pages_stay_mapped_by_the_survivor)
{
	struct machine *m = boot_o();
	struct task *v = new_task(m, "v"), *w = new_task(m, "w");
	struct oom_control oc;
	struct mm_error e;
	unsigned long off;
	int f;

	f = file_get(m, "lib", &e);
	ck_assert_int_eq(fault_file(m, v, f, 0, 40, false, &e), 40);
	fault_lru(m, v, 100);
	ck_assert_int_eq(fault_file(m, w, f, 0, 40, false, &e), 40);
	lru_add_drain_all(m);
	ck_assert(oom_sysrq(m, &oc));
	ck_assert_ptr_eq(oc.chosen, v);
	ck_assert_uint_eq(m->files[f].nrpages, 40);
	ck_assert_uint_eq(w->rss_file, 40);
	for (off = 0; off < 40; off++) {
		struct page *page = &m->mem_map[m->files[f].slot[off] & PTE_VALUE];

		ck_assert_int_eq(page_mapcount(page), 1);
	}
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * sysrq-f runs in a kworker, which has no memory to give: even with
 * vm.oom_kill_allocating_task set, the usual choice is made.
 */
START_TEST(sysrq_ignores_oom_kill_allocating_task)
{
	struct machine *m = boot_o();
	struct task *hog = new_task(m, "hog"), *small = new_task(m, "small");
	struct oom_control oc;

	fault_lru(m, hog, 300);
	fault_lru(m, small, 20);
	m->sysctl_oom_kill_allocating_task = 1;
	record_log(m, &klog);
	ck_assert(oom_sysrq(m, &oc));
	ck_assert_ptr_eq(oc.chosen, hog);
	ck_assert_int_eq(count_log(&klog, "Out of memory: Killed process 1001 (hog)"), 1);
	ck_assert_int_eq(count_log(&klog, "oom_kill_allocating_task"), 0);
	ck_assert_ptr_eq(task_find(m, "small"), small);
	printk_subscribe(m, NULL, NULL);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/*
 * Machine O without its swap (boot_shape: totalpages 4096, adj factor
 * 4096 / 1000 = 4), so that anonymous memory cannot be reclaimed. A
 * faulting task with oom_score_adj 300 (10 pages: 10 + 3 + 1200 = 1213
 * points) beats hog (300 + 3) and is killed by its own fault: the header
 * names it with its adj and the fault's gfp mask.
 */
START_TEST(adj_makes_the_faulting_task_the_victim)
{
	struct machine *m = boot_shape(0, 0, 4096, 0, 11, 9, 1);
	struct task *hog = new_task(m, "hog"), *t = new_task_adj(m, "t", 300);
	struct mm_error e;
	long pfn;

	fault_lru(m, hog, 300);
	fault_lru(m, t, 10);
	/* everything else held, down to the min mark, nothing reclaimable */
	while (nr_free(m) > (long)min_wmark_pages(ZONE(m, 0, ZONE_NORMAL))) {
		pfn = mmsh_alloc(m, (GFP_HIGHUSER_MOVABLE & ~GFP__RECLAIM) | GFP__MEMALLOC, 0,
				 NUMA_NO_NODE, NULL);
		ck_assert_int_ge(pfn, 0);
	}
	record_log(m, &klog);
	ck_assert_int_eq(fault_anon(m, t, 1, &e), 0);
	ck_assert_str_eq(e.msg, "the task was killed by the OOM killer");
	ck_assert_ptr_null(task_find(m, "t"));
	ck_assert_ptr_eq(task_find(m, "hog"), hog);
	ck_assert_str_eq(klog.line[0],
			 "t invoked oom-killer: gfp_mask=0x100dca(GFP_HIGHUSER_MOVABLE|__GFP_ZERO), order=0, oom_score_adj=300");
	expect_log("Out of memory: Killed process 1002 (t) total-vm:44kB, anon-rss:40kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:12kB oom_score_adj:300");
	printk_subscribe(m, NULL, NULL);
	assert_consistent(m);
	machine_destroy(m);
}
END_TEST

/* ---- a whole OOM ------------------------------------------------------------------------ */

/*
 * Machine: Normal 2048 pages, 512 swap slots. small faults 50 pages, then
 * big tries to fault 3000 -- more than RAM and swap together. Reclaim
 * swaps (kswapd, then direct reclaim) until every swap slot is taken;
 * from then on zone_reclaimable_pages() no longer counts anonymous pages
 * (no free swap), even those still being written to swap, so
 * should_reclaim_retry() gives up and the OOM killer chooses the biggest
 * task: big, the one faulting (it stops: "killed by the OOM killer"); the
 * report's show_mem() says "Free swap  = 0kB". Everything big held is
 * free again, small is untouched, and check() finds the machine
 * consistent; a new task can use the memory.
 */
START_TEST(task_faulting_more_than_ram_and_swap_is_killed)
{
	struct machine *m = boot_swap(2048, 512, 1);
	struct task *small = new_task(m, "small"), *big = new_task(m, "big"), *next;
	struct mm_error e;
	unsigned long refs = 0, i;
	long done;

	fault_lru(m, small, 50);
	record_log(m, &klog);
	done = fault_anon(m, big, 3000, &e);
	ck_assert_int_lt(done, 3000);
	ck_assert_int_gt(done, 1024);
	ck_assert_int_eq(count_log(&klog, "Free swap  = 0kB"), 1);
	ck_assert_str_eq(e.msg, "the task was killed by the OOM killer");
	ck_assert_ptr_null(task_find(m, "big"));
	ck_assert_ptr_eq(task_find(m, "small"), small);
	ck_assert_uint_eq(small->rss_anon + small->swapents, 50);
	ck_assert_uint_eq(m->vm_events[OOM_KILL], 1);
	ck_assert_int_eq(count_log(&klog, "Out of memory: Killed process 1002 (big)"), 1);
	ck_assert_int_eq(count_log(&klog, "big invoked oom-killer: gfp_mask=0x100dca(GFP_HIGHUSER_MOVABLE|__GFP_ZERO), order=0"), 1);
	/*
	 * big's swap entries are gone: the only pte references left on swap
	 * slots are small's (all 50 of its pages were swapped out). Slots whose page was still being written keep
	 * their swap cache page (SWAP_HAS_CACHE) until reclaim frees it, as in
	 * free_swap_and_cache(): try_to_free_swap() refuses a page under
	 * writeback.
	 */
	ck_assert_uint_eq(m->swap.map[0], SWAP_MAP_BAD);   /* the header slot */
	for (i = 1; i < m->swap.nr_slots; i++)
		refs += m->swap.map[i] & SWAP_MAP_MAX;
	ck_assert_uint_eq(refs, small->swapents);
	ck_assert(!m->panicked);
	assert_consistent(m);
	tick(m, HZ);
	assert_consistent(m);
	next = new_task(m, "next");
	fault_lru(m, next, 1000);
	assert_consistent(m);
	printk_subscribe(m, NULL, NULL);
	machine_destroy(m);
}
END_TEST

static Suite *oom_suite(void)
{
	Suite *s = suite_create("oom_kill");
	TCase *bad = tcase_create("badness");
	TCase *choose = tcase_create("choice");
	TCase *report = tcase_create("report");
	TCase *ctl = tcase_create("sysctl");
	TCase *whole = tcase_create("whole");

	tcase_set_timeout(bad, 60);
	tcase_add_test(bad, badness_is_rss_swap_entries_and_page_tables);
	tcase_add_test(bad, swapped_pages_still_count);
	tcase_add_test(bad, badness_adj_scaled_by_totalpages_over_1000);
	tcase_add_test(bad, oom_score_scale);
	suite_add_tcase(s, bad);

	tcase_set_timeout(choose, 60);
	tcase_add_test(choose, ties_go_to_the_later_task);
	tcase_add_test(choose, choice_follows_badness_with_adj);
	tcase_add_test(choose, kill_frees_anon_and_swap_but_keeps_the_page_cache);
	suite_add_tcase(s, choose);

	tcase_set_timeout(report, 60);
	tcase_add_test(report, report_lines);
	tcase_add_test(report, oom_dump_tasks_off_drops_the_table);
	tcase_add_test(report, sysrq_report_header);
	tcase_add_test(report, reaper_skips_mlocked_memory);
	tcase_add_test(report, dump_header_rate_limit);
	tcase_add_test(report, task_table_shows_swap_entries);
	tcase_add_test(report, task_table_in_pid_order);
	tcase_add_test(report, header_shows_the_request);
	tcase_add_test(report, summary_names_every_node);
	tcase_add_test(report, every_kill_counts_and_marks_its_victim);
	tcase_add_test(report, shared_file_pages_stay_mapped_by_the_survivor);
	tcase_add_test(report, adj_makes_the_faulting_task_the_victim);
	suite_add_tcase(s, report);

	tcase_set_timeout(ctl, 60);
	tcase_add_test(ctl, oom_kill_allocating_task);
	tcase_add_test(ctl, sysrq_ignores_oom_kill_allocating_task);
	tcase_add_test(ctl, panic_on_oom);
	tcase_add_test(ctl, no_killable_task);
	tcase_add_test(ctl, nofs_and_noio_report_progress_without_a_kill);
	suite_add_tcase(s, ctl);

	tcase_set_timeout(whole, 120);
	tcase_add_test(whole, task_faulting_more_than_ram_and_swap_is_killed);
	suite_add_tcase(s, whole);
	return s;
}

int main(void)
{
	return run_suite(oom_suite());
}
