/*
 * src/engine/kswapd.c: kswapd (mm/vmscan.c of Linux 5.10). An allocation
 * that falls below the low watermark asks every node's kswapd to balance
 * its zones; kswapd wakes if it is asleep and no eligible zone of the node
 * meets its high mark. Awake, it runs balance_pgdat(): shrink_node() at
 * falling priorities until a zone is balanced; then it naps for HZ/10 and
 * sleeps if the node stayed balanced. mmsh runs the kernel thread as a
 * state machine driven by simulated time (kswapd_tick, once per jiffy).
 */
#include "mmsh/compaction.h"
#include "mmsh/kstep.h"
#include "mmsh/kswapd.h"
#include "mmsh/page_alloc.h"
#include "mmsh/swap.h"
#include "mmsh/trace.h"
#include "mmsh/vmscan.h"
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
					   high_wmark_pages(zone), highest_zoneidx)) {
			KSTEP(pgdat->machine, "pgdat_balanced", "zone_watermark_ok_safe(%s, order=%d, "
			      "mark=%lu (high), free=%ld) = true: node %d is balanced", zone->name, order,
			      high_wmark_pages(zone), zone_page_state(zone, NR_FREE_PAGES),
			      pgdat->node_id);
			return true;
		}
		KSTEP(pgdat->machine, "pgdat_balanced", "zone_watermark_ok_safe(%s, order=%d, mark=%lu "
		      "(high), free=%ld) = false", zone->name, order, high_wmark_pages(zone),
		      zone_page_state(zone, NR_FREE_PAGES));
	}
	/* a node with no eligible zone needs no balancing */
	KSTEP(pgdat->machine, "pgdat_balanced", "node %d: %s", pgdat->node_id,
	      seen ? "no eligible zone meets its high watermark: not balanced"
	      : "no managed zone up to the index: balanced");
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

/* Is kswapd on its wait queue (asleep, or napping in kswapd_try_to_sleep)? */
static bool kswapd_waiting(const pg_data_t *pgdat)
{
	return pgdat->kswapd_state == KSWAPD_SLEEPING || pgdat->kswapd_state == KSWAPD_NAPPING;
}

/*
 * calculate_pressure_threshold(): while kswapd is awake the per-CPU
 * counters may drift less: the low-min gap shared among the CPUs.
 */
int calculate_pressure_threshold(const struct zone *zone)
{
	long distance = (long)(low_wmark_pages(zone) - min_wmark_pages(zone));
	int threshold = (int)(distance / zone->machine->nr_cpus);

	if (threshold < 1)
		threshold = 1;
	return threshold < 125 ? threshold : 125;
}

/* set_pgdat_percpu_threshold(): every populated zone of the node. */
static void set_pgdat_percpu_threshold(pg_data_t *pgdat, int (*calc)(const struct zone *))
{
	int z, cpu;

	for (z = 0; z < pgdat->nr_zones; z++) {
		struct zone *zone = &pgdat->node_zones[z];
		int threshold;

		if (!zone->percpu_drift_mark)
			continue;
		threshold = calc(zone);
		for (cpu = 0; cpu < pgdat->machine->nr_cpus; cpu++)
			zone->pageset[cpu].stat_threshold = threshold;
	}
}

/*
 * wake_up_interruptible(&pgdat->kswapd_wait): a sleeping kswapd restores
 * the pressure thresholds and runs at the next tick; a napping one was
 * woken prematurely and keeps the request it napped on.
 */
