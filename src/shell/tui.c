/*
 * src/shell/tui.c: the ncurses view.
 *
 * Each pane renders itself into lines of text from the live machine (the
 * machine as it is at the current step while stepping). Before every
 * command the lines on screen become the pane's baseline, and characters
 * that differ from it afterwards are highlighted: that is "what the last
 * command changed", cell by cell. The command line is GNU readline fed one
 * byte at a time through rl_callback_read_char(), with a redisplay
 * function that draws readline's line into the bottom row.
 */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include <curses.h>
#include <term.h>
#include <readline/history.h>
#include <readline/readline.h>

#include "cmdtab.h"
#include "mmsh/list.h"
#include "mmsh/lru.h"
#include "mmsh/procfs.h"
#include "mmsh/trace.h"
#include "mmsh/bitmap24.h"
#include "mmsh/views.h"
#include "mmsh/vmstat.h"
#include "lesson.h"
#include "quiz.h"
#include "repl.h"
#include "timeline.h"
#include "tui.h"

enum pane_id {
	P_FREE_AREA, P_BITMAP, P_MAP, P_WATERMARKS, P_PCP, P_LRU, P_TRACE, P_WHY, P_OUTPUT,
	P_LESSON,                  /* numbered 0: shown while a lesson runs */
	NR_PANES
};

struct textlines {
	char **v;
	size_t n, cap;
};

struct pane {
	const char *name;
	bool hidden;
	bool tail;                 /* shows its last lines (output, trace) */
	int scroll;                /* lines from the top, or from the bottom for tail panes */
	bool windowed;             /* cur holds only the lines on screen, of `total` */
	size_t total;
	struct textlines cur, base;
	int y, x, h, w;            /* on screen, border included; h == 0: not shown */
};

#define TRACE_RING 512
#define OUTPUT_LINES 4000
#define DEMO_STEP_MS 1500
#define DEMO_LINE_MS 3000          /* --demo SCRIPT: a line plays after this pause */
#define DEMO_TYPE_MS 600           /* and takes this long to appear typed */

/* LRU movement counted between commands */
static const int lru_moves[] = { PGACTIVATE, PGDEACTIVATE, PGROTATED, PGREFILL,
				 PGSTEAL_KSWAPD, PGSTEAL_DIRECT, WORKINGSET_ACTIVATE_ANON };

struct tui {
	struct session *s;
	struct pane p[NR_PANES];
	int focus;
	bool zoom, help, demo, color, paused, quit;
	int rows, cols;
	struct textlines output;
	size_t output_mark;        /* first output line of the last command */
	struct trace_event ring[TRACE_RING];
	size_t ring_n;             /* events recorded in all */
	unsigned long moves_base[sizeof(lru_moves) / sizeof(lru_moves[0])];
	unsigned long moves_last[sizeof(lru_moves) / sizeof(lru_moves[0])];
	long lru_base[MAX_NUMNODES][NR_LRU_LISTS];   /* list sizes before the command */
	int pending;               /* the byte readline reads next */
	long long next_auto;       /* demo: when the next step plays */
	bool utf8;
	/* --demo SCRIPT: the lines played one at a time (Enter, or the timer) */
	const struct play_line *play;
	size_t nr_play, play_next;
	size_t nr_play_cmds, played;   /* commands (not comments): in all, and run */
	bool play_request;         /* Enter on an empty line asked for the next */
	bool play_done;
	long long play_at;         /* when the timer plays it */
};

/* readline's callbacks carry no context: the one view lives here. */
static struct tui *T;

static const char *const pane_names[NR_PANES] = {
	"free_area", "bitmap", "map", "watermarks", "pcp", "lru", "trace", "why", "output",
	"lesson",
};

/* ---- lines ------------------------------------------------------------------ */

static void lines_clear(struct textlines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	l->n = 0;
}

static void lines_free(struct textlines *l)
{
	lines_clear(l);
	free(l->v);
	l->v = NULL;
	l->cap = 0;
}

static void lines_push(struct textlines *l, const char *text, size_t len)
{
	char *copy;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		char **grown = realloc(l->v, cap * sizeof(*grown));

		if (!grown)
			return;
		l->v = grown;
		l->cap = cap;
	}
	copy = strndup(text, len);
	if (copy)
		l->v[l->n++] = copy;
}

/* Append text cut at newlines (a final line without one counts too). */
static void lines_add_text(struct textlines *l, const char *text)
{
	while (*text) {
		size_t len = strcspn(text, "\n");

		lines_push(l, text, len);
		text += len;
		if (*text == '\n')
			text++;
	}
}

static void lines_copy(struct textlines *dst, const struct textlines *src)
{
	size_t i;

	lines_clear(dst);
	for (i = 0; i < src->n; i++)
		lines_push(dst, src->v[i], strlen(src->v[i]));
}

/* Keep at most max lines, dropping the oldest. */
static void lines_trim(struct textlines *l, size_t max, size_t *mark)
{
	size_t drop, i;

	if (l->n <= max)
		return;
	drop = l->n - max;
	for (i = 0; i < drop; i++)
		free(l->v[i]);
	memmove(l->v, l->v + drop, (l->n - drop) * sizeof(*l->v));
	l->n -= drop;
	*mark = *mark > drop ? *mark - drop : 0;
}

/* ---- pane contents ------------------------------------------------------------ */

static void put_count(struct strbuf *sb, unsigned long v)
{
	if (v >= 100000)
		sb_printf(sb, " %4luk", v / 1000);
	else
		sb_printf(sb, " %5lu", v);
}

