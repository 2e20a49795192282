#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistr.h>

#include "scribe/entry.h"

static const char *skip_spaces(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* A kind word with a colon at p: returns what follows, or NULL. */
static const char *parse_kind(const char *p, enum kind *kind)
{
	for (int k = 0; k < KIND_COUNT; k++) {
		size_t n = strlen(kind_names.names[k]);

		if (!strncasecmp(p, kind_names.names[k], n) && p[n] == ':' &&
		    (p[n + 1] == ' ' || p[n + 1] == '\t' || p[n + 1] == '\0')) {
			*kind = (enum kind)k;
			return skip_spaces(p + n + 1);
		}
	}
	return NULL;
}

const char *entry_kind_prefix(const char *p, enum kind *kind)
{
	return parse_kind(p, kind);
}

int entry_parse(const char *line, ms_t now, struct entry *out)
{
	const char *p = skip_spaces(line), *q;

	memset(out, 0, sizeof(*out));
	out->kind = KIND_NOTE;
	for (int round = 0; round < 2; round++) {
		if (!out->has_at && p[0] == '@' && (isdigit((unsigned char)p[1]) || p[1] == '-')) {
			size_t n = strcspn(p + 1, " \t");
			char *word = xstrndup(p + 1, n);
			const char *why;

			if (clock_parse_time(word, now, &out->at, &why)) {
				static char msg[160];

				snprintf(msg, sizeof(msg), "bad time '@%.40s': %s", word, why);
				out->error = msg;
				free(word);
				return -1;
			}
			free(word);
			out->has_at = true;
			p = skip_spaces(p + 1 + n);
		}
		if (!out->has_kind && (q = parse_kind(p, &out->kind))) {
			out->has_kind = true;
			p = q;
		}
	}
	out->text = xstrdup(p);
	return 0;
}

void entry_free(struct entry *en)
{
	free(en->text);
	en->text = NULL;
}

void entry_clean_text(struct strbuf *sb)
{
	struct strbuf out = STRBUF_INIT;
	const uint8_t *s = (const uint8_t *)sb_str(sb);
	size_t n = sb->len, i = 0;

	while (i < n) {
		ucs4_t uc;
		int len = u8_mbtoucr(&uc, s + i, n - i);

		if (len <= 0 || uc == 0) {
			sb_adds(&out, "\xEF\xBF\xBD");	/* U+FFFD */
			i += len > 0 ? (size_t)len : 1;
			continue;
		}
		if (uc == '\r' && i + 1 < n && s[i + 1] == '\n') {
			i++;
			continue;
		}
		sb_add(&out, s + i, (size_t)len);
		i += (size_t)len;
	}
	while (out.len && strchr(" \t\r\n", out.buf[out.len - 1]))
		out.buf[--out.len] = '\0';
	sb_free(sb);
	*sb = out;
}
