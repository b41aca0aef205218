/*
 * src/engine/workload.c: the owners of pages. Tasks fault anonymous pages
 * and map files; files keep a page cache that reads fill and writes dirty;
 * a disk finishes writeback after `latency` jiffies; time moves in jiffies
 * and, as it does, I/O completes and woken kswapd and kcompactd run. The
 * seeded generators of `workload` drive all of it.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmsh/compaction.h"
#include "mmsh/kstep.h"
#include "mmsh/kswapd.h"
#include "mmsh/list.h"
#include "mmsh/lru.h"
#include "mmsh/mmzone.h"
#include "mmsh/page_alloc.h"
#include "mmsh/rmap.h"
#include "mmsh/samples.h"
#include "mmsh/swap.h"
#include "mmsh/vmscan.h"
#include "mmsh/workload.h"

/* Pages a read() fetches in one batch: locked until the batch's I/O completes. */
#define READ_BATCH 32

/* ---- content ---------------------------------------------------------------- */

static uint32_t mix32(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return (uint32_t)x | 1U;   /* never 0: 0 means "no data" */
}

uint32_t content_anon(int pid, unsigned long vpage, unsigned long generation)
{
	return mix32(((uint64_t)(uint32_t)pid << 40) ^ ((uint64_t)vpage << 12) ^ generation ^
		     0xa11ceULL);
}

uint32_t content_file(int file, unsigned long offset, uint32_t version)
{
	return mix32(((uint64_t)(uint32_t)(file + 1) << 44) ^ ((uint64_t)offset << 16) ^ version ^
		     0xf11eULL);
}

/* xorshift64*: the generators' randomness, seeded by --seed. */
uint64_t mm_random(struct machine *m)
{
	uint64_t x = m->rng ? m->rng : 0x9e3779b97f4a7c15ULL;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	m->rng = x;
	return x * 0x2545f4914f6cdd1dULL;
}

/* A user page for the current CPU's node (alloc_page_vma without policy). */
static struct page *alloc_user_page(struct machine *m, gfp_t gfp)
{
	return alloc_pages_nodemask(m, gfp, 0, numa_node_id(m), NULL);
}

static int task_slot(struct machine *m, const struct task *t)
{
	return (int)(t - m->tasks);
}

void task_enter(struct machine *m, struct task *t, struct task_run *save)
{
	save->current = m->current;
	save->task = m->current_task;
	save->oom_victim = m->current_oom_victim;
	snprintf(m->current.comm, sizeof(m->current.comm), "%s", t->comm);
	m->current.pid = t->pid;
	m->current_task = t;
	m->current_oom_victim = false;
}

void task_leave(struct machine *m, const struct task_run *save)
{
	m->current = save->current;
	m->current_task = save->task;
	m->current_oom_victim = save->oom_victim;
}

static void munlock_vma_pages_range(struct machine *m, const pte_t *ptes, unsigned long start,
				    unsigned long end);
static void follow_page_mlock(struct machine *m, struct page *page);
static int mlock_task_(struct machine *m, struct task *t, bool lock, struct mm_error *err);
static void user_page_access(struct machine *m);

/* ---- tasks -------------------------------------------------------------------- */

struct task *task_find(struct machine *m, const char *comm)
{
	int i;

	for (i = 0; i < MAX_TASKS; i++)
		if (m->tasks[i].used && strcmp(m->tasks[i].comm, comm) == 0)
			return &m->tasks[i];
	return NULL;
}

struct task *task_new(struct machine *m, const char *comm, int oom_score_adj,
		      struct mm_error *err)
{
	size_t i, len = strlen(comm);
	struct task *t = NULL;

	if (len == 0 || len >= TASK_COMM_LEN) {
		mm_error_set(err, "a task name has 1 to %d characters", TASK_COMM_LEN - 1);
		return NULL;
	}
	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)comm[i]) && comm[i] != '_' && comm[i] != '-' &&
		    comm[i] != '.') {
			mm_error_set(err, "'%s': a task name has letters, digits, '_', '-' or '.'", comm);
			return NULL;
		}
	if (task_find(m, comm)) {
		mm_error_set(err, "a task named '%s' exists already", comm);
		return NULL;
	}
	if (oom_score_adj < OOM_SCORE_ADJ_MIN || oom_score_adj > OOM_SCORE_ADJ_MAX) {
		mm_error_set(err, "oom_score_adj must be between -1000 and 1000, not %d", oom_score_adj);
		return NULL;
	}
	for (i = 0; i < MAX_TASKS; i++)
		if (!m->tasks[i].used) {
			t = &m->tasks[i];
			break;
		}
	if (!t) {
		mm_error_set(err, "too many tasks (at most %d)", MAX_TASKS);
		return NULL;
	}
	memset(t, 0, sizeof(*t));
	t->used = true;
	t->pid = m->next_pid++;
	snprintf(t->comm, sizeof(t->comm), "%s", comm);
	t->oom_score_adj = oom_score_adj;
	return t;
}

static int anon_reserve(struct task *t, unsigned long n)
{
	unsigned long need = t->anon_len + n, cap = t->anon_cap ? t->anon_cap : 64;
	pte_t *pte;
	uint32_t *want;

	if (need <= t->anon_cap)
		return 0;
	while (cap < need)
		cap *= 2;
	pte = realloc(t->anon, cap * sizeof(*pte));
	if (!pte)
		return -1;
	t->anon = pte;
	want = realloc(t->anon_want, cap * sizeof(*want));
	if (!want)
		return -1;
	t->anon_want = want;
	t->anon_cap = cap;
	return 0;
}

/*
 * do_anonymous_page(): a zeroed page (GFP_HIGHUSER_MOVABLE|__GFP_ZERO) that
 * the task then writes its data into; swap-backed, mapped young, and on
 * the inactive anon list (5.10), or unevictable in an mlocked task.
 */
static long fault_anon_(struct machine *m, struct task *t, unsigned long n, struct mm_error *err)
{
	unsigned long i;

	for (i = 0; i < n && !mm_interrupted(m); i++) {
		unsigned long vpage;
		struct page *page;
		unsigned long pfn;

		if (anon_reserve(t, 1) < 0)
			return mm_error_set(err, "out of host memory");
		vpage = t->anon_len++;
		t->anon[vpage] = 0;
		t->anon_want[vpage] = 0;
		KSTEP(m, "do_anonymous_page", "%s (pid %d) touches vpage %lu, not present: allocate "
		      "a zeroed page (GFP_HIGHUSER_MOVABLE|__GFP_ZERO)", t->comm, t->pid, vpage);
		page = alloc_user_page(m, GFP_HIGHUSER_MOVABLE | GFP__ZERO);
		if (!t->used) {   /* the OOM killer chose this task meanwhile */
			if (page)
				put_page(m, page);
			mm_error_set(err, "the task was killed by the OOM killer");
			KSTEP(m, "do_anonymous_page", "the OOM killer chose the faulting task meanwhile: "
			      "the fault ends (VM_FAULT_OOM, the task dies)");
			return (long)i;
		}
		if (!page) {
			t->anon_len--;
			mm_error_set(err, "the page allocation failed");
			KSTEP(m, "do_anonymous_page", "the allocation for vpage %lu failed: VM_FAULT_OOM",
			      vpage);
			return (long)i;
		}
		pfn = page_to_pfn(m, page);
		set_page_flag(page, PG_swapbacked);
		set_page_flag(page, PG_uptodate);
		page->mapping = mapping_anon(task_slot(m, t));
		page->index = (uint32_t)vpage;
		t->anon_want[vpage] = content_anon(t->pid, vpage, m->jiffies + i);
		page_content_set(m, pfn, t->anon_want[vpage]);
		page_add_rmap(m, page);   /* the allocation's reference is the pte's */
		t->anon[vpage] = PTE_PRESENT | PTE_YOUNG | pfn;
		t->rss_anon++;
		count_vm_events(m, PGFAULT, 1);
		KSTEP(m, "do_anonymous_page", "pfn=0x%lx is mapped at vpage %lu (young pte, "
		      "PG_swapbacked, rss_anon %lu); lru_cache_add_inactive_or_unevictable(): %s",
		      pfn, vpage, t->rss_anon, t->mlocked ? "VM_LOCKED, so unevictable"
		      : "to the inactive anon list");
		lru_cache_add_inactive_or_unevictable(m, page, t->mlocked);
		user_page_access(m);
		cond_resched(m);
	}
	return (long)n;
}

