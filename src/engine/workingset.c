/*
 * src/engine/workingset.c: refault detection (mm/workingset.c of 5.10).
 * Each node counts evictions and activations (nonresident_age). An evicted
 * page leaves a shadow holding that count; when the page comes back, the
 * distance since its eviction tells whether it would have stayed resident
 * with a little more memory: if so it starts on the active list.
 */
#include "mmsh/kstep.h"
#include "mmsh/lru.h"
#include "mmsh/mmzone.h"
#include "mmsh/swap.h"
#include "mmsh/vmscan.h"

#define SHADOW_WORKINGSET (1ULL << 61)
#define SHADOW_NODE_SHIFT 48
#define SHADOW_EVICTION_MASK ((1ULL << SHADOW_NODE_SHIFT) - 1)

void workingset_age_nonresident(struct machine *m, struct lruvec *lruvec, unsigned long nr)
{
	(void)m;
	lruvec->nonresident_age += nr;
}

/* workingset_eviction(): age the clock, return the shadow to leave behind. */
uint64_t workingset_eviction(struct machine *m, struct page *page)
{
	struct lruvec *lruvec = page_lruvec(m, page);
	uint64_t shadow;

	workingset_age_nonresident(m, lruvec, 1);
	shadow = SLOT_SHADOW | ((uint64_t)page_to_nid(page) << SHADOW_NODE_SHIFT) |
		 (lruvec->nonresident_age & SHADOW_EVICTION_MASK);
	if (test_page_flag(page, PG_workingset))
		shadow |= SHADOW_WORKINGSET;
	KSTEP(m, "workingset_eviction", "pfn=0x%lx is evicted: node %d's nonresident_age ages to "
	      "%llu, which the shadow entry keeps%s", page_to_pfn(m, page), lruvec->node_id,
	      (unsigned long long)lruvec->nonresident_age,
	      (shadow & SHADOW_WORKINGSET) ? ", with the workingset bit (PG_workingset)" : "");
	return shadow;
}

/*
 * workingset_refault(): activate the returning page if its refault
 * distance fits in the workingset (active file, plus inactive file for
 * anon, plus anon when there is swap).
 */
void workingset_refault(struct machine *m, struct page *page, uint64_t shadow)
{
	int nid = (int)((shadow >> SHADOW_NODE_SHIFT) & 0xff);
	pg_data_t *evict = m->node_data[nid];
	pg_data_t *pgdat = page_zone(m, page)->zone_pgdat;
	struct lruvec *eviction_lruvec = &evict->lruvec;
	bool file = page_is_file_lru(page);
	unsigned long eviction = shadow & SHADOW_EVICTION_MASK;
	unsigned long refault = eviction_lruvec->nonresident_age & SHADOW_EVICTION_MASK;
	unsigned long distance = (refault - eviction) & SHADOW_EVICTION_MASK;
	unsigned long workingset_size;

	/* the decision and the counters belong to the node where the eviction happened */
	evict->vm_stat[WORKINGSET_REFAULT_ANON + file]++;
	workingset_size = (unsigned long)evict->vm_stat[NR_ACTIVE_FILE];
	if (!file)
		workingset_size += (unsigned long)evict->vm_stat[NR_INACTIVE_FILE];
	if (get_nr_swap_pages(m) > 0) {
		workingset_size += (unsigned long)evict->vm_stat[NR_ACTIVE_ANON];
		if (file)
			workingset_size += (unsigned long)evict->vm_stat[NR_INACTIVE_ANON];
	}
	if (distance > workingset_size) {
		KSTEP(m, "workingset_refault", "pfn=0x%lx refaults: distance = age %lu - eviction %lu "
		      "= %lu > workingset_size %lu (%s): it starts inactive", page_to_pfn(m, page),
		      refault, eviction, distance, workingset_size,
		      file ? (get_nr_swap_pages(m) > 0 ? "active_file + active_anon + inactive_anon"
			      : "active_file")
		      : (get_nr_swap_pages(m) > 0 ? "active_file + inactive_file + active_anon"
			 : "active_file + inactive_file"));
		return;
	}
	set_page_flag(page, PG_active);
	page_changed(m, page_to_pfn(m, page));
	workingset_age_nonresident(m, eviction_lruvec, 1);
	evict->vm_stat[WORKINGSET_ACTIVATE_ANON + file]++;
	KSTEP(m, "workingset_refault", "pfn=0x%lx refaults: distance = age %lu - eviction %lu = %lu "
	      "<= workingset_size %lu (%s): PG_active set, workingset_activate_%s",
	      page_to_pfn(m, page), refault, eviction, distance, workingset_size,
	      file ? (get_nr_swap_pages(m) > 0 ? "active_file + active_anon + inactive_anon"
		      : "active_file")
	      : (get_nr_swap_pages(m) > 0 ? "active_file + inactive_file + active_anon"
		 : "active_file + inactive_file"), file ? "file" : "anon");
	if (shadow & SHADOW_WORKINGSET) {
		set_page_flag(page, PG_workingset);
		lru_note_cost(m, &pgdat->lruvec, file, 1);   /* lru_note_cost_page() */
		evict->vm_stat[WORKINGSET_RESTORE_ANON + file]++;
		KSTEP(m, "workingset_refault", "pfn=0x%lx was in the workingset when evicted: "
		      "PG_workingset restored, workingset_restore_%s", page_to_pfn(m, page),
		      file ? "file" : "anon");
	}
}

/* workingset_activation(): a page promoted by mark_page_accessed ages the clock. */
void workingset_activation(struct machine *m, struct page *page)
{
	workingset_age_nonresident(m, page_lruvec(m, page), 1);
}
