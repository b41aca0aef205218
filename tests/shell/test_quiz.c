/*
 * tests/shell/test_quiz.c: quiz, answer and reveal through real sessions.
 *
 * The central check rebuilds every question by hand: a second session
 * boots the same shape, runs the commands the question printed, runs the
 * command it asks about and reads the answer off its own machine (the
 * pfn alloc printed, the buddyinfo line, kswapd's state, the pcp count,
 * the page's list, __zone_watermark_ok). That answer must score right in
 * the quiz session, and a changed one wrong. So the quiz's answer is what
 * the engine does, and the state it printed is the state it asked about.
 * Also: one seed, one question; the session's machine is never touched.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdtab.h"
#include "mmsh/lru.h"
#include "mmsh/procfs.h"
#include "mmsh/views.h"
#include "mmsh/watermark.h"
#include "mmsh/workload.h"
#include "quiz.h"
#include "shell_helpers.h"

static const char *const topics[] = { "pfn", "buddyinfo", "kswapd", "lru", "pcp", "watermark" };
#define NR_TOPICS (sizeof(topics) / sizeof(topics[0]))

/* A session on the preset, with 1024 slots of swap. */
static void boot(struct session *s, const char *preset)
{
	boot_session(s, preset, 1024);
}

/* quiz_answer() with its output captured. */
static char *answer(struct session *s, const char *value, int *rc)
{
	struct capture c;

	capture_start(s, &c);
	*rc = quiz_answer(s, value);
	return capture_stop(s, &c);
}

/* ---- reading a question ---------------------------------------------------------- */

struct asked {
	char setup[64][256];      /* the commands that built the state */
	int nsetup;
	char text[2048];          /* the question and its hint, unwrapped */
	char cmd[256];            /* the command asked about ("" for watermark) */
};

static void read_question(const char *out, struct asked *q)
{
	const char *p = out;
	bool in_setup = false;

	memset(q, 0, sizeof(*q));
	while (*p) {
		size_t len = strcspn(p, "\n");

		if (strncmp(p, "  A freshly booted machine", 26) == 0) {
			in_setup = true;
		} else if (in_setup && strncmp(p, "    ", 4) == 0) {
			ck_assert_int_lt(q->nsetup, 64);
			snprintf(q->setup[q->nsetup++], sizeof(q->setup[0]), "%.*s", (int)len - 4, p + 4);
		} else if (strncmp(p, "  ", 2) == 0 && strncmp(p, "  Views show", 12) != 0) {
			in_setup = false;
			snprintf(q->text + strlen(q->text), sizeof(q->text) - strlen(q->text), "%s%.*s",
				 q->text[0] ? " " : "", (int)len - 2, p + 2);
		}
		p += len + (p[len] == '\n');
	}
	p = strchr(q->text, '\'');
	if (p && strncmp(q->text, "Does __zone", 11) != 0) {
		const char *end = strchr(p + 1, '\'');

		ck_assert_ptr_nonnull(end);
		snprintf(q->cmd, sizeof(q->cmd), "%.*s", (int)(end - p - 1), p + 1);
	}
}

/* ---- the answer, found by hand on a second machine ------------------------------------ */

static long page_of(struct machine *m, bool anon, const char *owner, unsigned long index)
{
	if (anon) {
		struct task *t = task_find(m, owner);

		if (!t || index >= t->anon_len || !pte_present(t->anon[index]))
			return -1;
		return (long)pte_val(t->anon[index]);
	} else {
		int fi = file_find(m, owner);

		if (fi < 0 || index >= m->files[fi].size || !(m->files[fi].slot[index] & SLOT_PRESENT))
			return -1;
		return (long)(m->files[fi].slot[index] & ~(SLOT_PRESENT | SLOT_SHADOW));
	}
}

static int zone_by_name(const char *name)
{
	int z;

	for (z = 0; z < MAX_NR_ZONES; z++)
		if (strcmp(zone_names[z], name) == 0)
			return z;
	ck_abort_msg("no zone %s", name);
	return -1;
}

