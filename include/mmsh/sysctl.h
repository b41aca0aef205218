/*
 * include/mmsh/sysctl.h: the vm.* sysctls mmsh models, with the kernel's
 * ranges and handlers (kernel/sysctl.c, mm/page_alloc.c). Writing one
 * recomputes what the kernel recomputes: watermarks, lowmem_reserve or the
 * pcp high/batch.
 */
#ifndef MMSH_SYSCTL_H
#define MMSH_SYSCTL_H

#include <stddef.h>

#include "mmsh/error.h"
#include "mmsh/mmzone.h"
#include <stdbool.h>

#include "mmsh/strbuf.h"

struct sysctl_entry {
	const char *name;          /* without "vm." */
	const char *help;          /* one line */
	/* a plain integer: its place in struct machine and its range (0, 0: special) */
	size_t offset;
	long lo, hi;
	bool write_only;           /* mode 0200: reading it is refused */
};

/* The table, in the order `sysctl` lists it. */
const struct sysctl_entry *sysctl_table(size_t *n);

/* sysctl_lookup(): accepts "vm.NAME" or "NAME"; NULL when unknown. */
const struct sysctl_entry *sysctl_lookup(const char *name);

/* sysctl_read(): the value as /proc/sys/vm/NAME prints it (no newline). */
int sysctl_read(struct machine *m, const char *name, struct strbuf *sb,
		struct mm_error *err);

/*
 * sysctl_write(): parse and apply; nothing changes when the value is
 * refused. Arrays accept numbers separated by spaces, tabs or commas.
 */
int sysctl_write(struct machine *m, const char *name, const char *value,
		 struct mm_error *err);

#endif
