/*
 * src/engine/views.c: the views without a /proc file. They show the same
 * state the kernel keeps, laid out for a student: the free lists block by
 * block (like crash's kmem -f), the 2.4 bitmap, the pcp lists, one page
 * (like dump_page), the memory map, and how every watermark was derived.
 */
#include <stdio.h>
#include <string.h>

#include "mmsh/bitmap24.h"
#include "mmsh/compaction.h"
#include "mmsh/list.h"
#include "mmsh/page_alloc.h"
#include "mmsh/pcp.h"
#include "mmsh/lru.h"
#include "mmsh/rmap.h"
#include "mmsh/vmscan.h"
#include "mmsh/workload.h"
#include "mmsh/views.h"
#include "mmsh/watermark.h"
#include "views_internal.h"

#define BLOCKS_PER_LINE 8
#define MAP_WIDTH 64
#define BITS_PER_LINE 64

static bool zone_selected(const struct zone *zone, const struct zone *want)
{
	return populated_zone(zone) && (!want || want == zone);
}

/* ---- free_area ------------------------------------------------------------ */

static void free_list_blocks(struct machine *m, uint32_t head, struct strbuf *sb)
{
	unsigned long n = 0;
	uint32_t id;

	for (id = list_first(m->mem_map, head); id != head;
	     id = list_next(m->mem_map, id), n++) {
		if (n && n % BLOCKS_PER_LINE == 0)
			sb_puts(sb, "\n                       ");
		sb_printf(sb, " 0x%x", id);
	}
}

void view_free_area(struct machine *m, struct zone *want, struct strbuf *sb)
{
	int nid, z, t;
	unsigned int o;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];

			if (!zone_selected(zone, want))
				continue;
			sb_printf(sb, "Node %d, zone %8s  pfns 0x%lx-0x%lx  free %ld pages\n",
				  nid, zone->name, zone->zone_start_pfn, zone_end_pfn(zone) - 1,
				  zone_page_state(zone, NR_FREE_PAGES));
			for (o = 0; o < m->max_order; o++) {
				struct free_area *area = &zone->free_area[o];

				sb_printf(sb, "  free_area[%2u] %6lukB  nr_free %lu\n", o,
					  K(1UL << o), area->nr_free);
				for (t = 0; t < MIGRATE_TYPES; t++) {
					if (free_area_empty(area, t, m))
						continue;
					sb_printf(sb, "    %-11s (head)", migratetype_names[t]);
					free_list_blocks(m, area->free_list[t], sb);
					sb_puts(sb, " (tail)\n");
				}
			}
		}
}

/* ---- the 2.4 bitmap ----------------------------------------------------- */

static void bitmap_order(struct machine *m, struct zone *zone, unsigned int k,
			 struct strbuf *sb)
{
	unsigned long first = zone->zone_start_pfn >> (k + 1);
	unsigned long last = (zone_end_pfn(zone) - 1) >> (k + 1);
	unsigned long i, ones = 0, line_start;
	struct strbuf line = STRBUF_INIT, prev = STRBUF_INIT;
	bool starred = false;

	for (i = first; i <= last; i++)
		ones += bitmap24_test(m, i, k);
	sb_printf(sb, "order %u: %lu bits (pairs of order-%u blocks), %lu set\n", k,
		  last - first + 1, k, ones);
	for (line_start = first; line_start <= last; line_start += BITS_PER_LINE) {
		sb_reset(&line);
		for (i = line_start; i < line_start + BITS_PER_LINE && i <= last; i++) {
			if (i > line_start && (i - line_start) % 16 == 0)
				sb_putc(&line, ' ');
			sb_putc(&line, bitmap24_test(m, i, k) ? '1' : '0');
		}
		/* like hexdump: a line equal to the previous one prints as '*' */
		if (prev.len && strcmp(sb_str(&line), sb_str(&prev)) == 0 &&
		    line_start + BITS_PER_LINE <= last) {
			if (!starred)
				sb_puts(sb, "  *\n");
			starred = true;
			continue;
		}
		starred = false;
		{
			char label[24];

			snprintf(label, sizeof(label), "0x%lx", line_start << (k + 1));
			sb_printf(sb, "  pfn %9s  %s\n", label, sb_str(&line));
		}
		sb_reset(&prev);
		sb_puts(&prev, sb_str(&line));
	}
	sb_free(&line);
	sb_free(&prev);
}

void view_bitmap(struct machine *m, struct zone *want, int order, struct strbuf *sb)
{
	int nid, z;
	unsigned int k;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];

			if (!zone_selected(zone, want))
				continue;
			sb_printf(sb, "Node %d, zone %8s: 2.4 buddy bitmap, bit i of order k covers "
				      "the blocks at pfn i<<(k+1) and i<<(k+1) + (1<<k);\n"
				      "1 = exactly one of the pair is free at that order\n",
				  nid, zone->name);
			for (k = 0; k < m->max_order; k++)
				if (order < 0 || (unsigned int)order == k)
					bitmap_order(m, zone, k, sb);
		}
}

/* ---- pcp ------------------------------------------------------------------ */

void view_pcp(struct machine *m, int want_cpu, struct strbuf *sb)
{
	int cpu, nid, z, t;

	for (cpu = 0; cpu < m->nr_cpus; cpu++) {
		if (want_cpu >= 0 && cpu != want_cpu)
			continue;
		sb_printf(sb, "cpu %d (node %d)\n", cpu, m->cpu_to_node[cpu]);
		for (nid = 0; nid < m->nr_node_ids; nid++)
			for (z = 0; z < MAX_NR_ZONES; z++) {
				struct zone *zone = &m->node_data[nid]->node_zones[z];
				struct per_cpu_pages *pcp = &zone->pageset[cpu].pcp;

				if (!populated_zone(zone))
					continue;
				sb_printf(sb, "  Node %d, zone %8s  count %d  high %d  batch %d\n",
					  nid, zone->name, pcp->count, pcp->high, pcp->batch);
				for (t = 0; t < MIGRATE_PCPTYPES; t++) {
					if (list_empty(m->mem_map, pcp->lists[t]))
						continue;
					sb_printf(sb, "    %-11s (head)", migratetype_names[t]);
					free_list_blocks(m, pcp->lists[t], sb);
					sb_puts(sb, " (tail)\n");
				}
			}
	}
}

