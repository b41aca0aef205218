/*
 * src/engine/svg.c: pictures of the machine as SVG 1.1 for slides (svg.h):
 * the memory map, the free lists per order and the watermark gauges of
 * each zone, and the sample history of `plot` as line charts.
 *
 * Only integers are printed (a fraction is printed digit by digit from an
 * integer division), so the locale's decimal comma never reaches the file.
 * Bars and cells are drawn in their own units inside a scaled group: a
 * free-list bar's height is the number of blocks on the list, a map cell
 * is 1 by 1; the group's transform makes them pixels.
 */
#include <stdint.h>
#include <string.h>

#include "mmsh/list.h"
#include "mmsh/samples.h"
#include "mmsh/svg.h"
#include "mmsh/views.h"

/* ---- layout, in user units of a viewBox SVG_WIDTH wide ------------------------ */

#define SVG_WIDTH 1280
#define FONT "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif"
#define MONO "DejaVu Sans Mono, Consolas, Courier New, monospace"
#define GREY_TEXT "#424242"
#define CELL 12               /* the width of a map cell, and its least height */
#define MAP_MIN_H 192         /* a map of few rows is made this high, if it can */
#define MAP_X 110             /* the map's left edge (pfn labels before it) */
#define MAP_TOP 68            /* the map's top, below the zone's heading */
#define LABEL_EVERY 4         /* a pfn label every this many rows */
#define RIGHT_X 910           /* the histogram and the gauges */
#define RIGHT_W 350
#define HIST_TOP 118          /* the tallest bar's top, from the section's top */
#define HIST_H 150            /* the tallest bar */
#define GAUGE_H 22
#define RIGHT_COLUMN_H 540    /* the histogram and the gauges, from the section's top */

/* ---- small writers ---------------------------------------------------------------- */

/* Text content: the characters XML gives a meaning to are escaped. */
static void xml_text(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': sb_puts(sb, "&amp;"); break;
		case '<': sb_puts(sb, "&lt;"); break;
		case '>': sb_puts(sb, "&gt;"); break;
		case '"': sb_puts(sb, "&quot;"); break;
		default: sb_putc(sb, *s); break;
		}
	}
}

/* num / den with six decimals, by integer arithmetic (den > 0). */
static void put_ratio(struct strbuf *sb, unsigned long long num, unsigned long long den)
{
	sb_printf(sb, "%llu.%06llu", num / den, (num % den) * 1000000ULL / den);
}

/* The start of a <text> element; the caller writes the content and text_end(). */
static void text_begin(struct strbuf *sb, long x, long y, int size, const char *anchor,
		       const char *attrs)
{
	sb_printf(sb, "<text x=\"%ld\" y=\"%ld\" font-size=\"%d\"", x, y, size);
	if (anchor)
		sb_printf(sb, " text-anchor=\"%s\"", anchor);
	if (attrs)
		sb_printf(sb, " %s", attrs);
	sb_putc(sb, '>');
}

static void text_end(struct strbuf *sb)
{
	sb_puts(sb, "</text>\n");
}

/* A <text> of plain words (escaped). */
static void text(struct strbuf *sb, long x, long y, int size, const char *anchor,
		 const char *attrs, const char *words)
{
	text_begin(sb, x, y, size, anchor, attrs);
	xml_text(sb, words);
	text_end(sb);
}

static void rect(struct strbuf *sb, long x, long y, long w, long h, const char *fill,
		 const char *attrs)
{
	sb_printf(sb, "<rect x=\"%ld\" y=\"%ld\" width=\"%ld\" height=\"%ld\" fill=\"%s\"%s%s/>\n",
		  x, y, w, h, fill, attrs ? " " : "", attrs ? attrs : "");
}

