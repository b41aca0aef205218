/*
 * tests/unit/test_svg.c: the SVG pictures (src/engine/svg.c). A small XML
 * reader below checks that every picture is well formed (one root svg
 * element, every tag closed in order, every attribute quoted and given
 * once, no stray '<' or '&') and keeps the elements, so that the tests can
 * read the picture back: the map has one cell per group of pages, in the
 * state map_group_char() gives it; each free-list bar is as tall as its
 * list is long; the gauges print the zone's watermarks; the legend names
 * every state the map shows; the plot has a line per watermark and per
 * order with a point per sample.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "mmsh/page_alloc.h"
#include "mmsh/samples.h"
#include "mmsh/svg.h"
#include "mmsh/sysctl.h"
#include "mmsh/views.h"
#include "mmsh/workload.h"

/* ---- a small XML reader ------------------------------------------------------------ */

#define MAX_ATTRS 12

struct xattr {
	char *name, *value;
};

struct xel {
	char name[32];
	int parent;                 /* -1 for the root */
	int nattrs;
	struct xattr attrs[MAX_ATTRS];
	char text[200];             /* the text directly inside, as written (truncated) */
};

struct xdoc {
	struct xel *el;
	int n, cap;
	char err[256];
};

static int fail_at(struct xdoc *d, const char *s, const char *at, const char *why)
{
	int line = 1;

	for (; s < at; s++)
		line += *s == '\n';
	snprintf(d->err, sizeof(d->err), "line %d: %s", line, why);
	return -1;
}

static bool name_start(char c)
{
	return isalpha((unsigned char)c) || c == '_';
}

static bool name_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-' || c == ':' || c == '.';
}