void kswapd_wake_up(pg_data_t *pgdat)
{
	struct machine *m = pgdat->machine;
	bool napping = pgdat->kswapd_state == KSWAPD_NAPPING;   /* for the kernel step */

	if (pgdat->kswapd_state == KSWAPD_SLEEPING) {
		set_pgdat_percpu_threshold(pgdat, calculate_pressure_threshold);
	} else if (pgdat->kswapd_state == KSWAPD_NAPPING) {
		/* schedule_timeout() returned early: remaining != 0 */
		if (pgdat->kswapd_highest_zoneidx == MAX_NR_ZONES)
			pgdat->kswapd_highest_zoneidx = (enum zone_type)pgdat->kswapd_zoneidx;
		if (pgdat->kswapd_order < pgdat->kswapd_reclaim_order)
			pgdat->kswapd_order = pgdat->kswapd_reclaim_order;
		count_vm_events(m, KSWAPD_LOW_WMARK_HIT_QUICKLY, 1);
	} else {
		return;
	}
	pgdat->kswapd_state = KSWAPD_WOKEN;
	pgdat->kswapd_wakeups++;
	KSTEP(m, "kswapd_try_to_sleep", "kswapd%d is woken %s", pgdat->node_id, napping
	      ? "during its HZ/10 nap (kswapd_low_wmark_hit_quickly): it keeps the order it napped on"
	      : "from its sleep: pressure thresholds for the vmstat counters; it runs at the next tick");
}

/*
 * wakeup_kswapd(): remember the largest order and zone index asked for;
 * if kswapd is asleep, wake it unless the node has failed too often or
 * is balanced and unboosted. In that last case a request that cannot
 * reclaim itself wakes kcompactd instead.
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
	KSTEP(m, "wakeup_kswapd", "%s order=%d gfp=%s highest_zoneidx=%s: request recorded, "
	      "kswapd_order=%d kswapd_highest_zoneidx=%s", zone->name, order,
	      gfp_format(gfp_flags, true, (char[256]){ 0 }, 256), zone_names[highest_zoneidx],
	      pgdat->kswapd_order, zone_names[pgdat->kswapd_highest_zoneidx]);
	if (!kswapd_waiting(pgdat)) {
		KSTEP(m, "wakeup_kswapd", "kswapd%d is awake already: it will see the request",
		      pgdat->node_id);
		return;   /* already awake: the request is recorded */
	}
	if (pgdat->kswapd_failures >= MAX_RECLAIM_RETRIES ||
	    (pgdat_balanced(pgdat, order, highest_zoneidx) &&
	     !pgdat_watermark_boosted(pgdat, highest_zoneidx))) {
		KSTEP(m, "wakeup_kswapd", "%s: kswapd%d is not woken%s",
		      pgdat->kswapd_failures >= MAX_RECLAIM_RETRIES
		      ? "kswapd_failures >= MAX_RECLAIM_RETRIES (16), a hopeless node"
		      : "the node is balanced and no watermark is boosted", pgdat->node_id,
		      (gfp_flags & GFP__DIRECT_RECLAIM) ? ""
		      : "; the request may not reclaim itself: wakeup_kcompactd() instead");
		/* kswapd could not help; compaction might, for those that may not reclaim */
		if (!(gfp_flags & GFP__DIRECT_RECLAIM))
			wakeup_kcompactd(pgdat, order, highest_zoneidx);
		return;
	}
	KSTEP(m, "wakeup_kswapd", "kswapd%d waits and the node is %s: wake it", pgdat->node_id,
	      pgdat_watermark_boosted(pgdat, highest_zoneidx) ? "boosted or unbalanced"
	      : "unbalanced");
	if (trace_point(m, TRACE_MM_VMSCAN_WAKEUP_KSWAPD)) {
		struct trace_event ev = {
			.id = TRACE_MM_VMSCAN_WAKEUP_KSWAPD,
			.nid = pgdat->node_id,
			.zid = highest_zoneidx,
			.order = (unsigned int)order,
			.gfp_flags = gfp_flags,
		};
		trace_emit(m, &ev, false);
	}
	kswapd_wake_up(pgdat);
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

/* ---- balance_pgdat ------------------------------------------------------------------ */

/*
 * kswapd_shrink_node(): reclaim the sum of the eligible zones' high marks
 * (at least SWAP_CLUSTER_MAX each). After enough for compaction to work
 * with, a high-order request falls back to order 0. True when the pass
 * scanned what it was asked to.
 */
