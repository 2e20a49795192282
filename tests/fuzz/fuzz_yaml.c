/* libFuzzer target: journal bytes as anyone could have written them.
 * yamlio_complete_prefix and yamlio_parse_journal on the input; every
 * record it accepts is written back with yamlio_emit_record and must read
 * back as exactly one record with no problem; the records are folded into
 * an incident that is exported as YAML, and the export must be YAML that
 * libyaml reads (and, for a terminal, printable ASCII only).  The quick
 * reader (scribe's own layout) and libyaml must give the same records,
 * lines, columns and problems.  Memory
 * errors and leaks show through ASan/LSan; broken promises abort.
 * Build: tests/fuzz/build.sh BUILDDIR; run: tests/fuzz/run.sh. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "scribe/model.h"
#include "scribe/util.h"
#include "scribe/yamlio.h"

#define CHECK(cond)                                                                  \
	do {                                                                         \
		if (!(cond)) {                                                       \
			fprintf(stderr, "fuzz_yaml: check failed: %s (line %d)\n", #cond, \
				__LINE__);                                           \
			abort();                                                     \
		}                                                                    \
	} while (0)

static const char FILE_NAME[] = "fuzz.yaml";

static void print_diags(const struct diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		fprintf(stderr, "  %s:%d:%d: %s\n", d->v[i].file, d->v[i].line, d->v[i].col, d->v[i].msg);
}

static void check_diags(const struct diags *d)
{
	CHECK(d->errors + d->warnings == d->n);
	for (size_t i = 0; i < d->n; i++) {
		CHECK(d->v[i].msg != NULL);
		CHECK(d->v[i].line >= 1);
		CHECK(d->v[i].col >= 1);
	}
}

static void count_and_free(void *ctx, struct record *r)
{
	(*(size_t *)ctx)++;
	record_free(r);
}

/* A record that was read must be written, and read back the same way. */
static void round_trip(const struct record *r)
{
	struct strbuf out = STRBUF_INIT;
	struct error e = { 0 };
	struct diags d = { 0 };
	size_t n = 0, got;

	if (yamlio_emit_record(&out, r, &e) != 0) {
		fprintf(stderr, "fuzz_yaml: a record that was read cannot be written: %s\n", e.msg);
		abort();
	}
	CHECK(yamlio_complete_prefix(out.buf, out.len) == out.len);
	got = yamlio_parse_journal("round-trip.yaml", out.buf, out.len, 1, count_and_free, &n, &d);
	if (got != 1 || n != 1 || d.n != 0) {
		fprintf(stderr, "fuzz_yaml: record %s did not read back (%zu records):\n%s", r->id, got,
			sb_str(&out));
		print_diags(&d);
		abort();
	}
	diags_free(&d);
	sb_free(&out);
}

static void take(void *ctx, struct record *r)
{
	struct incident *inc = ctx;
	const char *why = NULL;

	CHECK(r->file == FILE_NAME);
	CHECK(r->line >= 1 && r->col >= 1);
	round_trip(r);
	(void)incident_apply(inc, r, &why);	/* owns r from here */
}

/* The export must be YAML a reader takes: stream of events to the end. */
static void check_yaml(const char *s, size_t n)
{
	yaml_parser_t p;
	yaml_event_t ev;
	bool done = false;

	CHECK(yaml_parser_initialize(&p));
	yaml_parser_set_input_string(&p, (const unsigned char *)s, n);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			fprintf(stderr, "fuzz_yaml: the export is not YAML: %s (line %zu)\n%s\n",
				p.problem ? p.problem : "?", p.problem_mark.line + 1, s);
			abort();
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
}

static void export(struct incident *inc)
{
	for (int ascii = 0; ascii <= 1; ascii++) {
		struct strbuf out = STRBUF_INIT;
		struct error e = { 0 };

		if (yamlio_export(&out, inc, ascii ? YAMLIO_ASCII : 0, &e) != 0) {
			fprintf(stderr, "fuzz_yaml: export failed: %s\n", e.msg);
			abort();
		}
		if (ascii)
			for (size_t i = 0; i < out.len; i++)
				CHECK(out.buf[i] == '\n' || (out.buf[i] >= 0x20 && out.buf[i] < 0x7f));
		check_yaml(out.buf, out.len);
		sb_free(&out);
	}
}

/* Each record written back with its place, then each problem. */
static void canon(void *ctx, struct record *r)
{
	struct strbuf *out = ctx;
	struct error e = { 0 };

	sb_addf(out, "@%d:%d\n", r->line, r->col);
	CHECK(yamlio_emit_record(out, r, &e) == 0);
	record_free(r);
}

/* CR, NEL, LS and PS end lines for libyaml but not for an editor (nor
 * for the quick reader, nor for scribe's own messages): line numbers
 * after one differ by design, so such inputs are not compared. */
static bool odd_breaks(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\r' || (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0x85) ||
		    (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
		     ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)))
			return true;
	return false;
}

static void same_both_ways(const char *buf, size_t size)
{
	struct strbuf out[2] = { STRBUF_INIT, STRBUF_INIT };

	if (odd_breaks(buf, size))
		return;
	for (int quick = 0; quick <= 1; quick++) {
		struct diags d = { 0 };
		struct yamlio_parse_opts opts = { .libyaml_only = !quick };

		sb_addf(&out[quick], "%zu records\n",
			yamlio_parse_journal_with(&opts, FILE_NAME, buf, size, 1, canon, &out[quick], &d));
		for (size_t i = 0; i < d.n; i++)
			sb_addf(&out[quick], "%d:%d: %s\n", d.v[i].line, d.v[i].col, d.v[i].msg);
		diags_free(&d);
	}
	if (strcmp(sb_str(&out[0]), sb_str(&out[1]))) {
		fprintf(stderr, "fuzz_yaml: the quick reader and libyaml differ\n-- libyaml:\n%s\n-- quick:\n%s\n",
			sb_str(&out[0]), sb_str(&out[1]));
		abort();
	}
	sb_free(&out[0]);
	sb_free(&out[1]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a copy of exactly size bytes, so ASan sees any read past the end */
	char *buf = malloc(size ? size : 1);
	struct incident *inc = incident_new("");
	struct diags d = { 0 };
	size_t prefix;

	memcpy(buf, data, size);
	prefix = yamlio_complete_prefix(buf, size);
	CHECK(prefix <= size);
	if (prefix) {
		CHECK(prefix >= 4 && buf[prefix - 1] == '\n');
		CHECK(!memcmp(buf + prefix - 4, "...", 3));
		CHECK(prefix == 4 || buf[prefix - 5] == '\n');
	}

	same_both_ways(buf, size);

	/* the whole input, as `scribe check` reads a file */
	yamlio_parse_journal(FILE_NAME, buf, size, 1, take, inc, &d);
	check_diags(&d);
	diags_free(&d);
	export(inc);
	incident_free(inc);

	/* the complete prefix, as a reader reads a journal still growing,
	 * then the rest from the line where the prefix ended */
	if (prefix && prefix < size) {
		size_t n = 0;
		int lines = 1;

		memset(&d, 0, sizeof(d));
		yamlio_parse_journal(FILE_NAME, buf, prefix, 1, count_and_free, &n, &d);
		check_diags(&d);
		diags_free(&d);
		for (size_t i = 0; i < prefix; i++)
			lines += buf[i] == '\n';
		memset(&d, 0, sizeof(d));
		yamlio_parse_journal(FILE_NAME, buf + prefix, size - prefix, lines, count_and_free, &n, &d);
		check_diags(&d);
		diags_free(&d);
	}
	free(buf);
	return 0;
}
