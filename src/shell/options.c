/*
 * src/shell/options.c: reading mmsh's command line. Options are collected
 * first and applied in a fixed order (preset, then --nodes, --mem or
 * --zones, then --cpus, --max-order, --pageblock-order, --thp, --swap),
 * so their order on the command line does not matter. Usage errors exit 2.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "options.h"
#include "parse.h"

enum {
	OPT_TUI = 256, OPT_PLAIN, OPT_PRESET, OPT_MEM, OPT_ZONES, OPT_NODES, OPT_CPUS,
	OPT_MAX_ORDER, OPT_PAGEBLOCK_ORDER, OPT_THP, OPT_SWAP, OPT_SYSCTL, OPT_SEED,
	OPT_LESSON, OPT_LIST_LESSONS, OPT_NO_COLOR, OPT_HELP, OPT_VERSION, OPT_DEMO, OPT_CHECK,
	OPT_ALLOW_WRITES,
};

static const struct option long_options[] = {
	{ "tui", no_argument, NULL, OPT_TUI },
	{ "plain", no_argument, NULL, OPT_PLAIN },
	{ "demo", no_argument, NULL, OPT_DEMO },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "preset", required_argument, NULL, OPT_PRESET },
	{ "mem", required_argument, NULL, OPT_MEM },
	{ "zones", required_argument, NULL, OPT_ZONES },
	{ "nodes", required_argument, NULL, OPT_NODES },
	{ "cpus", required_argument, NULL, OPT_CPUS },
	{ "max-order", required_argument, NULL, OPT_MAX_ORDER },
	{ "pageblock-order", required_argument, NULL, OPT_PAGEBLOCK_ORDER },
	{ "thp", required_argument, NULL, OPT_THP },
	{ "swap", required_argument, NULL, OPT_SWAP },
	{ "sysctl", required_argument, NULL, OPT_SYSCTL },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "lesson", required_argument, NULL, OPT_LESSON },
	{ "list-lessons", no_argument, NULL, OPT_LIST_LESSONS },
	{ "keep-going", no_argument, NULL, 'k' },
	{ "no-color", no_argument, NULL, OPT_NO_COLOR },
	{ "allow-writes", no_argument, NULL, OPT_ALLOW_WRITES },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

static void usage(FILE *f)
{
	fputs("Usage: mmsh [OPTION]... [SCRIPT]...\n"
	      "An interactive shell over a simulated machine whose memory is managed\n"
	      "exactly as Linux 5.10 manages it: buddy allocator, migratetypes, per-CPU\n"
	      "lists, watermarks and the allocation paths.\n"
	      "\n"
	      "Running commands:\n"
	      "  -c CMDS                run CMDS (separated by ';' or newlines) and exit\n"
	      "  -x FILE                run the commands in FILE and exit (as a SCRIPT does)\n"
	      "  -i                     stay interactive after -c, -x or SCRIPTs\n"
	      "  -k, --keep-going       in scripts, go on after a failing command\n"
	      "      --allow-writes     let scripts write files (save, record)\n"
	      "      --tui              the ncurses view (the default on a terminal)\n"
	      "      --plain            the plain readline prompt instead\n"
	      "      --demo             the ncurses view for a classroom projector; with\n"
	      "                         SCRIPTs, it plays them a command at a time\n"
	      "  -q                     no banner\n"
	      "      --no-color         no colour (also when NO_COLOR is set)\n"
	      "\n"
	      "The machine:\n"
	      "      --preset NAME      default, tiny, numa or host\n"
	      "      --mem SIZE         total memory, zoned as on x86-64 (e.g. 1G)\n"
	      "      --zones SPEC       zones of each node, e.g. DMA:16M,Normal:240M;\n"
	      "                         NAME:SPANNED/PRESENT/MANAGED in pages\n"
	      "      --nodes N          NUMA nodes (1-16)\n"
	      "      --cpus N           CPUs (1-64)\n"
	      "      --max-order N      MAX_ORDER (2-20; default 11)\n"
	      "      --pageblock-order N  pageblock_order (1 to MAX_ORDER-1; default 9)\n"
	      "      --thp MODE         always, madvise (default) or never\n"
	      "      --swap SIZE        size of the swap device (default: half of memory)\n"
	      "      --sysctl vm.NAME=VALUE  set a sysctl after boot (repeatable)\n"
	      "      --seed N           seed of every random choice (default 1)\n"
	      "\n"
	      "      --lesson NAME      start the lesson NAME (mmsh-lesson(5))\n"
	      "      --lesson NAME --check  run it unattended; exit 1 if a step fails\n"
	      "      --list-lessons     list the lessons and exit\n"
	      "      --help             show this help and exit\n"
	      "      --version          show the version and exit\n"
	      "\n"
	      "SIZE is in bytes with an optional K, M, G or T suffix. Without -c, -x or a\n"
	      "SCRIPT, mmsh reads commands from the terminal (or from standard input when\n"
	      "it is not a terminal). Type 'help' inside mmsh for the commands.\n"
	      "Exit status: 0 if every command succeeded, 1 if one failed, 2 on bad usage.\n"
	      "See mmsh(1).\n", f);
}

static int usage_error(const char *fmt, const char *arg, const char *reason)
{
	fprintf(stderr, "mmsh: ");
	fprintf(stderr, fmt, arg);
	if (reason)
		fprintf(stderr, ": %s", reason);
	fputs("\nTry 'mmsh --help' for more information.\n", stderr);
	return 2;
}

/* A size in bytes to whole pages. */
static int size_to_pages(const char *s, unsigned long *pages, const char **why)
{
	unsigned long long bytes;
	int rc;

	rc = parse_u64(s, true, &bytes);
	if (rc < 0) {
		*why = rc == -2 ? "too large (more bytes than 64 bits count)"
				: "expected a size such as 256M or 1G";
		return -1;
	}
	if (bytes % PAGE_SIZE) {
		*why = "not a whole number of 4 KiB pages";
		return -1;
	}
	*pages = (unsigned long)(bytes / PAGE_SIZE);
	return 0;
}

