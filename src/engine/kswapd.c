/*
 * src/engine/kswapd.c: waking kswapd (mm/vmscan.c and mm/page_alloc.c of
 * Linux 5.10). An allocation that falls below the low watermark asks every
 * node's kswapd to balance its zones; kswapd only wakes if it is asleep
 * and no eligible zone of the node already meets its high mark.
 */
#include "mmsh/kswapd.h"
#include "mmsh/page_alloc.h"
#include "mmsh/trace.h"
#include "mmsh/watermark.h"

bool zone_watermark_ok_safe(const struct zone *z, unsigned int order,
			    unsigned long mark, int highest_zoneidx)
{
	/* mmsh's counters are exact: the per-CPU snapshot equals the total */
	return zone_watermark_ok_(z, order, mark, highest_zoneidx, 0,
				  zone_page_state(z, NR_FREE_PAGES));
}

/* pgdat_balanced(): bottom-up; one zone at its high mark is enough. */
bool pgdat_balanced(pg_data_t *pgdat, int order, int highest_zoneidx)
{
	bool seen = false;
	int i;

	for (i = 0; i <= highest_zoneidx && i < MAX_NR_ZONES; i++) {
		struct zone *zone = &pgdat->node_zones[i];

		if (!managed_zone(zone))
			continue;
		seen = true;
		if (zone_watermark_ok_safe(zone, (unsigned int)order,
					   high_wmark_pages(zone), highest_zoneidx))
			return true;
	}
	/* a node with no eligible zone needs no balancing */
	return !seen;
}

/* pgdat_watermark_boosted(): top-down, as boosts are likelier up high. */
bool pgdat_watermark_boosted(pg_data_t *pgdat, int highest_zoneidx)
{
	int i;

	for (i = highest_zoneidx; i >= 0; i--) {
		struct zone *zone = &pgdat->node_zones[i];

		if (managed_zone(zone) && zone->watermark_boost)
			return true;
	}
	return false;
}

/*
 * wakeup_kswapd(): remember the largest order and zone index asked for;
 * if kswapd is asleep, wake it unless the node has failed too often or
 * is balanced and unboosted. (kcompactd, woken in that last case for
 * requests that cannot reclaim, comes with the compaction engine.)
 */
void wakeup_kswapd(struct zone *zone, gfp_t gfp_flags, int order,
		   int highest_zoneidx)
{
	struct machine *m = zone->machine;
	pg_data_t *pgdat;

	if (!managed_zone(zone))
		return;
	pgdat = zone->zone_pgdat;
	if (pgdat->kswapd_highest_zoneidx == MAX_NR_ZONES ||
	    (int)pgdat->kswapd_highest_zoneidx < highest_zoneidx)
		pgdat->kswapd_highest_zoneidx = (enum zone_type)highest_zoneidx;
	if (pgdat->kswapd_order < order)
		pgdat->kswapd_order = order;
	if (pgdat->kswapd_state != KSWAPD_SLEEPING)
		return;   /* already awake: the request is recorded */
	if (pgdat->kswapd_failures >= MAX_RECLAIM_RETRIES ||
	    (pgdat_balanced(pgdat, order, highest_zoneidx) &&
	     !pgdat_watermark_boosted(pgdat, highest_zoneidx)))
		return;
	m->clock_ns += TRACE_EVENT_NS;
	if (trace_enabled(m, TRACE_MM_VMSCAN_WAKEUP_KSWAPD)) {
		struct trace_event ev = {
			.id = TRACE_MM_VMSCAN_WAKEUP_KSWAPD,
			.nid = pgdat->node_id,
			.zid = highest_zoneidx,
			.order = (unsigned int)order,
			.gfp_flags = gfp_flags,
		};
		trace_emit(m, &ev, false);
	}
	pgdat->kswapd_state = KSWAPD_WOKEN;
	pgdat->kswapd_wakeups++;
}

/* wake_all_kswapds(): one wakeup_kswapd() per node met in the zonelist. */
void wake_all_kswapds(struct machine *m, unsigned int order, gfp_t gfp_mask,
		      const struct alloc_context *ac)
{
	pg_data_t *last_pgdat = NULL;
	struct zoneref *z;

	(void)m;
	for (z = first_zones_zonelist(ac->zonelist, ac->highest_zoneidx); z->zone;
	     z = next_zones_zonelist(z + 1, ac->highest_zoneidx)) {
		if (last_pgdat != z->zone->zone_pgdat)
			wakeup_kswapd(z->zone, gfp_mask, (int)order, ac->highest_zoneidx);
		last_pgdat = z->zone->zone_pgdat;
	}
}
