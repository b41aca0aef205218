/*
 * include/mmsh/workload.h: what owns the pages reclaim works on. Tasks with
 * anonymous memory (and mappings of files), files with a page cache, a swap
 * device with slots, a disk that finishes I/O after a delay, and simulated
 * time in jiffies. Every owned page carries a content word set when its data
 * is created, so `check` can prove no data is lost or mixed up by reclaim,
 * swap, writeback or migration.
 */
#ifndef MMSH_WORKLOAD_H
#define MMSH_WORKLOAD_H

#include <stdbool.h>
#include <stdint.h>

#include "mmsh/error.h"
#include "mmsh/lru.h"
#include "mmsh/page_content.h"
#include "mmsh/strbuf.h"

struct machine;
struct pglist_data;

#define HZ 250                          /* CONFIG_HZ_250, as Debian builds 5.10 */
#define MAX_TASKS 256
#define MAX_FILES 256
#define TASK_COMM_LEN 16
#define OOM_SCORE_ADJ_MIN (-1000)
#define OOM_SCORE_ADJ_MAX 1000
/* A write reaches the disk 10 jiffies (40 ms) after it is submitted. */
#define DISK_DEFAULT_LATENCY 10
/* jiffies to nanoseconds of the simulated clock */
#define NSEC_PER_JIFFY (1000000000ULL / HZ)
/* The pages one mmu_gather holds before a flush is forced (8 + 19 * 510). */
#define MMU_GATHER_PAGES 9698
/* Entries per page-table page on x86-64 (PTRS_PER_PTE = PTRS_PER_PMD = 512). */
#define PTRS_PER_PTE 512UL
/* A user page access (fault, or copying a page in read/write) costs 1 us. */
#define USER_PAGE_NS 1000ULL
/* Sleeps nest (a daemon sleeps while a reclaimer sleeps); deeper ones only tick the disk. */
#define MAX_SLEEP_DEPTH 8

/*
 * A page table entry of the simulation: present (a pfn) or swapped (a slot),
 * with the young bit the MMU sets on access and page_referenced() clears.
 */
typedef uint64_t pte_t;
#define PTE_PRESENT (1ULL << 63)
#define PTE_SWAP    (1ULL << 62)
#define PTE_YOUNG   (1ULL << 61)
#define PTE_VALUE   0xffffffffULL

static inline bool pte_present(pte_t p) { return p & PTE_PRESENT; }
static inline bool pte_swapped(pte_t p) { return p & PTE_SWAP; }
static inline unsigned long pte_val(pte_t p) { return (unsigned long)(p & PTE_VALUE); }

/* A mapping of a file into a task (mmap of FILE at offset pgoff). */
struct file_vma {
	int file;                        /* index in machine->files */
	unsigned long pgoff, len;
	bool exec;                       /* VM_EXEC: executable text */
	pte_t *pte;                      /* len entries: present pfn or none */
};

struct task {
	bool used;
	int pid;
	char comm[TASK_COMM_LEN];
	int oom_score_adj;
	bool mlocked;                    /* mlockall: every vma VM_LOCKED */
	bool oom_victim;                 /* killed by the OOM killer */
	/* the anonymous area, grown by faults; vpage i is at index i */
	pte_t *anon;
	uint32_t *anon_want;             /* content each vpage must hold */
	unsigned long anon_len, anon_cap;
	struct file_vma *vmas;
	int nr_vmas;
	/* mm counters (get_mm_counter) */
	unsigned long rss_anon, rss_file, swapents;
};

/* A page cache slot: a present page, a shadow of an evicted one, or none. */
typedef uint64_t cache_slot_t;
#define SLOT_PRESENT (1ULL << 63)
#define SLOT_SHADOW  (1ULL << 62)

