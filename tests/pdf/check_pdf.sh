#!/bin/bash
# check_pdf.sh — checks the certificate PDFs with real tools.
#
#   tests/pdf/check_pdf.sh PATH/TO/pdf_demo
#
# Renders the sample certificate (normal, 12-fact stress, multi-page) and
# the acknowledgement receipt with pdf_demo, then checks:
#   - pdftotext returns every input string exactly (Hindi included),
#   - every run's glyph ids equal `hb-shape` for the same font and text,
#   - the QR decodes (pdftoppm -r 150 + zbarimg) to exactly the input URL,
#   - pdffonts lists the fonts embedded and subset, with ToUnicode,
#   - the file is at most 40 KB (multi-page stress file excepted),
#   - rendering twice gives the same bytes,
#   - no two text lines overlap and all text is inside the frame.
# Prints "ok - name" or "not ok - name: reason" per check, then
# "N passed, N failed"; exits non-zero on any failure.
# Needs poppler-utils, zbar-tools, libharfbuzz-bin.
#
# Build the demo (from the top directory; the project's configure gives
# the same flags):
#   gcc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wformat=2 -Wshadow \
#     -Wmissing-prototypes -Werror -O2 -g -Isrc \
#     $(pkg-config --cflags harfbuzz harfbuzz-subset libqrencode) \
#     src/pdf_text.c src/qr.c src/cert_pdf.c tests/pdf/pdf_demo.c \
#     -o pdf_demo -lhpdf \
#     $(pkg-config --libs harfbuzz harfbuzz-subset libqrencode) -lm
#   tests/pdf/check_pdf.sh ./pdf_demo
set -u

DEMO=${1:-${PDF_DEMO:-}}
MAX_BYTES=${PDF_MAX_BYTES:-40960}
passed=0
failed=0

ok() { echo "ok - $1"; passed=$((passed + 1)); }
notok() { echo "not ok - $1: $2"; failed=$((failed + 1)); }
finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit $?
}

if [ -z "$DEMO" ] || [ ! -x "$DEMO" ]; then
	notok "pdf_demo" "usage: check_pdf.sh PATH/TO/pdf_demo (got '${DEMO}')"
	finish
fi
for tool in pdftotext pdffonts pdftoppm zbarimg hb-shape cmp awk; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		notok "tool $tool" "not installed (poppler-utils, zbar-tools, libharfbuzz-bin)"
		finish
	fi
done

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Collapse all whitespace runs (line breaks of wrapped text) to one space.
squeeze() { tr -s ' \t\n\f' '    '; }

