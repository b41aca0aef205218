/*
 * tests/shell/test_output.c: `set output json|csv` through a real session.
 * Every view's JSON must be one valid RFC 8259 document (checked by the
 * strict parser below, not by trusting the writer), its CSV an RFC 4180
 * table whose rows all have the header's column count, both must hold the
 * same records, and the numbers must be the ones the text view prints.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdtab.h"
#include "complete.h"
#include "mmsh/table.h"
#include "output.h"
#include "shell_helpers.h"

#define MAX_COLS 64

/* sess on the preset; tiny gets 128 slots of swap. */
static void boot(const char *preset)
{
	boot_session(&sess, preset, strcmp(preset, "tiny") == 0 ? 128 : 0);
}

static void teardown(void)
{
	session_free(&sess);
}

/* Run a line that must succeed silently on stderr; its stdout. */
static char *out_of(const char *line)
{
	char *out, *err;
	int rc = run_apart(&sess, line, &out, &err);

	ck_assert_msg(rc == 0, "'%s' failed: %s", line, err);
	ck_assert_msg(err[0] == '\0', "'%s' wrote to stderr: %s", line, err);
	free(err);
	return out;
}

/* Run a line that must succeed silently on stderr; its stdout is dropped. */
static void ok_quietly(const char *line)
{
	free(out_of(line));
}

/* A view's output in one format: "set output F; CMD; set output human". */
static char *view_in(const char *fmt, const char *cmd)
{
	char line[512];

	snprintf(line, sizeof(line), "set output %s", fmt);
	ok_quietly(line);
	{
		char *text = out_of(cmd);

		ok_quietly("set output human");
		return text;
	}
}

/* Room for element n of a growing array: 16 at first, doubled at each power of two. */
static void *grow(void *array, size_t size, int n)
{
	if (n == 0 || (n >= 16 && (n & (n - 1)) == 0)) {
		array = realloc(array, size * (n ? (size_t)n * 2 : 16));
		ck_assert_ptr_nonnull(array);
	}
	return array;
}

/* ---- a strict JSON parser (RFC 8259) ------------------------------------------ */

struct jrow {
	int n;
	char *key[MAX_COLS];
	char *raw[MAX_COLS];     /* the value's text as written */
};

struct jdoc {
	int nrows;
	struct jrow *rows;
};

struct jp {
	const char *p;
	const char *why;
};

