/*
 * src/engine/oom_kill.c: the OOM killer (mm/oom_kill.c of Linux 5.10).
 * When reclaim and compaction cannot satisfy an allocation that must not
 * fail, the task whose death frees the most memory is chosen by
 * oom_badness() (rss + swap entries + page tables, shifted by
 * oom_score_adj), reported the way the kernel reports it, and killed.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "mmsh/gfp.h"
#include "mmsh/kstep.h"
#include "mmsh/mmzone.h"
#include "mmsh/oom.h"
#include "mmsh/page_alloc.h"
#include "mmsh/swap.h"
#include "mmsh/trace.h"
#include "mmsh/workload.h"

/* All of mmsh's tasks run as this user, as a login session's would. */
#define TASK_UID 1000
/* DEFAULT_RATELIMIT_INTERVAL and _BURST: dump_header() is rate limited. */
#define OOM_RATELIMIT_INTERVAL (5 * HZ)
#define OOM_RATELIMIT_BURST 10

/*
 * mm_pgtables_bytes(): the page-table pages the task's mappings need:
 * one PTE page per 512 pages of each mapping, one PMD page per 512 PTE
 * pages, one PUD page. mmsh counts them for the OOM killer's arithmetic;
 * it does not take them from the simulated memory (see FIDELITY).
 */
static unsigned long mm_pgtables_bytes(const struct task *t)
{
	unsigned long ptes = 0, pmds = 0;
	int v;

	if (t->anon_len) {
		ptes += (t->anon_len + PTRS_PER_PTE - 1) / PTRS_PER_PTE;
		pmds += (t->anon_len + PTRS_PER_PTE * PTRS_PER_PTE - 1) /
			(PTRS_PER_PTE * PTRS_PER_PTE);
	}
	for (v = 0; v < t->nr_vmas; v++) {
		unsigned long len = t->vmas[v].len;

		ptes += (len + PTRS_PER_PTE - 1) / PTRS_PER_PTE;
		pmds += (len + PTRS_PER_PTE * PTRS_PER_PTE - 1) /
			(PTRS_PER_PTE * PTRS_PER_PTE);
	}
	if (!ptes)
		return 0;
	return (ptes + pmds + 1) * PAGE_SIZE;
}

/* total_vm: the pages of every mapping. */
static unsigned long task_total_vm(const struct task *t)
{
	unsigned long vm = t->anon_len;
	int v;

	for (v = 0; v < t->nr_vmas; v++)
		vm += t->vmas[v].len;
	return vm;
}

/* The task list in creation order (for_each_process): pid order. */
static int tasks_in_order(struct machine *m, struct task **out)
{
	int n = 0, i, j;

	for (i = 0; i < MAX_TASKS; i++)
		if (m->tasks[i].used)
			out[n++] = &m->tasks[i];
	for (i = 1; i < n; i++) {   /* insertion sort by pid: at most MAX_TASKS */
		struct task *t = out[i];

		for (j = i; j > 0 && out[j - 1]->pid > t->pid; j--)
			out[j] = out[j - 1];
		out[j] = t;
	}
	return n;
}

/* constrained_alloc(): no cpusets or mempolicies, so RAM plus swap. */
static unsigned long oom_totalpages(struct machine *m)
{
	return m->totalram_pages + m->swap.pages;
}

/*
 * oom_badness(): how much memory killing the task would free, in pages,
 * shifted by oom_score_adj in thousandths of all memory. LONG_MIN means
 * "never": oom_score_adj -1000, or a task already chosen.
 */
long oom_badness(struct machine *m, struct task *t, unsigned long totalpages)
{
	long points, adj;

	(void)m;
	if (!t->used)
		return LONG_MIN;
	adj = t->oom_score_adj;
	if (adj == OOM_SCORE_ADJ_MIN || t->oom_victim)
		return LONG_MIN;
	points = (long)(t->rss_anon + t->rss_file + t->swapents +
			mm_pgtables_bytes(t) / PAGE_SIZE);
	adj *= (long)(totalpages / 1000);   /* integer division first */
	return points + adj;
}

/* /proc/PID/oom_score: the badness scaled to 0..2000 (0 for "never"). */
long oom_score(struct machine *m, struct task *t)
{
	unsigned long totalpages = oom_totalpages(m);
	long badness = oom_badness(m, t, totalpages);

	if (badness == LONG_MIN)
		return 0;
	return (1000 + badness * 1000 / (long)totalpages) * 2 / 3;
}

