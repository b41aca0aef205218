/*
 * src/shell/complete.c: completion of commands, key= names, zone names,
 * gfp flags (after '|' too), sysctl names, trace events, settings, CPU and
 * node numbers, from the command table and the running machine.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdtab.h"
#include "complete.h"
#include "output.h"
#include "mmsh/kstep.h"
#include "mmsh/sysctl.h"
#include "mmsh/trace.h"

#define MAX_WORDS 64

/* Add prefix+word+suffix when it starts with text. */
static void add(struct completions *c, const char *text, const char *prefix,
		const char *word, const char *suffix)
{
	size_t n = strlen(prefix) + strlen(word) + strlen(suffix) + 1;
	char *w, **grown;

	w = malloc(n);
	if (!w)
		return;
	snprintf(w, n, "%s%s%s", prefix, word, suffix);
	if (strncmp(w, text, strlen(text)) != 0) {
		free(w);
		return;
	}
	for (n = 0; n < c->n; n++)   /* a name in two tables is offered once */
		if (strcmp(c->words[n], w) == 0) {
			free(w);
			return;
		}
	grown = realloc(c->words, sizeof(*grown) * (c->n + 1));
	if (!grown) {
		free(w);
		return;
	}
	c->words = grown;
	c->words[c->n++] = w;
}

/* Lesson names: the *.lesson files of every lesson directory. */
static void complete_lessons(struct completions *c, const char *text, const char *pre)
{
	const char *env = getenv("MMSH_LESSONS");
	const char *dirs[3] = { env && *env ? env : NULL, MMSH_LESSONDIR, MMSH_SRC_LESSONDIR };
	int i;

	for (i = 0; i < 3; i++) {
		DIR *d = dirs[i] ? opendir(dirs[i]) : NULL;
		struct dirent *e;

		while (d && (e = readdir(d)) != NULL) {
			size_t len = strlen(e->d_name);
			char name[256];

			if (len > 7 && len < sizeof(name) && strcmp(e->d_name + len - 7, ".lesson") == 0) {
				snprintf(name, sizeof(name), "%.*s", (int)(len - 7), e->d_name);
				add(c, text, pre, name, "");
			}
		}
		if (d)
			closedir(d);
	}
}

static void add_kind(struct completions *c, struct session *s, const char *text,
		     enum complete_kind kind, const char *pre, const struct command *cmd)
{
	size_t n, i;
	char num[16];
	int z;

	switch (kind) {
	case COMPLETE_COMMAND: {
		const struct command *t = command_table(&n);

		for (i = 0; i < n; i++)
			add(c, text, pre, t[i].name, "");
		break;
	}
	case COMPLETE_ZONE:
		for (z = 0; z < MAX_NR_ZONES; z++)
			add(c, text, pre, zone_names[z], "");
		break;
	case COMPLETE_GFP: {
		const struct gfp_name *t = gfp_name_table(&n);

		for (i = 0; i < n; i++)
			add(c, text, pre, t[i].name, "");
		t = gfp_bit_table(&n);
		for (i = 0; i < n; i++)
			add(c, text, pre, t[i].name, "");
		break;
	}
	case COMPLETE_SYSCTL: {
		const struct sysctl_entry *t = sysctl_table(&n);

		for (i = 0; i < n; i++) {
			char name[80];

			snprintf(name, sizeof(name), "vm.%s", t[i].name);
			add(c, text, pre, name, "");
		}
		break;
	}
	case COMPLETE_EVENT:
		for (i = 0; i < NR_TRACE_EVENTS; i++)
			add(c, text, pre, trace_event_name((enum trace_event_id)i), "");
		break;
	case COMPLETE_ONOFF:
		add(c, text, pre, "on", "");
		add(c, text, pre, "off", "");
		break;
	case COMPLETE_SETTING:
	case COMPLETE_WORDS:
		for (i = 0; cmd && cmd->words && cmd->words[i]; i++)
			add(c, text, pre, cmd->words[i], "");
		break;
	case COMPLETE_CPU:
		for (z = 0; z < s->m->nr_cpus; z++) {
			snprintf(num, sizeof(num), "%d", z);
			add(c, text, pre, num, "");
		}
		if (cmd && cmd->run == cmd_drain)
			add(c, text, pre, "all", "");
		break;
	case COMPLETE_NODE:
		for (z = 0; z < s->m->nr_node_ids; z++) {
			snprintf(num, sizeof(num), "%d", z);
			add(c, text, pre, num, "");
		}
		break;
	case COMPLETE_KSTEP: {
		const char *const *names = kstep_functions(&n);

		for (i = 0; i < n; i++)
			add(c, text, pre, names[i], "");
		break;
	}
	case COMPLETE_LESSON:
		complete_lessons(c, text, pre);
		break;
	case COMPLETE_FILE:
		c->want_filenames = true;
		break;
	case COMPLETE_NONE:
		break;
	}
}