int parse_zones(const char *spec, struct zone_shape zones[MAX_NR_ZONES],
		char *err, size_t errlen)
{
	char *copy = strdup(spec), *save = NULL, *item;
	bool seen[MAX_NR_ZONES] = { false };
	int count = 0;

	if (!copy) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	memset(zones, 0, sizeof(struct zone_shape) * MAX_NR_ZONES);
	for (item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		char *colon = strchr(item, ':'), *size;
		unsigned long long v[3];
		int z, nv = 0;

		if (!colon) {
			snprintf(err, errlen, "'%s': expected NAME:SIZE", item);
			goto fail;
		}
		*colon = '\0';
		size = colon + 1;
		for (z = 0; z < MAX_NR_ZONES; z++)
			if (strcasecmp(item, zone_names[z]) == 0)
				break;
		if (z == MAX_NR_ZONES) {
			snprintf(err, errlen, "unknown zone '%s' (zones: DMA, DMA32, Normal, Movable)",
				 item);
			goto fail;
		}
		if (seen[z]) {
			snprintf(err, errlen, "zone %s is given twice", zone_names[z]);
			goto fail;
		}
		seen[z] = true;
		if (strchr(size, '/')) {
			char *p = size, *slash = NULL;

			while (nv < 3) {
				slash = strchr(p, '/');
				if (slash)
					*slash = '\0';
				if (parse_u64(p, false, &v[nv]) < 0) {
					snprintf(err, errlen, "zone %s: '%s' is not a page count",
						 zone_names[z], p);
					goto fail;
				}
				nv++;
				if (!slash)
					break;
				p = slash + 1;
			}
			if (nv != 3 || slash) {   /* fewer or more than three */
				snprintf(err, errlen, "zone %s: expected SPANNED/PRESENT/MANAGED pages",
					 zone_names[z]);
				goto fail;
			}
			zones[z] = (struct zone_shape){ (unsigned long)v[0], (unsigned long)v[1],
							(unsigned long)v[2] };
		} else {
			unsigned long pages;
			const char *why;

			if (parse_u64(size, false, &v[0]) == 0) {
				pages = (unsigned long)v[0];          /* a plain number: pages */
			} else if (size_to_pages(size, &pages, &why) < 0) {
				snprintf(err, errlen, "zone %s: '%s': %s", zone_names[z], size, why);
				goto fail;
			}
			zones[z] = (struct zone_shape){ pages, pages, pages };
		}
		if (zones[z].spanned == 0) {
			snprintf(err, errlen, "zone %s must have at least one page", zone_names[z]);
			goto fail;
		}
		count++;
	}
	if (count == 0) {
		snprintf(err, errlen, "no zones given");
		goto fail;
	}
	free(copy);
	return 0;
fail:
	free(copy);
	return -1;
}