static void render_free_area(struct tui *t, struct strbuf *sb)
{
	struct machine *m = t->s->m;
	int nid, z, mt;
	unsigned int o;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];

			if (!populated_zone(zone))
				continue;
			/*
			 * The label column is 12 wide so that the order columns line
			 * up under their numbers and MAX_ORDER 11 fits in 78 columns.
			 */
			sb_printf(sb, "Node %d %s  free %ld pages\n", nid, zone->name,
				  zone_page_state(zone, NR_FREE_PAGES));
			sb_printf(sb, " %-11s", "order");
			for (o = 0; o < m->max_order; o++)
				sb_printf(sb, " %5u", o);
			sb_putc(sb, '\n');
			for (mt = 0; mt < MIGRATE_TYPES; mt++) {
				unsigned long counts[MAX_ORDER_LIMIT], any = 0;

				for (o = 0; o < m->max_order; o++) {
					counts[o] = zone->free_area[o].nr_free_mt[mt];
					any += counts[o];
				}
				if (!any && mt >= MIGRATE_PCPTYPES)
					continue;
				sb_printf(sb, " %-11s", migratetype_names[mt]);
				for (o = 0; o < m->max_order; o++)
					put_count(sb, counts[o]);
				sb_putc(sb, '\n');
			}
			sb_printf(sb, " %-11s", "nr_free");
			for (o = 0; o < m->max_order; o++)
				put_count(sb, zone->free_area[o].nr_free);
			sb_putc(sb, '\n');
		}
	sb_puts(sb, "\nthe first blocks of each list (head first):\n");
	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];

			if (!populated_zone(zone))
				continue;
			for (o = 0; o < m->max_order; o++)
				for (mt = 0; mt < MIGRATE_TYPES; mt++) {
					uint32_t head = zone->free_area[o].free_list[mt], e;
					int shown = 0;

					if (list_empty(m->mem_map, head))
						continue;
					sb_printf(sb, "  %s [%2u] %-11s", zone->name, o, migratetype_names[mt]);
					for (e = list_first(m->mem_map, head); e != head && shown < 4;
					     e = list_next(m->mem_map, e), shown++)
						sb_printf(sb, " 0x%x", e);
					if (e != head)
						sb_puts(sb, " ...");
					sb_putc(sb, '\n');
				}
		}
}

/*
 * The 2.4 bitmap, only the lines in [first, first + count): a 64 GiB
 * machine has millions of bits, so the pane never builds the whole text.
 * Returns the number of lines in all.
 */
static size_t render_bitmap(struct tui *t, struct strbuf *sb, int w, size_t first, size_t count)
{
	struct machine *m = t->s->m;
	size_t line = 0;
	unsigned long per = 16;
	int nid, z;
	unsigned int k;

	while ((per + 16) + (per + 16) / 16 + 14 <= (unsigned long)w)
		per += 16;
#define EMIT(...) do { if (line >= first && line < first + count) sb_printf(sb, __VA_ARGS__); \
		       line++; } while (0)
	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];

			if (!populated_zone(zone))
				continue;
			EMIT("Node %d %s: bit i of order k: the pair at pfn i<<(k+1)\n", nid, zone->name);
			for (k = 0; k < m->max_order; k++) {
				unsigned long lo = zone->zone_start_pfn >> (k + 1);
				unsigned long hi = (zone_end_pfn(zone) - 1) >> (k + 1), i, ones = 0, row;
				unsigned long rows = (hi - lo + per) / per;

				if (line + 1 + rows <= first || line >= first + count) {
					line += 1 + rows;   /* off screen: count only */
					continue;
				}
				for (i = lo; i <= hi;) {
					if (i % 64 == 0 && i + 63 <= hi) {
						ones += (unsigned long)__builtin_popcountll(m->bitmap24[k][i / 64]);
						i += 64;
					} else {
						ones += bitmap24_test(m, i, k);
						i++;
					}
				}
				EMIT("order %u: %lu bits, %lu set\n", k, hi - lo + 1, ones);
				for (row = 0; row < rows; row++, line++) {
					unsigned long start = lo + row * per;

					if (line < first || line >= first + count)
						continue;
					sb_printf(sb, "%#10lx ", start << (k + 1));
					for (i = start; i < start + per && i <= hi; i++) {
						if ((i - start) % 16 == 0)
							sb_putc(sb, ' ');
						sb_putc(sb, bitmap24_test(m, i, k) ? '1' : '0');
					}
					sb_putc(sb, '\n');
				}
			}
		}
#undef EMIT
	return line;
}

static void render_map(struct tui *t, struct strbuf *sb, int w, int h)
{
	struct machine *m = t->s->m;
	unsigned long total = 0, cells, per;
	int nid, z, zones = 0;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++)
			if (populated_zone(&m->node_data[nid]->node_zones[z])) {
				total += m->node_data[nid]->node_zones[z].spanned_pages;
				zones++;
			}
	if (w < 8)
		w = 8;
	/* room for a header per zone and two legend lines */
	cells = (unsigned long)w * (unsigned long)(h > zones + 4 ? h - zones - 2 : 2);
	per = cells ? (total + cells - 1) / cells : 1;
	if (!per)
		per = 1;
	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];
			unsigned long pfn, col = 0;

			if (!populated_zone(zone))
				continue;
			sb_printf(sb, "Node %d %s: %lu pages, %lu per cell\n", nid, zone->name,
				  zone->spanned_pages, per);
			for (pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone); pfn += per) {
				unsigned long end = pfn + per;

				if (end > zone_end_pfn(zone))
					end = zone_end_pfn(zone);
				sb_putc(sb, map_group_char(m, pfn, end, 32));
				if (++col == (unsigned long)w) {
					sb_putc(sb, '\n');
					col = 0;
				}
			}
			if (col)
				sb_putc(sb, '\n');
		}
	sb_puts(sb, "0-9a-j free order  p pcp  U M R alloc  k kernel  x X anon  o O file\n"
		    "L unevictable  v pagevec  D dirty  W writeback  # reserved  - hole\n");
}

static void gauge(struct strbuf *sb, long free_pages, const struct zone *zone, int w)
{
	unsigned long scale = zone->_watermark[WMARK_HIGH] + zone->watermark_boost;
	unsigned long mark[3];
	char *bar;
	int i, n;

	if ((unsigned long)free_pages > scale)
		scale = (unsigned long)free_pages;
	scale += scale / 4 + 1;
	if (w < 10)
		w = 10;
	bar = malloc((size_t)w + 1);
	if (!bar)
		return;
	n = (int)((unsigned long)(free_pages > 0 ? free_pages : 0) * (unsigned long)w / scale);
	for (i = 0; i < w; i++)
		bar[i] = i < n ? '#' : '.';
	for (i = 0; i < 3; i++) {
		int pos;

		mark[i] = wmark_pages(zone, i);
		pos = (int)(mark[i] * (unsigned long)w / scale);
		if (pos >= w)
			pos = w - 1;
		bar[pos] = "mlh"[i];
	}
	bar[w] = '\0';
	sb_printf(sb, "  [%s]\n", bar);
	free(bar);
}