/*
 * rebuild(): boot `preset` in b, run the question's commands and the one
 * asked about, and write the answer into buf; *kind is 'n' (a number),
 * 'y' (yes or no), 'l' (a list) or 'c' (counts).
 */
static void rebuild(const char *preset, const struct asked *q, char *buf, size_t len, char *kind)
{
	struct session b;
	struct machine *m;
	char *out;
	int i;

	boot(&b, preset);
	for (i = 0; i < q->nsetup; i++)
		free(ok_in(&b, q->setup[i]));
	m = b.m;
	if (strncmp(q->text, "Which pfn does", 14) == 0) {
		out = ok_in(&b, q->cmd);
		ck_assert_msg(strncmp(out, "pfn=0x", 6) == 0, "%s printed %s", q->cmd, out);
		snprintf(buf, len, "0x%lx", strtoul(out + 6, NULL, 16));
		*kind = 'n';
		free(out);
	} else if (strstr(q->text, "/proc/buddyinfo say for")) {
		int nid;
		char zone[16], want[64];
		struct strbuf sb = STRBUF_INIT;
		const char *line;

		ck_assert_int_eq(sscanf(strstr(q->text, "say for Node ") + 13, "%d, zone %15[^?]", &nid,
					zone), 2);
		free(ok_in(&b, q->cmd));
		proc_buddyinfo(b.m, &sb);
		snprintf(want, sizeof(want), "Node %d, zone %8s", nid, zone);
		line = strstr(sb_str(&sb), want);
		ck_assert_ptr_nonnull(line);
		snprintf(buf, len, "%.*s", (int)strcspn(line + strlen(want), "\n"), line + strlen(want));
		*kind = 'c';
		sb_free(&sb);
	} else if (strstr(q->text, "wake kswapd?")) {
		enum kswapd_state before = m->node_data[0]->kswapd_state;

		ck_assert_int_eq(before, KSWAPD_SLEEPING);
		free(ok_in(&b, q->cmd));
		snprintf(buf, len, "%s", b.m->node_data[0]->kswapd_state == KSWAPD_WOKEN ? "yes" : "no");
		*kind = 'y';
	} else if (strstr(q->text, "pcp count") || strstr(q->text, "free_pcppages_bulk")) {
		unsigned long pfn = strtoul(q->cmd + strlen("free 0x"), NULL, 16);
		int cpu = strstr(q->cmd, "cpu=1") ? 1 : 0, before, after;
		struct zone *zone = page_zone(m, &m->mem_map[pfn]);

		before = zone->pageset[cpu].pcp.count;
		free(ok_in(&b, q->cmd));
		after = zone->pageset[cpu].pcp.count;
		if (strstr(q->text, "pcp count")) {
			snprintf(buf, len, "%d", after);
			*kind = 'n';
		} else {
			snprintf(buf, len, "%s", after < before + 1 ? "yes" : "no");
			*kind = 'y';
		}
	} else if (strstr(q->text, "which LRU list is page")) {
		unsigned long index;
		char owner[32];
		bool anon = strstr(q->text, "anonymous memory") != NULL;
		long pfn;

		ck_assert_int_eq(sscanf(strstr(q->text, "list is page ") + 13,
					anon ? "%lu of task %31[^']" : "%lu of file %31s", &index, owner), 2);
		free(ok_in(&b, q->cmd));
		lru_add_drain_all(b.m);
		pfn = page_of(b.m, anon, owner, index);
		snprintf(buf, len, "%s", pfn >= 0 && PageLRU(&b.m->mem_map[pfn])
			 ? lru_names[page_lru(&b.m->mem_map[pfn])] : "none");
		*kind = 'l';
	} else {
		char zone[16], mark[8], classzone[16];
		unsigned int order;
		int marks, z;
		bool pass;

		ck_assert_msg(sscanf(q->text, "Does __zone_watermark_ok(%15[^,], order=%u, mark=%7[^,], "
				     "highest_zoneidx=%15[^,]", zone, &order, mark, classzone) == 4,
			      "not a question: %s", q->text);
		marks = strcmp(mark, "min") == 0 ? WMARK_MIN : strcmp(mark, "low") == 0 ? WMARK_LOW
			: WMARK_HIGH;
		z = zone_by_name(zone);
		pass = zone_watermark_ok(&m->node_data[0]->node_zones[z], order,
					 wmark_pages(&m->node_data[0]->node_zones[z], marks),
					 zone_by_name(classzone), 0);
		snprintf(buf, len, "%s", pass ? "yes" : "no");
		*kind = 'y';
	}
	session_free(&b);
}