long fault_anon(struct machine *m, struct task *t, unsigned long n, struct mm_error *err)
{
	struct task_run save;
	long done;

	task_enter(m, t, &save);
	done = fault_anon_(m, t, n, err);
	task_leave(m, &save);
	return done;
}

/* ---- the page cache ------------------------------------------------------------ */

int file_find(struct machine *m, const char *name)
{
	int i;

	for (i = 0; i < MAX_FILES; i++)
		if (m->files[i].used && strcmp(m->files[i].name, name) == 0)
			return i;
	return -1;
}

int file_get(struct machine *m, const char *name, struct mm_error *err)
{
	size_t i, len = strlen(name);
	int f = file_find(m, name);

	if (f >= 0)
		return f;
	if (len == 0 || len >= sizeof(m->files[0].name))
		return mm_error_set(err, "a file name has 1 to %zu characters",
				    sizeof(m->files[0].name) - 1);
	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)name[i]) && name[i] != '_' && name[i] != '-' &&
		    name[i] != '.' && name[i] != '/')
			return mm_error_set(err, "'%s': a file name has letters, digits, '_', '-', '.' or '/'",
					    name);
	for (f = 0; f < MAX_FILES; f++)
		if (!m->files[f].used)
			break;
	if (f == MAX_FILES)
		return mm_error_set(err, "too many files (at most %d)", MAX_FILES);
	memset(&m->files[f], 0, sizeof(m->files[f]));
	m->files[f].used = true;
	snprintf(m->files[f].name, sizeof(m->files[f].name), "%s", name);
	return f;
}

/* Make room for offsets below end; the file grows to end. */
/*
 * The largest file mmsh simulates, in pages: four times the machine's
 * memory, and at least 2^20 pages (4 GiB). A file's cache slots and
 * versions take 12 bytes per page up to its end, so an offset is bounded
 * by what the machine is, not by what a number can hold.
 */
unsigned long file_max_pages(const struct machine *m)
{
	unsigned long four = m->max_pfn * 4;

	return four > (1UL << 20) ? four : 1UL << 20;
}

static int file_reserve(struct sim_file *fl, unsigned long end)
{
	unsigned long cap = fl->cap ? fl->cap : 64, i;

	if (end > fl->cap) {
		cache_slot_t *slot;
		uint32_t *v, *dv;

		while (cap < end)
			cap *= 2;
		slot = realloc(fl->slot, cap * sizeof(*slot));
		if (!slot)
			return -1;
		fl->slot = slot;
		v = realloc(fl->version, cap * sizeof(*v));
		if (!v)
			return -1;
		fl->version = v;
		dv = realloc(fl->disk_version, cap * sizeof(*dv));
		if (!dv)
			return -1;
		fl->disk_version = dv;
		for (i = fl->cap; i < cap; i++)
			fl->slot[i] = fl->version[i] = fl->disk_version[i] = 0;
		fl->cap = cap;
	}
	if (end > fl->size)
		fl->size = end;
	return 0;
}

/* Room in file f for pages [offset, offset + n): -1 with a message if not. */
int file_range_check(const struct machine *m, unsigned long offset, unsigned long n,
		     struct mm_error *err)
{
	unsigned long max = file_max_pages(m);

	if (offset > max || n > max - offset)
		return mm_error_set(err, "pages %lu-%lu are beyond the largest file mmsh simulates "
				    "(%lu pages: four times memory, 4 GiB at least)",
				    offset, offset + n - 1, max);
	return 0;
}

static int file_room(struct machine *m, int f, unsigned long offset, unsigned long n,
		     struct mm_error *err)
{
	if (file_range_check(m, offset, n, err) < 0)
		return -1;
	if (file_reserve(&m->files[f], offset + n) < 0)
		return mm_error_set(err, "out of host memory");
	return 0;
}

static struct page *cached_page(struct machine *m, struct sim_file *fl, unsigned long off)
{
	if (off >= fl->size || !(fl->slot[off] & SLOT_PRESENT))
		return NULL;
	return &m->mem_map[fl->slot[off] & PTE_VALUE];
}

/*
 * add_to_page_cache_lru(): the new page is locked and takes the slot; a
 * shadow left there by its eviction lets the workingset decide whether it
 * starts active (not for writes, __GFP_WRITE).
 */
static void add_to_page_cache_lru(struct machine *m, struct page *page, int f,
				  unsigned long off, gfp_t gfp)
{
	struct sim_file *fl = &m->files[f];
	uint64_t shadow = (fl->slot[off] & SLOT_SHADOW) ? fl->slot[off] : 0;
	unsigned long pfn = page_to_pfn(m, page);

	set_page_flag(page, PG_locked);
	page->mapping = mapping_file(f);
	page->index = (uint32_t)off;
	page_changed(m, pfn);
	fl->slot[off] = SLOT_PRESENT | pfn;
	fl->nrpages++;
	page_zone(m, page)->zone_pgdat->vm_stat[NR_FILE_PAGES]++;
	KSTEP(m, "add_to_page_cache_lru", "pfn=0x%lx caches %s offset %lu, locked until its I/O "
	      "is done%s", pfn, fl->name, off,
	      !shadow ? "" : (gfp & GFP__WRITE) ? "; a shadow entry is there, but a write "
	      "(__GFP_WRITE) does not count as a refault"
	      : "; a shadow entry is there: workingset_refault() decides its list");
	if (shadow && !(gfp & GFP__WRITE))
		workingset_refault(m, page, shadow);
	lru_cache_add(m, page);
}

/* The read I/O finished: the page holds what the disk holds. */
static void read_complete(struct machine *m, struct page *page)
{
	struct sim_file *fl = &m->files[file_owner(page)];
	unsigned long pfn = page_to_pfn(m, page);

	page_content_set(m, pfn, content_file(file_owner(page), page->index,
					      fl->disk_version[page->index]));
	set_page_flag(page, PG_uptodate);
	clear_page_flag(page, PG_locked);
	page_changed(m, pfn);
	count_vm_events(m, PGPGIN, 8);
}

void delete_from_page_cache(struct machine *m, struct page *page, uint64_t shadow)
{
	struct sim_file *fl = &m->files[file_owner(page)];

	fl->slot[page->index] = shadow;
	fl->nrpages--;
	page_zone(m, page)->zone_pgdat->vm_stat[NR_FILE_PAGES]--;
	page->mapping = 0;
	page_changed(m, page_to_pfn(m, page));
}

void set_page_dirty(struct machine *m, struct page *page)
{
	if (PageDirty(page))
		return;
	set_page_flag(page, PG_dirty);
	page_changed(m, page_to_pfn(m, page));
	if (page_is_file_lru(page)) {   /* account_page_dirtied() */
		struct zone *zone = page_zone(m, page);
		struct sim_file *fl = &m->files[file_owner(page)];

		if (!fl->nr_dirty++)
			fl->dirtied_when = m->jiffies;   /* __mark_inode_dirty() */
		zone->zone_pgdat->vm_stat[NR_FILE_DIRTY]++;
		zone->zone_pgdat->vm_stat[NR_DIRTIED]++;
		mod_zone_page_state(zone, NR_ZONE_WRITE_PENDING, 1);
	}
}

/* clear_page_dirty_for_io() and cancel_dirty_page(). */
void clear_page_dirty(struct machine *m, struct page *page)
{
	if (!PageDirty(page))
		return;
	clear_page_flag(page, PG_dirty);
	page_changed(m, page_to_pfn(m, page));
	if (page_is_file_lru(page)) {
		struct zone *zone = page_zone(m, page);

		m->files[file_owner(page)].nr_dirty--;
		zone->zone_pgdat->vm_stat[NR_FILE_DIRTY]--;
		mod_zone_page_state(zone, NR_ZONE_WRITE_PENDING, -1);
	}
}

void set_page_writeback(struct machine *m, struct page *page)
{
	struct zone *zone = page_zone(m, page);

	set_page_flag(page, PG_writeback);
	page_changed(m, page_to_pfn(m, page));
	zone->zone_pgdat->vm_stat[NR_WRITEBACK]++;
	mod_zone_page_state(zone, NR_ZONE_WRITE_PENDING, 1);
}

/*
 * end_page_writeback(): a page reclaim wanted (PG_reclaim) is rotated to
 * the inactive tail to be freed by the next scan; counters drop.
 */