static bool kswapd_shrink_node(pg_data_t *pgdat, struct scan_control *sc)
{
	int z;

	sc->nr_to_reclaim = 0;
	for (z = 0; z <= sc->reclaim_idx; z++) {
		struct zone *zone = &pgdat->node_zones[z];
		unsigned long high;

		if (!managed_zone(zone))
			continue;
		high = high_wmark_pages(zone);
		sc->nr_to_reclaim += high > SWAP_CLUSTER_MAX ? high : SWAP_CLUSTER_MAX;
	}
	KSTEP(pgdat->machine, "kswapd_shrink_node", "nr_to_reclaim = sum of max(high watermark, "
	      "SWAP_CLUSTER_MAX) over the zones up to %s = %lu", zone_names[sc->reclaim_idx],
	      sc->nr_to_reclaim);
	shrink_node(pgdat->machine, pgdat, sc);
	if (sc->order && sc->nr_reclaimed >= COMPACT_GAP(sc->order)) {
		KSTEP(pgdat->machine, "kswapd_shrink_node", "order %d: reclaimed %lu >= compact_gap "
		      "%lu, enough for compaction: balance at order 0 from now on", sc->order,
		      sc->nr_reclaimed, (unsigned long)COMPACT_GAP(sc->order));
		sc->order = 0;
	}
	KSTEP(pgdat->machine, "kswapd_shrink_node", "scanned %lu %s nr_to_reclaim %lu%s",
	      sc->nr_scanned, sc->nr_scanned >= sc->nr_to_reclaim ? ">=" : "<", sc->nr_to_reclaim,
	      sc->nr_scanned >= sc->nr_to_reclaim ? ": the priority need not rise" : "");
	return sc->nr_scanned >= sc->nr_to_reclaim;
}

/* age_active_anon(): keep the inactive anon list long enough to find swap candidates. */
static void age_active_anon(pg_data_t *pgdat, struct scan_control *sc)
{
	struct machine *m = pgdat->machine;

	if (!m->swap.pages)
		return;
	if (!inactive_is_low(m, &pgdat->lruvec, LRU_INACTIVE_ANON))
		return;
	KSTEP(m, "age_active_anon", "swap exists and inactive anon %ld is low against active anon "
	      "%ld: deactivate up to %lu pages", pgdat->vm_stat[NR_INACTIVE_ANON],
	      pgdat->vm_stat[NR_ACTIVE_ANON], (unsigned long)SWAP_CLUSTER_MAX);
	shrink_active_list(m, SWAP_CLUSTER_MAX, pgdat->node_id, sc, LRU_ACTIVE_ANON);
}

/* mmsh: note one pass of balance_pgdat() in the node's kswapd_log. */
static void balance_log_pass(pg_data_t *pgdat, const struct scan_control *sc,
			     unsigned long nr_reclaimed)
{
	struct balance_log *log = &pgdat->kswapd_log;
	struct balance_pass *pass;
	int z;

	if (log->nr_passes++ >= BALANCE_LOG_PASSES)
		return;
	pass = &log->pass[log->nr_passes - 1];
	*pass = (struct balance_pass){
		.priority = sc->priority, .nr_to_reclaim = sc->nr_to_reclaim,
		.nr_scanned = sc->nr_scanned, .nr_reclaimed = nr_reclaimed,
		.scan_balance = (int)sc->scan_balance,
		.fraction = { sc->fraction[0], sc->fraction[1] },
		.scan_nr = { sc->scan_nr[0], sc->scan_nr[1], sc->scan_nr[2], sc->scan_nr[3] },
	};
	for (z = 0; z <= sc->reclaim_idx; z++)
		if (managed_zone(&pgdat->node_zones[z]))
			pass->free_after += (unsigned long)zone_page_state(&pgdat->node_zones[z],
									   NR_FREE_PAGES);
}

/*
 * balance_pgdat(): from DEF_PRIORITY down to 1, shrink the node until one
 * eligible zone meets its high watermark at the requested order. A pass
 * that scanned too little raises the priority (scans more). A watermark
 * boost alone is reclaimed gently: no swapping, no writeback, and at most
 * down to priority DEF_PRIORITY - 2.
 */