/* The text up to and including the last '|' of a gfp mask being typed. */
static void gfp_prefix(const char *text, size_t start, char *pre, size_t len)
{
	const char *bar = strrchr(text + start, '|');

	if (bar)
		snprintf(pre, len, "%.*s", (int)(bar - text + 1), text);
	else
		snprintf(pre, len, "%.*s", (int)start, text);
}

void complete(struct session *s, const char *before, const char *text,
	      struct completions *out)
{
	char line[1024], why[128], *words[MAX_WORDS], *save = NULL, *w;
	const struct command *cmd;
	const char *eq, *semi;
	int nwords = 0;

	memset(out, 0, sizeof(*out));
	/* the current command starts after the last ';' */
	semi = strrchr(before, ';');
	snprintf(line, sizeof(line), "%s", semi ? semi + 1 : before);
	for (w = strtok_r(line, " \t", &save); w && nwords < MAX_WORDS;
	     w = strtok_r(NULL, " \t", &save))
		words[nwords++] = w;
	if (nwords == 0) {
		add_kind(out, s, text, COMPLETE_COMMAND, "", NULL);
		return;
	}
	cmd = find_command(words[0], why, sizeof(why));
	if (!cmd)
		return;
	eq = strchr(text, '=');
	if (eq) {   /* a key's value: gfp=GFP_KER... */
		char key[32], pre[256];
		const struct key_spec *k;

		snprintf(key, sizeof(key), "%.*s", (int)(eq - text), text);
		for (k = cmd->keys; k->name; k++)
			if (strcmp(k->name, key) == 0)
				break;
		if (!k->name || strcmp(k->name, "*") == 0)
			return;
		if (k->complete == COMPLETE_GFP)
			gfp_prefix(text, (size_t)(eq - text + 1), pre, sizeof(pre));
		else
			snprintf(pre, sizeof(pre), "%.*s", (int)(eq - text + 1), text);
		add_kind(out, s, text, k->complete, pre, cmd);
		return;
	}
	if (cmd->run == cmd_gfp) {
		char pre[256];

		gfp_prefix(text, 0, pre, sizeof(pre));
		add_kind(out, s, text, COMPLETE_GFP, pre, cmd);
		return;
	}
	{
		enum complete_kind kind = nwords == 1 ? cmd->first_complete : cmd->rest_complete;
		const struct key_spec *k;

		if (cmd->run == cmd_set && nwords == 2 && strcmp(words[1], "output") == 0) {
			const char *const *f;

			for (f = output_names; *f; f++)   /* set output human|json|csv */
				add(out, text, "", *f, "");
			return;
		}
		if (cmd->run == cmd_set && nwords == 2)
			kind = COMPLETE_ONOFF;
		/* save FILE: a word that cannot become svg is the state file's name */
		if (cmd->run == cmd_save && nwords == 1 && strncmp(text, "svg", strlen(text)) != 0)
			kind = COMPLETE_FILE;
		if (cmd->run == cmd_save && nwords == 3) {   /* save svg FILE memory|plot */
			const char *const *pic;

			kind = COMPLETE_NONE;
			for (pic = save_svg_words; *pic; pic++)
				add(out, text, "", *pic, "");
		}
		add_kind(out, s, text, kind, "", cmd);
		for (k = cmd->keys; k->name; k++)
			if (strcmp(k->name, "*") != 0)
				add(out, text, "", k->name, "=");
		if (out->n == 1 && out->words[0][strlen(out->words[0]) - 1] == '=')
			out->no_space = true;
	}
}

void completions_free(struct completions *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->words[i]);
	free(c->words);
	c->words = NULL;
	c->n = 0;
}
