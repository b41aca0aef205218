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

#include "cmdtab.h"
#include "mmsh/sysctl.h"
#include "mmsh/trace.h"
#include "repl.h"

#define HISTORY_LINES 1000

/* readline's completion callbacks take no context: the session is here. */
static struct session *completing;

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

/* A generator over a NULL-terminated word list, filtered by prefix. */
static const char *const *gen_words;
static char gen_prefix[64];
static size_t gen_index;
static char *gen_buf[512];
static size_t gen_count;

static void gen_reset(void)
{
	size_t i;

	for (i = 0; i < gen_count; i++)
		free(gen_buf[i]);
	gen_count = 0;
	gen_index = 0;
}

static void gen_add(const char *prefix, const char *word, const char *suffix)
{
	size_t n;

	if (gen_count == sizeof(gen_buf) / sizeof(gen_buf[0]))
		return;
	n = strlen(prefix) + strlen(word) + strlen(suffix) + 1;
	gen_buf[gen_count] = malloc(n);
	if (!gen_buf[gen_count])
		return;
	snprintf(gen_buf[gen_count], n, "%s%s%s", prefix, word, suffix);
	gen_count++;
}

static char *gen_next(const char *text, int state)
{
	(void)state;
	while (gen_index < gen_count) {
		char *w = gen_buf[gen_index++];

		if (strncmp(w, text, strlen(text)) == 0)
			return strdup(w);
	}
	return NULL;
}

/* Fill the generator with what `kind` completes to (`pre` is kept). */
static void gen_fill(enum complete_kind kind, const char *pre, const struct command *c)
{
	size_t n, i;
	int z;
	char num[16];

	switch (kind) {
	case COMPLETE_COMMAND: {
		const struct command *t = command_table(&n);

		for (i = 0; i < n; i++)
			gen_add(pre, t[i].name, "");
		break;
	}
	case COMPLETE_ZONE:
		for (z = 0; z < MAX_NR_ZONES; z++)
			gen_add(pre, zone_names[z], "");
		break;
	case COMPLETE_GFP: {
		const struct gfp_name *t = gfp_name_table(&n);

		for (i = 0; i < n; i++)
			gen_add(pre, t[i].name, "");
		break;
	}
	case COMPLETE_SYSCTL: {
		const struct sysctl_entry *t = sysctl_table(&n);

		for (i = 0; i < n; i++)
			gen_add(pre, "vm.", t[i].name);
		break;
	}
	case COMPLETE_EVENT:
		for (i = 0; i < NR_TRACE_EVENTS; i++)
			gen_add(pre, trace_event_name((enum trace_event_id)i), "");
		break;
	case COMPLETE_ONOFF:
		gen_add(pre, "on", "");
		gen_add(pre, "off", "");
		break;
	case COMPLETE_SETTING:
	case COMPLETE_WORDS:
		for (i = 0; c && c->words && c->words[i]; i++)
			gen_add(pre, c->words[i], "");
		break;
	case COMPLETE_CPU:
		for (z = 0; completing && z < completing->m->nr_cpus; z++) {
			snprintf(num, sizeof(num), "%d", z);
			gen_add(pre, num, "");
		}
		if (c && strcmp(c->name, "drain") == 0)
			gen_add(pre, "all", "");
		break;
	case COMPLETE_NODE:
		for (z = 0; completing && z < completing->m->nr_node_ids; z++) {
			snprintf(num, sizeof(num), "%d", z);
			gen_add(pre, num, "");
		}
		break;
	case COMPLETE_FILE:
	case COMPLETE_NONE:
		break;
	}
}