/* An entity at p ('&'): one of the five XML predefines or a character reference. */
static bool entity_ok(const char *p)
{
	static const char *const names[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&apos;" };
	size_t i;

	for (i = 0; i < 5; i++)
		if (strncmp(p, names[i], strlen(names[i])) == 0)
			return true;
	if (p[1] == '#') {
		p += 2;
		if (*p == 'x')
			p++;
		if (!isxdigit((unsigned char)*p))
			return false;
		while (isxdigit((unsigned char)*p))
			p++;
		return *p == ';';
	}
	return false;
}

/* Parse a whole document; 0, or -1 with d->err saying where and why. */
static int xml_parse(const char *s, struct xdoc *d)
{
	const char *p = s;
	int stack[256], depth = 0, roots = 0;

	memset(d, 0, sizeof(*d));
	if (strncmp(p, "<?xml ", 6) == 0) {
		p = strstr(p, "?>");
		if (!p)
			return fail_at(d, s, s, "unterminated XML declaration");
		p += 2;
	}
	while (*p) {
		if (*p != '<') {   /* text */
			const char *start = p;

			while (*p && *p != '<') {
				if (*p == '&' && !entity_ok(p))
					return fail_at(d, s, p, "a bare '&' in text");
				if (*p == '>')
					return fail_at(d, s, p, "a bare '>' in text");
				if (depth == 0 && !isspace((unsigned char)*p))
					return fail_at(d, s, p, "text outside the root element");
				p++;
			}
			if (depth) {
				struct xel *e = &d->el[stack[depth - 1]];
				size_t have = strlen(e->text), n = (size_t)(p - start);

				if (have + n >= sizeof(e->text))
					n = sizeof(e->text) - 1 - have;
				memcpy(e->text + have, start, n);
				e->text[have + n] = '\0';
			}
			continue;
		}
		if (strncmp(p, "<!--", 4) == 0) {
			p = strstr(p, "-->");
			if (!p)
				return fail_at(d, s, s, "unterminated comment");
			p += 3;
			continue;
		}
		if (p[1] == '/') {   /* an end tag */
			const char *n = p + 2;
			size_t len = 0;

			while (name_char(n[len]))
				len++;
			if (!depth)
				return fail_at(d, s, p, "an end tag with nothing open");
			if (strlen(d->el[stack[depth - 1]].name) != len ||
			    strncmp(d->el[stack[depth - 1]].name, n, len) != 0)
				return fail_at(d, s, p, "an end tag that does not close the open element");
			if (n[len] != '>')
				return fail_at(d, s, p, "an end tag without '>'");
			depth--;
			p = n + len + 1;
			continue;
		}
		{   /* a start tag */
			struct xel *e;
			size_t len = 0;

			p++;
			if (!name_start(*p))
				return fail_at(d, s, p, "'<' not followed by a name");
			if (d->n == d->cap) {
				d->cap = d->cap ? 2 * d->cap : 1024;
				d->el = realloc(d->el, (size_t)d->cap * sizeof(*d->el));
				ck_assert_ptr_nonnull(d->el);
			}
			e = &d->el[d->n];
			memset(e, 0, sizeof(*e));
			while (name_char(p[len]))
				len++;
			if (len >= sizeof(e->name))
				return fail_at(d, s, p, "an element name too long");
			memcpy(e->name, p, len);
			e->parent = depth ? stack[depth - 1] : -1;
			if (!depth && ++roots > 1)
				return fail_at(d, s, p, "a second root element");
			d->n++;
			p += len;
			for (;;) {
				const char *an, *av;
				size_t alen = 0;
				char quote;
				int k;

				if (!isspace((unsigned char)*p) && *p != '/' && *p != '>')
					return fail_at(d, s, p, "attributes not separated by space");
				while (isspace((unsigned char)*p))
					p++;
				if (*p == '>') {
					if (depth == (int)(sizeof(stack) / sizeof(stack[0])))
						return fail_at(d, s, p, "elements nested too deep");
					stack[depth++] = d->n - 1;
					p++;
					break;
				}
				if (p[0] == '/' && p[1] == '>') {
					p += 2;
					break;
				}
				an = p;
				if (!name_start(*p))
					return fail_at(d, s, p, "an attribute without a name");
				while (name_char(an[alen]))
					alen++;
				p += alen;
				while (isspace((unsigned char)*p))
					p++;
				if (*p != '=')
					return fail_at(d, s, p, "an attribute without '='");
				p++;
				while (isspace((unsigned char)*p))
					p++;
				quote = *p;
				if (quote != '"' && quote != '\'')
					return fail_at(d, s, p, "an attribute value without quotes");
				av = ++p;
				while (*p && *p != quote) {
					if (*p == '<')
						return fail_at(d, s, p, "a '<' in an attribute value");
					if (*p == '&' && !entity_ok(p))
						return fail_at(d, s, p, "a bare '&' in an attribute value");
					p++;
				}
				if (!*p)
					return fail_at(d, s, av, "an unterminated attribute value");
				for (k = 0; k < e->nattrs; k++)
					if (strlen(e->attrs[k].name) == alen &&
					    strncmp(e->attrs[k].name, an, alen) == 0)
						return fail_at(d, s, an, "an attribute given twice");
				if (e->nattrs == MAX_ATTRS)
					return fail_at(d, s, an, "too many attributes for this reader");
				e->attrs[e->nattrs].name = strndup(an, alen);
				e->attrs[e->nattrs].value = strndup(av, (size_t)(p - av));
				e->nattrs++;
				p++;
			}
		}
	}
	if (depth)
		return fail_at(d, s, p, "an element is not closed at the end");
	if (roots != 1 || strcmp(d->el[0].name, "svg") != 0)
		return fail_at(d, s, p, "the root element is not one svg");
	return 0;
}

static void xml_free(struct xdoc *d)
{
	int i, k;

	for (i = 0; i < d->n; i++)
		for (k = 0; k < d->el[i].nattrs; k++) {
			free(d->el[i].attrs[k].name);
			free(d->el[i].attrs[k].value);
		}
	free(d->el);
	memset(d, 0, sizeof(*d));
}

static const char *attr(const struct xdoc *d, int i, const char *name)
{
	int k;

	for (k = 0; k < d->el[i].nattrs; k++)
		if (strcmp(d->el[i].attrs[k].name, name) == 0)
			return d->el[i].attrs[k].value;
	return NULL;
}

static long attr_long(const struct xdoc *d, int i, const char *name)
{
	const char *v = attr(d, i, name);

	ck_assert_msg(v != NULL, "<%s> has no %s=", d->el[i].name, name);
	return strtol(v, NULL, 10);
}

/* Is element i inside element anc (at any depth)? */
static bool inside(const struct xdoc *d, int i, int anc)
{
	for (i = d->el[i].parent; i >= 0; i = d->el[i].parent)
		if (i == anc)
			return true;
	return false;
}

/* The first element whose attribute name has this value (inside `within`, or anywhere: -1). */
static int find(const struct xdoc *d, int within, const char *name, const char *value)
{
	int i;

	for (i = 0; i < d->n; i++) {
		const char *v = attr(d, i, name);

		if (v && strcmp(v, value) == 0 && (within < 0 || inside(d, i, within)))
			return i;
	}
	return -1;
}

/* A <text> inside `within` whose content is exactly words. */
static bool has_text(const struct xdoc *d, int within, const char *words)
{
	int i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->el[i].name, "text") == 0 && strcmp(d->el[i].text, words) == 0 &&
		    (within < 0 || inside(d, i, within)))
			return true;
	return false;
}

