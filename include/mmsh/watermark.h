/*
 * include/mmsh/watermark.h: zone watermarks and reserves of Linux 5.10:
 * min_free_kbytes (init_per_zone_wmark_min and khugepaged's raise),
 * __setup_per_zone_wmarks, lowmem_reserve, totalreserve_pages and the
 * checks __zone_watermark_ok / zone_watermark_fast.
 */
#ifndef MMSH_WATERMARK_H
#define MMSH_WATERMARK_H

#include <stdbool.h>

#include "mmsh/gfp.h"
#include "mmsh/kstep.h"
#include "mmsh/mmzone.h"
#include "mmsh/page_alloc.h"

/* int_sqrt(): floor of the square root (lib/math/int_sqrt.c). */
unsigned long int_sqrt(unsigned long x);
/* mult_frac(x, n, d): x * n / d without overflowing. */
unsigned long mult_frac(unsigned long x, unsigned long n, unsigned long d);

void calculate_totalreserve_pages(struct machine *m);
void setup_per_zone_lowmem_reserve(struct machine *m);
void setup_per_zone_wmarks(struct machine *m);
void refresh_zone_stat_thresholds(struct machine *m);
int calculate_normal_threshold(const struct zone *zone);
/* init_per_zone_wmark_min(): the boot-time min_free_kbytes and friends. */
void init_per_zone_wmark_min(struct machine *m);
/* set_recommended_min_free_kbytes(): khugepaged's raise (THP on). */
void set_recommended_min_free_kbytes(struct machine *m);
/* The value set_recommended_min_free_kbytes() would propose, in kB. */
unsigned long recommended_min_free_kbytes(struct machine *m);

/*
 * __zone_watermark_unusable_free(): pages the request may not count: the
 * order's own size minus one, the highatomic reserve unless it may use
 * it, and free CMA pages unless ALLOC_CMA. (Inline for zone_watermark_fast.)
 */
static inline long zone_watermark_unusable_free(const struct zone *z, unsigned int order,
						 unsigned int alloc_flags)
{
	bool alloc_harder = alloc_flags & (ALLOC_HARDER | ALLOC_OOM);
	long unusable = (1L << order) - 1;

	if (!alloc_harder)
		unusable += (long)z->nr_reserved_highatomic;
	if (!(alloc_flags & ALLOC_CMA))
		unusable += zone_page_state(z, NR_FREE_CMA_PAGES);
	return unusable;
}

bool zone_watermark_ok_(const struct zone *z, unsigned int order,
			unsigned long mark, int highest_zoneidx,
			unsigned int alloc_flags, long free_pages);
bool zone_watermark_ok(const struct zone *z, unsigned int order,
		       unsigned long mark, int highest_zoneidx,
		       unsigned int alloc_flags);

/*
 * zone_watermark_fast(): order 0 first tries a cheap test without the
 * ALLOC_HIGH/HARDER discounts; GFP_ATOMIC order-0 requests at the min
 * mark may ignore the boost. Static inline, as in the kernel: the fast
 * path makes the order-0 test on every allocation.
 *
 * In 5.10 the cheap test compares the signed fast_free with the unsigned
 * mark + lowmem_reserve, so C converts fast_free to unsigned: when the
 * highatomic reserve exceeds the free pages, fast_free is negative, turns
 * huge, and the test passes. Upstream fixed this in 2022 (commit
 * 9282012fc0aa); mmsh reproduces 5.10.89, bug included.
 */
static inline bool zone_watermark_fast(const struct zone *z, unsigned int order,
				       unsigned long mark, int highest_zoneidx,
				       unsigned int alloc_flags, gfp_t gfp_mask)
{
	static const char *const wmark[] = { "min", "low", "high", "?" };
	struct machine *m = z->machine;
	long free_pages = zone_page_state(z, NR_FREE_PAGES);

	if (!order) {
		long fast_free = free_pages -
			zone_watermark_unusable_free(z, 0, alloc_flags);

		KSTEP(m, "zone_watermark_fast",
		      "%s order=0: free=%ld - %ld unusable = %ld %s %s mark=%lu + "
		      "lowmem_reserve[%s]=%ld: %s",
		      z->name, free_pages, free_pages - fast_free, fast_free,
		      (unsigned long)fast_free >
		      mark + (unsigned long)z->lowmem_reserve[highest_zoneidx] ? ">" : "<=",
		      wmark[alloc_flags & ALLOC_WMARK_MASK], mark,
		      zone_names[highest_zoneidx], z->lowmem_reserve[highest_zoneidx],
		      (unsigned long)fast_free <=
		      mark + (unsigned long)z->lowmem_reserve[highest_zoneidx]
		      ? "no fast pass, the full check follows"
		      : fast_free < 0 ? "passes (negative, compared as unsigned: the 5.10 bug)"
		      : "passes");
		if ((unsigned long)fast_free >
		    mark + (unsigned long)z->lowmem_reserve[highest_zoneidx])
			return true;
	} else {
		KSTEP(m, "zone_watermark_fast",
		      "%s order=%u: no fast check above order 0: __zone_watermark_ok against "
		      "the %s mark %lu", z->name, order, wmark[alloc_flags & ALLOC_WMARK_MASK],
		      mark);
	}
	if (zone_watermark_ok_(z, order, mark, highest_zoneidx, alloc_flags,
			       free_pages))
		return true;
	if (!order && (gfp_mask & GFP__ATOMIC) && z->watermark_boost &&
	    (alloc_flags & ALLOC_WMARK_MASK) == WMARK_MIN) {
		mark = z->_watermark[WMARK_MIN];
		KSTEP(m, "zone_watermark_fast",
		      "%s: __GFP_ATOMIC at the min mark may ignore watermark_boost=%lu: "
		      "check again against min=%lu", z->name, z->watermark_boost, mark);
		return zone_watermark_ok_(z, order, mark, highest_zoneidx,
					  alloc_flags, free_pages);
	}
	return false;
}

#endif

