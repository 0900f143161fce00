#!/usr/bin/env bash
# Checks a signed donor statement (`vtf statement --format json`) with openssl, jq and a few
# POSIX tools, no vtf code. DONOR-STATEMENT.md explains each step so you can follow by hand.
#
#   1. The fund's verifier key (VKEY, origin+keyid+base64(0x01 || key)) is well formed.
#   2. The statement's signature: Ed25519 by that key over "vtf-donor-statement/1\n" followed by
#      the statement's bytes without its "signature" member.
#   3. The checkpoint the statement names is signed by the same key, and is of the size it says.
#   4. Every receipt and refund: its journal line (without "sig") hashes to a leaf that the
#      inclusion proof leads to the checkpoint's root (RFC 9162), at the seq the statement says;
#      the entry belongs to this fund, has the date the statement gives, within the statement's
#      period, and is listed once; a receipt's entry credits the donor's receivable (1200.DONOR)
#      or its refunds payable (2300.DONOR); a refund shows its request entry, also in the tree,
#      the donor.refund request of this donor that the refund's approval names, for the amount
#      paid. totals.received_value and totals.refunded_value are the exact sums of the values
#      listed.
#   5. Each --witness WVKEY (an auditor's witness key, name+keyid+base64(0x04 || key), got from
#      the auditor): the checkpoint carries a cosignature line by it (c2sp.org/tlog-cosignature)
#      that verifies: Ed25519 over "cosignature/v1\ntime T\n" followed by the checkpoint text.
#
# Usage: verify-statement-with-openssl.sh FILE --vkey VKEY [--witness WVKEY]...
# Prints "ok: …" and exits 0, or "FAILED: <what>: <why>" and exits 1; usage errors exit 2.
set -euo pipefail
export LC_ALL=C

usage() { echo "usage: verify-statement-with-openssl.sh FILE --vkey VKEY [--witness WVKEY]..." >&2; exit 2; }
file='' vkey='' witnesses=()
while [ "$#" -gt 0 ]; do
  case $1 in
    --witness) [ "$#" -ge 2 ] || usage; witnesses+=("$2"); shift 2 ;;
    --witness=*) witnesses+=("${1#--witness=}"); shift ;;
    --vkey) [ "$#" -ge 2 ] || usage; vkey=$2; shift 2 ;;
    --vkey=*) vkey=${1#--vkey=}; shift ;;
    -h | --help) usage ;;
    -*) usage ;;
    *) [ -z "$file" ] || usage; file=$1; shift ;;
  esac
done
[ -n "$file" ] && [ -n "$vkey" ] && [ -f "$file" ] || usage
for tool in openssl jq base64 od sed tr head tail; do
  command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool is not installed" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { printf 'FAILED: %s: %s\n' "$1" "$2"; exit 1; }