static int set_preset(struct machine_recipe *r, const char *name)
{
	char err[300];

	if (strcmp(name, "default") == 0)
		machine_shape_default(&r->shape);
	else if (strcmp(name, "tiny") == 0)
		machine_shape_tiny(&r->shape);
	else if (strcmp(name, "numa") == 0)
		machine_shape_numa(&r->shape);
	else if (strcmp(name, "host") == 0) {
		/* MMSH_HOST_PROC replays another /proc (tests, other machines) */
		const char *proc = getenv("MMSH_HOST_PROC");
		char zoneinfo[512], sysvm[512];

		if (!proc || !*proc)
			proc = "/proc";
		snprintf(zoneinfo, sizeof(zoneinfo), "%s/zoneinfo", proc);
		snprintf(sysvm, sizeof(sysvm), "%s/sys/vm", proc);
		machine_shape_init(&r->shape);
		if (host_recipe(r, zoneinfo, sysvm, err, sizeof(err)) < 0)
			return usage_error("--preset host: %s", err, NULL);
	} else {
		return usage_error("--preset: unknown preset '%s'", name,
				   "presets are default, tiny, numa and host");
	}
	snprintf(r->preset, sizeof(r->preset), "%s", name);
	return -1;
}

static int small_number(const char *opt, const char *s, unsigned long lo,
			unsigned long hi, unsigned long *out)
{
	unsigned long long v;
	char range[64];

	snprintf(range, sizeof(range), "expected a number from %lu to %lu", lo, hi);
	if (parse_u64(s, false, &v) < 0 || v < lo || v > hi) {
		fprintf(stderr, "mmsh: %s: '%s': %s\nTry 'mmsh --help' for more information.\n",
			opt, s, range);
		return 2;
	}
	*out = (unsigned long)v;
	return -1;
}

static int add_action(struct options *o, enum action_kind kind, const char *text)
{
	struct action *grown = realloc(o->actions, sizeof(*grown) * (o->nr_actions + 1));

	if (!grown) {
		fputs("mmsh: out of memory\n", stderr);
		return 2;
	}
	o->actions = grown;
	o->actions[o->nr_actions].kind = kind;
	o->actions[o->nr_actions].text = text;
	o->nr_actions++;
	return -1;
}

static int add_sysctl(struct machine_recipe *r, const char *arg)
{
	const char *eq = strchr(arg, '=');
	size_t n;

	if (!eq || eq == arg)
		return usage_error("--sysctl '%s'", arg, "expected vm.NAME=VALUE");
	if (r->nr_sysctls == MAX_BOOT_SYSCTLS)
		return usage_error("--sysctl '%s'", arg, "too many --sysctl options");
	n = (size_t)(eq - arg);
	if (n >= sizeof(r->sysctls[0].name) || strlen(eq + 1) >= sizeof(r->sysctls[0].value))
		return usage_error("--sysctl '%s'", arg, "too long");
	memcpy(r->sysctls[r->nr_sysctls].name, arg, n);
	r->sysctls[r->nr_sysctls].name[n] = '\0';
	snprintf(r->sysctls[r->nr_sysctls].value, sizeof(r->sysctls[0].value), "%s", eq + 1);
	r->nr_sysctls++;
	return -1;
}

/*
 * Why getopt_long refused "--NAME[=VALUE]": a value given to an option
 * that takes none, a prefix of several options, or no such option.
 */