/* Render and parse; the picture must be well formed. */
static void memory_doc(struct machine *m, int nid, int zidx, unsigned long per, struct xdoc *d)
{
	struct strbuf sb = STRBUF_INIT;
	struct mm_error e;

	ck_assert_msg(svg_memory(m, nid, zidx, per, &sb, &e) == 0, "svg_memory: %s", e.msg);
	ck_assert(!sb.oom);
	ck_assert_msg(xml_parse(sb_str(&sb), d) == 0, "not well formed: %s", d->err);
	sb_free(&sb);
}

static void plot_doc(struct machine *m, int nid, int zidx, int order, struct xdoc *d)
{
	struct strbuf sb = STRBUF_INIT;

	svg_plot(m, nid, zidx, order, &sb);
	ck_assert(!sb.oom);
	ck_assert_msg(xml_parse(sb_str(&sb), d) == 0, "not well formed: %s", d->err);
	sb_free(&sb);
}

/* The checker itself: it must refuse what is not XML. */
START_TEST(the_checker_refuses_bad_xml)
{
	static const char *const bad[] = {
		"<svg><g></svg></g>",
		"<svg x=1/>",
		"<svg x=\"1\" x=\"2\"/>",
		"<svg x=\"1\"y=\"2\"/>",
		"<svg><rect/>",
		"<svg>a & b</svg>",
		"<svg x=\"a<b\"/>",
		"<svg/><svg/>",
		"<g/>",
		"text<svg/>",
		"<svg x=\"unterminated/>",
	};
	static const char *const good[] = {
		"<svg/>",
		"<?xml version=\"1.0\"?>\n<svg a='1' b=\"2\"><g><text>a &amp; b &#x41;</text></g></svg>\n",
	};
	struct xdoc d;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(xml_parse(bad[i], &d) < 0, "accepted: %s", bad[i]);
		xml_free(&d);
	}
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		ck_assert_msg(xml_parse(good[i], &d) == 0, "refused %s: %s", good[i], d.err);
		xml_free(&d);
	}
}
END_TEST

/* ---- a machine with pages in every state the map shows ------------------------------- */

static struct machine *busy_tiny(void)
{
	struct machine *m = boot_preset("tiny");
	struct task *a = new_task(m, "a"), *b = new_task(m, "b");
	int f = new_file(m, "data"), g = new_file(m, "log");

	held(m, GFP_KERNEL, 2);
	held(m, GFP_HIGHUSER_MOVABLE, 0);
	held(m, GFP_KERNEL | GFP__RECLAIMABLE, 1);
	fault(m, a, 24);
	read_file(m, f, 0, 16);
	read_file(m, f, 0, 8);    /* the second read activates */
	write_file(m, g, 0, 8);   /* dirty */
	fault(m, b, 8);
	mlock_all(m, b, true);
	{
		long pfn = held(m, GFP_KERNEL, 0);

		ck_assert_int_eq(mmsh_free(m, (unsigned long)pfn, 0, NULL), 0);   /* to the pcp list */
	}
	assert_consistent(m);
	return m;
}

