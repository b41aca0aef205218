/*
 * tests/fuzz/fuzz_script.c: the script runner. The input is a script, run
 * by session_run_stream() from an fmemopen() stream as `mmsh -k FILE`
 * runs one (every line, FILE:LINE: in errors, NUL bytes refused), on a
 * small machine, when it keeps to the work budget (fuzz_afford); the full
 * invariant check runs at the end. Scripts may
 * `source`, `record` and `save` files: in the sandbox (sandbox.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text, *line, *end;
	unsigned long spent = 0;
	struct session s;
	size_t lines = 0, i;
	FILE *f;

	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	if (lines >= FUZZ_MAX_LINES || !size)
		return 0;   /* fmemopen() refuses an empty buffer */
	/* the whole script within the work budget, or not run */
	text = fuzz_text(data, size);
	for (line = text, end = text + size; line <= end; line += strlen(line) + 1) {
		line[strcspn(line, "\n")] = '\0';
		if (!fuzz_afford(line, &spent)) {
			free(text);
			return 0;
		}
	}
	free(text);
	f = fmemopen((void *)data, size, "r");
	if (!f)
		abort();
	fuzz_session_open(&s, fuzz_small_machine);
	session_run_stream(&s, f, "fuzz.mmsh", true);
	fclose(f);
	fuzz_session_close(&s);
	return 0;
}