/* ---- one page --------------------------------------------------------------- */

static const char *const pageflag_names[NR_PAGEFLAGS] = {
	[PG_locked] = "locked", [PG_referenced] = "referenced",
	[PG_uptodate] = "uptodate", [PG_dirty] = "dirty", [PG_lru] = "lru",
	[PG_active] = "active", [PG_workingset] = "workingset",
	[PG_waiters] = "waiters", [PG_error] = "error", [PG_slab] = "slab",
	[PG_owner_priv_1] = "owner_priv_1", [PG_arch_1] = "arch_1",
	[PG_reserved] = "reserved", [PG_private] = "private",
	[PG_private_2] = "private_2", [PG_writeback] = "writeback",
	[PG_head] = "head", [PG_mappedtodisk] = "mappedtodisk",
	[PG_reclaim] = "reclaim", [PG_swapbacked] = "swapbacked",
	[PG_unevictable] = "unevictable", [PG_mlocked] = "mlocked",
};

int pageflag_lookup(const char *name)
{
	int f;

	for (f = 0; f < NR_PAGEFLAGS; f++)
		if (pageflag_names[f] && strcmp(pageflag_names[f], name) == 0)
			return f;
	return -1;
}

/* %pGp prints flags in this order (include/trace/events/mmflags.h). */
static const enum pageflags pageflag_order[] = {
	PG_locked, PG_waiters, PG_error, PG_referenced, PG_uptodate, PG_dirty,
	PG_lru, PG_active, PG_workingset, PG_slab, PG_owner_priv_1, PG_arch_1,
	PG_reserved, PG_private, PG_private_2, PG_writeback, PG_head,
	PG_mappedtodisk, PG_reclaim, PG_swapbacked, PG_unevictable, PG_mlocked,
};

size_t page_flag_names(const struct page *page, const char **names, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < sizeof(pageflag_order) / sizeof(pageflag_order[0]); i++)
		if (test_page_flag(page, pageflag_order[i]) && n < max)
			names[n++] = pageflag_names[pageflag_order[i]];
	return n;
}

static void format_pageflags(const struct page *page, struct strbuf *sb)
{
	const char *names[NR_PAGEFLAGS];
	size_t i, n = page_flag_names(page, names, NR_PAGEFLAGS);

	for (i = 0; i < n; i++)
		sb_printf(sb, "%s%s", i ? "|" : "", names[i]);
}

/* Which pcp list holds the page; false if none. */
static bool find_on_pcp(struct machine *m, unsigned long pfn, int *cpu_out, int *mt_out)
{
	struct zone *zone = page_zone(m, &m->mem_map[pfn]);
	int cpu, t;
	uint32_t id;

	for (cpu = 0; cpu < m->nr_cpus; cpu++)
		for (t = 0; t < MIGRATE_PCPTYPES; t++) {
			uint32_t head = zone->pageset[cpu].pcp.lists[t];

			for (id = list_first(m->mem_map, head); id != head;
			     id = list_next(m->mem_map, id))
				if (id == pfn) {
					*cpu_out = cpu;
					*mt_out = t;
					return true;
				}
		}
	return false;
}

static long free_head_of(struct machine *m, unsigned long pfn)
{
	unsigned int k;

	for (k = 0; k < m->max_order; k++) {
		unsigned long head = pfn & ~((1UL << k) - 1);

		if (PageBuddy(&m->mem_map[head]) && buddy_order(&m->mem_map[head]) == k)
			return (long)head;
	}
	return -1;
}

/* The free list a free block is on: its head records it (page.h). */
static int free_list_type(struct machine *m, unsigned long head)
{
	int t = buddy_list_type(&m->mem_map[head]);

	return t < MIGRATE_TYPES ? t : -1;
}

static void view_owned_page(struct machine *m, struct page *page,
			    const struct page_loc *loc, struct strbuf *sb);


/*
 * The mapping's "pointer" as %p would hash it: a different mix from the
 * pages' (page_ptr_hash), so that a mapping never prints like a page.
 */
uint32_t mapping_ptr_hash(uint32_t mapping)
{
	return page_ptr_hash((unsigned long)mapping * 0x27d4eb2dUL + 0x165667b1UL);
}

/* Who owns a page with a mapping or a swap slot, and where it waits. */
static void locate_owned(struct machine *m, unsigned long pfn, struct page_loc *loc)
{
	struct page *page = &m->mem_map[pfn];

	loc->where = PAGE_OWNED;
	loc->cpu = pagevec_cpu(m, pfn);
	loc->lru = PageLRU(page) ? (int)page_lru(page) : -1;
	loc->task = anon_owner(m, page);
	loc->file = file_owner(page);
	if (loc->task) {
		pte_t pte = page->index < loc->task->anon_len ? loc->task->anon[page->index] : 0;

		loc->mapped = pte_present(pte) && pte_val(pte) == pfn;
		loc->pte_young = loc->mapped && (pte & PTE_YOUNG);
	}
}

/*
 * Where a page is, in the order view_page asks: a hole, reserved, in a
 * free block, in a block alloc handed out, on a pcp list, owned by a task
 * or a file, or allocated otherwise. The page records read the same.
 */
void page_locate(struct machine *m, unsigned long pfn, struct page_loc *loc)
{
	struct page *page = &m->mem_map[pfn];
	long head;

	memset(loc, 0, sizeof(*loc));
	loc->migratetype = loc->cpu = loc->lru = loc->file = -1;
	if (pfn_is_hole(m, pfn)) {
		loc->where = PAGE_HOLE;
		return;
	}
	if (PageReserved(page)) {
		loc->where = PAGE_RESERVED;
		return;
	}
	head = free_head_of(m, pfn);
	if (head >= 0) {
		loc->where = head == (long)pfn ? PAGE_FREE_HEAD : PAGE_FREE_TAIL;
		loc->head = (unsigned long)head;
		loc->order = buddy_order(&m->mem_map[head]);
		loc->migratetype = free_list_type(m, (unsigned long)head);
		return;
	}
	head = mmsh_alloc_head(m, pfn);
	if (head >= 0) {
		loc->where = head == (long)pfn ? PAGE_ALLOC_HEAD : PAGE_ALLOC_TAIL;
		loc->head = (unsigned long)head;
		loc->order = mmsh_alloc_order(&m->mem_map[head]);
		loc->migratetype = mmsh_alloc_migratetype(&m->mem_map[head]);
		return;
	}
	if (find_on_pcp(m, pfn, &loc->cpu, &loc->migratetype)) {
		loc->where = PAGE_PCP;
		return;
	}
	if (page->mapping || PageSwapCache(page)) {
		locate_owned(m, pfn, loc);
		return;
	}
	loc->where = PAGE_ALLOCATED;
}