int balance_pgdat(pg_data_t *pgdat, int order, int highest_zoneidx)
{
	struct machine *m = pgdat->machine;
	unsigned long nr_boost_reclaim = 0, zone_boosts[MAX_NR_ZONES] = { 0 };
	struct scan_control sc = {
		.gfp_mask = GFP_KERNEL,
		.order = order,
		.may_unmap = true,
	};
	struct balance_log *log = &pgdat->kswapd_log;
	bool boosted;
	int i;

	count_vm_events(m, PAGEOUTRUN, 1);
	pgdat->kswapd_runs++;
	for (i = 0; i <= highest_zoneidx; i++) {
		struct zone *zone = &pgdat->node_zones[i];

		if (!managed_zone(zone))
			continue;
		nr_boost_reclaim += zone->watermark_boost;
		zone_boosts[i] = zone->watermark_boost;
	}
	boosted = nr_boost_reclaim;
	*log = (struct balance_log){
		.order = order, .highest_zoneidx = highest_zoneidx, .boost = nr_boost_reclaim,
	};
	KSTEP(m, "balance_pgdat", "node %d: order=%d highest_zoneidx=%s, watermark boosts %lu%s",
	      pgdat->node_id, order, zone_names[highest_zoneidx], nr_boost_reclaim,
	      nr_boost_reclaim ? " (boosted reclaim: no swap, no writeback, priority >= 10)" : "");

restart:
	sc.priority = DEF_PRIORITY;
	do {
		unsigned long nr_reclaimed = sc.nr_reclaimed;
		bool raise_priority = true;
		bool balanced;

		sc.reclaim_idx = highest_zoneidx;
		balanced = pgdat_balanced(pgdat, sc.order, highest_zoneidx);
		if (!balanced && nr_boost_reclaim) {
			/* a real shortage: reclaim normally */
			nr_boost_reclaim = 0;
			KSTEP(m, "balance_pgdat", "not balanced while boosted: a real shortage, drop "
			      "the boost mode and restart at priority %d", DEF_PRIORITY);
			goto restart;
		}
		if (!nr_boost_reclaim && balanced) {
			log->balanced = true;
			KSTEP(m, "balance_pgdat", "priority %d: balanced at order %d, done (reclaimed %lu)",
			      sc.priority, sc.order, sc.nr_reclaimed);
			goto out;
		}
		if (nr_boost_reclaim && sc.priority == DEF_PRIORITY - 2)
			raise_priority = false;
		sc.may_writepage = !m->laptop_mode && !nr_boost_reclaim;
		sc.may_swap = !nr_boost_reclaim;
		age_active_anon(pgdat, &sc);
		if (sc.priority < DEF_PRIORITY - 2)
			sc.may_writepage = true;
		sc.nr_scanned = 0;
		KSTEP(m, "balance_pgdat", "priority %d: not balanced; may_writepage=%d may_swap=%d, "
		      "shrink the node", sc.priority, sc.may_writepage, sc.may_swap);
		if (kswapd_shrink_node(pgdat, &sc))
			raise_priority = false;
		nr_reclaimed = sc.nr_reclaimed - nr_reclaimed;
		balance_log_pass(pgdat, &sc, nr_reclaimed);
		nr_boost_reclaim -= nr_boost_reclaim < nr_reclaimed ? nr_boost_reclaim : nr_reclaimed;
		KSTEP(m, "balance_pgdat", "priority %d: reclaimed %lu this pass (%lu in all)%s", sc.priority,
		      nr_reclaimed, sc.nr_reclaimed,
		      nr_boost_reclaim && !nr_reclaimed ? "; boosted reclaim made no progress: give up"
		      : raise_priority || !nr_reclaimed ? "; the priority rises (scan more)"
		      : "; the priority stays");
		if (nr_boost_reclaim && !nr_reclaimed)
			break;   /* boosted reclaim made no progress: give up on the boost */
		if (raise_priority || !nr_reclaimed)
			sc.priority--;
	} while (sc.priority >= 1);

	if (!sc.nr_reclaimed) {
		pgdat->kswapd_failures++;
		log->failed = true;
		KSTEP(m, "balance_pgdat", "nothing reclaimed down to priority %d: kswapd_failures = %d%s",
		      sc.priority, pgdat->kswapd_failures,
		      pgdat->kswapd_failures >= MAX_RECLAIM_RETRIES ? " (hopeless: no more wake-ups)" : "");
	} else if (sc.priority < 1) {
		KSTEP(m, "balance_pgdat", "priority 1 was the last: still not balanced after "
		      "reclaiming %lu", sc.nr_reclaimed);
	}
out:
	log->end_priority = sc.priority;
	log->reclaim_order = sc.order;
	if (boosted) {
		for (i = 0; i <= highest_zoneidx; i++) {
			struct zone *zone = &pgdat->node_zones[i];

			if (!zone_boosts[i])
				continue;
			zone->watermark_boost -= zone->watermark_boost < zone_boosts[i]
						 ? zone->watermark_boost : zone_boosts[i];
			KSTEP(m, "balance_pgdat", "%s: watermark_boost %lu taken off, %lu left", zone->name,
			      zone_boosts[i], zone->watermark_boost);
		}
		/* the boost came from fragmentation: let kcompactd defragment */
		wakeup_kcompactd(pgdat, (int)m->pageblock_order, highest_zoneidx);
	}
	snapshot_refaults(m, pgdat);
	return sc.order;
}

