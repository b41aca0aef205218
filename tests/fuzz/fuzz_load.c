/*
 * tests/fuzz/fuzz_load.c: `load` of a saved machine state. The input is
 * the bytes of a state file. machine_load() must refuse it with a message
 * or give a machine that is consistent (the full check), that saves to
 * bytes which load and save again to the very same bytes, and that the
 * engine can then work on: the loaded machine becomes a session's and
 * runs a few commands that touch every kind of list (allocation, frees,
 * the pcp lists, time and kswapd, reclaim, compaction), then is checked
 * again. A hostile file that slips past the loader shows as a crash, a
 * hang or a violation here.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "mmsh/check.h"
#include "mmsh/savestate.h"

static const char *const after_load[] = {
	"alloc 0 n=8", "alloc 3", "free all", "drain", "tick 5", "kswapd",
	"shrink inactive_file", "compact", "alloc 2 gfp=GFP_KERNEL",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mm_error err = { "" };
	struct machine *m = machine_load(data, size, FUZZ_MAX_PAGES, &err), *again, *old;
	uint8_t *saved = NULL, *resaved = NULL;
	size_t len = 0, relen = 0, i;
	struct session s;

	if (!m)
		return 0;   /* refused, with a message: what a bad file must get */
	if (machine_save(m, &saved, &len, &err) < 0)
		abort();
	again = machine_load(saved, len, FUZZ_MAX_PAGES, &err);
	if (!again || machine_save(again, &resaved, &relen, &err) < 0 || relen != len ||
	    memcmp(saved, resaved, len) != 0)
		abort();   /* a loaded machine must save and load to itself */
	machine_destroy(again);
	free(saved);
	free(resaved);

	fuzz_sandbox_dir();
	fuzz_session_open(&s, fuzz_small_machine);
	old = s.m;
	session_adopt(&s, m);
	machine_destroy(old);
	fuzz_check(&s, true, "load");
	for (i = 0; i < sizeof(after_load) / sizeof(after_load[0]) && !s.quit; i++) {
		session_run_line(&s, after_load[i]);
		fuzz_check(&s, false, after_load[i]);
	}
	fuzz_session_close(&s);
	return 0;
}