START_TEST(pictures_are_well_formed)
{
	static const char *const presets[] = { "default", "tiny", "numa" };
	struct xdoc d;
	size_t i;

	for (i = 0; i < sizeof(presets) / sizeof(presets[0]); i++) {
		struct machine *m = boot_preset(presets[i]);
		char box[64];
		long height;

		memory_doc(m, NUMA_NO_NODE, -1, 0, &d);
		ck_assert_str_eq(d.el[0].name, "svg");
		ck_assert_str_eq(attr(&d, 0, "xmlns"), "http://www.w3.org/2000/svg");
		ck_assert_str_eq(attr(&d, 0, "version"), "1.1");
		height = attr_long(&d, 0, "height");
		snprintf(box, sizeof(box), "0 0 1280 %ld", height);
		ck_assert_str_eq(attr(&d, 0, "viewBox"), box);
		ck_assert_str_eq(d.el[1].name, "title");
		/* nothing from outside the file: no <image>, no links, no web fonts */
		{
			int k;

			for (k = 0; k < d.n; k++) {
				ck_assert_str_ne(d.el[k].name, "image");
				ck_assert_str_ne(d.el[k].name, "use");
				ck_assert_str_ne(d.el[k].name, "style");
				ck_assert_ptr_null(attr(&d, k, "href"));
				ck_assert_ptr_null(attr(&d, k, "xlink:href"));
			}
		}
		xml_free(&d);
		plot_doc(m, NUMA_NO_NODE, -1, -1, &d);
		xml_free(&d);
		machine_destroy(m);
	}
	{
		struct machine *m = busy_tiny();

		memory_doc(m, NUMA_NO_NODE, -1, 0, &d);
		xml_free(&d);
		tick(m, 30);
		plot_doc(m, 0, ZONE_NORMAL, 2, &d);
		xml_free(&d);
		machine_destroy(m);
	}
}
END_TEST

/* ---- the map ---------------------------------------------------------------------------- */

/* The class svg.c gives a map character. */
static const char *class_of(char c, char *buf, size_t len)
{
	static const char *const names[][2] = {
		{ "p", "pcp" }, { "U", "alloc-unmovable" }, { "M", "alloc-movable" },
		{ "R", "alloc-reclaimable" }, { "k", "kernel" }, { "x", "anon-inactive" },
		{ "X", "anon-active" }, { "o", "file-inactive" }, { "O", "file-active" },
		{ "L", "unevictable" }, { "v", "pagevec" }, { "D", "dirty" },
		{ "W", "writeback" }, { "#", "reserved" }, { "-", "hole" },
	};
	size_t i;

	if (c >= '0' && c <= '9') {
		snprintf(buf, len, "free-%d", c - '0');
		return buf;
	}
	if (c >= 'a' && c <= 'j') {
		snprintf(buf, len, "free-%d", c - 'a' + 10);
		return buf;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i][0][0] == c)
			return names[i][1];
	return "other";
}

/*
 * The map of zone z with `per` pages per cell: the rectangles of its
 * <g class="map"> cover the cells in order, row by row, each cell in the
 * class of map_group_char() of its pages. Returns the number of cells.
 */
static unsigned long check_map(struct machine *m, const struct xdoc *d, struct zone *z,
			       unsigned long per)
{
	char id[32], buf[16];
	int zone_g, map_g, i;
	unsigned long cells = 0, want = (z->spanned_pages + per - 1) / per;

	snprintf(id, sizeof(id), "node%d-%s", zone_to_nid(z), z->name);
	zone_g = find(d, -1, "id", id);
	ck_assert_msg(zone_g >= 0, "no group %s", id);
	map_g = find(d, zone_g, "class", "map");
	ck_assert_msg(map_g >= 0, "no map in %s", id);
	for (i = 0; i < d->n; i++) {
		long x, y, w, c;

		if (d->el[i].parent != map_g)
			continue;
		ck_assert_str_eq(d->el[i].name, "rect");
		x = attr_long(d, i, "x");
		y = attr_long(d, i, "y");
		w = attr_long(d, i, "width");
		ck_assert_int_eq(attr_long(d, i, "height"), 1);
		/* in order: this rectangle starts at the next cell */
		ck_assert_int_eq(y * SVG_MAP_COLS + x, (long)cells);
		ck_assert_int_le(x + w, SVG_MAP_COLS);
		ck_assert_int_ge(w, 1);
		for (c = 0; c < w; c++) {
			unsigned long pfn = z->zone_start_pfn + (cells + (unsigned long)c) * per;
			unsigned long end = pfn + per < zone_end_pfn(z) ? pfn + per : zone_end_pfn(z);
			char ch = map_group_char(m, pfn, end, 2 * per);

			ck_assert_msg(strcmp(attr(d, i, "class"), class_of(ch, buf, sizeof(buf))) == 0,
				      "%s cell %lu (pfn 0x%lx): class %s, map says '%c'", id,
				      cells + (unsigned long)c, pfn, attr(d, i, "class"), ch);
		}
		cells += (unsigned long)w;
	}
	ck_assert_uint_eq(cells, want);
	return cells;
}