static void j_ws(struct jp *j)
{
	while (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r')
		j->p++;
}

static int j_fail(struct jp *j, const char *why)
{
	if (!j->why)
		j->why = why;
	return -1;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int j_hex4(struct jp *j, unsigned *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 4; i++) {
		int h = hexval(j->p[i]);

		if (h < 0)
			return j_fail(j, "\\u needs four hex digits");
		*v = *v * 16 + (unsigned)h;
	}
	j->p += 4;
	return 0;
}

/* UTF-8 of one code point appended at *o. */
static void put_utf8(char **o, unsigned cp)
{
	if (cp < 0x80) {
		*(*o)++ = (char)cp;
	} else if (cp < 0x800) {
		*(*o)++ = (char)(0xc0 | cp >> 6);
		*(*o)++ = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		*(*o)++ = (char)(0xe0 | cp >> 12);
		*(*o)++ = (char)(0x80 | ((cp >> 6) & 0x3f));
		*(*o)++ = (char)(0x80 | (cp & 0x3f));
	} else {
		*(*o)++ = (char)(0xf0 | cp >> 18);
		*(*o)++ = (char)(0x80 | ((cp >> 12) & 0x3f));
		*(*o)++ = (char)(0x80 | ((cp >> 6) & 0x3f));
		*(*o)++ = (char)(0x80 | (cp & 0x3f));
	}
}

/* Length of a valid UTF-8 sequence at s (0: invalid). */
static int utf8_ok(const unsigned char *s)
{
	int n, i;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0)
		n = 2, cp = s[0] & 0x1f;
	else if ((s[0] & 0xf0) == 0xe0)
		n = 3, cp = s[0] & 0x0f;
	else if ((s[0] & 0xf8) == 0xf0)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

/* A string; its decoded text (malloc'd) in *out when out is not NULL. */
static int j_string(struct jp *j, char **out)
{
	char *buf, *o;

	if (*j->p != '"')
		return j_fail(j, "expected a string");
	j->p++;
	{   /* the decoded text is never longer than the quoted one */
		const char *q = j->p;

		while (*q && *q != '"')
			q += (q[0] == '\\' && q[1]) ? 2 : 1;
		buf = malloc((size_t)(q - j->p) * 2 + 5);
	}
	ck_assert_ptr_nonnull(buf);
	o = buf;
	for (;;) {
		unsigned char c = (unsigned char)*j->p;

		if (c == '"')
			break;
		if (c == '\0') {
			free(buf);
			return j_fail(j, "unterminated string");
		}
		if (c < 0x20) {
			free(buf);
			return j_fail(j, "raw control character in a string");
		}
		if (c == '\\') {
			unsigned cp;

			j->p++;
			switch (*j->p++) {
			case '"': *o++ = '"'; break;
			case '\\': *o++ = '\\'; break;
			case '/': *o++ = '/'; break;
			case 'b': *o++ = '\b'; break;
			case 'f': *o++ = '\f'; break;
			case 'n': *o++ = '\n'; break;
			case 'r': *o++ = '\r'; break;
			case 't': *o++ = '\t'; break;
			case 'u':
				if (j_hex4(j, &cp) < 0) {
					free(buf);
					return -1;
				}
				if (cp >= 0xd800 && cp <= 0xdbff) {
					unsigned lo;

					if (j->p[0] != '\\' || j->p[1] != 'u') {
						free(buf);
						return j_fail(j, "a lone high surrogate");
					}
					j->p += 2;
					if (j_hex4(j, &lo) < 0 || lo < 0xdc00 || lo > 0xdfff) {
						free(buf);
						return j_fail(j, "a bad low surrogate");
					}
					cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				} else if (cp >= 0xdc00 && cp <= 0xdfff) {
					free(buf);
					return j_fail(j, "a lone low surrogate");
				}
				put_utf8(&o, cp);
				break;
			default:
				free(buf);
				return j_fail(j, "a bad escape");
			}
			continue;
		}
		{
			int n = utf8_ok((const unsigned char *)j->p);

			if (!n) {
				free(buf);
				return j_fail(j, "invalid UTF-8 in a string");
			}
			while (n--)
				*o++ = *j->p++;
		}
	}
	j->p++;
	*o = '\0';
	if (out)
		*out = buf;
	else
		free(buf);
	return 0;
}

static int j_digits(struct jp *j)
{
	if (*j->p < '0' || *j->p > '9')
		return j_fail(j, "expected a digit");
	while (*j->p >= '0' && *j->p <= '9')
		j->p++;
	return 0;
}

/* number = [ minus ] int [ frac ] [ exp ]; int = zero / ( digit1-9 *DIGIT ) */
static int j_number(struct jp *j)
{
	if (*j->p == '-')
		j->p++;
	if (*j->p == '0')
		j->p++;
	else if (j_digits(j) < 0)
		return -1;
	if (*j->p == '.') {
		j->p++;
		if (j_digits(j) < 0)
			return -1;
	}
	if (*j->p == 'e' || *j->p == 'E') {
		j->p++;
		if (*j->p == '+' || *j->p == '-')
			j->p++;
		if (j_digits(j) < 0)
			return -1;
	}
	return 0;
}

static int j_value(struct jp *j, int depth);

static int j_members(struct jp *j, int depth, struct jrow *row)
{
	j->p++;   /* '{' */
	j_ws(j);
	if (*j->p == '}') {
		j->p++;
		return 0;
	}
	for (;;) {
		char *key = NULL;
		const char *start;

		j_ws(j);
		if (j_string(j, &key) < 0)
			return -1;
		j_ws(j);
		if (*j->p != ':') {
			free(key);
			return j_fail(j, "expected ':'");
		}
		j->p++;
		j_ws(j);
		start = j->p;
		if (j_value(j, depth + 1) < 0) {
			free(key);
			return -1;
		}
		if (row) {
			int k;

			for (k = 0; k < row->n; k++)
				if (strcmp(row->key[k], key) == 0) {
					free(key);
					return j_fail(j, "a key given twice in one object");
				}
			ck_assert_int_lt(row->n, MAX_COLS);
			row->key[row->n] = key;
			row->raw[row->n] = strndup(start, (size_t)(j->p - start));
			row->n++;
		} else {
			free(key);
		}
		j_ws(j);
		if (*j->p == ',') {
			j->p++;
			continue;
		}
		if (*j->p == '}') {
			j->p++;
			return 0;
		}
		return j_fail(j, "expected ',' or '}'");
	}
}

static int j_elements(struct jp *j, int depth, struct jdoc *doc)
{
	j->p++;   /* '[' */
	j_ws(j);
	if (*j->p == ']') {
		j->p++;
		return 0;
	}
	for (;;) {
		j_ws(j);
		if (doc) {
			struct jrow *row;

			if (*j->p != '{')
				return j_fail(j, "a view's array holds objects only");
			doc->rows = grow(doc->rows, sizeof(*doc->rows), doc->nrows);
			row = &doc->rows[doc->nrows++];
			memset(row, 0, sizeof(*row));
			if (j_members(j, depth + 1, row) < 0)
				return -1;
		} else if (j_value(j, depth + 1) < 0) {
			return -1;
		}
		j_ws(j);
		if (*j->p == ',') {
			j->p++;
			continue;
		}
		if (*j->p == ']') {
			j->p++;
			return 0;
		}
		return j_fail(j, "expected ',' or ']'");
	}
}

static int j_value(struct jp *j, int depth)
{
	if (depth > 64)
		return j_fail(j, "nested too deep");
	switch (*j->p) {
	case '{': return j_members(j, depth, NULL);
	case '[': return j_elements(j, depth, NULL);
	case '"': return j_string(j, NULL);
	case 't':
		if (strncmp(j->p, "true", 4) != 0)
			return j_fail(j, "bad literal");
		j->p += 4;
		return 0;
	case 'f':
		if (strncmp(j->p, "false", 5) != 0)
			return j_fail(j, "bad literal");
		j->p += 5;
		return 0;
	case 'n':
		if (strncmp(j->p, "null", 4) != 0)
			return j_fail(j, "bad literal");
		j->p += 4;
		return 0;
	default:
		if (*j->p == '-' || (*j->p >= '0' && *j->p <= '9'))
			return j_number(j);
		return j_fail(j, "expected a value");
	}
}

/* The document must be one array of flat-keyed objects and nothing else. */
static void json_rows(const char *text, struct jdoc *doc)
{
	struct jp j = { text, NULL };

	memset(doc, 0, sizeof(*doc));
	j_ws(&j);
	if (*j.p != '[')
		j_fail(&j, "a view prints an array");
	else
		j_elements(&j, 0, doc);
	j_ws(&j);
	if (!j.why && *j.p)
		j_fail(&j, "text after the document");
	ck_assert_msg(!j.why, "invalid JSON (%s) at offset %ld in:\n%s", j.why,
		      (long)(j.p - text), text);
}

static void jdoc_free(struct jdoc *doc)
{
	int r, k;

	for (r = 0; r < doc->nrows; r++)
		for (k = 0; k < doc->rows[r].n; k++) {
			free(doc->rows[r].key[k]);
			free(doc->rows[r].raw[k]);
		}
	free(doc->rows);
}

/* The raw text of a key in a row (NULL when absent). */
static const char *jget(const struct jrow *row, const char *key)
{
	int k;

	for (k = 0; k < row->n; k++)
		if (strcmp(row->key[k], key) == 0)
			return row->raw[k];
	return NULL;
}

/* A string value's text without its quotes (the views' strings need no escapes). */
static char *junq(const struct jrow *row, const char *key)
{
	const char *raw = jget(row, key);
	static char buf[8][256];
	static int next;
	char *b = buf[next++ % 8];

	ck_assert_msg(raw && raw[0] == '"', "key %s is not a string", key);
	snprintf(b, sizeof(buf[0]), "%.*s", (int)strlen(raw) - 2, raw + 1);
	return b;
}

static long long jnum(const struct jrow *row, const char *key)
{
	const char *raw = jget(row, key);

	ck_assert_msg(raw && (raw[0] == '-' || (raw[0] >= '0' && raw[0] <= '9')),
		      "key %s is not a number: %s", key, raw ? raw : "(absent)");
	return strtoll(raw, NULL, 10);
}

/* ---- an RFC 4180 CSV parser --------------------------------------------------------- */

struct crow {
	int n;
	char *f[MAX_COLS];
};

struct cdoc {
	int nrows;               /* rows[0] is the header */
	struct crow *rows;
};

static void csv_rows(const char *text, struct cdoc *doc)
{
	const char *p = text;

	memset(doc, 0, sizeof(*doc));
	while (*p) {
		struct crow *row;

		doc->rows = grow(doc->rows, sizeof(*doc->rows), doc->nrows);
		row = &doc->rows[doc->nrows++];
		memset(row, 0, sizeof(*row));
		for (;;) {
			char *field, *o;
			const char *q = p;

			if (*q == '"')   /* the field's text is never longer than the field */
				for (q++; *q && !(q[0] == '"' && q[1] != '"'); q += q[0] == '"' ? 2 : 1)
					;
			else
				q += strcspn(q, ",\r\n");
			field = o = malloc((size_t)(q - p) + 2);

			ck_assert_ptr_nonnull(field);
			if (*p == '"') {   /* escaped = DQUOTE *(TEXTDATA / COMMA / CR / LF / 2DQUOTE) DQUOTE */
				p++;
				for (;;) {
					ck_assert_msg(*p, "unterminated quoted field in:\n%s", text);
					if (p[0] == '"' && p[1] == '"') {
						*o++ = '"';
						p += 2;
					} else if (*p == '"') {
						p++;
						break;
					} else {
						*o++ = *p++;
					}
				}
			} else {
				while (*p && *p != ',' && *p != '\r' && *p != '\n') {
					ck_assert_msg(*p != '"', "a quote inside an unquoted field in:\n%s",
						      text);
					*o++ = *p++;
				}
			}
			*o = '\0';
			ck_assert_int_lt(row->n, MAX_COLS);
			row->f[row->n++] = field;
			if (*p == ',') {
				p++;
				continue;
			}
			ck_assert_msg(p[0] == '\r' && p[1] == '\n',
				      "a record must end in CR LF (row %d) in:\n%s", doc->nrows, text);
			p += 2;
			break;
		}
	}
}

static void cdoc_free(struct cdoc *doc)
{
	int r, k;

	for (r = 0; r < doc->nrows; r++)
		for (k = 0; k < doc->rows[r].n; k++)
			free(doc->rows[r].f[k]);
	free(doc->rows);
}

/* The CSV text of a JSON value: numbers as written, strings decoded, lists space-joined. */
static void json_as_csv(const char *raw, struct strbuf *sb)
{
	struct jp j = { raw, NULL };
	bool first = true;

	sb_reset(sb);
	if (strcmp(raw, "null") == 0)
		return;
	if (raw[0] != '[') {
		if (raw[0] == '"') {
			char *s;

			ck_assert_int_eq(j_string(&j, &s), 0);
			sb_puts(sb, s);
			free(s);
		} else {
			sb_puts(sb, raw);
		}
		return;
	}
	j.p = raw + 1;
	while (*j.p && *j.p != ']') {
		const char *start = j.p;

		if (!first)
			sb_putc(sb, ' ');
		first = false;
		if (*j.p == '"') {
			char *s;

			ck_assert_int_eq(j_string(&j, &s), 0);
			sb_puts(sb, s);
			free(s);
		} else {
			ck_assert_int_eq(j_value(&j, 1), 0);
			sb_printf(sb, "%.*s", (int)(j.p - start), start);
		}
		if (*j.p == ',')
			j.p++;
	}
}

/*
 * Run cmd in both formats; both must parse, have the same columns (the
 * CSV header is the JSON keys, in order), the same number of records, and
 * the same values. The JSON document is returned for further checks.
 */
static void both_formats(const char *cmd, struct jdoc *doc)
{
	char *json = view_in("json", cmd), *csv = view_in("csv", cmd);
	struct strbuf text = STRBUF_INIT;
	struct cdoc c;
	int r, k;

	json_rows(json, doc);
	csv_rows(csv, &c);
	ck_assert_msg(c.nrows >= 1, "%s: the CSV has no header", cmd);
	ck_assert_msg(c.nrows - 1 == doc->nrows, "%s: %d CSV rows, %d JSON objects", cmd,
		      c.nrows - 1, doc->nrows);
	for (r = 1; r < c.nrows; r++)
		ck_assert_msg(c.rows[r].n == c.rows[0].n, "%s: CSV row %d has %d fields, the header %d",
			      cmd, r, c.rows[r].n, c.rows[0].n);
	for (r = 0; r < doc->nrows; r++) {
		const struct jrow *row = &doc->rows[r];

		ck_assert_msg(row->n == c.rows[0].n, "%s: object %d has %d keys, the header %d", cmd,
			      r, row->n, c.rows[0].n);
		for (k = 0; k < row->n; k++) {
			ck_assert_msg(strcmp(row->key[k], c.rows[0].f[k]) == 0,
				      "%s: key %d is %s in JSON, %s in CSV", cmd, k, row->key[k],
				      c.rows[0].f[k]);
			json_as_csv(row->raw[k], &text);
			ck_assert_msg(strcmp(sb_str(&text), c.rows[r + 1].f[k]) == 0,
				      "%s: row %d %s is %s in JSON, %s in CSV", cmd, r, row->key[k],
				      row->raw[k], c.rows[r + 1].f[k]);
		}
	}
	sb_free(&text);
	cdoc_free(&c);
	free(json);
	free(csv);
}

/* ---- every view, both formats ------------------------------------------------------- */

static const char *const every_view[] = {
	"buddyinfo", "pagetypeinfo", "zoneinfo", "vmstat", "meminfo", "free_area",
	"free_area zone=Normal", "bitmap", "bitmap order=3", "pcp", "pcp cpu=0", "page 0x0",
	"page 0x5", "map", "map per=8", "watermarks", "gfp GFP_KERNEL", "gfp GFP_ATOMIC",
	"gfp GFP_HIGHUSER_MOVABLE|__GFP_THISNODE", "lru", "extfrag", "extfrag zone=Normal",
	"disk", "task", "task list", "sysctl", "sysctl vm.lowmem_reserve_ratio",
	"sysctl vm.min_free_kbytes", "check", "check quick",
};

/* Give the machine something in every view: blocks, pcp pages, tasks, files, I/O. */
static void populate(void)
{
	ok_quietly("alloc 3");
	ok_quietly("alloc 0 n=5");
	ok_quietly("task new A");
	ok_quietly("fault A anon 8");
	ok_quietly("madvise A cold");
	ok_quietly("write log 2");
	ok_quietly("read data 6");
	ok_quietly("disk latency=40");
	ok_quietly("shrink inactive_anon nr=4");
	ok_quietly("task new B oom_score_adj=300");
}

static void check_every_view(void)
{
	size_t i;

	for (i = 0; i < sizeof(every_view) / sizeof(every_view[0]); i++) {
		struct jdoc doc;

		both_formats(every_view[i], &doc);
		jdoc_free(&doc);
	}
}

START_TEST(every_view_is_valid_json_and_csv_tiny)
{
	boot("tiny");
	populate();
	check_every_view();
}
END_TEST

START_TEST(every_view_is_valid_json_and_csv_numa)
{
	boot("numa");
	ok_quietly("alloc 2 node=1");
	ok_quietly("alloc 0 n=3 cpu=2");
	ok_quietly("task new A");
	ok_quietly("fault A anon 16");
	check_every_view();
}
END_TEST

/* ---- the numbers are the text view's ---------------------------------------------- */

START_TEST(buddyinfo_numbers_equal_the_text)
{
	struct jdoc doc;
	char *text, *line, *save = NULL;
	int r = 0;

	boot("default");
	ok_quietly("alloc 3; alloc 0 n=40; alloc 5");
	both_formats("buddyinfo", &doc);
	text = out_of("buddyinfo");
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		int node, used, order = 0;
		char zone[16];
		const char *p;

		ck_assert_int_eq(sscanf(line, "Node %d, zone %15s%n", &node, zone, &used), 2);
		for (p = line + used; *p; order++) {
			char *end;
			unsigned long v = strtoul(p, &end, 10);

			if (end == p)
				break;
			ck_assert_int_lt(r, doc.nrows);
			ck_assert_int_eq(jnum(&doc.rows[r], "node"), node);
			ck_assert_str_eq(junq(&doc.rows[r], "zone"), zone);
			ck_assert_int_eq(jnum(&doc.rows[r], "order"), order);
			ck_assert_int_eq(jnum(&doc.rows[r], "nr_free"), (long long)v);
			r++;
			p = end;
			while (*p == ' ')
				p++;
		}
	}
	ck_assert_int_eq(r, doc.nrows);
	free(text);
	jdoc_free(&doc);
}
END_TEST

