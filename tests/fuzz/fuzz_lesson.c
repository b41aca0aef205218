/*
 * tests/fuzz/fuzz_lesson.c: the lesson parser and runner. The input is a
 * lesson file (mmsh-lesson(5)), written to the sandbox as fuzz.lesson.
 * A lesson whose commands ask for more work than the budget allows
 * (fuzz_afford) is not run. lesson_check() parses it (parse_lesson()),
 * boots its machine: line through the option parser, and runs every step
 * unattended: run: commands, the answer: and expect: queries,
 * predictions on a copy. Then
 * the same lesson starts as a student would meet it, and a few runner
 * commands walk it (next, hint, answer, back, lesson quit). The full
 * invariant check runs at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lesson.h"

/* What a student might type once the lesson has started. */
static const char *const student[] = {
	"hint", "answer 1", "next", "back", "next", "answer 0", "next", "lesson quit",
};

/* Do the commands the lesson runs (run:, type:, then:) keep to the work budget? */
static bool affordable(const uint8_t *data, size_t size)
{
	static const char *const runs[] = { "run:", "type:", "then:" };
	char *text = fuzz_text(data, size), *line, *end = text + size;
	unsigned long spent = 0;
	bool ok = true;
	size_t k;

	for (line = text; line <= end && ok; line += strlen(line) + 1) {
		line[strcspn(line, "\n")] = '\0';
		for (k = 0; k < sizeof(runs) / sizeof(runs[0]); k++)
			if (strncmp(line, runs[k], strlen(runs[k])) == 0)
				ok = fuzz_afford(line + strlen(runs[k]), &spent);
	}
	free(text);
	return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[128], start[160];
	struct session s;
	size_t i, lines = 0;
	FILE *f;

	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	if (lines >= 4 * FUZZ_MAX_LINES || !affordable(data, size))
		return 0;
	snprintf(path, sizeof(path), "%s/fuzz.lesson", fuzz_sandbox_dir());
	f = fopen(path, "w");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	fuzz_session_open(&s, fuzz_small_machine);
	lesson_check(&s, path);
	fuzz_check(&s, true, "lesson check");
	snprintf(start, sizeof(start), "lesson start %s", path);
	if (session_run_line(&s, start) == 0)
		for (i = 0; i < sizeof(student) / sizeof(student[0]) && !s.quit; i++) {
			session_run_line(&s, student[i]);
			fuzz_check(&s, false, student[i]);
		}
	fuzz_session_close(&s);
	return 0;
}
