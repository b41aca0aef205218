/*
 * src/shell/main.c: mmsh's entry point. Reads the options, boots the
 * machine, then runs -c commands, -x files and script operands in order;
 * with none of those it reads standard input, at a readline prompt when
 * that is a terminal. Exit status: 0 all commands succeeded, 1 one failed,
 * 2 bad usage.
 */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "lesson.h"
#include "options.h"
#include "parse.h"
#include "record.h"
#include "repl.h"
#include "session.h"
#include "tui.h"

/* The start-up file: ~/.mmshrc, else $XDG_CONFIG_HOME/mmsh/mmshrc. */
static void run_startup_file(struct session *s)
{
	const char *home = getenv("HOME"), *xdg = getenv("XDG_CONFIG_HOME");
	char path[1024];
	FILE *f = NULL;

	if (home && *home) {
		snprintf(path, sizeof(path), "%s/.mmshrc", home);
		f = fopen(path, "r");
	}
	if (!f) {
		if (xdg && *xdg)
			snprintf(path, sizeof(path), "%s/mmsh/mmshrc", xdg);
		else if (home && *home)
			snprintf(path, sizeof(path), "%s/.config/mmsh/mmshrc", home);
		else
			return;
		f = fopen(path, "r");
	}
	if (!f)
		return;
	session_run_stream(s, f, path, true);
	fclose(f);
}

static void describe_machine(struct session *s, char *buf, size_t len)
{
	struct machine *m = s->m;
	size_t used;
	char size[32];
	int nid, z;
	unsigned long pages = 0;

	for (nid = 0; nid < m->nr_node_ids; nid++)
		pages += m->node_data[nid]->node_present_pages;
	format_size((unsigned long long)pages * PAGE_SIZE, size, sizeof(size));
	used = (size_t)snprintf(buf, len, "%s machine: %d node%s, %d CPU%s, %s:", s->recipe.preset,
				m->nr_node_ids, m->nr_node_ids == 1 ? "" : "s", m->nr_cpus,
				m->nr_cpus == 1 ? "" : "s", size);
	for (nid = 0; nid < m->nr_node_ids && used < len; nid++)
		for (z = 0; z < MAX_NR_ZONES && used < len; z++) {
			struct zone *zone = &m->node_data[nid]->node_zones[z];
			char label[16] = "";

			if (!populated_zone(zone))
				continue;
			if (m->nr_node_ids > 1)
				snprintf(label, sizeof(label), "node%d:", nid);
			format_size((unsigned long long)zone->present_pages * PAGE_SIZE, size,
				    sizeof(size));
			used += (size_t)snprintf(buf + used, len - used, " %s%s %s", label,
						 zone->name, size);
		}
}

/*
 * close_stdout(): results that could not be written are an error (a full
 * disk, a closed descriptor), reported once on stderr with status 1. A
 * reader that went away (EPIPE, `mmsh ... | head -1`) is not: SIGPIPE
 * normally ends mmsh silently before we get here.
 */
static int close_stdout(int status, bool output_gone)
{
	bool failed = ferror(stdout) != 0;

	if (output_gone) {   /* SIGPIPE ignored: the reader left, stop quietly */
		clearerr(stdout);
		fclose(stdout);
		return status;
	}
	errno = 0;
	if (fclose(stdout) != 0)
		failed = true;
	if (failed && errno != EPIPE) {
		fprintf(stderr, "mmsh: write error%s%s\n", errno ? ": " : "",
			errno ? strerror(errno) : "");
		return status ? status : 1;
	}
	return status;
}

/*
 * The interactive front end: the ncurses view unless --plain, or unless
 * the terminal cannot show it (then the plain prompt, with a notice).
 */
static int interact(struct session *s, const struct options *o, bool show_banner,
		    const char *banner, const char *first)
{
	struct tui_options to = { .no_color = o->no_color, .demo = o->demo,
				  .banner = show_banner ? banner : NULL, .first_command = first };
	char why[200];

	if (!o->force_plain) {
		if (tui_usable(why, sizeof(why))) {
			tui_run(s, &to);
			return 0;
		}
		if (o->force_tui || isatty(STDOUT_FILENO))
			fprintf(stderr, "mmsh: no ncurses view: %s; using the plain prompt\n", why);
	}
	if (show_banner)
		fputs(banner, s->out);
	if (first && session_run_line(s, first) < 0)
		return 1;
	repl_run(s, false, banner);
	return 0;
}