void view_page(struct machine *m, unsigned long pfn, struct strbuf *sb)
{
	struct page *page = &m->mem_map[pfn];
	struct zone *zone = page_zone(m, page);
	int mt = get_pfnblock_migratetype(m, pfn);
	struct page_loc loc;

	sb_printf(sb, "page:%016lx refcount:%d mapcount:%d mapping:%016lx index:0x%x pfn:0x%lx\n",
		  (unsigned long)page_ptr_hash(pfn), page_ref_count(page),
		  page_mapcount(page), page->mapping ? (unsigned long)mapping_ptr_hash(page->mapping) : 0UL,
		  page->index, pfn);
	sb_printf(sb, "flags: 0x%x(", page->flags & PAGEFLAGS_MASK);
	format_pageflags(page, sb);
	sb_puts(sb, ")\n");
	sb_printf(sb, "node %u, zone %s, pageblock %lu (%s)\n", page_to_nid(page), zone->name,
		  pfn >> m->pageblock_order, migratetype_names[mt]);
	page_locate(m, pfn, &loc);
	switch (loc.where) {
	case PAGE_HOLE:
		sb_puts(sb, "state: a hole: no memory exists at this pfn\n");
		break;
	case PAGE_RESERVED:
		sb_puts(sb, "state: reserved: present, but never given to the buddy allocator\n");
		break;
	case PAGE_FREE_HEAD:
		sb_printf(sb, "state: free: heads an order-%u block (%lu page%s) on free_area[%u]'s %s list;"
			      " PageBuddy (page_type 0x%x), private (order) %u\n",
			  loc.order, 1UL << loc.order, loc.order ? "s" : "", loc.order,
			  loc.migratetype >= 0 ? migratetype_names[loc.migratetype] : "?",
			  page->page_type, buddy_order(page));
		break;
	case PAGE_FREE_TAIL:
		sb_printf(sb, "state: free: inside the order-%u block at 0x%lx\n", loc.order, loc.head);
		break;
	case PAGE_ALLOC_HEAD:
		sb_printf(sb, "state: allocated by alloc: heads an order-%u block (%lu page%s), migratetype %s\n",
			  loc.order, 1UL << loc.order, loc.order ? "s" : "",
			  migratetype_names[loc.migratetype]);
		break;
	case PAGE_ALLOC_TAIL:
		sb_printf(sb, "state: allocated: inside the order-%u block at 0x%lx\n", loc.order,
			  loc.head);
		break;
	case PAGE_PCP:
		sb_printf(sb, "state: free on cpu %d's per-CPU %s list (pcp migratetype %u)\n", loc.cpu,
			  migratetype_names[loc.migratetype], page->index);
		break;
	case PAGE_OWNED:
		view_owned_page(m, page, &loc, sb);
		break;
	case PAGE_ALLOCATED:
		sb_puts(sb, "state: allocated\n");
		break;
	}
}

/* Which CPU's lru_add pagevec holds the page, or -1. */
int pagevec_cpu(const struct machine *m, unsigned long pfn)
{
	int cpu;
	unsigned int i;

	for (cpu = 0; cpu < m->nr_cpus; cpu++)
		for (i = 0; i < m->pvecs[cpu].lru_add.nr; i++)
			if (m->pvecs[cpu].lru_add.pages[i] == pfn)
				return cpu;
	return -1;
}

/* Where an owned page is, who owns it and what it holds. */
static void view_owned_page(struct machine *m, struct page *page,
			    const struct page_loc *loc, struct strbuf *sb)
{
	unsigned long pfn = page_to_pfn(m, page);
	struct task *t = loc->task;
	int f = loc->file;

	if (loc->lru >= 0)
		sb_printf(sb, "state: on node %u's %s list\n", page_to_nid(page),
			  lru_names[loc->lru]);
	else if (loc->cpu >= 0)
		sb_printf(sb, "state: in cpu %d's lru_add pagevec, on no list yet (lru_add_drain)\n",
			  loc->cpu);
	else
		sb_puts(sb, "state: isolated from the LRU\n");
	if (t) {
		sb_printf(sb, "owner: task %s (pid %d), anonymous vpage %u, ", t->comm, t->pid, page->index);
		if (loc->mapped)
			sb_printf(sb, "mapped, pte %s\n", loc->pte_young ? "young" : "old");
		else
			sb_puts(sb, "not mapped (its pte names the swap slot)\n");
	} else if (f >= 0) {
		sb_printf(sb, "owner: file %s, page %u, in the page cache, mapped by %d pte%s\n",
			  m->files[f].name, page->index, page_mapcount(page),
			  page_mapcount(page) == 1 ? "" : "s");
	}
	if (PageSwapCache(page))
		sb_printf(sb, "swap cache: slot %u (%u pte references)\n", page->private - 1,
			  m->swap.map[page->private - 1] & SWAP_MAP_MAX);
	if (PageWriteback(page))
		sb_puts(sb, "I/O: under writeback\n");
	else if (PageDirty(page))
		sb_puts(sb, "I/O: dirty, not yet written\n");
	sb_printf(sb, "data: %08x\n", page_content_get(m, pfn));
}

/* ---- the LRU lists ------------------------------------------------------------------ */

static void lru_ends(struct machine *m, uint32_t head, struct strbuf *sb)
{
	uint32_t id;
	int n;

	if (list_empty(m->mem_map, head))
		return;
	sb_puts(sb, "    head (newest):");
	for (id = list_first(m->mem_map, head), n = 0; id != head && n < 4;
	     id = list_next(m->mem_map, id), n++) {
		sb_printf(sb, " 0x%x(", id);
		format_pageflags(&m->mem_map[id], sb);
		sb_putc(sb, ')');
	}
	sb_puts(sb, "\n    tail (oldest):");
	for (id = list_last(m->mem_map, head), n = 0; id != head && n < 4;
	     id = m->mem_map[id].lru.prev, n++) {
		sb_printf(sb, " 0x%x(", id);
		format_pageflags(&m->mem_map[id], sb);
		sb_putc(sb, ')');
	}
	sb_putc(sb, '\n');
}