/* The whole document: the header, the body written so far, the end. */
static void svg_document(struct strbuf *sb, long height, const char *title,
			 const struct strbuf *body)
{
	sb_puts(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
	sb_printf(sb, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
		      "width=\"%d\" height=\"%ld\" viewBox=\"0 0 %d %ld\" font-family=\"%s\">\n",
		  SVG_WIDTH, height, SVG_WIDTH, height, FONT);
	sb_puts(sb, "<title>");
	xml_text(sb, title);
	sb_puts(sb, "</title>\n");
	rect(sb, 0, 0, SVG_WIDTH, height, "#ffffff", NULL);
	sb_puts(sb, sb_str(body));
	sb_puts(sb, "</svg>\n");
	if (body->oom)
		sb->oom = true;
}

/* The zones a picture shows: populated, on node nid (or any), of index zidx (or any). */
static bool selected(const struct zone *zone, int nid, int zidx)
{
	return populated_zone(zone) && (nid == NUMA_NO_NODE || zone_to_nid(zone) == nid) &&
	       (zidx < 0 || zone_idx(zone) == zidx);
}

/* The title line of both pictures: the machine's shape. */
static void machine_line(struct machine *m, long y, struct strbuf *sb)
{
	text_begin(sb, 20, y, 16, NULL, "fill=\"" GREY_TEXT "\"");
	sb_printf(sb, "%d node%s, %d CPU%s, %lu pages of %lu KiB (%lu MiB), MAX_ORDER %u, "
		      "pageblock_order %u",
		  m->nr_node_ids, m->nr_node_ids == 1 ? "" : "s", m->nr_cpus,
		  m->nr_cpus == 1 ? "" : "s", m->totalram_pages, PAGE_SIZE >> 10,
		  m->totalram_pages >> (20 - PAGE_SHIFT), m->max_order, m->pageblock_order);
	text_end(sb);
}

/* ---- colours --------------------------------------------------------------------------- */

/*
 * The states of `map` (map_page_char() and map_group_char() in views.h),
 * by the character the map view prints. Free pages are shades of green
 * by the order of their block, light to dark.
 */
struct state_style {
	char c;
	const char *name;     /* the cell's class */
	const char *fill;
	const char *label;
};

static const struct state_style states[] = {
	{ 'p', "pcp", "#fdd835", "free, on a per-CPU list" },
	{ 'U', "alloc-unmovable", "#e53935", "allocated by alloc: Unmovable" },
	{ 'M', "alloc-movable", "#fb8c00", "allocated by alloc: Movable" },
	{ 'R', "alloc-reclaimable", "#8e24aa", "allocated by alloc: Reclaimable" },
	{ 'k', "kernel", "#757575", "allocated otherwise" },
	{ 'x', "anon-inactive", "#90caf9", "anonymous, inactive list" },
	{ 'X', "anon-active", "#1e88e5", "anonymous, active list" },
	{ 'o', "file-inactive", "#d7ccc8", "page cache, inactive list" },
	{ 'O', "file-active", "#8d6e63", "page cache, active list" },
	{ 'L', "unevictable", "#212121", "unevictable list" },
	{ 'v', "pagevec", "#f48fb1", "waiting in a pagevec" },
	{ 'D', "dirty", "#d81b60", "dirty page cache or swap cache" },
	{ 'W', "writeback", "#880e4f", "under writeback" },
	{ '#', "reserved", "#b0bec5", "reserved (present, not managed)" },
	{ '-', "hole", "#eceff1", "hole (not present)" },
};

/* A state the table does not know yet still shows, in a colour that stands out. */
static const struct state_style unknown_state = { '?', "other", "#ff00ff", "another state" };

/* The order of a free page's block from its map character, or -1. */
static int free_order_of(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'j')
		return c - 'a' + 10;
	return -1;
}

/* The green of a free block of this order: #c7e9c0 for order 0 to #00441b for the largest. */
static void free_fill(const struct machine *m, int order, char out[8])
{
	static const char hex[] = "0123456789abcdef";
	static const int light[3] = { 0xc7, 0xe9, 0xc0 }, dark[3] = { 0x00, 0x44, 0x1b };
	int top = m->max_order > 1 ? (int)m->max_order - 1 : 1, k;

	out[0] = '#';
	for (k = 0; k < 3; k++) {
		int v = light[k] + (dark[k] - light[k]) * order / top;

		out[1 + 2 * k] = hex[v >> 4];
		out[2 + 2 * k] = hex[v & 15];
	}
	out[7] = '\0';
}

static const struct state_style *state_of(char c)
{
	size_t i;

	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		if (states[i].c == c)
			return &states[i];
	return &unknown_state;
}

/* Free lists by migratetype: Unmovable, Movable and Reclaimable as the map's allocated pages. */
static const char *const migratetype_fill[MIGRATE_TYPES] = {
	"#e53935", "#fb8c00", "#8e24aa", "#00897b", "#3949ab", "#9e9e9e",
};

/* Where free pages stand against the watermarks: the gauge's colour, and what it means. */
struct wmark_band {
	const char *fill;
	const char *name;
	const char *meaning;
};

