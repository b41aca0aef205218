/*
 * src/engine/watermark.c: watermarks and reserves (mm/page_alloc.c of
 * Linux 5.10). min_free_kbytes comes from the square root of lowmem;
 * each zone gets a share of it as its min mark, and low/high sit one and
 * two steps above; lowmem_reserve protects lower zones from requests that
 * could have used higher ones. The checks compare free pages against them.
 */
#include "mmsh/kstep.h"
#include "mmsh/page_alloc.h"
#include "mmsh/watermark.h"

/* int_sqrt(): floor(sqrt(x)), by Newton's iteration on integers. */
unsigned long int_sqrt(unsigned long x)
{
	unsigned long r, next;

	if (x < 2)
		return x;
	r = x / 2 + 1;  /* any start above the root decreases monotonically */
	for (;;) {
		next = (r + x / r) / 2;
		if (next >= r)
			return r;
		r = next;
	}
}

unsigned long mult_frac(unsigned long x, unsigned long n, unsigned long d)
{
	return (x / d) * n + ((x % d) * n) / d;
}

/*
 * calculate_totalreserve_pages(): per zone, the largest lowmem_reserve it
 * keeps plus its high mark (capped at its size) is memory user space
 * should not count on; MemAvailable subtracts the sum.
 */
void calculate_totalreserve_pages(struct machine *m)
{
	unsigned long reserve_pages = 0;
	int nid, i, j;

	for (nid = 0; nid < m->nr_node_ids; nid++) {
		pg_data_t *pgdat = m->node_data[nid];

		pgdat->totalreserve_pages = 0;
		for (i = 0; i < MAX_NR_ZONES; i++) {
			struct zone *zone = &pgdat->node_zones[i];
			unsigned long managed = zone_managed_pages(zone);
			long max = 0;

			for (j = i; j < MAX_NR_ZONES; j++)
				if (zone->lowmem_reserve[j] > max)
					max = zone->lowmem_reserve[j];
			max += (long)high_wmark_pages(zone);
			if (max > (long)managed)
				max = (long)managed;
			pgdat->totalreserve_pages += (unsigned long)max;
			reserve_pages += (unsigned long)max;
		}
	}
	m->totalreserve_pages = reserve_pages;
}

/*
 * setup_per_zone_lowmem_reserve(): zone i keeps back, from a request
 * whose highest usable zone is j > i, the pages of zones i+1..j divided
 * by lowmem_reserve_ratio[i]. A ratio of 0 or an empty zone keeps nothing.
 */
void setup_per_zone_lowmem_reserve(struct machine *m)
{
	int nid, i, j;

	for (nid = 0; nid < m->nr_node_ids; nid++) {
		pg_data_t *pgdat = m->node_data[nid];

		for (i = 0; i < MAX_NR_ZONES - 1; i++) {
			struct zone *zone = &pgdat->node_zones[i];
			int ratio = m->sysctl_lowmem_reserve_ratio[i];
			bool clear = !ratio || !zone_managed_pages(zone);
			unsigned long managed = 0;

			for (j = i + 1; j < MAX_NR_ZONES; j++) {
				managed += zone_managed_pages(&pgdat->node_zones[j]);
				zone->lowmem_reserve[j] = clear ? 0
					: (long)(managed / (unsigned long)ratio);
			}
		}
	}
	calculate_totalreserve_pages(m);
}

/*
 * __setup_per_zone_wmarks(): min is the zone's share of min_free_kbytes
 * by managed pages; the step to low and high is a quarter of min or
 * watermark_scale_factor/10000 of the zone, whichever is larger. Any
 * boost is dropped.
 */
