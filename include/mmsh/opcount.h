/*
 * include/mmsh/opcount.h: operation counters for the complexity tests
 * (tests/complexity). They say how much work an engine call did in steps
 * that do not depend on the host: list links changed, list entries
 * stepped over, page descriptors examined, buddy merges.
 *
 * Only a build with -DMMSH_OPCOUNT counts; in every other build OPCOUNT()
 * is ((void)0) and costs nothing. The counters are one array per process,
 * not a field of struct machine, because the list primitives (list.h) see
 * only the mem_map, never the machine; the test program that builds the
 * engine with -DMMSH_OPCOUNT defines the array and zeroes it around the
 * call it measures. There is no kernel analogue.
 */
#ifndef MMSH_OPCOUNT_H
#define MMSH_OPCOUNT_H

#include <stdint.h>

enum opcount_kind {
	OP_LIST,          /* a list_add, list_del or list_move (list.h) */
	OP_LIST_STEP,     /* a list_next(): one entry of a list walked over */
	OP_PAGE_VISIT,    /* a page descriptor examined by a loop over pfns */
	OP_MERGE_STEP,    /* one pass of __free_one_page()'s merge loop */
	NR_OPCOUNT
};

#ifdef MMSH_OPCOUNT
extern uint64_t mmsh_opcount[NR_OPCOUNT];
#define OPCOUNT(kind) ((void)mmsh_opcount[kind]++)
#else
#define OPCOUNT(kind) ((void)0)
#endif

#endif
