/*
 * src/engine/gfp.c: gfp masks: which zone a request may use (gfp_zone and
 * GFP_ZONE_TABLE of include/linux/gfp.h), and the names show_gfp_flags()
 * prints (include/trace/events/mmflags.h), used both to print and to parse.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmsh/gfp.h"
#include "mmsh/mmzone.h"

/*
 * The table __def_gfpflag_names walks: composite masks first, then single
 * bits. An entry prints when all its bits are still set; its bits are then
 * cleared, so GFP_KERNEL|__GFP_NOWARN prints as such and not bit by bit.
 */
static const struct gfp_name gfp_names[] = {
	{ GFP_TRANSHUGE, "GFP_TRANSHUGE" },
	{ GFP_TRANSHUGE_LIGHT, "GFP_TRANSHUGE_LIGHT" },
	{ GFP_HIGHUSER_MOVABLE, "GFP_HIGHUSER_MOVABLE" },
	{ GFP_HIGHUSER, "GFP_HIGHUSER" },
	{ GFP_USER, "GFP_USER" },
	{ GFP_KERNEL_ACCOUNT, "GFP_KERNEL_ACCOUNT" },
	{ GFP_KERNEL, "GFP_KERNEL" },
	{ GFP_NOFS, "GFP_NOFS" },
	{ GFP_ATOMIC, "GFP_ATOMIC" },
	{ GFP_NOIO, "GFP_NOIO" },
	{ GFP_NOWAIT, "GFP_NOWAIT" },
	{ GFP_DMA, "GFP_DMA" },
	{ GFP__HIGHMEM, "__GFP_HIGHMEM" },
	{ GFP_DMA32, "GFP_DMA32" },
	{ GFP__HIGH, "__GFP_HIGH" },
	{ GFP__ATOMIC, "__GFP_ATOMIC" },
	{ GFP__IO, "__GFP_IO" },
	{ GFP__FS, "__GFP_FS" },
	{ GFP__NOWARN, "__GFP_NOWARN" },
	{ GFP__RETRY_MAYFAIL, "__GFP_RETRY_MAYFAIL" },
	{ GFP__NOFAIL, "__GFP_NOFAIL" },
	{ GFP__NORETRY, "__GFP_NORETRY" },
	{ GFP__COMP, "__GFP_COMP" },
	{ GFP__ZERO, "__GFP_ZERO" },
	{ GFP__NOMEMALLOC, "__GFP_NOMEMALLOC" },
	{ GFP__MEMALLOC, "__GFP_MEMALLOC" },
	{ GFP__HARDWALL, "__GFP_HARDWALL" },
	{ GFP__THISNODE, "__GFP_THISNODE" },
	{ GFP__RECLAIMABLE, "__GFP_RECLAIMABLE" },
	{ GFP__MOVABLE, "__GFP_MOVABLE" },
	{ GFP__ACCOUNT, "__GFP_ACCOUNT" },
	{ GFP__WRITE, "__GFP_WRITE" },
	{ GFP__RECLAIM, "__GFP_RECLAIM" },
	{ GFP__DIRECT_RECLAIM, "__GFP_DIRECT_RECLAIM" },
	{ GFP__KSWAPD_RECLAIM, "__GFP_KSWAPD_RECLAIM" },
};

const struct gfp_name *gfp_name_table(size_t *n)
{
	*n = sizeof(gfp_names) / sizeof(gfp_names[0]);
	return gfp_names;
}

/* Every single bit under its include/linux/gfp.h name, in bit order. */
static const struct gfp_name gfp_bits[] = {
	{ GFP__DMA, "__GFP_DMA" },
	{ GFP__HIGHMEM, "__GFP_HIGHMEM" },
	{ GFP__DMA32, "__GFP_DMA32" },
	{ GFP__MOVABLE, "__GFP_MOVABLE" },
	{ GFP__RECLAIMABLE, "__GFP_RECLAIMABLE" },
	{ GFP__HIGH, "__GFP_HIGH" },
	{ GFP__IO, "__GFP_IO" },
	{ GFP__FS, "__GFP_FS" },
	{ GFP__ZERO, "__GFP_ZERO" },
	{ GFP__ATOMIC, "__GFP_ATOMIC" },
	{ GFP__DIRECT_RECLAIM, "__GFP_DIRECT_RECLAIM" },
	{ GFP__KSWAPD_RECLAIM, "__GFP_KSWAPD_RECLAIM" },
	{ GFP__WRITE, "__GFP_WRITE" },
	{ GFP__NOWARN, "__GFP_NOWARN" },
	{ GFP__RETRY_MAYFAIL, "__GFP_RETRY_MAYFAIL" },
	{ GFP__NOFAIL, "__GFP_NOFAIL" },
	{ GFP__NORETRY, "__GFP_NORETRY" },
	{ GFP__MEMALLOC, "__GFP_MEMALLOC" },
	{ GFP__COMP, "__GFP_COMP" },
	{ GFP__NOMEMALLOC, "__GFP_NOMEMALLOC" },
	{ GFP__HARDWALL, "__GFP_HARDWALL" },
	{ GFP__THISNODE, "__GFP_THISNODE" },
	{ GFP__ACCOUNT, "__GFP_ACCOUNT" },
};