/*
 * select_bad_process(): the task with the highest badness; on a tie the
 * later one in the task list wins (the comparison is ">=").
 */
static void select_bad_process(struct machine *m, struct oom_control *oc)
{
	struct task *order[MAX_TASKS];
	int n = tasks_in_order(m, order), i;

	oc->chosen = NULL;
	oc->chosen_points = LONG_MIN;
	for (i = 0; i < n; i++) {
		long points = oom_badness(m, order[i], oc->totalpages);

		if (points == LONG_MIN) {
			KSTEP(m, "oom_evaluate_task", "%s (pid %d): %s: never chosen", order[i]->comm,
			      order[i]->pid, order[i]->oom_victim ? "already an OOM victim"
			      : "oom_score_adj -1000");
			continue;
		}
		if (points < oc->chosen_points) {
			KSTEP(m, "oom_evaluate_task", "%s (pid %d): oom_badness = rss %lu + swapents %lu + "
			      "pgtables %lu + adj %d * (%lu / 1000) = %ld < %ld of %s: not chosen",
			      order[i]->comm, order[i]->pid, order[i]->rss_anon + order[i]->rss_file,
			      order[i]->swapents, mm_pgtables_bytes(order[i]) / PAGE_SIZE,
			      order[i]->oom_score_adj, oc->totalpages, points, oc->chosen_points,
			      oc->chosen->comm);
			continue;
		}
		KSTEP(m, "oom_evaluate_task", "%s (pid %d): oom_badness = rss %lu + swapents %lu + "
		      "pgtables %lu + adj %d * (%lu / 1000) = %ld >= the best so far: chosen",
		      order[i]->comm, order[i]->pid, order[i]->rss_anon + order[i]->rss_file,
		      order[i]->swapents, mm_pgtables_bytes(order[i]) / PAGE_SIZE,
		      order[i]->oom_score_adj, oc->totalpages, points);
		oc->chosen = order[i];
		oc->chosen_points = points;
	}
}

/* A report built in a strbuf goes to the log line by line. */
static void print_lines(struct machine *m, const struct strbuf *sb)
{
	const char *p = sb_str(sb);

	while (*p) {
		const char *nl = strchr(p, '\n');
		int len = nl ? (int)(nl - p) : (int)strlen(p);

		printk(m, "%.*s", len, p);
		p += len + (nl ? 1 : 0);
	}
}

/* dump_stack(): the modelled call path of the caller, without addresses. */
static void dump_stack(struct machine *m, const struct oom_control *oc)
{
	printk(m, "CPU: %d PID: %d Comm: %s Not tainted 5.10.0-mmsh #1", m->current.cpu,
	       m->current.pid, m->current.comm);
	printk(m, "Hardware name: mmsh simulated machine");
	printk(m, "Call Trace:");
	printk(m, " dump_stack");
	printk(m, " dump_header");
	printk(m, " oom_kill_process");
	printk(m, " out_of_memory");
	if (oc->order >= 0) {
		printk(m, " __alloc_pages_slowpath");
		printk(m, " __alloc_pages_nodemask");
	} else {
		printk(m, " moom_callback");
		printk(m, " process_one_work");
	}
}

/* dump_tasks(): one line per task that has memory. */
static void dump_tasks(struct machine *m)
{
	struct task *order[MAX_TASKS];
	int n = tasks_in_order(m, order), i;

	printk(m, "Tasks state (memory values in pages):");
	printk(m, "[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name");
	for (i = 0; i < n; i++) {
		struct task *t = order[i];

		printk(m, "[%7d] %5d %5d %8lu %8lu %8ld %8lu         %5hd %s", t->pid, TASK_UID,
		       t->pid, task_total_vm(t), t->rss_anon + t->rss_file,
		       (long)mm_pgtables_bytes(t), t->swapents, (short)t->oom_score_adj, t->comm);
	}
}

/* The nodes allowed, as %*pbl prints a nodemask: "0" or "0-1". */
static void nodes_text(struct machine *m, char *buf, size_t len)
{
	if (m->nr_node_ids > 1)
		snprintf(buf, len, "0-%d", m->nr_node_ids - 1);
	else
		snprintf(buf, len, "0");
}

/*
 * dump_header(): who invoked the OOM killer with what request, the call
 * path, show_mem(), the task table and (with a victim) the summary line.
 */
