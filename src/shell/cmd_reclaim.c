/*
 * src/shell/cmd_reclaim.c: the commands that give pages owners and take
 * them away again: tasks and their faults, file reads and writes, sync,
 * time (tick), the seeded workloads, and the reclaimers: kswapd, shrink,
 * direct reclaim, compaction and the OOM killer. Arguments are checked
 * before the engine runs; results print as key=value lines or tables.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmdtab.h"
#include "mmsh/compaction.h"
#include "mmsh/kswapd.h"
#include "mmsh/list.h"
#include "mmsh/oom.h"
#include "mmsh/page_alloc.h"
#include "mmsh/records.h"
#include "mmsh/rmap.h"
#include "mmsh/swap.h"
#include "mmsh/views.h"
#include "mmsh/vmscan.h"
#include "mmsh/workload.h"
#include "output.h"

/* Page counts are bounded well above any machine mmsh can boot. */
#define MAX_PAGES_ARG (1ULL << 32)
/* `kswapd` lets at most this much simulated time pass (a minute). */
#define KSWAPD_MAX_JIFFIES (60UL * HZ)

/*
 * A page count: a plain number is pages; a size with a K, M, G or T
 * suffix is bytes, rounded up to whole pages.
 */
static int arg_pages(struct session *s, const struct args *a, const char *what,
		     const char *value, unsigned long *out)
{
	unsigned long long v;
	size_t len = strlen(value);
	bool size = len && strchr("KkMmGgTt", value[len - 1]);
	int rc = parse_u64(value, size, &v);

	if (rc == -2)
		return cmd_error(s, a->argv[0], "%s: %s pages is too many", what, value);
	if (rc < 0)
		return cmd_error(s, a->argv[0], "%s: '%s' is not a page count (N, or a size like 4M)",
				 what, value);
	if (size)
		v = (v + PAGE_SIZE - 1) / PAGE_SIZE;
	if (v > MAX_PAGES_ARG)
		return cmd_error(s, a->argv[0], "%s: %llu pages is too many", what, v);
	*out = (unsigned long)v;
	return 0;
}

static int need_task(struct session *s, const struct args *a, const char *name, struct task **t)
{
	*t = task_find(s->m, name);
	if (!*t)
		return cmd_error(s, a->argv[0], "no task named '%s' (task list shows them; task new NAME "
						"creates one)", name);
	return 0;
}

static int need_file(struct session *s, const struct args *a, const char *name, int *f)
{
	*f = file_find(s->m, name);
	if (*f < 0)
		return cmd_error(s, a->argv[0], "no file named '%s' (read or write creates one)", name);
	return 0;
}

static int file_range_refused(struct session *s, const char *cmd, unsigned long off,
			      unsigned long n);

static int offset_key(struct session *s, const struct args *a, unsigned long *off)
{
	const char *v = arg_key(a, "offset");

	*off = 0;
	return v ? arg_pages(s, a, "offset", v, off) : 0;
}

/* ---- task ------------------------------------------------------------------------------ */

static void print_task(struct session *s, struct task *t)
{
	fprintf(s->out, "%7d %-15s %9lu %9lu %9lu %9lu %6d %6ld%s\n", t->pid, t->comm, t->anon_len,
		t->rss_anon, t->rss_file, t->swapents, t->oom_score_adj, oom_score(s->m, t),
		t->mlocked ? "  mlocked" : "");
}

static int task_list(struct session *s)
{
	struct machine *m = s->m;
	int i, n = 0;

	if (output_records(s))
		return print_records(s, "task", task_cols, rec_tasks);

	fprintf(s->out, "    pid name            anon_vm  rss_anon  rss_file  swapents    adj  score\n");
	for (i = 0; i < MAX_TASKS; i++)
		if (m->tasks[i].used) {
			print_task(s, &m->tasks[i]);
			n++;
		}
	if (!n)
		fprintf(s->out, "(no tasks: task new NAME creates one)\n");
	return 0;
}

