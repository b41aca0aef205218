/*
 * tests/fuzz/fuzz_command.c: the command parser and dispatcher. The input
 * is cut into lines (at '\n' or a NUL byte); each line goes through
 * session_run_line() (split at ';' and '#', quotes, words and key=value
 * pairs, the table lookup, argument and key checks, the handler) on a
 * small machine, at most FUZZ_MAX_LINES lines; a line that asks for more
 * work than the budget allows (fuzz_afford) is skipped. The quick invariant check
 * runs after every line and the full one at the end: a command that
 * leaves the machine inconsistent is a crash.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size), *line = text, *end = text + size;
	struct session s;
	unsigned long spent = 0;
	int n;

	fuzz_session_open(&s, fuzz_small_machine);
	for (n = 0; line <= end && n < FUZZ_MAX_LINES && !s.quit; n++) {
		size_t len = strcspn(line, "\n");

		line[len] = '\0';
		if (fuzz_afford(line, &spent)) {
			session_run_line(&s, line);
			fuzz_check(&s, false, line);
		}
		line += len + 1;
	}
	fuzz_session_close(&s);
	free(text);
	return 0;
}