static void dump_header(struct machine *m, struct oom_control *oc, struct task *victim)
{
	struct strbuf sb = STRBUF_INIT;
	char gfp[256], nodes[32];
	short adj = m->current_task ? (short)m->current_task->oom_score_adj : 0;

	gfp_format(oc->gfp_mask, false, gfp, sizeof(gfp));
	printk(m, "%s invoked oom-killer: gfp_mask=0x%x(%s), order=%d, oom_score_adj=%hd",
	       m->current.comm, oc->gfp_mask, gfp, oc->order, adj);
	dump_stack(m, oc);
	show_mem(m, &sb);
	print_lines(m, &sb);
	sb_free(&sb);
	if (m->sysctl_oom_dump_tasks)
		dump_tasks(m);
	if (victim) {
		nodes_text(m, nodes, sizeof(nodes));
		printk(m, "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=%s,task=%s,pid=%d,uid=%d",
		       nodes, victim->comm, victim->pid, TASK_UID);
	}
}

/*
 * __ratelimit(&oom_rs): 10 reports per 5 seconds. A new interval starts
 * once jiffies pass begin + interval, and says how many were dropped.
 */
static bool oom_ratelimit(struct machine *m)
{
	if (!m->oom_rs_begin)
		m->oom_rs_begin = m->jiffies ? m->jiffies : 1;
	if (m->jiffies > m->oom_rs_begin + OOM_RATELIMIT_INTERVAL) {
		if (m->oom_rs_missed) {
			printk(m, "oom_kill_process: %lu callbacks suppressed", m->oom_rs_missed);
			m->oom_rs_missed = 0;
		}
		m->oom_rs_begin = m->jiffies;
		m->oom_rs_printed = 0;
	}
	if (m->oom_rs_printed < OOM_RATELIMIT_BURST) {
		m->oom_rs_printed++;
		return true;
	}
	m->oom_rs_missed++;
	return false;
}

/*
 * panic(): the kernel stops. mmsh marks the machine dead: time stops,
 * allocations fail, and only views and `reset` still work.
 */
static void panic(struct machine *m, const char *why)
{
	printk(m, "Kernel panic - not syncing: %s", why);
	printk(m, "---[ end Kernel panic - not syncing: %s ]---", why);
	m->panicked = true;
}

/*
 * The oom_reaper unmaps the victim's anonymous and private memory at once
 * (not its mlocked mappings), and the victim then exits. mmsh does both
 * right away: the kill is complete when out_of_memory() returns.
 */
static void oom_reap_and_exit(struct machine *m, struct task *victim)
{
	int pid = victim->pid;
	char comm[TASK_COMM_LEN];
	unsigned long rss = victim->rss_anon + victim->rss_file;   /* for the kernel steps */

	snprintf(comm, sizeof(comm), "%s", victim->comm);
	if (!victim->mlocked)   /* VM_LOCKED mappings are left to exit_mmap() */
		munmap_task(m, victim, 0);
	KSTEP(m, "oom_reap_task_mm", "%s (pid %d): %s; anon-rss %lu, file-rss %lu pages left",
	      comm, pid, victim->mlocked ? "mlocked mappings are not reaped, exit_mmap() frees them"
	      : "every mapping unmapped, the pages nobody else holds freed", victim->rss_anon,
	      victim->rss_file);
	printk(m, "oom_reaper: reaped process %d (%s), now anon-rss:%lukB, file-rss:%lukB, shmem-rss:0kB",
	       pid, comm, K(victim->rss_anon), K(victim->rss_file));
	if (victim == m->current_task)
		m->current_oom_victim = true;
	task_exit(m, victim);
	KSTEP(m, "exit_mmap", "%s (pid %d) exits: its %lu mapped pages (rss before the kill) are "
	      "gone", comm, pid, rss);
}

/* __oom_kill_process(): count, signal, mark, report, reap. */
static void oom_kill_process_(struct machine *m, struct task *victim, const char *message)
{
	count_vm_events(m, OOM_KILL, 1);
	victim->oom_victim = true;   /* mark_oom_victim() */
	KSTEP(m, "__oom_kill_process", "SIGKILL to %s (pid %d, anon-rss %lu, file-rss %lu, swapents "
	      "%lu): marked an OOM victim (oom_kill), the oom_reaper frees its memory", victim->comm,
	      victim->pid, victim->rss_anon, victim->rss_file, victim->swapents);
	if (trace_point(m, TRACE_MARK_VICTIM)) {
		struct trace_event ev = { .id = TRACE_MARK_VICTIM, .pid_arg = victim->pid };

		trace_emit(m, &ev, false);
	}
	printk(m, "%s: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, file-rss:%lukB, shmem-rss:0kB, UID:%d pgtables:%lukB oom_score_adj:%hd",
	       message, victim->pid, victim->comm, K(task_total_vm(victim)), K(victim->rss_anon),
	       K(victim->rss_file), TASK_UID, mm_pgtables_bytes(victim) >> 10,
	       (short)victim->oom_score_adj);
	oom_reap_and_exit(m, victim);
}