static int oom_adj_key(struct session *s, const struct args *a, int *adj)
{
	const char *v = arg_key(a, "oom_score_adj");
	char *end;
	long n;

	if (!v)
		return 0;
	errno = 0;
	n = strtol(v, &end, 10);
	if (!*v || *end)
		return cmd_error(s, a->argv[0], "oom_score_adj: '%s' is not a number (decimal, "
				 "-1000..1000)", v);
	if (errno == ERANGE || n < OOM_SCORE_ADJ_MIN || n > OOM_SCORE_ADJ_MAX)
		return cmd_error(s, a->argv[0], "oom_score_adj: %s is outside -1000..1000", v);
	*adj = (int)n;
	return 1;
}

int cmd_task(struct session *s, struct args *a)
{
	struct machine *m = s->m;
	const char *verb = a->argc > 1 ? a->argv[1] : "list";
	struct mm_error e;
	struct task *t;
	int adj = 0, rc;

	if (strcmp(verb, "list") == 0) {
		if (a->argc > 2)
			return cmd_error(s, a->argv[0], "'task list' takes no name");
		return task_list(s);
	}
	if (strcmp(verb, "new") != 0 && strcmp(verb, "kill") != 0 && strcmp(verb, "set") != 0)
		return cmd_error(s, a->argv[0], "'%s': expected new, list, kill or set", verb);
	if (refuse_after_panic(s, a->argv[0]) < 0)
		return -1;
	if (a->argc != 3)
		return cmd_error(s, a->argv[0], "'task %s' needs one task name", verb);
	if ((rc = oom_adj_key(s, a, &adj)) < 0)
		return -1;
	if (strcmp(verb, "new") == 0) {
		t = task_new(m, a->argv[2], adj, &e);
		if (!t)
			return cmd_error(s, a->argv[0], "%s", e.msg);
		fprintf(s->out, "task %s pid=%d oom_score_adj=%d\n", t->comm, t->pid, t->oom_score_adj);
		return 0;
	}
	if (need_task(s, a, a->argv[2], &t) < 0)
		return -1;
	if (strcmp(verb, "set") == 0) {
		if (!rc)
			return cmd_error(s, a->argv[0], "'task set' needs oom_score_adj=N");
		t->oom_score_adj = adj;
		fprintf(s->out, "task %s pid=%d oom_score_adj=%d oom_score=%ld\n", t->comm, t->pid,
			adj, oom_score(m, t));
		return 0;
	}
	if (rc)
		return cmd_error(s, a->argv[0], "'task kill' takes no oom_score_adj");
	{
		unsigned long rss = task_rss(t), swapents = t->swapents;
		int pid = t->pid;
		char comm[TASK_COMM_LEN];

		snprintf(comm, sizeof(comm), "%s", t->comm);
		task_exit(m, t);
		fprintf(s->out, "killed %s pid=%d: unmapped %lu pages and %lu swap entries\n", comm, pid,
			rss, swapents);
	}
	return 0;
}

/* ---- fault, read, write, touch ---------------------------------------------------------- */

static void report_task(struct session *s, const char *cmd, long done, unsigned long want,
			struct task *t, const struct mm_error *e)
{
	if (done < 0 || (unsigned long)done < want)
		fprintf(s->out, "%s: %ld of %lu pages: %s\n", cmd, done < 0 ? 0 : done, want, e->msg);
	if (t->used)
		fprintf(s->out, "task %s pid=%d rss_anon=%lu rss_file=%lu swapents=%lu\n", t->comm,
			t->pid, t->rss_anon, t->rss_file, t->swapents);
}

