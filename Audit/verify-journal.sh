#!/usr/bin/env bash
# Checks an exported vtf journal (JSON Lines, `vtf journal export`) with nothing but openssl,
# sha256sum, base64, grep, sed and od — no vtf code. See AUDITOR-GUIDE.md.
#
# For every line it checks:
#   - seq counts 0, 1, 2, … with no gap;
#   - prev equals SHA-256(0x00 || previous entry bytes): the hash chain;
#   - the Ed25519 signature over the entry bytes (the line without its "sig" member), by the key
#     whose id is "signer", a key that the journal itself introduced earlier (genesis data.keys or
#     a key.register entry), and whose id is the SHA-256 of its public key.
# Roles, revocations and the balance rule need a JSON reader: `vtf verify` checks them.
#
# Usage: Audit/verify-journal.sh journal.jsonl
set -euo pipefail
export LC_ALL=C
journal=${1:?usage: verify-journal.sh journal.jsonl}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/keys"

fail() { echo "FAILED: line $1 (seq $(( $1 - 1 ))): $2"; exit 1; }

# A JSON string, as the canonical form writes it.
str='"([^"\\]|\\.)*"'
expected_prev=0000000000000000000000000000000000000000000000000000000000000000
n=0
while IFS= read -r line || [ -n "$line" ]; do
  n=$((n + 1))
  # The fixed tail of every canonical entry: ..."seq":N,"sig":"…","signer":"…","time":"…","v":1}
  tail_re="\"seq\":([0-9]+),\"sig\":\"([A-Za-z0-9+/=]+)\",(\"signer\":\"([0-9a-f]{64})\",\"time\":$str,\"v\":1)}\$"
  [[ $line =~ $tail_re ]] || fail "$n" "not a vtf v1 entry"
  seq=${BASH_REMATCH[1]}; sig=${BASH_REMATCH[2]}; signer=${BASH_REMATCH[4]}
  [ "$seq" = $((n - 1)) ] || fail "$n" "seq is $seq, expected $((n - 1))"
  # The signed bytes: the line without its "sig" member.
  body=$(printf '%s' "$line" | sed -E 's/,"sig":"[A-Za-z0-9+/=]+","signer":/,"signer":/')
  printf '%s' "$body" > "$work/body"
  prev=$(printf '%s' "$body" | grep -oE '"prev":"[0-9a-f]{64}"' | tail -n 1 | cut -d'"' -f4)
  [ "$prev" = "$expected_prev" ] || fail "$n" "prev does not match the previous entry's leaf hash (chain broken)"
  # Keys this entry introduces (genesis data.keys, key.register data), usable from the next entry on.
  if [[ $body == *'"kind":"ledger.genesis"'* || $body == *'"kind":"key.register"'* ]]; then
    while IFS= read -r record; do
      id=$(printf '%s' "$record" | cut -d'"' -f4)
      pk=$(printf '%s' "$record" | grep -oE '"public_key":"[A-Za-z0-9+/=]{44}"' | cut -d'"' -f4)
      printf '%s' "$pk" | base64 -d > "$work/raw"
      [ "$(sha256sum "$work/raw" | cut -c1-64)" = "$id" ] || fail "$n" "key_id $id is not the SHA-256 of its public key"
      # SPKI DER = fixed Ed25519 prefix || 32-byte key.
      { printf '\x30\x2a\x30\x05\x06\x03\x2b\x65\x70\x03\x21\x00'; cat "$work/raw"; } > "$work/spki.der"
      openssl pkey -pubin -inform DER -in "$work/spki.der" -out "$work/keys/$id.pem.next" 2>/dev/null
    done < <(printf '%s' "$body" | grep -oE "\"key_id\":\"[0-9a-f]{64}\",\"name\":$str,\"public_key\":\"[A-Za-z0-9+/=]{44}\"")
  fi
  key="$work/keys/$signer.pem"
  if [ "$seq" = 0 ]; then key="$work/keys/$signer.pem.next"; fi
  [ -f "$key" ] || fail "$n" "signer $signer is not a key introduced earlier in the journal"
  printf '%s' "$sig" | base64 -d > "$work/sig"
  openssl pkeyutl -verify -pubin -inkey "$key" -rawin -in "$work/body" -sigfile "$work/sig" >/dev/null 2>&1 ||
    fail "$n" "signature does not verify"
  for next in "$work"/keys/*.next; do [ -e "$next" ] && mv "$next" "${next%.next}"; done
  expected_prev=$({ printf '\x00'; cat "$work/body"; } | sha256sum | cut -c1-64)
done < "$journal"
echo "ok: $n entries, every signature and the hash chain verified with openssl; last leaf hash $expected_prev"