void end_page_writeback(struct machine *m, struct page *page)
{
	struct zone *zone = page_zone(m, page);

	if (PageReclaim(page)) {
		clear_page_flag(page, PG_reclaim);
		KSTEP(m, "end_page_writeback", "pfn=0x%lx: writeback ends, PG_reclaim was set "
		      "(reclaim wanted it): rotate_reclaimable_page()", page_to_pfn(m, page));
		rotate_reclaimable_page(m, page);
	}
	clear_page_flag(page, PG_writeback);
	page_changed(m, page_to_pfn(m, page));
	zone->zone_pgdat->vm_stat[NR_WRITEBACK]--;
	zone->zone_pgdat->vm_stat[NR_WRITTEN]++;
	mod_zone_page_state(zone, NR_ZONE_WRITE_PENDING, -1);
}

/*
 * Find a page of the file, reading it if it is not cached (a single-page
 * synchronous read, as a page fault does). *major says a read happened.
 */
static struct page *filemap_get_page(struct machine *m, int f, unsigned long off, bool *major)
{
	struct sim_file *fl = &m->files[f];
	struct page *page = cached_page(m, fl, off);

	*major = false;
	if (page)
		return page;
	page = alloc_user_page(m, GFP_HIGHUSER_MOVABLE);
	if (!page)
		return NULL;
	if (cached_page(m, fl, off)) {   /* reclaim could not have added it, but be exact */
		put_page(m, page);
		return cached_page(m, fl, off);
	}
	add_to_page_cache_lru(m, page, f, off, GFP_HIGHUSER_MOVABLE);
	read_complete(m, page);
	*major = true;
	return page;
}

/* For kernel steps: how many pages of [off, off + n) are not cached. */
static unsigned long uncached_in(struct machine *m, int f, unsigned long off, unsigned long n)
{
	unsigned long i, missing = 0;

	for (i = 0; i < n; i++)
		if (!cached_page(m, &m->files[f], off + i))
			missing++;
	return missing;
}

/*
 * read(): readahead adds the missing pages of the next READ_BATCH (the
 * 32-page window of a sequential read) to the cache, locked, and reads
 * them in one I/O (its allocations carry __GFP_NORETRY|__GFP_NOWARN: a
 * failure only ends the window); then each page is copied out and marked accessed (the
 * first read leaves it inactive and referenced, a second one activates
 * it). A page reclaim took away in between is read again on its own.
 */
long file_read(struct machine *m, int f, unsigned long offset, unsigned long n,
	       struct mm_error *err)
{
	unsigned long done = 0;

	if (file_room(m, f, offset, n, err) < 0)
		return -1;
	KSTEP(m, "generic_file_buffered_read", "read %s offsets %lu-%lu: readahead of the missing "
	      "pages %d at a time, then each page is copied and marked accessed",
	      m->files[f].name, offset, offset + n - 1, READ_BATCH);
	while (done < n && !mm_interrupted(m)) {
		unsigned long batch = n - done < READ_BATCH ? n - done : READ_BATCH, i;
		struct page *fresh[READ_BATCH];
		unsigned long nfresh = 0;

		for (i = 0; i < batch; i++) {   /* page_cache_ra_unbounded() */
			unsigned long off = offset + done + i;
			struct page *page;

			if (cached_page(m, &m->files[f], off))
				continue;
			/* readahead_gfp_mask(): it may fail quietly, never OOM-kill */
			page = alloc_user_page(m, GFP_HIGHUSER_MOVABLE | GFP__NORETRY | GFP__NOWARN);
			if (!page)
				break;   /* readahead stops; the copy loop reads the rest */
			add_to_page_cache_lru(m, page, f, off, GFP_HIGHUSER_MOVABLE);
			fresh[nfresh++] = page;
		}
		for (i = 0; i < nfresh; i++)
			read_complete(m, fresh[i]);
		if (nfresh)
			KSTEP(m, "page_cache_ra_unbounded", "%s offsets %lu-%lu: %lu missing page%s added "
			      "to the page cache and read in one I/O%s", m->files[f].name,
			      offset + done, offset + done + batch - 1, nfresh, nfresh == 1 ? "" : "s",
			      uncached_in(m, f, offset + done, batch)
			      ? " (an allocation failed: readahead stopped, the copy loop reads the rest)"
			      : "");
		for (i = 0; i < batch; i++) {   /* the copy loop */
			bool major;
			struct page *page = filemap_get_page(m, f, offset + done + i, &major);

			if (!page) {
				mm_error_set(err, "the page allocation failed");
				return (long)(done + i);
			}
			mark_page_accessed(m, page);
			user_page_access(m);
		}
		done += batch;
		cond_resched(m);
	}
	return (long)n;
}

/* balance_dirty_pages(): writers above the limits start writeback and wait. */
static void balance_dirty_pages(struct machine *m)
{
	unsigned long bg, thresh, dirty, waited = 0;

	global_dirty_limits(m, &bg, &thresh);
	/* gdtc->dirty: reclaimable (dirty) pages plus those under writeback */
	dirty = global_node_page_state(m, NR_FILE_DIRTY) + global_node_page_state(m, NR_WRITEBACK);
	if (dirty <= (bg + thresh) / 2)
		return;   /* the freerun ceiling: no throttling */
	if (global_node_page_state(m, NR_FILE_DIRTY) > bg)
		writeback_dirty(m, global_node_page_state(m, NR_FILE_DIRTY) - bg);
	while (global_node_page_state(m, NR_FILE_DIRTY) +
	       global_node_page_state(m, NR_WRITEBACK) > thresh && waited < HZ) {
		schedule_timeout(m, 1);   /* the writer pauses while I/O drains */
		waited++;
	}
}

/*
 * write(): find or create each page (no read: whole pages are written),
 * put the new data in it and dirty it. 5.10's buffered write path does not
 * mark pages accessed.
 */
long file_write(struct machine *m, int f, unsigned long offset, unsigned long n,
		struct mm_error *err)
{
	unsigned long i;

	if (file_room(m, f, offset, n, err) < 0)
		return -1;
	for (i = 0; i < n && !mm_interrupted(m); i++) {
		struct sim_file *fl = &m->files[f];
		unsigned long off = offset + i;
		struct page *page = cached_page(m, fl, off);
		bool fresh = !page;

		if (fresh) {
			page = alloc_user_page(m, GFP_HIGHUSER_MOVABLE | GFP__WRITE);
			if (!page) {
				mm_error_set(err, "the page allocation failed");
				return (long)i;
			}
			add_to_page_cache_lru(m, page, f, off, GFP_HIGHUSER_MOVABLE | GFP__WRITE);
		}
		fl->version[off]++;
		page_content_set(m, page_to_pfn(m, page), content_file(f, off, fl->version[off]));
		set_page_flag(page, PG_uptodate);
		set_page_dirty(m, page);
		if (fresh)
			clear_page_flag(page, PG_locked);
		user_page_access(m);
		balance_dirty_pages(m);
		cond_resched(m);
	}
	return (long)n;
}

/* ---- file mappings --------------------------------------------------------------- */

/* A pte maps the page; in an mlocked task the page is mlocked too (mlock_vma_page). */
static void map_file_page(struct machine *m, struct task *t, pte_t *pte, struct page *page)
{
	get_page(page);
	page_add_rmap(m, page);
	*pte = PTE_PRESENT | PTE_YOUNG | page_to_pfn(m, page);
	t->rss_file++;
	if (t->mlocked)   /* a VM_LOCKED mmap populates (FOLL_TOUCH|FOLL_MLOCK) */
		follow_page_mlock(m, page);
}

