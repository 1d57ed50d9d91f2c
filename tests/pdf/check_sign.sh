#!/usr/bin/env bash
# check_sign.sh - our PDF signatures as the outside world sees them:
# pdfsig (poppler, verifying through NSS) must call a signed GramSewa PDF
# valid and trusted once the deployment CA is trusted, and must notice a
# changed byte and appended bytes.  Our own offline verifier (sign_demo
# verify -> pdf_sig_verify) must agree.  Prints "ok - name" / "not ok -
# name: reason" per check and "N passed, N failed"; exits non-zero on failure.
#
# Needs: gcc, libhpdf-dev, libssl-dev, libsodium-dev, poppler-utils (pdfsig,
# pdfinfo), libnss3-tools (certutil); optional: valgrind, and softhsm2 +
# libengine-pkcs11-openssl for the PKCS#11 checks (skipped without them).
#
# Uses $SIGN_DEMO if set, else builds it (from the repository root):
#   gcc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wformat=2 -Wshadow \
#       -Wmissing-prototypes -Werror -O2 -g -Isrc -o sign_demo \
#       tests/pdf/sign_demo.c src/pdf_sign.c src/pdf_lex.c src/keys.c src/json.c src/util.c \
#       -lhpdf $(pkg-config --libs libcrypto libsodium) -lm
# CHECK_SIGN_VALGRIND=0 skips the valgrind leak check of sign_demo.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/check_sign.XXXXXX")
trap 'rm -rf "$work"' EXIT
export SIGN_DEMO_PASS="check_sign passphrase"

passed=0
failed=0
ok() { echo "ok - $1"; passed=$((passed + 1)); }
notok() { echo "not ok - $1: $2"; failed=$((failed + 1)); }
# check NAME COMMAND...: ok if the command succeeds.
check() {
	local name=$1; shift
	if "$@" >"$work/out" 2>&1; then ok "$name"; else notok "$name" "$(head -c 400 "$work/out" | tr '\n' ' ')"; fi
}
# has FILE TEXT: FILE contains the fixed string TEXT.
has() { grep -qF -- "$2" "$1"; }

# Flip the lowest bit of the byte at offset $2 of file $1, in place.
flip_byte() {
	local b
	b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
	# shellcheck disable=SC2059  # the format is the octal escape of the byte
	printf "\\$(printf '%03o' $((b ^ 1)))" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}

for tool in pdfsig pdfinfo certutil gcc pkg-config; do
	if ! command -v "$tool" >/dev/null; then
		notok "tools" "$tool not installed"
		echo "$passed passed, $failed failed"
		exit 1
	fi
done

demo=${SIGN_DEMO:-}
if [ -z "$demo" ]; then
	demo="$work/sign_demo"
	# shellcheck disable=SC2046
	check "build sign_demo" gcc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wformat=2 -Wshadow \
		-Wmissing-prototypes -Werror -O2 -g -I"$root/src" -o "$demo" \
		"$root/tests/pdf/sign_demo.c" "$root/src/pdf_sign.c" "$root/src/pdf_lex.c" "$root/src/keys.c" "$root/src/json.c" "$root/src/util.c" \
		-lhpdf $(pkg-config --libs libcrypto libsodium) -lm
fi
if [ ! -x "$demo" ]; then
	echo "$passed passed, $((failed + 1)) failed"
	exit 1
fi

ca="$work/ca"
check "init CA" "$demo" init-ca "$ca"
check "CA refuses to be overwritten" bash -c "! '$demo' init-ca '$ca'"
check "issue officer certificate" "$demo" issue "$ca" user1
check "make libharu PDF" "$demo" mkpdf "$work/in.pdf"
check "sign PDF" "$demo" sign "$ca" "$work/in.pdf" "$work/out.pdf"
check "signed PDF starts with the original bytes" cmp -n "$(stat -c %s "$work/in.pdf")" "$work/in.pdf" "$work/out.pdf"
check "pdfinfo reads the signed PDF" pdfinfo "$work/out.pdf"

nss="$work/nss"
mkdir "$nss"
check "NSS db with the CA trusted" bash -c "certutil -N -d 'sql:$nss' --empty-password &&
	certutil -A -d 'sql:$nss' -n CA -t 'CT,C,C' -i '$ca/ca.cert.pem'"

pdfsig -nssdir "sql:$nss" "$work/out.pdf" >"$work/pdfsig.txt" 2>&1
sed 's/^/# /' "$work/pdfsig.txt"
check "pdfsig: Signature is Valid." has "$work/pdfsig.txt" "Signature is Valid."
check "pdfsig: Certificate is Trusted." has "$work/pdfsig.txt" "Certificate is Trusted."
check "pdfsig: Total document signed" has "$work/pdfsig.txt" "Total document signed"
check "pdfsig: CAdES subfilter" has "$work/pdfsig.txt" "Signature Type: ETSI.CAdES.detached"
check "sign_demo verify: valid" "$demo" verify "$ca" "$work/out.pdf"

# Without the CA in NSS the signature is still valid but the issuer unknown.
nss0="$work/nss0"
mkdir "$nss0"
certutil -N -d "sql:$nss0" --empty-password
pdfsig -nssdir "sql:$nss0" "$work/out.pdf" >"$work/pdfsig0.txt" 2>&1
check "pdfsig without CA: not trusted" bash -c "! grep -qF 'Certificate is Trusted.' '$work/pdfsig0.txt' &&
	grep -qF 'Signature is Valid.' '$work/pdfsig0.txt'"

