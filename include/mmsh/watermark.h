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
#include "mmsh/mmzone.h"

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

long zone_watermark_unusable_free(const struct zone *z, unsigned int order,
				  unsigned int alloc_flags);
bool zone_watermark_ok_(const struct zone *z, unsigned int order,
			unsigned long mark, int highest_zoneidx,
			unsigned int alloc_flags, long free_pages);
bool zone_watermark_ok(const struct zone *z, unsigned int order,
		       unsigned long mark, int highest_zoneidx,
		       unsigned int alloc_flags);
bool zone_watermark_fast(const struct zone *z, unsigned int order,
			 unsigned long mark, int highest_zoneidx,
			 unsigned int alloc_flags, gfp_t gfp_mask);

#endif