static long fault_file_(struct machine *m, struct task *t, int f, unsigned long pgoff,
		       unsigned long n, bool exec, struct mm_error *err)
{
	struct file_vma *vmas, *vma;
	unsigned long i;

	if (file_room(m, f, pgoff, n, err) < 0)
		return -1;
	vmas = realloc(t->vmas, sizeof(*vmas) * (size_t)(t->nr_vmas + 1));
	if (!vmas)
		return mm_error_set(err, "out of host memory");
	t->vmas = vmas;
	vma = &t->vmas[t->nr_vmas];
	vma->file = f;
	vma->pgoff = pgoff;
	vma->len = n;
	vma->exec = exec;
	vma->pte = calloc(n ? n : 1, sizeof(pte_t));
	if (!vma->pte)
		return mm_error_set(err, "out of host memory");
	t->nr_vmas++;
	for (i = 0; i < n && !mm_interrupted(m); i++) {
		int v = (int)(vma - t->vmas);
		bool major;
		struct page *page;

		KSTEP(m, "filemap_fault", "%s (pid %d) faults %s offset %lu: %s", t->comm, t->pid,
		      m->files[f].name, pgoff + i, cached_page(m, &m->files[f], pgoff + i)
		      ? "the page is in the page cache (minor fault)"
		      : "not cached: allocate a page and read it (major fault)");
		page = filemap_get_page(m, f, pgoff + i, &major);
		if (!t->used)
			return mm_error_set(err, "the task was killed by the OOM killer");
		vma = &t->vmas[v];
		if (!page) {
			mm_error_set(err, "the page allocation failed");
			KSTEP(m, "filemap_fault", "the page cache allocation failed: VM_FAULT_OOM");
			return (long)i;
		}
		map_file_page(m, t, &vma->pte[i], page);
		count_vm_events(m, PGFAULT, 1);
		if (major)
			count_vm_events(m, PGMAJFAULT, 1);
		KSTEP(m, "filemap_fault", "pfn=0x%lx is mapped by a young pte%s (mapcount %d, "
		      "rss_file %lu)", page_to_pfn(m, page), exec ? " of an executable (VM_EXEC) vma" : "",
		      page->_mapcount + 1, t->rss_file);
		user_page_access(m);
		cond_resched(m);
	}
	return (long)n;
}

long fault_file(struct machine *m, struct task *t, int f, unsigned long pgoff,
		unsigned long n, bool exec, struct mm_error *err)
{
	struct task_run save;
	long done;

	task_enter(m, t, &save);
	done = fault_file_(m, t, f, pgoff, n, exec, err);
	task_leave(m, &save);
	return done;
}

/* An access by the task to all its memory: young ptes, swap-ins, refaults. */
/*
 * filemap_fault() for a file pte that is not present (reclaim unmapped its
 * page): 1 when the page is mapped again, 0 beyond the end of a truncated
 * file (SIGBUS: nothing to map), -1 when the allocation failed.
 */
static int file_pte_fault(struct machine *m, struct task *t, int v, unsigned long i,
			  struct mm_error *err)
{
	const struct file_vma *vma = &t->vmas[v];
	struct page *page;
	bool major;

	if (vma->pgoff + i >= m->files[vma->file].size)
		return 0;
	KSTEP(m, "filemap_fault", "%s (pid %d) faults %s offset %lu again (reclaim unmapped it): %s",
	      t->comm, t->pid, m->files[vma->file].name, vma->pgoff + i,
	      cached_page(m, &m->files[vma->file], vma->pgoff + i)
	      ? "the page is still in the page cache (minor fault)"
	      : "not cached: allocate a page and read it (major fault)");
	page = filemap_get_page(m, vma->file, vma->pgoff + i, &major);
	if (!t->used)
		return mm_error_set(err, "the task was killed by the OOM killer");
	if (!page) {
		KSTEP(m, "filemap_fault", "the page cache allocation failed: VM_FAULT_OOM");
		return mm_error_set(err, "the page allocation failed");
	}
	map_file_page(m, t, &t->vmas[v].pte[i], page);
	count_vm_events(m, PGFAULT, 1);
	if (major)
		count_vm_events(m, PGMAJFAULT, 1);
	KSTEP(m, "filemap_fault", "pfn=0x%lx is mapped again by a young pte (mapcount %d)",
	      page_to_pfn(m, page), page->_mapcount + 1);
	return 1;
}

static long touch_task_(struct machine *m, struct task *t, struct mm_error *err)
{
	unsigned long i, touched = 0;
	int v;

	for (i = 0; i < t->anon_len; i++) {
		if (pte_present(t->anon[i])) {
			t->anon[i] |= PTE_YOUNG;
			touched++;
		} else if (pte_swapped(t->anon[i])) {
			if (!do_swap_page(m, t, i)) {
				if (!t->used)
					return mm_error_set(err, "the task was killed by the OOM killer");
				return mm_error_set(err, "the swap-in allocation failed");
			}
			touched++;
		}
		user_page_access(m);
		cond_resched(m);
	}
	for (v = 0; v < t->nr_vmas; v++) {
		for (i = 0; i < t->vmas[v].len; i++) {
			struct file_vma *vma;

			user_page_access(m);
			cond_resched(m);
			vma = &t->vmas[v];
			if (pte_present(vma->pte[i])) {
				vma->pte[i] |= PTE_YOUNG;
				touched++;
				continue;
			}
			switch (file_pte_fault(m, t, v, i, err)) {
			case -1:
				return -1;
			case 1:
				touched++;
				break;
			default:
				break;
			}
		}
	}
	return (long)touched;
}

long touch_task(struct machine *m, struct task *t, struct mm_error *err)
{
	struct task_run save;
	long done;

	task_enter(m, t, &save);
	done = touch_task_(m, t, err);
	task_leave(m, &save);
	return done;
}

long touch_file(struct machine *m, int f, struct mm_error *err)
{
	struct sim_file *fl = &m->files[f];
	unsigned long off, touched = 0;

	(void)err;
	for (off = 0; off < fl->size; off++) {
		struct page *page = cached_page(m, fl, off);

		if (page) {
			mark_page_accessed(m, page);
			touched++;
			user_page_access(m);
			cond_resched(m);
		}
	}
	return (long)touched;
}

/* ---- unmapping, mlock, exit ------------------------------------------------------ */

/*
 * free_swap_and_cache(): a swap entry goes; when only the swap cache still
 * holds the slot, __try_to_reclaim_swap(TTRS_UNMAPPED) frees an unmapped
 * cache page that is not locked or under writeback (try_to_free_swap).
 */
static void free_swap_and_cache(struct machine *m, unsigned long slot)
{
	struct page *page;

	swap_free(m, slot);
	if (m->swap.map[slot] != SWAP_HAS_CACHE || !(m->swap.cache[slot] & SLOT_PRESENT))
		return;
	page = &m->mem_map[m->swap.cache[slot] & PTE_VALUE];   /* find_get_page(): no statistics */
	if (!PageLocked(page) && !page_mapped(page))
		try_to_free_swap(m, page);
}

/*
 * struct mmu_gather (include/asm-generic/tlb.h): the pages an unmap took
 * out of the page tables, kept until the TLB is flushed: a first batch of
 * MMU_GATHER_BUNDLE (8) pages, then batches of MAX_GATHER_BATCH (510), at
 * most MAX_GATHER_BATCH_COUNT (19) of them (MMU_GATHER_PAGES) before a
 * flush is forced.
 */
#define MMU_GATHER_BUNDLE 8
#define MAX_GATHER_BATCH 510
#define MAX_GATHER_BATCH_COUNT 19

struct mmu_gather {
	uint32_t *pages;                 /* MMU_GATHER_PAGES, kept in the machine */
	unsigned int nr;
};

/*
 * free_pages_and_swap_cache() of one batch: drain this CPU's pagevecs,
 * give up swap slots nothing maps (free_swap_cache), then drop the
 * references: release_pages() frees the pages that were the last.
 */
static void free_pages_and_swap_cache(struct machine *m, const uint32_t *pfns, unsigned int nr)
{
	unsigned int i;

	lru_add_drain(m);
	for (i = 0; i < nr; i++) {
		struct page *page = &m->mem_map[pfns[i]];

		if (PageSwapCache(page) && !page_mapped(page) && !PageLocked(page))
			try_to_free_swap(m, page);
	}
	release_pages(m, pfns, nr);
}

/* tlb_flush_mmu(): free every batch gathered so far, in order. */
static void tlb_flush_mmu(struct machine *m, struct mmu_gather *tlb)
{
	unsigned int done = 0, batch = MMU_GATHER_BUNDLE;

	while (done < tlb->nr) {
		unsigned int n = tlb->nr - done < batch ? tlb->nr - done : batch;

		free_pages_and_swap_cache(m, &tlb->pages[done], n);
		done += n;
		batch = MAX_GATHER_BATCH;
	}
	tlb->nr = 0;
}

/* __tlb_remove_page(): gather the page; a full gather is flushed at once. */
static void tlb_remove_page(struct machine *m, struct mmu_gather *tlb, struct page *page)
{
	tlb->pages[tlb->nr++] = (uint32_t)page_to_pfn(m, page);
	if (tlb->nr == MMU_GATHER_PAGES)
		tlb_flush_mmu(m, tlb);
}

