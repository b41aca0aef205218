/*
 * src/engine/table.c: the records behind `set output json|csv`. A view
 * fills rows of named cells; the two writers here turn them into one JSON
 * document or one CSV file, so every view gets both formats from one walk.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmsh/table.h"

void table_init(struct table *t, const char *const *cols)
{
	memset(t, 0, sizeof(*t));
	t->cols = cols;
	while (cols[t->ncols])
		t->ncols++;
}

static void cell_free(struct cell *c)
{
	size_t i;

	free(c->s);
	for (i = 0; i < c->nitems; i++)
		free(c->items[i].s);
	free(c->items);
	memset(c, 0, sizeof(*c));
}

void table_free(struct table *t)
{
	size_t i;

	for (i = 0; i < t->nrows * t->ncols; i++)
		cell_free(&t->cells[i]);
	free(t->cells);
	t->cells = NULL;
	t->nrows = t->cap = 0;
}

void table_row(struct table *t)
{
	if (t->oom)
		return;
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		struct cell *grown = realloc(t->cells, cap * t->ncols * sizeof(*grown));

		if (!grown) {
			t->oom = true;
			return;
		}
		t->cells = grown;
		t->cap = cap;
	}
	memset(&t->cells[t->nrows * t->ncols], 0, t->ncols * sizeof(*t->cells));
	t->nrows++;
}

static int column(const struct table *t, const char *col)
{
	size_t c;

	for (c = 0; c < t->ncols; c++)
		if (strcmp(t->cols[c], col) == 0)
			return (int)c;
	return -1;
}

/* The cell of the current row, emptied; NULL (and noted) when col is unknown. */
static struct cell *cur(struct table *t, const char *col)
{
	int c = column(t, col);
	struct cell *cell;

	if (c < 0) {
		t->bad_column = col;
		return NULL;
	}
	if (t->oom || !t->nrows)
		return NULL;
	cell = &t->cells[(t->nrows - 1) * t->ncols + (size_t)c];
	cell_free(cell);
	return cell;
}

void table_int(struct table *t, const char *col, long long v)
{
	struct cell *c = cur(t, col);

	if (c) {
		c->kind = CELL_INT;
		c->i = v;
	}
}

void table_uint(struct table *t, const char *col, unsigned long long v)
{
	struct cell *c = cur(t, col);

	if (c) {
		c->kind = CELL_UINT;
		c->u = v;
	}
}

void table_milli(struct table *t, const char *col, long long thousandths)
{
	struct cell *c = cur(t, col);

	if (c) {
		c->kind = CELL_MILLI;
		c->i = thousandths;
	}
}

void table_bool(struct table *t, const char *col, bool v)
{
	struct cell *c = cur(t, col);

	if (c) {
		c->kind = CELL_BOOL;
		c->b = v;
	}
}

void table_str(struct table *t, const char *col, const char *s)
{
	struct cell *c = cur(t, col);

	if (!c)
		return;
	c->s = strdup(s);
	if (!c->s) {
		t->oom = true;
		return;
	}
	c->kind = CELL_STR;
}

void table_strf(struct table *t, const char *col, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	table_str(t, col, buf);
}

void table_list(struct table *t, const char *col)
{
	struct cell *c = cur(t, col);

	if (c)
		c->kind = CELL_LIST;
}

/* A new item at the end of the list in col (made a list if it is not one). */
static struct cell *list_item(struct table *t, const char *col)
{
	int c = column(t, col);
	struct cell *cell, *grown;