static int long_option_error(const char *arg)
{
	const char *name = arg + 2;
	size_t n = strcspn(name, "=");
	const struct option *opt, *found = NULL;
	char list[300] = "";
	int matches = 0;

	for (opt = long_options; opt->name; opt++) {
		if (strncmp(opt->name, name, n) != 0)
			continue;
		if (strlen(opt->name) == n) {   /* the whole name */
			found = opt;
			matches = 1;
			break;
		}
		found = opt;
		matches++;
		snprintf(list + strlen(list), sizeof(list) - strlen(list), " '--%s'", opt->name);
	}
	if (matches == 1 && name[n] == '=' && found->has_arg == no_argument)
		return usage_error("option '--%s' doesn't allow an argument", found->name, NULL);
	if (matches > 1) {
		fprintf(stderr, "mmsh: option '%.*s' is ambiguous; possibilities:%s\n",
			(int)(n + 2), arg, list);
		fputs("Try 'mmsh --help' for more information.\n", stderr);
		return 2;
	}
	return usage_error("unrecognized option '%s'", arg, NULL);
}

int parse_options(int argc, char **argv, struct options *o)
{
	struct machine_recipe *r = &o->recipe;
	const char *preset = "default", *mem = NULL, *zones = NULL, *thp = NULL, *swap = NULL;
	unsigned long nodes = 0, cpus = 0, max_order = 0, pb_order = 0, v;
	struct boot_sysctl user_sysctls[MAX_BOOT_SYSCTLS];
	int nr_user_sysctls, c, rc, i;
	char err[300];

	memset(o, 0, sizeof(*o));
	o->seed = 1;
	o->no_color = getenv("NO_COLOR") && *getenv("NO_COLOR");
	opterr = 0;
	/*
	 * 0, not 1: glibc then forgets where it was inside a cluster of short
	 * options. A parse that stopped at "-zpq" (z unknown) would otherwise
	 * go on with "pq" of that old argv, which a lesson's machine: line
	 * has freed by now.
	 */
	optind = 0;
	while ((c = getopt_long(argc, argv, "+:c:x:ikq", long_options, NULL)) != -1) {
		rc = -1;
		switch (c) {
		case 'c': rc = add_action(o, ACTION_COMMANDS, optarg); break;
		case 'x': rc = add_action(o, ACTION_FILE, optarg); break;
		case 'i': o->stay_interactive = true; break;
		case 'k': o->keep_going = true; break;
		case 'q': o->quiet = true; break;
		case OPT_TUI: o->force_tui = true; o->force_plain = false; break;
		case OPT_PLAIN: o->force_plain = true; o->force_tui = false; break;
		case OPT_DEMO: o->demo = true; o->force_tui = true; o->force_plain = false; break;
		case OPT_PRESET: preset = optarg; break;
		case OPT_MEM: mem = optarg; break;
		case OPT_ZONES: zones = optarg; break;
		case OPT_NODES: rc = small_number("--nodes", optarg, 1, MAX_NUMNODES, &nodes); break;
		case OPT_CPUS: rc = small_number("--cpus", optarg, 1, MAX_CPUS, &cpus); break;
		case OPT_MAX_ORDER:
			rc = small_number("--max-order", optarg, 2, MAX_ORDER_LIMIT, &max_order);
			break;
		case OPT_PAGEBLOCK_ORDER:
			rc = small_number("--pageblock-order", optarg, 1, MAX_ORDER_LIMIT - 1, &pb_order);
			break;
		case OPT_THP: thp = optarg; break;
		case OPT_SWAP: swap = optarg; break;
		case OPT_SYSCTL: rc = add_sysctl(r, optarg); break;
		case OPT_SEED:
			rc = small_number("--seed", optarg, 0, ~0UL, &o->seed);
			break;
		case OPT_LESSON: o->lesson = optarg; break;
		case OPT_CHECK: o->check = true; break;
		case OPT_LIST_LESSONS: o->list_lessons = true; break;
		case OPT_NO_COLOR: o->no_color = true; break;
		case OPT_ALLOW_WRITES: o->allow_writes = true; break;
		case OPT_HELP: usage(stdout); return 0;
		case OPT_VERSION:
			printf("mmsh %s\nmodels the physical memory management of Linux 5.10 "
			       "(x86-64, 4 KiB pages)\n", PACKAGE_VERSION);
			return 0;
		case ':':
			return usage_error("option '%s' needs an argument", argv[optind - 1], NULL);
		default:
			if (strncmp(argv[optind - 1], "--", 2) == 0)
				return long_option_error(argv[optind - 1]);
			if (optopt && optopt < 256) {
				char opt[2] = { (char)optopt, '\0' };

				return usage_error("invalid option -- '%s'", opt, NULL);
			}
			return usage_error("unrecognized option '%s'", argv[optind - 1], NULL);
		}
		if (rc >= 0)
			return rc;
	}
	for (i = optind; i < argc; i++)
		if ((rc = add_action(o, ACTION_FILE, argv[i])) >= 0)
			return rc;

	/* the preset first; the shape options then change it */
	nr_user_sysctls = r->nr_sysctls;
	memcpy(user_sysctls, r->sysctls, sizeof(user_sysctls));
	r->nr_sysctls = 0;
	if ((rc = set_preset(r, preset)) >= 0)
		return rc;
	for (i = 0; i < nr_user_sysctls && r->nr_sysctls < MAX_BOOT_SYSCTLS; i++)
		r->sysctls[r->nr_sysctls++] = user_sysctls[i];
	if (nodes && !zones && !mem) {
		/* keep the preset's memory, now split across the nodes */
		unsigned long total = 0;
		int n, z;

		for (n = 0; n < r->shape.nr_nodes; n++)
			for (z = 0; z < MAX_NR_ZONES; z++)
				total += r->shape.zones[n][z].present;
		r->shape.nr_nodes = (int)nodes;
		if (machine_shape_x86(&r->shape, total, NULL) < 0)
			return usage_error("--nodes: %s", "too many nodes for the preset's memory",
					   NULL);
	} else if (nodes) {
		r->shape.nr_nodes = (int)nodes;
	}
	if (mem && zones)
		return usage_error("%s", "--mem and --zones", "give one or the other");
	if (mem) {
		unsigned long pages;
		const char *why;
		struct mm_error e;

		if (size_to_pages(mem, &pages, &why) < 0)
			return usage_error("--mem '%s'", mem, why);
		if (pages == 0)
			return usage_error("--mem '%s'", mem, "a machine needs at least one page (4K)");
		if (machine_shape_x86(&r->shape, pages, &e) < 0)
			return usage_error("--mem '%s'", mem, e.msg);
		r->shape.start_pfn = 0;
	}
	if (zones) {
		struct zone_shape zs[MAX_NR_ZONES];
		int n;

		if (parse_zones(zones, zs, err, sizeof(err)) < 0)
			return usage_error("--zones: %s", err, NULL);
		memset(r->shape.zones, 0, sizeof(r->shape.zones));
		for (n = 0; n < r->shape.nr_nodes; n++)
			memcpy(r->shape.zones[n], zs, sizeof(zs));
		r->shape.start_pfn = 0;
	}
	if (cpus)
		r->shape.nr_cpus = (int)cpus;
	if (max_order) {
		r->shape.max_order = (unsigned int)max_order;
		if (!pb_order && r->shape.pageblock_order > max_order - 1)
			r->shape.pageblock_order = (unsigned int)max_order - 1;
	}
	if (pb_order)
		r->shape.pageblock_order = (unsigned int)pb_order;
	if (thp) {
		if (strcmp(thp, "always") == 0)
			r->shape.thp = THP_ALWAYS;
		else if (strcmp(thp, "madvise") == 0)
			r->shape.thp = THP_MADVISE;
		else if (strcmp(thp, "never") == 0)
			r->shape.thp = THP_NEVER;
		else
			return usage_error("--thp '%s'", thp, "expected always, madvise or never");
	}
	{
		struct mm_error e;

		if (machine_shape_check(&r->shape, &e) < 0)
			return usage_error("%s", e.msg, NULL);
	}
	if (swap) {
		const char *why;

		if (size_to_pages(swap, &v, &why) < 0)
			return usage_error("--swap '%s'", swap, why);
		r->swap_pages = v;
	} else {
		unsigned long present = 0;
		int n, z;

		for (n = 0; n < r->shape.nr_nodes; n++)
			for (z = 0; z < MAX_NR_ZONES; z++)
				present += r->shape.zones[n][z].present;
		r->swap_pages = present / 2;
	}
	if (o->check && !o->lesson)
		return usage_error("%s", "--check", "goes with --lesson NAME");
	if (o->lesson && (o->nr_actions || o->stay_interactive))
		return usage_error("%s", "--lesson", "does not go with -c, -x, -i or a script");
	return -1;
}

void free_options(struct options *o)
{
	free(o->actions);
	o->actions = NULL;
	o->nr_actions = 0;
}
