/*
 * include/mmsh/kswapd.h: waking kswapd (mm/vmscan.c of Linux 5.10). The
 * allocator records every wake-up request the way wakeup_kswapd() does;
 * the reclaim issue makes the woken kswapd run balance_pgdat().
 */
#ifndef MMSH_KSWAPD_H
#define MMSH_KSWAPD_H

#include <stdbool.h>

#include "mmsh/gfp.h"
#include "mmsh/mmzone.h"

struct alloc_context;

/* pgdat_balanced(): some managed zone <= highest_zoneidx meets its high mark. */
bool pgdat_balanced(pg_data_t *pgdat, int order, int highest_zoneidx);
/* pgdat_watermark_boosted(): some managed zone <= highest_zoneidx is boosted. */
bool pgdat_watermark_boosted(pg_data_t *pgdat, int highest_zoneidx);
/* zone_watermark_ok_safe(): the check kswapd uses (no alloc flags). */
bool zone_watermark_ok_safe(const struct zone *z, unsigned int order,
			    unsigned long mark, int highest_zoneidx);

/* wakeup_kswapd(): record the request; wake kswapd if it sleeps and is needed. */
void wakeup_kswapd(struct zone *zone, gfp_t gfp_flags, int order,
		   int highest_zoneidx);
/* wake_all_kswapds(): wakeup_kswapd() once per node of the zonelist. */
void wake_all_kswapds(struct machine *m, unsigned int order, gfp_t gfp_mask,
		      const struct alloc_context *ac);

#endif
