#!/usr/bin/env bash
# Checks a vtf audit bundle (`vtf audit export DIR`) with nothing but bash, openssl, sha256sum,
# base64, od and a few POSIX tools (cut, tr, cmp, find, sort, comm, mktemp) — no vtf code, no
# JSON reader. See OPENSSL-CHECK.md for what it checks, what it does not, and the commands by hand.
#
#   1. MANIFEST: every file of DIR but MANIFEST is listed, nothing else is, and `sha256sum -c` passes.
#   2. keys/log.vkey: a C2SP Ed25519 verifier key whose key id is right, whose name is the genesis
#      `ledger` and whose public key is the genesis key with role "log".
#   3. checkpoints/<size>.note: layout, size line = file name, origin line = genesis `ledger`, and
#      every signature line by the log key (name = origin, key id = the vkey's) verifies.
#   4. journal.jsonl, line by line: seq 0, 1, 2, …; prev = leaf hash of the entry before; the
#      signer is a key introduced earlier in the journal whose id is the SHA-256 of its public key
#      and whose keys/<id>.pem is that same key; the Ed25519 signature verifies; every entry
#      names the same ledger.
#   5. The RFC 9162 Merkle root of the first <size> leaves equals the root of each checkpoint, and
#      the largest checkpoint covers the whole journal.
#
# Usage: verify-with-openssl.sh DIR
# Prints "ok: …" and details, exit 0; or "FAILED: <where>: <why>", exit 1; usage errors exit 2.
set -euo pipefail
export LC_ALL=C

usage() { echo "usage: verify-with-openssl.sh DIR   (a folder written by \`vtf audit export DIR\`)" >&2; exit 2; }
[ "$#" -eq 1 ] || usage
case $1 in -h|--help) usage ;; esac
[ -d "$1" ] || { echo "error: $1 is not a directory" >&2; usage; }
for tool in openssl sha256sum base64 od tr cut cmp find sort comm mktemp; do
  command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool is not installed" >&2; exit 2; }
done

dir=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail() { printf 'FAILED: %s: %s\n' "$1" "$2"; exit 1; }

# ---------------------------------------------------------------------------------------------
# Helpers (no subshell calls fail: callers check the results).