static const struct wmark_band bands[] = {
	{ "#43a047", "above high", "kswapd may sleep" },
	{ "#fdd835", "between low and high", "kswapd, once awake, keeps reclaiming" },
	{ "#fb8c00", "between min and low", "the fast path fails and wakes kswapd" },
	{ "#e53935", "at or below min", "only ALLOC_HIGH, ALLOC_HARDER and reserves" },
};

static const struct wmark_band *band_of(const struct zone *zone)
{
	unsigned long free = (unsigned long)zone_page_state(zone, NR_FREE_PAGES);

	if (free > high_wmark_pages(zone))
		return &bands[0];
	if (free > low_wmark_pages(zone))
		return &bands[1];
	if (free > min_wmark_pages(zone))
		return &bands[2];
	return &bands[3];
}

static const char *const wmark_names[NR_WMARK] = { "min", "low", "high" };
static const char *const wmark_fill[NR_WMARK] = { "#c62828", "#ef6c00", "#2e7d32" };

/* ---- the memory map ------------------------------------------------------------------ */

unsigned long svg_map_per(const struct zone *zone)
{
	unsigned long per = 1;

	while ((zone->spanned_pages + per - 1) / per > (unsigned long)SVG_MAP_COLS * SVG_MAP_ROWS)
		per *= 2;
	return per;
}

static unsigned long map_cells(const struct zone *zone, unsigned long per)
{
	return (zone->spanned_pages + per - 1) / per;
}

static unsigned long map_rows(const struct zone *zone, unsigned long per)
{
	return (map_cells(zone, per) + SVG_MAP_COLS - 1) / SVG_MAP_COLS;
}

/* A map of few rows has taller cells (up to three times), so that it is not a sliver. */
static long cell_height(unsigned long rows)
{
	long h = MAP_MIN_H / (long)(rows ? rows : 1);

	return h < CELL ? CELL : h > 3 * CELL ? 3 * CELL : h;
}

/*
 * The map of one zone, one cell per `per` pages, SVG_MAP_COLS to a row.
 * A run of cells of the same state in a row is one rectangle (x and width
 * count cells). Each cell has the state map_group_char() gives, reading up
 * to 2 * per pages, which is every run of the group: exact, as `map` is.
 */
static void draw_map(struct machine *m, const struct zone *zone, unsigned long per, long top,
		     bool *seen, struct strbuf *sb)
{
	unsigned long cells = map_cells(zone, per), rows = map_rows(zone, per), row;
	unsigned long looks = per > 4096 ? 8192 : 2 * per;
	long cell_h = cell_height(rows);

	sb_printf(sb, "<g class=\"map\" transform=\"translate(%d,%ld) scale(%d,%ld)\" "
		      "shape-rendering=\"crispEdges\">\n", MAP_X, top, CELL, cell_h);
	for (row = 0; row < rows; row++) {
		unsigned long col = 0, ncols = cells - row * SVG_MAP_COLS;

		if (ncols > SVG_MAP_COLS)
			ncols = SVG_MAP_COLS;
		while (col < ncols) {
			unsigned long run = 0, start = col;
			char c = 0;

			for (; col < ncols; col++) {
				unsigned long pfn = zone->zone_start_pfn + (row * SVG_MAP_COLS + col) * per;
				char here = map_group_char(m, pfn, pfn + per < zone_end_pfn(zone)
							   ? pfn + per : zone_end_pfn(zone), looks);

				if (run && here != c)
					break;
				c = here;
				run++;
			}
			seen[(unsigned char)c] = true;
			{
				int order = free_order_of(c);

				if (order >= 0) {
					char fill[8];

					free_fill(m, order, fill);
					sb_printf(sb, "<rect class=\"free-%d\" x=\"%lu\" y=\"%lu\" width=\"%lu\" "
						      "height=\"1\" fill=\"%s\"/>\n", order, start, row, run, fill);
				} else {
					const struct state_style *st = state_of(c);

					sb_printf(sb, "<rect class=\"%s\" x=\"%lu\" y=\"%lu\" width=\"%lu\" "
						      "height=\"1\" fill=\"%s\"/>\n", st->name, start, row, run,
						  st->fill);
				}
			}
		}
	}
	sb_puts(sb, "</g>\n");
	/* the frame and a pfn label every LABEL_EVERY rows */
	sb_printf(sb, "<rect x=\"%d\" y=\"%ld\" width=\"%d\" height=\"%ld\" fill=\"none\" "
		      "stroke=\"#9e9e9e\"/>\n", MAP_X, top, SVG_MAP_COLS * CELL, (long)rows * cell_h);
	for (row = 0; row < rows; row += cell_h >= 2 * CELL ? 1 : LABEL_EVERY) {
		text_begin(sb, MAP_X - 8, top + (long)row * cell_h + CELL - 2, 12, "end",
			   "font-family=\"" MONO "\"");
		sb_printf(sb, "0x%lx", zone->zone_start_pfn + row * SVG_MAP_COLS * per);
		text_end(sb);
	}
}