/* zap_pte_range() for one anonymous pte: the page is gathered, a swap entry freed now. */
static void zap_anon(struct machine *m, struct task *t, unsigned long vpage, struct mmu_gather *tlb)
{
	pte_t pte = t->anon[vpage];

	if (pte_present(pte)) {
		struct page *page = &m->mem_map[pte_val(pte)];

		t->anon[vpage] = 0;
		page_remove_rmap(m, page);
		t->rss_anon--;
		tlb_remove_page(m, tlb, page);
	} else if (pte_swapped(pte)) {
		t->anon[vpage] = 0;
		t->swapents--;
		free_swap_and_cache(m, pte_val(pte));
	}
}

/*
 * zap_pte_range() over a file mapping: a young pte marks its page accessed
 * (the access the pte recorded is not lost), then the page loses the
 * mapping and is gathered.
 */
static void zap_vma(struct machine *m, struct task *t, struct file_vma *vma, struct mmu_gather *tlb)
{
	unsigned long i;

	for (i = 0; i < vma->len; i++)
		if (pte_present(vma->pte[i])) {
			struct page *page = &m->mem_map[pte_val(vma->pte[i])];
			bool young = vma->pte[i] & PTE_YOUNG;

			vma->pte[i] = 0;
			if (young)
				mark_page_accessed(m, page);
			page_remove_rmap(m, page);
			t->rss_file--;
			tlb_remove_page(m, tlb, page);
		}
}

/*
 * munmap of the top n anonymous pages (n 0: every mapping, as exit_mmap).
 * VM_LOCKED mappings are munlocked first (munlock_vma_pages_all), so their
 * pages return to the evictable lists before the ptes go.
 */
unsigned long munmap_task(struct machine *m, struct task *t, unsigned long n)
{
	struct mmu_gather gather = { m->tlb_pages, 0 }, *tlb = &gather;
	unsigned long done, i;
	bool all = n == 0;
	int v;

	if (n == 0 || n > t->anon_len)
		n = t->anon_len;
	if (t->mlocked) {
		/*
		 * The VM_LOCKED mappings going away are munlocked first; the
		 * task stays mlocked for what it maps later (mlockall's
		 * MCL_FUTURE lives in mm->def_flags).
		 */
		t->mlocked = false;   /* the unmapped vmas lose VM_LOCKED */
		munlock_vma_pages_range(m, t->anon, t->anon_len - n, t->anon_len);
		if (all)
			for (v = 0; v < t->nr_vmas; v++)
				munlock_vma_pages_range(m, t->vmas[v].pte, 0, t->vmas[v].len);
		t->mlocked = true;
	}
	lru_add_drain(m);   /* unmap_region() and exit_mmap() drain this CPU's pagevecs first */
	/* unmap_vmas() in address order: the anonymous area, then the file mappings */
	for (i = t->anon_len - n; i < t->anon_len; i++)
		zap_anon(m, t, i, tlb);
	t->anon_len -= n;
	done = n;
	if (all) {
		for (v = 0; v < t->nr_vmas; v++) {
			zap_vma(m, t, &t->vmas[v], tlb);
			done += t->vmas[v].len;
			free(t->vmas[v].pte);
		}
		free(t->vmas);
		t->vmas = NULL;
		t->nr_vmas = 0;
	}
	tlb_flush_mmu(m, tlb);   /* tlb_finish_mmu() */
	return done;
}

/*
 * munlock_vma_pages_range() (mm/mlock.c): the present pages of ptes
 * [start, end), in batches that __munlock_pagevec_fill() gathers: pages
 * pinned in address order while the ptes stay present, in one zone and in
 * one page table (PTRS_PER_PTE entries), at most PAGEVEC_SIZE of them.
 */
static void munlock_vma_pages_range(struct machine *m, const pte_t *ptes, unsigned long start,
				    unsigned long end)
{
	unsigned long i = start;

	while (i < end) {
		struct pagevec pvec = { 0 };
		struct zone *zone;

		if (!pte_present(ptes[i])) {   /* follow_page() finds nothing */
			i++;
			continue;
		}
		zone = page_zone(m, &m->mem_map[pte_val(ptes[i])]);
		do {
			struct page *page = &m->mem_map[pte_val(ptes[i])];

			get_page(page);
			pvec.pages[pvec.nr++] = pte_val(ptes[i]);
			i++;
		} while (i < end && i % PTRS_PER_PTE && pvec.nr < PAGEVEC_SIZE &&
			 pte_present(ptes[i]) && page_zone(m, &m->mem_map[pte_val(ptes[i])]) == zone);
		munlock_pagevec(m, &pvec);
		cond_resched(m);
	}
}

/*
 * follow_page_pte() with FOLL_TOUCH|FOLL_MLOCK in a VM_LOCKED vma: the page
 * is marked accessed, then, unless it is locked (reclaim sees to it), this
 * CPU's pagevecs are drained and the page is mlocked.
 */
static void follow_page_mlock(struct machine *m, struct page *page)
{
	mark_page_accessed(m, page);
	if (PageLocked(page))
		return;
	lru_add_drain(m);
	mlock_vma_page(m, page);
}

/*
 * mlock_fixup()'s populate for one pte: __get_user_pages(FOLL_MLOCK) faults
 * a swapped page back in, then follow_page_pte() drains this CPU's
 * pagevecs and mlocks the page (unless it is locked: reclaim sees to it).
 */
static int populate_locked(struct machine *m, struct task *t, pte_t *pte, unsigned long vpage)
{
	if (pte_swapped(*pte) && !do_swap_page(m, t, vpage))
		return -1;
	if (pte_present(*pte))
		follow_page_mlock(m, &m->mem_map[pte_val(*pte)]);
	return 0;
}

static int mlock_task_(struct machine *m, struct task *t, bool lock, struct mm_error *err)
{
	unsigned long i;
	int v;

	if (!lock) {   /* munlockall: VM_LOCKED goes first, then the pages */
		t->mlocked = false;
		munlock_vma_pages_range(m, t->anon, 0, t->anon_len);
		for (v = 0; v < t->nr_vmas; v++)
			munlock_vma_pages_range(m, t->vmas[v].pte, 0, t->vmas[v].len);
		return 0;
	}
	t->mlocked = true;
	for (i = 0; i < t->anon_len; i++)
		if (populate_locked(m, t, &t->anon[i], i) < 0)
			return t->used ? mm_error_set(err, "the swap-in allocation failed")
				       : mm_error_set(err, "the task was killed by the OOM killer");
	for (v = 0; v < t->nr_vmas; v++)
		for (i = 0; i < t->vmas[v].len; i++) {
			if (pte_present(t->vmas[v].pte[i]))
				follow_page_mlock(m, &m->mem_map[pte_val(t->vmas[v].pte[i])]);
			else if (file_pte_fault(m, t, v, i, err) < 0)   /* mapped and mlocked */
				return -1;
			cond_resched(m);
		}
	return 0;
}

int mlock_task(struct machine *m, struct task *t, bool lock, struct mm_error *err)
{
	struct task_run save;
	int rc;

	task_enter(m, t, &save);
	rc = mlock_task_(m, t, lock, err);
	task_leave(m, &save);
	return rc;
}

void task_free(struct task *t)
{
	int v;

	for (v = 0; v < t->nr_vmas; v++)
		free(t->vmas[v].pte);
	free(t->vmas);
	free(t->anon);
	free(t->anon_want);
	memset(t, 0, sizeof(*t));
}

void file_free(struct sim_file *fl)
{
	free(fl->slot);
	free(fl->version);
	free(fl->disk_version);
	memset(fl, 0, sizeof(*fl));
}

/* exit_mmap(): every mapping goes, then the task's memory is released. */
void task_exit(struct machine *m, struct task *t)
{
	munmap_task(m, t, 0);
	task_free(t);
}

unsigned long task_rss(const struct task *t)
{
	return t->rss_anon + t->rss_file;
}

/* ---- madvise, invalidation ---------------------------------------------------------- */

/*
 * madvise(MADV_COLD) over all of a task's memory (madvise_cold_or_pageout_pte_range):
 * after lru_add_drain(), every present page only this task maps gets an
 * old pte, loses PG_referenced and is deactivated (deactivate_page).
 * Mlocked mappings are skipped (can_madv_lru_vma).
 */