/* ---- sleeping and the main loop -------------------------------------------------------- */

/*
 * prepare_kswapd_sleep(): kswapd may sleep when the node is balanced (its
 * congestion flags are then cleared) or reclaim keeps failing there.
 */
bool prepare_kswapd_sleep(pg_data_t *pgdat, int order, int highest_zoneidx)
{
	if (pgdat->kswapd_failures >= MAX_RECLAIM_RETRIES) {
		KSTEP(pgdat->machine, "prepare_kswapd_sleep", "kswapd_failures %d >= %d: a hopeless "
		      "node, kswapd may sleep", pgdat->kswapd_failures, MAX_RECLAIM_RETRIES);
		return true;
	}
	if (pgdat_balanced(pgdat, order, highest_zoneidx)) {
		/* clear_pgdat_congested() */
		pgdat->lruvec.flags &= ~(1UL << LRUVEC_CONGESTED);
		pgdat->flags &= ~((1UL << PGDAT_DIRTY) | (1UL << PGDAT_WRITEBACK));
		KSTEP(pgdat->machine, "prepare_kswapd_sleep", "balanced at order %d: congestion flags "
		      "cleared, kswapd may sleep", order);
		return true;
	}
	KSTEP(pgdat->machine, "prepare_kswapd_sleep", "not balanced at order %d: kswapd stays "
	      "awake", order);
	return false;
}

/* kswapd_highest_zoneidx(): the requested zone index, or the previous one. */
static int kswapd_highest_zoneidx(pg_data_t *pgdat, int prev)
{
	int curr = (int)pgdat->kswapd_highest_zoneidx;

	return curr == MAX_NR_ZONES ? prev : curr;
}

/*
 * kswapd_try_to_sleep(): if the node is balanced, wake kcompactd for the
 * original order and nap HZ/10; the rest happens when the nap ends
 * (kswapd_nap_over) or a wake-up cuts it short (kswapd_wake_up). If not
 * balanced, kswapd goes round again at the next tick.
 */