# REPLY = printf escapes ("\xAB…") for the hex string $1.
hex_escapes() {
  local hex=$1 out='' i
  for ((i = 0; i < ${#hex}; i += 2)); do out+="\\x${hex:i:2}"; done
  REPLY=$out
}

# REPLY = lowercase hex of the file $1.
file_hex() {
  REPLY=$(od -An -tx1 -v "$1" | tr -d ' \n')
}

# REPLY = SHA-256(0x01 || $1 || $2), hex in and out: an interior Merkle node.
node_hash() {
  hex_escapes "$1$2"
  REPLY=$({ printf '\x01'; printf "$REPLY"; } | sha256sum)
  REPLY=${REPLY:0:64}
}

# Write the SPKI PEM of the raw 32-byte Ed25519 key in file $1 to $2.
raw_to_pem() {
  { printf '\x30\x2a\x30\x05\x06\x03\x2b\x65\x70\x03\x21\x00'; cat "$1"; } > "$work/spki.der"
  openssl pkey -pubin -inform DER -in "$work/spki.der" -out "$2" 2>/dev/null
}

# verify_ed25519 PEM MESSAGE-FILE SIG-FILE: openssl's Ed25519 verification (the message must be
# a non-empty regular file; -rawin is required).
verify_ed25519() {
  openssl pkeyutl -verify -pubin -inkey "$1" -rawin -in "$2" -sigfile "$3" >/dev/null 2>&1
}

# A JSON string as the canonical form writes it.
str='"([^"\\]|\\.)*"'

# ---------------------------------------------------------------------------------------------
# 1. MANIFEST

cd "$dir"
[ -f MANIFEST ] && [ ! -L MANIFEST ] || fail MANIFEST "missing (not a regular file in $dir)"
find . ! -type f ! -type d > "$work/odd"
odd=$(sed -n 1p "$work/odd")
[ -z "$odd" ] || fail "${odd#./}" "not a regular file (symbolic links and devices are not allowed in a bundle)"

n=0
prev_path=''
: > "$work/listed"
while IFS= read -r mline || [ -n "$mline" ]; do
  n=$((n + 1))
  [[ $mline =~ ^[0-9a-f]{64}\ \ ([A-Za-z0-9._/-]+)$ ]] ||
    fail "MANIFEST line $n" "not \"<64 lowercase hex>  <path>\""
  path=${BASH_REMATCH[1]}
  [[ $path != /* && /$path/ != */../* && /$path/ != */./* && $path != */ && $path != *//* ]] ||
    fail "MANIFEST line $n" "path $path is not a plain relative path inside the bundle"
  [ "$path" != MANIFEST ] || fail "MANIFEST line $n" "lists MANIFEST itself"
  [[ -z $prev_path || $prev_path < $path ]] ||
    fail "MANIFEST line $n" "$path is out of order or listed twice (paths must be sorted, byte order)"
  prev_path=$path
  printf '%s\n' "$path" >> "$work/listed"
done < MANIFEST
[ "$n" -gt 0 ] || fail MANIFEST "empty"
[ "$(tail -c 1 MANIFEST | od -An -tx1 | tr -d ' ')" = 0a ] || fail MANIFEST "does not end with a newline"

find . -type f ! -path ./MANIFEST | cut -c3- | sort > "$work/found"
unlisted=$(comm -13 "$work/listed" "$work/found" | sed -n 1p)
[ -z "$unlisted" ] || fail "$unlisted" "in the bundle but not listed in MANIFEST"
missing=$(comm -23 "$work/listed" "$work/found" | sed -n 1p)
[ -z "$missing" ] || fail "$missing" "listed in MANIFEST but missing from the bundle"
if ! sha256sum --strict --quiet -c MANIFEST > "$work/sumcheck" 2>&1; then
  bad=$(grep -m 1 ': FAILED' "$work/sumcheck" | sed 's/: FAILED.*$//' || true)
  [ -n "$bad" ] || fail MANIFEST "sha256sum -c failed: $(head -n 1 "$work/sumcheck")"
  fail "$bad" "SHA-256 does not match MANIFEST (the file was changed after export)"
fi

for required in journal.jsonl keys/log.vkey; do
  [ -f "$required" ] || fail "$required" "missing from the bundle"
done
while IFS= read -r path; do
  case $path in
    keys/*) [[ $path =~ ^keys/([0-9a-f]{64}\.pem|log\.vkey)$ ]] ||
              fail "$path" "unexpected file in keys/ (want <64 hex key id>.pem or log.vkey)" ;;
    checkpoints/*) [[ $path =~ ^checkpoints/[0-9]{20}\.note$ ]] ||
              fail "$path" "unexpected file in checkpoints/ (want <size, 20 digits>.note)" ;;
  esac
done < "$work/found"

# ---------------------------------------------------------------------------------------------
# 2. keys/log.vkey: <name>+<hex8 key id>+<base64(0x01 || 32-byte key)>

IFS= read -r vkey < keys/log.vkey || true
printf '%s\n' "$vkey" | cmp -s - keys/log.vkey || fail keys/log.vkey "not exactly one line ending in a newline"
[[ $vkey =~ ^([^+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]{44})$ ]] ||
  fail keys/log.vkey "not <name>+<8 hex key id>+<base64 of 33 bytes>"
origin=${BASH_REMATCH[1]}; log_key_id=${BASH_REMATCH[2]}; vkey_b64=${BASH_REMATCH[3]}
[[ $origin =~ ^[!-~]+$ ]] || fail keys/log.vkey "key name \"$origin\" has spaces or non-ASCII characters"
printf '%s' "$vkey_b64" | base64 -d > "$work/vkey.bin" 2>/dev/null || fail keys/log.vkey "bad base64"
file_hex "$work/vkey.bin"
[[ $REPLY =~ ^01([0-9a-f]{64})$ ]] || fail keys/log.vkey "key is not type 0x01 (Ed25519) followed by 32 bytes"
log_pub_hex=${BASH_REMATCH[1]}
hex_escapes "$log_pub_hex"; printf "$REPLY" > "$work/log.raw"
# key id = SHA-256(name || 0x0A || 0x01 || pubkey)[:4]
want=$({ printf '%s\n' "$origin"; cat "$work/vkey.bin"; } | sha256sum | cut -c1-8)
[ "$want" = "$log_key_id" ] ||
  fail keys/log.vkey "key id $log_key_id is not SHA-256(name || 0x0A || 0x01 || key)[:4] = $want"
raw_to_pem "$work/log.raw" "$work/log.pem" || fail keys/log.vkey "openssl rejects the public key"

# ---------------------------------------------------------------------------------------------
# 3. checkpoints/<size>.note: text "<origin>\n<size>\n<base64 root>\n", blank line, signatures.

em=$'\xe2\x80\x94'
declare -A cp_root=()     # size -> root hex
declare -A cp_file=()     # size -> file name
cp_sizes=()
checkpoints=0
for note in checkpoints/*.note; do
  [ -e "$note" ] || continue
  checkpoints=$((checkpoints + 1))
  digits=${note#checkpoints/}; digits=${digits%.note}
  size=${digits#"${digits%%[!0]*}"}; size=${size:-0}
  [ "${#size}" -le 18 ] || fail "$note" "size $size is absurdly large"

  lines=()
  complete=1
  while IFS= read -r l || { [ -n "$l" ] && complete=0; }; do lines+=("$l"); done < "$note"
  [ "$complete" = 1 ] || fail "$note" "does not end with a newline"
  [ "${#lines[@]}" -ge 5 ] || fail "$note" "too short: want origin, size, root, a blank line and a signature"
  [ "${lines[0]}" = "$origin" ] || fail "$note" "origin line \"${lines[0]}\" is not the log key's name \"$origin\""
  [ "${lines[1]}" = "$size" ] || fail "$note" "size line \"${lines[1]}\" does not match the file name (size $size)"
  [[ ${lines[2]} =~ ^[A-Za-z0-9+/]{43}=$ ]] || fail "$note" "root line is not the base64 of 32 bytes"
  [ -z "${lines[3]}" ] || fail "$note" "line 4 is not the blank line before the signatures (extension lines are not expected)"
  [ "${#lines[@]}" -le 104 ] || fail "$note" "more than 100 signature lines"
  printf '%s\n%s\n%s\n' "${lines[0]}" "${lines[1]}" "${lines[2]}" > "$work/note.text"
  printf '%s' "${lines[2]}" | base64 -d > "$work/root.bin" 2>/dev/null || fail "$note" "root line: bad base64"
  file_hex "$work/root.bin"; root_hex=$REPLY

  # Rebuild the whole file from what was parsed: catches NUL bytes, CRs and the like.
  { cat "$work/note.text"; printf '\n'; } > "$work/note.rebuilt"
  log_sigs=0
  for ((i = 4; i < ${#lines[@]}; i++)); do
    sl=${lines[i]}
    [[ $sl =~ ^${em}\ ([^[:space:]+]+)\ ([A-Za-z0-9+/]+={0,2})$ ]] ||
      fail "$note line $((i + 1))" "not a signature line \"— <name> <base64>\""
    name=${BASH_REMATCH[1]}; b64=${BASH_REMATCH[2]}
    printf '%s\n' "$sl" >> "$work/note.rebuilt"
    [ "$name" = "$origin" ] || continue                # a cosignature or another key: not ours to check
    printf '%s' "$b64" | base64 -d > "$work/sigline.bin" 2>/dev/null || fail "$note line $((i + 1))" "bad base64"
    file_hex "$work/sigline.bin"
    [ "${REPLY:0:8}" = "$log_key_id" ] || continue     # same name, other key id: ignored (C2SP)
    [ "${#REPLY}" = 136 ] || fail "$note line $((i + 1))" "log signature is not 4 + 64 bytes"
    hex_escapes "${REPLY:8}"; printf "$REPLY" > "$work/sig.bin"
    verify_ed25519 "$work/log.pem" "$work/note.text" "$work/sig.bin" ||
      fail "$note line $((i + 1))" "log signature does not verify with keys/log.vkey"
    log_sigs=$((log_sigs + 1))
  done
  cmp -s "$work/note.rebuilt" "$note" || fail "$note" "stray bytes (NUL, CR or other) in the note"
  [ "$log_sigs" -gt 0 ] ||
    fail "$note" "no signature line by the log key (name $origin, key id $log_key_id)"
  cp_root[$size]=$root_hex
  cp_file[$size]=$note
  cp_sizes+=("$size")
done
[ "$checkpoints" -gt 0 ] || fail checkpoints/ "no checkpoint in the bundle"

# ---------------------------------------------------------------------------------------------
# 4 + 5. journal.jsonl, streamed once: entries, keys, signatures, chain, Merkle frontier.

j=journal.jsonl
[ -s "$j" ] || fail "$j" "empty"
tr -d '\000' < "$j" | cmp -s - "$j" || fail "$j" "contains a NUL byte"
[ "$(tail -c 1 "$j" | od -An -tx1 | tr -d ' ')" = 0a ] || fail "$j" "does not end with a newline"

declare -A known=()      # key id -> PEM file, usable from the next entry on
declare -A pem_checked=()
pending=()
frontier=()              # hex hashes of perfect subtrees, left to right (RFC 9162 compact range)
expected_prev=0000000000000000000000000000000000000000000000000000000000000000
empty_root=$(printf '' | sha256sum | cut -c1-64)
tail_re="^(.*\"seq\":([0-9]+)),\"sig\":\"([A-Za-z0-9+/]{86}==)\",(\"signer\":\"([0-9a-f]{64})\",\"time\":$str,\"v\":1)}\$"
key_re="\"key_id\":\"([0-9a-f]{64})\",\"name\":$str,\"public_key\":\"([A-Za-z0-9+/]{43}=)\",\"roles\":\[(($str)(,$str)*)?\]"
prev_re='.*"prev":"([0-9a-f]{64})"'               # greedy: the last one is the top-level member
genesis_re='.*"kind":"ledger\.genesis","ledger":"([^"\\]*)"'
ledger_re='.*"kind":"[a-z.]+","ledger":"([^"\\]*)"'
admin_key=''
log_in_genesis=0

if [ -n "${cp_root[0]:-}" ]; then
  [ "${cp_root[0]}" = "$empty_root" ] || fail "${cp_file[0]}" "root of the empty tree is not SHA-256(\"\")"
fi

n=0
while IFS= read -r line <&3; do
  n=$((n + 1))
  where="$j line $n (seq $((n - 1)))"
  [[ $line =~ $tail_re ]] || fail "$where" "not a vtf v1 entry"
  seq=${BASH_REMATCH[2]}; sig=${BASH_REMATCH[3]}; signer=${BASH_REMATCH[5]}
  body="${BASH_REMATCH[1]},${BASH_REMATCH[4]}}"      # the signed bytes: the line without "sig"
  [ "$seq" = $((n - 1)) ] || fail "$where" "seq is $seq, expected $((n - 1))"
  [[ $body =~ $prev_re ]] || fail "$where" "no prev"
  [ "${BASH_REMATCH[1]}" = "$expected_prev" ] ||
    fail "$where" "prev does not match the previous entry's leaf hash (chain broken)"

  if [ "$n" = 1 ]; then
    [[ $body == *'"kind":"ledger.genesis"'* ]] || fail "$where" "entry 0 is not ledger.genesis"
    [[ $body =~ $genesis_re ]] || fail "$where" "genesis has no ledger"
    [ "${BASH_REMATCH[1]}" = "$origin" ] ||
      fail "$where" "genesis ledger \"${BASH_REMATCH[1]}\" is not the log key's name \"$origin\" (keys/log.vkey)"
    admin_key=$signer
  fi
  [[ $body =~ $ledger_re && ${BASH_REMATCH[1]} = "$origin" ]] ||
    fail "$where" "the entry's ledger is not \"$origin\""

  # Keys this entry introduces (genesis data.keys, key.register data), usable from the next entry on.
  if [[ $body == *'"kind":"ledger.genesis"'* || $body == *'"kind":"key.register"'* ]]; then
    rest=$body
    while [[ $rest =~ $key_re ]]; do
      id=${BASH_REMATCH[1]}; pk=${BASH_REMATCH[3]}; roles=${BASH_REMATCH[4]}
      rest=${rest#*"${BASH_REMATCH[0]}"}
      printf '%s' "$pk" | base64 -d > "$work/raw" 2>/dev/null || fail "$where" "key $id: bad base64"
      [ "$(sha256sum < "$work/raw" | cut -c1-64)" = "$id" ] ||
        fail "$where" "key_id $id is not the SHA-256 of its public key"
      raw_to_pem "$work/raw" "$work/$id.pem" || fail "$where" "key $id: openssl rejects the public key"
      [ -f "keys/$id.pem" ] || fail "keys/$id.pem" "missing: the journal registers key $id at seq $((n - 1))"
      openssl pkey -pubin -in "keys/$id.pem" -outform DER -out "$work/bundle.der" 2>/dev/null ||
        fail "keys/$id.pem" "not an SPKI public key PEM"
      cmp -s "$work/bundle.der" "$work/spki.der" ||
        fail "keys/$id.pem" "not the public key the journal registers as $id (seq $((n - 1)))"
      pem_checked[$id]=1
      if [ "$n" = 1 ] && [[ ,$roles, == *',"log",'* ]]; then
        if cmp -s "$work/raw" "$work/log.raw"; then log_in_genesis=1; fi
      fi
      pending+=("$id")
    done
  fi
  if [ "$n" = 1 ]; then
    for id in "${pending[@]}"; do known[$id]="$work/$id.pem"; done
    pending=()
    [ "$log_in_genesis" = 1 ] ||
      fail "$where" "keys/log.vkey is not the genesis key with role \"log\""
  fi

  key=${known[$signer]:-}
  [ -n "$key" ] || fail "$where" "signer $signer is not a key introduced earlier in the journal"
  printf '%s' "$body" > "$work/body"
  printf '%s' "$sig" | base64 -d > "$work/sig" 2>/dev/null || fail "$where" "sig: bad base64"
  verify_ed25519 "$key" "$work/body" "$work/sig" || fail "$where" "signature does not verify (signer $signer)"
  for id in "${pending[@]}"; do known[$id]="$work/$id.pem"; done
  pending=()

  # Leaf hash, chain, and the Merkle frontier: push the leaf, merge equal-size subtrees.
  leaf=$({ printf '\x00'; printf '%s' "$body"; } | sha256sum)
  leaf=${leaf:0:64}
  expected_prev=$leaf
  frontier+=("$leaf")
  k=$((n - 1))
  while ((k & 1)); do
    top=$((${#frontier[@]} - 1))
    node_hash "${frontier[top - 1]}" "${frontier[top]}"
    unset "frontier[top]"
    frontier[top - 1]=$REPLY
    frontier=("${frontier[@]}")
    k=$((k >> 1))
  done

  if [ -n "${cp_root[$n]:-}" ]; then
    top=$((${#frontier[@]} - 1))
    root=${frontier[top]}
    for ((i = top - 1; i >= 0; i--)); do node_hash "${frontier[i]}" "$root"; root=$REPLY; done
    [ "$root" = "${cp_root[$n]}" ] ||
      fail "${cp_file[$n]}" "root $(printf '%s' "${cp_root[$n]}" | cut -c1-16)… is not the Merkle root of journal entries 0..$((n - 1)) ($(printf '%s' "$root" | cut -c1-16)…)"
    last_root=$root
  fi
done 3< "$j"

# ---------------------------------------------------------------------------------------------
# Coverage: every checkpoint is within the journal, the largest covers all of it; every key file
# is a key the journal registers.

max=0
for size in "${cp_sizes[@]}"; do
  [ "$size" -le "$n" ] ||
    fail "${cp_file[$size]}" "checkpoint of $size entries, but the journal has only $n (entries removed?)"
  [ "$size" -le "$max" ] || max=$size
done
[ "$max" = "$n" ] ||
  fail "$j" "entries $max..$((n - 1)) are not covered by any checkpoint (largest checkpoint: $max entries)"
for pem in keys/*.pem; do
  [ -e "$pem" ] || continue
  id=${pem#keys/}; id=${id%.pem}
  [ -n "${pem_checked[$id]:-}" ] || fail "$pem" "not a key registered in the journal"
done

echo "ok: $n entries, $checkpoints checkpoints; signatures, chain and roots verified with openssl"
echo "  ledger (origin):  $origin"
echo "  admin key id:     $admin_key (signed the genesis entry)"
echo "  log key:          $vkey"
hex_escapes "$last_root"
echo "  latest root:      size $n, $(printf "$REPLY" | base64) (hex $last_root)"