struct sim_file {
	bool used;
	char name[32];
	unsigned long size, cap;         /* pages */
	cache_slot_t *slot;
	uint32_t *version;               /* the data each offset must hold */
	uint32_t *disk_version;          /* the data on disk at each offset */
	unsigned long nrpages;           /* pages in the page cache */
	unsigned long nr_dirty;          /* of them dirty */
	unsigned long dirtied_when;      /* jiffies the file became dirty (the inode's) */
};

/* The swap device: a usage byte and the stored data per slot. */
#define SWAP_HAS_CACHE 0x80
#define SWAP_MAP_MAX   0x7f
#define SWAP_MAP_BAD   0x3f            /* the header slot: never used */

struct swap_device {
	unsigned long nr_slots;          /* slots on the device, the header's included */
	unsigned long pages;             /* total_swap_pages: slot 0 is the header */
	uint8_t *map;                    /* pte references | SWAP_HAS_CACHE */
	struct page_contents data;       /* content written to the slot, in chunks */
	uint64_t *cache;                 /* swap cache: SLOT_PRESENT|pfn, or a shadow */
	unsigned long inuse;             /* slots in use */
	unsigned long cluster_next;      /* where the next search starts */
	/* swap_cache_info of mm/swap_state.c, and the pages in the cache */
	unsigned long cache_pages, add_total, del_total, find_success, find_total;
};

/* An I/O the disk is working on. */
enum io_kind {
	IO_WRITE_FILE,
	IO_WRITE_SWAP,
};

struct io_request {
	uint32_t pfn;
	enum io_kind kind;
	uint32_t data;                   /* what is written: a file version or a page's data */
	unsigned long done_at;           /* jiffies */
};

/* Background writeback's chunk (fs/fs-writeback.c): MIN_WRITEBACK_PAGES is
 * 4 MiB; DIRTY_SCOPE divides the dirty limit; INIT_BW is 100 MiB/s. */
#define MIN_WRITEBACK_PAGES 1024UL
#define DIRTY_SCOPE 8UL
#define INIT_BW_PAGES 25600UL

/* The longest disk latency `disk latency=N` accepts: a minute. */
#define DISK_MAX_LATENCY (60 * HZ)

struct disk {
	struct io_request *q;
	unsigned long n, cap;
	unsigned long latency;           /* jiffies from submission to completion */
	unsigned long written;           /* pages written since boot */
};

/*
 * disk_set_latency(): writes submitted from now on complete this many
 * jiffies later (1 to DISK_MAX_LATENCY); those in flight keep their time.
 */
int disk_set_latency(struct machine *m, unsigned long jiffies, struct mm_error *err);

/* ---- content ------------------------------------------------------------- */

uint32_t content_anon(int pid, unsigned long vpage, unsigned long generation);
uint32_t content_file(int file, unsigned long offset, uint32_t version);

/* ---- tasks (fault, touch, munmap, mlock, kill) --------------------------- */


struct task *task_find(struct machine *m, const char *comm);
struct task *task_new(struct machine *m, const char *comm, int oom_score_adj,
		      struct mm_error *err);
/* do_anonymous_page() for n more vpages of the task's anonymous area. */
long fault_anon(struct machine *m, struct task *t, unsigned long n, struct mm_error *err);
/* Map n pages of a file into the task (filemap_fault on each). */
long fault_file(struct machine *m, struct task *t, int file, unsigned long pgoff,
		unsigned long n, bool exec, struct mm_error *err);
/* An access to every mapped page of the task: young ptes, swap-ins. */
long touch_task(struct machine *m, struct task *t, struct mm_error *err);
unsigned long munmap_task(struct machine *m, struct task *t, unsigned long n);
int mlock_task(struct machine *m, struct task *t, bool lock, struct mm_error *err);
/* exit_mmap(): every page and swap entry of the task is released. */
void task_exit(struct machine *m, struct task *t);
/* Host memory of a task or file, at machine_destroy(). */
void task_free(struct task *t);
void file_free(struct sim_file *fl);
unsigned long task_rss(const struct task *t);