int cmd_fault(struct session *s, struct args *a)
{
	struct machine *m = s->m;
	struct mm_error e = { "" };
	unsigned long n, off;
	struct task *t;
	long done;

	if (need_task(s, a, a->argv[1], &t) < 0)
		return -1;
	if (strcmp(a->argv[2], "anon") == 0) {
		if (a->argc > 4)
			return cmd_error(s, a->argv[0], "too many arguments: '%s' (usage: fault TASK anon N)",
					 a->argv[4]);
		if (arg_pages(s, a, "N", a->argv[3], &n) < 0)
			return -1;
		if (arg_key(a, "offset") || arg_key(a, "exec"))
			return cmd_error(s, a->argv[0], "offset= and exec= are for file mappings");
		done = fault_anon(m, t, n, &e);
	} else if (strcmp(a->argv[2], "file") == 0) {
		const char *x = arg_key(a, "exec");
		bool exec = false;
		int f;

		if (a->argc < 5)
			return cmd_error(s, a->argv[0], "missing N, the pages to map (usage: fault TASK "
					 "file FILE N [offset=K] [exec=1])");
		if (arg_pages(s, a, "N", a->argv[4], &n) < 0 || offset_key(s, a, &off) < 0 ||
		    file_range_refused(s, a->argv[0], off, n) < 0)
			return -1;
		if (x && parse_bool(x, &exec) < 0)
			return cmd_error(s, a->argv[0], "exec: '%s' is not on/off", x);
		f = file_get(m, a->argv[3], &e);
		if (f < 0)
			return cmd_error(s, a->argv[0], "%s", e.msg);
		done = fault_file(m, t, f, off, n, exec, &e);
	} else {
		return cmd_error(s, a->argv[0], "'%s': expected anon or file", a->argv[2]);
	}
	report_task(s, "fault", done, n, t, &e);
	return 0;
}

static void report_file(struct session *s, const char *cmd, long done, unsigned long want,
			int f, unsigned long disk_reads, const struct mm_error *e)
{
	struct machine *m = s->m;

	if (done < 0 || (unsigned long)done < want)
		fprintf(s->out, "%s: %ld of %lu pages: %s\n", cmd, done < 0 ? 0 : done, want, e->msg);
	fprintf(s->out, "file %s size=%lu cached=%lu read_from_disk=%lu nr_dirty=%lu\n",
		m->files[f].name, m->files[f].size, m->files[f].nrpages, disk_reads,
		global_node_page_state(m, NR_FILE_DIRTY));
}

/* Pages [off, off + n) of a file: refused before anything (the file) is made. */
static int file_range_refused(struct session *s, const char *cmd, unsigned long off, unsigned long n)
{
	struct mm_error e;

	if (file_range_check(s->m, off, n, &e) < 0)
		return cmd_error(s, cmd, "%s", e.msg);
	return 0;
}

static int read_or_write(struct session *s, struct args *a, bool write)
{
	struct machine *m = s->m;
	struct mm_error e = { "" };
	unsigned long n, off, in = m->vm_events[PGPGIN];
	long done;
	int f;

	if (arg_pages(s, a, "N", a->argv[2], &n) < 0 || offset_key(s, a, &off) < 0 ||
	    file_range_refused(s, a->argv[0], off, n) < 0)
		return -1;
	f = file_get(m, a->argv[1], &e);
	if (f < 0)
		return cmd_error(s, a->argv[0], "%s", e.msg);
	done = write ? file_write(m, f, off, n, &e) : file_read(m, f, off, n, &e);
	report_file(s, write ? "write" : "read", done, n, f, (m->vm_events[PGPGIN] - in) / 8, &e);
	return 0;
}

int cmd_read(struct session *s, struct args *a)
{
	return read_or_write(s, a, false);
}

int cmd_write(struct session *s, struct args *a)
{
	return read_or_write(s, a, true);
}

static bool make_young(struct machine *m, struct task *t, pte_t *pte, bool locked, bool exec,
		       void *arg)
{
	(void)m;
	(void)t;
	(void)locked;
	(void)exec;
	*pte |= PTE_YOUNG;
	(*(int *)arg)++;
	return true;
}

/*
 * touch PFN: the access the page's owner would make: through its ptes
 * (the MMU sets the young bits) if it is mapped, else a read() of the
 * file (mark_page_accessed).
 */
static int touch_pfn_refused(struct session *s, const struct args *a, unsigned long pfn)
{
	struct page *page = &s->m->mem_map[pfn];

	if ((!page->mapping && !PageSwapCache(page)) || (!PageLRU(page) && !page_mapped(page) &&
							 !page->mapping))
		return cmd_error(s, a->argv[0], "pfn 0x%lx has no owner (only task and page cache "
						"pages can be touched)", pfn);
	if (!page_mapped(page) && PageAnon(page))
		return cmd_error(s, a->argv[0], "pfn 0x%lx is an unmapped swap cache page: touch its task",
				 pfn);
	return 0;
}

