/*
 * src/shell/output.h: `set output human|json|csv`, how the views print.
 * In json and csv modes a view prints its records (mmsh/records.h) as one
 * JSON document or one CSV table, and kernel messages and trace events go
 * to standard error, so that standard output stays machine-readable.
 */
#ifndef MMSH_SHELL_OUTPUT_H
#define MMSH_SHELL_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "mmsh/table.h"
#include "session.h"

/* The words of `set output`, in enum output_format's order, NULL-terminated. */
extern const char *const output_names[];

/* output_parse(): "human", "json" or "csv" into *f; -1 for anything else. */
int output_parse(const char *word, enum output_format *f);

/* Does the session print records (json or csv) rather than text? */
bool output_records(const struct session *s);

/* Where kernel messages and trace events go: stdout for human output, else stderr. */
FILE *output_log_stream(const struct session *s);

/*
 * print_table(): t in the session's format. A column the view did not
 * declare is a bug in mmsh: reported as an error line for cmd (-1).
 */
int print_table(struct session *s, const char *cmd, const struct table *t);

/* fill_fn: a view's records of the whole machine (rec_buddyinfo, ...). */
typedef void (*fill_fn)(struct machine *m, struct table *t);

/* print_records(): fill a table with these columns and print it; 0 or -1. */
int print_records(struct session *s, const char *cmd, const char *const *cols, fill_fn fill);

#endif