static void madvise_cold_pte(struct machine *m, pte_t *pte, unsigned long *n)
{
	struct page *page;

	if (!pte_present(*pte))
		return;
	page = &m->mem_map[pte_val(*pte)];
	if (page_mapcount(page) != 1)
		return;   /* do not interfere with other mappings */
	*pte &= ~PTE_YOUNG;
	clear_page_flag(page, PG_referenced);
	page_changed(m, page_to_pfn(m, page));
	deactivate_page(m, page);
	(*n)++;
}

unsigned long madvise_cold(struct machine *m, struct task *t)
{
	unsigned long i, n = 0;
	int v;

	if (t->mlocked)
		return 0;
	lru_add_drain(m);   /* pages still in this CPU's pagevecs reach the LRU first */
	for (i = 0; i < t->anon_len; i++)
		madvise_cold_pte(m, &t->anon[i], &n);
	for (v = 0; v < t->nr_vmas; v++)
		for (i = 0; i < t->vmas[v].len; i++)
			madvise_cold_pte(m, &t->vmas[v].pte[i], &n);
	return n;
}

/*
 * find_get_entries(): from *off on, the next PAGEVEC_SIZE entries of the
 * file's page cache, pages and shadow entries alike (their offsets in
 * index[]); each page is taken with a reference into pvec. Moves *off past
 * the last entry looked at.
 */
static unsigned int find_get_entries(struct machine *m, struct sim_file *fl, unsigned long *off,
				     unsigned long *index, struct pagevec *pvec)
{
	unsigned int nr = 0, i;

	for (; *off < fl->size && nr < PAGEVEC_SIZE; (*off)++)
		if (fl->slot[*off] & (SLOT_PRESENT | SLOT_SHADOW))
			index[nr++] = *off;
	for (i = 0; i < nr; i++)
		if (fl->slot[index[i]] & SLOT_PRESENT) {
			get_page(&m->mem_map[fl->slot[index[i]] & PTE_VALUE]);
			pvec->pages[pvec->nr++] = (uint32_t)(fl->slot[index[i]] & PTE_VALUE);
		}
	return nr;
}

/*
 * pagevec_release(): drop the batch's references (release_pages frees the
 * pages that were the last), after draining this CPU's pagevecs the first
 * time (*drained is the pagevec's percpu_pvec_drained).
 */
static void pagevec_release(struct machine *m, struct pagevec *pvec, bool *drained)
{
	if (!pvec->nr)
		return;
	if (!*drained)
		lru_add_drain(m);
	*drained = true;
	release_pages(m, pvec->pages, pvec->nr);
	pvec->nr = 0;
}

/*
 * invalidate_mapping_pages() (__invalidate_mapping_pages): look the file's
 * entries up 15 at a time (find_get_entries: pages, with a reference, and
 * shadow entries). A shadow is cleared (invalidate_exceptional_entry): the
 * page is not coming back as a refault. A clean, unmapped page nobody else
 * holds leaves the page cache without a shadow (invalidate_inode_page:
 * this is not reclaim) but keeps the lookup's reference; a locked page is
 * skipped; any other page is deactivated instead (deactivate_file_page),
 * a hint to reclaim. Each batch ends with pagevec_release(), which drains
 * this CPU's pagevecs once and frees the dropped pages together
 * (release_pages). Returns the pages dropped.
 */
unsigned long invalidate_mapping_pages(struct machine *m, int f)
{
	struct sim_file *fl = &m->files[f];
	unsigned long off = 0, dropped = 0;
	bool drained = false;   /* pagevec->percpu_pvec_drained */

	while (off < fl->size) {
		unsigned long index[PAGEVEC_SIZE];
		struct pagevec pvec = { 0 };
		unsigned int nr = find_get_entries(m, fl, &off, index, &pvec), i;

		for (i = 0; i < nr; i++) {
			struct page *page = cached_page(m, fl, index[i]);

			if (!page) {
				fl->slot[index[i]] = 0;   /* clear_shadow_entry() */
				continue;
			}
			if (PageLocked(page))
				continue;   /* trylock_page() failed: skip it */
			if (PageDirty(page) || PageWriteback(page) || page_mapped(page) ||
			    page->_refcount != 2) {
				deactivate_file_page(m, page);
			} else {
				delete_from_page_cache(m, page, 0);
				put_page(m, page);   /* the page cache's reference */
				dropped++;
			}
		}
		pagevec_release(m, &pvec, &drained);
		cond_resched(m);
	}
	return dropped;
}

/* drop_pagecache_sb() over every file: clean page cache goes. */
unsigned long drop_pagecache(struct machine *m)
{
	unsigned long dropped = 0;
	int f;

	/* sb->s_inodes has the newest inode first; one without pages is skipped, shadows and all */
	for (f = MAX_FILES - 1; f >= 0; f--)
		if (m->files[f].used && m->files[f].nrpages)
			dropped += invalidate_mapping_pages(m, f);
	return dropped;
}

/* ---- truncate, writeback, sync ---------------------------------------------------- */

/*
 * unmap_mapping_range() over the whole file: every mapping of it is zapped
 * (zap_page_range_single(): drain this CPU's pagevecs, gather, flush).
 */
static void unmap_mapping_range(struct machine *m, int f)
{
	int slot, v;

	for (slot = 0; slot < MAX_TASKS; slot++) {
		struct task *t = &m->tasks[slot];

		if (!t->used)
			continue;
		for (v = 0; v < t->nr_vmas; v++) {
			struct mmu_gather gather = { m->tlb_pages, 0 };

			if (t->vmas[v].file != f)
				continue;
			lru_add_drain(m);
			zap_vma(m, t, &t->vmas[v], &gather);
			tlb_flush_mmu(m, &gather);
		}
	}
}

/* truncate_cleanup_page() and delete_from_page_cache(): the page leaves the file. */
static void truncate_inode_page(struct machine *m, struct page *page)
{
	if (PageDirty(page))
		clear_page_dirty(m, page);   /* cancel_dirty_page() */
	delete_from_page_cache(m, page, 0);
	put_page(m, page);   /* the page cache's reference */
}

/*
 * One pass of truncate_inode_pages_range() over the file, in lookups of 15
 * entries: shadow entries are cleared; the first pass skips pages under
 * writeback (and locked ones), the second waits for them. Each batch ends
 * with pagevec_release(): the lookup references go, freeing the pages the
 * page cache let go of (this CPU's pagevecs are drained once first).
 */
static unsigned long truncate_pass(struct machine *m, int f, bool wait, bool *drained)
{
	struct sim_file *fl = &m->files[f];
	unsigned long off = 0, freed = 0;

	while (off < fl->size) {
		unsigned long index[PAGEVEC_SIZE];
		struct pagevec pvec = { 0 };
		unsigned int nr = find_get_entries(m, fl, &off, index, &pvec), i;

		for (i = 0; i < pvec.nr; i++) {
			struct page *page = &m->mem_map[pvec.pages[i]];

			if (!wait && (PageLocked(page) || PageWriteback(page)))
				continue;
			while (PageLocked(page))
				schedule_timeout(m, 1);   /* lock_page() */
			set_page_flag(page, PG_locked);
			page_changed(m, pvec.pages[i]);
			while (PageWriteback(page))   /* wait_on_page_writeback(): no rotation */
				schedule_timeout(m, 1);
			if (page->mapping == mapping_file(f)) {
				truncate_inode_page(m, page);
				freed++;
			}
			clear_page_flag(page, PG_locked);   /* unlock_page() */
			page_changed(m, pvec.pages[i]);
		}
		for (i = 0; i < nr; i++)
			if (fl->slot[index[i]] & SLOT_SHADOW)
				fl->slot[index[i]] = 0;   /* truncate_exceptional_pvec_entries() */
		pagevec_release(m, &pvec, drained);
		cond_resched(m);
	}
	return freed;
}

/*
 * truncate(file, 0): truncate_pagecache() unmaps every mapping of the
 * file, truncate_inode_pages_range() drops its pages (waiting for those
 * under writeback) and its shadow entries, and the file becomes empty.
 */