static int touch_pfn(struct session *s, const struct args *a, unsigned long pfn)
{
	struct machine *m = s->m;
	struct page *page = &m->mem_map[pfn];

	if (touch_pfn_refused(s, a, pfn) < 0)
		return -1;
	if (page_mapped(page)) {
		int young = 0;

		rmap_walk(m, page, make_young, &young);
		fprintf(s->out, "touched pfn=0x%lx: %d pte%s young\n", pfn, young,
			young == 1 ? " is" : "s are");
		return 0;
	}
	mark_page_accessed(m, page);
	fprintf(s->out, "touched pfn=0x%lx: mark_page_accessed: %s%s\n", pfn,
		PageActive(page) ? "active" : "inactive",
		PageReferenced(page) ? ", referenced" : "");
	return 0;
}

int cmd_touch(struct session *s, struct args *a)
{
	struct machine *m = s->m;
	struct mm_error e = { "" };
	int i;

	/* check every argument first: a bad one changes nothing */
	for (i = 1; i < a->argc; i++) {
		unsigned long long v;

		if (task_find(m, a->argv[i]) || file_find(m, a->argv[i]) >= 0)
			continue;
		if (parse_u64(a->argv[i], false, &v) < 0)
			return cmd_error(s, a->argv[0], "'%s' is not a pfn, a task or a file", a->argv[i]);
		if (v >= m->max_pfn)
			return cmd_error(s, a->argv[0], "pfn 0x%llx is outside memory (pfns 0x0-0x%lx)", v,
					 m->max_pfn - 1);
		if (touch_pfn_refused(s, a, (unsigned long)v) < 0)
			return -1;
	}
	for (i = 1; i < a->argc; i++) {
		struct task *t = task_find(m, a->argv[i]);
		int f = file_find(m, a->argv[i]);
		long n;

		if (t) {
			n = touch_task(m, t, &e);
			if (n < 0)
				fprintf(s->out, "touch: task %s: %s\n", a->argv[i], e.msg);
			else
				fprintf(s->out, "touched task %s: %ld pages\n", a->argv[i], n);
		} else if (f >= 0) {
			n = touch_file(m, f, &e);
			fprintf(s->out, "touched file %s: %ld cached pages\n", a->argv[i], n);
		} else {
			unsigned long long v;

			parse_u64(a->argv[i], false, &v);
			if (touch_pfn(s, a, (unsigned long)v) < 0)
				return -1;
		}
	}
	return 0;
}

int cmd_madvise(struct session *s, struct args *a)
{
	struct task *t;
	unsigned long n;

	if (need_task(s, a, a->argv[1], &t) < 0)
		return -1;
	if (strcmp(a->argv[2], "cold") != 0)
		return cmd_error(s, a->argv[0], "'%s': only cold (MADV_COLD) is modelled", a->argv[2]);
	n = madvise_cold(s->m, t);
	fprintf(s->out, "madvise %s cold: %lu pages made old (the active ones queued for "
			"deactivation)%s\n",
		t->comm, n, t->mlocked ? " (the task is mlocked: its mappings are skipped)" : "");
	return 0;
}

/* ---- munmap, truncate, mlock, sync ------------------------------------------------------- */

int cmd_munmap(struct session *s, struct args *a)
{
	unsigned long n = 0, done;
	struct task *t;

	if (need_task(s, a, a->argv[1], &t) < 0)
		return -1;
	if (a->argc > 2) {
		if (arg_pages(s, a, "N", a->argv[2], &n) < 0)
			return -1;
		if (!n)
			return cmd_error(s, a->argv[0], "N must be at least 1 (leave it out to unmap everything)");
	}
	done = munmap_task(s->m, t, n);
	fprintf(s->out, "munmap %s: %lu pages unmapped\n", t->comm, done);
	report_task(s, "munmap", 0, 0, t, NULL);
	return 0;
}