START_TEST(map_cells_follow_the_map)
{
	struct machine *m = busy_tiny();
	struct xdoc d;

	/* tiny: 256 pages, one per cell: 4 rows */
	memory_doc(m, NUMA_NO_NODE, -1, 0, &d);
	ck_assert_uint_eq(svg_map_per(NORMAL(m)), 1);
	ck_assert_uint_eq(check_map(m, &d, NORMAL(m), 1), 256);
	xml_free(&d);
	memory_doc(m, NUMA_NO_NODE, -1, 3, &d);   /* groups of 3: 86 cells, the last of 1 page */
	ck_assert_uint_eq(check_map(m, &d, NORMAL(m), 3), 86);
	xml_free(&d);
	machine_destroy(m);

	/* default: DMA 4096 pages in 2048 cells of 2, Normal 61440 in 1920 cells of 32 */
	m = boot_preset("default");
	held(m, GFP_KERNEL, 3);
	held(m, GFP_DMA, 5);
	memory_doc(m, NUMA_NO_NODE, -1, 0, &d);
	ck_assert_uint_eq(check_map(m, &d, ZONE(m, 0, ZONE_DMA), 2), 2048);
	ck_assert_uint_eq(check_map(m, &d, NORMAL(m), 32), 1920);
	xml_free(&d);
	memory_doc(m, 0, ZONE_DMA, 16, &d);
	ck_assert_uint_eq(check_map(m, &d, ZONE(m, 0, ZONE_DMA), 16), 256);
	ck_assert_int_lt(find(&d, -1, "id", "node0-Normal"), 0);   /* zone= picked one */
	xml_free(&d);
	machine_destroy(m);
}
END_TEST

START_TEST(too_many_rows_are_refused)
{
	struct machine *m = boot_shape(0, 0, 131072, 0, 11, 9, 1);
	struct strbuf sb = STRBUF_INIT;
	struct mm_error e;
	struct xdoc d;

	ck_assert_int_eq(svg_memory(m, NUMA_NO_NODE, -1, 1, &sb, &e), -1);
	ck_assert_str_eq(e.msg, "per=1 draws 2048 rows of cells for zone Normal (at most 1024): "
				"give a larger per=");
	ck_assert_uint_eq(sb.len, 0);
	/* per=2 is 1024 rows: drawn */
	memory_doc(m, NUMA_NO_NODE, -1, 2, &d);
	ck_assert_uint_eq(check_map(m, &d, NORMAL(m), 2), 65536);
	xml_free(&d);
	sb_free(&sb);
	machine_destroy(m);
}
END_TEST

/* ---- the free lists ----------------------------------------------------------------------- */