# check_text NAME PDF OUT: every INPUT/WORD of OUT is in pdftotext's text.
check_text() {
	local name=$1 pdf=$2 out=$3 text missing=0 first=""
	if ! pdftotext -raw -enc UTF-8 "$pdf" "$TMP/text" 2>"$TMP/err" ||
		[ -s "$TMP/err" ]; then
		notok "$name: pdftotext" "$(head -c 200 "$TMP/err")"
		return
	fi
	text=$(squeeze <"$TMP/text")
	while IFS=$'\t' read -r tag s; do
		[ "$tag" = INPUT ] || [ "$tag" = WORD ] || continue
		[ -n "$s" ] || continue
		while [[ "$s" == *"  "* ]]; do s=${s//  / }; done
		if [[ "$text" != *"$s"* ]]; then
			missing=$((missing + 1))
			[ -n "$first" ] || first=$s
		fi
	done <"$out"
	if [ "$missing" -eq 0 ]; then
		ok "$name: pdftotext returns every input string exactly"
	else
		notok "$name: pdftotext returns every input string exactly" \
			"$missing missing, e.g. '$first'"
	fi
}

# check_glyphs NAME OUT: glyph ids of each run equal hb-shape's (one
# hb-shape per font, one text per line).
check_glyphs() {
	local name=$1 out=$2 n hindi bad font first
	grep '^RUN' "$out" | cut -f2- | sort -u >"$TMP/runs"
	: >"$TMP/cmp"
	while IFS= read -r font; do
		awk -F'\t' -v f="$font" '$1 == f' "$TMP/runs" >"$TMP/sel"
		cut -f2 "$TMP/sel" >"$TMP/texts"
		hb-shape --no-glyph-names --no-positions --no-clusters \
			--no-advances --text-file="$TMP/texts" -- "$font" |
			tr -d '[]' | tr '|' ' ' >"$TMP/theirs"
		paste "$TMP/sel" "$TMP/theirs" >>"$TMP/cmp"
	done < <(cut -f1 "$TMP/runs" | sort -u)
	n=$(wc -l <"$TMP/runs")
	hindi=$(grep -c 'Devanagari' "$TMP/runs")
	bad=$(awk -F'\t' '$3 != $4' "$TMP/cmp" | wc -l)
	first=$(awk -F'\t' '$3 != $4 { print "\x27" $2 "\x27 pdf=[" $3 "] hb-shape=[" $4 "]"; exit }' "$TMP/cmp")
	if [ "$n" -eq 0 ] || [ "$hindi" -eq 0 ] ||
		[ "$(wc -l <"$TMP/cmp")" -ne "$n" ]; then
		notok "$name: glyph ids equal hb-shape" "no runs traced or hb-shape failed ($n runs, $hindi Hindi)"
	elif [ "$bad" -eq 0 ]; then
		ok "$name: glyph ids equal hb-shape ($n runs, $hindi Hindi)"
	else
		notok "$name: glyph ids equal hb-shape" "$bad of $n runs differ: $first"
	fi
}

# check_qr NAME PDF OUT: the QR on the last page decodes to the URL.
check_qr() {
	local name=$1 pdf=$2 out=$3 url got pages
	url=$(grep '^URL' "$out" | cut -f2-)
	pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
	rm -f "$TMP"/qr*.png
	pdftoppm -r 150 -png -f "${pages:-1}" -l "${pages:-1}" "$pdf" "$TMP/qr"
	got=$(zbarimg --raw -q "$TMP"/qr*.png 2>/dev/null)
	if [ -z "$url" ]; then
		notok "$name: QR decodes to the URL" "demo printed no URL"
	elif [ "$got" = "$url" ]; then
		ok "$name: QR decodes to the URL (${#url} bytes)"
	else
		notok "$name: QR decodes to the URL" "got '${got:0:80}'"
	fi
}

# check_fonts NAME PDF: every font embedded, subset, with ToUnicode.
check_fonts() {
	local name=$1 pdf=$2 rows bad
	pdffonts "$pdf" >"$TMP/fonts" 2>"$TMP/err"
	rows=$(tail -n +3 "$TMP/fonts" | wc -l)
	bad=$(tail -n +3 "$TMP/fonts" | awk '
		{ n = NF; emb = $(n-4); sub_ = $(n-3); uni = $(n-2)
		  if (emb != "yes" || sub_ != "yes" || uni != "yes" ||
		      $1 !~ /^[A-Z][A-Z][A-Z][A-Z][A-Z][A-Z]\+/ ||
		      $0 !~ /CID TrueType +Identity-H/) print $1 }')
	if [ -s "$TMP/err" ]; then
		notok "$name: fonts embedded and subset" "$(head -c 200 "$TMP/err")"
	elif [ "$rows" -lt 2 ] || [ -n "$bad" ]; then
		notok "$name: fonts embedded and subset" "$rows fonts, bad: $bad"
	else
		ok "$name: fonts embedded and subset ($rows fonts)"
	fi
}

check_size() {
	local name=$1 pdf=$2 size
	size=$(wc -c <"$pdf")
	if [ "$size" -le "$MAX_BYTES" ]; then
		ok "$name: size $size <= $MAX_BYTES bytes"
	else
		notok "$name: size <= $MAX_BYTES bytes" "$size bytes"
	fi
}

# check_layout NAME PDF: text lines (one ActualText span each) do not
# overlap and stay inside the inner border.  Boxes come from the fonts'
# ascent/descent, which exceed the line pitch, so they are trimmed
# vertically by 15% before comparing.
check_layout() {
	local name=$1 pdf=$2 res
	pdftotext -bbox "$pdf" "$TMP/bbox.html" 2>/dev/null
	res=$(awk '
		/<page / { match($0, /width="[0-9.]+"/); pw = substr($0, RSTART + 7, RLENGTH - 8) + 0
		           match($0, /height="[0-9.]+"/); ph = substr($0, RSTART + 8, RLENGTH - 9) + 0
		           np = 0; page++ }
		/<word / {
			match($0, /xMin="[0-9.]+"/); x0 = substr($0, RSTART + 6, RLENGTH - 7) + 0
			match($0, /yMin="[0-9.]+"/); y0 = substr($0, RSTART + 6, RLENGTH - 7) + 0
			match($0, /xMax="[0-9.]+"/); x1 = substr($0, RSTART + 6, RLENGTH - 7) + 0
			match($0, /yMax="[0-9.]+"/); y1 = substr($0, RSTART + 6, RLENGTH - 7) + 0
			t = $0; sub(/^[^>]*>/, "", t); sub(/<\/word>.*/, "", t)
			h = y1 - y0; y0 += 0.15 * h; y1 -= 0.15 * h; x0 += 0.3; x1 -= 0.3
			if (x0 < 23.5 || y0 < 23.5 || x1 > pw - 23.5 || y1 > ph - 23.5) {
				print "outside frame on page " page ": " t; exit }
			for (i = 0; i < np; i++)
				if (x0 < X1[i] && X0[i] < x1 && y0 < Y1[i] && Y0[i] < y1) {
					print "page " page ": \"" T[i] "\" overlaps \"" t "\""; exit }
			X0[np] = x0; Y0[np] = y0; X1[np] = x1; Y1[np] = y1; T[np] = t; np++
		}' "$TMP/bbox.html")
	if [ -z "$res" ]; then
		ok "$name: no text overlaps, all inside the frame"
	else
		notok "$name: no text overlaps, all inside the frame" "${res:0:200}"
	fi
}

check_deterministic() {
	local name=$1 pdf=$2; shift 2
	if "$DEMO" "$@" "$TMP/again.pdf" >/dev/null 2>&1 &&
		cmp -s "$pdf" "$TMP/again.pdf"; then
		ok "$name: same input gives the same bytes"
	else
		notok "$name: same input gives the same bytes" "second render differs"
	fi
}

run_variant() {
	local name=$1 size=$2; shift 2
	local pdf="$TMP/$name.pdf" out="$TMP/$name.out"
	if ! "$DEMO" --glyphs --inputs "$@" "$pdf" >"$out" 2>"$TMP/err"; then
		notok "$name: render" "$(head -c 200 "$TMP/err")"
		return
	fi
	ok "$name: render"
	check_text "$name" "$pdf" "$out"
	check_glyphs "$name" "$out"
	check_qr "$name" "$pdf" "$out"
	check_fonts "$name" "$pdf"
	[ "$size" = size ] && check_size "$name" "$pdf"
	check_layout "$name" "$pdf"
	check_deterministic "$name" "$pdf" "$@"
}

run_variant certificate size
run_variant stress-12-facts size --long
run_variant multi-page nosize --huge
run_variant receipt size --ack
finish
