#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "scribe/yamlread.h"

void yread_problem(struct yread *r, yaml_mark_t m, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	diags_add(r->d, DIAG_ERROR, r->file, (int)m.line + 1, (int)m.column + 1, "%s", sb_str(&sb));
	sb_free(&sb);
	r->errors++;
}

const char *yread_refused(const yaml_event_t *ev, char *buf, size_t n)
{
	const unsigned char *anchor = NULL, *tag = NULL;
	int implicit = 1;

	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		snprintf(buf, n, "aliases (*%s) are not allowed", ev->data.alias.anchor);
		return buf;
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		tag = ev->data.scalar.tag;
		implicit = ev->data.scalar.plain_implicit || ev->data.scalar.quoted_implicit;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = ev->data.sequence_start.anchor;
		tag = ev->data.sequence_start.tag;
		implicit = ev->data.sequence_start.implicit;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = ev->data.mapping_start.anchor;
		tag = ev->data.mapping_start.tag;
		implicit = ev->data.mapping_start.implicit;
		break;
	default:
		break;
	}
	if (anchor) {
		snprintf(buf, n, "anchors (&%s) are not allowed", anchor);
		return buf;
	}
	if (tag && !implicit) {
		snprintf(buf, n, "tags (%s) are not allowed", tag);
		return buf;
	}
	return NULL;
}

bool yread_next(struct yread *r, yaml_event_t *ev)
{
	char why[160];

	if (r->failed)
		return false;
	if (!yaml_parser_parse(&r->p, ev)) {
		yread_problem(r, r->p.problem_mark, "YAML syntax error: %s", r->p.problem ? r->p.problem : "unknown");
		r->failed = true;
		return false;
	}
	if (yread_refused(ev, why, sizeof(why))) {
		yread_problem(r, ev->start_mark, "%s", why);
		yaml_event_delete(ev);
		r->failed = true;
		return false;
	}
	return true;
}

void yread_skip(struct yread *r, const yaml_event_t *ev)
{
	int depth = ev->type == YAML_SEQUENCE_START_EVENT || ev->type == YAML_MAPPING_START_EVENT;

	while (depth > 0) {
		yaml_event_t e;

		if (!yread_next(r, &e))
			return;
		if (e.type == YAML_SEQUENCE_START_EVENT || e.type == YAML_MAPPING_START_EVENT)
			depth++;
		else if (e.type == YAML_SEQUENCE_END_EVENT || e.type == YAML_MAPPING_END_EVENT)
			depth--;
		yaml_event_delete(&e);
	}
}