int cmd_truncate(struct session *s, struct args *a)
{
	unsigned long freed;
	int f;

	if (need_file(s, a, a->argv[1], &f) < 0)
		return -1;
	freed = truncate_file(s->m, f);
	fprintf(s->out, "truncate %s: %lu cached pages removed\n", a->argv[1], freed);
	return 0;
}

int cmd_mlock(struct session *s, struct args *a)
{
	struct machine *m = s->m;
	struct mm_error e = { "" };
	bool lock = true;
	struct task *t;

	if (need_task(s, a, a->argv[1], &t) < 0)
		return -1;
	if (a->argc > 2 && parse_bool(a->argv[2], &lock) < 0)
		return cmd_error(s, a->argv[0], "'%s': expected on or off", a->argv[2]);
	if (mlock_task(m, t, lock, &e) < 0)
		fprintf(s->out, "mlock: %s\n", e.msg);
	fprintf(s->out, "%s %s: nr_mlock=%lu unevictable=%lu\n", lock ? "mlocked" : "munlocked",
		a->argv[1], global_zone_page_state(m, NR_MLOCK),
		global_node_page_state(m, NR_UNEVICTABLE));
	return 0;
}

int cmd_sync(struct session *s, struct args *a)
{
	unsigned long waited, n;

	(void)a;
	n = sync_all(s->m, &waited);
	fprintf(s->out, "sync: %lu dirty pages written back, waited %lu jiffies (%lu ms)\n", n,
		waited, waited * 1000 / HZ);
	return 0;
}

/* ---- time ------------------------------------------------------------------------------- */

int cmd_tick(struct session *s, struct args *a)
{
	struct machine *m = s->m;
	unsigned long long n = 1;
	unsigned long written = m->disk.written, steal = m->vm_events[PGSTEAL_KSWAPD];
	unsigned long runs_before = 0, runs_after = 0, before = m->jiffies;
	int nid;

	if (a->argc > 1 && arg_uint(s, a, "N", a->argv[1], 100000000ULL, &n) < 0)
		return -1;
	for (nid = 0; nid < m->nr_node_ids; nid++)
		runs_before += m->node_data[nid]->kswapd_runs;
	tick(m, (unsigned long)n);
	for (nid = 0; nid < m->nr_node_ids; nid++)
		runs_after += m->node_data[nid]->kswapd_runs;
	fprintf(s->out, "jiffies=%lu (+%lu) written_back=%lu kswapd_runs=%lu kswapd_reclaimed=%lu\n",
		m->jiffies, m->jiffies - before, m->disk.written - written, runs_after - runs_before,
		m->vm_events[PGSTEAL_KSWAPD] - steal);
	return 0;
}

/* ---- disk ------------------------------------------------------------------------------- */

int cmd_disk(struct session *s, struct args *a)
{
	struct strbuf sb = STRBUF_INIT;
	struct mm_error e;
	unsigned long long latency;
	const char *v = arg_key(a, "latency");

	if (v) {
		if (arg_uint(s, a, "latency", v, DISK_MAX_LATENCY, &latency) < 0)
			return -1;
		if (refuse_after_panic(s, "disk") < 0)
			return -1;
		if (disk_set_latency(s->m, (unsigned long)latency, &e) < 0)
			return cmd_error(s, a->argv[0], "%s", e.msg);
	}
	if (output_records(s))
		return print_records(s, "disk", disk_cols, rec_disk);
	view_disk(s->m, 32, &sb);
	session_print(s, &sb);
	sb_free(&sb);
	return 0;
}

/* ---- workload ----------------------------------------------------------------------------- */