/* A wrong answer of the same kind. */
static void wrong_of(const char *right, char kind, char *buf, size_t len)
{
	switch (kind) {
	case 'n':
		snprintf(buf, len, "%lu", strtoul(right, NULL, 0) + 1);
		break;
	case 'y':
		snprintf(buf, len, "%s", strcmp(right, "yes") == 0 ? "no" : "yes");
		break;
	case 'l':
		snprintf(buf, len, "%s", strcmp(right, "active_file") == 0 ? "inactive_file"
			 : "active_file");
		break;
	default:
		snprintf(buf, len, "%lu%s", strtoul(right, NULL, 10) + 1,
			 right + strspn(right, " ") + strspn(right + strspn(right, " "), "0123456789"));
		break;
	}
}

/* ---- tests ------------------------------------------------------------------------- */

static void check_topic(const char *preset, const char *topic, unsigned long seed)
{
	struct session a;
	struct asked q;
	char line[64], right[256], wrong[300], kind, *out, *before;
	int rc;

	boot(&a, preset);
	before = views_of(a.m);
	snprintf(line, sizeof(line), "quiz %s seed=%lu", topic, seed);
	out = ok_in(&a, line);
	read_question(out, &q);
	ck_assert_msg(q.nsetup > 0, "%s: no commands shown:\n%s", line, out);
	rebuild(preset, &q, right, sizeof(right), &kind);
	wrong_of(right, kind, wrong, sizeof(wrong));

	free(out);
	out = answer(&a, wrong, &rc);
	ck_assert_msg(rc == 0 && strstr(out, "answer: wrong (score: 0 of 1)"),
		      "%s %s: '%s' (the right one is '%s'): %s", preset, line, wrong, right, out);
	free(out);
	out = answer(&a, right, &rc);
	ck_assert_msg(rc == 0 && strstr(out, "answer: right this time"),
		      "%s %s: '%s' is what the engine does, yet: %s", preset, line, right, out);
	free(out);
	out = ok_in(&a, "quiz score");
	ck_assert_str_eq(out, "quiz score: 0 right of 1 question (1 wrong, 0 revealed, 0 skipped)\n");
	free(out);
	free(ok_in(&a, "quiz off"));
	out = views_of(a.m);
	ck_assert_msg(strcmp(out, before) == 0, "%s: the session's machine changed", line);
	free(out);
	free(before);
	session_free(&a);
}

/* check_topic() of every topic with seeds first to last. */
static void check_topics(const char *preset, unsigned long first, unsigned long last)
{
	size_t t;
	unsigned long seed;

	for (t = 0; t < NR_TOPICS; t++)
		for (seed = first; seed <= last; seed++)
			check_topic(preset, topics[t], seed);
}

START_TEST(every_answer_is_what_the_engine_does_tiny)
{
	check_topics("tiny", 1, 6);
}
END_TEST

START_TEST(every_answer_is_what_the_engine_does_default)
{
	check_topics("default", 11, 13);
}
END_TEST