/* "name value" lines (vmstat) or "Label:  N kB" (meminfo) against the records. */
static void name_value_view(const char *cmd, const char *value_key, bool meminfo)
{
	struct jdoc doc;
	char *text, *line, *save = NULL;
	int r = 0;

	both_formats(cmd, &doc);
	text = out_of(cmd);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save), r++) {
		char name[64];
		unsigned long long v;

		if (meminfo) {
			char *colon = strrchr(line, ':');

			ck_assert_ptr_nonnull(colon);
			snprintf(name, sizeof(name), "%.*s", (int)(colon - line), line);
			ck_assert_int_eq(sscanf(colon + 1, "%llu kB", &v), 1);
		} else {
			ck_assert_int_eq(sscanf(line, "%63s %llu", name, &v), 2);
		}
		ck_assert_int_lt(r, doc.nrows);
		ck_assert_str_eq(junq(&doc.rows[r], "field"), name);
		ck_assert_int_eq(jnum(&doc.rows[r], value_key), (long long)v);
	}
	ck_assert_int_eq(r, doc.nrows);
	free(text);
	jdoc_free(&doc);
}

START_TEST(vmstat_and_meminfo_equal_the_text)
{
	boot("tiny");
	populate();
	name_value_view("vmstat", "value", false);
	name_value_view("meminfo", "kb", true);
}
END_TEST

