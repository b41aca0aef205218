/*
 * src/shell/cmdtab.h: the command table. One row per command: its name,
 * syntax, help, the kernel functions it shows, an example, the keys it
 * takes, how its words complete, and its handler. Dispatch, `help`,
 * `apropos`, tab completion and the man page all read this one table.
 */
#ifndef MMSH_SHELL_CMDTAB_H
#define MMSH_SHELL_CMDTAB_H

#include <stdbool.h>

#include "parse.h"
#include "session.h"

/* What a positional word or a key's value completes to. */
enum complete_kind {
	COMPLETE_NONE,
	COMPLETE_COMMAND,
	COMPLETE_ZONE,
	COMPLETE_GFP,
	COMPLETE_SYSCTL,
	COMPLETE_FILE,
	COMPLETE_EVENT,
	COMPLETE_ONOFF,
	COMPLETE_SETTING,
	COMPLETE_CPU,
	COMPLETE_NODE,
	COMPLETE_WORDS,       /* the row's own word list */
	COMPLETE_KSTEP,       /* kernel functions that take steps */
	COMPLETE_LESSON,      /* lesson names */
};

struct key_spec {
	const char *name;
	const char *meaning;
	enum complete_kind complete;
};

struct command {
	const char *name;
	const char *group;
	const char *syntax;
	const char *summary;
	const char *help;          /* paragraphs separated by blank lines */
	const char *kernel;        /* kernel functions and tracepoints shown */
	const char *example;
	const struct key_spec *keys;   /* NULL-terminated by name */
	enum complete_kind first_complete;   /* the first positional */
	enum complete_kind rest_complete;    /* later positionals */
	const char *const *words;  /* for COMPLETE_WORDS */
	int min_pos, max_pos;      /* positional counts, command word excluded */
	int (*run)(struct session *s, struct args *a);
	bool changes;              /* changes the machine: refused after a panic */
};

const struct command *command_table(size_t *n);

/* Does this command, with these arguments, change the machine? (session.c) */
bool command_changes(const struct command *c, const struct args *a);

/*
 * find_command(): an exact name, else a unique prefix. On failure *why
 * says "unknown" or lists the candidates.
 */
const struct command *find_command(const char *name, char *why, size_t whylen);

/* Handlers, one family per file. */
int cmd_alloc(struct session *s, struct args *a);
int cmd_free(struct session *s, struct args *a);
int cmd_drain(struct session *s, struct args *a);
int cmd_task(struct session *s, struct args *a);
int cmd_fault(struct session *s, struct args *a);
int cmd_read(struct session *s, struct args *a);
int cmd_write(struct session *s, struct args *a);
int cmd_touch(struct session *s, struct args *a);
int cmd_munmap(struct session *s, struct args *a);
int cmd_madvise(struct session *s, struct args *a);
int cmd_truncate(struct session *s, struct args *a);
int cmd_mlock(struct session *s, struct args *a);
int cmd_sync(struct session *s, struct args *a);
int cmd_tick(struct session *s, struct args *a);
int cmd_disk(struct session *s, struct args *a);
int cmd_workload(struct session *s, struct args *a);
int cmd_kswapd(struct session *s, struct args *a);
int cmd_shrink(struct session *s, struct args *a);
int cmd_reclaim(struct session *s, struct args *a);
int cmd_compact(struct session *s, struct args *a);
int cmd_oom(struct session *s, struct args *a);
int cmd_lru(struct session *s, struct args *a);
int cmd_extfrag(struct session *s, struct args *a);
int cmd_buddyinfo(struct session *s, struct args *a);
int cmd_pagetypeinfo(struct session *s, struct args *a);
int cmd_zoneinfo(struct session *s, struct args *a);
int cmd_vmstat(struct session *s, struct args *a);
int cmd_meminfo(struct session *s, struct args *a);
int cmd_free_area(struct session *s, struct args *a);
int cmd_bitmap(struct session *s, struct args *a);
int cmd_pcp(struct session *s, struct args *a);
int cmd_page(struct session *s, struct args *a);
int cmd_map(struct session *s, struct args *a);
int cmd_plot(struct session *s, struct args *a);
int cmd_save(struct session *s, struct args *a);
/* save FILE and load FILE: the engine state (cmd_state.c) */
int cmd_save_state(struct session *s, struct args *a);
int cmd_load(struct session *s, struct args *a);
/* save svg FILE WORD: what the word after FILE may be (cmd_picture.c) */
extern const char *const save_svg_words[];
int cmd_watermarks(struct session *s, struct args *a);
int cmd_gfp(struct session *s, struct args *a);
int cmd_sysctl(struct session *s, struct args *a);
int cmd_trace(struct session *s, struct args *a);
int cmd_check(struct session *s, struct args *a);
int cmd_step(struct session *s, struct args *a);
int cmd_next(struct session *s, struct args *a);
int cmd_continue(struct session *s, struct args *a);
int cmd_back(struct session *s, struct args *a);
int cmd_break(struct session *s, struct args *a);
int cmd_delete(struct session *s, struct args *a);
int cmd_why(struct session *s, struct args *a);
int cmd_undo(struct session *s, struct args *a);
int cmd_lesson(struct session *s, struct args *a);
int cmd_hint(struct session *s, struct args *a);
int cmd_answer(struct session *s, struct args *a);
int cmd_set(struct session *s, struct args *a);
int cmd_reset(struct session *s, struct args *a);
int cmd_help(struct session *s, struct args *a);
int cmd_apropos(struct session *s, struct args *a);
int cmd_source(struct session *s, struct args *a);
int cmd_history(struct session *s, struct args *a);
int cmd_quit(struct session *s, struct args *a);
int cmd_record(struct session *s, struct args *a);    /* record.c */
int cmd_quiz(struct session *s, struct args *a);      /* quiz.c */
int cmd_reveal(struct session *s, struct args *a);

/* Shared argument helpers (cmd_util.c); each reports its own error. */
const char *arg_key(const struct args *a, const char *key);
int arg_uint(struct session *s, const struct args *a, const char *key,
	     const char *value, unsigned long long max, unsigned long long *out);
int arg_order(struct session *s, const struct args *a, const char *value,
	      unsigned int *out);
int arg_cpu(struct session *s, const struct args *a, int *cpu);
int arg_node(struct session *s, const struct args *a, int *nid);
int arg_zone(struct session *s, const struct args *a, int *zidx);
int arg_pfn(struct session *s, const struct args *a, const char *value,
	    unsigned long *out);

#endif
