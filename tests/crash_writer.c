/* A writer for the reliability tests: crash_writer ROOT ID N.
 *
 * Opens the incident ROOT/ID and, in one session (one journal), makes N
 * changes in a fixed cycle of eight:
 *
 *   i % 8  ack line                 change
 *   0      ack event E i            adds event E, text "w<pid>-<i>"
 *   1      ack event-text E i       sets the text of an earlier event E of
 *                                   its own to "w<pid>-<i>"
 *   2      ack factor F i           adds factor F, title "w<pid>-<i>"
 *   3      ack factor-title F i     sets the title of F to "w<pid>-<i>"
 *   4      ack action A i           adds action A, title "w<pid>-<i>", P3
 *   5      ack action-link A i      links A to the factor F of this cycle
 *   6      ack vote A i             votes A up
 *   7      ack priority A i         sets A's priority to P<(i / 8) % 3>
 *
 * Each line is printed and flushed only after the call returned 0, so
 * everything acknowledged is known to be on disk, and at most the one
 * change after the last acknowledged one may be on disk unacknowledged.
 * Errors go to stderr with exit status 74 (64 for bad arguments). */
#include "config.h"

#include "scribe/store.h"
#include "scribe/edit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void ack(const char *kind, const char *id, long i)
{
	printf("ack %s %s %ld\n", kind, id, i);
	if (fflush(stdout) == EOF) {
		perror("crash_writer: stdout");
		exit(74);
	}
}

static void check(int rc, const struct error *e, const char *what, long i)
{
	if (rc) {
		fprintf(stderr, "crash_writer: %s (step %ld): %s (%d)\n", what, i, e->msg, rc);
		exit(74);
	}
}

int main(int argc, char **argv)
{
	struct store *s;
	struct incident *inc;
	struct error e = { 0 };
	char text[64], (*events)[EDIT_ID_LEN] = NULL;
	char factor[EDIT_ID_LEN] = "", action[EDIT_ID_LEN] = "";
	size_t nevents = 0;
	long n, i;
	char *end;

	if (argc != 4 || (n = strtol(argv[3], &end, 10)) < 0 || *end || end == argv[3]) {
		fprintf(stderr, "usage: crash_writer ROOT ID N\n");
		return 64;
	}
	if (store_open(argv[1], argv[2], &s, &e)) {
		fprintf(stderr, "crash_writer: %s\n", e.msg);
		return 74;
	}
	inc = incident_new(argv[2]);
	if (store_read(s, inc, NULL, 0, &e) < 0) {
		fprintf(stderr, "crash_writer: %s\n", e.msg);
		return 74;
	}
	if (!inc->info.e.created) {
		fprintf(stderr, "crash_writer: %s holds no incident\n", store_path(s));
		return 74;
	}
	events = calloc((size_t)n / 8 + 1, sizeof(*events));
	if (!events) {
		perror("crash_writer");
		return 74;
	}

	for (i = 0; i < n; i++) {
		int rc;

		snprintf(text, sizeof(text), "w%ld-%ld", (long)getpid(), i);
		switch (i % 8) {
		case 0: {
			ms_t now = clock_now();
			struct event_new ev = {
				.at = now, .typed = now, .logged = -1,
				.kind = KIND_NOTE, .marker = MARKER_NONE, .text = text,
			};

			rc = edit_event_add(s, inc, &ev, events[nevents], &e);
			check(rc, &e, "adding an event", i);
			ack("event", events[nevents], i);
			nevents++;
			break;
		}
		case 1: {
			/* an earlier event of its own, not always the newest */
			const char *id = events[(size_t)(i / 8 * 5) % nevents];

			rc = edit_event_text(s, inc, id, text, &e);
			check(rc, &e, "editing an event", i);
			ack("event-text", id, i);
			break;
		}
		case 2:
			rc = edit_factor_add(s, inc, text, "technical", "", factor, &e);
			check(rc, &e, "adding a factor", i);
			ack("factor", factor, i);
			break;
		case 3:
			rc = edit_factor_edit(s, inc, factor, text, NULL, &e);
			check(rc, &e, "editing a factor", i);
			ack("factor-title", factor, i);
			break;
		case 4:
			rc = edit_action_add(s, inc, text, ATYPE_PREVENT, PRIO_P3, action, &e);
			check(rc, &e, "adding an action", i);
			ack("action", action, i);
			break;
		case 5:
			rc = edit_action_link(s, inc, action, factor, true, &e);
			check(rc, &e, "linking an action", i);
			ack("action-link", action, i);
			break;
		case 6:
			rc = edit_action_vote(s, inc, action, true, &e);
			check(rc, &e, "voting", i);
			ack("vote", action, i);
			break;
		case 7:
			rc = edit_action_priority(s, inc, action, (enum priority)((i / 8) % 3), &e);
			check(rc, &e, "setting a priority", i);
			ack("priority", action, i);
			break;
		}
	}
	free(events);
	incident_free(inc);
	store_close(s);
	return 0;
}
