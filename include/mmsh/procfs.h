/*
 * include/mmsh/procfs.h: the /proc files of Linux 5.10 (mm/vmstat.c,
 * fs/proc/meminfo.c), formatted byte for byte from engine state.
 */
#ifndef MMSH_PROCFS_H
#define MMSH_PROCFS_H

#include "mmsh/mmzone.h"
#include "mmsh/strbuf.h"

void proc_buddyinfo(struct machine *m, struct strbuf *sb);
void proc_pagetypeinfo(struct machine *m, struct strbuf *sb);
void proc_zoneinfo(struct machine *m, struct strbuf *sb);
void proc_vmstat(struct machine *m, struct strbuf *sb);
void proc_meminfo(struct machine *m, struct strbuf *sb);

/*
 * free_list_count(): the entries of a list (a free list, a pcp list),
 * counting at most `cap` of them (PAGETYPEINFO_CAP: as /proc/pagetypeinfo).
 */
#define PAGETYPEINFO_CAP 100000UL
unsigned long free_list_count(const struct machine *m, uint32_t head, unsigned long cap);

/* si_mem_available(): MemAvailable in pages. */
long si_mem_available(struct machine *m);

#endif