/* The zoneinfo record for (node, zone or NULL, cpu or -1, field); its raw value. */
static const char *zoneinfo_find(const struct jdoc *doc, int node, const char *zone, int cpu,
				 const char *field)
{
	int r;

	for (r = 0; r < doc->nrows; r++) {
		const struct jrow *row = &doc->rows[r];
		const char *z = jget(row, "zone"), *c = jget(row, "cpu");

		if (jnum(row, "node") != node || strcmp(junq(row, "field"), field) != 0)
			continue;
		if (zone ? (z[0] != '"' || strcmp(junq(row, "zone"), zone) != 0)
			 : strcmp(z, "null") != 0)
			continue;
		if (cpu >= 0 ? (strcmp(c, "null") == 0 || jnum(row, "cpu") != cpu)
			     : strcmp(c, "null") != 0)
			continue;
		return jget(row, "value");
	}
	return NULL;
}

START_TEST(zoneinfo_every_number_equals_the_text)
{
	struct jdoc doc;
	char *text, *line, *save = NULL, zone[16] = "";
	int node = -1, cpu = -1, seen = 0;
	bool node_stats = false;

	boot("numa");
	ok_quietly("alloc 1 n=3; alloc 0 n=7 cpu=3");
	both_formats("zoneinfo", &doc);
	text = out_of("zoneinfo");
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char name[64], num[80];
		const char *raw;
		unsigned long long v;
		long long p[4];

		if (sscanf(line, "Node %d, zone %15s", &node, zone) == 2) {
			cpu = -1;
			continue;
		}
		if (strcmp(line, "  pagesets") == 0)
			continue;
		if (strcmp(line, "  per-node stats") == 0) {
			node_stats = true;
			continue;
		}
		if (sscanf(line, "  pages free %llu", &v) == 1) {
			node_stats = false;
			raw = zoneinfo_find(&doc, node, zone, -1, "pages_free");
		} else if (sscanf(line, "        protection: (%lld, %lld, %lld, %lld)", &p[0], &p[1],
				  &p[2], &p[3]) == 4) {
			char want[128];

			snprintf(want, sizeof(want), "[%lld,%lld,%lld,%lld]", p[0], p[1], p[2], p[3]);
			raw = zoneinfo_find(&doc, node, zone, -1, "protection");
			ck_assert_ptr_nonnull(raw);
			ck_assert_str_eq(raw, want);
			seen++;
			continue;
		} else if (sscanf(line, "    cpu: %d", &cpu) == 1) {
			continue;
		} else if (sscanf(line, "              %63[a-z]: %llu", name, &v) == 2) {
			snprintf(num, sizeof(num), "pcp_%s", name);
			raw = zoneinfo_find(&doc, node, zone, cpu, num);
		} else if (sscanf(line, "  vm stats threshold: %llu", &v) == 1) {
			raw = zoneinfo_find(&doc, node, zone, cpu, "stat_threshold");
		} else if (sscanf(line, "  %63[a-z_]: %llu", name, &v) == 2) {
			raw = zoneinfo_find(&doc, node, zone, -1, name);
		} else if (sscanf(line, " %63s %llu", name, &v) == 2) {
			raw = zoneinfo_find(&doc, node, node_stats ? NULL : zone, -1, name);
		} else {
			ck_abort_msg("zoneinfo line not understood: '%s'", line);
			continue;
		}
		ck_assert_msg(raw, "no record for '%s' (node %d zone %s cpu %d)", line, node, zone, cpu);
		snprintf(num, sizeof(num), "%llu", v);
		ck_assert_msg(strcmp(raw, num) == 0, "'%s': the record says %s", line, raw);
		seen++;
	}
	ck_assert_int_eq(seen, doc.nrows);
	free(text);
	jdoc_free(&doc);
}
END_TEST

START_TEST(extfrag_and_pagetypeinfo_equal_the_text)
{
	struct jdoc doc;
	char *text, *line, *save = NULL;
	int r, section = -1, seen = 0;

	boot("tiny");
	populate();
	both_formats("extfrag", &doc);
	text = out_of("extfrag");
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		int node, used, order = 0;
		char zone[16], idx[16];
		const char *p;

		if (line[0] == 'e') {
			section++;
			continue;
		}
		ck_assert_int_eq(sscanf(line, "Node %d, zone %15s%n", &node, zone, &used), 2);
		for (p = line + used; sscanf(p, " %15s%n", idx, &used) == 1; p += used, order++) {
			for (r = 0; r < doc.nrows; r++)
				if (jnum(&doc.rows[r], "node") == node &&
				    strcmp(junq(&doc.rows[r], "zone"), zone) == 0 &&
				    jnum(&doc.rows[r], "order") == order)
					break;
			ck_assert_int_lt(r, doc.nrows);
			ck_assert_str_eq(jget(&doc.rows[r], section ? "extfrag_index" : "unusable_index"),
					 idx);
			seen++;
		}
	}
	ck_assert_int_eq(seen, 2 * doc.nrows);
	free(text);
	jdoc_free(&doc);

	both_formats("pagetypeinfo", &doc);
	text = out_of("pagetypeinfo");
	seen = 0;
	save = NULL;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		int node, used, order = 0;
		char zone[16], type[16], count[16];
		const char *p;

		if (sscanf(line, "Node %d, zone %15[^,], type %15s%n", &node, zone, type, &used) != 3)
			continue;
		{   /* the zone name was right-aligned: drop its padding */
			char *z = zone;

			while (*z == ' ')
				z++;
			memmove(zone, z, strlen(z) + 1);
		}
		for (p = line + used; sscanf(p, " %15s%n", count, &used) == 1; p += used, order++) {
			bool capped = count[0] == '>';

			for (r = 0; r < doc.nrows; r++)
				if (jnum(&doc.rows[r], "node") == node &&
				    strcmp(junq(&doc.rows[r], "zone"), zone) == 0 &&
				    strcmp(junq(&doc.rows[r], "migratetype"), type) == 0 &&
				    jnum(&doc.rows[r], "order") == order)
					break;
			ck_assert_int_lt(r, doc.nrows);
			ck_assert_int_eq(jnum(&doc.rows[r], "nr_free"), atoll(count + capped));
			ck_assert_str_eq(jget(&doc.rows[r], "capped"), capped ? "true" : "false");
			seen++;
		}
	}
	ck_assert_int_eq(seen, doc.nrows);
	free(text);
	jdoc_free(&doc);
}
END_TEST