cp "$work/out.pdf" "$work/flip.pdf"
flip_byte "$work/flip.pdf" $(( $(stat -c %s "$work/in.pdf") / 2 ))
pdfsig -nssdir "sql:$nss" "$work/flip.pdf" >"$work/pdfsig-flip.txt" 2>&1
check "pdfsig: one flipped byte -> Digest Mismatch." has "$work/pdfsig-flip.txt" "Digest Mismatch."
"$demo" verify "$ca" "$work/flip.pdf" >"$work/v-flip.txt" 2>&1
check "sign_demo verify: flipped byte -> digest mismatch" has "$work/v-flip.txt" "status: digest mismatch"

cp "$work/out.pdf" "$work/append.pdf"
printf '\n%% appended after signing\n' >>"$work/append.pdf"
pdfsig -nssdir "sql:$nss" "$work/append.pdf" >"$work/pdfsig-append.txt" 2>&1
check "pdfsig: appended bytes -> Not total document signed" has "$work/pdfsig-append.txt" "Not total document signed"
"$demo" verify "$ca" "$work/append.pdf" >"$work/v-append.txt" 2>&1
check "sign_demo verify: appended bytes -> not whole" has "$work/v-append.txt" "status: not whole document signed"

# A second signature is a second incremental update; both stay valid.
check "countersign" "$demo" sign "$ca" "$work/out.pdf" "$work/out2.pdf"
pdfsig -nssdir "sql:$nss" "$work/out2.pdf" >"$work/pdfsig2.txt" 2>&1
check "pdfsig: two signatures, both valid" bash -c "[ \$(grep -cF 'Signature is Valid.' '$work/pdfsig2.txt') = 2 ] &&
	[ \$(grep -cF 'Certificate is Trusted.' '$work/pdfsig2.txt') = 2 ]"

check "signing cost with the key loaded" "$demo" bench "$ca" "$work/in.pdf" 500
sed 's/^/# /' "$work/out"

# The same officer key on a PKCS#11 token (SoftHSM2), through libp11's engine.
softhsm=/usr/lib/softhsm/libsofthsm2.so
engines=$(openssl version -e | sed -n 's/^ENGINESDIR: "\(.*\)"$/\1/p')
if command -v softhsm2-util >/dev/null && [ -e "$softhsm" ] && [ -e "$engines/pkcs11.so" ]; then
	export SOFTHSM2_CONF="$work/softhsm2.conf"
	mkdir "$work/tokens"
	printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' "$work/tokens" >"$SOFTHSM2_CONF"
	check "pkcs11: import officer key into SoftHSM2" bash -c "
		softhsm2-util --init-token --free --label gs --pin \"\$SIGN_DEMO_PASS\" --so-pin 87654321 &&
		openssl pkcs8 -topk8 -nocrypt -in '$ca/user1.key.pem' -passin env:SIGN_DEMO_PASS -out '$work/plain.pem' &&
		softhsm2-util --import '$work/plain.pem' --token gs --label officer --id 01 --pin \"\$SIGN_DEMO_PASS\"
		rc=\$?; rm -f '$work/plain.pem'; exit \$rc"
	uri="pkcs11:token=gs;object=officer;type=private?module-path=$softhsm"
	check "pkcs11: sign with the token key" env SIGN_DEMO_KEY="$uri" "$demo" sign "$ca" "$work/in.pdf" "$work/hsm.pdf"
	pdfsig -nssdir "sql:$nss" "$work/hsm.pdf" >"$work/pdfsig-hsm.txt" 2>&1
	check "pkcs11: pdfsig valid and trusted" bash -c "grep -qF 'Signature is Valid.' '$work/pdfsig-hsm.txt' &&
		grep -qF 'Certificate is Trusted.' '$work/pdfsig-hsm.txt'"
	check "pkcs11: missing module refused" bash -c "! SIGN_DEMO_KEY='pkcs11:token=gs;object=officer;type=private?module-path=/nonexistent.so' '$demo' sign '$ca' '$work/in.pdf' '$work/x.pdf'"
	check "pkcs11: wrong PIN refused" bash -c "! SIGN_DEMO_PASS=wrong-pin SIGN_DEMO_KEY='$uri' '$demo' sign '$ca' '$work/in.pdf' '$work/x.pdf'"
	check "pkcs11: signing cost with the token key" env SIGN_DEMO_KEY="$uri" "$demo" bench "$ca" "$work/in.pdf" 200
	sed 's/^/# /' "$work/out"
else
	echo "# skip pkcs11: needs softhsm2 and libengine-pkcs11-openssl"
fi

if [ "${CHECK_SIGN_VALGRIND:-1}" != 0 ] && command -v valgrind >/dev/null; then
	vg() { valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=9 "$@"; }
	check "valgrind: sign_demo issue" vg "$demo" issue "$ca" user2
	check "valgrind: sign_demo sign" vg "$demo" sign "$ca" "$work/in.pdf" "$work/vg.pdf" user2
	check "valgrind: sign_demo verify" vg "$demo" verify "$ca" "$work/vg.pdf"
	check "valgrind: sign_demo verify (tampered)" bash -c "valgrind -q --leak-check=full \
		--errors-for-leak-kinds=definite,indirect --error-exitcode=9 '$demo' verify '$ca' '$work/flip.pdf'; [ \$? = 1 ]"
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
