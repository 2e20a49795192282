#!/bin/bash
# The report of a known incident, compared in full: the markdown in the
# formula's order and the yaml export with every field.
. "$srcdir/tests/lib.sh"

fix=$srcdir/tests/fixtures/report
mkdir -p "$SCRIBE_DIR"
cp -r "$fix/2026-11-26-checkout-5xx" "$SCRIBE_DIR/"
chmod -R u+w "$SCRIBE_DIR"
id=2026-11-26-checkout-5xx

run "$SCRIBE" check "$id"
is "$RC" 0 "the fixture incident checks clean"
TZ=Europe/Berlin run "$SCRIBE" export "$id"
is "$RC" 0 "export exits 0"
check "the markdown report, in full" cmp -s "$WORK/out" "$fix/expected.md"
diff "$fix/expected.md" "$WORK/out" | head -20 | sed 's/^/# /'
TZ=Europe/Berlin run "$SCRIBE" export "$id" --format yaml
check "the yaml export, in full" cmp -s "$WORK/out" "$fix/expected.yaml"
diff "$fix/expected.yaml" "$WORK/out" | head -20 | sed 's/^/# /'
TZ=UTC run "$SCRIBE" export "$id" --format yaml
check "the yaml export does not depend on TZ" cmp -s "$WORK/out" "$fix/expected.yaml"

done_testing