/* What the text's "state:" line says, as the record's state word. */
static const char *state_word(const char *text)
{
	static const struct { const char *prefix, *word; } map[] = {
		{ "state: a hole", "hole" }, { "state: reserved", "reserved" },
		{ "state: free on cpu", "pcp" }, { "state: free:", "free" },
		{ "state: allocated by alloc", "alloc" }, { "state: allocated: inside", "alloc" },
		{ "state: on node", "lru" }, { "state: in cpu", "pagevec" },
		{ "state: isolated", "isolated" }, { "state: allocated\n", "allocated" },
	};
	const char *st = strstr(text, "state: ");
	size_t i;

	ck_assert_ptr_nonnull(st);
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strncmp(st, map[i].prefix, strlen(map[i].prefix)) == 0)
			return map[i].word;
	ck_abort_msg("unknown state line: %s", st);
	return NULL;
}

START_TEST(page_records_say_what_the_text_says_for_every_pfn)
{
	unsigned long pfn;

	boot("tiny");
	populate();
	for (pfn = 0; pfn < sess.m->max_pfn; pfn++) {
		char cmd[32], *text;
		struct jdoc doc;
		int refcount, mapcount;
		unsigned flags, order;
		unsigned long block;
		const char *word, *st;

		snprintf(cmd, sizeof(cmd), "page 0x%lx", pfn);
		both_formats(cmd, &doc);
		ck_assert_int_eq(doc.nrows, 1);
		text = out_of(cmd);
		ck_assert_int_eq(sscanf(text, "page:%*x refcount:%d mapcount:%d", &refcount,
					&mapcount), 2);
		ck_assert_int_eq(jnum(&doc.rows[0], "pfn"), (long long)pfn);
		ck_assert_int_eq(jnum(&doc.rows[0], "refcount"), refcount);
		ck_assert_int_eq(jnum(&doc.rows[0], "mapcount"), mapcount);
		ck_assert_int_eq(sscanf(strstr(text, "flags: "), "flags: 0x%x", &flags), 1);
		ck_assert_int_eq(jnum(&doc.rows[0], "flags"), flags);
		word = state_word(text);
		ck_assert_msg(strcmp(junq(&doc.rows[0], "state"), word) == 0, "%s: %s, text: %s", cmd,
			      jget(&doc.rows[0], "state"), text);
		st = strstr(text, "state: ");
		if (sscanf(st, "state: free: inside the order-%u block at 0x%lx", &order, &block) == 2 ||
		    sscanf(st, "state: allocated: inside the order-%u block at 0x%lx", &order,
			   &block) == 2) {
			ck_assert_int_eq(jnum(&doc.rows[0], "order"), order);
			ck_assert_int_eq(jnum(&doc.rows[0], "block"), (long long)block);
		} else if (sscanf(st, "state: free: heads an order-%u", &order) == 1 ||
			   sscanf(st, "state: allocated by alloc: heads an order-%u", &order) == 1) {
			ck_assert_int_eq(jnum(&doc.rows[0], "order"), order);
			ck_assert_int_eq(jnum(&doc.rows[0], "block"), (long long)pfn);
		}
		if (strstr(text, "owner: task A"))
			ck_assert_str_eq(junq(&doc.rows[0], "task"), "A");
		free(text);
		jdoc_free(&doc);
	}
}
END_TEST

START_TEST(watermarks_pcp_and_tasks_equal_the_text)
{
	struct jdoc doc;
	char *text, *line, *save = NULL, zone[16] = "";
	int node = -1, cpu = -1, seen = 0, r;

	boot("numa");
	ok_quietly("alloc 0 n=9 cpu=1; task new A; fault A anon 12; task new B oom_score_adj=-50");
	both_formats("watermarks", &doc);
	text = out_of("watermarks");
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char mark[8];
		unsigned long v;

		if (sscanf(line, "Node %d, zone %15s managed %lu", &node, zone, &v) == 3) {
			strcpy(mark, "managed");
		} else if (sscanf(line, "  %7[minlowhg] %lu =", mark, &v) != 2) {
			continue;
		}
		for (r = 0; r < doc.nrows; r++)
			if (strcmp(jget(&doc.rows[r], "node"), "null") != 0 &&
			    jnum(&doc.rows[r], "node") == node &&
			    jget(&doc.rows[r], "zone")[0] == '"' &&
			    strcmp(junq(&doc.rows[r], "zone"), zone) == 0 &&
			    strcmp(junq(&doc.rows[r], "field"), mark) == 0)
				break;
		ck_assert_msg(r < doc.nrows, "no record for %s of node %d zone %s", mark, node, zone);
		ck_assert_int_eq(jnum(&doc.rows[r], "value"), (long long)v);
		seen++;
	}
	ck_assert_int_eq(seen, 4 * 4);   /* 4 zones (2 nodes x DMA32, Normal), 4 values each */
	free(text);
	jdoc_free(&doc);

	both_formats("pcp", &doc);
	text = out_of("pcp");
	seen = 0;
	save = NULL;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		int n, count, high, batch, c_node;

		if (sscanf(line, "cpu %d (node %d)", &cpu, &c_node) == 2)
			continue;
		if (sscanf(line, "  Node %d, zone %15s count %d  high %d  batch %d", &n, zone, &count,
			   &high, &batch) != 5)
			continue;
		for (r = 0; r < doc.nrows; r++)
			if (jnum(&doc.rows[r], "cpu") == cpu && jnum(&doc.rows[r], "node") == n &&
			    strcmp(junq(&doc.rows[r], "zone"), zone) == 0) {
				ck_assert_int_eq(jnum(&doc.rows[r], "count"), count);
				ck_assert_int_eq(jnum(&doc.rows[r], "high"), high);
				ck_assert_int_eq(jnum(&doc.rows[r], "batch"), batch);
				seen++;
			}
	}
	ck_assert_int_eq(seen, doc.nrows);   /* each pcp has a row per list: all matched */
	free(text);
	jdoc_free(&doc);

	both_formats("task list", &doc);
	text = out_of("task list");
	ck_assert_int_eq(doc.nrows, 2);
	save = NULL;
	r = 0;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		int pid, adj;
		char name[32];
		unsigned long anon, rss_a, rss_f, swp;
		long score;

		if (sscanf(line, "%d %31s %lu %lu %lu %lu %d %ld", &pid, name, &anon, &rss_a, &rss_f,
			   &swp, &adj, &score) != 8)
			continue;
		ck_assert_int_eq(jnum(&doc.rows[r], "pid"), pid);
		ck_assert_str_eq(junq(&doc.rows[r], "name"), name);
		ck_assert_int_eq(jnum(&doc.rows[r], "anon_vm"), (long long)anon);
		ck_assert_int_eq(jnum(&doc.rows[r], "rss_anon"), (long long)rss_a);
		ck_assert_int_eq(jnum(&doc.rows[r], "oom_score_adj"), adj);
		ck_assert_int_eq(jnum(&doc.rows[r], "oom_score"), score);
		r++;
	}
	ck_assert_int_eq(r, 2);
	free(text);
	jdoc_free(&doc);
}
END_TEST

