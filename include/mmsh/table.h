/*
 * include/mmsh/table.h: records for the machine-readable outputs. A view
 * fills a table (named columns, one row per record, each cell a number, a
 * string, a flag, a list or nothing); table_json() and table_csv() write
 * it as one JSON document (RFC 8259) or one CSV file (RFC 4180).
 */
#ifndef MMSH_TABLE_H
#define MMSH_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "mmsh/strbuf.h"

enum cell_kind {
	CELL_NULL,     /* no value: JSON null, an empty CSV field */
	CELL_INT,      /* a signed number */
	CELL_UINT,     /* an unsigned number */
	CELL_MILLI,    /* thousandths, printed as a decimal: -1000 is -1.000 */
	CELL_BOOL,     /* true or false */
	CELL_STR,      /* text */
	CELL_LIST,     /* numbers or strings: a JSON array, space-separated in CSV */
};

struct cell {
	enum cell_kind kind;
	long long i;              /* CELL_INT, CELL_MILLI */
	unsigned long long u;     /* CELL_UINT */
	bool b;                   /* CELL_BOOL */
	char *s;                  /* CELL_STR */
	struct cell *items;       /* CELL_LIST: none of them a list */
	size_t nitems;
};

struct table {
	const char *const *cols;  /* the column names, NULL-terminated */
	size_t ncols;
	struct cell *cells;       /* row r, column c is cells[r * ncols + c] */
	size_t nrows, cap;
	bool oom;                 /* an allocation failed: rows are missing */
	const char *bad_column;   /* a value was set for a column not in cols */
};

/* table_init(): an empty table with these columns (a static array). */
void table_init(struct table *t, const char *const *cols);
void table_free(struct table *t);

/* table_row(): start a new row, every cell null; the setters fill it. */
void table_row(struct table *t);
void table_int(struct table *t, const char *col, long long v);
void table_uint(struct table *t, const char *col, unsigned long long v);
void table_milli(struct table *t, const char *col, long long thousandths);
void table_bool(struct table *t, const char *col, bool v);
void table_str(struct table *t, const char *col, const char *s);
void table_strf(struct table *t, const char *col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* table_list(): make the cell an empty list; the adders append to it. */
void table_list(struct table *t, const char *col);
void table_list_uint(struct table *t, const char *col, unsigned long long v);
void table_list_int(struct table *t, const char *col, long long v);
void table_list_str(struct table *t, const char *col, const char *s);

/*
 * table_get(): a cell of a row (a null cell when the column is unknown),
 * for formatters that print text from the records.
 */
const struct cell *table_get(const struct table *t, size_t row, const char *col);
/* table_u(), table_s(): a number or a string cell read back (0, "" otherwise). */
unsigned long long table_u(const struct table *t, size_t row, const char *col);
long long table_i(const struct table *t, size_t row, const char *col);
const char *table_s(const struct table *t, size_t row, const char *col);

/*
 * table_json(): an array with one object per row, keyed by the column
 * names in their order; every key is present (null when empty):
 *   [
 *   {"node":0,"zone":"DMA","order":0,"nr_free":1},
 *   ...
 *   ]
 * table_csv(): a header row with the column names, then one row per
 * record; fields with a comma, quote or line break are quoted; lines end
 * in CR LF. Both end with a newline.
 */
void table_json(const struct table *t, struct strbuf *sb);
void table_csv(const struct table *t, struct strbuf *sb);

#endif
