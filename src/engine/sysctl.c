/*
 * src/engine/sysctl.c: the vm.* knobs of the page allocator, with the
 * ranges kernel/sysctl.c gives them and what their handlers in
 * mm/page_alloc.c recompute. A refused value changes nothing.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "mmsh/pcp.h"
#include "mmsh/sysctl.h"
#include "mmsh/watermark.h"
#include "mmsh/workload.h"

static const struct sysctl_entry table[] = {
	{ "min_free_kbytes",
	  "kB kept free; sets the min watermarks (min/low/high recomputed)", 0, 0, 0, false },
	{ "watermark_scale_factor",
	  "distance from min to low and low to high, in 1/10000 of a zone (1-1000)", 0, 0, 0, false },
	{ "watermark_boost_factor",
	  "how far a fragmenting steal may boost watermarks, in 1/10000 of high", 0, 0, 0, false },
	{ "lowmem_reserve_ratio",
	  "per zone: pages kept from requests that could use higher zones = higher zones' pages / ratio", 0, 0, 0, false },
	{ "percpu_pagelist_fraction",
	  "0: pcp high/batch from zone_batchsize(); N >= 8: high = managed pages / N", 0, 0, 0, false },
	{ "swappiness",
	  "0-200: how readily reclaim swaps anonymous pages rather than dropping page cache",
	  offsetof(struct machine, vm_swappiness), 0, 200, false },
	{ "extfrag_threshold",
	  "0-1000: direct compaction for orders above 3 runs only above this fragmentation index",
	  offsetof(struct machine, sysctl_extfrag_threshold), 0, 1000, false },
	{ "compaction_proactiveness",
	  "0-100: how hard kcompactd compacts in the background (0: only when asked)",
	  offsetof(struct machine, sysctl_compaction_proactiveness), 0, 100, false },
	{ "dirty_ratio",
	  "0-100: percent of dirtyable memory at which writers must write back themselves",
	  offsetof(struct machine, vm_dirty_ratio), 0, 100, false },
	{ "dirty_background_ratio",
	  "0-100: percent of dirtyable memory above which the flusher writes back",
	  offsetof(struct machine, dirty_background_ratio), 0, 100, false },
	{ "dirty_expire_centisecs",
	  "age (1/100 s) at which dirty data is old enough for periodic writeback",
	  offsetof(struct machine, dirty_expire_centisecs), 0, INT_MAX, false },
	{ "dirty_writeback_centisecs",
	  "interval (1/100 s) of periodic writeback; 0 turns it off",
	  offsetof(struct machine, dirty_writeback_centisecs), 0, INT_MAX, false },
	{ "laptop_mode",
	  "non-zero: reclaim does not write pages (may_writepage) until it gets desperate",
	  offsetof(struct machine, laptop_mode), 0, INT_MAX, false },
	{ "panic_on_oom",
	  "0: the OOM killer kills; 1 or 2: the kernel panics instead",
	  offsetof(struct machine, sysctl_panic_on_oom), 0, 2, false },
	{ "oom_kill_allocating_task",
	  "non-zero: the OOM killer kills the task that allocated, if it can",
	  offsetof(struct machine, sysctl_oom_kill_allocating_task), INT_MIN, INT_MAX, false },
	{ "oom_dump_tasks",
	  "non-zero: the OOM report lists every task's memory",
	  offsetof(struct machine, sysctl_oom_dump_tasks), INT_MIN, INT_MAX, false },
	{ "drop_caches",
	  "write 1: drop the clean page cache; 2: slab (none in mmsh); 3: both; 4: quiet",
	  0, 1, 4, true },
};

#define NR_SYSCTLS (sizeof(table) / sizeof(table[0]))

const struct sysctl_entry *sysctl_table(size_t *n)
{
	*n = NR_SYSCTLS;
	return table;
}

const struct sysctl_entry *sysctl_lookup(const char *name)
{
	size_t i;

	if (strncmp(name, "vm.", 3) == 0)
		name += 3;
	for (i = 0; i < NR_SYSCTLS; i++)
		if (strcmp(name, table[i].name) == 0)
			return &table[i];
	return NULL;
}

/* proc_dointvec's number: decimal, 0x hex or leading-0 octal, one int. */
static int parse_int(const char *s, size_t len, long *out)
{
	char tmp[32], *end;
	long v;

	if (len == 0 || len >= sizeof(tmp))
		return -1;
	/* proc_get_long(): an optional '-', then a digit; no '+', no blanks */
	if (!isdigit((unsigned char)s[0]) &&
	    !(s[0] == '-' && len > 1 && isdigit((unsigned char)s[1])))
		return -1;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	errno = 0;
	v = strtol(tmp, &end, 0);
	if (errno || *end || v < INT_MIN || v > INT_MAX)
		return -1;
	*out = v;
	return 0;
}

/* Split "256 256 32 0" (spaces, tabs or commas) into at most max ints. */
static int parse_int_list(const char *s, long *vals, int max, int *n,
			  struct mm_error *err, const char *name)
{
	const char *p = s;

	*n = 0;
	while (*p) {
		size_t len;

		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (!*p)
			break;
		len = strcspn(p, " \t,");
		if (*n == max)
			return mm_error_set(err, "vm.%s takes at most %d values", name, max);
		if (parse_int(p, len, &vals[*n]) < 0)
			return mm_error_set(err, "vm.%s: '%.*s' is not an integer", name,
					    (int)len, p);
		(*n)++;
		p += len;
	}
	if (*n == 0)
		return mm_error_set(err, "vm.%s needs a value", name);
	return 0;
}

