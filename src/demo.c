#include "config.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "scribe/demo.h"
#include "scribe/edit.h"
#include "scribe/store.h"

#define MIN (60 * 1000LL)

/* The story: a deploy at minus 95 minutes breaks checkout for a share of
 * customers; found by an alert, rolled back, resolved. */
static const struct {
	int minutes;		/* before now */
	enum kind kind;
	enum marker marker;
	const char *by;
	const char *text;
	bool star, causal;
} story[] = {
	{ 95, KIND_DEPLOY, MARKER_NONE, "dana", "payment-service v4.12.0 rolled out to all regions", false, true },
	{ 93, KIND_CONFIG, MARKER_STARTED, "dana",
	  "connection pool for the card vault lowered from 64 to 8 by the new defaults", false, true },
	{ 81, KIND_DISCOVERY, MARKER_DETECTED, "pagerbot", "Alert: checkout 5xx rate above 5% for 5 minutes", true, false },
	{ 79, KIND_ACTION, MARKER_NONE, "sam", "acknowledged the page, opened the incident channel", false, false },
	{ 74, KIND_NOTE, MARKER_NONE, "sam",
	  "errors only on card payments; PayPal and gift cards fine.\n"
	  "p99 latency of vault calls 4.8 s (normal 120 ms)", false, false },
	{ 70, KIND_COMMS, MARKER_NONE, "lee", "status page: \"Some card payments are failing. We are investigating.\"", false, false },
	{ 64, KIND_DISCOVERY, MARKER_NONE, "sam", "vault client logs 'pool exhausted' since 14 minutes after the deploy", true, false },
	{ 61, KIND_ACTION, MARKER_NONE, "dana", "rollback of payment-service to v4.11.3 started", false, false },
	{ 52, KIND_ACTION, MARKER_MITIGATED, "dana", "rollback complete; 5xx rate back under 0.1%", true, false },
	{ 47, KIND_COMMS, MARKER_NONE, "lee", "status page: monitoring a fix", false, false },
	{ 20, KIND_NOTE, MARKER_RESOLVED, "sam", "30 minutes clean; declaring the incident over", false, false },
	{ 15, KIND_COMMS, MARKER_NONE, "lee", "status page: resolved, apology sent to affected merchants", false, false },
};

static const struct {
	const char *title, *category, *description;
	int events[3];		/* indexes into story, -1 ends */
} factors[] = {
	{ "New client defaults shrank the vault connection pool", "trigger",
	  "The v4.12 upgrade of the vault client brought a default pool of 8.", { 1, 0, -1 } },
	{ "No alert on vault pool saturation", "technical",
	  "The pool was exhausted 14 minutes before customers saw errors.", { 6, -1, -1 } },
	{ "Canary stage skipped for library upgrades", "process",
	  "Dependency bumps went straight to all regions.", { 0, -1, -1 } },
};

static const struct {
	const char *title;
	enum action_type type;
	enum priority prio;
	const char *owner;
	int due_days;
	int factor;
} actions[] = {
	{ "Pin the vault pool size in service config", ATYPE_PREVENT, PRIO_P0, "dana", 3, 0 },
	{ "Alert when pool wait time exceeds 500 ms", ATYPE_DETECT, PRIO_P1, "sam", 14, 1 },
	{ "Canary every dependency upgrade for 30 minutes", ATYPE_PROCESS, PRIO_P1, "lee", 30, 2 },
};

int demo_create(const char *root, char **id, struct error *e)
{
	char eids[ARRAY_SIZE(story)][EDIT_ID_LEN], fids[ARRAY_SIZE(factors)][EDIT_ID_LEN];
	ms_t now = clock_now();
	struct store *s;
	struct incident *inc;
	int rc;

	if ((rc = store_create(root, "Card payments failing at checkout (demo)", 2, now - 100 * MIN, id, e)))
		return rc;
	if ((rc = store_open(root, *id, &s, e)))
		goto out_id;
	inc = incident_new(*id);
	if (store_read(s, inc, NULL, 0, e) < 0) {
		rc = e->code;
		goto out;
	}
	for (size_t i = 0; i < ARRAY_SIZE(story) && !rc; i++) {
		struct event_new ev = {
			.at = now - story[i].minutes * MIN, .typed = now - story[i].minutes * MIN,
			.logged = now - story[i].minutes * MIN + 4000, .kind = story[i].kind,
			.marker = story[i].marker, .text = story[i].text, .by = story[i].by,
			.star = story[i].star, .causal = story[i].causal,
		};

		rc = edit_event_add(s, inc, &ev, eids[i], e);
	}
	for (size_t i = 0; i < ARRAY_SIZE(factors) && !rc; i++) {
		rc = edit_factor_add(s, inc, factors[i].title, factors[i].category, factors[i].description,
				     fids[i], e);
		for (size_t k = 0; !rc && k < 3 && factors[i].events[k] >= 0; k++)
			rc = edit_factor_link(s, inc, fids[i], eids[factors[i].events[k]], true, e);
	}
	for (size_t i = 0; i < ARRAY_SIZE(actions) && !rc; i++) {
		char aid[EDIT_ID_LEN], due[11];
		const char *why;
		char rel[16];

		snprintf(rel, sizeof(rel), "+%dd", actions[i].due_days);
		clock_parse_date(rel, now, due, &why);
		rc = edit_action_add(s, inc, actions[i].title, actions[i].type, actions[i].prio, aid, e);
		if (!rc)
			rc = edit_action_edit(s, inc, aid, NULL, actions[i].owner, due, e);
		if (!rc)
			rc = edit_action_link(s, inc, aid, fids[actions[i].factor], true, e);
	}
	if (!rc)
		rc = edit_incident_text(s, inc, F_IMPACT,
					"About 8% of card payments failed for 41 minutes; no double charges.", e);
	if (!rc)
		rc = edit_incident_text(s, inc, F_APOLOGY,
					"We are sorry: for 41 minutes many of you could not pay by card. "
					"You trusted us with your checkout and we let you down.", e);
	if (!rc)
		rc = edit_incident_text(s, inc, F_HAPPENED,
					"A routine upgrade of the payment service brought new defaults that shrank "
					"the pool of connections to our card vault. Under the evening peak, card "
					"payments waited for a connection and timed out.", e);
	if (!rc)
		rc = edit_incident_text(s, inc, F_WENT_WELL,
					"The alert fired within 12 minutes and the rollback was rehearsed.", e);
	if (!rc)
		rc = edit_incident_text(s, inc, F_LUCKY,
					"It happened before the holiday sale, not during it.", e);
	if (!rc)
		rc = edit_incident_status(s, inc, STATUS_RESOLVED, e);
out:
	incident_free(inc);
	store_close(s);
out_id:
	if (rc) {
		free(*id);
		*id = NULL;
	}
	return rc;
}