int cmd_workload(struct session *s, struct args *a)
{
	static const char *const kinds[] = { "seq", "random", "zipf", "streaming-read", "anon-grow" };
	struct machine *m = s->m;
	struct strbuf sb = STRBUF_INIT;
	struct mm_error e = { "" };
	const char *kind = a->argv[1], *v;
	unsigned long size, ops = 0, passes = 1;
	unsigned long long seed = 0;
	bool seeded = false, random_kind, known = false;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		known |= strcmp(kind, kinds[i]) == 0;
	if (!known)
		return cmd_error(s, a->argv[0], "unknown workload '%s' (seq, random, zipf, streaming-read, "
						"anon-grow)", kind);
	random_kind = strcmp(kind, "random") == 0 || strcmp(kind, "zipf") == 0;
	if (arg_pages(s, a, "PAGES", a->argv[3], &size) < 0)
		return -1;
	if (!size)
		return cmd_error(s, a->argv[0], "PAGES must be at least 1");
	if ((v = arg_key(a, "ops"))) {
		if (!random_kind)
			return cmd_error(s, a->argv[0], "ops= is for random and zipf");
		if (arg_pages(s, a, "ops", v, &ops) < 0)
			return -1;
	}
	if ((v = arg_key(a, "passes"))) {
		if (strcmp(kind, "seq") != 0)
			return cmd_error(s, a->argv[0], "passes= is for seq");
		if (arg_pages(s, a, "passes", v, &passes) < 0)
			return -1;
		if (!passes)
			return cmd_error(s, a->argv[0], "passes: at least 1");
	}
	if ((v = arg_key(a, "seed"))) {
		if (arg_uint(s, a, "seed", v, ~0ULL, &seed) < 0)
			return -1;
		seeded = true;
	}
	if (random_kind && !ops)
		ops = size;
	if (strcmp(kind, "seq") == 0)
		ops = passes;
	if (seeded)
		m->rng = seed;
	rc = workload_run(m, kind, a->argv[2], ops, size, &sb, &e);
	session_print(s, &sb);
	if (rc < 0 && !sb.len) {
		sb_free(&sb);
		return cmd_error(s, a->argv[0], "%s", e.msg);
	}
	sb_free(&sb);
	if (rc < 0)
		fprintf(s->out, "workload stopped: %s\n", e.msg);
	return 0;
}

/* ---- kswapd, shrink, reclaim ------------------------------------------------------------- */

static const char *const kswapd_state_names[] = { "sleeping", "woken", "napping" };

/* The passes of the last balance_pgdat(), for `kswapd step`. */
static void print_balance_log(struct session *s, const pg_data_t *pgdat)
{
	const struct balance_log *log = &pgdat->kswapd_log;
	int i, shown = log->nr_passes < BALANCE_LOG_PASSES ? log->nr_passes : BALANCE_LOG_PASSES;

	fprintf(s->out, "  balance_pgdat(order=%d, highest_zoneidx=%d %s)", log->order,
		log->highest_zoneidx, pgdat->node_zones[log->highest_zoneidx].name);
	if (shown)
		fprintf(s->out, ": each pass asks shrink_node() for %lu pages",
			log->pass[0].nr_to_reclaim);
	if (log->boost)
		fprintf(s->out, "; watermark boost %lu to reclaim first", log->boost);
	fputc('\n', s->out);
	for (i = 0; i < shown; i++) {
		const struct balance_pass *p = &log->pass[i];

		fprintf(s->out, "    priority %2d: %s", p->priority, scan_balance_names[p->scan_balance]);
		if (p->scan_balance == SCAN_FRACT)
			fprintf(s->out, " %lu:%lu", p->fraction[0], p->fraction[1]);
		fprintf(s->out, " nr=%lu/%lu/%lu/%lu scanned=%lu reclaimed=%lu free=%lu%s\n",
			p->scan_nr[LRU_INACTIVE_ANON], p->scan_nr[LRU_ACTIVE_ANON],
			p->scan_nr[LRU_INACTIVE_FILE], p->scan_nr[LRU_ACTIVE_FILE], p->nr_scanned,
			p->nr_reclaimed, p->free_after,
			p->nr_scanned >= p->nr_to_reclaim ? " (scanned enough: priority kept)" : "");
	}
	if (log->nr_passes > shown)
		fprintf(s->out, "    (%d more passes)\n", log->nr_passes - shown);
	if (log->balanced)
		fprintf(s->out, "  balanced: a zone meets its high watermark%s, so no pass at "
				"priority %d\n", log->reclaim_order != log->order
			? " at order 0 (enough was reclaimed for compaction)" : "",
			log->end_priority);
	else
		fprintf(s->out, "  the loop ended after priority 1%s\n",
			log->failed ? ": nothing reclaimed, kswapd_failures + 1" : "");
}