int sysctl_read(struct machine *m, const char *name, struct strbuf *sb,
		struct mm_error *err)
{
	const struct sysctl_entry *e = sysctl_lookup(name);
	int i;

	if (!e)
		return mm_error_set(err, "unknown sysctl '%s' (try: sysctl)", name);
	if (e->write_only)
		return mm_error_set(err, "vm.%s: permission denied (it is write-only, mode 0200)",
				    e->name);
	if (e->offset)
		sb_printf(sb, "%d", *(const int *)((const char *)m + e->offset));
	else if (strcmp(e->name, "min_free_kbytes") == 0)
		sb_printf(sb, "%d", m->min_free_kbytes);
	else if (strcmp(e->name, "watermark_scale_factor") == 0)
		sb_printf(sb, "%d", m->watermark_scale_factor);
	else if (strcmp(e->name, "watermark_boost_factor") == 0)
		sb_printf(sb, "%d", m->watermark_boost_factor);
	else if (strcmp(e->name, "percpu_pagelist_fraction") == 0)
		sb_printf(sb, "%d", m->percpu_pagelist_fraction);
	else
		for (i = 0; i < MAX_NR_ZONES; i++)
			sb_printf(sb, "%s%d", i ? "\t" : "", m->sysctl_lowmem_reserve_ratio[i]);
	return 0;
}

/*
 * drop_caches_sysctl_handler(): 1 drops the clean page cache
 * (drop_pagecache_sb on every file), 2 the slab caches (mmsh has none),
 * 4 silences the message from then on.
 */
static void drop_caches_sysctl_handler(struct machine *m, int v)
{
	m->sysctl_drop_caches = v;
	if (v & 1) {
		drop_pagecache(m);
		count_vm_events(m, DROP_PAGECACHE, 1);
	}
	if (v & 2)
		count_vm_events(m, DROP_SLAB, 1);
	if (!m->drop_caches_stfu)
		printk(m, "%s (%d): drop_caches: %d", m->current.comm, m->current.pid, v);
	m->drop_caches_stfu |= v & 4;
}

static int one_value(const char *name, const char *value, long lo, long hi,
		     long *out, struct mm_error *err)
{
	long vals[1];
	int n;

	if (parse_int_list(value, vals, 1, &n, err, name) < 0)
		return -1;
	if (vals[0] < lo || vals[0] > hi) {
		if (hi == INT_MAX)
			return mm_error_set(err, "vm.%s: %ld is out of range (at least %ld)",
					    name, vals[0], lo);
		return mm_error_set(err, "vm.%s: %ld is out of range (%ld-%ld)", name,
				    vals[0], lo, hi);
	}
	*out = vals[0];
	return 0;
}

int sysctl_write(struct machine *m, const char *name, const char *value,
		 struct mm_error *err)
{
	const struct sysctl_entry *e = sysctl_lookup(name);
	long v;

	if (!e)
		return mm_error_set(err, "unknown sysctl '%s' (try: sysctl)", name);
	if (e->offset) {
		if (one_value(e->name, value, e->lo, e->hi, &v, err) < 0)
			return -1;
		*(int *)((char *)m + e->offset) = (int)v;
	} else if (strcmp(e->name, "drop_caches") == 0) {
		if (one_value(e->name, value, e->lo, e->hi, &v, err) < 0)
			return -1;
		drop_caches_sysctl_handler(m, (int)v);
	} else if (strcmp(e->name, "min_free_kbytes") == 0) {
		if (one_value(e->name, value, 0, INT_MAX, &v, err) < 0)
			return -1;
		m->min_free_kbytes = (int)v;
		m->user_min_free_kbytes = (int)v;
		setup_per_zone_wmarks(m);
	} else if (strcmp(e->name, "watermark_scale_factor") == 0) {
		if (one_value(e->name, value, 1, 1000, &v, err) < 0)
			return -1;
		m->watermark_scale_factor = (int)v;
		setup_per_zone_wmarks(m);
	} else if (strcmp(e->name, "watermark_boost_factor") == 0) {
		if (one_value(e->name, value, 0, INT_MAX, &v, err) < 0)
			return -1;
		m->watermark_boost_factor = (int)v;
	} else if (strcmp(e->name, "percpu_pagelist_fraction") == 0) {
		if (one_value(e->name, value, 0, INT_MAX, &v, err) < 0)
			return -1;
		if (v && v < MIN_PERCPU_PAGELIST_FRACTION)
			return mm_error_set(err,
				"vm.percpu_pagelist_fraction: %ld is invalid: 0 or at least %d",
				v, MIN_PERCPU_PAGELIST_FRACTION);
		if (v == m->percpu_pagelist_fraction)
			return 0;
		m->percpu_pagelist_fraction = (int)v;
		setup_per_cpu_pageset(m);
	} else {
		long vals[MAX_NR_ZONES];
		int n, i;

		if (parse_int_list(value, vals, MAX_NR_ZONES, &n, err, e->name) < 0)
			return -1;
		/* proc_dointvec writes the values given; ratios below 1 mean 0 */
		for (i = 0; i < n; i++)
			m->sysctl_lowmem_reserve_ratio[i] = vals[i] < 1 ? 0 : (int)vals[i];
		setup_per_zone_lowmem_reserve(m);
	}
	return 0;
}
