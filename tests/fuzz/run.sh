#!/usr/bin/env bash
# Builds each libFuzzer target with clang (ASan + UBSan) and runs it briefly
# from its seed corpus.  Prints one line per target.  Longer runs:
#   FUZZ_SECONDS=600 tests/fuzz/run.sh
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${FUZZ_OUT:-$ROOT/tests/fuzz/out}
SECS=${FUZZ_SECONDS:-5}
mkdir -p "$OUT"
SRC="$ROOT/src/util.c $ROOT/src/req.c $ROOT/src/json.c $ROOT/src/csv.c $ROOT/src/config.c $ROOT/src/xmlmini.c $ROOT/src/cert_qr.c"
CFLAGS="-g -O1 -std=c11 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I/usr/include/ClearSilver -I$ROOT/src"
# the upload checks: our PDF reader, libpng and libjpeg; pictures stored without metadata (libexif)
UPLOAD="$ROOT/src/upcheck.c $ROOT/src/pdf_lex.c $ROOT/src/photo.c $(pkg-config --cflags --libs libpng libjpeg zlib libexif)"
# the answer checker: a service's field declarations and form_check
FORM="$ROOT/src/roles.c $ROOT/src/formdef.c $ROOT/src/form.c $ROOT/src/service.c $ROOT/src/domain.c $ROOT/src/money.c -lm"
# a register definition: its reader and rules, on the form engine's field model
REGDEF="$ROOT/src/regdef.c $ROOT/src/mpr_source.c $FORM -lsodium"
fail=0
for t in query cookie multipart json csv xml upload qr form formdef regdef; do
    bin="$OUT/fuzz_$t"
    extra=""
    [ "$t" = upload ] && extra=$UPLOAD
    [ "$t" = form ] || [ "$t" = formdef ] && extra=$FORM
    [ "$t" = regdef ] && extra=$REGDEF
    if ! clang $CFLAGS -DTARGET_$t "$ROOT/tests/fuzz/fuzz_parsers.c" $SRC $extra -o "$bin" 2>"$OUT/build_$t.log"; then
        echo "not ok - fuzz_$t: build failed"; sed 's/^/    /' "$OUT/build_$t.log" | tail -5; fail=1; continue
    fi
    mkdir -p "$OUT/corpus_$t"
    if "$bin" -max_total_time="$SECS" -max_len=65536 -timeout=10 -rss_limit_mb=1024 -artifact_prefix="$OUT/" \
        "$OUT/corpus_$t" "$ROOT/tests/fuzz/corpus/$t" >"$OUT/run_$t.log" 2>&1; then
        execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$OUT/run_$t.log" | grep -o '[0-9]*$')
        [ -z "$execs" ] && execs=$(grep -oE '#[0-9]+' "$OUT/run_$t.log" | tail -1 | tr -d '#')
        echo "ok - fuzz_$t (${execs:-?} runs in ${SECS}s, no crash)"
    else
        echo "not ok - fuzz_$t: crash or leak, see $OUT/run_$t.log"; grep -E 'ERROR|SUMMARY' "$OUT/run_$t.log" | head -5 | sed 's/^/    /'; fail=1
    fi
done
exit $fail