void setup_per_zone_wmarks(struct machine *m)
{
	unsigned long pages_min = (unsigned long)m->min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = 0;
	int nid, z;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++)
			lowmem_pages += zone_managed_pages(&m->node_data[nid]->node_zones[z]);
	for (nid = 0; nid < m->nr_node_ids; nid++) {
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];
			unsigned long managed = zone_managed_pages(zone);
			unsigned long tmp, step;

			tmp = (unsigned long)((unsigned long long)pages_min * managed /
					      lowmem_pages);
			zone->_watermark[WMARK_MIN] = tmp;
			step = mult_frac(managed, (unsigned long)m->watermark_scale_factor, 10000);
			if (tmp >> 2 > step)
				step = tmp >> 2;
			zone->watermark_boost = 0;
			zone->_watermark[WMARK_LOW] = min_wmark_pages(zone) + step;
			zone->_watermark[WMARK_HIGH] = min_wmark_pages(zone) + step * 2;
		}
	}
	calculate_totalreserve_pages(m);
}

/*
 * calculate_normal_threshold(): how far a per-CPU counter may drift,
 * 2 * fls(cpus) * (1 + fls(managed in 128 MiB units)), at most 125.
 * mmsh keeps exact counters but prints the value zoneinfo would show.
 */
int calculate_normal_threshold(const struct zone *zone)
{
	unsigned long mem = zone_managed_pages(zone) >> (27 - PAGE_SHIFT);
	int cpus = zone->machine->nr_cpus;
	int fls_cpus = 32 - __builtin_clz((unsigned int)cpus);
	int fls_mem = mem ? 64 - __builtin_clzl(mem) : 0;
	int threshold = 2 * fls_cpus * (1 + fls_mem);

	return threshold < 125 ? threshold : 125;
}

void refresh_zone_stat_thresholds(struct machine *m)
{
	int nid, z, cpu;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];
			int threshold;

			if (!populated_zone(zone))
				continue;
			threshold = calculate_normal_threshold(zone);
			for (cpu = 0; cpu < m->nr_cpus; cpu++)
				zone->pageset[cpu].stat_threshold = threshold;
			/* a drift that could hide a breach of min: kswapd tightens it */
			if ((unsigned long)m->nr_cpus * (unsigned long)threshold >
			    low_wmark_pages(zone) - min_wmark_pages(zone))
				zone->percpu_drift_mark = high_wmark_pages(zone) +
					(unsigned long)m->nr_cpus * (unsigned long)threshold;
		}
}

/*
 * init_per_zone_wmark_min(): min_free_kbytes = sqrt(16 * lowmem in kB),
 * clamped to [128, 262144], unless the user asked for more.
 */
void init_per_zone_wmark_min(struct machine *m)
{
	unsigned long lowmem_kbytes = nr_free_buffer_pages(m) * (PAGE_SIZE >> 10);
	long new_min = (long)int_sqrt(lowmem_kbytes * 16);

	if (new_min > m->user_min_free_kbytes) {
		if (new_min < 128)
			new_min = 128;
		if (new_min > 262144)
			new_min = 262144;
		m->min_free_kbytes = (int)new_min;
	}
	m->min_free_kbytes_sqrt = (int)new_min;
	setup_per_zone_wmarks(m);
	refresh_zone_stat_thresholds(m);
	setup_per_zone_lowmem_reserve(m);
	/* khugepaged_min_free_kbytes_update(): only once khugepaged runs */
	if (m->khugepaged_started)
		set_recommended_min_free_kbytes(m);
}

/*
 * The khugepaged proposal: two pageblocks per zone up to Normal, plus
 * MIGRATE_PCPTYPES squared more, capped at 5% of lowmem.
 */
unsigned long recommended_min_free_kbytes(struct machine *m)
{
	unsigned long recommended, cap;
	int nid, z, nr_zones = 0;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++)
			if (populated_zone(&m->node_data[nid]->node_zones[z]) &&
			    z <= gfp_zone(GFP_USER))
				nr_zones++;
	recommended = m->pageblock_nr_pages * (unsigned long)nr_zones * 2;
	recommended += m->pageblock_nr_pages * (unsigned long)nr_zones *
		       MIGRATE_PCPTYPES * MIGRATE_PCPTYPES;
	cap = nr_free_buffer_pages(m) / 20;
	if (recommended > cap)
		recommended = cap;
	return recommended << (PAGE_SHIFT - 10);
}

