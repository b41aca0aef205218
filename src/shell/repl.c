/*
 * src/shell/repl.c: the interactive prompt. Lines are read with GNU
 * readline, remembered in the history file (mode 0600 in a 0700 directory)
 * and completed from the command table: commands, keys, zone names, gfp
 * flags, sysctls, events, settings and file names.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "complete.h"
#include "lesson.h"
#include "repl.h"
#include "timeline.h"

#define HISTORY_LINES 1000


static int mkdir_p(const char *path, mode_t mode)
{
	char tmp[1024], *p;

	if (snprintf(tmp, sizeof(tmp), "%s", path) >= (int)sizeof(tmp))
		return -1;
	for (p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, mode) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(tmp, mode) < 0 && errno != EEXIST)
		return -1;
	return 0;
}

int state_dir(char *buf, size_t len)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");

	if (xdg && *xdg)
		snprintf(buf, len, "%s/mmsh", xdg);
	else if (home && *home)
		snprintf(buf, len, "%s/.local/state/mmsh", home);
	else
		return -1;
	return mkdir_p(buf, 0700);
}

/* ---- completion ------------------------------------------------------------ */

/* readline's callbacks take no context: the session and the answer live here. */
static struct session *completing;
static struct completions answer;
static size_t answer_next;

static char *next_answer(const char *text, int state)
{
	(void)text;
	(void)state;
	if (answer_next < answer.n)
		return strdup(answer.words[answer_next++]);
	return NULL;
}

static char **mmsh_completion(const char *text, int start, int end)
{
	char before[1024];

	(void)end;
	snprintf(before, sizeof(before), "%.*s", start, rl_line_buffer);
	completions_free(&answer);
	complete(completing, before, text, &answer);
	answer_next = 0;
	rl_attempted_completion_over = !answer.want_filenames;
	if (answer.want_filenames)
		return NULL;   /* readline completes file names */
	rl_completion_append_character = answer.no_space ? '\0' : ' ';
	return rl_completion_matches(text, next_answer);
}

void readline_setup(struct session *s)
{
	completing = s;
	rl_readline_name = "mmsh";
	rl_attempted_completion_function = mmsh_completion;
	rl_basic_word_break_characters = " \t;";
}

/* ---- the prompt ------------------------------------------------------------- */

static sigjmp_buf prompt_jump;
static volatile sig_atomic_t at_prompt;

static void on_sigint(int sig)
{
	if (at_prompt)
		siglongjmp(prompt_jump, 1);
	session_interrupt(sig);   /* a command is running: it stops */
}

int history_open(char *path, size_t len)
{
	char dir[900];
	int fd;

	if (state_dir(dir, sizeof(dir)) < 0)
		return -1;
	snprintf(path, len, "%s/history", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0600);
	if (fd < 0)
		return -1;
	close(fd);
	read_history(path);
	return 0;
}

int repl_run(struct session *s, bool show_banner, const char *banner)
{
	char hist[1024];
	bool have_history = history_open(hist, sizeof(hist)) == 0;
	struct sigaction sa;

	readline_setup(s);
	rl_catch_signals = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	session_interruptible(s);
	if (show_banner)
		fputs(banner, s->out);
	s->interactive = true;
	while (!s->quit) {
		char *line;

		if (sigsetjmp(prompt_jump, 1)) {
			/* Ctrl-C at the prompt: drop the line, prompt again */
			at_prompt = 0;
			rl_free_line_state();
			rl_cleanup_after_signal();
			fputc('\n', s->out);
			continue;
		}
		at_prompt = 1;
		line = readline(timeline_stepping(s) ? "mmsh (step)> "
				: lesson_active(s) ? "mmsh (lesson)> " : "mmsh> ");
		at_prompt = 0;
		if (!line) {
			fputc('\n', s->out);
			break;
		}
		if (!*line && (timeline_stepping(s) || lesson_active(s))) {
			session_run_line(s, "next");   /* Enter steps, or goes on in a lesson */
		} else if (*line) {
			add_history(line);
			if (have_history)
				append_history(1, hist);
			session_run_line(s, line);
		}
		free(line);
	}
	if (have_history)
		history_truncate_file(hist, HISTORY_LINES);
	completions_free(&answer);
	completing = NULL;
	return 0;
}
