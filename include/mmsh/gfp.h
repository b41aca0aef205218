/*
 * include/mmsh/gfp.h: gfp flags (include/linux/gfp.h of Linux 5.10): the
 * bits, the composite masks, gfp_zone() and gfp_migratetype(), and the
 * flag names in the order show_gfp_flags() prints them.
 */
#ifndef MMSH_GFP_H
#define MMSH_GFP_H

#include <stdbool.h>
#include <stddef.h>

#include "mmsh/error.h"

typedef unsigned int gfp_t;

/*
 * The kernel spells the single bits __GFP_X. C reserves names that begin
 * with two underscores, so mmsh spells them GFP__X; users still type and
 * read __GFP_X.
 */
#define GFP__DMA              0x01U
#define GFP__HIGHMEM          0x02U
#define GFP__DMA32            0x04U
#define GFP__MOVABLE          0x08U
#define GFP__RECLAIMABLE      0x10U
#define GFP__HIGH             0x20U
#define GFP__IO               0x40U
#define GFP__FS               0x80U
#define GFP__ZERO             0x100U
#define GFP__ATOMIC           0x200U
#define GFP__DIRECT_RECLAIM   0x400U
#define GFP__KSWAPD_RECLAIM   0x800U
#define GFP__WRITE            0x1000U
#define GFP__NOWARN           0x2000U
#define GFP__RETRY_MAYFAIL    0x4000U
#define GFP__NOFAIL           0x8000U
#define GFP__NORETRY          0x10000U
#define GFP__MEMALLOC         0x20000U
#define GFP__COMP             0x40000U
#define GFP__NOMEMALLOC       0x80000U
#define GFP__HARDWALL         0x100000U
#define GFP__THISNODE         0x200000U
#define GFP__ACCOUNT          0x400000U
#define GFP__RECLAIM          (GFP__DIRECT_RECLAIM | GFP__KSWAPD_RECLAIM)

#define GFP_ZONEMASK    (GFP__DMA | GFP__HIGHMEM | GFP__DMA32 | GFP__MOVABLE)
#define GFP_MOVABLE_MASK (GFP__RECLAIMABLE | GFP__MOVABLE)
#define GFP_MOVABLE_SHIFT 3

#define GFP_ATOMIC      (GFP__HIGH | GFP__ATOMIC | GFP__KSWAPD_RECLAIM)
#define GFP_KERNEL      (GFP__RECLAIM | GFP__IO | GFP__FS)
#define GFP_KERNEL_ACCOUNT (GFP_KERNEL | GFP__ACCOUNT)
#define GFP_NOWAIT      (GFP__KSWAPD_RECLAIM)
#define GFP_NOIO        (GFP__RECLAIM)
#define GFP_NOFS        (GFP__RECLAIM | GFP__IO)
#define GFP_USER        (GFP__RECLAIM | GFP__IO | GFP__FS | GFP__HARDWALL)
#define GFP_DMA         (GFP__DMA)
#define GFP_DMA32       (GFP__DMA32)
#define GFP_HIGHUSER    (GFP_USER | GFP__HIGHMEM)
#define GFP_HIGHUSER_MOVABLE (GFP_HIGHUSER | GFP__MOVABLE)
#define GFP_TRANSHUGE_LIGHT ((GFP_HIGHUSER_MOVABLE | GFP__COMP | \
			      GFP__NOMEMALLOC | GFP__NOWARN) & ~GFP__RECLAIM)
#define GFP_TRANSHUGE   (GFP_TRANSHUGE_LIGHT | GFP__DIRECT_RECLAIM)

/* All the bits mmsh knows; anything else is refused by gfp_parse(). */
#define GFP_KNOWN_MASK  ((GFP__ACCOUNT << 1) - 1)

/* gfp_zone() is static inline in mmzone.h, next to the zones it names. */

/* gfp_zone_valid(): false for the combinations GFP_ZONE_BAD rejects. */
bool gfp_zone_valid(gfp_t flags);

/*
 * gfp_migratetype() without the mobility switch: the caller applies
 * page_group_by_mobility_disabled (see page_alloc.c).
 */
static inline int gfp_migratetype_bits(gfp_t flags)
{
	return (int)((flags & GFP_MOVABLE_MASK) >> GFP_MOVABLE_SHIFT);
}

/* One name of show_gfp_flags()'s table. */
struct gfp_name {
	gfp_t mask;
	const char *name;
};

/* The table in printing order; *n receives its length. */
const struct gfp_name *gfp_name_table(size_t *n);

/* Every single bit under its kernel name (__GFP_DMA ...), in bit order. */
const struct gfp_name *gfp_bit_table(size_t *n);

/*
 * gfp_format(): the flags as show_gfp_flags() prints them ("none" for 0
 * when `none_for_zero`, else the empty string as %pGg does). Returns buf.
 */
char *gfp_format(gfp_t flags, bool none_for_zero, char *buf, size_t len);

/*
 * gfp_parse(): "GFP_KERNEL|__GFP_NORETRY" or a number (0xcc0). Names
 * are the kernel's, with two leading underscores. Returns 0 or -1.
 */
int gfp_parse(const char *s, gfp_t *out, struct mm_error *err);

#endif