static void render_watermarks(struct tui *t, struct strbuf *sb, int w)
{
	struct machine *m = t->s->m;
	int nid, z, k;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];
			long free_pages = zone_page_state(zone, NR_FREE_PAGES);

			if (!populated_zone(zone))
				continue;
			sb_printf(sb, "Node %d %-7s free %ld  min %lu low %lu high %lu", nid,
				  zone->name, free_pages, wmark_pages(zone, WMARK_MIN),
				  wmark_pages(zone, WMARK_LOW), wmark_pages(zone, WMARK_HIGH));
			if (zone->watermark_boost)
				sb_printf(sb, " (boost %lu)", zone->watermark_boost);
			sb_puts(sb, "  protection (");
			for (k = 0; k < MAX_NR_ZONES; k++)
				sb_printf(sb, "%s%ld", k ? ", " : "", zone->lowmem_reserve[k]);
			sb_puts(sb, ")\n");
			gauge(sb, free_pages, zone, w - 6);
		}
	sb_puts(sb, "\n");
	view_watermarks(m, sb);
}

static void render_lru(struct tui *t, struct strbuf *sb)
{
	static const char *const labels[] = {
		"inactive->active (pgactivate)", "active->inactive (pgdeactivate)",
		"rotated to the inactive tail (pgrotated)", "active pages scanned (pgrefill)",
		"reclaimed by kswapd (pgsteal_kswapd)", "reclaimed directly (pgsteal_direct)",
		"anon refaults activated (workingset_activate_anon)",
	};
	struct machine *m = t->s->m;
	int nid, l;
	size_t i;

	/* the sizes first, with what the last command changed */
	for (nid = 0; nid < m->nr_node_ids; nid++)
		for (l = 0; l < NR_LRU_LISTS; l++) {
			long now = m->node_data[nid]->vm_stat[NR_INACTIVE_ANON + l];
			long d = now - t->lru_base[nid][l];

			sb_printf(sb, "node %d %-14s %8ld", nid, lru_names[l], now);
			if (d)
				sb_printf(sb, "  (%+ld)", d);
			sb_putc(sb, '\n');
		}
	sb_puts(sb, "movement in the last command:\n");
	for (i = 0; i < sizeof(lru_moves) / sizeof(lru_moves[0]); i++) {
		unsigned long d = t->moves_last[i];

		sb_printf(sb, "  %s %-52s %lu\n", d ? (i == 0 || i == 6 ? "^" : "v") : " ",
			  labels[i], d);
	}
	sb_putc(sb, '\n');
	view_lru(m, NUMA_NO_NODE, sb);
}

static void render_trace(struct tui *t, struct strbuf *sb)
{
	size_t n = t->ring_n < TRACE_RING ? t->ring_n : TRACE_RING, i;

	if (!n)
		sb_puts(sb, "(no tracepoint has fired yet)\n");
	for (i = t->ring_n - n; i < t->ring_n; i++) {
		trace_format(&t->ring[i % TRACE_RING], sb);
		sb_putc(sb, '\n');
	}
}

/* `why` with its output captured into sb, for the why pane. */
static void capture_why(struct tui *t, struct strbuf *sb)
{
	struct session *s = t->s;
	FILE *out = s->out, *err = s->err, *mem;
	char *text = NULL;
	size_t len = 0;

	mem = open_memstream(&text, &len);
	if (!mem)
		return;
	s->out = s->err = mem;
	timeline_why(s, false);
	fclose(mem);
	s->out = out;
	s->err = err;
	sb_puts(sb, text ? text : "");
	free(text);
}

static void render_pane(struct tui *t, int id)
{
	struct pane *p = &t->p[id];
	struct strbuf sb = STRBUF_INIT;
	int w = p->w > 2 ? p->w - 2 : 78, h = p->h > 2 ? p->h - 2 : 20;

	switch (id) {
	case P_FREE_AREA:
		render_free_area(t, &sb);
		break;
	case P_BITMAP:
		if (p->scroll < 0)
			p->scroll = 0;
		p->total = render_bitmap(t, &sb, w, (size_t)p->scroll, (size_t)h);
		if (p->total && (size_t)p->scroll >= p->total) {
			p->scroll = (int)p->total - 1;
			sb_reset(&sb);
			render_bitmap(t, &sb, w, (size_t)p->scroll, (size_t)h);
		}
		break;
	case P_MAP:
		render_map(t, &sb, w, h);
		break;
	case P_WATERMARKS:
		render_watermarks(t, &sb, w);
		break;
	case P_PCP:
		view_pcp(t->s->m, -1, &sb);
		break;
	case P_LRU:
		render_lru(t, &sb);
		break;
	case P_TRACE:
		render_trace(t, &sb);
		break;
	case P_WHY:
		if (p->h)
			capture_why(t, &sb);
		break;
	case P_LESSON:
		lesson_render(t->s, &sb);
		break;
	case P_OUTPUT:
		sb_free(&sb);
		return;   /* the output pane keeps t->output */
	}
	lines_clear(&p->cur);
	lines_add_text(&p->cur, sb_str(&sb));
	sb_free(&sb);
}

static void layout(struct tui *t);

/* The lesson pane shows, focused, while a lesson runs, and hides after. */
static void lesson_sync(struct tui *t)
{
	struct pane *p = &t->p[P_LESSON];

	if (lesson_active(t->s) && p->hidden) {
		p->hidden = false;
		t->focus = P_LESSON;
		t->zoom = false;
		layout(t);
	} else if (!lesson_active(t->s) && !p->hidden) {
		p->hidden = true;
		if (t->focus == P_LESSON)
			t->focus = t->demo ? P_MAP : P_FREE_AREA;
		layout(t);
	}
}

static void render_all(struct tui *t)
{
	int i;

	for (i = 0; i < NR_PANES; i++)
		if (t->p[i].h || i == P_LRU)
			render_pane(t, i);
}

/* ---- layout ---------------------------------------------------------------------- */