hex_of() { od -An -tx1 -v "$@" | tr -d ' \n'; }
bytes_of_hex() { local hex=$1 out='' i; for ((i = 0; i < ${#hex}; i += 2)); do out+="\\x${hex:i:2}"; done; printf '%b' "$out"; }
sha256_hex() { openssl dgst -sha256 -binary | hex_of; }

# 1. The verifier key: name+keyid+base64(0x01 || 32-byte key).
[[ $vkey =~ ^([^+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$ ]] || fail VKEY "not of the form name+keyid+base64"
origin=${BASH_REMATCH[1]} keyid=${BASH_REMATCH[2]}
printf '%s' "${BASH_REMATCH[3]}" | base64 -d > "$work/vkey.bin" 2>/dev/null || fail VKEY "the key is not base64"
key_hex=$(hex_of "$work/vkey.bin")
[[ $key_hex =~ ^01([0-9a-f]{64})$ ]] || fail VKEY "not an Ed25519 (type 0x01) key of 32 bytes"
bytes_of_hex "${BASH_REMATCH[1]}" > "$work/key.raw"
{ printf '\x30\x2a\x30\x05\x06\x03\x2b\x65\x70\x03\x21\x00'; cat "$work/key.raw"; } > "$work/key.der"
openssl pkey -pubin -inform DER -in "$work/key.der" -out "$work/key.pem" 2>/dev/null || fail VKEY "openssl refuses the key"
want_id=$( { printf '%s\n\x01' "$origin"; cat "$work/key.raw"; } | sha256_hex | head -c 8)
[ "$want_id" = "$keyid" ] || fail VKEY "key id $keyid is not SHA-256(name || 0x0A || 0x01 || key)[:4] = $want_id"
verify() { openssl pkeyutl -verify -pubin -inkey "$work/key.pem" -rawin -in "$1" -sigfile "$2" >/dev/null 2>&1; }

# 2. The statement's signature. The file is one line of canonical JSON; the signed bytes are the
#    same line without its "signature" member, after the context line.
jq -e . "$file" >/dev/null 2>&1 || fail "$file" "not JSON"
[ "$(jq -r .format "$file")" = "vtf-donor-statement/1" ] || fail "$file" "not a vtf-donor-statement/1"
[ "$(jq -r .fund.origin "$file")" = "$origin" ] || fail "$file" "the statement is not of $origin"
jq -r .signature "$file" | base64 -d > "$work/sig" 2>/dev/null || fail signature "not base64"
{ printf 'vtf-donor-statement/1\n'; sed -e 's/,"signature":"[A-Za-z0-9+\/=]*"//' "$file" | tr -d '\n'; } > "$work/signed"
verify "$work/signed" "$work/sig" || fail signature "does not verify with the fund's key: the statement was changed, or is not the fund's"

# 3. The checkpoint: text up to the blank line, signed by the log key (a C2SP note).
jq -j .checkpoint.note "$file" > "$work/note"
size=$(jq -r .checkpoint.size "$file")
sed -n '1,/^$/p' "$work/note" | sed '$d' > "$work/note.text"
[ "$(sed -n 1p "$work/note.text")" = "$origin" ] || fail checkpoint "its origin is not $origin"
[ "$(sed -n 2p "$work/note.text")" = "$size" ] || fail checkpoint "its size is not $size"
root_hex=$(sed -n 3p "$work/note.text" | base64 -d | hex_of)
[ ${#root_hex} -eq 64 ] || fail checkpoint "its root is not 32 bytes"
signed_by_log=no
while IFS= read -r line; do
  [[ $line =~ ^—\ ([^ ]+)\ ([A-Za-z0-9+/=]+)$ ]] || continue
  [ "${BASH_REMATCH[1]}" = "$origin" ] || continue
  sig_hex=$(printf '%s' "${BASH_REMATCH[2]}" | base64 -d | hex_of)
  [ "${sig_hex:0:8}" = "$keyid" ] || continue
  bytes_of_hex "${sig_hex:8}" > "$work/note.sig"
  verify "$work/note.text" "$work/note.sig" && signed_by_log=yes
done < "$work/note"
[ "$signed_by_log" = yes ] || fail checkpoint "no valid signature by the fund's log key"

# 4. Every receipt and refund is in the tree (RFC 9162 §2.1.3.2), listed once, in the period;
#    a receipt is the donor's.
node() { { printf '\x01'; bytes_of_hex "$1$2"; } | sha256_hex; }
from=$(jq -r .from "$file"); to=$(jq -r .to "$file"); donor=$(jq -r .donor.id "$file")
[[ $from =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ && $to =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ && ! $from > $to ]] \
  || fail statement "its from ($from) and to ($to) are not the dates of a period"
seen=' '
check_item() {  # check_item SECTION INDEX
  local at="$1[$2]" seq date entry leaf fn sn r p i count
  seq=$(jq -r ".$1[$2].seq" "$file"); date=$(jq -r ".$1[$2].date" "$file")
  jq -j ".$1[$2].entry" "$file" > "$work/entry"
  [ "$(jq -r .seq "$work/entry")" = "$seq" ] || fail "$at" "its journal line is not entry $seq"
  [ "$(jq -r .date "$work/entry")" = "$date" ] || fail "$at" "its journal line is not dated $date"
  [ "$(jq -r .ledger "$work/entry")" = "$origin" ] || fail "$at" "its journal line is not of $origin"
  [[ $seen != *" $seq "* ]] || fail "$at" "entry $seq is listed twice"
  seen+="$seq "
  [[ ! $date < $from && ! $date > $to ]] || fail "$at" "dated $date, outside the statement's period $from to $to"
  if [ "$1" = receipts ]; then
    jq -e --arg r "1200.$donor" --arg p "2300.$donor" \
      'any(.postings[]?; (.account == $r or .account == $p) and (.amount | startswith("-")))' "$work/entry" >/dev/null \
      || fail "$at" "entry $seq credits neither 1200.$donor nor 2300.$donor: it is not a receipt from donor $donor"
  fi
  check_included "$work/entry" ".$1[$2]" "$seq" "$at"
  [ "$1" = refunds ] && check_request "$2" "$seq"
  return 0
}
check_included() {  # check_included ENTRY_FILE JQ_PATH SEQ AT: the entry's leaf and proof lead to the root
  local seq=$3 at=$4 leaf fn sn r p i count
  sed -e 's/,"sig":"[A-Za-z0-9+\/=]*"//' "$1" | tr -d '\n' > "$work/body"
  leaf=$( { printf '\x00'; cat "$work/body"; } | sha256_hex)
  fn=$seq sn=$((size - 1)) r=$leaf
  count=$(jq -r "$2.proof | length" "$file")
  for ((i = 0; i < count; i++)); do
    p=$(jq -r "$2.proof[$i]" "$file")
    [ "$sn" -ne 0 ] || fail "$at" "the proof is too long"
    if (( (fn & 1) == 1 || fn == sn )); then
      r=$(node "$p" "$r")
      if (( (fn & 1) == 0 )); then while (( (fn & 1) == 0 && fn != 0 )); do fn=$((fn >> 1)); sn=$((sn >> 1)); done; fi
    else
      r=$(node "$r" "$p")
    fi
    fn=$((fn >> 1)); sn=$((sn >> 1))
  done
  [ "$sn" -eq 0 ] && [ "$r" = "$root_hex" ] || fail "$at" "entry $seq is not in the books the checkpoint signs"
}
# A refund's approval names only its request's ref, and its postings name no donor: the
# statement shows the request entry, which must be in the tree, before the approval, the
# approval.request of that ref, a donor.refund of this donor, for the amount shown.
check_request() {  # check_request INDEX APPROVAL_SEQ
  local at="refunds[$1] request" seq
  jq -e ".refunds[$1].request | type == \"object\"" "$file" >/dev/null \
    || fail "refunds[$1]" "the refund's request entry is not shown, so nothing shows it is donor $donor's refund"
  seq=$(jq -r ".refunds[$1].request.seq" "$file")
  [[ $seq =~ ^(0|[1-9][0-9]*)$ ]] || fail "$at" "its seq is not a number"
  jq -j ".refunds[$1].request.entry" "$file" > "$work/request"
  [ "$(jq -r .seq "$work/request")" = "$seq" ] || fail "$at" "its journal line is not entry $seq"
  [ "$(jq -r .ledger "$work/request")" = "$origin" ] || fail "$at" "its journal line is not of $origin"
  jq -e --arg ref "$(jq -r ".refunds[$1].reference" "$file")" --arg donor "$donor" \
    '.kind == "approval.request" and .ref == $ref and .data.action == "donor.refund" and .data.donor == $donor' \
    "$work/request" >/dev/null && (( seq < $2 )) \
    || fail "refunds[$1]" "entry $seq is not the request of a refund to donor $donor that entry $2 approves"
  [ "$(jq -r '.data.amount + " " + .data.currency' "$work/request")" = "$(jq -r ".refunds[$1] | .amount + \" \" + .currency" "$file")" ] \
    || fail "refunds[$1]" "the refund paid is not the amount its request asked for"
  check_included "$work/request" ".refunds[$1].request" "$seq" "$at"
}
receipts=$(jq '.receipts | length' "$file"); refunds=$(jq '.refunds | length' "$file")
for ((k = 0; k < receipts; k++)); do check_item receipts "$k"; done
for ((k = 0; k < refunds; k++)); do check_item refunds "$k"; done
# The totals, summed exactly in integers at the largest number of decimals shown (no floating
# point: jq's numbers are binary doubles).
same_sum() {  # same_sum STATED VALUE... : whether the values add up to STATED
  local scale=0 x total=0 stated
  for x in "$@"; do [[ $x =~ ^-?(0|[1-9][0-9]*)(\.([0-9]+))?$ ]] || return 1; (( ${#BASH_REMATCH[3]} > scale )) && scale=${#BASH_REMATCH[3]}; done
  minor() {  # minor DEC: DEC in units of 10^-scale
    local x=$1 sign=1 int frac=''
    [ "${x:0:1}" = - ] && { sign=-1; x=${x:1}; }
    int=${x%%.*}; [[ $x == *.* ]] && frac=${x#*.}
    while (( ${#frac} < scale )); do frac+=0; done
    echo $((sign * 10#$int$frac))
  }
  stated=$(minor "$1"); shift
  for x in "$@"; do total=$((total + $(minor "$x"))); done
  [ "$stated" -eq "$total" ]
}
for pair in received_value:receipts refunded_value:refunds; do
  mapfile -t values < <(jq -r ".${pair#*:}[].value" "$file")
  same_sum "$(jq -r ".totals.${pair%%:*}" "$file")" "${values[@]}" \
    || fail "totals.${pair%%:*}" "is not the sum of the ${pair#*:}' values"
done

# 5. Each witness key the donor gave has a valid cosignature on the checkpoint.
check_witness() {  # check_witness WVKEY
  local name wid hex line ts
  [[ $1 =~ ^([^+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$ ]] || fail "--witness $1" "not of the form name+keyid+base64"
  name=${BASH_REMATCH[1]} wid=${BASH_REMATCH[2]}
  hex=$(printf '%s' "${BASH_REMATCH[3]}" | base64 -d 2>/dev/null | hex_of)
  [[ $hex =~ ^04([0-9a-f]{64})$ ]] || fail "--witness $name" "not a cosignature (type 0x04) key of 32 bytes"
  bytes_of_hex "${BASH_REMATCH[1]}" > "$work/w.raw"
  [ "$( { printf '%s\n\x04' "$name"; cat "$work/w.raw"; } | sha256_hex | head -c 8)" = "$wid" ] \
    || fail "--witness $name" "key id $wid is not SHA-256(name || 0x0A || 0x04 || key)[:4]"
  { printf '\x30\x2a\x30\x05\x06\x03\x2b\x65\x70\x03\x21\x00'; cat "$work/w.raw"; } > "$work/w.der"
  openssl pkey -pubin -inform DER -in "$work/w.der" -out "$work/w.pem" 2>/dev/null || fail "--witness $name" "openssl refuses the key"
  while IFS= read -r line; do
    [[ $line =~ ^—\ ([^ ]+)\ ([A-Za-z0-9+/=]+)$ ]] && [ "${BASH_REMATCH[1]}" = "$name" ] || continue
    hex=$(printf '%s' "${BASH_REMATCH[2]}" | base64 -d | hex_of)
    [ ${#hex} -eq 152 ] && [ "${hex:0:8}" = "$wid" ] || continue
    ts=$((16#${hex:8:16}))
    bytes_of_hex "${hex:24}" > "$work/w.sig"
    { printf 'cosignature/v1\ntime %s\n' "$ts"; cat "$work/note.text"; } > "$work/w.msg"
    openssl pkeyutl -verify -pubin -inkey "$work/w.pem" -rawin -in "$work/w.msg" -sigfile "$work/w.sig" >/dev/null 2>&1 && return 0
  done < "$work/note"
  fail "--witness $name" "the checkpoint has no valid cosignature by this witness key"
}
for w in "${witnesses[@]}"; do check_witness "$w"; done

echo "ok: signed by $origin; $receipts receipts and $refunds refunds are in the books of its checkpoint (size $size)"
audits=$(jq -r 'if (.audited_by // [] | length) > 0 then "audited by " + ([.audited_by[] | .holder + " (" + (.vkey | split("+")[0]) + ")"] | join(", ")) else "unaudited" end' "$file")
if [ "${#witnesses[@]}" -gt 0 ]; then
  audits+="; witness keys checked: each given key cosigned the checkpoint"
elif [ "$audits" != unaudited ]; then
  audits+="; not checked: no --witness given"
fi
echo "  donor $(jq -r .donor.id "$file"), $(jq -r .from "$file") to $(jq -r .to "$file"); $audits"