/* ---- disk ---------------------------------------------------------------------------- */

void view_disk(struct machine *m, unsigned long max, struct strbuf *sb)
{
	const struct disk *d = &m->disk;
	unsigned long i;

	sb_printf(sb, "disk: a write completes %lu jiff%s (%lu ms) after it is submitted; "
		      "jiffies=%lu\n", d->latency, d->latency == 1 ? "y" : "ies",
		  d->latency * 1000 / HZ, m->jiffies);
	sb_printf(sb, "  %lu write%s in flight, %lu pages written since boot\n", d->n,
		  d->n == 1 ? "" : "s", d->written);
	for (i = 0; i < d->n && i < max; i++) {
		const struct io_request *q = &d->q[i];
		const struct page *page = &m->mem_map[q->pfn];

		if (q->kind == IO_WRITE_FILE)
			sb_printf(sb, "  pfn 0x%x  file %s page %u (version %u)", q->pfn,
				  m->files[file_owner(page)].name, page->index, q->data);
		else
			sb_printf(sb, "  pfn 0x%x  swap slot %lu", q->pfn, (unsigned long)page->private - 1);
		sb_printf(sb, ", done at jiffy %lu\n", q->done_at);
	}
	if (d->n > max)
		sb_printf(sb, "  ... and %lu more\n", d->n - max);
}

void view_lru(struct machine *m, int want, struct strbuf *sb)
{
	int nid, lru, z, cpu;

	for (nid = 0; nid < m->nr_node_ids; nid++) {
		pg_data_t *pgdat = m->node_data[nid];
		struct lruvec *lruvec = &pgdat->lruvec;

		if (want != NUMA_NO_NODE && nid != want)
			continue;
		sb_printf(sb, "Node %d LRU lists (reclaim takes from the tail):\n", nid);
		for (lru = 0; lru < NR_LRU_LISTS; lru++) {
			sb_printf(sb, "  %-14s %8ld pages", lru_names[lru],
				  pgdat->vm_stat[NR_INACTIVE_ANON + lru]);
			for (z = 0; z < MAX_NR_ZONES; z++) {
				struct zone *zone = &pgdat->node_zones[z];

				if (populated_zone(zone))
					sb_printf(sb, "  %s %ld", zone->name,
						  zone_page_state(zone, (enum zone_stat_item)(NR_ZONE_INACTIVE_ANON + lru)));
			}
			if (lru == LRU_INACTIVE_ANON || lru == LRU_INACTIVE_FILE)
				sb_printf(sb, "  %s", inactive_is_low(m, lruvec, (enum lru_list)lru)
					  ? "(inactive is low)" : "");
			sb_putc(sb, '\n');
			lru_ends(m, lruvec->lists[lru], sb);
		}
		sb_printf(sb, "  anon_cost %lu  file_cost %lu  nonresident_age %lu  isolated anon %ld file %ld\n",
			  lruvec->anon_cost, lruvec->file_cost, lruvec->nonresident_age,
			  pgdat->vm_stat[NR_ISOLATED_ANON], pgdat->vm_stat[NR_ISOLATED_FILE]);
	}
	sb_puts(sb, "pagevecs (pages waiting to reach a list):");
	for (cpu = 0; cpu < m->nr_cpus; cpu++)
		sb_printf(sb, "  cpu%d lru_add %u rotate %u deactivate_file %u deactivate %u activate %u",
			  cpu, m->pvecs[cpu].lru_add.nr, m->pvecs[cpu].lru_rotate.nr,
			  m->pvecs[cpu].lru_deactivate_file.nr, m->pvecs[cpu].lru_deactivate.nr,
			  m->pvecs[cpu].activate_page.nr);
	sb_putc(sb, '\n');
}

/* ---- the memory map ------------------------------------------------------------ */

/* States of the map; the first MAX_ORDER_LIMIT are free blocks by order. */
enum map_state {
	MAP_FREE0 = 0,
	MAP_PCP = MAX_ORDER_LIMIT,
	MAP_ALLOC_U,
	MAP_ALLOC_M,
	MAP_ALLOC_R,
	MAP_ALLOC_OTHER,
	MAP_LRU_INACTIVE_ANON,
	MAP_LRU_ACTIVE_ANON,
	MAP_LRU_INACTIVE_FILE,
	MAP_LRU_ACTIVE_FILE,
	MAP_LRU_UNEVICTABLE,
	MAP_PAGEVEC,
	MAP_DIRTY,
	MAP_WRITEBACK,
	MAP_RESERVED,
	MAP_HOLE,
	NR_MAP_STATES
};

char map_state_char(int s)
{
	static const char digits[] = "0123456789abcdefghij";

	if (s < MAX_ORDER_LIMIT)
		return digits[s];
	switch (s) {
	case MAP_PCP: return 'p';
	case MAP_ALLOC_U: return 'U';
	case MAP_ALLOC_M: return 'M';
	case MAP_ALLOC_R: return 'R';
	case MAP_ALLOC_OTHER: return 'k';
	case MAP_LRU_INACTIVE_ANON: return 'x';
	case MAP_LRU_ACTIVE_ANON: return 'X';
	case MAP_LRU_INACTIVE_FILE: return 'o';
	case MAP_LRU_ACTIVE_FILE: return 'O';
	case MAP_LRU_UNEVICTABLE: return 'L';
	case MAP_PAGEVEC: return 'v';
	case MAP_DIRTY: return 'D';
	case MAP_WRITEBACK: return 'W';
	case MAP_RESERVED: return '#';
	default: return '-';
	}
}

static int alloc_state(int mt)
{
	if (mt == MIGRATE_UNMOVABLE)
		return MAP_ALLOC_U;
	if (mt == MIGRATE_MOVABLE)
		return MAP_ALLOC_M;
	if (mt == MIGRATE_RECLAIMABLE)
		return MAP_ALLOC_R;
	return MAP_ALLOC_OTHER;
}

