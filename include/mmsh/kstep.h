/*
 * include/mmsh/kstep.h: kernel steps. A step is one decision or one change
 * of state inside a kernel function (a watermark compared, a list found
 * empty, a half handed back by expand(), a merge in __free_one_page()),
 * named by the function and described with the numbers behind it.
 *
 * Steps cost nothing unless a front end subscribes: `why` and `step` run a
 * command again on a copy of the machine with a subscriber, which the
 * engine's determinism makes exact.
 */
#ifndef MMSH_KSTEP_H
#define MMSH_KSTEP_H

#include <stdbool.h>
#include <stddef.h>

#include "mmsh/mmzone.h"

#define KSTEP_TEXT 192

struct kstep {
	const char *func;          /* the kernel function, e.g. "expand" */
	char text[KSTEP_TEXT];     /* the decision and its numbers */
};

/* kstep_subscribe(): deliver every step to fn (NULL: none). */
void kstep_subscribe(struct machine *m, kstep_fn fn, void *arg);

/* kstep_emit(): format one step and hand it to the subscriber. */
void kstep_emit(struct machine *m, const char *func, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), cold));

/*
 * KSTEP(): a step site. The arguments are not evaluated, and nothing is
 * formatted, unless someone listens.
 */
#define KSTEP(m, func, ...)						\
	do {								\
		if (__builtin_expect((m)->kstep_cb != NULL, 0))	\
			kstep_emit((m), (func), __VA_ARGS__);		\
	} while (0)

/* The functions that emit steps, sorted, for `break` and its completion. */
const char *const *kstep_functions(size_t *n);
bool kstep_function_known(const char *name);

#endif