/* Each bar's rectangles: their heights are the lengths of the free lists, stacked in order. */
static void check_bars(struct machine *m, const struct xdoc *d, struct zone *z)
{
	unsigned long seen[MAX_ORDER_LIMIT] = { 0 }, tallest = 0;
	char id[32];
	int zone_g, bars, i, t;
	unsigned int o;

	snprintf(id, sizeof(id), "node%d-%s", zone_to_nid(z), z->name);
	zone_g = find(d, -1, "id", id);
	ck_assert_int_ge(zone_g, 0);
	bars = find(d, zone_g, "class", "free-area");
	ck_assert_int_ge(bars, 0);
	for (i = 0; i < d->n; i++) {
		const char *cls;
		long height;

		if (d->el[i].parent != bars)
			continue;
		cls = attr(d, i, "class");
		o = (unsigned int)attr_long(d, i, "x");
		ck_assert_uint_lt(o, m->max_order);
		for (t = 0; t < MIGRATE_TYPES; t++)
			if (strcmp(cls, migratetype_names[t]) == 0)
				break;
		ck_assert_msg(t < MIGRATE_TYPES, "bar class %s", cls);
		height = attr_long(d, i, "height");
		ck_assert_msg((size_t)height == free_list(m, z, o, t, NULL, 0),
			      "%s order %u %s: bar %ld, list %zu", id, o, cls, height,
			      free_list(m, z, o, t, NULL, 0));
		ck_assert_int_eq(attr_long(d, i, "y"), (long)seen[o]);   /* stacked */
		seen[o] += (unsigned long)height;
	}
	for (o = 0; o < m->max_order; o++) {
		ck_assert_msg(seen[o] == z->free_area[o].nr_free, "%s order %u: bars %lu, nr_free %lu",
			      id, o, seen[o], z->free_area[o].nr_free);
		if (seen[o] > tallest)
			tallest = seen[o];
	}
	/* the tallest bar is 150 units high: scale(SLOT,-150/tallest) */
	{
		const char *tr = attr(d, bars, "transform"), *sc = strstr(tr, "scale(");
		double k;

		ck_assert_ptr_nonnull(sc);
		sc = strchr(sc, ',');
		ck_assert_ptr_nonnull(sc);
		k = -strtod(sc + 1, NULL);
		ck_assert_msg(k * (double)tallest > 149.99 && k * (double)tallest < 150.01,
			      "%s: scale %s for a tallest bar of %lu", id, tr, tallest);
	}
}

START_TEST(bars_are_the_free_lists)
{
	struct machine *m = boot_preset("default");
	struct xdoc d;
	int k;

	memory_doc(m, NUMA_NO_NODE, -1, 0, &d);
	check_bars(m, &d, ZONE(m, 0, ZONE_DMA));
	check_bars(m, &d, NORMAL(m));
	/* the count above the order-10 bar of Normal at boot */
	ck_assert(has_text(&d, find(&d, -1, "id", "node0-Normal"), "60"));
	xml_free(&d);
	/* blocks of three migratetypes, split and stolen */
	for (k = 0; k < 40; k++) {
		held(m, GFP_KERNEL, (unsigned int)(k % 4));
		held(m, GFP_KERNEL | GFP__RECLAIMABLE, (unsigned int)(k % 3));
		held(m, GFP_HIGHUSER_MOVABLE, (unsigned int)(k % 5));
	}
	memory_doc(m, NUMA_NO_NODE, -1, 0, &d);
	check_bars(m, &d, ZONE(m, 0, ZONE_DMA));
	check_bars(m, &d, NORMAL(m));
	xml_free(&d);
	machine_destroy(m);

	m = busy_tiny();
	memory_doc(m, NUMA_NO_NODE, -1, 0, &d);
	check_bars(m, &d, NORMAL(m));
	xml_free(&d);
	machine_destroy(m);
}
END_TEST

/* ---- the gauges -------------------------------------------------------------------------- */

static void check_gauges(struct machine *m, const struct xdoc *d, struct zone *z)
{
	char id[32], words[96];
	int zone_g;
	int k;

	snprintf(id, sizeof(id), "node%d-%s", zone_to_nid(z), z->name);
	zone_g = find(d, -1, "id", id);
	ck_assert_int_ge(zone_g, 0);
	for (k = 0; k < NR_WMARK; k++) {
		static const char *const names[] = { "min", "low", "high" };

		snprintf(words, sizeof(words), "%s %lu", names[k], wmark_pages(z, k));
		ck_assert_msg(has_text(d, zone_g, words), "%s: no text '%s'", id, words);
	}
	snprintf(words, sizeof(words), "whole zone: free %ld of %lu managed pages",
		 zone_page_state(z, NR_FREE_PAGES), zone_managed_pages(z));
	ck_assert_msg(has_text(d, zone_g, words), "%s: no text '%s'", id, words);
	(void)m;
}