	if (c < 0) {
		t->bad_column = col;
		return NULL;
	}
	if (t->oom || !t->nrows)
		return NULL;
	cell = &t->cells[(t->nrows - 1) * t->ncols + (size_t)c];
	if (cell->kind != CELL_LIST) {
		cell_free(cell);
		cell->kind = CELL_LIST;
	}
	/* the capacity is 4, then doubles each time a power of two fills up */
	if (cell->nitems == 0 || (cell->nitems >= 4 && (cell->nitems & (cell->nitems - 1)) == 0)) {
		size_t cap = cell->nitems ? cell->nitems * 2 : 4;

		grown = realloc(cell->items, cap * sizeof(*grown));
		if (!grown) {
			t->oom = true;
			return NULL;
		}
		cell->items = grown;
	}
	memset(&cell->items[cell->nitems], 0, sizeof(*cell->items));
	return &cell->items[cell->nitems++];
}

void table_list_uint(struct table *t, const char *col, unsigned long long v)
{
	struct cell *c = list_item(t, col);

	if (c) {
		c->kind = CELL_UINT;
		c->u = v;
	}
}

void table_list_int(struct table *t, const char *col, long long v)
{
	struct cell *c = list_item(t, col);

	if (c) {
		c->kind = CELL_INT;
		c->i = v;
	}
}

void table_list_str(struct table *t, const char *col, const char *s)
{
	struct cell *c = list_item(t, col);

	if (!c)
		return;
	c->s = strdup(s);
	c->kind = c->s ? CELL_STR : CELL_NULL;
	if (!c->s)
		t->oom = true;
}

/* ---- reading back ------------------------------------------------------------ */

const struct cell *table_get(const struct table *t, size_t row, const char *col)
{
	static const struct cell null_cell = { .kind = CELL_NULL };
	int c = column(t, col);

	if (c < 0 || row >= t->nrows)
		return &null_cell;
	return &t->cells[row * t->ncols + (size_t)c];
}

unsigned long long table_u(const struct table *t, size_t row, const char *col)
{
	const struct cell *c = table_get(t, row, col);

	if (c->kind == CELL_UINT)
		return c->u;
	if (c->kind == CELL_INT || c->kind == CELL_MILLI)
		return (unsigned long long)c->i;
	return c->kind == CELL_BOOL ? c->b : 0;
}

long long table_i(const struct table *t, size_t row, const char *col)
{
	return (long long)table_u(t, row, col);
}

const char *table_s(const struct table *t, size_t row, const char *col)
{
	const struct cell *c = table_get(t, row, col);

	return c->kind == CELL_STR ? c->s : "";
}

/* ---- writing ------------------------------------------------------------------ */

static void put_milli(struct strbuf *sb, long long v)
{
	unsigned long long a = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	sb_printf(sb, "%s%llu.%03llu", v < 0 ? "-" : "", a / 1000, a % 1000);
}