const struct gfp_name *gfp_bit_table(size_t *n)
{
	*n = sizeof(gfp_bits) / sizeof(gfp_bits[0]);
	return gfp_bits;
}

bool gfp_zone_valid(gfp_t flags)
{
	return gfp_zone(flags) >= 0;
}

/* Append to buf without ever writing past len (the text is truncated). */
static void buf_append(char *buf, size_t len, size_t *used, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*used + 1 >= len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *used, len - *used, fmt, ap);
	va_end(ap);
	if (n > 0)
		*used = *used + (size_t)n < len ? *used + (size_t)n : len - 1;
}

char *gfp_format(gfp_t flags, bool none_for_zero, char *buf, size_t len)
{
	size_t used = 0, i, n;
	const struct gfp_name *t = gfp_name_table(&n);

	if (len == 0)
		return buf;
	buf[0] = '\0';
	if (flags == 0) {
		if (none_for_zero)
			buf_append(buf, len, &used, "none");
		return buf;
	}
	for (i = 0; i < n && flags; i++) {
		if ((flags & t[i].mask) != t[i].mask)
			continue;
		flags &= ~t[i].mask;
		buf_append(buf, len, &used, "%s%s", used ? "|" : "", t[i].name);
	}
	if (flags)
		buf_append(buf, len, &used, "%s0x%x", used ? "|" : "", flags);
	return buf;
}

/* A name from either table: the printed masks or the single bits. */
static int gfp_lookup_name(const char *s, size_t n, gfp_t *out)
{
	const struct gfp_name *tables[2];
	size_t i, cnt[2];
	int t;

	tables[0] = gfp_name_table(&cnt[0]);
	tables[1] = gfp_bit_table(&cnt[1]);
	for (t = 0; t < 2; t++)
		for (i = 0; i < cnt[t]; i++)
			if (strlen(tables[t][i].name) == n &&
			    strncmp(tables[t][i].name, s, n) == 0) {
				*out = tables[t][i].mask;
				return 0;
			}
	return -1;
}

int gfp_parse(const char *s, gfp_t *out, struct mm_error *err)
{
	gfp_t flags = 0;
	const char *p = s;

	if (!*s)
		return mm_error_set(err, "empty gfp mask");
	while (*p) {
		const char *end = strchr(p, '|');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		gfp_t bit;

		if (n == 0)
			return mm_error_set(err, "empty flag in '%s'", s);
		if (isdigit((unsigned char)p[0])) {
			char tmp[32], *e;
			unsigned long v;

			if (n >= sizeof(tmp))
				return mm_error_set(err, "bad gfp number '%.*s'",
						    (int)n, p);
			memcpy(tmp, p, n);
			tmp[n] = '\0';
			errno = 0;
			v = strtoul(tmp, &e, 0);
			if (errno || *e || v > GFP_KNOWN_MASK)
				return mm_error_set(err,
					"bad gfp number '%s' (known bits: 0x%x)",
					tmp, GFP_KNOWN_MASK);
			bit = (gfp_t)v;
		} else if (gfp_lookup_name(p, n, &bit) < 0) {
			return mm_error_set(err, "unknown gfp flag '%.*s' (try: help gfp)",
					    (int)n, p);
		}
		flags |= bit;
		p += n;
		if (*p == '|')
			p++;
		if (end && !*p)
			return mm_error_set(err, "trailing '|' in '%s'", s);
	}
	if (!gfp_zone_valid(flags))
		return mm_error_set(err,
			"invalid zone modifiers in '%s': the kernel's GFP_ZONE_BAD rejects this combination",
			s);
	if ((flags & GFP_MOVABLE_MASK) == GFP_MOVABLE_MASK)
		return mm_error_set(err,
			"'%s' sets both __GFP_MOVABLE and __GFP_RECLAIMABLE (a kernel bug: VM_WARN in gfp_migratetype)",
			s);
	*out = flags;
	return 0;
}