unsigned long truncate_file(struct machine *m, int f)
{
	struct sim_file *fl = &m->files[f];
	bool drained = false;
	unsigned long freed, off;

	unmap_mapping_range(m, f);
	freed = truncate_pass(m, f, false, &drained);
	freed += truncate_pass(m, f, true, &drained);
	unmap_mapping_range(m, f);   /* again, for pages mapped while it waited */
	for (off = 0; off < fl->size; off++)
		fl->slot[off] = fl->version[off] = fl->disk_version[off] = 0;
	fl->size = 0;
	return freed;
}

/* write_cache_pages(): start writeback of up to max dirty pages of one file. */
static unsigned long writeback_file(struct machine *m, int f, unsigned long max)
{
	struct sim_file *fl = &m->files[f];
	unsigned long started = 0, off;

	for (off = 0; off < fl->size && started < max && fl->nr_dirty; off++) {
		struct page *page = cached_page(m, fl, off);

		if (!page || !PageDirty(page) || PageWriteback(page) || PageLocked(page))
			continue;
		clear_page_dirty(m, page);
		set_page_writeback(m, page);
		disk_submit(m, page, IO_WRITE_FILE);
		started++;
	}
	if (!fl->nr_dirty)
		fl->dirtied_when = 0;
	return started;
}

/* Write back up to max dirty file pages, file by file, lowest offset first. */
unsigned long writeback_dirty(struct machine *m, unsigned long max)
{
	unsigned long started = 0;
	int f;

	for (f = 0; f < MAX_FILES && started < max; f++)
		if (m->files[f].used && m->files[f].nr_dirty)
			started += writeback_file(m, f, max - started);
	return started;
}

unsigned long writeback_old_files(struct machine *m)
{
	unsigned long expire = (unsigned long)m->dirty_expire_centisecs * HZ / 100, started = 0;
	int f;

	for (f = 0; f < MAX_FILES; f++) {
		struct sim_file *fl = &m->files[f];

		if (fl->used && fl->nr_dirty && m->jiffies - fl->dirtied_when >= expire)
			started += writeback_file(m, f, ~0UL);
	}
	return started;
}

unsigned long sync_all(struct machine *m, unsigned long *waited)
{
	unsigned long n = writeback_dirty(m, ~0UL);

	*waited = 0;
	while (m->disk.n) {
		schedule_timeout(m, 1);
		(*waited)++;
	}
	return n;
}

/* ---- the dirty limits ------------------------------------------------------------- */

/*
 * The pages of a domain (the machine, or one node) that page cache could
 * use: its free pages above the kernel's reserves, plus its file LRU. The
 * reserves (totalreserve_pages: each zone's high mark and largest lowmem
 * reserve) are not dirtyable, so that reclaim never has to clean pages
 * to balance the zones.
 */
static unsigned long dirtyable_memory(unsigned long free, unsigned long reserve,
				      unsigned long file)
{
	free -= free < reserve ? free : reserve;
	return free + file;
}

/* global_dirtyable_memory(): every node's; never 0 (the +1). */
unsigned long global_dirtyable_memory(struct machine *m)
{
	unsigned long file = global_node_page_state(m, NR_INACTIVE_FILE) +
			     global_node_page_state(m, NR_ACTIVE_FILE);

	return dirtyable_memory(global_zone_page_state(m, NR_FREE_PAGES),
				m->totalreserve_pages, file) + 1;
}

/* A node counter, as node_page_state() reads it: never below 0. */
static unsigned long node_state(const pg_data_t *pgdat, enum node_stat_item item)
{
	return pgdat->vm_stat[item] < 0 ? 0 : (unsigned long)pgdat->vm_stat[item];
}

/* node_dirtyable_memory(): the free pages of the node's populated zones (no +1). */
unsigned long node_dirtyable_memory(const pg_data_t *pgdat)
{
	unsigned long free = 0;
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++) {
		const struct zone *zone = &pgdat->node_zones[z];

		if (populated_zone(zone) && zone_page_state(zone, NR_FREE_PAGES) > 0)
			free += (unsigned long)zone_page_state(zone, NR_FREE_PAGES);
	}
	return dirtyable_memory(free, pgdat->totalreserve_pages,
				node_state(pgdat, NR_INACTIVE_FILE) +
				node_state(pgdat, NR_ACTIVE_FILE));
}

/*
 * node_dirty_limit(): vm.dirty_ratio percent of the node's dirtyable
 * memory, in whole percent (unlike domain_dirty_limits(), which works in
 * parts per PAGE_SIZE). The kernel adds a quarter for realtime tasks;
 * nothing in mmsh runs with a realtime priority, and vm.dirty_bytes
 * (which would scale the byte limit by the node's share of the global
 * dirtyable memory) is not modelled.
 */
unsigned long node_dirty_limit(const pg_data_t *pgdat)
{
	return (unsigned long)pgdat->machine->vm_dirty_ratio * node_dirtyable_memory(pgdat) / 100;
}

/*
 * node_dirty_ok(): whether the node's dirty and writeback pages are
 * within its dirty limit. get_page_from_freelist() asks it for
 * __GFP_WRITE page cache in the fast path, so that no node holds more
 * than its share of the dirty pages.
 */
bool node_dirty_ok(const pg_data_t *pgdat)
{
	struct machine *m = pgdat->machine;
	unsigned long limit = node_dirty_limit(pgdat);
	unsigned long dirty = node_state(pgdat, NR_FILE_DIRTY);
	unsigned long writeback = node_state(pgdat, NR_WRITEBACK);
	bool ok = dirty + writeback <= limit;

	KSTEP(m, "node_dirty_ok",
	      "node %d: NR_FILE_DIRTY %lu + NR_WRITEBACK %lu = %lu %s limit %lu "
	      "(dirty_ratio %d%% of %lu dirtyable pages): %s",
	      pgdat->node_id, dirty, writeback, dirty + writeback, ok ? "<=" : ">", limit,
	      m->vm_dirty_ratio, node_dirtyable_memory(pgdat),
	      ok ? "within its dirty limit" : "over its dirty limit");
	return ok;
}

/*
 * domain_dirty_limits() with ratios (no *_bytes): the ratios become parts
 * per PAGE_SIZE first, as the kernel computes them; background is at most
 * half the limit.
 */
void global_dirty_limits(struct machine *m, unsigned long *background, unsigned long *dirty)
{
	unsigned long available = global_dirtyable_memory(m);
	unsigned long ratio = (unsigned long)m->vm_dirty_ratio * PAGE_SIZE / 100;
	unsigned long bg_ratio = (unsigned long)m->dirty_background_ratio * PAGE_SIZE / 100;
	unsigned long thresh = ratio * available / PAGE_SIZE;
	unsigned long bg = bg_ratio * available / PAGE_SIZE;

	if (bg >= thresh)
		bg = thresh / 2;
	*background = bg;
	*dirty = thresh;
}

/* ---- the disk ------------------------------------------------------------------------ */

int disk_set_latency(struct machine *m, unsigned long jiffies, struct mm_error *err)
{
	if (jiffies < 1 || jiffies > DISK_MAX_LATENCY)
		return mm_error_set(err, "latency: %lu jiffies is outside 1..%d (a jiffy to a minute)",
				    jiffies, DISK_MAX_LATENCY);
	m->disk.latency = jiffies;
	return 0;
}

void disk_submit(struct machine *m, struct page *page, enum io_kind kind)
{
	struct disk *d = &m->disk;

	if (d->n == d->cap) {
		unsigned long cap = d->cap ? d->cap * 2 : 256;
		struct io_request *q = realloc(d->q, cap * sizeof(*q));

		if (!q)
			return;   /* out of host memory: the write is lost; check reports it */
		d->q = q;
		d->cap = cap;
	}
	d->q[d->n].pfn = (uint32_t)page_to_pfn(m, page);
	d->q[d->n].kind = kind;
	d->q[d->n].data = kind == IO_WRITE_FILE ? m->files[file_owner(page)].version[page->index]
						: page_content_get(m, page_to_pfn(m, page));
	d->q[d->n].done_at = m->jiffies + d->latency;
	d->n++;
	count_vm_events(m, PGPGOUT, 8);
	if (kind == IO_WRITE_SWAP)
		count_vm_events(m, PSWPOUT, 1);
}

