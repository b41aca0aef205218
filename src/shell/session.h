/*
 * src/shell/session.h: what one mmsh session holds: the machine, the way
 * it was built (for reset), the settings a user can change, and where the
 * command being run came from (for FILE:LINE: in error messages).
 */
#ifndef MMSH_SHELL_SESSION_H
#define MMSH_SHELL_SESSION_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "mmsh/mmzone.h"
#include "mmsh/strbuf.h"

#define MAX_BOOT_SYSCTLS 32
#define MAX_SOURCE_DEPTH 16

struct boot_sysctl {
	char name[64];
	char value[128];
};

/* How to build the machine again: the shape and the --sysctl settings. */
struct machine_recipe {
	struct machine_shape shape;
	char preset[16];
	struct boot_sysctl sysctls[MAX_BOOT_SYSCTLS];
	int nr_sysctls;
	unsigned long swap_pages;
};

/* How views print (set output): text, or their records as JSON or CSV. */
enum output_format { OUTPUT_HUMAN, OUTPUT_JSON, OUTPUT_CSV };

struct session {
	struct machine *m;
	struct machine_recipe recipe;
	FILE *out;                /* results */
	FILE *err;                /* errors */
	/* settings */
	bool paranoid;            /* check after every command */
	bool allow_writes;        /* --allow-writes: scripts may write files */
	enum output_format output;   /* set output: how views print (output.h) */
	uint64_t trace_events;    /* events printed as they happen */
	trace_fn tui_trace;       /* the ncurses view records every event */
	void *tui_trace_arg;
	/* where commands come from */
	const char *src_name;     /* NULL when interactive or -c */
	unsigned long src_line;
	int source_depth;
	bool interactive;
	bool ascii_only;          /* output goes where only ASCII shows (the view) */
	bool quit;                /* quit was typed */
	bool output_gone;         /* stdout's reader left (EPIPE): stop quietly */
	volatile sig_atomic_t interrupt;   /* Ctrl-C while a command runs */
	int quit_status;
	unsigned long seed;
	/* undo snapshots, `why` and the command being stepped (timeline.h) */
	struct timeline *tl;
	bool replaying;           /* a re-run for why/step: no snapshots, no history */
	const char *cmd_text;     /* the command being run, as typed */
	/* the lesson running (lesson.h), and what it needs to know */
	struct lesson_run *lesson;
	bool lesson_cmd;          /* the lesson itself is running a command */
	struct last_alloc {       /* the block alloc last handed out (last_pfn) */
		bool have;
		unsigned long pfn;
		unsigned int order;
	} last_alloc;
	/* commands run so far, for `history` */
	char **history;
	size_t history_len, history_cap;
	/* `record FILE` (record.h) and the open quiz (quiz.h) */
	struct recording *rec;
	struct quiz *quiz;
};

/* Print one error line: "[FILE:LINE: ]CMD: message". Returns -1. */
int cmd_error(struct session *s, const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* After a kernel panic a command that would change the machine is refused (-1). */
int refuse_after_panic(struct session *s, const char *cmd);

/* Write a strbuf's text to the session's output. */
void session_print(struct session *s, const struct strbuf *sb);

/*
 * session_adopt(): make m the session's machine, with the subscriptions
 * (trace events, kernel log) the current one has. The old machine is not
 * freed: undo, stepping, lessons and the quiz keep theirs.
 */
void session_adopt(struct session *s, struct machine *m);

/* (Re)build the machine from the recipe; 0 or -1 with a message in err. */
int session_boot(struct session *s, char *err, size_t errlen);
void session_free(struct session *s);

/*
 * Ctrl-C while a command runs: session_interrupt() (async-signal-safe, for
 * a SIGINT handler) asks the command running in the session named by
 * session_interruptible() to stop; it stops at its next page or jiffy, and
 * the machine of before it is put back.
 */
void session_interruptible(struct session *s);
void session_interrupt(int sig);

/*
 * The name commands read from standard input run under (a pipe or a file
 * redirected to mmsh): input the user gives, as typed commands are, not a
 * script someone else wrote (see --allow-writes).
 */
extern const char session_stdin[];

/*
 * session_run_on(): run `line` on *m as a re-run of the session's own
 * commands: silently (what it prints, kernel messages included, goes to
 * *output, or is dropped), with no history, undo entry or recording, and
 * with `step` subscribed to its kernel steps when given. A command that
 * puts a new machine in place (reset) leaves it in *m. The session's own
 * machine and streams are untouched. Returns the line's status, or -2
 * without memory.
 */
int session_run_on(struct session *s, struct machine **m, const char *line, kstep_fn step,
		   void *step_arg, char **output);

/* Run one line: commands separated by ';', '#' comments. */
int session_run_line(struct session *s, const char *line);

/* Run a file or stream line by line; stops at the first failure unless keep_going. */
int session_run_stream(struct session *s, FILE *f, const char *name, bool keep_going);

#endif