/* ---- files (read, write, truncate, sync) --------------------------------- */

int file_find(struct machine *m, const char *name);
int file_get(struct machine *m, const char *name, struct mm_error *err);
/* Read or write n pages from offset: page cache lookups, faults, dirtying. */
/* The largest file in pages: reads, writes and maps end below it. */
unsigned long file_max_pages(const struct machine *m);
/* Pages [offset, offset + n) within it? 0, or -1 with the reason in err. */
int file_range_check(const struct machine *m, unsigned long offset, unsigned long n,
		     struct mm_error *err);
long file_read(struct machine *m, int file, unsigned long offset, unsigned long n,
	       struct mm_error *err);
long file_write(struct machine *m, int file, unsigned long offset, unsigned long n,
		struct mm_error *err);
long touch_file(struct machine *m, int file, struct mm_error *err);
unsigned long truncate_file(struct machine *m, int file);
/* invalidate_mapping_pages(): drop the file's clean, unmapped cache; deactivate the rest. */
unsigned long invalidate_mapping_pages(struct machine *m, int file);
/* vm.drop_caches=1: invalidate every file's page cache. */
unsigned long drop_pagecache(struct machine *m);
/*
 * madvise(MADV_COLD) over all of a task's memory; returns the pages it
 * made old (present, mapped only by this task); the active ones among
 * them are queued for deactivation.
 */
unsigned long madvise_cold(struct machine *m, struct task *t);
/* Periodic writeback (wb_check_old_data_flush): files dirty for longer than
 * vm.dirty_expire_centisecs, every vm.dirty_writeback_centisecs. */
unsigned long writeback_old_files(struct machine *m);
/* Start writeback of every dirty page (and, for sync, wait for it). */
unsigned long writeback_dirty(struct machine *m, unsigned long max_pages);
unsigned long sync_all(struct machine *m, unsigned long *waited);

/* ---- the disk and time ----------------------------------------------------- */

void disk_submit(struct machine *m, struct page *page, enum io_kind kind);
/* end_page_writeback() of every request due by now. */
unsigned long disk_complete(struct machine *m);
/* Advance time: I/O completes, woken daemons run. Returns jiffies advanced. */
void tick(struct machine *m, unsigned long jiffies);
/* A task sleeps (congestion_wait, throttling): time passes the same way. */
void schedule_timeout(struct machine *m, unsigned long jiffies);
/* cond_resched(): run the jiffies the simulated clock passed (see workload.c). */
void cond_resched(struct machine *m);

/* ---- page cache helpers ------------------------------------------------------- */

/* set_page_dirty(), clear, and the writeback flag with their counters. */
void set_page_dirty(struct machine *m, struct page *page);
void clear_page_dirty(struct machine *m, struct page *page);
void set_page_writeback(struct machine *m, struct page *page);
void end_page_writeback(struct machine *m, struct page *page);
/* delete_from_page_cache(): leaves a shadow when given one. */
void delete_from_page_cache(struct machine *m, struct page *page, uint64_t shadow);

/* ---- the dirty limits (mm/page-writeback.c) -------------------------------- */

unsigned long global_dirtyable_memory(struct machine *m);
void global_dirty_limits(struct machine *m, unsigned long *background, unsigned long *dirty);
/* The per-node limit that spreads __GFP_WRITE allocations (get_page_from_freelist). */
unsigned long node_dirtyable_memory(const struct pglist_data *pgdat);
unsigned long node_dirty_limit(const struct pglist_data *pgdat);
bool node_dirty_ok(const struct pglist_data *pgdat);

/* ---- seeded workloads --------------------------------------------------------- */

uint64_t mm_random(struct machine *m);
int workload_run(struct machine *m, const char *kind, const char *target,
		 unsigned long ops, unsigned long size, struct strbuf *sb,
		 struct mm_error *err);

#endif