static char **mmsh_completion(const char *text, int start, int end)
{
	char line[1024], *words[64], *save = NULL, *w;
	int nwords = 0;
	const struct command *c = NULL;
	char why[128];
	const char *eq;
	(void)end;

	rl_attempted_completion_over = 1;
	gen_reset();
	gen_words = NULL;
	snprintf(line, sizeof(line), "%.*s", start, rl_line_buffer);
	/* the current command starts after the last ';' */
	if (strrchr(line, ';'))
		memmove(line, strrchr(line, ';') + 1, strlen(strrchr(line, ';') + 1) + 1);
	for (w = strtok_r(line, " \t", &save); w && nwords < 64; w = strtok_r(NULL, " \t", &save))
		words[nwords++] = w;
	snprintf(gen_prefix, sizeof(gen_prefix), "%s", text);
	if (nwords == 0) {
		gen_fill(COMPLETE_COMMAND, "", NULL);
		return rl_completion_matches(text, gen_next);
	}
	c = find_command(words[0], why, sizeof(why));
	if (!c)
		return NULL;
	eq = strchr(text, '=');
	if (eq) {   /* completing a key's value */
		char key[32], pre[256];
		const struct key_spec *k;

		snprintf(key, sizeof(key), "%.*s", (int)(eq - text), text);
		snprintf(pre, sizeof(pre), "%.*s", (int)(eq - text + 1), text);
		if (strcmp(c->name, "sysctl") == 0)
			return NULL;
		for (k = c->keys; k->name; k++)
			if (strcmp(k->name, key) == 0)
				break;
		if (!k->name)
			return NULL;
		if (k->complete == COMPLETE_GFP && strrchr(text, '|')) {
			/* complete the flag after the last '|' */
			snprintf(pre, sizeof(pre), "%.*s", (int)(strrchr(text, '|') - text + 1), text);
		}
		gen_fill(k->complete, pre, c);
		return rl_completion_matches(text, gen_next);
	}
	if (c->run == cmd_gfp && strrchr(text, '|')) {
		char pre[256];

		snprintf(pre, sizeof(pre), "%.*s", (int)(strrchr(text, '|') - text + 1), text);
		gen_fill(COMPLETE_GFP, pre, c);
		return rl_completion_matches(text, gen_next);
	}
	/* a positional word, or the start of a key= */
	{
		enum complete_kind kind = nwords == 1 ? c->first_complete : c->rest_complete;
		const struct key_spec *k;

		if (c->run == cmd_set && nwords == 2)
			kind = COMPLETE_ONOFF;
		if (kind == COMPLETE_FILE) {
			rl_attempted_completion_over = 0;   /* readline's file names */
			return NULL;
		}
		gen_fill(kind, "", c);
		for (k = c->keys; k->name; k++)
			if (strcmp(k->name, "*") != 0)
				gen_add("", k->name, "=");
		rl_completion_append_character = ' ';
		{
			char **m = rl_completion_matches(text, gen_next);

			/* no space after "key=": the value follows */
			if (m && !m[1] && m[0][strlen(m[0]) - 1] == '=')
				rl_completion_append_character = '\0';
			return m;
		}
	}
}

/* ---- the prompt ------------------------------------------------------------- */

static sigjmp_buf prompt_jump;
static volatile sig_atomic_t at_prompt;

static void on_sigint(int sig)
{
	(void)sig;
	if (at_prompt)
		siglongjmp(prompt_jump, 1);
}

static int open_history(char *path, size_t len)
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
	bool have_history = open_history(hist, sizeof(hist)) == 0;
	struct sigaction sa;

	completing = s;
	rl_readline_name = "mmsh";
	rl_attempted_completion_function = mmsh_completion;
	rl_basic_word_break_characters = " \t;";
	rl_catch_signals = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
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
		line = readline("mmsh> ");
		at_prompt = 0;
		if (!line) {
			fputc('\n', s->out);
			break;
		}
		if (*line) {
			add_history(line);
			if (have_history)
				append_history(1, hist);
			session_run_line(s, line);
		}
		free(line);
	}
	if (have_history)
		history_truncate_file(hist, HISTORY_LINES);
	gen_reset();
	completing = NULL;
	return 0;
}
