/* The action list: what the incident calls for, by priority and votes.
 * Everything saves as it changes (through edit.c); changes by others
 * arrive through the main loop like any record. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scribe/actions.h"
#include "scribe/edit.h"
#include "scribe/listview.h"
#include "scribe/paneutil.h"
#include "scribe/text.h"
#include "scribe/ui.h"

struct alist {
	struct listview lv;
	struct ui *ui;
	struct action **v;	/* the live actions in list order, as of gen */
	size_t n, cap;
	uint64_t gen;
	const struct incident *inc;
	struct rect list_r;	/* where the rows are drawn */
	char deleted[ID_LEN];
};

static const struct listview_source action_rows;

static struct alist *alist_of(struct ui *ui, struct pane *p)
{
	if (!p->state) {
		struct alist *l = xcalloc(1, sizeof(struct alist));

		l->ui = ui;
		listview_init(&l->lv, &action_rows, l);
		p->state = l;
	}
	return p->state;
}

/* The live actions in list order, rebuilt once per change. */
static void live_actions(struct alist *l)
{
	struct incident *inc = l->ui->inc;

	incident_sort(inc);
	if (l->inc == inc && l->gen == inc->generation)
		return;
	l->inc = inc;
	l->gen = inc->generation;
	if (l->cap < inc->nactions) {
		l->cap = inc->nactions;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->n = 0;
	for (size_t i = 0; i < inc->nactions; i++)
		if (!inc->actions[i]->deleted)
			l->v[l->n++] = inc->actions[i];
}

static size_t action_count(void *ctx)
{
	live_actions(ctx);
	return ((struct alist *)ctx)->n;
}

static const char *action_id(void *ctx, size_t i)
{
	return ((struct alist *)ctx)->v[i]->e.id;
}

/* The selected action, or NULL. */
static struct action *selected_action(struct alist *l)
{
	size_t i = listview_selected(&l->lv);

	return i == LISTVIEW_NONE ? NULL : l->v[i];
}

/* Due before today (local) and not finished. */
static bool overdue(const struct action *a)
{
	char today[16];

	if (!a->due || !a->due[0] || a->status == ASTATUS_DONE || a->status == ASTATUS_WONTFIX)
		return false;
	clock_format_local(clock_now(), "%Y-%m-%d", today, sizeof(today));
	return strcmp(a->due, today) < 0;
}

static void action_details(struct ui *ui, const struct action *a, struct rect r, int y)
{
	struct strbuf sb = STRBUF_INIT;
	int bottom = r.y + r.h;

	ui_fill(ui, y, r.x, r.w, AREA_DIM);
	ui_put(ui, y++, r.x, r.w, AREA_DIM, "--");
	for (size_t k = 0; a->factors && k < a->factors->n; k++) {
		const struct factor *f = incident_factor(ui->inc, a->factors->v[k]);

		if (f && !f->deleted)
			sb_addf(&sb, "%s%s", sb.len ? "; " : "", f->title);
	}
	if (!sb.len)
		sb_adds(&sb, "no factor yet (l links one)");
	{
		char *line = xasprintf("addresses: %s", sb_str(&sb));

		y += put_wrapped(ui, y, r.x, r.w, bottom - y > 2 ? 2 : bottom - y, AREA_NORMAL, line);
		free(line);
	}
	sb_reset(&sb);
	for (size_t k = 0; k < a->nvotes; k++)
		if (a->votes[k].up)
			sb_addf(&sb, "%s%s", sb.len ? ", " : "", a->votes[k].author);
	if (y < bottom) {
		char *line = xasprintf("votes: %s%s", sb.len ? sb_str(&sb) : "none",
				       action_voted(a, store_account()) ? " (yours included: v takes it back)" : "");

		y += put_wrapped(ui, y, r.x, r.w, 1, AREA_NORMAL, line);
		free(line);
	}
	if (a->ref && a->ref[0] && y < bottom) {
		char *line = xasprintf("filed as: %s (r changes it)", a->ref);

		y += put_wrapped(ui, y, r.x, r.w, 1, AREA_NORMAL, line);
		free(line);
	}
	y += comments_draw(ui, a->e.id, y, r.x, r.w, bottom - y - 1, AREA_NORMAL);
	if (a->status == ASTATUS_WONTFIX && a->reason && y < bottom) {
		char *line = xasprintf("won't fix: %s", a->reason);

		y += put_wrapped(ui, y, r.x, r.w, bottom - y, AREA_NORMAL, line);
		free(line);
	}
	put_hints(ui, y, r.x, r.w, bottom - y, AREA_WARNING, a->title);
	sb_free(&sb);
}

static int action_row(void *ctx, size_t i, int row, int max, bool sel)
{
	struct alist *l = ctx;
	struct ui *ui = l->ui;
	const struct action *a = l->v[i];
	struct rect r = l->list_r;
	enum area base = sel ? AREA_SELECTED : AREA_NORMAL;
	char buf[160];
	int x = r.x, y = r.y + row;

	(void)max;
	ui_fill(ui, y, r.x, r.w, base);
	snprintf(buf, sizeof(buf), "%s %s%-2d %-7s %-8s ", priority_names.names[a->priority],
		 ui_glyph(ui, "\xE2\x96\xB2", "+"), a->nup, action_status_names.names[a->status],
		 action_type_names.names[a->type]);
	x += ui_put(ui, y, x, r.w, sel ? base : a->priority == PRIO_P0 ? AREA_MARKER : AREA_KIND, buf);
	x += ui_put(ui, y, x, r.x + r.w - x, a->status >= ASTATUS_DONE && !sel ? AREA_DIM : base, a->title);
	if (a->ref && a->ref[0]) {
		snprintf(buf, sizeof(buf), "  [%s]", a->ref);
		x += ui_put(ui, y, x, r.x + r.w - x, sel ? base : AREA_KIND, buf);
	}
	if (a->owner && a->owner[0]) {
		snprintf(buf, sizeof(buf), "  @%s", a->owner);
		x += ui_put(ui, y, x, r.x + r.w - x, sel ? base : AREA_AUTHOR, buf);
	}
	if (a->due && a->due[0]) {
		bool late = overdue(a);

		snprintf(buf, sizeof(buf), "  %s %s", late ? "OVERDUE" : "due", a->due);
		ui_put(ui, y, x, r.x + r.w - x, late ? AREA_NOT_SAVED : sel ? base : AREA_DIM, buf);
	}
	return 1;
}

static const struct listview_source action_rows = {
	.count = action_count,
	.id = action_id,
	.draw = action_row,
};

static void actions_draw(struct ui *ui, struct pane *p, struct rect r, bool focused)
{
	struct alist *l = alist_of(ui, p);
	struct action *a;
	int rows = r.h - 1 - 6;
	static const enum request hints[] = { REQ_ADD, REQ_PRIORITY, REQ_VOTE, REQ_STATUS, REQ_OWNER, REQ_DUE,
					      REQ_HELP };
	struct strbuf sb = STRBUF_INIT;

	sb_adds(&sb, "Preventative actions");
	/* key hints are for the keyboard's owner, not for a room nor for
	 * a follower, who cannot change anything */
	if (!ui->present && !ui->follow) {
		sb_addc(&sb, ' ');
		keys_hints(&sb, CTX_BOARD, hints, ARRAY_SIZE(hints));
	}
	ui_put(ui, r.y, r.x, r.w, AREA_TITLE, sb_str(&sb));
	sb_free(&sb);
	if (!action_count(l))
		ui_put(ui, r.y + 2, r.x + 2, r.w - 4, AREA_DIM, ui->follow ? "No actions yet." : "No actions yet: press a to add one.");
	l->list_r = (struct rect){ r.y + 1, r.x, rows < 1 ? 1 : rows, r.w };
	listview_draw(&l->lv, l->list_r.h, r.w, focused);
	if ((a = selected_action(l)))
		action_details(ui, a, r, r.y + r.h - 6);
}

static void action_added(struct ui *ui, const char *title)
{
	struct error e = { 0 };

	char id[EDIT_ID_LEN] = "";
	int rc;

	if (!title || !title[0])
		return;
	rc = edit_action_add(ui->store, ui->inc, title, ATYPE_PREVENT, PRIO_P2, id, &e);
	saved(ui, rc, &e, "action added (P2: 0-3 sets the priority)");
	/* the next key acts on the new action */
	if (!rc || rc == EXIT_CONFLICT)
		listview_select(&alist_of(ui, &ui->panes[PANE_ACTIONS])->lv, id);
}

static void action_titled(struct ui *ui, const char *title)
{
	struct error e = { 0 };

	if (title && title[0])
		saved(ui, edit_action_edit(ui->store, ui->inc, target, title, NULL, NULL, &e), &e, NULL);
	show_target(ui);
}

static void action_owned(struct ui *ui, const char *owner)
{
	struct error e = { 0 };

	if (owner)
		saved(ui, edit_action_edit(ui->store, ui->inc, target, NULL, owner, NULL, &e), &e, NULL);
	show_target(ui);
}

static void action_due(struct ui *ui, const char *due)
{
	struct error e = { 0 };
	char date[16] = "";
	const char *why;

	if (!due)
		return;
	if (due[0] && clock_parse_date(due, clock_now(), date, &why)) {
		ui_message(ui, true, "due date \"%s\": %s", due, why);
		return;
	}
	saved(ui, edit_action_edit(ui->store, ui->inc, target, NULL, NULL, date, &e), &e, NULL);
	show_target(ui);
}

static void action_ref(struct ui *ui, const char *ref)
{
	struct error e = { 0 };

	if (ref && !action_ref_valid(ref))
		ui_message(ui, true, "%s", ACTION_REF_RULE);
	else if (ref)
		saved(ui, edit_action_ref(ui->store, ui->inc, target, ref, &e), &e,
		      ref[0] ? "tracker reference saved" : "tracker reference cleared");
}

static void action_wontfix(struct ui *ui, const char *reason)
{
	struct error e = { 0 };

	if (!reason)
		return;
	if (!reason[0]) {
		ui_message(ui, true, "wontfix needs a reason");
		return;
	}
	saved(ui, edit_action_status(ui->store, ui->inc, target, ASTATUS_WONTFIX, reason, &e), &e, NULL);
	show_target(ui);
}

static void action_linked(struct ui *ui, const bool *on)
{
	struct action *a = incident_action(ui->inc, target);
	size_t changes = 0, k = 0;
	struct error e = { 0 };
	int rc = 0;

	for (size_t i = 0; a && i < ui->inc->nfactors && !rc; i++) {
		const struct factor *f = ui->inc->factors[i];
		bool was = false;

		if (f->deleted)
			continue;
		for (size_t j = 0; a->factors && j < a->factors->n; j++)
			was |= !strcmp(a->factors->v[j], f->e.id);
		if (was != on[k]) {
			char fid[ID_LEN];

			snprintf(fid, sizeof(fid), "%s", f->e.id);
			rc = edit_action_link(ui->store, ui->inc, target, fid, on[k], &e);
			a = incident_action(ui->inc, target);
			changes++;
		}
		k++;
	}
	if (changes)
		saved(ui, rc, &e, "links saved");
	show_target(ui);
}

static void action_link(struct ui *ui, struct action *a)
{
	size_t n = 0;
	char **lines = xcalloc(ui->inc->nfactors ? ui->inc->nfactors : 1, sizeof(char *));
	bool *on = xcalloc(ui->inc->nfactors ? ui->inc->nfactors : 1, sizeof(bool));

	incident_sort(ui->inc);
	for (size_t i = 0; i < ui->inc->nfactors; i++) {
		const struct factor *f = ui->inc->factors[i];

		if (f->deleted)
			continue;
		lines[n] = xasprintf("%-13s %s", f->category, f->title);
		for (size_t j = 0; a->factors && j < a->factors->n; j++)
			on[n] |= !strcmp(a->factors->v[j], f->e.id);
		n++;
	}
	snprintf(target, sizeof(target), "%s", a->e.id);
	ui_choose(ui, "Factors this action addresses", (const char *const *)lines, on, n, action_linked);
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	free(on);
}

static bool actions_key(struct ui *ui, struct pane *p, enum request req, wint_t ch, bool is_char)
{
	struct alist *l = alist_of(ui, p);
	struct action *a;
	struct error e = { 0 };

	(void)is_char;
	if (meeting_key(ui, req))
		return true;
	if (changes(req) && ui_read_only(ui))
		return true;
	if (listview_key(&l->lv, req))
		return true;
	/* what the key acts on: the action highlighted now */
	if ((a = selected_action(l)))
		snprintf(target, sizeof(target), "%s", a->e.id);
	switch (req) {
	case REQ_ADD:
		ui_ask(ui, "New action:", "", action_added);
		break;
	case REQ_EDIT:
		if (a)
			ui_ask_field(ui, &a->e, "Action:", a->title, action_titled);
		break;
	case REQ_OWNER:
		if (a)
			ui_ask_field(ui, &a->e, "Owner:", a->owner, action_owned);
		break;
	case REQ_DUE:
		if (a)
			ui_ask_field(ui, &a->e, "Due (YYYY-MM-DD, +3d, +2w; empty clears):", a->due, action_due);
		break;
	case REQ_REF:
		if (a)
			ui_ask_field(ui, &a->e, "Tracker reference (PROJ-123, #45, a link; empty clears):", a->ref,
				     action_ref);
		break;
	case REQ_PRIORITY:
		if (a)
			saved(ui, edit_action_priority(ui->store, ui->inc, target, (enum priority)(ch - '0'), &e), &e, NULL);
		break;
	case REQ_COMMENT:
	case REQ_COMMENT_EDIT:
	case REQ_COMMENT_DELETE:
	case REQ_HISTORY:
		if (a)
			talk_key(ui, req, "action", a->e.id, a->title);
		break;
	case REQ_VOTE:
		if (a) {
			bool up = !action_voted(a, store_account());

			saved(ui, edit_action_vote(ui->store, ui->inc, target, up, &e), &e,
			      up ? "voted" : "vote taken back");
		}
		break;
	case REQ_STATUS:
		if (a) {
			enum action_status next = (enum action_status)((a->status + 1) % ASTATUS_COUNT);

			if (next == ASTATUS_WONTFIX)
				ui_ask_field(ui, &a->e, "Won't fix, because:", a->reason, action_wontfix);
			else
				saved(ui, edit_action_status(ui->store, ui->inc, target, next, NULL, &e), &e, NULL);
		}
		break;
	case REQ_ACTION_TYPE:
		if (a)
			saved(ui, edit_action_type(ui->store, ui->inc, target,
						   (enum action_type)((a->type + 1) % ATYPE_COUNT), &e), &e, NULL);
		break;
	case REQ_MOVE_UP:
	case REQ_MOVE_DOWN:
		if (a)
			saved(ui, edit_action_move(ui->store, ui->inc, target, req == REQ_MOVE_UP ? -1 : 1, &e), &e, NULL);
		break;
	case REQ_LINK:
		if (a)
			action_link(ui, a);
		break;
	case REQ_DELETE:
		if (a) {
			saved(ui, edit_action_delete(ui->store, ui->inc, target, true, &e), &e,
			      "action deleted: u brings it back");
			snprintf(l->deleted, sizeof(l->deleted), "%s", target);
		}
		break;
	case REQ_UNDELETE:
		if (l->deleted[0]) {
			saved(ui, edit_action_delete(ui->store, ui->inc, l->deleted, false, &e), &e, "action restored");
			listview_select(&l->lv, l->deleted);
			l->deleted[0] = '\0';
		} else {
			ui_message(ui, true, "nothing deleted here to bring back");
		}
		break;
	case REQ_EXPORT:
		ask_export(ui);
		break;
	default:
		return false;
	}
	return true;
}

static void actions_destroy(struct pane *p)
{
	struct alist *l = p->state;

	if (l)
		free(l->v);
}

/* The action highlighted in the actions pane (for /ref in the timeline). */
struct action *actions_selected(struct ui *ui)
{
	struct pane *p = &ui->panes[PANE_ACTIONS];
	struct alist *l;

	if (!p->state)
		return NULL;
	l = alist_of(ui, p);
	live_actions(l);	/* the list as it is now */
	return selected_action(l);
}

const struct pane_ops actions_ops = {
	.name = "actions",
	.ctx = CTX_BOARD,
	.draw = actions_draw,
	.key = actions_key,
	.destroy = actions_destroy,
};

/* ---- what followers see ---- */

const char *actions_selected_id(struct ui *ui, struct pane *p)
{
	return listview_selected_id(&alist_of(ui, p)->lv);
}

void actions_select_id(struct ui *ui, struct pane *p, const char *id)
{
	listview_select(&alist_of(ui, p)->lv, id);
}