/* The state of pfn and how many pages from pfn on share it (>= 1). */
static int page_state_run(struct machine *m, unsigned long pfn, unsigned long *run)
{
	struct page *page = &m->mem_map[pfn];
	long head;

	*run = 1;
	OPCOUNT(OP_PAGE_VISIT);
	if (pfn_is_hole(m, pfn))
		return MAP_HOLE;
	if (PageReserved(page))
		return MAP_RESERVED;
	head = free_head_of(m, pfn);
	if (head >= 0) {
		*run = (unsigned long)head + (1UL << buddy_order(&m->mem_map[head])) - pfn;
		return MAP_FREE0 + (int)buddy_order(&m->mem_map[head]);
	}
	head = mmsh_alloc_head(m, pfn);
	if (head >= 0) {
		struct page *h = &m->mem_map[head];

		*run = (unsigned long)head + (1UL << mmsh_alloc_order(h)) - pfn;
		return alloc_state(mmsh_alloc_migratetype(h));
	}
	if (page_ref_count(page) == 0 && page->lru.next != LIST_POISON)
		return MAP_PCP;
	if (PageWriteback(page))
		return MAP_WRITEBACK;
	if (PageDirty(page) && (page->mapping || PageSwapCache(page)))
		return MAP_DIRTY;
	if (PageLRU(page))
		return MAP_LRU_INACTIVE_ANON + (int)page_lru(page);
	if (page->mapping || PageSwapCache(page))
		return MAP_PAGEVEC;
	return MAP_ALLOC_OTHER;
}

char map_page_char(struct machine *m, unsigned long pfn)
{
	unsigned long run;

	return map_state_char(page_state_run(m, pfn, &run));
}

/*
 * map_group_char(): the character for pfns [start, end): the most common
 * state. At most max_looks page states are read: a larger group is
 * sampled at evenly spaced pfns, each sample weighing the run it finds
 * (up to the next sample), so the cost does not grow with memory.
 */
char map_group_char(struct machine *m, unsigned long start, unsigned long end,
		    unsigned long max_looks)
{
	unsigned long counts[NR_MAP_STATES] = { 0 }, pfn = start, best = 0, looks = 0;
	unsigned long half, stride;
	int st, best_state = MAP_HOLE;

	if (end > m->max_pfn)
		end = m->max_pfn;
	half = max_looks / 2 ? max_looks / 2 : 1;
	stride = end > start ? (end - start) / half : 1;
	if (!stride)
		stride = 1;
	while (pfn < end) {
		unsigned long run;

		st = page_state_run(m, pfn, &run);
		/* past half the budget, each look stands for a stride of pfns */
		if (++looks > half && run < stride)
			run = stride;
		if (run > end - pfn)
			run = end - pfn;
		counts[st] += run;
		pfn += run;
	}
	for (st = 0; st < NR_MAP_STATES; st++)
		if (counts[st] > best) {
			best = counts[st];
			best_state = st;
		}
	return map_state_char(best_state);
}

void map_legend(struct strbuf *sb)
{
	sb_puts(sb, "legend: 0-9 a-j free (the order of the free block the page is in)"
		    "  p free on a per-CPU list\n"
		    "        U M R allocated by alloc (Unmovable, Movable, Reclaimable)"
		    "  k allocated otherwise\n"
		    "        x X inactive/active anon  o O inactive/active file  L unevictable"
		    "  v in a pagevec\n"
		    "        D dirty  W under writeback\n"
		    "        # reserved (present, not managed)  - hole (not present)\n"
		    "        with several pages per character, the most common state shows\n");
}

/* Pages per character: per, or (per 0) the least power of two fitting about 64 lines. */
unsigned long map_pages_per_char(const struct zone *zone, unsigned long per)
{
	unsigned long ppc = 1;

	if (per)
		return per;
	while (zone->spanned_pages / ppc > MAP_WIDTH * 64UL)
		ppc *= 2;
	return ppc;
}

/* The most common state of pfns [start, end), every page read (ties: the lower state). */
int map_best_state(struct machine *m, unsigned long start, unsigned long end)
{
	unsigned long counts[NR_MAP_STATES] = { 0 }, pfn = start, best = 0;
	int s, best_state = MAP_HOLE;

	while (pfn < end) {
		unsigned long run;
		int st = page_state_run(m, pfn, &run);

		if (run > end - pfn)
			run = end - pfn;
		counts[st] += run;
		pfn += run;
	}
	for (s = 0; s < NR_MAP_STATES; s++)
		if (counts[s] > best) {
			best = counts[s];
			best_state = s;
		}
	return best_state;
}

void view_map(struct machine *m, struct zone *want, unsigned long per,
	      struct strbuf *sb)
{
	int nid, z;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];
			unsigned long ppc = map_pages_per_char(zone, per), pfn, col = 0;
			unsigned long end = zone_end_pfn(zone);

			if (!zone_selected(zone, want))
				continue;
			sb_printf(sb, "Node %d, zone %8s: %lu pages, %lu page%s per character\n",
				  nid, zone->name, zone->spanned_pages, ppc, ppc == 1 ? "" : "s");
			for (pfn = zone->zone_start_pfn; pfn < end; pfn += ppc) {
				unsigned long group_end = pfn + ppc < end ? pfn + ppc : end;
				char label[24];

				snprintf(label, sizeof(label), "0x%lx", pfn);
				if (col % MAP_WIDTH == 0)
					sb_printf(sb, "%s%10s ", col ? "\n" : "", label);
				sb_putc(sb, map_state_char(map_best_state(m, pfn, group_end)));
				col++;
			}
			sb_putc(sb, '\n');
		}
}

/* ---- watermarks ----------------------------------------------------------------- */

const char *const wmark_level_names[NR_WMARK_LEVELS] = {
	[WMARK_LEVEL_ABOVE_HIGH] = "above_high",
	[WMARK_LEVEL_IN_PROTECTION] = "above_high_within_protection",
	[WMARK_LEVEL_LOW_HIGH] = "between_low_and_high",
	[WMARK_LEVEL_MIN_LOW] = "between_min_and_low",
	[WMARK_LEVEL_AT_MIN] = "at_or_below_min",
};

/* Where the zone's free pages stand against its marks; *prot: its largest protection. */
enum wmark_level zone_wmark_level(const struct zone *zone, long *prot)
{
	unsigned long free = (unsigned long)zone_page_state(zone, NR_FREE_PAGES);
	int i;