/* set_recommended_min_free_kbytes(): khugepaged raises, never lowers. */
void set_recommended_min_free_kbytes(struct machine *m)
{
	unsigned long recommended = recommended_min_free_kbytes(m);

	m->min_free_kbytes_thp = recommended;
	if ((long)recommended > m->min_free_kbytes)
		m->min_free_kbytes = (int)recommended;
	setup_per_zone_wmarks(m);
}

/*
 * __zone_watermark_ok(): enough free pages above mark + lowmem_reserve,
 * after ALLOC_HIGH halves the mark and ALLOC_HARDER takes a quarter (or
 * ALLOC_OOM a half) off; for order > 0 also a free block of at least that
 * order on a list the request may use.
 */
bool zone_watermark_ok_(const struct zone *z, unsigned int order,
			unsigned long mark, int highest_zoneidx,
			unsigned int alloc_flags, long free_pages)
{
	struct machine *m = z->machine;
	long min = (long)mark;
	long unusable = zone_watermark_unusable_free(z, order, alloc_flags);
	bool alloc_harder = alloc_flags & (ALLOC_HARDER | ALLOC_OOM);
	unsigned int o;
	int mt;

	free_pages -= unusable;
	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	if (alloc_harder) {
		if (alloc_flags & ALLOC_OOM)
			min -= min / 2;
		else
			min -= min / 4;
	}
	KSTEP(m, "__zone_watermark_ok",
	      "%s order=%u: free=%ld - %ld unusable = %ld %s min=%ld (mark=%lu%s%s) "
	      "+ lowmem_reserve[%s]=%ld: %s",
	      z->name, order, free_pages + unusable, unusable, free_pages,
	      free_pages <= min + z->lowmem_reserve[highest_zoneidx] ? "<=" : ">",
	      min, mark, (alloc_flags & ALLOC_HIGH) ? ", ALLOC_HIGH -1/2" : "",
	      !alloc_harder ? "" : (alloc_flags & ALLOC_OOM) ? ", ALLOC_OOM -1/2"
	      : ", ALLOC_HARDER -1/4",
	      zone_names[highest_zoneidx], z->lowmem_reserve[highest_zoneidx],
	      free_pages <= min + z->lowmem_reserve[highest_zoneidx] ? "fails"
	      : order ? "enough pages, now a free block of that order" : "passes");
	if (free_pages <= min + z->lowmem_reserve[highest_zoneidx])
		return false;
	if (!order)
		return true;
	for (o = order; o < m->max_order; o++) {
		const struct free_area *area = &z->free_area[o];

		if (!area->nr_free)
			continue;
		for (mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			if (!free_area_empty(area, mt, m)) {
				KSTEP(m, "__zone_watermark_ok",
				      "%s: free_area[%u] has a free %s block: passes",
				      z->name, o, migratetype_names[mt]);
				return true;
			}
		if ((alloc_flags & ALLOC_CMA) && !free_area_empty(area, MIGRATE_CMA, m)) {
			KSTEP(m, "__zone_watermark_ok",
			      "%s: free_area[%u] has a free CMA block and ALLOC_CMA: passes",
			      z->name, o);
			return true;
		}
		if (alloc_harder && !free_area_empty(area, MIGRATE_HIGHATOMIC, m)) {
			KSTEP(m, "__zone_watermark_ok",
			      "%s: free_area[%u] has a free HighAtomic block and ALLOC_%s: passes",
			      z->name, o, (alloc_flags & ALLOC_HARDER) ? "HARDER" : "OOM");
			return true;
		}
		KSTEP(m, "__zone_watermark_ok",
		      "%s: free_area[%u] has %lu free blocks, none on a list this request may use",
		      z->name, o, area->nr_free);
	}
	KSTEP(m, "__zone_watermark_ok",
	      "%s: no usable free block of order %u to %u: fails", z->name, order,
	      m->max_order - 1);
	return false;
}

bool zone_watermark_ok(const struct zone *z, unsigned int order,
		       unsigned long mark, int highest_zoneidx,
		       unsigned int alloc_flags)
{
	return zone_watermark_ok_(z, order, mark, highest_zoneidx, alloc_flags,
				  zone_page_state(z, NR_FREE_PAGES));
}
