/*
 * src/shell/output.c: `set output`: a view's records printed as JSON or
 * CSV (the engine writes both into a strbuf; see mmsh/table.h), and where
 * the messages that are not the view's go meanwhile.
 */
#include <string.h>

#include "output.h"

const char *const output_names[] = {
	[OUTPUT_HUMAN] = "human", [OUTPUT_JSON] = "json", [OUTPUT_CSV] = "csv", NULL,
};

int output_parse(const char *word, enum output_format *f)
{
	int i;

	for (i = 0; output_names[i]; i++)
		if (strcmp(word, output_names[i]) == 0) {
			*f = (enum output_format)i;
			return 0;
		}
	return -1;
}

bool output_records(const struct session *s)
{
	return s->output != OUTPUT_HUMAN;
}

FILE *output_log_stream(const struct session *s)
{
	return output_records(s) ? s->err : s->out;
}

int print_table(struct session *s, const char *cmd, const struct table *t)
{
	struct strbuf sb = STRBUF_INIT;

	if (t->bad_column)
		return cmd_error(s, cmd, "internal error: no column '%s' in this view's records",
				 t->bad_column);
	if (s->output == OUTPUT_CSV)
		table_csv(t, &sb);
	else
		table_json(t, &sb);
	session_print(s, &sb);
	sb_free(&sb);
	return 0;
}

int print_records(struct session *s, const char *cmd, const char *const *cols, fill_fn fill)
{
	struct table t;
	int rc;

	table_init(&t, cols);
	fill(s->m, &t);
	rc = print_table(s, cmd, &t);
	table_free(&t);
	return rc;
}