START_TEST(sysctl_disk_check_map_and_lists_equal_the_text)
{
	struct jdoc doc, bi;
	char *text, *line, *save = NULL, states[1024] = "";
	int r;
	long long sum;
	unsigned long inv;

	boot("tiny");
	populate();
	both_formats("sysctl", &doc);
	text = out_of("sysctl");
	r = 0;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save), r++) {
		char name[64], value[128], want[140], *t;

		ck_assert_int_eq(sscanf(line, "%63s = %127[^\n]", name, value), 2);
		ck_assert_str_eq(junq(&doc.rows[r], "name"), name);
		if (strchr(value, '\t')) {   /* an array: a JSON list of the same numbers */
			snprintf(want, sizeof(want), "[%s]", value);
			for (t = want; *t; t++)
				if (*t == '\t')
					*t = ',';
		} else {
			snprintf(want, sizeof(want), "%s", value);
		}
		ck_assert_str_eq(jget(&doc.rows[r], "value"), want);
	}
	ck_assert_int_eq(r, doc.nrows);
	free(text);
	jdoc_free(&doc);

	ok_quietly("write log 1 offset=2; sysctl vm.dirty_background_ratio=1; tick");
	both_formats("disk", &doc);
	text = out_of("disk");
	{
		unsigned long latency, jiffies, n, written;

		ck_assert_int_eq(sscanf(text, "disk: a write completes %lu", &latency), 1);
		ck_assert_int_eq(sscanf(strstr(text, "jiffies="), "jiffies=%lu", &jiffies), 1);
		ck_assert_int_eq(sscanf(strchr(text, '\n') + 1, " %lu write", &n), 1);
		ck_assert_int_eq(sscanf(strstr(text, "in flight, "), "in flight, %lu", &written), 1);
		ck_assert_str_eq(junq(&doc.rows[0], "record"), "disk");
		ck_assert_int_eq(jnum(&doc.rows[0], "latency"), (long long)latency);
		ck_assert_int_eq(jnum(&doc.rows[0], "jiffies"), (long long)jiffies);
		ck_assert_int_eq(jnum(&doc.rows[0], "in_flight"), (long long)n);
		ck_assert_int_eq(jnum(&doc.rows[0], "written"), (long long)written);
		ck_assert_uint_gt(n, 0);
		ck_assert_int_eq(doc.nrows, 1 + (int)n);
		for (r = 1; r < doc.nrows; r++) {
			char want[64];

			ck_assert_str_eq(junq(&doc.rows[r], "record"), "write");
			snprintf(want, sizeof(want), "  pfn 0x%llx  %s", jnum(&doc.rows[r], "pfn"),
				 junq(&doc.rows[r], "kind"));
			ck_assert_msg(strstr(text, want), "no line '%s' in\n%s", want, text);
		}
	}
	free(text);
	jdoc_free(&doc);

	both_formats("check", &doc);
	text = out_of("check");
	ck_assert_int_eq(sscanf(text, "check: ok (%lu invariants)", &inv), 1);
	ck_assert_int_eq(jnum(&doc.rows[0], "invariants"), (long long)inv);
	ck_assert_str_eq(jget(&doc.rows[0], "ok"), "true");
	ck_assert_str_eq(junq(&doc.rows[0], "mode"), "full");
	free(text);
	jdoc_free(&doc);

	/* map: the characters in order, and the groups cover the zone */
	both_formats("map per=3", &doc);
	text = out_of("map per=3");
	save = NULL;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char label[32], chars[128];

		if (strncmp(line, "Node", 4) == 0 || strncmp(line, "legend", 6) == 0 ||
		    line[0] != ' ' || strncmp(line, "        ", 8) == 0 || strstr(line, "with several"))
			continue;
		if (sscanf(line, " %31s %127s", label, chars) == 2 && strncmp(label, "0x", 2) == 0)
			strcat(states, chars);
	}
	ck_assert_int_eq((int)strlen(states), doc.nrows);
	sum = 0;
	for (r = 0; r < doc.nrows; r++) {
		char want[2] = { states[r], '\0' };

		ck_assert_str_eq(junq(&doc.rows[r], "state"), want);
		sum += jnum(&doc.rows[r], "pages");
	}
	ck_assert_int_eq(sum, (long long)sess.m->max_pfn);
	free(text);
	jdoc_free(&doc);

	/* free_area's lists hold buddyinfo's counts; bitmap counts its 1 bits */
	both_formats("free_area", &doc);
	both_formats("buddyinfo", &bi);
	for (r = 0; r < bi.nrows; r++) {
		int k;

		sum = 0;
		for (k = 0; k < doc.nrows; k++)
			if (jnum(&doc.rows[k], "order") == jnum(&bi.rows[r], "order") &&
			    strcmp(junq(&doc.rows[k], "zone"), junq(&bi.rows[r], "zone")) == 0)
				sum += jnum(&doc.rows[k], "blocks");
		ck_assert_int_eq(sum, jnum(&bi.rows[r], "nr_free"));
	}
	jdoc_free(&doc);
	jdoc_free(&bi);
	both_formats("bitmap", &doc);
	text = out_of("bitmap");
	for (r = 0; r < doc.nrows; r++) {
		char want[96];

		snprintf(want, sizeof(want), "order %lld: %lld bits (pairs of order-%lld blocks), %lld set",
			 jnum(&doc.rows[r], "order"), jnum(&doc.rows[r], "bits"),
			 jnum(&doc.rows[r], "order"), jnum(&doc.rows[r], "set"));
		ck_assert_msg(strstr(text, want), "no '%s' in the text", want);
	}
	free(text);
	jdoc_free(&doc);

	/* lru: each list's pages */
	both_formats("lru", &doc);
	text = out_of("lru");
	for (r = 0; r < doc.nrows; r++) {
		char want[96];

		if (strcmp(junq(&doc.rows[r], "field"), "pages") != 0 ||
		    strcmp(jget(&doc.rows[r], "zone"), "null") != 0)
			continue;
		snprintf(want, sizeof(want), "  %-14s %8lld pages", junq(&doc.rows[r], "lru"),
			 jnum(&doc.rows[r], "value"));
		ck_assert_msg(strstr(text, want), "no '%s' in the text", want);
	}
	free(text);
	jdoc_free(&doc);
}
END_TEST

START_TEST(gfp_record_equals_the_text)
{
	struct jdoc doc;
	char *text, want[256];
	const char *p;

	boot("default");
	both_formats("gfp GFP_KERNEL|__GFP_NORETRY", &doc);
	text = out_of("gfp GFP_KERNEL|__GFP_NORETRY");
	snprintf(want, sizeof(want), "gfp 0x%llx = %s\n", jnum(&doc.rows[0], "gfp"),
		 junq(&doc.rows[0], "flags"));
	ck_assert_msg(strncmp(text, want, strlen(want)) == 0, "%s vs %s", text, want);
	ck_assert_str_eq(jget(&doc.rows[0], "valid"), "true");
	ck_assert_str_eq(jget(&doc.rows[0], "direct_reclaim"), "true");
	ck_assert_str_eq(jget(&doc.rows[0], "zonelist"), "[\"Normal\",\"DMA\"]");
	p = strstr(text, "fast path alloc_flags: ");
	ck_assert_ptr_nonnull(p);
	snprintf(want, sizeof(want), "(0x%llx)", jnum(&doc.rows[0], "fast_alloc_flags"));
	ck_assert_ptr_nonnull(strstr(p, want));
	ck_assert_str_eq(jget(&doc.rows[0], "retry_alloc_flags"), "null");
	free(text);
	jdoc_free(&doc);
}
END_TEST