START_TEST(gauges_show_the_watermarks)
{
	struct machine *m = boot_preset("default");
	struct mm_error e;
	struct xdoc d;

	memory_doc(m, NUMA_NO_NODE, -1, 0, &d);
	check_gauges(m, &d, ZONE(m, 0, ZONE_DMA));
	check_gauges(m, &d, NORMAL(m));
	/* the numbers of the watermarks view: Normal min 480, low 600, high 720 */
	ck_assert(has_text(&d, -1, "min 480"));
	ck_assert(has_text(&d, -1, "high 720"));
	ck_assert(has_text(&d, -1, "zoomed: 0 to 1440 pages (twice high)"));
	ck_assert(has_text(&d, -1, "free pages are above high:"));
	ck_assert(has_text(&d, -1, "kswapd may sleep"));
	xml_free(&d);
	ck_assert_msg(sysctl_write(m, "min_free_kbytes", "16384", &e) == 0, "%s", e.msg);
	memory_doc(m, 0, ZONE_NORMAL, 0, &d);
	check_gauges(m, &d, NORMAL(m));
	ck_assert(!has_text(&d, -1, "min 480"));
	xml_free(&d);
	machine_destroy(m);

	/* below min on the tiny machine */
	m = boot_preset("tiny");
	while (zone_page_state(NORMAL(m), NR_FREE_PAGES) > (long)min_wmark_pages(NORMAL(m)))
		held(m, FILL_GFP, 0);
	memory_doc(m, NUMA_NO_NODE, -1, 0, &d);
	check_gauges(m, &d, NORMAL(m));
	ck_assert(has_text(&d, -1, "free pages are at or below min:"));
	ck_assert(has_text(&d, -1, "only ALLOC_HIGH, ALLOC_HARDER and reserves"));
	xml_free(&d);
	machine_destroy(m);
}
END_TEST

/* ---- the legend --------------------------------------------------------------------------- */

START_TEST(the_legend_names_what_the_map_shows)
{
	static const char *const labels[][2] = {
		{ "U", "allocated by alloc: Unmovable" },
		{ "M", "allocated by alloc: Movable" }, { "R", "allocated by alloc: Reclaimable" },
		{ "x", "anonymous, inactive list" }, { "O", "page cache, active list" },
		{ "L", "unevictable list" }, { "D", "dirty page cache or swap cache" },
	};
	struct machine *m = busy_tiny();
	bool shown[128] = { false };
	unsigned long pfn;
	struct xdoc d;
	int legend;
	size_t i;

	for (pfn = 0; pfn < m->max_pfn; pfn++)
		shown[(unsigned char)map_page_char(m, pfn)] = true;
	memory_doc(m, NUMA_NO_NODE, -1, 0, &d);
	legend = find(&d, -1, "id", "legend");
	ck_assert_int_ge(legend, 0);
	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
		ck_assert_msg(shown[(unsigned char)labels[i][0][0]], "the busy machine has no '%s'",
			      labels[i][0]);
		ck_assert_msg(has_text(&d, legend, labels[i][1]), "legend lacks '%s'", labels[i][1]);
	}
	ck_assert(!shown['#'] && !has_text(&d, legend, "reserved (present, not managed)"));
	ck_assert(has_text(&d, legend, "Unmovable") && has_text(&d, legend, "at or below min"));
	xml_free(&d);
	machine_destroy(m);
}
END_TEST

/* ---- the plot ----------------------------------------------------------------------------- */

/* The number of points of a polyline. */
static int points(const struct xdoc *d, int i)
{
	const char *p = attr(d, i, "points");
	int n = 0;

	ck_assert_ptr_nonnull(p);
	while (*p) {
		long x, y;
		char *end;

		x = strtol(p, &end, 10);
		ck_assert_msg(*end == ',', "bad point in '%s'", attr(d, i, "points"));
		y = strtol(end + 1, &end, 10);
		ck_assert(x >= 0 && x <= 1280 && y >= 0);
		n++;
		p = end;
		while (*p == ' ')
			p++;
	}
	return n;
}