/* The right answer the first time scores right; the score counts it. */
START_TEST(right_first_time_scores)
{
	struct session a;
	struct asked q;
	char right[256], kind, *out;
	int rc;

	boot(&a, "tiny");
	out = ok_in(&a, "quiz pfn seed=5");
	read_question(out, &q);
	free(out);
	rebuild("tiny", &q, right, sizeof(right), &kind);
	out = answer(&a, right, &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(out, "answer: right (score: 1 of 1); reveal shows why, quiz asks another\n");
	free(out);
	out = answer(&a, right, &rc);
	ck_assert_int_eq(rc, -1);
	ck_assert_str_eq(out, "answer: quiz 1 is answered already (quiz asks another)\n");
	free(out);
	/* decimal is as good as hex */
	free(ok_in(&a, "quiz pfn seed=5"));
	snprintf(right, sizeof(right), "%lu", strtoul(right, NULL, 16));
	out = answer(&a, right, &rc);
	ck_assert_str_eq(out, "answer: right (score: 2 of 2); reveal shows why, quiz asks another\n");
	free(out);
	session_free(&a);
}
END_TEST

START_TEST(same_seed_same_question)
{
	size_t t;

	for (t = 0; t < NR_TOPICS; t++) {
		struct session a, b;
		char line[64], *qa, *qb, *ra, *rb;

		boot(&a, "tiny");
		boot(&b, "tiny");
		free(ok_in(&b, "quiz pfn seed=99"));   /* an earlier question changes nothing */
		snprintf(line, sizeof(line), "quiz %s seed=42", topics[t]);
		qa = ok_in(&a, line);
		qb = ok_in(&b, line);
		ck_assert_str_eq(qa + strcspn(qa, ":"), qb + strcspn(qb, ":"));   /* numbers differ */
		ra = ok_in(&a, "reveal");
		rb = ok_in(&b, "reveal");
		ck_assert_str_eq(ra, rb);
		free(qa);
		free(qb);
		free(ra);
		free(rb);
		session_free(&a);
		session_free(&b);
	}
}
END_TEST

/* Without a seed, the session's --seed picks the questions: scripts repeat. */
START_TEST(unseeded_questions_follow_the_session_seed)
{
	struct session a, b;
	char *qa, *qb;
	int i;

	boot(&a, "tiny");
	boot(&b, "tiny");
	for (i = 0; i < 4; i++) {
		qa = ok_in(&a, "quiz");
		qb = ok_in(&b, "quiz");
		ck_assert_str_eq(qa, qb);
		free(qa);
		free(qb);
	}
	session_free(&b);
	boot(&b, "tiny");
	b.seed = 2;
	qa = ok_in(&a, "quiz");
	qb = ok_in(&b, "quiz");
	ck_assert_str_ne(qa, qb);
	free(qa);
	free(qb);
	session_free(&a);
	session_free(&b);
}
END_TEST

/*
 * While a quiz is open the views show its machine, changing commands are
 * refused, and afterwards the session's machine is exactly as before,
 * its undo history too.
 */
START_TEST(the_session_machine_is_untouched)
{
	struct session a;
	char *before, *quizstate, *out;
	int rc;

	boot(&a, "tiny");
	free(ok_in(&a, "alloc 3"));
	before = views_of(a.m);
	free(ok_in(&a, "quiz buddyinfo seed=3"));
	quizstate = views_of(a.m);
	ck_assert_str_ne(quizstate, before);
	static const char *const refused[] = {
		"alloc 1", "free 0x0", "undo", "reset", "step alloc", "sysctl vm.swappiness=10",
		"task new x", "read f 3", "kswapd", "tick",
	};
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		out = run_in(&a, refused[i], &rc);
		ck_assert_msg(rc == -1 && strstr(out, "not while a quiz is open"), "%s: %s",
			      refused[i], out);
		free(out);
	}
	free(ok_in(&a, "buddyinfo; free_area; pcp; lru; watermarks; map; check; sysctl; task list"));
	out = views_of(a.m);
	ck_assert_str_eq(out, quizstate);   /* views change nothing */
	free(out);
	free(ok_in(&a, "reveal"));
	free(ok_in(&a, "quiz lru seed=4"));    /* a new question keeps the session's machine aside */
	free(ok_in(&a, "quiz off"));
	out = views_of(a.m);
	ck_assert_str_eq(out, before);
	free(out);
	out = ok_in(&a, "undo");
	ck_assert_str_eq(out, "undo: 'alloc 3' undone (0 more commands can be undone)\n");
	free(out);
	free(before);
	free(quizstate);
	session_free(&a);
}
END_TEST