static void layout(struct tui *t)
{
	int order[NR_PANES], n = 0, i, cols, rows, slots, avail = t->rows - 2;

	for (i = 0; i < NR_PANES; i++)
		t->p[i].h = 0;
	if (t->p[t->focus].hidden)
		t->p[t->focus].hidden = false;
	if (t->zoom || avail < 8) {
		struct pane *p = &t->p[t->focus];

		p->y = 0;
		p->x = 0;
		p->h = avail > 3 ? avail : 3;
		p->w = t->cols;
		return;
	}
	cols = t->cols / (t->demo ? 90 : 66);
	cols = cols < 1 ? 1 : cols > 3 ? 3 : cols;
	rows = avail / (t->demo ? 16 : 11);
	/* at least two rows: the output pane always shows beside the focused one */
	rows = rows < 2 ? 2 : rows > 3 ? 3 : rows;
	slots = cols * rows;
	/* the focused pane first, then the others in order; output always shows */
	order[n++] = t->focus;
	for (i = 0; i < NR_PANES && n < slots - (t->focus != P_OUTPUT); i++)
		if (i != t->focus && i != P_OUTPUT && !t->p[i].hidden)
			order[n++] = i;
	if (t->focus != P_OUTPUT && n < slots + 1)
		order[n++] = P_OUTPUT;
	if (n > slots)
		n = slots;
	if (n < slots && n < cols)
		cols = n;
	rows = (n + cols - 1) / cols;
	for (i = 0; i < n; i++) {
		struct pane *p = &t->p[order[i]];
		int r = i / cols, c = i % cols, last_row = r == rows - 1;
		int in_row = last_row ? n - r * cols : cols;

		p->h = avail / rows + (last_row ? avail % rows : 0);
		p->y = r * (avail / rows);
		p->w = t->cols / in_row;
		p->x = c * p->w;
		if (c == in_row - 1)
			p->w = t->cols - p->x;
	}
}

/* ---- drawing ---------------------------------------------------------------------- */

enum { C_HIGHLIGHT = 1, C_FREE, C_PCP, C_ALLOC, C_ANON, C_FILE, C_DIRTY, C_TITLE,
       C_STATUS, C_ERROR };

static attr_t map_attr(const struct tui *t, char c)
{
	int pair = 0;

	if (!t->color)
		return (c == 'U' || c == 'M' || c == 'R' || c == 'k') ? A_BOLD : A_NORMAL;
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'j'))
		pair = C_FREE;
	else if (c == 'p' || c == 'v')
		pair = C_PCP;
	else if (c == 'U' || c == 'M' || c == 'R' || c == 'k' || c == '#')
		pair = C_ALLOC;
	else if (c == 'x' || c == 'X')
		pair = C_ANON;
	else if (c == 'o' || c == 'O' || c == 'L')
		pair = C_FILE;
	else if (c == 'D' || c == 'W')
		pair = C_DIRTY;
	return pair ? COLOR_PAIR(pair) : A_NORMAL;
}

static attr_t changed_attr(const struct tui *t)
{
	return t->color ? (COLOR_PAIR(C_HIGHLIGHT) | A_BOLD) : (A_REVERSE | A_BOLD);
}

/* Only printable ASCII reaches the screen from pane text (C locale safe). */
static chtype cell(char c)
{
	unsigned char u = (unsigned char)c;

	return u >= 0x20 && u < 0x7f ? (chtype)u : (chtype)'?';
}

/*
 * The length of the UTF-8 sequence at s (at most n bytes), 0 when it is not
 * one; *one_column tells whether it takes one column.
 */
static size_t utf8_seq(const char *s, size_t n, bool *one_column)
{
	mbstate_t st;
	wchar_t wc;
	size_t len;

	memset(&st, 0, sizeof(st));
	len = mbrtowc(&wc, s, n, &st);
	if (len == (size_t)-1 || len == (size_t)-2 || len == 0)
		return 0;
	*one_column = wcwidth(wc) == 1;
	return len;
}

static void draw_text_line(struct tui *t, struct pane *p, int id, int row, size_t li)
{
	const char *line = li < p->cur.n ? p->cur.v[li] : "";
	const char *old = li < p->base.n ? p->base.v[li] : NULL;
	int w = p->w - 2, j;
	size_t len = strlen(line), oldlen = old ? strlen(old) : 0, b = 0;
	bool fresh = id == P_OUTPUT ? li >= t->output_mark : false;
	bool diff = id != P_OUTPUT && id != P_TRACE && id != P_WHY;

	/* j counts columns, b bytes: a UTF-8 character is one column, many bytes */
	for (j = 0; j < w; j++) {
		char c = b < len ? line[b] : ' ';
		attr_t a = A_NORMAL;
		size_t seq = 1;
		bool one = false;

		if (id == P_MAP && row > 0 && b < len)
			a = map_attr(t, c);
		if (fresh && t->demo)
			a |= A_BOLD;
		if (diff && b < len && (!old || b >= oldlen || old[b] != c) && c != ' ')
			a = changed_attr(t);
		if (id == P_OUTPUT && b < len && strncmp(line, "mmsh> ", 6) == 0)
			a |= A_BOLD;
		if ((unsigned char)c >= 0x80 && t->utf8 &&
		    (seq = utf8_seq(line + b, len - b, &one)) != 0 && one) {
			attrset(a);
			mvaddnstr(p->y + 1 + row, p->x + 1 + j, line + b, (int)seq);
			attrset(A_NORMAL);
		} else if ((unsigned char)c >= 0x80) {
			/* not shown in this locale (or wide): one '?' per character */
			seq = 1;
			while (b + seq < len && ((unsigned char)line[b + seq] & 0xc0) == 0x80)
				seq++;
			mvaddch(p->y + 1 + row, p->x + 1 + j, '?' | a);
		} else {
			seq = 1;
			mvaddch(p->y + 1 + row, p->x + 1 + j, cell(c) | a);
		}
		if (b < len)
			b += seq;
	}
}