static void kswapd_try_to_sleep(pg_data_t *pgdat, int alloc_order, int reclaim_order,
				int highest_zoneidx)
{
	struct machine *m = pgdat->machine;

	pgdat->kswapd_alloc_order = alloc_order;
	pgdat->kswapd_reclaim_order = reclaim_order;
	pgdat->kswapd_zoneidx = highest_zoneidx;
	KSTEP(m, "kswapd_try_to_sleep", "alloc_order=%d reclaim_order=%d highest_zoneidx=%s",
	      alloc_order, reclaim_order, zone_names[highest_zoneidx]);
	if (prepare_kswapd_sleep(pgdat, reclaim_order, highest_zoneidx)) {
		reset_isolation_suitable(pgdat);
		wakeup_kcompactd(pgdat, alloc_order, highest_zoneidx);
		pgdat->kswapd_state = KSWAPD_NAPPING;
		pgdat->kswapd_nap_until = m->jiffies + HZ / 10;
		KSTEP(m, "kswapd_try_to_sleep", "balanced: wakeup_kcompactd(order=%d)%s; kswapd naps "
		      "HZ/10 (until jiffy %lu) before sleeping for good", alloc_order,
		      alloc_order ? "" : " does nothing at order 0", pgdat->kswapd_nap_until);
		return;
	}
	count_vm_events(m, KSWAPD_HIGH_WMARK_HIT_QUICKLY, 1);
	pgdat->kswapd_state = KSWAPD_WOKEN;
	KSTEP(m, "kswapd_try_to_sleep", "not balanced right after reclaim "
	      "(kswapd_high_wmark_hit_quickly): kswapd runs again");
}

/* The nap ran its full length: sleep for good if still balanced. */
static bool kswapd_nap_over(pg_data_t *pgdat)
{
	struct machine *m = pgdat->machine;

	KSTEP(m, "kswapd_try_to_sleep", "kswapd%d's HZ/10 nap is over", pgdat->node_id);
	if (prepare_kswapd_sleep(pgdat, pgdat->kswapd_reclaim_order, pgdat->kswapd_zoneidx)) {
		if (trace_point(m, TRACE_MM_VMSCAN_KSWAPD_SLEEP)) {
			struct trace_event ev = {
				.id = TRACE_MM_VMSCAN_KSWAPD_SLEEP, .nid = pgdat->node_id,
			};
			trace_emit(m, &ev, false);
		}
		set_pgdat_percpu_threshold(pgdat, calculate_normal_threshold);
		pgdat->kswapd_state = KSWAPD_SLEEPING;
		KSTEP(m, "kswapd_try_to_sleep", "still balanced: kswapd%d sleeps until woken (normal "
		      "vmstat thresholds)", pgdat->node_id);
		return false;
	}
	count_vm_events(m, KSWAPD_HIGH_WMARK_HIT_QUICKLY, 1);
	pgdat->kswapd_state = KSWAPD_WOKEN;
	KSTEP(m, "kswapd_try_to_sleep", "unbalanced again during the nap "
	      "(kswapd_high_wmark_hit_quickly): kswapd%d runs again", pgdat->node_id);
	return true;
}

/*
 * One turn of kswapd()'s loop: read and reset the request, balance the
 * node, and try to sleep (for the order reached, if it fell back to 0).
 */
static void kswapd_run_once(pg_data_t *pgdat)
{
	struct machine *m = pgdat->machine;
	struct kthread_context save;
	int alloc_order, reclaim_order, highest_zoneidx;

	kthread_enter(m, &save, "kswapd", pgdat->node_id, KSWAPD_PID_BASE + pgdat->node_id);
	m->current_flags = PF_MEMALLOC | PF_KSWAPD;
	alloc_order = pgdat->kswapd_order;
	highest_zoneidx = kswapd_highest_zoneidx(pgdat, pgdat->kswapd_zoneidx);
	pgdat->kswapd_order = 0;
	pgdat->kswapd_highest_zoneidx = MAX_NR_ZONES;
	KSTEP(m, "kswapd", "kswapd%d runs: order=%d highest_zoneidx=%s (the request is reset)",
	      pgdat->node_id, alloc_order, zone_names[highest_zoneidx]);
	if (trace_point(m, TRACE_MM_VMSCAN_KSWAPD_WAKE)) {
		struct trace_event ev = {
			.id = TRACE_MM_VMSCAN_KSWAPD_WAKE, .nid = pgdat->node_id,
			.zid = highest_zoneidx, .order = (unsigned int)alloc_order,
		};
		trace_emit(m, &ev, false);
	}
	reclaim_order = balance_pgdat(pgdat, alloc_order, highest_zoneidx);
	KSTEP(m, "kswapd", "balance_pgdat() reached order %d of %d: %s", reclaim_order, alloc_order,
	      reclaim_order < alloc_order ? "try to sleep at the order reached, kcompactd does the rest"
	      : "take the requests that came meanwhile, then try to sleep");
	if (reclaim_order >= alloc_order) {
		/* back to the top of the loop: requests that came in meanwhile */
		alloc_order = reclaim_order = pgdat->kswapd_order;
		highest_zoneidx = kswapd_highest_zoneidx(pgdat, highest_zoneidx);
	}
	kswapd_try_to_sleep(pgdat, alloc_order, reclaim_order, highest_zoneidx);
	kthread_leave(m, &save);
}