START_TEST(bad_answers_are_errors_and_not_counted)
{
	struct session a;
	char *out;
	int rc;

	boot(&a, "tiny");
	out = answer(&a, "0x10", &rc);
	ck_assert_int_eq(rc, -1);
	ck_assert_str_eq(out, "answer: no question is waiting for an answer (quiz asks one)\n");
	free(out);
	free(ok_in(&a, "quiz pfn seed=1"));
	out = answer(&a, "zero", &rc);
	ck_assert_int_eq(rc, -1);
	ck_assert_str_eq(out, "answer: 'zero' is not a number (decimal or 0x hex)\n");
	free(out);
	out = answer(&a, "  ", &rc);
	ck_assert_int_eq(rc, -1);
	free(out);
	free(ok_in(&a, "quiz kswapd seed=1"));
	out = answer(&a, "maybe", &rc);
	ck_assert_str_eq(out, "answer: 'maybe': answer yes or no\n");
	free(out);
	free(ok_in(&a, "quiz lru seed=1"));
	out = answer(&a, "hot", &rc);
	ck_assert_int_eq(rc, -1);
	free(out);
	free(ok_in(&a, "quiz buddyinfo seed=1"));
	out = answer(&a, "1 2 3", &rc);
	ck_assert_str_eq(out, "answer: expected 6 counts (orders 0-5), got 3\n");
	free(out);
	free(ok_in(&a, "reveal"));
	out = answer(&a, "0 0 0 0 0 8", &rc);
	ck_assert_str_eq(out, "answer: the answer to quiz 4 was revealed (quiz asks another)\n");
	free(out);
	out = ok_in(&a, "quiz score");
	ck_assert_str_eq(out, "quiz score: 0 right of 4 questions (0 wrong, 1 revealed, 3 skipped)\n");
	free(out);
	session_free(&a);
}
END_TEST

START_TEST(quiz_arguments)
{
	struct session a;
	char *out;
	int rc;

	boot(&a, "tiny");
	static const struct { const char *line, *err; } bad[] = {
		{ "quiz off", "quiz: off: no quiz is open\n" },
		{ "quiz nosuch", "quiz: unknown topic 'nosuch' (topics: pfn, buddyinfo, kswapd, lru, "
				 "pcp, watermark; also quiz score, quiz off)\n" },
		{ "quiz pfn seed=x", "quiz: seed: 'x' is not a number (decimal or 0x hex)\n" },
		{ "quiz pfn seed=1 --seed 2", "quiz: the seed is given twice\n" },
		{ "quiz pfn --seed", "quiz: --seed: a number must follow\n" },
		{ "quiz pfn lru", "quiz: too many words: 'lru' (usage: quiz [TOPIC] [seed=N])\n" },
		{ "quiz score seed=3", "quiz: score takes no seed\n" },
		{ "quiz pfn colour=red", "quiz: unknown key 'colour' (quiz takes seed=)\n" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		out = run_in(&a, bad[i].line, &rc);
		ck_assert_int_eq(rc, -1);
		ck_assert_str_eq(out, bad[i].err);
		free(out);
	}
	ck_assert(!quiz_active(&a));
	/* --seed N is seed=N; a unique prefix names the topic */
	out = ok_in(&a, "quiz water --seed 8");
	ck_assert(strncmp(out, "quiz 1: watermark (seed=8)\n", 27) == 0);
	ck_assert(quiz_active(&a));
	free(out);
	free(ok_in(&a, "quiz off"));
	ck_assert(!quiz_active(&a));
	session_free(&a);
}
END_TEST

static Suite *quiz_suite(void)
{
	Suite *s = suite_create("quiz");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, every_answer_is_what_the_engine_does_tiny);
	tcase_add_test(tc, every_answer_is_what_the_engine_does_default);
	tcase_add_test(tc, right_first_time_scores);
	tcase_add_test(tc, same_seed_same_question);
	tcase_add_test(tc, unseeded_questions_follow_the_session_seed);
	tcase_add_test(tc, the_session_machine_is_untouched);
	tcase_add_test(tc, bad_answers_are_errors_and_not_counted);
	tcase_add_test(tc, quiz_arguments);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(quiz_suite());
}