/* oom_kill_process(): the report (rate limited), then the kill. */
static void oom_kill_process(struct machine *m, struct oom_control *oc, const char *message)
{
	if (oom_ratelimit(m))
		dump_header(m, oc, oc->chosen);
	oom_kill_process_(m, oc->chosen, message);
}

/* oom_unkillable_task(), find_lock_task_mm(): may the allocating task itself be killed? */
static bool current_killable(struct machine *m)
{
	struct task *t = m->current_task;

	return t && t->used && !t->oom_victim && t->oom_score_adj != OOM_SCORE_ADJ_MIN;
}

bool out_of_memory(struct machine *m, struct oom_control *oc)
{
	bool sysrq = oc->order == -1;   /* is_sysrq_oom() */

	if (m->panicked)
		return false;
	KSTEP(m, "out_of_memory", "%s invoked the OOM killer: gfp=%s order=%d", m->current.comm,
	      gfp_format(oc->gfp_mask, true, (char[256]){ 0 }, 256), oc->order);
	/* a request that may not enter the filesystem cannot kill: report progress */
	if (oc->gfp_mask && !(oc->gfp_mask & GFP__FS)) {
		KSTEP(m, "out_of_memory", "no __GFP_FS: no kill, but report progress so the "
		      "allocation retries");
		return true;
	}
	oc->totalpages = oom_totalpages(m);
	oc->chosen = NULL;
	KSTEP(m, "out_of_memory", "totalpages = RAM %lu + swap %lu = %lu (CONSTRAINT_NONE)",
	      m->totalram_pages, m->swap.pages, oc->totalpages);
	/* check_panic_on_oom() */
	if (m->sysctl_panic_on_oom && !sysrq) {
		KSTEP(m, "check_panic_on_oom", "vm.panic_on_oom=%d: panic", m->sysctl_panic_on_oom);
		dump_header(m, oc, NULL);
		panic(m, m->sysctl_panic_on_oom == 2 ? "Out of memory: compulsory panic_on_oom is enabled"
						     : "Out of memory: system-wide panic_on_oom is enabled");
		return false;
	}
	if (m->sysctl_oom_kill_allocating_task && current_killable(m)) {
		KSTEP(m, "out_of_memory", "vm.oom_kill_allocating_task=1: the allocating task %s "
		      "(pid %d) is killed", m->current_task->comm, m->current_task->pid);
		oc->chosen = m->current_task;
		oc->chosen_points = oom_badness(m, oc->chosen, oc->totalpages);
		oom_kill_process(m, oc, "Out of memory (oom_kill_allocating_task)");
		return true;
	}
	select_bad_process(m, oc);
	if (oc->chosen)
		KSTEP(m, "select_bad_process", "the victim is %s (pid %d) with %ld points",
		      oc->chosen->comm, oc->chosen->pid, oc->chosen_points);
	else
		KSTEP(m, "select_bad_process", "no killable task%s", sysrq ? ""
		      : ": the system is deadlocked on memory, panic");
	if (!oc->chosen) {
		dump_header(m, oc, NULL);
		printk(m, "Out of memory and no killable processes...");
		if (!sysrq)
			panic(m, "System is deadlocked on memory");
		return false;
	}
	oom_kill_process(m, oc, "Out of memory");
	return true;
}

/*
 * moom_callback(): sysrq-f, the `oom` command. A kworker runs the OOM
 * killer with GFP_KERNEL and order -1, which never panics.
 */
bool oom_sysrq(struct machine *m, struct oom_control *oc)
{
	struct task_context saved = m->current;
	struct task *saved_task = m->current_task;
	bool killed;

	*oc = (struct oom_control){ .gfp_mask = GFP_KERNEL, .order = -1 };
	snprintf(m->current.comm, sizeof(m->current.comm), "kworker/%d:1", m->current.cpu);
	m->current.pid = 20 + m->current.cpu;
	m->current_task = NULL;
	killed = out_of_memory(m, oc);
	if (!killed)
		printk(m, "OOM request ignored. No task eligible");
	m->current = saved;
	m->current_task = saved_task;
	return killed;
}
