/*
 * include/mmsh/oom.h: the OOM killer (mm/oom_kill.c): when reclaim cannot
 * find memory, pick the task whose death frees the most (oom_badness, with
 * oom_score_adj), report it as the kernel does, and kill it.
 */
#ifndef MMSH_OOM_H
#define MMSH_OOM_H

#include <limits.h>
#include <stdbool.h>

#include "mmsh/gfp.h"
#include "mmsh/workload.h"

struct oom_control {
	gfp_t gfp_mask;
	int order;
	unsigned long totalpages;
	struct task *chosen;
	long chosen_points;
	bool abort;                      /* a kill is already in progress */
};

long oom_badness(struct machine *m, struct task *t, unsigned long totalpages);
/* The score /proc/PID/oom_score shows. */
long oom_score(struct machine *m, struct task *t);
/*
 * out_of_memory(): true when progress was made (a kill, or a caller
 * without __GFP_FS, which never kills). With no killable task it panics
 * the machine (m->panicked), except for the sysrq request (order -1).
 */
bool out_of_memory(struct machine *m, struct oom_control *oc);
/* moom_callback() (sysrq-f): the `oom` command; true when a task was killed. */
bool oom_sysrq(struct machine *m, struct oom_control *oc);

#endif