	*prot = 0;
	for (i = 0; i < MAX_NR_ZONES; i++)
		if (zone->lowmem_reserve[i] > *prot)
			*prot = zone->lowmem_reserve[i];
	if (free > high_wmark_pages(zone) + (unsigned long)*prot)
		return WMARK_LEVEL_ABOVE_HIGH;
	if (free > high_wmark_pages(zone))
		return WMARK_LEVEL_IN_PROTECTION;
	if (free > low_wmark_pages(zone))
		return WMARK_LEVEL_LOW_HIGH;
	if (free > min_wmark_pages(zone))
		return WMARK_LEVEL_MIN_LOW;
	return WMARK_LEVEL_AT_MIN;
}

static void wmark_state(const struct zone *zone, struct strbuf *sb)
{
	long prot;

	switch (zone_wmark_level(zone, &prot)) {
	case WMARK_LEVEL_ABOVE_HIGH:
		sb_puts(sb, "above high: kswapd may sleep");
		break;
	case WMARK_LEVEL_IN_PROTECTION:
		sb_printf(sb, "above high, but not above high + protection %ld that requests "
			  "for higher zones must leave", prot);
		break;
	case WMARK_LEVEL_LOW_HIGH:
		sb_puts(sb, "between low and high: kswapd, once awake, keeps reclaiming");
		break;
	case WMARK_LEVEL_MIN_LOW:
		sb_puts(sb, "between min and low: the fast path fails here and wakes kswapd");
		break;
	default:
		sb_puts(sb, "at or below min: only ALLOC_HIGH/HARDER/reserves may allocate");
		break;
	}
}

static void gauge(const struct zone *zone, struct strbuf *sb)
{
	unsigned long managed = zone_managed_pages(zone), i;
	unsigned long free = (unsigned long)zone_page_state(zone, NR_FREE_PAGES);
	const unsigned long width = 50;
	char bar[64];

	for (i = 0; i < width; i++) {
		unsigned long at = managed * i / width;

		bar[i] = at < free ? '=' : ' ';
		if (at <= min_wmark_pages(zone) && min_wmark_pages(zone) < managed * (i + 1) / width)
			bar[i] = 'm';
		else if (at <= low_wmark_pages(zone) && low_wmark_pages(zone) < managed * (i + 1) / width)
			bar[i] = 'l';
		else if (at <= high_wmark_pages(zone) && high_wmark_pages(zone) < managed * (i + 1) / width)
			bar[i] = 'h';
	}
	bar[width] = '\0';
	sb_printf(sb, "  free %-7ld [%s] ", zone_page_state(zone, NR_FREE_PAGES), bar);
	wmark_state(zone, sb);
	sb_putc(sb, '\n');
}

/* Pages of the zones up to Normal: lowmem as init_per_zone_wmark_min saw it. */
unsigned long boot_lowmem_pages(const struct machine *m)
{
	unsigned long pages = 0;
	int nid, z;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z <= gfp_zone(GFP_USER); z++)
			pages += m->node_data[nid]->node_zones[z].managed_pages;
	return pages;
}

static void explain_min_free_kbytes(struct machine *m, struct strbuf *sb)
{
	unsigned long lowmem_kb = K(boot_lowmem_pages(m));
	int nr_zones = 0, nid, z;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z <= gfp_zone(GFP_USER); z++)
			nr_zones += populated_zone(&m->node_data[nid]->node_zones[z]);
	sb_printf(sb, "vm.min_free_kbytes = %d\n", m->min_free_kbytes);
	sb_printf(sb, "  boot: int_sqrt(16 * lowmem %lu kB) = %lu, clamped to [128, 262144]: %d\n",
		  lowmem_kb, int_sqrt(lowmem_kb * 16), m->min_free_kbytes_sqrt);
	if (m->thp == THP_NEVER)
		sb_puts(sb, "  THP is never: khugepaged does not run\n");
	else if (!m->khugepaged_started)
		sb_puts(sb, "  THP is switched off at boot below 512 MiB of RAM: khugepaged does not run\n");
	else
		sb_printf(sb, "  khugepaged: %lu pages per pageblock * %d zones * (2 + 3*3) = %lu pages,"
			      " at most 5%% of lowmem: %lu kB, %s\n",
			  m->pageblock_nr_pages, nr_zones,
			  m->pageblock_nr_pages * (unsigned long)nr_zones * 11, m->min_free_kbytes_thp,
			  (long)m->min_free_kbytes_thp > m->min_free_kbytes_sqrt
			  ? "which raised it" : "not above the square root: no change");
	if (m->user_min_free_kbytes >= 0)
		sb_printf(sb, "  then set with sysctl to %d\n", m->user_min_free_kbytes);
}