static void draw_pane(struct tui *t, int id)
{
	struct pane *p = &t->p[id];
	struct textlines *src = &p->cur;
	int inner = p->h - 2, row;
	size_t first;
	char title[96];
	attr_t ta = id == t->focus ? (A_REVERSE | A_BOLD) : A_BOLD;

	if (id == P_OUTPUT)
		p->cur = t->output;   /* shared, not owned: restored below */
	if (p->tail) {
		size_t bottom, top = src->n > (size_t)inner ? src->n - (size_t)inner : 0;

		/* scrolled back no further than the first line */
		if ((size_t)p->scroll > top)
			p->scroll = (int)top;
		bottom = src->n - (size_t)p->scroll;

		first = bottom > (size_t)inner ? bottom - (size_t)inner : 0;
	} else if (p->windowed) {
		first = 0;   /* rendered from the scroll position */
	} else {
		if (p->scroll > 0 && (size_t)p->scroll >= src->n)
			p->scroll = src->n ? (int)src->n - 1 : 0;
		first = (size_t)p->scroll;
	}
	attrset(A_NORMAL);
	mvhline(p->y, p->x + 1, ACS_HLINE, p->w - 2);
	mvhline(p->y + p->h - 1, p->x + 1, ACS_HLINE, p->w - 2);
	mvvline(p->y + 1, p->x, ACS_VLINE, p->h - 2);
	mvvline(p->y + 1, p->x + p->w - 1, ACS_VLINE, p->h - 2);
	mvaddch(p->y, p->x, ACS_ULCORNER);
	mvaddch(p->y, p->x + p->w - 1, ACS_URCORNER);
	mvaddch(p->y + p->h - 1, p->x, ACS_LLCORNER);
	mvaddch(p->y + p->h - 1, p->x + p->w - 1, ACS_LRCORNER);
	snprintf(title, sizeof(title), " %d %s%s%s ", id == P_LESSON ? 0 : id + 1, p->name,
		 id == t->focus && t->zoom ? " (zoomed)" : "",
		 (p->windowed ? p->total : src->n) > (size_t)inner ? " [PgUp/PgDn]" : "");
	attron(ta | (t->color ? COLOR_PAIR(C_TITLE) : 0));
	mvaddnstr(p->y, p->x + 2, title, p->w - 4 > 0 ? p->w - 4 : 0);
	attrset(A_NORMAL);
	for (row = 0; row < inner; row++)
		draw_text_line(t, p, id, row, first + (size_t)row);
	if (id == P_OUTPUT)
		memset(&p->cur, 0, sizeof(p->cur));
}

static const char *const help_text[] = {
	"mmsh: the ncurses view",
	"",
	"The bottom line is GNU readline: Up/Down history, Ctrl-R search, Tab",
	"completion, Emacs editing keys; Ctrl-C drops the line.",
	"",
	"F1 or ? (on an empty line)  this help; any key closes it",
	"F2 / Shift-F2               focus the next / previous pane",
	"Alt-1 .. Alt-9, Alt-0       focus pane 1..9, or 0: the lesson",
	"F3 zoom (again: unzoom)     F4 hide the pane    F5 show every pane",
	"PgUp / PgDn                 scroll the focused pane",
	"F10, or q and Enter         quit",
	"",
	"Stepping (step COMMAND): Enter on an empty line steps, c continues, b goes",
	"back; break FUNCTION stops continue there. While stepping, start a command",
	"beginning with b or c with a space. --demo plays steps; space pauses.",
	"mmsh --demo SCRIPT plays the script a line at a time: Enter (or a pause)",
	"runs the next line, space pauses; your own commands run in between.",
	"",
	"Highlighted cells changed in the last command (or step).",
	"map: 0-9a-j free (order)  p per-CPU  U M R allocated  x X anon  o O file",
};

static void draw_help(struct tui *t)
{
	int n = (int)(sizeof(help_text) / sizeof(help_text[0])), w = 76, i;
	int y = (t->rows - n - 2) / 2, x = (t->cols - w) / 2;

	if (y < 0)
		y = 0;
	if (x < 0)
		x = 0;
	for (i = -1; i <= n; i++) {
		const char *text = i >= 0 && i < n ? help_text[i] : "";

		attrset(A_REVERSE);
		mvhline(y + 1 + i, x, ' ', w < t->cols ? w : t->cols);
		mvaddnstr(y + 1 + i, x + 2, text, t->cols - x - 2);
	}
	attrset(A_NORMAL);
}

static void draw_status(struct tui *t)
{
	struct session *s = t->s;
	char line[600];
	attr_t a = t->color ? COLOR_PAIR(C_STATUS) : A_REVERSE;

	if (timeline_stepping(s)) {
		size_t k = timeline_step_index(s);
		const struct step_rec *st = timeline_step_at(s, k);

		snprintf(line, sizeof(line), " STEP %zu/%zu%s  %s%s%s  (Enter next, c continue, b back)",
			 k, timeline_step_total(s), t->demo && t->paused ? " PAUSED" : "",
			 st ? st->func : "before the command", st ? ": " : "",
			 st ? st->text : "");
		a |= A_BOLD;
	} else if (t->play_next < t->nr_play) {
		snprintf(line, sizeof(line), " PLAY %zu/%zu%s  next: %s  (Enter runs it, space pauses)",
			 t->played + 1, t->nr_play_cmds, t->paused ? " PAUSED" : "",
			 t->play[t->play_next].text);
		a |= A_BOLD;
	} else if (quiz_active(s)) {
		snprintf(line, sizeof(line), " QUIZ  the panes show the quiz's machine: answer VALUE, "
			 "reveal, quiz off  (F1 help)");
		a |= A_BOLD;
	} else {
		snprintf(line, sizeof(line),
			 " mmsh  focus: %s   F1 help  F2 focus  F3 zoom  F4 hide  F5 all  F10 quit",
			 t->p[t->focus].name);
	}
	if (t->demo)
		a |= A_BOLD;
	attrset(a);
	mvhline(t->rows - 2, 0, ' ', t->cols);
	mvaddnstr(t->rows - 2, 0, line, t->cols);
	attrset(A_NORMAL);
}

static void draw_prompt(struct tui *t)
{
	const char *prompt = rl_display_prompt ? rl_display_prompt : "mmsh> ";
	const char *buf = rl_line_buffer ? rl_line_buffer : "";
	int plen = (int)strlen(prompt), room = t->cols - plen - 1, col = 0, cursor = -1;
	size_t start = 0, b, len = strlen(buf), point = (size_t)rl_point;

	if (room < 1)
		room = 1;
	if (point > (size_t)room)
		start = point - (size_t)room;
	while (start < len && ((unsigned char)buf[start] & 0xc0) == 0x80)
		start++;   /* not inside a UTF-8 character */
	move(t->rows - 1, 0);
	clrtoeol();
	mvaddnstr(t->rows - 1, 0, prompt, t->cols);
	/* columns, not bytes: a UTF-8 character is one column (or one '?') */
	for (b = start; b < len && col < room; col++) {
		size_t seq = 1;
		bool one = false;

		if (b == point)
			cursor = col;
		if ((unsigned char)buf[b] >= 0x80 && t->utf8 &&
		    (seq = utf8_seq(buf + b, len - b, &one)) != 0 && one) {
			addnstr(buf + b, (int)seq);
		} else {
			seq = 1;
			if ((unsigned char)buf[b] >= 0x80)
				while (b + seq < len && ((unsigned char)buf[b + seq] & 0xc0) == 0x80)
					seq++;
			addch(cell(buf[b]));
		}
		b += seq;
	}
	if (cursor < 0)
		cursor = col;
	move(t->rows - 1, plen + cursor < t->cols ? plen + cursor : t->cols - 1);
}