/* ---- the free lists per order ----------------------------------------------------------- */

/*
 * The free blocks of each order, one bar per order stacked by migratetype
 * from Unmovable up. Bars are drawn in blocks: a rectangle's height is the
 * length of its free list; the group scales them so that the tallest bar
 * is HIST_H high.
 */
static void draw_free_area(struct machine *m, struct zone *zone, long top, struct strbuf *sb)
{
	unsigned long count[MAX_ORDER_LIMIT][MIGRATE_TYPES], total[MAX_ORDER_LIMIT], tallest = 0;
	long slot = RIGHT_W / (long)m->max_order, base = top + HIST_TOP + HIST_H;
	unsigned int o;
	int t;

	for (o = 0; o < m->max_order; o++) {
		total[o] = 0;
		for (t = 0; t < MIGRATE_TYPES; t++) {
			count[o][t] = zone->free_area[o].nr_free_mt[t];
			total[o] += count[o][t];
		}
		if (total[o] > tallest)
			tallest = total[o];
	}
	text(sb, RIGHT_X, top + 84, 16, NULL, "font-weight=\"bold\"",
	     "Free blocks per order (nr_free)");
	sb_printf(sb, "<g class=\"free-area\" transform=\"translate(%d,%ld) scale(%ld,-", RIGHT_X,
		  base, slot);
	put_ratio(sb, HIST_H, tallest ? tallest : 1);
	sb_puts(sb, ")\" shape-rendering=\"crispEdges\">\n");
	for (o = 0; o < m->max_order; o++) {
		unsigned long below = 0;

		for (t = 0; t < MIGRATE_TYPES; t++) {
			if (!count[o][t])
				continue;
			sb_printf(sb, "<rect class=\"%s\" x=\"%u.1\" y=\"%lu\" width=\"0.8\" height=\"%lu\" "
				      "fill=\"%s\"/>\n", migratetype_names[t], o, below, count[o][t],
				  migratetype_fill[t]);
			below += count[o][t];
		}
	}
	sb_puts(sb, "</g>\n");
	sb_printf(sb, "<line x1=\"%d\" y1=\"%ld\" x2=\"%ld\" y2=\"%ld\" stroke=\"#616161\"/>\n",
		  RIGHT_X, base, RIGHT_X + slot * (long)m->max_order, base);
	for (o = 0; o < m->max_order; o++) {
		long x = RIGHT_X + slot * (long)o + slot / 2;
		long bar = tallest ? (long)(HIST_H * total[o] / tallest) : 0;

		text_begin(sb, x, base - bar - 4, total[o] < 10000 ? 12 : 9, "middle", NULL);
		sb_printf(sb, "%lu", total[o]);
		text_end(sb);
		text_begin(sb, x, base + 18, 13, "middle", NULL);
		sb_printf(sb, "%u", o);
		text_end(sb);
	}
	text(sb, RIGHT_X - 8, base + 18, 13, "end", "fill=\"" GREY_TEXT "\"", "order");
}

/* ---- the watermark gauges --------------------------------------------------------------- */

/*
 * A bar from 0 to `top` pages: free pages filled in the colour of their
 * band, the three watermarks as ticks, named above them when `names`.
 */
static void gauge(const struct zone *zone, long y, unsigned long top, bool names,
		  struct strbuf *sb)
{
	unsigned long free = (unsigned long)zone_page_state(zone, NR_FREE_PAGES);
	unsigned long shown = free < top ? free : top;
	static const char *const anchor[NR_WMARK] = { "end", "middle", "start" };
	int k;

	rect(sb, RIGHT_X, y, RIGHT_W, GAUGE_H, "#eeeeee", "stroke=\"#757575\"");
	rect(sb, RIGHT_X, y, (long)((unsigned long long)RIGHT_W * shown / top), GAUGE_H,
	     band_of(zone)->fill, NULL);
	for (k = 0; k < NR_WMARK; k++) {
		unsigned long mark = wmark_pages(zone, k);
		long x;

		if (mark > top)
			continue;
		x = RIGHT_X + (long)((unsigned long long)RIGHT_W * mark / top);
		sb_printf(sb, "<line x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" y2=\"%ld\" stroke=\"%s\" "
			      "stroke-width=\"3\"/>\n", x, y - 3, x, y + GAUGE_H + 3, wmark_fill[k]);
		if (names) {
			char attrs[32] = "fill=\"";

			strcat(attrs, wmark_fill[k]);
			strcat(attrs, "\"");
			text(sb, x, y - 6, 12, anchor[k], attrs, wmark_names[k]);
		}
	}
}

