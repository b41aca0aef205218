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

/*
 * kswapd as a state machine: a woken kswapd runs one balance_pgdat() per
 * jiffy; after it, kswapd_try_to_sleep() naps HZ/10 and then sleeps if the
 * node is still balanced. kswapd_tick() is called once per jiffy by tick().
 */
void kswapd_tick(struct machine *m);
/* balance_pgdat(): reclaim until the node is balanced; the order reached. */
int balance_pgdat(pg_data_t *pgdat, int order, int highest_zoneidx);
/* prepare_kswapd_sleep(): may kswapd sleep (balanced, or hopeless)? */
bool prepare_kswapd_sleep(pg_data_t *pgdat, int order, int highest_zoneidx);
/* allow_direct_reclaim(): are the node's free pages above half the min marks? */
bool allow_direct_reclaim(pg_data_t *pgdat);
/* wake_up_interruptible(&pgdat->kswapd_wait), without wakeup_kswapd's checks. */
void kswapd_wake_up(pg_data_t *pgdat);
/* calculate_pressure_threshold(): the vmstat threshold while kswapd is awake. */
int calculate_pressure_threshold(const struct zone *zone);

/* What `kswapd` reports after running kswapd until it sleeps again. */
struct kswapd_report {
	bool woken;                  /* wakeup_kswapd() woke it (or it was awake) */
	bool was_awake;
	bool hopeless;               /* kswapd_failures >= MAX_RECLAIM_RETRIES */
	bool asleep;                 /* it went back to sleep in time */
	unsigned long runs;          /* balance_pgdat() calls */
	unsigned long jiffies;       /* time it took */
	unsigned long reclaimed;     /* pgsteal_kswapd growth */
	unsigned long scanned;       /* pgscan_kswapd growth */
};

/*
 * kswapd_run(): wakeup_kswapd() for the node's highest zone (as an
 * allocation of this order would), then let time pass until kswapd sleeps
 * again or max_jiffies went by.
 */
void kswapd_run(struct machine *m, int nid, int order, unsigned long max_jiffies,
		struct kswapd_report *rep);
/*
 * kswapd_step(): the same wake-up, then time passes only until kswapd has
 * run one balance_pgdat() (pgdat->kswapd_log tells what it did), gone to
 * sleep, or max_jiffies went by.
 */
void kswapd_step(struct machine *m, int nid, int order, unsigned long max_jiffies,
		 struct kswapd_report *rep);

#endif