int cmd_kswapd(struct session *s, struct args *a)
{
	struct machine *m = s->m;
	struct kswapd_report rep;
	unsigned int order = 0;
	const char *v;
	bool step;
	int nid = 0;

	if (arg_node(s, a, &nid) < 0)
		return -1;
	if (nid == NUMA_NO_NODE)
		nid = 0;
	if ((v = arg_key(a, "order")) && arg_order(s, a, v, &order) < 0)
		return -1;
	if (a->argc == 2 && strcmp(a->argv[1], "step") != 0)
		return cmd_error(s, a->argv[0], "'%s': expected step (or nothing: run until kswapd "
				 "sleeps)", a->argv[1]);
	step = a->argc == 2;
	if (step)
		kswapd_step(m, nid, (int)order, KSWAPD_MAX_JIFFIES, &rep);
	else
		kswapd_run(m, nid, (int)order, KSWAPD_MAX_JIFFIES, &rep);
	if (!rep.woken && !rep.was_awake) {
		fprintf(s->out, "kswapd%d: not woken: %s\n", nid,
			rep.hopeless ? "the node is hopeless (kswapd_failures >= MAX_RECLAIM_RETRIES)"
				     : "the node is balanced (a zone meets its high watermark) and unboosted");
		return 0;
	}
	fprintf(s->out, "kswapd%d: %s; balance_pgdat ran %lu time%s in %lu jiffies: scanned=%lu "
			"reclaimed=%lu\n", nid, rep.was_awake ? "was awake" : "woken", rep.runs,
		rep.runs == 1 ? "" : "s", rep.jiffies, rep.scanned, rep.reclaimed);
	if (step && rep.runs)
		print_balance_log(s, m->node_data[nid]);
	fprintf(s->out, "kswapd%d: now %s (kswapd_failures=%d)%s\n", nid,
		kswapd_state_names[m->node_data[nid]->kswapd_state], m->node_data[nid]->kswapd_failures,
		rep.asleep || step ? "" : ": still not balanced after a minute of simulated time");
	return 0;
}

static void print_stat(struct session *s, const struct reclaim_stat *st)
{
	fprintf(s->out, "  dirty=%u unqueued_dirty=%u writeback=%u immediate=%u pageout=%u "
			"activate_anon=%u activate_file=%u ref_keep=%u unmap_fail=%u\n",
		st->nr_dirty, st->nr_unqueued_dirty, st->nr_writeback, st->nr_immediate,
		st->nr_pageout, st->nr_activate[0], st->nr_activate[1], st->nr_ref_keep,
		st->nr_unmap_fail);
}

static int lru_by_name(const char *name)
{
	int lru;

	for (lru = 0; lru < NR_EVICTABLE_LRU_LISTS; lru++)
		if (strcasecmp(name, lru_names[lru]) == 0)
			return lru;
	return -1;
}