static void draw_gauges(const struct zone *zone, long top, struct strbuf *sb)
{
	unsigned long managed = zone_managed_pages(zone), zoom = 2 * high_wmark_pages(zone);
	long y = top + 316;
	int k;

	text(sb, RIGHT_X, y, 16, NULL, "font-weight=\"bold\"", "Free pages and watermarks");
	gauge(zone, y + 12, managed ? managed : 1, zoom >= managed, sb);
	text_begin(sb, RIGHT_X, y + 54, 14, NULL, NULL);
	sb_printf(sb, "whole zone: free %ld of %lu managed pages",
		  zone_page_state(zone, NR_FREE_PAGES), managed);
	text_end(sb);
	if (zoom && zoom < managed) {
		gauge(zone, y + 82, zoom, true, sb);
		text_begin(sb, RIGHT_X, y + 122, 14, NULL, NULL);
		sb_printf(sb, "zoomed: 0 to %lu pages (twice high)", zoom);
		text_end(sb);
	}
	for (k = 0; k < NR_WMARK; k++) {
		char attrs[48] = "font-weight=\"bold\" fill=\"";

		strcat(attrs, wmark_fill[k]);
		strcat(attrs, "\"");
		text_begin(sb, RIGHT_X + 115 * k, y + 148, 15, NULL, attrs);
		sb_printf(sb, "%s %lu", wmark_names[k], wmark_pages(zone, k));
		text_end(sb);
	}
	text_begin(sb, RIGHT_X, y + 172, 14, NULL, NULL);
	sb_printf(sb, "free pages are %s:", band_of(zone)->name);
	text_end(sb);
	text(sb, RIGHT_X, y + 192, 14, NULL, NULL, band_of(zone)->meaning);
	if (zone->watermark_boost) {
		text_begin(sb, RIGHT_X, y + 214, 13, NULL, "fill=\"" GREY_TEXT "\"");
		sb_printf(sb, "each includes watermark_boost %lu", zone->watermark_boost);
		text_end(sb);
	}
}

/* One zone: heading, map, free lists, gauges. Returns the height used. */
static long memory_section(struct machine *m, struct zone *zone, unsigned long per, long top,
			   bool *seen, struct strbuf *sb)
{
	unsigned long rows = map_rows(zone, per);
	long map_h = MAP_TOP + (long)rows * cell_height(rows);

	sb_printf(sb, "<g id=\"node%d-%s\">\n", zone_to_nid(zone), zone->name);
	text_begin(sb, 20, top + 28, 22, NULL, "font-weight=\"bold\"");
	sb_printf(sb, "Node %d, zone ", zone_to_nid(zone));
	xml_text(sb, zone->name);
	text_end(sb);
	text_begin(sb, 20, top + 52, 15, NULL, "fill=\"" GREY_TEXT "\"");
	sb_printf(sb, "pfn 0x%lx to 0x%lx: %lu pages, %lu page%s per cell, %d cells per row%s",
		  zone->zone_start_pfn, zone_end_pfn(zone) - 1, zone->spanned_pages, per,
		  per == 1 ? "" : "s", SVG_MAP_COLS,
		  per == 1 ? "" : " (a cell shows the most common state of its pages)");
	text_end(sb);
	draw_map(m, zone, per, top + MAP_TOP, seen, sb);
	draw_free_area(m, zone, top, sb);
	draw_gauges(zone, top, sb);
	sb_puts(sb, "</g>\n");
	return (map_h > RIGHT_COLUMN_H ? map_h : RIGHT_COLUMN_H) + 24;
}

/* A swatch and its words; returns the x after them. */
static long swatch(struct strbuf *sb, long x, long y, const char *fill, const char *words)
{
	rect(sb, x, y - 14, 18, 18, fill, "stroke=\"#9e9e9e\"");
	text(sb, x + 26, y, 14, NULL, NULL, words);
	return x + 26 + 9 * (long)strlen(words) + 24;
}

