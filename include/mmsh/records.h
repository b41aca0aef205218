/*
 * include/mmsh/records.h: every view as records, for `set output json|csv`.
 * Each rec_*() appends rows to a table (table.h) with the columns declared
 * here; the key names are stable and documented in mmsh(1), OUTPUT. The
 * rows come from the same walk (or the same helpers) as the text view.
 */
#ifndef MMSH_RECORDS_H
#define MMSH_RECORDS_H

#include "mmsh/gfp.h"
#include "mmsh/mmzone.h"
#include "mmsh/page_alloc.h"
#include "mmsh/table.h"

/*
 * The columns of each view's table (NULL-terminated), defined next to the
 * function that fills it; mmsh(1) says what each holds.
 */
extern const char *const buddyinfo_cols[];
extern const char *const pagetypeinfo_cols[];
extern const char *const zoneinfo_cols[];
extern const char *const vmstat_cols[];
extern const char *const meminfo_cols[];
extern const char *const free_area_cols[];
extern const char *const bitmap_cols[];
extern const char *const pcp_cols[];
extern const char *const page_cols[];
extern const char *const map_cols[];
extern const char *const watermarks_cols[];
extern const char *const lru_cols[];
extern const char *const extfrag_cols[];
extern const char *const disk_cols[];
extern const char *const gfp_cols[];
extern const char *const task_cols[];
extern const char *const sysctl_cols[];

/* /proc files (procfs.c). */
void rec_buddyinfo(struct machine *m, struct table *t);
void rec_pagetypeinfo(struct machine *m, struct table *t);
void rec_zoneinfo(struct machine *m, struct table *t);
void rec_vmstat(struct machine *m, struct table *t);
void rec_meminfo(struct machine *m, struct table *t);

/* The other views (views.c); zone, cpu, order and nid select as in views.h. */
void rec_free_area(struct machine *m, struct zone *zone, struct table *t);
void rec_bitmap(struct machine *m, struct zone *zone, int order, struct table *t);
void rec_pcp(struct machine *m, int cpu, struct table *t);
void rec_page(struct machine *m, unsigned long pfn, struct table *t);
void rec_map(struct machine *m, struct zone *zone, unsigned long pages_per_char,
	     struct table *t);
void rec_watermarks(struct machine *m, struct table *t);
void rec_lru(struct machine *m, int nid, struct table *t);
void rec_disk(struct machine *m, struct table *t);
void rec_gfp(struct machine *m, gfp_t gfp, struct table *t);

/* debugfs extfrag (compaction.c). */
void rec_extfrag(struct machine *m, int nid, struct zone *zone, struct table *t);

/* Tasks and sysctls (records.c); name NULL: every readable sysctl. */
void rec_tasks(struct machine *m, struct table *t);
int rec_sysctl(struct machine *m, const char *name, struct table *t, struct mm_error *err);
/* A sysctl's value as /proc prints it, as a cell: a number, a list of numbers or text. */
void table_sysctl_value(struct table *t, const char *col, const char *text);

/* How an allocation ended, as a short word: "fastpath", ..., "fail_oom". */
const char *alloc_outcome_name(enum alloc_outcome outcome);

#endif