int cmd_shrink(struct session *s, struct args *a)
{
	struct machine *m = s->m;
	struct reclaim_stat st = { 0 };
	unsigned long long nr = SWAP_CLUSTER_MAX, prio = DEF_PRIORITY;
	struct scan_control sc = {
		.gfp_mask = GFP_KERNEL,
		.may_writepage = !m->laptop_mode,
		.may_unmap = true,
		.may_swap = true,
		.may_deactivate = DEACTIVATE_ANON | DEACTIVATE_FILE,
		.reclaim_idx = MAX_NR_ZONES - 1,
		.nr_to_reclaim = SWAP_CLUSTER_MAX,
		.stat = &st,
	};
	unsigned long reclaimed, before_deact = m->vm_events[PGDEACTIVATE];
	unsigned long before_refill = m->vm_events[PGREFILL];
	const char *v;
	int lru = lru_by_name(a->argv[1]), nid = 0;

	if (lru < 0)
		return cmd_error(s, a->argv[0], "'%s' is not an LRU list (inactive_anon, active_anon, "
						"inactive_file, active_file)", a->argv[1]);
	if ((v = arg_key(a, "nr")) && arg_uint(s, a, "nr", v, MAX_PAGES_ARG, &nr) < 0)
		return -1;
	if ((v = arg_key(a, "priority")) && arg_uint(s, a, "priority", v, DEF_PRIORITY, &prio) < 0)
		return -1;
	if (arg_node(s, a, &nid) < 0)
		return -1;
	if (nid == NUMA_NO_NODE)
		nid = 0;
	sc.priority = (int)prio;
	reclaimed = shrink_list(m, (enum lru_list)lru, nr, nid, &sc);
	if (is_active_lru((enum lru_list)lru)) {
		fprintf(s->out, "shrink_active_list %s: scanned=%lu deactivated=%lu\n", lru_names[lru],
			m->vm_events[PGREFILL] - before_refill,
			m->vm_events[PGDEACTIVATE] - before_deact);
		return 0;
	}
	fprintf(s->out, "shrink_inactive_list %s: scanned=%lu reclaimed=%lu\n", lru_names[lru],
		sc.nr_scanned, reclaimed);
	print_stat(s, &st);
	return 0;
}

int cmd_reclaim(struct session *s, struct args *a)
{
	struct machine *m = s->m;
	unsigned long want, total = 0;
	gfp_t gfp = GFP_KERNEL;
	struct mm_error e;
	const char *v;
	int calls = 0;

	if (arg_pages(s, a, "N", a->argv[1], &want) < 0)
		return -1;
	if ((v = arg_key(a, "gfp")) && gfp_parse(v, &gfp, &e) < 0)
		return cmd_error(s, a->argv[0], "gfp: %s", e.msg);
	if (!(gfp & GFP__DIRECT_RECLAIM))
		return cmd_error(s, a->argv[0], "gfp: a mask without __GFP_DIRECT_RECLAIM may not reclaim");
	while (total < want) {
		struct scan_control sc;
		unsigned long got, saved = m->current_flags;

		m->current_flags |= PF_MEMALLOC;
		got = try_to_free_pages_report(m, node_zonelist(m, numa_node_id(m), gfp), 0, gfp, &sc);
		m->current_flags = saved;
		calls++;
		fprintf(s->out, "try_to_free_pages: reclaimed=%lu (priority reached %d, %s)\n", got,
			sc.priority < 0 ? 0 : sc.priority, scan_balance_names[sc.scan_balance]);
		if (!got)
			break;
		total += got;
	}
	fprintf(s->out, "reclaim: %lu of %lu pages in %d call%s; free pages now %lu\n", total, want,
		calls, calls == 1 ? "" : "s", global_zone_page_state(m, NR_FREE_PAGES));
	return 0;
}

/* ---- compaction and OOM ------------------------------------------------------------------ */

int cmd_compact(struct session *s, struct args *a)
{
	struct machine *m = s->m;
	struct compact_report rep;
	struct strbuf sb = STRBUF_INIT;
	struct zone *zone = NULL;
	unsigned int order = 0;
	const char *v;
	int zidx, nid = 0;

	if (arg_zone(s, a, &zidx) < 0 || arg_node(s, a, &nid) < 0)
		return -1;
	if (nid == NUMA_NO_NODE)
		nid = 0;
	if (zidx >= 0) {
		zone = &m->node_data[nid]->node_zones[zidx];
		if (!populated_zone(zone))
			return cmd_error(s, a->argv[0], "zone %s is empty on node %d", zone->name, nid);
	}
	v = arg_key(a, "order");
	if (v && arg_order(s, a, v, &order) < 0)
		return -1;
	compact_command_prio(m, v ? (int)order : -1, nid, zone, GFP_KERNEL, DEF_COMPACT_PRIORITY, &rep);
	compact_report_format(&rep, &sb);
	session_print(s, &sb);
	sb_free(&sb);
	return 0;
}

int cmd_oom(struct session *s, struct args *a)
{
	struct oom_control oc;

	(void)a;
	if (!oom_sysrq(s->m, &oc))
		fprintf(s->out, "oom: no task was killed\n");
	return 0;
}