static void draw_all(struct tui *t)
{
	int i;

	erase();
	for (i = 0; i < NR_PANES; i++)
		if (t->p[i].h)
			draw_pane(t, i);
	draw_status(t);
	if (t->help)
		draw_help(t);
	draw_prompt(t);
	refresh();
}

/* ---- running commands ------------------------------------------------------------- */

static void record_event(const struct trace_event *ev, void *arg)
{
	struct tui *t = arg;

	t->ring[t->ring_n % TRACE_RING] = *ev;
	t->ring_n++;
	/* `trace on` also prints the lines into the output */
	if ((t->s->trace_events >> ev->id) & 1) {
		struct strbuf sb = STRBUF_INIT;

		trace_format(ev, &sb);
		fprintf(t->s->out, "%s\n", sb_str(&sb));
		sb_free(&sb);
	}
}

static void subscribe(struct tui *t)
{
	trace_subscribe(t->s->m, TRACE_ALL_EVENTS, record_event, t);
}

/*
 * Output lines longer than the output pane wrap, the continuation indented
 * by two columns (never inside a UTF-8 character).
 */
static void output_add(struct tui *t, const char *text)
{
	const struct pane *p = &t->p[P_OUTPUT];
	size_t width = p->w > 12 ? (size_t)p->w - 2 : t->cols > 12 ? (size_t)t->cols - 2 : 78;

	while (*text) {
		size_t len = strcspn(text, "\n"), off = 0;

		do {
			size_t room = off ? width - 2 : width, n = len - off;

			if (n > room) {
				n = room;
				while (n > 1 && ((unsigned char)text[off + n] & 0xc0) == 0x80)
					n--;
			}
			if (off) {
				char *cont = malloc(n + 3);

				if (cont) {
					memcpy(cont, "  ", 2);
					memcpy(cont + 2, text + off, n);
					lines_push(&t->output, cont, n + 2);
					free(cont);
				}
			} else {
				lines_push(&t->output, text, n);
			}
			off += n;
		} while (off < len);
		text += len;
		if (*text == '\n')
			text++;
	}
	lines_trim(&t->output, OUTPUT_LINES, &t->output_mark);
}

