#!/usr/bin/env bash
# Checks a balance proof (`vtf prove balance`, format vtf-balance-proof/1) with openssl, jq and a
# few POSIX tools, no vtf code. BALANCE-PROOFS.md explains each step so you can follow by hand.
#
#   1. The log's verifier key (VKEY, origin+keyid+base64(0x01 || key)) is well formed.
#   2. The checkpoint in the proof is signed by that key (a C2SP signed note).
#   3. The seal entry (its journal line without "sig") hashes to a leaf that its inclusion proof
#      leads to the checkpoint's root (RFC 9162), at its seq; it is a balances.seal of this log,
#      as of the date the proof gives.
#   4. The balance's leaf (RFC 8785 {"account","amount","currency","value"}) hashes to a leaf that
#      its path leads to the seal's root. For a zero balance: the leaves before and after its place
#      are in the seal, adjacent, and sort around it (account, then currency, byte order).
#
# Usage: verify-balance-proof-with-openssl.sh FILE --vkey VKEY
# Prints "ok: …" and exits 0, or "FAILED: <what>: <why>" and exits 1; usage errors exit 2.
set -euo pipefail
export LC_ALL=C

usage() { echo "usage: verify-balance-proof-with-openssl.sh FILE --vkey VKEY" >&2; exit 2; }
file='' vkey=''
while [ "$#" -gt 0 ]; do
  case $1 in
    --vkey) [ "$#" -ge 2 ] || usage; vkey=$2; shift 2 ;;
    --vkey=*) vkey=${1#--vkey=}; shift ;;
    -*) usage ;;
    *) [ -z "$file" ] || usage; file=$1; shift ;;
  esac
done
[ -n "$file" ] && [ -n "$vkey" ] && [ -f "$file" ] || usage
for tool in openssl jq base64 od sed tr head; do
  command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool is not installed" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { printf 'FAILED: %s: %s\n' "$1" "$2"; exit 1; }