/* The legend: what each colour of the map, the bars and the gauges means. */
static long memory_legend(struct machine *m, const bool *seen, long top, struct strbuf *sb)
{
	long y = top + 26, x;
	size_t i, col = 0;
	unsigned int o;
	int t;

	sb_puts(sb, "<g id=\"legend\">\n");
	text(sb, 20, y, 18, NULL, "font-weight=\"bold\"", "Legend");
	y += 30;
	text(sb, 20, y, 14, NULL, NULL, "map, free pages by the order of their block:");
	for (o = 0, x = 360; o < m->max_order; o++, x += 30) {
		char fill[8];

		free_fill(m, (int)o, fill);
		rect(sb, x, y - 14, 24, 18, fill, "stroke=\"#9e9e9e\"");
		text_begin(sb, x + 12, y + 18, 12, "middle", NULL);
		sb_printf(sb, "%u", o);
		text_end(sb);
	}
	y += 44;
	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++) {
		if (!seen[(unsigned char)states[i].c])
			continue;
		swatch(sb, 20 + 410 * (long)col, y, states[i].fill, states[i].label);
		if (++col == 3) {
			col = 0;
			y += 28;
		}
	}
	for (i = 0; i < 256; i++)
		if (seen[i] && free_order_of((char)i) < 0 && state_of((char)i) == &unknown_state) {
			swatch(sb, 20 + 410 * (long)col, y, unknown_state.fill, unknown_state.label);
			col++;
			break;
		}
	if (col)
		y += 28;
	y += 8;
	text(sb, 20, y, 14, NULL, NULL, "free lists:");
	for (t = 0, x = 120; t < MIGRATE_TYPES; t++)
		x = swatch(sb, x, y, migratetype_fill[t], migratetype_names[t]);
	y += 36;
	text(sb, 20, y, 14, NULL, NULL, "free pages:");
	for (i = 0, x = 120; i < sizeof(bands) / sizeof(bands[0]); i++)
		x = swatch(sb, x, y, bands[i].fill, bands[i].name);
	sb_puts(sb, "</g>\n");
	return y + 24 - top;
}

int svg_memory(struct machine *m, int nid, int zidx, unsigned long per,
	       struct strbuf *sb, struct mm_error *err)
{
	struct strbuf body = STRBUF_INIT, title = STRBUF_INIT;
	bool seen[256] = { false };
	long y = 0;
	int n, z;

	for (n = 0; n < m->nr_node_ids; n++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[n]->node_zones[z];

			if (selected(zone, nid, zidx) && per && map_rows(zone, per) > SVG_MAX_ROWS)
				return mm_error_set(err, "per=%lu draws %lu rows of cells for zone %s "
						    "(at most %d): give a larger per=", per,
						    map_rows(zone, per), zone->name, SVG_MAX_ROWS);
		}
	sb_printf(&title, "mmsh: physical memory at jiffies %lu", m->jiffies);
	text(&body, 20, 38, 26, NULL, "font-weight=\"bold\"", sb_str(&title));
	machine_line(m, 64, &body);
	y = 80;
	for (n = 0; n < m->nr_node_ids; n++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[n]->node_zones[z];

			if (selected(zone, nid, zidx))
				y += memory_section(m, zone, per ? per : svg_map_per(zone), y, seen, &body);
		}
	y += memory_legend(m, seen, y, &body);
	svg_document(sb, y, sb_str(&title), &body);
	if (title.oom)
		sb->oom = true;
	sb_free(&title);
	sb_free(&body);
	return 0;
}

/* ---- the history as line charts -------------------------------------------------------- */

/* What a line plots: the free pages, a watermark, or nr_free of an order (>= 0). */
enum { LINE_FREE = -1, LINE_MIN = -2, LINE_LOW = -3, LINE_HIGH = -4 };

static unsigned long line_value(const struct zone_sample *zs, int line)
{
	switch (line) {
	case LINE_FREE: return zs->free;
	case LINE_MIN: return zs->wmark[WMARK_MIN];
	case LINE_LOW: return zs->wmark[WMARK_LOW];
	case LINE_HIGH: return zs->wmark[WMARK_HIGH];
	default: return zs->nr_free[line];
	}
}

/* The smallest and largest value of a line over the samples held. */
static void line_range(struct machine *m, const struct zone *zone, int line,
		       unsigned long *lo, unsigned long *hi)
{
	unsigned int i, n = samples_count(m);
	struct zone_sample zs;

	*lo = ~0UL;
	*hi = 0;
	for (i = 0; i < n; i++) {
		unsigned long v;

		sample_zone(m, i, zone, &zs);
		v = line_value(&zs, line);
		if (v < *lo)
			*lo = v;
		if (v > *hi)
			*hi = v;
	}
	if (n == 0)
		*lo = 0;
}

