/*
 * src/shell/options.h: mmsh's command line (SPEC section 2) and the
 * machine recipe it produces: a preset, then --mem, --zones, --nodes,
 * --cpus, --max-order, --pageblock-order, --thp, --swap and --sysctl.
 */
#ifndef MMSH_SHELL_OPTIONS_H
#define MMSH_SHELL_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "session.h"

enum action_kind {
	ACTION_COMMANDS,          /* -c 'CMDS' */
	ACTION_FILE,              /* -x FILE or a script operand */
};

struct action {
	enum action_kind kind;
	const char *text;         /* the commands, or the file name */
};

struct options {
	struct machine_recipe recipe;
	struct action *actions;
	size_t nr_actions;
	bool stay_interactive;    /* -i */
	bool keep_going;          /* -k */
	bool allow_writes;        /* --allow-writes: scripts may write files */
	bool quiet;               /* -q */
	bool no_color;
	bool force_plain;         /* --plain */
	bool force_tui;           /* --tui or --demo */
	bool demo;                /* --demo */
	const char *lesson;       /* --lesson NAME */
	bool check;               /* --check: run the lesson unattended */
	bool list_lessons;        /* --list-lessons */
	unsigned long seed;
};

/*
 * parse_options(): fill in opts. Returns 0 to go on, or an exit status
 * (after printing --help, --version, or a usage error on stderr).
 * A return of -1 means "go on"; anything >= 0 means "exit with it".
 */
int parse_options(int argc, char **argv, struct options *opts);
void free_options(struct options *opts);

/* parse_zones(): "DMA:16M,Normal:240M" or NAME:SPANNED/PRESENT/MANAGED pages. */
int parse_zones(const char *spec, struct zone_shape zones[MAX_NR_ZONES],
		char *err, size_t errlen);

/* The host preset: zones, CPUs and vm.* read from /proc (host.c). */
int host_recipe(struct machine_recipe *r, const char *zoneinfo_path,
		const char *sysvm_dir, char *err, size_t errlen);

#endif