/* How many bytes the UTF-8 sequence at p takes, or 0 if it is not valid. */
static size_t utf8_len(const unsigned char *p)
{
	size_t n, i;
	unsigned long cp;

	if (p[0] < 0x80)
		return 1;
	if ((p[0] & 0xe0) == 0xc0) {
		n = 2;
		cp = p[0] & 0x1f;
	} else if ((p[0] & 0xf0) == 0xe0) {
		n = 3;
		cp = p[0] & 0x0f;
	} else if ((p[0] & 0xf8) == 0xf0) {
		n = 4;
		cp = p[0] & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	/* overlong forms, surrogates and values past U+10FFFF are not UTF-8 */
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

/*
 * A JSON string (RFC 8259 section 7): quote, backslash and control
 * characters escaped; a byte that is not UTF-8 becomes U+FFFD, so the
 * document stays valid whatever a file or task was called.
 */
static void json_string(struct strbuf *sb, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	sb_putc(sb, '"');
	while (*p) {
		size_t n;

		switch (*p) {
		case '"': sb_puts(sb, "\\\""); p++; continue;
		case '\\': sb_puts(sb, "\\\\"); p++; continue;
		case '\n': sb_puts(sb, "\\n"); p++; continue;
		case '\r': sb_puts(sb, "\\r"); p++; continue;
		case '\t': sb_puts(sb, "\\t"); p++; continue;
		default: break;
		}
		if (*p < 0x20) {
			sb_printf(sb, "\\u%04x", *p);
			p++;
			continue;
		}
		n = utf8_len(p);
		if (!n) {
			sb_puts(sb, "\\ufffd");
			p++;
			continue;
		}
		while (n--)
			sb_putc(sb, (char)*p++);
	}
	sb_putc(sb, '"');
}

static void json_cell(struct strbuf *sb, const struct cell *c)
{
	size_t i;

	switch (c->kind) {
	case CELL_NULL: sb_puts(sb, "null"); break;
	case CELL_INT: sb_printf(sb, "%lld", c->i); break;
	case CELL_UINT: sb_printf(sb, "%llu", c->u); break;
	case CELL_MILLI: put_milli(sb, c->i); break;
	case CELL_BOOL: sb_puts(sb, c->b ? "true" : "false"); break;
	case CELL_STR: json_string(sb, c->s); break;
	case CELL_LIST:
		sb_putc(sb, '[');
		for (i = 0; i < c->nitems; i++) {
			if (i)
				sb_putc(sb, ',');
			json_cell(sb, &c->items[i]);
		}
		sb_putc(sb, ']');
		break;
	}
}

void table_json(const struct table *t, struct strbuf *sb)
{
	size_t r, c;

	if (!t->nrows) {
		sb_puts(sb, "[]\n");
		return;
	}
	sb_puts(sb, "[\n");
	for (r = 0; r < t->nrows; r++) {
		sb_putc(sb, '{');
		for (c = 0; c < t->ncols; c++) {
			if (c)
				sb_putc(sb, ',');
			json_string(sb, t->cols[c]);
			sb_putc(sb, ':');
			json_cell(sb, &t->cells[r * t->ncols + c]);
		}
		sb_puts(sb, r + 1 < t->nrows ? "},\n" : "}\n");
	}
	sb_puts(sb, "]\n");
	if (t->oom)
		sb->oom = true;   /* rows are missing: the reader is told */
}

/* A cell's text in CSV, unquoted (a list: its items separated by spaces). */
static void csv_text(struct strbuf *sb, const struct cell *c)
{
	size_t i;

	switch (c->kind) {
	case CELL_NULL: break;
	case CELL_INT: sb_printf(sb, "%lld", c->i); break;
	case CELL_UINT: sb_printf(sb, "%llu", c->u); break;
	case CELL_MILLI: put_milli(sb, c->i); break;
	case CELL_BOOL: sb_puts(sb, c->b ? "true" : "false"); break;
	case CELL_STR: sb_puts(sb, c->s); break;
	case CELL_LIST:
		for (i = 0; i < c->nitems; i++) {
			if (i)
				sb_putc(sb, ' ');
			csv_text(sb, &c->items[i]);
		}
		break;
	}
}

/* RFC 4180: a field with a comma, a quote or a line break is quoted, quotes doubled. */
static void csv_field(struct strbuf *sb, const char *text)
{
	const char *p;

	if (!strpbrk(text, ",\"\r\n")) {
		sb_puts(sb, text);
		return;
	}
	sb_putc(sb, '"');
	for (p = text; *p; p++) {
		if (*p == '"')
			sb_putc(sb, '"');
		sb_putc(sb, *p);
	}
	sb_putc(sb, '"');
}

void table_csv(const struct table *t, struct strbuf *sb)
{
	struct strbuf field = STRBUF_INIT;
	size_t r, c;

	for (c = 0; c < t->ncols; c++) {
		if (c)
			sb_putc(sb, ',');
		csv_field(sb, t->cols[c]);
	}
	sb_puts(sb, "\r\n");
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			if (c)
				sb_putc(sb, ',');
			sb_reset(&field);
			csv_text(&field, &t->cells[r * t->ncols + c]);
			if (field.oom)
				sb->oom = true;
			csv_field(sb, sb_str(&field));
		}
		sb_puts(sb, "\r\n");
	}
	sb_free(&field);
	if (t->oom)
		sb->oom = true;
}