/* A round number at least v: 1, 2 or 5 times a power of ten. */
static unsigned long nice_ceiling(unsigned long v)
{
	unsigned long p = 1;

	for (;;) {
		if (v <= p)
			return p;
		if (v <= 2 * p)
			return 2 * p;
		if (v <= 5 * p)
			return 5 * p;
		if (p > ~0UL / 100)
			return v;
		p *= 10;
	}
}

/*
 * One line over the samples, in the box (x, y, w, h), from lo at the
 * bottom to hi at the top (a line with lo == hi runs through the middle).
 * Sample i is at x + i * w / (n - 1); a single sample draws a flat line.
 */
static void polyline(struct machine *m, const struct zone *zone, int line, long x, long y,
		     long w, long h, unsigned long lo, unsigned long hi, const char *attrs,
		     struct strbuf *sb)
{
	unsigned int i, n = samples_count(m);
	struct zone_sample zs;

	sb_printf(sb, "<polyline class=\"%s\" fill=\"none\" %s points=\"",
		  line == LINE_FREE ? "free" : line < 0 ? wmark_names[LINE_MIN - line] : "nr-free",
		  attrs);
	for (i = 0; i < n || (n == 1 && i == 1); i++) {
		unsigned long v;
		long px, py;

		sample_zone(m, n == 1 ? 0 : i, zone, &zs);
		v = line_value(&zs, line);
		if (v > hi)
			v = hi;
		if (v < lo)
			v = lo;
		px = n == 1 ? x + (long)i * w : x + (long)((unsigned long long)i * (unsigned long)w / (n - 1));
		py = hi == lo ? y + h / 2
			: y + h - (long)((unsigned long long)(v - lo) * (unsigned long)h / (hi - lo));
		sb_printf(sb, "%s%ld,%ld", i ? " " : "", px, py);
	}
	sb_puts(sb, "\"/>\n");
}

#define PLOT_X 110
#define PLOT_W 1140
#define PLOT_H 200

/* The free pages of a zone against its watermarks, from 0 to a round number. */
static long plot_free_chart(struct machine *m, const struct zone *zone, long top, struct strbuf *sb)
{
	unsigned long lo, hi, wlo, whi, ceiling;
	unsigned int n = samples_count(m);
	long y = top + 66;
	struct zone_sample now;
	int k;

	line_range(m, zone, LINE_FREE, &lo, &hi);
	line_range(m, zone, LINE_HIGH, &wlo, &whi);
	ceiling = nice_ceiling(hi > whi ? hi : whi);
	sample_zone(m, n - 1, zone, &now);
	text_begin(sb, PLOT_X, top + 52, 15, NULL, "font-weight=\"bold\" fill=\"#1565c0\"");
	sb_printf(sb, "free pages now %lu (min %lu, max %lu)", now.free, lo, hi);
	text_end(sb);
	for (k = 0; k < NR_WMARK; k++) {
		char attrs[48] = "font-weight=\"bold\" fill=\"";

		strcat(attrs, wmark_fill[k]);
		strcat(attrs, "\"");
		text_begin(sb, PLOT_X + 520 + 150 * k, top + 52, 15, NULL, attrs);
		sb_printf(sb, "%s %lu", wmark_names[k], now.wmark[k]);
		text_end(sb);
	}
	rect(sb, PLOT_X, y, PLOT_W, PLOT_H, "#fafafa", "stroke=\"#9e9e9e\"");
	for (k = 0; k <= 2; k++) {
		long gy = y + PLOT_H - PLOT_H * k / 2;

		sb_printf(sb, "<line x1=\"%d\" y1=\"%ld\" x2=\"%d\" y2=\"%ld\" stroke=\"#e0e0e0\"/>\n",
			  PLOT_X, gy, PLOT_X + PLOT_W, gy);
		text_begin(sb, PLOT_X - 8, gy + 5, 13, "end", NULL);
		sb_printf(sb, "%lu", ceiling * (unsigned long)k / 2);
		text_end(sb);
	}
	for (k = NR_WMARK - 1; k >= 0; k--) {
		char attrs[80] = "stroke-width=\"2\" stroke-dasharray=\"8 5\" stroke=\"";

		strcat(attrs, wmark_fill[k]);
		strcat(attrs, "\"");
		polyline(m, zone, LINE_MIN - k, PLOT_X, y, PLOT_W, PLOT_H, 0, ceiling, attrs, sb);
	}
	polyline(m, zone, LINE_FREE, PLOT_X, y, PLOT_W, PLOT_H, 0, ceiling,
		 "stroke-width=\"3\" stroke=\"#1565c0\" stroke-linejoin=\"round\"", sb);
	text_begin(sb, PLOT_X, y + PLOT_H + 20, 13, NULL, "fill=\"" GREY_TEXT "\"");
	sb_printf(sb, "jiffies %lu", sample_jiffies(m, 0));
	text_end(sb);
	text_begin(sb, PLOT_X + PLOT_W, y + PLOT_H + 20, 13, "end", "fill=\"" GREY_TEXT "\"");
	sb_printf(sb, "jiffies %lu", sample_jiffies(m, n - 1));
	text_end(sb);
	return y + PLOT_H + 30 - top;
}