/*
 * kswapd_tick(): one jiffy of every node's kswapd. A woken kswapd runs a
 * turn; a napping one whose nap is over either sleeps or, if the node
 * became unbalanced meanwhile, runs a turn at once.
 */
void kswapd_tick(struct machine *m)
{
	int nid;

	for (nid = 0; nid < m->nr_node_ids; nid++) {
		pg_data_t *pgdat = m->node_data[nid];

		if (m->panicked)
			return;
		if (pgdat->kswapd_state == KSWAPD_NAPPING && m->jiffies >= pgdat->kswapd_nap_until) {
			struct kthread_context save;
			bool again;

			kthread_enter(m, &save, "kswapd", nid, KSWAPD_PID_BASE + nid);
			m->current_flags = PF_MEMALLOC | PF_KSWAPD;
			again = kswapd_nap_over(pgdat);
			kthread_leave(m, &save);
			if (!again)
				continue;
		}
		if (pgdat->kswapd_state == KSWAPD_WOKEN)
			kswapd_run_once(pgdat);
	}
}

static void kswapd_drive(struct machine *m, int nid, int order, unsigned long max_jiffies,
			 bool one_run, struct kswapd_report *rep)
{
	pg_data_t *pgdat = m->node_data[nid];
	unsigned long start = m->jiffies, runs = pgdat->kswapd_runs;
	unsigned long steal = m->vm_events[PGSTEAL_KSWAPD], scan = m->vm_events[PGSCAN_KSWAPD];
	int z;

	*rep = (struct kswapd_report){ 0 };
	rep->was_awake = pgdat->kswapd_state != KSWAPD_SLEEPING;
	rep->hopeless = pgdat->kswapd_failures >= MAX_RECLAIM_RETRIES;
	for (z = MAX_NR_ZONES - 1; z > 0; z--)
		if (managed_zone(&pgdat->node_zones[z]))
			break;
	wakeup_kswapd(&pgdat->node_zones[z], GFP_KERNEL, order, z);
	rep->woken = pgdat->kswapd_state == KSWAPD_WOKEN;
	while ((pgdat->kswapd_state != KSWAPD_SLEEPING) && m->jiffies - start < max_jiffies &&
	       !m->panicked && !mm_interrupted(m) && !(one_run && pgdat->kswapd_runs != runs))
		tick(m, 1);
	rep->asleep = pgdat->kswapd_state == KSWAPD_SLEEPING;
	rep->runs = pgdat->kswapd_runs - runs;
	rep->jiffies = m->jiffies - start;
	rep->reclaimed = m->vm_events[PGSTEAL_KSWAPD] - steal;
	rep->scanned = m->vm_events[PGSCAN_KSWAPD] - scan;
}

void kswapd_run(struct machine *m, int nid, int order, unsigned long max_jiffies,
		struct kswapd_report *rep)
{
	kswapd_drive(m, nid, order, max_jiffies, false, rep);
}

void kswapd_step(struct machine *m, int nid, int order, unsigned long max_jiffies,
		 struct kswapd_report *rep)
{
	kswapd_drive(m, nid, order, max_jiffies, true, rep);
}