/* Run -c strings and script files in the order given. */
static int run_actions(struct session *s, const struct options *o)
{
	size_t i;
	int status = 0;

	for (i = 0; i < o->nr_actions && !s->quit; i++) {
		const struct action *act = &o->actions[i];
		int rc;

		if (act->kind == ACTION_COMMANDS) {
			FILE *f = fmemopen((void *)act->text, strlen(act->text), "r");

			if (!f) {
				cmd_error(s, NULL, "-c: %s", strerror(errno));
				return 1;
			}
			rc = session_run_stream(s, f, NULL, o->keep_going);
			fclose(f);
		} else {
			FILE *f = fopen(act->text, "r");

			if (!f) {
				fprintf(stderr, "mmsh: cannot open '%s': %s\n", act->text, strerror(errno));
				return 1;
			}
			rc = session_run_stream(s, f, act->text, o->keep_going);
			fclose(f);
		}
		if (rc < 0) {
			status = 1;
			if (!o->keep_going)
				break;
		}
	}
	return status;
}

int main(int argc, char **argv)
{
	struct options o;
	struct session s;
	char err[400], banner[800], desc[600];
	int rc, status = 0;
	bool output_gone;

	setlocale(LC_CTYPE, "");   /* the character set of the user's terminal */
	rc = parse_options(argc, argv, &o);
	if (rc >= 0) {
		free_options(&o);
		return close_stdout(rc, false);
	}
	memset(&s, 0, sizeof(s));
	s.out = stdout;
	s.err = stderr;
	s.recipe = o.recipe;
	s.seed = o.seed;
	s.allow_writes = o.allow_writes;
	if (session_boot(&s, err, sizeof(err)) < 0) {
		fprintf(stderr, "mmsh: cannot boot the machine: %s\n", err);
		session_free(&s);
		free_options(&o);
		return 2;
	}
	describe_machine(&s, desc, sizeof(desc));
	snprintf(banner, sizeof(banner),
		 "mmsh %s: Linux 5.10 physical memory management, simulated.\n%s\n"
		 "Type help for the commands, quit or Ctrl-D to leave.\n",
		 PACKAGE_VERSION, desc);

	if (o.list_lessons) {
		lesson_list(&s);
	} else if (o.lesson && o.check) {
		status = lesson_check(&s, o.lesson) < 0 ? 1 : 0;
	} else if (o.lesson) {
		char first[300];

		snprintf(first, sizeof(first), "lesson start '%s'", o.lesson);
		if (isatty(STDIN_FILENO))
			status = interact(&s, &o, !o.quiet, banner, first);
		else if (session_run_line(&s, first) < 0 ||
			 session_run_stream(&s, stdin, session_stdin, o.keep_going) < 0)
			status = 1;
	} else if (o.nr_actions && o.demo && play_possible()) {
		/* --demo SCRIPT: the view plays the scripts a line at a time */
		status = play_scripts(&s, &o, o.quiet ? NULL : banner);
	} else if (o.nr_actions) {
		status = run_actions(&s, &o);
		if (o.stay_interactive && !s.quit && isatty(STDIN_FILENO)) {
			interact(&s, &o, !o.quiet, banner, NULL);
		} else if (o.stay_interactive && !s.quit) {
			if (session_run_stream(&s, stdin, session_stdin, o.keep_going) < 0)
				status = 1;
		}
	} else if (!isatty(STDIN_FILENO)) {
		if (session_run_stream(&s, stdin, session_stdin, o.keep_going) < 0)
			status = 1;
	} else {
		run_startup_file(&s);
		if (!s.quit)
			interact(&s, &o, !o.quiet, banner, NULL);
	}
	output_gone = s.output_gone;
	session_free(&s);
	free_options(&o);
	return close_stdout(status, output_gone);
}