static void run_line(struct tui *t, const char *line)
{
	struct session *s = t->s;
	FILE *out = s->out, *err = s->err, *mem;
	char *text = NULL, echo[1100];
	size_t len = 0, i;
	int id;

	for (id = 0; id < NR_PANES; id++)
		lines_copy(&t->p[id].base, &t->p[id].cur);
	for (i = 0; i < sizeof(lru_moves) / sizeof(lru_moves[0]); i++)
		t->moves_base[i] = s->m->vm_events[lru_moves[i]];
	for (id = 0; id < s->m->nr_node_ids; id++) {
		int l;

		for (l = 0; l < NR_LRU_LISTS; l++)
			t->lru_base[id][l] = s->m->node_data[id]->vm_stat[NR_INACTIVE_ANON + l];
	}
	t->output_mark = t->output.n;
	snprintf(echo, sizeof(echo), "mmsh> %s", line);
	output_add(t, echo);
	mem = open_memstream(&text, &len);
	if (mem) {
		s->out = s->err = mem;
		/* Ctrl-C is a signal while the command runs: it stops the command */
		cbreak();
		session_run_line(s, line);
		raw();
		fclose(mem);
		s->out = out;
		s->err = err;
		output_add(t, text ? text : "");
		free(text);
	}
	subscribe(t);   /* undo, reset and step may have swapped the machine */
	lesson_sync(t);
	for (i = 0; i < sizeof(lru_moves) / sizeof(lru_moves[0]); i++)
		t->moves_last[i] = s->m->vm_events[lru_moves[i]] - t->moves_base[i];
	t->p[P_OUTPUT].scroll = 0;
	if (s->quit)
		t->quit = true;
	render_all(t);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void on_line(char *line)
{
	struct tui *t = T;

	if (!line) {   /* Ctrl-D on an empty line */
		t->quit = true;
		return;
	}
	if (*line) {
		add_history(line);
		run_line(t, line);
	} else if (timeline_stepping(t->s) || lesson_active(t->s)) {
		run_line(t, "next");   /* Enter steps, or goes on in a lesson */
	} else if (t->play_next < t->nr_play) {
		t->play_request = true;   /* Enter plays the script's next line */
	}
	free(line);
	t->next_auto = now_ms() + DEMO_STEP_MS;
}

/* --demo SCRIPT: comments are narration: they show as soon as they come up. */
static void narrate(struct tui *t)
{
	while (t->play_next < t->nr_play) {
		const char *text = t->play[t->play_next].text;

		text += strspn(text, " \t");
		if (*text != '#')
			return;
		output_add(t, text);
		t->play_next++;
	}
	if (t->nr_play && !t->play_done) {
		t->play_done = true;
		output_add(t, "(the script has been played: the view is yours)");
	}
}

/*
 * --demo SCRIPT: play the script's next command. It appears typed at the
 * prompt, then runs as if Enter had been pressed, its errors naming
 * FILE:LINE; the comments after it show at once.
 */
static void play_line(struct tui *t)
{
	struct session *s = t->s;
	const struct play_line *pl;
	const char *text, *saved_name = s->src_name;
	unsigned long saved_line = s->src_line;
	size_t len, i;
	int pause;

	t->play_request = false;
	if (t->play_next >= t->nr_play)
		return;
	pl = &t->play[t->play_next++];
	t->played++;
	text = pl->text + strspn(pl->text, " \t");
	len = strlen(text);
	pause = len ? DEMO_TYPE_MS / (int)len : 0;
	for (i = 1; i <= len; i++) {   /* typed, a character at a time */
		char *part = strndup(text, i);

		if (!part)
			break;
		rl_replace_line(part, 0);
		rl_point = rl_end;
		free(part);
		draw_prompt(t);
		refresh();
		napms(pause < 40 ? pause : 40);
	}
	rl_replace_line("", 0);
	rl_point = rl_end = 0;
	add_history(text);
	s->src_name = pl->src;
	s->src_line = pl->line;
	run_line(t, text);
	s->src_name = saved_name;
	s->src_line = saved_line;
	narrate(t);
	t->play_at = now_ms() + DEMO_LINE_MS;
	t->next_auto = now_ms() + DEMO_STEP_MS;   /* a step it started shows a while */
}

static int tui_getc(FILE *f)
{
	int c = T->pending;

	(void)f;
	T->pending = EOF;
	return c;
}

static int tui_input_available(void)
{
	return T->pending != EOF;
}

static void tui_redisplay(void)
{
	draw_prompt(T);
	refresh();
}

static void noop_prep(int meta)
{
	(void)meta;
}

static void noop_deprep(void)
{
}

/* Matches of an ambiguous completion go to the output pane. */
static void show_matches(char **matches, int num, int max_len)
{
	struct strbuf sb = STRBUF_INIT;
	int i;

	(void)max_len;
	for (i = 1; i <= num; i++)
		sb_printf(&sb, "%s%s", i > 1 ? "  " : "", matches[i]);
	output_add(T, sb_str(&sb));
	sb_free(&sb);
	draw_all(T);
}

static void feed(struct tui *t, int byte)
{
	t->pending = byte;
	rl_callback_read_char();
}

static void feed_seq(struct tui *t, const char *seq)
{
	while (*seq)
		feed(t, (unsigned char)*seq++);
}

static bool line_empty(void)
{
	return !rl_line_buffer || rl_end == 0;
}

static void focus_pane(struct tui *t, int id)
{
	t->focus = id;
	t->p[id].hidden = false;
	layout(t);
	render_all(t);
}

static void next_focus(struct tui *t, int dir)
{
	int id = t->focus, n;

	for (n = 0; n < NR_PANES; n++) {
		id = (id + dir + NR_PANES) % NR_PANES;
		if (!t->p[id].hidden)
			break;
	}
	focus_pane(t, id);
}

/* One key: the view's own keys, else readline's. */
static void handle_key(struct tui *t, int ch)
{
	struct pane *p = &t->p[t->focus];
	int page = p->h > 4 ? p->h - 3 : 1;

	if (ch == KEY_RESIZE) {   /* also while the help shows: it stays open */
		getmaxyx(stdscr, t->rows, t->cols);
		layout(t);
		render_all(t);
		return;
	}
	if (t->help) {
		t->help = false;
		return;
	}
	switch (ch) {
	case KEY_F(1):
		t->help = true;
		return;
	case KEY_F(2):
		next_focus(t, 1);
		return;
	case KEY_F(14):
		next_focus(t, -1);
		return;
	case KEY_F(3):
		t->zoom = !t->zoom;
		layout(t);
		render_all(t);
		return;
	case KEY_F(4):
		if (t->focus != P_OUTPUT) {
			p->hidden = true;
			t->zoom = false;
			next_focus(t, 1);
		}
		return;
	case KEY_F(5): {
		int i;

		for (i = 0; i < NR_PANES; i++)
			t->p[i].hidden = false;
		t->zoom = false;
		layout(t);
		render_all(t);
		return;
	}
	case KEY_F(10):
		t->quit = true;
		return;
	case KEY_PPAGE:
	case KEY_NPAGE:
		p->scroll += (ch == KEY_PPAGE) == p->tail ? page : -page;
		if (p->scroll < 0)
			p->scroll = 0;
		if (p->windowed)
			render_pane(t, t->focus);
		return;
	case KEY_UP:
		feed_seq(t, "\033[A");
		return;
	case KEY_DOWN:
		feed_seq(t, "\033[B");
		return;
	case KEY_RIGHT:
		feed_seq(t, "\033[C");
		return;
	case KEY_LEFT:
		feed_seq(t, "\033[D");
		return;
	case KEY_HOME:
		feed(t, 1);   /* C-a */
		return;
	case KEY_END:
		feed(t, 5);   /* C-e */
		return;
	case KEY_BACKSPACE:
		feed(t, 127);
		return;
	case KEY_DC:
		feed(t, 4);   /* C-d deletes the character under the cursor */
		return;
	case KEY_ENTER:
		feed(t, '\r');
		return;
	default:
		break;
	}
	if (ch >= KEY_MIN)
		return;   /* other function keys: nothing */
	if (ch == 3) {   /* Ctrl-C: drop the line being typed */
		rl_replace_line("", 0);
		rl_point = rl_end = 0;
		rl_reset_line_state();
		return;
	}
	if (line_empty()) {
		if (timeline_stepping(t->s)) {
			if (ch == 'c') {
				run_line(t, "continue");
				return;
			}
			if (ch == 'b') {
				run_line(t, "back");
				return;
			}
			if (ch == ' ' && t->demo) {
				t->paused = !t->paused;
				t->next_auto = now_ms() + DEMO_STEP_MS;
				return;
			}
		} else if (ch == ' ' && t->play_next < t->nr_play) {
			t->paused = !t->paused;   /* the script waits, or plays on */
			t->play_at = now_ms() + DEMO_LINE_MS;
			return;
		}
		/* q is typed like any letter (quiz starts with it): q and Enter quit */
		if (ch == '?') {
			t->help = true;
			return;
		}
	}
	if (ch == 27) {   /* Alt-digit focuses a pane; other ESC sequences go to readline */
		int next;

		timeout(50);
		next = getch();
		timeout(t->demo ? 100 : -1);
		if (next >= '0' && next <= '9') {
			focus_pane(t, next == '0' ? P_LESSON : next - '1');
			return;
		}
		feed(t, 27);
		if (next != ERR)
			feed(t, next);
		return;
	}
	feed(t, ch);
}

/* ---- set-up ------------------------------------------------------------------------- */

bool tui_usable(char *why, size_t len)
{
	const char *term = getenv("TERM");
	int err = 0;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		snprintf(why, len, "standard input and output are not both terminals");
		return false;
	}
	if (!term || !*term || strcmp(term, "dumb") == 0) {
		snprintf(why, len, "TERM is %s", term && *term ? "dumb" : "not set");
		return false;
	}
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		snprintf(why, len, "the terminal type '%s' is unknown to terminfo", term);
		return false;
	}
	del_curterm(cur_term);
	return true;
}