/* ---- alloc and free ---------------------------------------------------------------- */

START_TEST(alloc_and_free_records_match_the_text)
{
	static const char *const cmds[] = {
		"alloc 2", "alloc 0 n=4 cpu=1", "alloc 1 gfp=GFP_DMA n=2", "free 0x1000",
		"free 0x1005 cpu=1", "free 0x0", "free all",
	};
	char *human[7];
	size_t i;

	boot("default");
	for (i = 0; i < 7; i++)
		human[i] = out_of(cmds[i]);
	session_free(&sess);
	boot("default");
	ok_quietly("set output json");
	for (i = 0; i < 7; i++) {
		char *json = out_of(cmds[i]), *line, *save = NULL;
		struct jdoc doc;
		int r = 0;

		json_rows(json, &doc);
		for (line = strtok_r(human[i], "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			unsigned long pfn, block, blocks, pages;
			unsigned order, border;
			char zone[16], mt[16], via[8];
			int cpu, count, high;

			if (sscanf(line, "pfn=0x%lx order=%u zone=%15s migratetype=%15s via=%7s", &pfn,
				   &order, zone, mt, via) == 5) {
				ck_assert_int_eq(jnum(&doc.rows[r], "pfn"), (long long)pfn);
				ck_assert_int_eq(jnum(&doc.rows[r], "order"), order);
				ck_assert_str_eq(junq(&doc.rows[r], "zone"), zone);
				ck_assert_str_eq(junq(&doc.rows[r], "migratetype"), mt);
				ck_assert_str_eq(junq(&doc.rows[r], "via"), via);
				ck_assert_str_eq(junq(&doc.rows[r], "outcome"), "fastpath");
				r++;
			} else if (sscanf(line, "freed pfn=0x%lx order=%u to=buddy block=0x%lx "
					  "block_order=%u", &pfn, &order, &block, &border) == 4) {
				ck_assert_int_eq(jnum(&doc.rows[r], "pfn"), (long long)pfn);
				ck_assert_str_eq(junq(&doc.rows[r], "to"), "buddy");
				ck_assert_int_eq(jnum(&doc.rows[r], "block"), (long long)block);
				ck_assert_int_eq(jnum(&doc.rows[r], "block_order"), border);
				r++;
			} else if (sscanf(line, "freed pfn=0x%lx order=0 to=pcp cpu=%d count=%d high=%d",
					  &pfn, &cpu, &count, &high) == 4) {
				ck_assert_int_eq(jnum(&doc.rows[r], "pfn"), (long long)pfn);
				ck_assert_str_eq(junq(&doc.rows[r], "to"), "pcp");
				ck_assert_int_eq(jnum(&doc.rows[r], "cpu"), cpu);
				ck_assert_int_eq(jnum(&doc.rows[r], "count"), count);
				ck_assert_int_eq(jnum(&doc.rows[r], "high"), high);
				ck_assert_int_eq(jnum(&doc.rows[r], "flushed"), 0);
				r++;
			} else if (sscanf(line, "freed %lu block%*s (%lu pages)", &blocks, &pages) == 2) {
				ck_assert_int_eq(jnum(&doc.rows[r], "blocks"), (long long)blocks);
				ck_assert_int_eq(jnum(&doc.rows[r], "pages"), (long long)pages);
				r++;
			} else {
				ck_abort_msg("%s: line not understood: %s", cmds[i], line);
			}
		}
		ck_assert_msg(r == doc.nrows, "%s: %d lines, %d records", cmds[i], r, doc.nrows);
		jdoc_free(&doc);
		free(json);
		free(human[i]);
	}
}
END_TEST

START_TEST(a_failed_alloc_is_a_record_and_its_report_goes_to_stderr)
{
	char *out, *err;
	struct jdoc doc;

	boot("tiny");
	ok_quietly("set output json");
	ck_assert_int_eq(run_apart(&sess, "alloc 5 gfp=GFP_NOWAIT n=20", &out, &err), 0);
	json_rows(out, &doc);
	ck_assert_int_eq(doc.nrows, 8);   /* 7 order-5 blocks, then the failure (the low mark) */
	ck_assert_str_eq(jget(&doc.rows[7], "pfn"), "null");
	ck_assert_str_eq(jget(&doc.rows[7], "zone"), "null");
	ck_assert_str_eq(junq(&doc.rows[7], "outcome"), "fail_nowait");
	ck_assert_str_eq(junq(&doc.rows[7], "gfp"), "GFP_NOWAIT");
	ck_assert_ptr_nonnull(strstr(err, "alloc: order-5 allocation failed, gfp=GFP_NOWAIT"));
	ck_assert_ptr_nonnull(strstr(err, "alloc: 7 of 20 blocks allocated"));
	jdoc_free(&doc);
	free(out);
	free(err);
}
END_TEST

START_TEST(trace_events_go_to_stderr_while_records_print)
{
	char *out, *err;
	struct jdoc doc;

	boot("tiny");
	ok_quietly("trace on mm_page_alloc; set output csv");
	ck_assert_int_eq(run_apart(&sess, "alloc 2", &out, &err), 0);
	ck_assert_ptr_nonnull(strstr(err, "mm_page_alloc"));
	ck_assert_str_eq(out, "pfn,order,zone,migratetype,via,outcome,gfp\r\n"
			      "0,2,Normal,Unmovable,buddy,fastpath,GFP_KERNEL\r\n");
	free(out);
	free(err);
	ok_quietly("set output json");
	ck_assert_int_eq(run_apart(&sess, "alloc 0", &out, &err), 0);
	json_rows(out, &doc);
	ck_assert_int_eq(doc.nrows, 1);
	ck_assert_ptr_nonnull(strstr(err, "mm_page_alloc"));
	jdoc_free(&doc);
	free(out);
	free(err);
}
END_TEST

/* ---- the setting ----------------------------------------------------------------------- */

START_TEST(set_output_takes_three_words_and_refuses_others)
{
	char *out, *err;

	boot("tiny");
	ck_assert_str_eq((out = out_of("set")), "paranoid off\noutput human\n");
	free(out);
	ok_quietly("set output csv");
	ck_assert_str_eq((out = out_of("set")), "paranoid off\noutput csv\n");
	free(out);
	ck_assert_int_eq(run_apart(&sess, "set output xml", &out, &err), -1);
	ck_assert_str_eq(out, "");
	ck_assert_str_eq(err, "set: output: 'xml' is not human, json or csv\n");
	free(out);
	free(err);
	ck_assert_int_eq(run_apart(&sess, "set output", &out, &err), -1);
	ck_assert_str_eq(err, "set: output: expected human, json or csv\n");
	free(out);
	free(err);
	ck_assert_int_eq(sess.output, OUTPUT_CSV);   /* the refused commands changed nothing */
	ok_quietly("reset");                          /* a session setting: reset keeps it */
	ck_assert_int_eq(sess.output, OUTPUT_CSV);
	ok_quietly("set output human");
	ck_assert_str_eq((out = out_of("meminfo")), (err = out_of("meminfo")));
	ck_assert_ptr_nonnull(strstr(out, "MemTotal:"));
	free(out);
	free(err);
}
END_TEST

START_TEST(completion_offers_the_formats_after_set_output)
{
	struct completions c;

	boot("tiny");
	complete(&sess, "set output ", "", &c);
	ck_assert_uint_eq(c.n, 3);
	ck_assert_str_eq(c.words[0], "human");
	ck_assert_str_eq(c.words[1], "json");
	ck_assert_str_eq(c.words[2], "csv");
	completions_free(&c);
	complete(&sess, "set output ", "j", &c);
	ck_assert_uint_eq(c.n, 1);
	ck_assert_str_eq(c.words[0], "json");
	completions_free(&c);
	complete(&sess, "set ", "o", &c);
	ck_assert_uint_eq(c.n, 1);
	ck_assert_str_eq(c.words[0], "output");
	completions_free(&c);
	complete(&sess, "set paranoid ", "o", &c);
	ck_assert_uint_eq(c.n, 2);   /* on, off: unchanged */
	completions_free(&c);
}
END_TEST

/* ---- the writers themselves: escaping, quoting, lists, numbers ---------------------- */

static const char *const odd_cols[] = { "s", "n", "m", "b", "l", "z", NULL };

START_TEST(writers_escape_and_quote)
{
	struct table t;
	struct strbuf sb = STRBUF_INIT;
	struct jdoc doc;
	struct cdoc c;
	char *s;
	struct jp j;

	table_init(&t, odd_cols);
	table_row(&t);
	table_str(&t, "s", "a \"quoted\", back\\slash\nline\ttab\x01 caf\xc3\xa9 bad\xff");
	table_int(&t, "n", -42);
	table_milli(&t, "m", -1000);
	table_bool(&t, "b", false);
	table_list(&t, "l");
	table_list_uint(&t, "l", 7);
	table_list_str(&t, "l", "x,y");
	table_row(&t);
	table_milli(&t, "m", 5);
	table_list(&t, "l");
	ck_assert_ptr_null(t.bad_column);
	table_json(&t, &sb);
	json_rows(sb_str(&sb), &doc);
	ck_assert_int_eq(doc.nrows, 2);
	j.p = jget(&doc.rows[0], "s");
	j.why = NULL;
	ck_assert_int_eq(j_string(&j, &s), 0);
	ck_assert_str_eq(s, "a \"quoted\", back\\slash\nline\ttab\x01 caf\xc3\xa9 bad\xef\xbf\xbd");
	free(s);
	ck_assert_str_eq(jget(&doc.rows[0], "n"), "-42");
	ck_assert_str_eq(jget(&doc.rows[0], "m"), "-1.000");
	ck_assert_str_eq(jget(&doc.rows[0], "b"), "false");
	ck_assert_str_eq(jget(&doc.rows[0], "l"), "[7,\"x,y\"]");
	ck_assert_str_eq(jget(&doc.rows[0], "z"), "null");
	ck_assert_str_eq(jget(&doc.rows[1], "m"), "0.005");
	ck_assert_str_eq(jget(&doc.rows[1], "l"), "[]");
	ck_assert_str_eq(jget(&doc.rows[1], "s"), "null");
	jdoc_free(&doc);

	sb_reset(&sb);
	table_csv(&t, &sb);
	csv_rows(sb_str(&sb), &c);
	ck_assert_int_eq(c.nrows, 3);
	ck_assert_str_eq(c.rows[1].f[0], "a \"quoted\", back\\slash\nline\ttab\x01 caf\xc3\xa9 bad\xff");
	ck_assert_str_eq(c.rows[1].f[2], "-1.000");
	ck_assert_str_eq(c.rows[1].f[3], "false");
	ck_assert_str_eq(c.rows[1].f[4], "7 x,y");
	ck_assert_str_eq(c.rows[1].f[5], "");
	ck_assert_int_eq(c.rows[2].n, 6);
	cdoc_free(&c);

	/* a value for a column the view did not declare is caught, not lost */
	table_row(&t);
	table_uint(&t, "nope", 1);
	ck_assert_str_eq(t.bad_column, "nope");
	table_free(&t);
	sb_free(&sb);

	/* an empty view is an empty array and a lone header */
	table_init(&t, odd_cols);
	table_json(&t, &sb);
	ck_assert_str_eq(sb_str(&sb), "[]\n");
	sb_reset(&sb);
	table_csv(&t, &sb);
	ck_assert_str_eq(sb_str(&sb), "s,n,m,b,l,z\r\n");
	table_free(&t);
	sb_free(&sb);
}
END_TEST

START_TEST(the_checker_rejects_what_rfc_8259_rejects)
{
	static const char *const bad[] = {
		"[", "[{}", "[{\"a\":1,}]", "[{\"a\":01}]", "[{\"a\":1.}]", "[{\"a\":.5}]",
		"[{\"a\":\"x\ty\"}]", "[{\"a\":\"\\x\"}]", "[{\"a\":tru}]", "[{\"a\":1}] x",
		"[{\"a\":\"\\ud800\"}]", "[{'a':1}]", "[{\"a\":1,\"a\":2}]", "[1]", "{}",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct jp j = { bad[i], NULL };
		struct jdoc doc;

		memset(&doc, 0, sizeof(doc));
		j_ws(&j);
		if (*j.p != '[')
			j_fail(&j, "not an array");
		else
			j_elements(&j, 0, &doc);
		j_ws(&j);
		if (!j.why && *j.p)
			j_fail(&j, "trailing text");
		ck_assert_msg(j.why != NULL, "accepted: %s", bad[i]);
		jdoc_free(&doc);
	}
}
END_TEST

static Suite *output_suite(void)
{
	Suite *s = suite_create("output");
	TCase *tc = tcase_create("json and csv");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, every_view_is_valid_json_and_csv_tiny);
	tcase_add_test(tc, every_view_is_valid_json_and_csv_numa);
	tcase_add_test(tc, buddyinfo_numbers_equal_the_text);
	tcase_add_test(tc, vmstat_and_meminfo_equal_the_text);
	tcase_add_test(tc, zoneinfo_every_number_equals_the_text);
	tcase_add_test(tc, extfrag_and_pagetypeinfo_equal_the_text);
	tcase_add_test(tc, page_records_say_what_the_text_says_for_every_pfn);
	tcase_add_test(tc, watermarks_pcp_and_tasks_equal_the_text);
	tcase_add_test(tc, sysctl_disk_check_map_and_lists_equal_the_text);
	tcase_add_test(tc, gfp_record_equals_the_text);
	tcase_add_test(tc, alloc_and_free_records_match_the_text);
	tcase_add_test(tc, a_failed_alloc_is_a_record_and_its_report_goes_to_stderr);
	tcase_add_test(tc, trace_events_go_to_stderr_while_records_print);
	tcase_add_test(tc, set_output_takes_three_words_and_refuses_others);
	tcase_add_test(tc, completion_offers_the_formats_after_set_output);
	suite_add_tcase(s, tc);
	tc = tcase_create("writers");
	tcase_add_test(tc, writers_escape_and_quote);
	tcase_add_test(tc, the_checker_rejects_what_rfc_8259_rejects);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(output_suite());
}