void view_watermarks(struct machine *m, struct strbuf *sb)
{
	unsigned long pages_min = (unsigned long)m->min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem = 0;
	int nid, z, j;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++)
			lowmem += zone_managed_pages(&m->node_data[nid]->node_zones[z]);
	explain_min_free_kbytes(m, sb);
	sb_printf(sb, "pages_min = %d kB / 4 = %lu pages; lowmem_pages (all zones' managed) = %lu;"
		      " vm.watermark_scale_factor = %d\n",
		  m->min_free_kbytes, pages_min, lowmem, m->watermark_scale_factor);
	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];
			unsigned long managed = zone_managed_pages(zone);
			unsigned long min = zone->_watermark[WMARK_MIN];
			unsigned long scale = mult_frac(managed,
				(unsigned long)m->watermark_scale_factor, 10000);
			unsigned long step = zone->_watermark[WMARK_LOW] - min;

			if (!populated_zone(zone))
				continue;
			sb_printf(sb, "Node %d, zone %8s  managed %lu\n", nid, zone->name, managed);
			sb_printf(sb, "  min   %-7lu = pages_min * managed / lowmem_pages = %lu * %lu / %lu\n",
				  zone->_watermark[WMARK_MIN], pages_min, managed, lowmem);
			sb_printf(sb, "  low   %-7lu = min + max(min/4 = %lu, managed * %d / 10000 = %lu)\n",
				  zone->_watermark[WMARK_LOW], min / 4, m->watermark_scale_factor, scale);
			sb_printf(sb, "  high  %-7lu = min + 2 * %lu\n", zone->_watermark[WMARK_HIGH], step);
			if (zone->watermark_boost)
				sb_printf(sb, "  boost %-7lu added to each mark until kswapd reclaims it:"
					      " min/low/high are now %lu/%lu/%lu\n", zone->watermark_boost,
					  min_wmark_pages(zone), low_wmark_pages(zone),
					  high_wmark_pages(zone));
			sb_printf(sb, "  protection: (%ld", zone->lowmem_reserve[0]);
			for (j = 1; j < MAX_NR_ZONES; j++)
				sb_printf(sb, ", %ld", zone->lowmem_reserve[j]);
			sb_printf(sb, ")  = pages of the zones above, up to each index, / lowmem_reserve_ratio %d\n",
				  m->sysctl_lowmem_reserve_ratio[z]);
			gauge(zone, sb);
		}
	for (nid = 0; nid < m->nr_node_ids; nid++) {
		pg_data_t *pgdat = m->node_data[nid];

		sb_printf(sb, "kswapd%d: %s", nid,
			  pgdat->kswapd_state == KSWAPD_SLEEPING ? "sleeping"
			  : pgdat->kswapd_state == KSWAPD_NAPPING ? "napping (kswapd_try_to_sleep)"
			  : "woken: runs at the next tick");
		if (pgdat->kswapd_highest_zoneidx != MAX_NR_ZONES)
			sb_printf(sb, ", asked for order %d up to zone %s", pgdat->kswapd_order,
				  zone_names[pgdat->kswapd_highest_zoneidx]);
		sb_printf(sb, " (%lu wake-ups, %lu balance_pgdat runs, kswapd_failures %d)\n",
			  pgdat->kswapd_wakeups, pgdat->kswapd_runs, pgdat->kswapd_failures);
	}
}

/* ---- gfp ------------------------------------------------------------------------- */

/* The names of alloc_flags joined by '|', the watermark first: ALLOC_WMARK_LOW|ALLOC_CPUSET. */
void alloc_flags_names(unsigned int f, struct strbuf *sb)
{
	static const struct { unsigned int bit; const char *name; } names[] = {
		{ ALLOC_NO_WATERMARKS, "ALLOC_NO_WATERMARKS" }, { ALLOC_OOM, "ALLOC_OOM" },
		{ ALLOC_HARDER, "ALLOC_HARDER" }, { ALLOC_HIGH, "ALLOC_HIGH" },
		{ ALLOC_CPUSET, "ALLOC_CPUSET" }, { ALLOC_CMA, "ALLOC_CMA" },
		{ ALLOC_NOFRAGMENT, "ALLOC_NOFRAGMENT" }, { ALLOC_KSWAPD, "ALLOC_KSWAPD" },
	};
	static const char *const wmark[] = { "ALLOC_WMARK_MIN", "ALLOC_WMARK_LOW",
					     "ALLOC_WMARK_HIGH", "?" };
	size_t i;

	sb_puts(sb, (f & ALLOC_NO_WATERMARKS) ? "" : wmark[f & ALLOC_WMARK_MASK]);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (f & names[i].bit)
			sb_printf(sb, "%s%s", (i == 0 && (f & ALLOC_NO_WATERMARKS)) ? "" : "|",
				  names[i].name);
}

static void format_alloc_flags(unsigned int f, struct strbuf *sb)
{
	alloc_flags_names(f, sb);
	sb_printf(sb, " (0x%x)", f);
}

void view_gfp(struct machine *m, gfp_t gfp, struct strbuf *sb)
{
	char buf[256];
	size_t n, i;
	const struct gfp_name *t = gfp_bit_table(&n);
	int hz = gfp_zone(gfp), nid = numa_node_id(m);
	struct zonelist *zl = node_zonelist(m, nid, gfp);
	struct zoneref *zr;
	bool first = true;
	unsigned int fast;

	sb_printf(sb, "gfp 0x%x = %s\n", gfp, gfp_format(gfp, true, buf, sizeof(buf)));
	if (hz < 0) {
		sb_puts(sb, "  invalid: these zone modifiers together are GFP_ZONE_BAD\n");
		return;
	}
	sb_puts(sb, "  bits:");
	for (i = 0; i < n; i++)
		if (gfp & t[i].mask)
			sb_printf(sb, " %s", t[i].name);
	sb_putc(sb, '\n');
	sb_printf(sb, "  highest zone (gfp_zone): %s; zonelist of node %d (%s): ",
		  zone_names[hz], nid, (gfp & GFP__THISNODE) ? "NOFALLBACK" : "FALLBACK");
	for (zr = first_zones_zonelist(zl, hz); zr->zone;
	     zr = next_zones_zonelist(zr + 1, hz)) {
		sb_printf(sb, "%s%s", first ? "" : ", ", zr->zone->name);
		if (m->nr_node_ids > 1)
			sb_printf(sb, "(node %d)", zone_to_nid(zr->zone));
		first = false;
	}
	sb_puts(sb, first ? "(no zone: the request cannot succeed)\n" : "\n");
	sb_printf(sb, "  migratetype (gfp_migratetype): %s%s\n",
		  migratetype_names[gfp_migratetype(m, gfp)],
		  m->page_group_by_mobility_disabled ? " (mobility grouping is off)" : "");
	sb_printf(sb, "  direct reclaim: %s   wake kswapd: %s   IO: %s   FS: %s\n",
		  (gfp & GFP__DIRECT_RECLAIM) ? "yes" : "no",
		  (gfp & GFP__KSWAPD_RECLAIM) ? "yes" : "no", (gfp & GFP__IO) ? "yes" : "no",
		  (gfp & GFP__FS) ? "yes" : "no");
	fast = current_alloc_flags(m, gfp, ALLOC_WMARK_LOW);
	zr = first_zones_zonelist(zl, hz);
	fast |= alloc_flags_nofragment(zr->zone, gfp);
	sb_puts(sb, "  fast path alloc_flags: ");
	format_alloc_flags(fast, sb);
	sb_puts(sb, "\n  slow path alloc_flags: ");
	format_alloc_flags(gfp_to_alloc_flags(m, gfp), sb);
	if (gfp_pfmemalloc_flags(gfp)) {
		sb_puts(sb, "\n  after the min-watermark retry: ");
		format_alloc_flags(current_alloc_flags(m, gfp,
				   (unsigned int)gfp_pfmemalloc_flags(gfp)), sb);
	}
	sb_putc(sb, '\n');
}

