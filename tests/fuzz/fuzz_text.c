/* libFuzzer target: text_sanitize with each flag, then width, wrapping,
 * fitting and grapheme steps on what it produced, and the markdown
 * escape.  Besides memory errors (ASan/UBSan), it traps when a
 * documented promise breaks:
 *   - sanitized text is valid UTF-8 with no C0 control (but '\n' with
 *     TEXT_KEEP_NEWLINE), no DEL, no C1 control, no bidi control;
 *     with TEXT_ASCII it is all ASCII;
 *   - sanitizing sanitized text changes nothing (text_is_clean);
 *   - grapheme steps move strictly forward/back and stay in bounds;
 *   - text_fit fits, text_wrap's lines lie inside the text.
 * Build: tests/fuzz/build.sh BUILDDIR; run: tests/fuzz/run.sh. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "scribe/text.h"
#include "scribe/util.h"

#define CHECK(cond)                                                                  \
	do {                                                                         \
		if (!(cond)) {                                                       \
			fprintf(stderr, "fuzz_text: check failed: %s (line %d)\n", #cond, \
				__LINE__);                                           \
			abort();                                                     \
		}                                                                    \
	} while (0)

static bool is_bidi(ucs4_t uc)
{
	return uc == 0x061C || uc == 0x200E || uc == 0x200F || (uc >= 0x202A && uc <= 0x202E) ||
	       (uc >= 0x2066 && uc <= 0x2069);
}

/* What text_sanitize promises about its output. */
static void check_safe(const char *s, size_t n, unsigned flags)
{
	CHECK(text_valid_utf8(s, n));
	for (size_t i = 0; i < n;) {
		ucs4_t uc;
		int len = u8_mbtoucr(&uc, (const uint8_t *)s + i, n - i);

		CHECK(len > 0);
		if (uc < 0x20)
			CHECK(uc == '\n' && (flags & TEXT_KEEP_NEWLINE));
		CHECK(uc != 0x7F);
		CHECK(!(uc >= 0x80 && uc <= 0x9F));
		CHECK(!is_bidi(uc));
		if (flags & TEXT_ASCII)
			CHECK(uc < 0x80);
		i += (size_t)len;
	}
}

static void layout(const char *s, size_t n, size_t cols)
{
	size_t w = text_width(s, n), fw = 0, fit, nl, *starts = NULL, *lens = NULL;

	fit = text_fit(s, n, cols, &fw);
	CHECK(fit <= n);
	CHECK(fw <= cols);
	CHECK(fw <= w);
	if (cols >= w)
		CHECK(fit == n);

	nl = text_wrap(s, n, cols, &starts, &lens);
	CHECK(nl >= 1);
	for (size_t i = 0; i < nl; i++) {
		CHECK(starts[i] <= n);
		CHECK(lens[i] <= n - starts[i]);
		if (i)
			CHECK(starts[i] >= starts[i - 1] + lens[i - 1]);
		/* a line wider than the width is one cluster too wide alone */
		if (text_width(s + starts[i], lens[i]) > (cols ? cols : 1))
			CHECK(text_next_grapheme(s, n, starts[i]) >= starts[i] + lens[i]);
	}
	free(starts);
	free(lens);
}

/* Forward and back over every grapheme boundary: both ways must stop at
 * the same places (the cursor moves by these). */
static void walk(const char *s, size_t n)
{
	size_t *at = malloc((n + 1) * sizeof(*at)), k = 0, off;

	at[k++] = 0;
	for (off = 0; off < n;) {
		size_t next = text_next_grapheme(s, n, off);

		CHECK(next > off && next <= n);
		at[k++] = off = next;
	}
	CHECK(text_next_grapheme(s, n, n) == n);
	for (off = n; off > 0;) {
		size_t prev = text_prev_grapheme(s, n, off);

		CHECK(prev < off);
		CHECK(k >= 2 && at[k - 1] == off);
		if (at[k - 2] != prev) {
			fprintf(stderr, "fuzz_text: next stops at %zu, %zu but prev from %zu goes to %zu\n",
				at[k - 2], off, off, prev);
			abort();
		}
		k--;
		off = prev;
	}
	CHECK(text_prev_grapheme(s, n, 0) == 0);
	free(at);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned flag_sets[] = {
		0, TEXT_KEEP_NEWLINE, TEXT_ASCII, TEXT_KEEP_NEWLINE | TEXT_ASCII,
	};
	/* the first byte picks a width for wrapping and fitting */
	size_t cols = size ? (size_t)data[0] % 90 : 20;
	char *z = malloc(size + 1);

	memcpy(z, data, size);
	z[size] = '\0';
	(void)text_is_clean(z, size, 0);
	(void)text_valid_utf8(z, size);

	for (size_t k = 0; k < sizeof(flag_sets) / sizeof(flag_sets[0]); k++) {
		unsigned flags = flag_sets[k];
		struct strbuf out = STRBUF_INIT, again = STRBUF_INIT;
		size_t ph = text_sanitize(&out, z, size, flags);

		CHECK(out.buf != NULL);
		CHECK(out.buf[out.len] == '\0');
		if (ph == 0 && text_is_clean(z, size, flags))
			CHECK(out.len == size && !memcmp(out.buf, z, size));
		check_safe(out.buf, out.len, flags);
		/* sanitized text is clean: a second pass changes nothing */
		CHECK(text_is_clean(out.buf, out.len, flags));
		text_sanitize(&again, out.buf, out.len, flags);
		CHECK(again.len == out.len && !memcmp(again.buf, out.buf, out.len));
		sb_free(&again);

		layout(out.buf, out.len, cols);
		layout(out.buf, out.len, 1);
		walk(out.buf, out.len);
		sb_free(&out);
	}

	{
		struct strbuf md = STRBUF_INIT, md2 = STRBUF_INIT;

		text_markdown_escape(&md, z, false);
		check_safe(sb_str(&md), md.len, 0);
		text_markdown_escape(&md2, z, true);
		check_safe(sb_str(&md2), md2.len, TEXT_KEEP_NEWLINE);
		sb_free(&md);
		sb_free(&md2);
	}

	{
		char *t = xstrdup(z);

		text_trim(t);
		free(t);
	}
	free(z);
	return 0;
}