static void init_colors(struct tui *t)
{
	t->color = t->color && has_colors();
	if (!t->color)
		return;
	start_color();
	use_default_colors();
	init_pair(C_HIGHLIGHT, COLOR_BLACK, COLOR_YELLOW);
	init_pair(C_FREE, COLOR_GREEN, -1);
	init_pair(C_PCP, COLOR_CYAN, -1);
	init_pair(C_ALLOC, COLOR_RED, -1);
	init_pair(C_ANON, COLOR_BLUE, -1);
	init_pair(C_FILE, COLOR_MAGENTA, -1);
	init_pair(C_DIRTY, COLOR_YELLOW, -1);
	init_pair(C_TITLE, t->demo ? COLOR_YELLOW : COLOR_CYAN, -1);
	init_pair(C_STATUS, COLOR_WHITE, t->demo ? COLOR_RED : COLOR_BLUE);
	init_pair(C_ERROR, COLOR_RED, -1);
}

static void tui_init(struct tui *t, struct session *s, const struct tui_options *o)
{
	int i;

	memset(t, 0, sizeof(*t));
	t->s = s;
	t->demo = o->demo;
	t->color = !o->no_color;
	t->pending = EOF;
	t->focus = t->demo ? P_MAP : P_FREE_AREA;
	t->play = o->play;
	t->nr_play = o->nr_play;
	for (i = 0; i < (int)t->nr_play; i++)
		if (t->play[i].text[strspn(t->play[i].text, " \t")] != '#')
			t->nr_play_cmds++;
	for (i = 0; i < NR_PANES; i++) {
		t->p[i].name = pane_names[i];
		t->p[i].tail = i == P_OUTPUT || i == P_TRACE;
		t->p[i].windowed = i == P_BITMAP;
	}
	/* the why pane and, in demo mode, the dense ones start hidden */
	t->p[P_WHY].hidden = true;
	t->p[P_LESSON].hidden = true;
	if (t->demo) {
		t->p[P_BITMAP].hidden = true;
		t->p[P_PCP].hidden = true;
		t->p[P_TRACE].hidden = true;
	}
}

static void tui_free(struct tui *t)
{
	int i;

	for (i = 0; i < NR_PANES; i++) {
		lines_free(&t->p[i].cur);
		lines_free(&t->p[i].base);
	}
	lines_free(&t->output);
}

int tui_run(struct session *s, const struct tui_options *o)
{
	static struct tui view;
	struct tui *t = &view;
	char hist[1024];
	bool have_history;

	tui_init(t, s, o);
	T = t;
	setlocale(LC_ALL, "");
	t->utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	initscr();
	raw();   /* Ctrl-C reaches us as a key: it drops the line, as at the prompt */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	timeout(t->demo ? 100 : -1);
	init_colors(t);
	getmaxyx(stdscr, t->rows, t->cols);

	readline_setup(s);
	have_history = history_open(hist, sizeof(hist)) == 0;
	rl_getc_function = tui_getc;
	rl_input_available_hook = tui_input_available;
	rl_redisplay_function = tui_redisplay;
	rl_prep_term_function = noop_prep;
	rl_deprep_term_function = noop_deprep;
	rl_completion_display_matches_hook = show_matches;
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_change_environment = 0;
	rl_callback_handler_install("mmsh> ", on_line);
	{
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = session_interrupt;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGINT, &sa, NULL);
		session_interruptible(s);
	}

	s->interactive = true;
	s->ascii_only = true;
	s->tui_trace = record_event;
	s->tui_trace_arg = t;
	subscribe(t);
	if (o->banner)
		output_add(t, o->banner);
	output_add(t, t->demo ? "Classroom mode: steps play by themselves; space pauses, "
				"Enter steps, c continues. F1 or ? for help."
				: "F1 or ? (on an empty line) for the keys of this view.");
	if (t->nr_play)
		output_add(t, "Playing the script: each line runs after a pause, or at Enter on "
			      "an empty line; space pauses. Type your own commands at any time.");
	narrate(t);
	t->play_at = now_ms() + DEMO_LINE_MS;
	layout(t);
	render_all(t);
	if (o->first_command)
		run_line(t, o->first_command);
	while (!t->quit && !s->quit) {
		int ch;

		draw_all(t);
		ch = getch();
		if (ch == ERR) {
			if (t->demo && timeline_stepping(s) && !t->paused && line_empty() &&
			    now_ms() >= t->next_auto) {
				run_line(t, "next");
				t->next_auto = now_ms() + DEMO_STEP_MS;
			} else if (t->play_next < t->nr_play && !timeline_stepping(s) &&
				   !t->paused && line_empty() && now_ms() >= t->play_at) {
				play_line(t);
			}
			continue;
		}
		{
			size_t before = history_length;

			handle_key(t, ch);
			if (have_history && history_length > (int)before)
				append_history(1, hist);
		}
		t->play_at = now_ms() + DEMO_LINE_MS;   /* a key: the script waits */
		if (t->play_request)
			play_line(t);
	}
	rl_callback_handler_remove();
	endwin();
	if (have_history)
		history_truncate_file(hist, 1000);
	s->tui_trace = NULL;
	s->tui_trace_arg = NULL;
	trace_subscribe(s->m, 0, NULL, NULL);
	tui_free(t);
	T = NULL;
	return 0;
}

int tui_bench_frames(struct session *s, int w, int h, int frames, FILE *out)
{
	static struct tui view;
	struct tui *t = &view;
	struct tui_options o = { .no_color = false };
	FILE *in = fopen("/dev/null", "r");
	SCREEN *scr;
	int i;

	if (!in)
		return -1;
	scr = newterm("xterm-256color", out, in);
	if (!scr)
		scr = newterm("xterm", out, in);
	if (!scr) {
		fclose(in);
		return -1;
	}
	set_term(scr);
	resize_term(h, w);
	tui_init(t, s, &o);
	T = t;
	init_colors(t);
	t->rows = h;
	t->cols = w;
	layout(t);
	for (i = 0; i < frames; i++) {
		render_all(t);
		clearok(curscr, TRUE);
		draw_all(t);
	}
	endwin();
	delscreen(scr);
	fclose(in);
	tui_free(t);
	T = NULL;
	return 0;
}