/* ---- why an allocation failed ----------------------------------------------------- */

/*
 * One line per zone the request could use: its free pages against the mark
 * the last attempt checked, with the discounts __zone_watermark_ok() gives.
 */
void view_alloc_failure(struct machine *m, const struct alloc_report *rep,
			unsigned int order, int nid, struct strbuf *sb)
{
	gfp_t gfp = rep->gfp;
	int hz = gfp_zone(gfp);
	unsigned int flags = rep->alloc_flags;
	struct zonelist *zl = node_zonelist(m, nid == NUMA_NO_NODE ? numa_node_id(m) : nid, gfp);
	struct zoneref *zr;

	switch (rep->outcome) {
	case ALLOC_FAIL_ORDER:
		sb_printf(sb, "  reason: order %u is not below MAX_ORDER %u\n", order, m->max_order);
		return;
	case ALLOC_FAIL_NO_ZONE:
		sb_printf(sb, "  reason: no zone at or below %s exists on this machine\n",
			  zone_names[hz]);
		return;
	case ALLOC_FAIL_NOWAIT:
		if (rep->gfp & GFP__DIRECT_RECLAIM)
			sb_puts(sb, "  reason: no usable zone stays above its watermark, and the caller "
				    "is a reclaimer itself (PF_MEMALLOC): reclaim does not recurse\n");
		else
			sb_puts(sb, "  reason: no usable zone stays above its watermark for this request, "
				    "and without __GFP_DIRECT_RECLAIM the slow path may not reclaim\n");
		break;
	case ALLOC_FAIL_NORETRY:
		/* name only what ran: a costly request may give up after async compaction */
		if (!rep->reclaims)
			sb_printf(sb, "  reason: __GFP_NORETRY: a costly order whose first (async) "
				      "compaction returned %s: reclaim would not help, so the request "
				      "gives up without it\n",
				  compact_result_name((enum compact_result)rep->compact_result));
		else if (!rep->compactions)
			sb_printf(sb, "  reason: __GFP_NORETRY: one round of direct reclaim (%lu pages "
				      "freed) did not help, and the request gives up\n", rep->reclaimed);
		else
			sb_printf(sb, "  reason: __GFP_NORETRY: one round of direct reclaim (%lu pages "
				      "freed) and compaction (%s) did not help, and the request gives up\n",
				  rep->reclaimed,
				  compact_result_name((enum compact_result)rep->compact_result));
		break;
	case ALLOC_FAIL_COSTLY:
		sb_printf(sb, "  reason: order %u is costly (> PAGE_ALLOC_COSTLY_ORDER 3) and without "
			      "__GFP_RETRY_MAYFAIL it fails after one round of reclaim (%lu pages freed) "
			      "and compaction (%s)\n", order, rep->reclaimed,
			  compact_result_name((enum compact_result)rep->compact_result));
		break;
	case ALLOC_FAIL_OOM:
		sb_printf(sb, "  reason: %u rounds of reclaim (%lu pages freed) and compaction failed; ",
			  rep->rounds, rep->reclaimed);
		if (rep->oom_skipped == OOM_SKIP_COSTLY)
			sb_puts(sb, "the OOM killer is never used for order > 3\n");
		else if (rep->oom_skipped == OOM_SKIP_MAYFAIL)
			sb_puts(sb, "__GFP_RETRY_MAYFAIL/__GFP_THISNODE requests fail instead of OOM-killing\n");
		else if (rep->oom_skipped == OOM_SKIP_LOWMEM)
			sb_puts(sb, "the OOM killer does not kill for DMA/DMA32-only requests\n");
		else
			sb_puts(sb, "the OOM killer found nothing to kill\n");
		break;
	case ALLOC_FAIL_OOM_VICTIM:
		sb_puts(sb, "  reason: the OOM killer chose the allocating task itself; as a victim it "
			    "may dip into the reserves once, then gives up\n");
		return;
	case ALLOC_FAIL_PANIC:
		sb_puts(sb, "  reason: the OOM killer found no killable task and the kernel panicked "
			    "(reset starts a new machine)\n");
		return;
	case ALLOC_FAIL_LIVELOCK:
		sb_printf(sb, "  reason: after %d rounds the slow path was still retrying (the kernel "
			      "would loop for ever: %s); mmsh stopped it\n", SLOWPATH_MAX_ROUNDS,
			  (rep->gfp & GFP__NOFAIL) ? "__GFP_NOFAIL never fails"
			  : !(rep->gfp & GFP__FS) ? "without __GFP_FS the OOM killer reports progress "
						    "without killing"
			  : "reclaim keeps reporting progress");
		break;
	default:
		return;
	}
	for (zr = first_zones_zonelist(zl, hz); zr->zone; zr = next_zones_zonelist(zr + 1, hz)) {
		struct zone *zone = zr->zone;
		unsigned long mark = wmark_pages(zone, flags & ALLOC_WMARK_MASK);
		long min = (long)mark, free_pages = zone_page_state(zone, NR_FREE_PAGES);
		long unusable = zone_watermark_unusable_free(zone, order, flags);

		if (flags & ALLOC_HIGH)
			min -= min / 2;
		if (flags & (ALLOC_HARDER | ALLOC_OOM))
			min -= (flags & ALLOC_OOM) ? min / 2 : min / 4;
		sb_printf(sb, "  node %d zone %s: free %ld", zone_to_nid(zone), zone->name, free_pages);
		if (unusable)
			sb_printf(sb, " - %ld unusable", unusable);
		if (free_pages - unusable <= min + zone->lowmem_reserve[hz]) {
			sb_printf(sb, " <= %s %lu", (flags & ALLOC_WMARK_MASK) == WMARK_MIN ? "min"
				  : (flags & ALLOC_WMARK_MASK) == WMARK_LOW ? "low" : "high", mark);
			if (min != (long)mark)
				sb_printf(sb, " (%ld after ALLOC_HIGH/ALLOC_HARDER)", min);
			sb_printf(sb, " + protection %ld\n", zone->lowmem_reserve[hz]);
		} else {
			sb_printf(sb, " is above the mark, but no free block of order >= %u sits on a "
				      "list this request may use\n", order);
		}
	}
}
