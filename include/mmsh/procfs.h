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

/* pagetypeinfo counts a free list up to here, and prints ">" beyond. */
#define PAGETYPEINFO_CAP 100000UL

/* si_mem_available(): MemAvailable in pages. */
long si_mem_available(struct machine *m);

#endif