/* The data reaches the disk (file offset or swap slot), then end_page_writeback(). */
unsigned long disk_complete(struct machine *m)
{
	struct disk *d = &m->disk;
	unsigned long i, kept = 0, done = 0;

	for (i = 0; i < d->n; i++) {
		struct io_request r = d->q[i];
		struct page *page;

		if (r.done_at > m->jiffies) {
			d->q[kept++] = r;
			continue;
		}
		page = &m->mem_map[r.pfn];
		/* the data as it was when the write was submitted reaches the disk */
		if (r.kind == IO_WRITE_FILE)
			m->files[file_owner(page)].disk_version[page->index] = r.data;
		else
			contents_set(&m->swap.data, page->private - 1, r.data);
		end_page_writeback(m, page);
		d->written++;
		done++;
	}
	d->n = kept;
	return done;
}

/*
 * wb_check_background_flush() -> wb_writeback(for_background): while the
 * dirty pages are above the background limit, every dirty file gets a
 * chunk written (writeback_chunk_size(): the dirty limit / DIRTY_SCOPE, at
 * most half the initial bandwidth estimate, plus MIN_WRITEBACK_PAGES,
 * rounded down to a multiple of it: at least 1024 pages), file by file;
 * the limit is checked again between rounds, not between pages.
 */
static void background_writeback(struct machine *m)
{
	unsigned long bg, thresh, chunk, progress;
	int f;

	do {
		global_dirty_limits(m, &bg, &thresh);
		if (global_node_page_state(m, NR_FILE_DIRTY) <= bg)
			break;
		chunk = thresh / DIRTY_SCOPE;
		if (chunk > INIT_BW_PAGES / 2)
			chunk = INIT_BW_PAGES / 2;
		chunk = (chunk + MIN_WRITEBACK_PAGES) / MIN_WRITEBACK_PAGES * MIN_WRITEBACK_PAGES;
		progress = 0;
		for (f = 0; f < MAX_FILES; f++)
			if (m->files[f].used && m->files[f].nr_dirty)
				progress += writeback_file(m, f, chunk);
	} while (progress);
}

/* ---- time -------------------------------------------------------------------------------- */

/*
 * One jiffy: I/O due now completes, the flusher writes back above the
 * background limit, and the daemons that were woken run (unless the one
 * sleeping is that daemon itself).
 */
static void one_jiffy(struct machine *m)
{
	unsigned long bg, thresh, dirty;

	m->jiffies++;
	if (m->clock_ns < (uint64_t)m->jiffies * NSEC_PER_JIFFY)
		m->clock_ns = (uint64_t)m->jiffies * NSEC_PER_JIFFY;
	disk_complete(m);
	if (m->sleep_depth > MAX_SLEEP_DEPTH)
		return;   /* a sleep inside a daemon's sleep: only the disk works */
	/* the flusher: work reclaim queued, above the background limit, old data */
	if (m->flusher_work) {
		m->flusher_work = false;
		writeback_dirty(m, ~0UL);
	}
	global_dirty_limits(m, &bg, &thresh);
	dirty = global_node_page_state(m, NR_FILE_DIRTY);
	if (dirty > bg)
		background_writeback(m);
	if (m->dirty_writeback_centisecs && m->jiffies >= m->next_kupdate) {
		m->next_kupdate = m->jiffies + (unsigned long)m->dirty_writeback_centisecs * HZ / 100;
		writeback_old_files(m);
	}
	if (!(m->current_flags & PF_KSWAPD))
		kswapd_tick(m);
	if (!m->in_kcompactd)
		kcompactd_tick(m);
}

/* A jiffy passes, and `plot` takes its sample of the zones at its end. */
static void jiffy_passes(struct machine *m)
{
	one_jiffy(m);
	sample_record(m);
}

/* The jiffies the simulated clock has already passed. */
static void catch_up(struct machine *m)
{
	while (!m->panicked && !mm_interrupted(m) && m->clock_ns / NSEC_PER_JIFFY > m->jiffies)
		jiffy_passes(m);
}

void tick(struct machine *m, unsigned long jiffies)
{
	unsigned long i;

	catch_up(m);
	for (i = 0; i < jiffies && !m->panicked && !mm_interrupted(m); i++)
		jiffy_passes(m);
}

void schedule_timeout(struct machine *m, unsigned long jiffies)
{
	m->sleep_depth++;
	tick(m, jiffies);
	m->sleep_depth--;
}

/*
 * cond_resched(): the caller may be preempted here. Kernel work and user
 * page accesses move the clock; the jiffies it passed run now. Reclaimers
 * and daemons are never preempted this way in mmsh (their sleeps are).
 */
void cond_resched(struct machine *m)
{
	if ((m->current_flags & (PF_MEMALLOC | PF_KSWAPD)) || m->in_kcompactd || m->sleep_depth)
		return;
	catch_up(m);
}

/* A user access to one page (fault, read or write copy) takes this long. */
static void user_page_access(struct machine *m)
{
	m->clock_ns += USER_PAGE_NS;
}

/* ---- seeded workloads ------------------------------------------------------------------- */

/* zipf(s = 1) over n items: the inverse of the cumulative harmonic weights. */
static unsigned long zipf_pick(struct machine *m, const double *cdf, unsigned long n)
{
	double u = (double)(mm_random(m) >> 11) / (double)(1ULL << 53);
	unsigned long lo = 0, hi = n - 1;

	while (lo < hi) {
		unsigned long mid = (lo + hi) / 2;

		if (cdf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int workload_run(struct machine *m, const char *kind, const char *target,
		 unsigned long ops, unsigned long size, struct strbuf *sb,
		 struct mm_error *err)
{
	unsigned long i, before_in = m->vm_events[PGPGIN], before_major = m->vm_events[PGMAJFAULT];
	int f;

	if (size == 0)
		return mm_error_set(err, "a workload needs at least one page");
	if (strcmp(kind, "anon-grow") && strcmp(kind, "seq") && strcmp(kind, "streaming-read") &&
	    strcmp(kind, "random") && strcmp(kind, "zipf"))
		return mm_error_set(err, "unknown workload '%s' (seq, random, zipf, streaming-read, anon-grow)",
				    kind);
	if (strcmp(kind, "anon-grow") == 0) {
		struct task *t = task_find(m, target);
		long n;

		if (!t && !(t = task_new(m, target, 0, err)))
			return -1;
		n = fault_anon(m, t, size, err);
		sb_printf(sb, "workload anon-grow: %s faulted %ld of %lu pages (rss %lu, swapents %lu)\n",
			  target, n, size, t->used ? task_rss(t) : 0, t->used ? t->swapents : 0);
		return n < 0 ? -1 : 0;
	}
	f = file_get(m, target, err);
	if (f < 0)
		return -1;
	if (strcmp(kind, "seq") == 0 || strcmp(kind, "streaming-read") == 0) {
		unsigned long passes = strcmp(kind, "seq") == 0 ? (ops ? ops : 1) : 1;

		for (i = 0; i < passes && !mm_interrupted(m); i++)
			if (file_read(m, f, 0, size, err) < 0)
				return -1;
		sb_printf(sb, "workload %s: %lu pass%s over %lu pages of %s\n", kind, i,
			  i == 1 ? "" : "es", size, target);
	} else if (strcmp(kind, "random") == 0 || strcmp(kind, "zipf") == 0) {
		double *cdf = NULL;

		if (strcmp(kind, "zipf") == 0) {
			double sum = 0;

			cdf = malloc(sizeof(*cdf) * size);
			if (!cdf)
				return mm_error_set(err, "out of host memory");
			for (i = 0; i < size; i++)
				sum += 1.0 / (double)(i + 1);
			for (i = 0; i < size; i++)
				cdf[i] = (i ? cdf[i - 1] : 0) + 1.0 / (double)(i + 1) / sum;
		}
		for (i = 0; i < ops && !mm_interrupted(m); i++) {
			unsigned long off = cdf ? zipf_pick(m, cdf, size) : (unsigned long)(mm_random(m) % size);

			if (file_read(m, f, off, 1, err) < 0) {
				free(cdf);
				return -1;
			}
		}
		free(cdf);
		sb_printf(sb, "workload %s: %lu reads over %lu pages of %s\n", kind, i, size, target);
	} else {
		return mm_error_set(err, "unknown workload '%s' (seq, random, zipf, streaming-read, anon-grow)",
				    kind);
	}
	sb_printf(sb, "  pages read from disk: %lu (cache hits: %lu)\n",
		  (m->vm_events[PGPGIN] - before_in) / 8,
		  ops && strcmp(kind, "seq") ? ops - (m->vm_events[PGPGIN] - before_in) / 8 : 0);
	(void)before_major;
	return 0;
}
