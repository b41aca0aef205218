/*
 * tests/fuzz/fuzz_options.c: mmsh's command line, with --zones (the zone
 * list parser) and --sysctl (kept at parse time, written at boot). The
 * input is the argument vector, one argument a line. parse_options()
 * reads it as main() does; when it says go on, the machine it describes
 * is booted with session_boot(), which writes the --sysctl settings
 * through sysctl_write(), and checked. The sandbox refuses machines
 * above FUZZ_MAX_PAGES (as a boot error), and files outside it. Every
 * input is followed by a parse of the harness's own options, which must
 * succeed: parse_options() may keep nothing from one call to the next.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "options.h"

#define MAX_ARGV 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size), *arg = text, *argv[MAX_ARGV + 2], err[400];
	struct options o;
	struct session s;
	int argc = 0;
	bool go_on;

	fuzz_sandbox_dir();
	argv[argc++] = "mmsh";
	while (arg <= text + size && argc <= MAX_ARGV) {
		size_t len = strcspn(arg, "\n");

		arg[len] = '\0';
		argv[argc++] = arg;
		arg += len + 1;
	}
	argv[argc] = NULL;
	go_on = parse_options(argc, argv, &o) < 0;
	/* the next parse (of the harness's own options) must not depend on this one */
	fuzz_session_open(&s, fuzz_small_machine);
	if (go_on) {
		s.recipe = o.recipe;
		s.seed = o.seed;
		if (session_boot(&s, err, sizeof(err)) == 0)
			fuzz_check(&s, true, "boot");
	}
	fuzz_session_close(&s);
	free_options(&o);
	free(text);
	return 0;
}