/* Polylines of class cls inside the zone's group, each with `want` points. */
static int lines_of(const struct xdoc *d, const char *id, const char *cls, int want)
{
	int zone_g = find(d, -1, "id", id), i, n = 0;

	ck_assert_msg(zone_g >= 0, "no group %s", id);
	for (i = 0; i < d->n; i++)
		if (strcmp(d->el[i].name, "polyline") == 0 && inside(d, i, zone_g) &&
		    strcmp(attr(d, i, "class"), cls) == 0) {
			ck_assert_int_eq(points(d, i), want);
			n++;
		}
	return n;
}

START_TEST(plot_charts_every_sample)
{
	struct machine *m = boot_preset("tiny");
	struct xdoc d;
	int free_line;

	/* one sample: flat lines of two points */
	plot_doc(m, NUMA_NO_NODE, -1, -1, &d);
	ck_assert_int_eq(lines_of(&d, "node0-Normal", "free", 2), 1);
	xml_free(&d);
	held(m, FILL_GFP, 3);
	tick(m, 1);
	held(m, FILL_GFP, 3);
	tick(m, 1);
	plot_doc(m, NUMA_NO_NODE, -1, -1, &d);
	ck_assert_int_eq(lines_of(&d, "node0-Normal", "free", 3), 1);
	ck_assert_int_eq(lines_of(&d, "node0-Normal", "min", 3), 1);
	ck_assert_int_eq(lines_of(&d, "node0-Normal", "low", 3), 1);
	ck_assert_int_eq(lines_of(&d, "node0-Normal", "high", 3), 1);
	ck_assert_int_eq(lines_of(&d, "node0-Normal", "nr-free", 3), 6);
	ck_assert(has_text(&d, -1, "free pages now 240 (min 240, max 256)"));
	ck_assert(has_text(&d, -1, "order 5: now 7 (min 7, max 8)"));
	/* 256, 248, 240 on a scale of 0 to 500: falling, from the left edge to the right */
	free_line = find(&d, -1, "class", "free");
	{
		long x0, y0, x1, y1, x2, y2;

		ck_assert_int_eq(sscanf(attr(&d, free_line, "points"), "%ld,%ld %ld,%ld %ld,%ld", &x0,
					&y0, &x1, &y1, &x2, &y2), 6);
		ck_assert_int_eq(x0, 110);
		ck_assert_int_eq(x1, 110 + 570);
		ck_assert_int_eq(x2, 110 + 1140);
		ck_assert_int_eq(y1 - y0, 102 - 99);   /* 256 * 200 / 500 = 102, 248 * 200 / 500 = 99 */
		ck_assert_int_eq(y2 - y1, 99 - 96);
	}
	ck_assert(has_text(&d, -1, "500"));   /* the top of the scale */
	xml_free(&d);
	plot_doc(m, 0, ZONE_NORMAL, 5, &d);
	ck_assert_int_eq(lines_of(&d, "node0-Normal", "nr-free", 3), 1);
	xml_free(&d);
	machine_destroy(m);

	/* numa: node=1 draws node 1's zones only */
	m = boot_preset("numa");
	plot_doc(m, 1, -1, -1, &d);
	ck_assert_int_lt(find(&d, -1, "id", "node0-Normal"), 0);
	ck_assert_int_eq(lines_of(&d, "node1-Normal", "free", 2), 1);
	xml_free(&d);
	machine_destroy(m);
}
END_TEST

static Suite *svg_suite(void)
{
	Suite *s = suite_create("svg");
	TCase *tc = tcase_create("pictures");

	tcase_add_test(tc, the_checker_refuses_bad_xml);
	tcase_add_test(tc, pictures_are_well_formed);
	tcase_add_test(tc, map_cells_follow_the_map);
	tcase_add_test(tc, too_many_rows_are_refused);
	tcase_add_test(tc, bars_are_the_free_lists);
	tcase_add_test(tc, gauges_show_the_watermarks);
	tcase_add_test(tc, the_legend_names_what_the_map_shows);
	tcase_add_test(tc, plot_charts_every_sample);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(svg_suite());
}