hex_of() { od -An -tx1 -v "$@" | tr -d ' \n'; }
bytes_of_hex() { local hex=$1 out='' i; for ((i = 0; i < ${#hex}; i += 2)); do out+="\\x${hex:i:2}"; done; printf '%b' "$out"; }
sha256_hex() { openssl dgst -sha256 -binary | hex_of; }
node() { { printf '\x01'; bytes_of_hex "$1$2"; } | sha256_hex; }
jq -e '.format == "vtf-balance-proof/1"' "$file" >/dev/null 2>&1 || fail "$file" "not a vtf-balance-proof/1 document"

# 1. The verifier key.
[[ $vkey =~ ^([^+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$ ]] || fail VKEY "not of the form name+keyid+base64"
origin=${BASH_REMATCH[1]} keyid=${BASH_REMATCH[2]}
key_hex=$(printf '%s' "${BASH_REMATCH[3]}" | base64 -d 2>/dev/null | hex_of)
[[ $key_hex =~ ^01([0-9a-f]{64})$ ]] || fail VKEY "not an Ed25519 (type 0x01) key of 32 bytes"
bytes_of_hex "${BASH_REMATCH[1]}" > "$work/key.raw"
[ "$( { printf '%s\n\x01' "$origin"; cat "$work/key.raw"; } | sha256_hex | head -c 8)" = "$keyid" ] || fail VKEY "the key id does not match the key"
{ printf '\x30\x2a\x30\x05\x06\x03\x2b\x65\x70\x03\x21\x00'; cat "$work/key.raw"; } > "$work/key.der"
openssl pkey -pubin -inform DER -in "$work/key.der" -out "$work/key.pem" 2>/dev/null || fail VKEY "openssl refuses the key"

# 2. The checkpoint: three lines signed by the log key.
jq -j .checkpoint "$file" > "$work/note"
sed -n '1,/^$/p' "$work/note" | sed '$d' > "$work/note.text"
[ "$(sed -n 1p "$work/note.text")" = "$origin" ] || fail checkpoint "its origin is not $origin"
size=$(sed -n 2p "$work/note.text")
root_hex=$(sed -n 3p "$work/note.text" | base64 -d | hex_of)
signed=no
while IFS= read -r line; do
  [[ $line =~ ^—\ ([^ ]+)\ ([A-Za-z0-9+/=]+)$ ]] && [ "${BASH_REMATCH[1]}" = "$origin" ] || continue
  sig_hex=$(printf '%s' "${BASH_REMATCH[2]}" | base64 -d | hex_of)
  [ "${sig_hex:0:8}" = "$keyid" ] || continue
  bytes_of_hex "${sig_hex:8}" > "$work/note.sig"
  openssl pkeyutl -verify -pubin -inkey "$work/key.pem" -rawin -in "$work/note.text" -sigfile "$work/note.sig" >/dev/null 2>&1 && signed=yes
done < "$work/note"
[ "$signed" = yes ] || fail checkpoint "no valid signature by the log key"

# fold INDEX SIZE LEAF_HEX JQ_PATH: the root an RFC 9162 inclusion proof leads to.
fold() {
  local fn=$1 sn=$(($2 - 1)) r=$3 count p i
  count=$(jq -r "$4 | length" "$file")
  for ((i = 0; i < count; i++)); do
    p=$(jq -r "$4[$i]" "$file")
    [ "$sn" -ne 0 ] || { echo toolong; return; }
    if (( (fn & 1) == 1 || fn == sn )); then
      r=$(node "$p" "$r")
      while (( (fn & 1) == 0 && fn != 0 )); do fn=$((fn >> 1)); sn=$((sn >> 1)); done
    else
      r=$(node "$r" "$p")
    fi
    fn=$((fn >> 1)); sn=$((sn >> 1))
  done
  [ "$sn" -eq 0 ] && echo "$r" || echo tooshort
}

# 3. The seal entry is in the log the checkpoint signs.
jq -j .seal.entry "$file" > "$work/seal"
seq=$(jq -r .seq "$work/seal")
[ "$(jq -r .kind "$work/seal")" = balances.seal ] || fail seal "entry $seq is not a balances.seal"
[ "$(jq -r .ledger "$work/seal")" = "$origin" ] || fail seal "the entry is not of $origin"
[ "$(jq -r .data.as_of "$work/seal")" = "$(jq -r .as_of "$file")" ] || fail seal "the seal is not as of $(jq -r .as_of "$file")"
sed -e 's/,"sig":"[A-Za-z0-9+\/=]*"//' "$work/seal" | tr -d '\n' > "$work/seal.body"
leaf=$( { printf '\x00'; cat "$work/seal.body"; } | sha256_hex)
[ "$(fold "$seq" "$size" "$leaf" .seal.path)" = "$root_hex" ] || fail seal "entry $seq is not in the log the checkpoint signs"
leaves=$(jq -r .data.leaves "$work/seal") seal_root=$(jq -r .data.root "$work/seal")

# 4. The balance's leaf (or its neighbours) is in the seal.
in_seal() {  # in_seal JQ_PATH (a {index, leaf, path}): sets got to the leaf's "account currency"
  local leaf_hex
  leaf_hex=$( { printf '\x00'; jq -j -c -S "$1.leaf" "$file"; } | sha256_hex)
  [ "$(fold "$(jq -r "$1.index" "$file")" "$leaves" "$leaf_hex" "$1.path")" = "$seal_root" ] \
    || fail "$1" "the leaf does not lead to the root of seal $seq: it was changed, or is not in the seal"
  got=$(jq -r "$1.leaf | .account + \" \" + .currency" "$file")
}
want="$(jq -r '.account + " " + .currency' "$file")"
if jq -e 'has("balance")' "$file" >/dev/null; then
  in_seal .balance
  [ "$got" = "$want" ] || fail balance "the leaf is not the balance of $want"
  echo "ok: $want as of $(jq -r .as_of "$file") is $(jq -r '.balance.leaf | .amount + " (value " + .value + ")"' "$file"): in seal $seq of $leaves balances, in $origin at size $size"
else
  before=$(jq -r '.zero.before.index // -1' "$file") after=$(jq -r '.zero.after.index // -1' "$file")
  sorts_before() { [ "$1" != "$2" ] && [ "$(printf '%s\n%s\n' "$1" "$2" | sort | head -n 1)" = "$1" ]; }
  if [ "$before" -ge 0 ]; then in_seal .zero.before; sorts_before "$got" "$want" || fail zero "the leaf before does not sort before $want"; fi
  if [ "$after" -ge 0 ]; then in_seal .zero.after; sorts_before "$want" "$got" || fail zero "the leaf after does not sort after $want"; fi
  { [ "$before" -ge 0 ] && [ "$after" -ge 0 ] && [ $((before + 1)) -eq "$after" ]; } || { [ "$before" -lt 0 ] && [ "$after" -eq 0 ]; } \
    || { [ "$after" -lt 0 ] && [ $((before + 1)) -eq "$leaves" ]; } || fail zero "the leaves around $want are not adjacent"
  echo "ok: $want as of $(jq -r .as_of "$file") is zero (no leaf between $before and $after): in seal $seq of $leaves balances, in $origin at size $size"
fi