/* Small charts of nr_free, one per order (or the one asked for), each on its own scale. */
static long plot_order_charts(struct machine *m, const struct zone *zone, int order, long top,
			      struct strbuf *sb)
{
	int cols = order >= 0 ? 1 : 4, i = 0;
	long w = (SVG_WIDTH - 40 - 20 * (cols - 1)) / cols, h = order >= 0 ? 120 : 60, row_h = h + 40;
	unsigned int o, n = samples_count(m);
	struct zone_sample now;

	sample_zone(m, n - 1, zone, &now);
	text(sb, 20, top + 24, 16, NULL, "font-weight=\"bold\"",
	     "Free blocks per order (nr_free), each chart from its smallest to its largest value");
	for (o = 0; o < m->max_order; o++) {
		long x, y;
		unsigned long lo, hi;

		if (order >= 0 && o != (unsigned int)order)
			continue;
		x = 20 + (w + 20) * (i % cols);
		y = top + 40 + row_h * (i / cols);
		line_range(m, zone, (int)o, &lo, &hi);
		text_begin(sb, x, y + 16, 14, NULL, NULL);
		sb_printf(sb, "order %u: now %lu (min %lu, max %lu)", o, now.nr_free[o], lo, hi);
		text_end(sb);
		rect(sb, x, y + 24, w, h, "#fafafa", "stroke=\"#bdbdbd\"");
		polyline(m, zone, (int)o, x + 4, y + 28, w - 8, h - 8, lo, hi,
			 "stroke-width=\"2\" stroke=\"#2e7d32\" stroke-linejoin=\"round\"", sb);
		i++;
	}
	return 40 + row_h * ((i + cols - 1) / cols) + 10;
}

void svg_plot(struct machine *m, int nid, int zidx, int order, struct strbuf *sb)
{
	struct strbuf body = STRBUF_INIT, title = STRBUF_INIT;
	unsigned int n = samples_count(m);
	long y;
	int node, z;

	sb_printf(&title, "mmsh: free pages over time, jiffies %lu to %lu",
		  sample_jiffies(m, 0), n ? sample_jiffies(m, n - 1) : 0);
	text(&body, 20, 38, 26, NULL, "font-weight=\"bold\"", sb_str(&title));
	machine_line(m, 64, &body);
	text_begin(&body, 20, 88, 15, NULL, "fill=\"" GREY_TEXT "\"");
	sb_printf(&body, "%u sample%s, oldest on the left: one at the end of every jiffy and one "
			 "after every command that changed the machine", n, n == 1 ? "" : "s");
	text_end(&body);
	y = 100;
	for (node = 0; node < m->nr_node_ids && n; node++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			const struct zone *zone = &m->node_data[node]->node_zones[z];
			struct zone_sample zs;

			if (!selected(zone, nid, zidx) || !sample_zone(m, 0, zone, &zs))
				continue;
			sb_printf(&body, "<g id=\"node%d-%s\">\n", node, zone->name);
			text_begin(&body, 20, y + 28, 22, NULL, "font-weight=\"bold\"");
			sb_printf(&body, "Node %d, zone ", node);
			xml_text(&body, zone->name);
			text_end(&body);
			y += plot_free_chart(m, zone, y, &body);
			y += plot_order_charts(m, zone, order, y, &body);
			sb_puts(&body, "</g>\n");
		}
	svg_document(sb, y + 10, sb_str(&title), &body);
	if (title.oom)
		sb->oom = true;
	sb_free(&title);
	sb_free(&body);
}
