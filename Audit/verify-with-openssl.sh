#!/usr/bin/env bash
# shellcheck disable=SC2094  # (bundle files are only ever read, never written)
# Checks a vtf audit bundle (`vtf audit export DIR`) with nothing but bash, openssl, sha256sum,
# base64, od and a few POSIX tools (cut, tr, cmp, find, sort, comm, xargs, tail, sed, grep,
# mktemp): no vtf code, no JSON reader. OPENSSL-CHECK.md says what it checks, what it does not,
# and shows the core commands so that you can follow by hand.
#
#   1. MANIFEST: every file of DIR but MANIFEST is listed, nothing else is, `sha256sum -c` passes.
#   2. keys/log.vkey: a C2SP Ed25519 verifier key whose key id is right.
#   3. checkpoints/<size>.note: the layout, size line = file name, origin line = the vkey's name,
#      and every signature line by the log key (name = origin, key id = the vkey's) verifies.
#   4. journal.jsonl, line by line: seq 0, 1, 2, …; prev = leaf hash of the entry before; every
#      entry names the ledger of keys/log.vkey; entry 0 is the genesis and its key with role
#      "log" is the vkey's key; the signer is a key introduced earlier in the journal whose id is
#      the SHA-256 of its public key and whose keys/<id>.pem is that same key, and that no
#      key.revoke has ended since; the Ed25519 signature verifies.
#   5. The largest checkpoint covers the whole journal, and the RFC 9162 Merkle root of the first
#      <size> leaves equals the root of every checkpoint.
#   6. With --checkpoint FILE (a checkpoint you got earlier, e.g. one you cosigned): it is signed by
#      the log key, the journal has at least its size entries, and the same root at that size.
#
# Usage: verify-with-openssl.sh DIR [--vkey VKEY] [--checkpoint FILE]...
#   --vkey: the log's verifier key obtained from the fund separately; keys/log.vkey must equal it.
#   Without it, compare the printed log key with one you trust.
# Prints "ok: …" then details, exit 0; or "FAILED: <where>: <why>", exit 1; usage errors exit 2.
set -euo pipefail
export LC_ALL=C

usage() {
  echo "usage: verify-with-openssl.sh DIR [--vkey VKEY] [--checkpoint FILE]..." >&2
  echo "  DIR         a folder written by \`vtf audit export DIR\`" >&2
  echo "  VKEY        the log's verifier key (origin+keyid+base64) that you got from the fund" >&2
  echo "              separately; keys/log.vkey must equal it" >&2
  echo "  FILE        a checkpoint note you obtained earlier; the journal must hold at least its" >&2
  echo "              size entries and have its root at that size" >&2
  exit 2
}
bundle=''
trusted_vkey=''
ext_labels=()            # --checkpoint files
while [ "$#" -gt 0 ]; do
  case $1 in
    -h | --help) usage ;;
    --vkey) [ "$#" -ge 2 ] || usage; trusted_vkey=$2; shift 2 ;;
    --vkey=*) trusted_vkey=${1#--vkey=}; shift ;;
    --checkpoint) [ "$#" -ge 2 ] || usage; ext_labels+=("$2"); shift 2 ;;
    --checkpoint=*) ext_labels+=("${1#--checkpoint=}"); shift ;;
    -*) echo "error: unknown option $1" >&2; usage ;;
    *) [ -z "$bundle" ] || usage; bundle=$1; shift ;;
  esac
done
[ -n "$bundle" ] || usage
[ -d "$bundle" ] || { echo "error: $bundle is not a directory" >&2; usage; }
for tool in openssl sha256sum base64 od tr cut cmp find sort comm xargs tail sed grep mktemp; do
  command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool is not installed" >&2; exit 2; }
done

dir=$(cd "$bundle" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir "$work/leaf" "$work/node"
for ((k = 0; k < ${#ext_labels[@]}; k++)); do
  if ! { [ -f "${ext_labels[k]}" ] && cp "${ext_labels[k]}" "$work/ext.$k"; }; then
    echo "error: cannot read the checkpoint ${ext_labels[k]}" >&2; exit 2
  fi
done

fail() { printf 'FAILED: %s: %s\n' "$1" "$2"; exit 1; }

# ---------------------------------------------------------------------------------------------
# Helpers. Nothing that runs in a subshell calls fail: callers check the results.

# REPLY = escapes ("\xAB…") for the hex string $1, which `printf '%b'` turns into bytes.
hex_escapes() {
  local hex=$1 out='' i
  for ((i = 0; i < ${#hex}; i += 2)); do out+="\\x${hex:i:2}"; done
  REPLY=$out
}

# Succeeds if the file $1 ends with a newline.
ends_with_newline() {
  local last
  last=$(tail -c 1 "$1" | od -An -tx1)
  [ "${last// /}" = 0a ]
}

# REPLY = lowercase hex of the files $@, concatenated.
files_hex() {
  REPLY=$(od -An -tx1 -v "$@")
  REPLY=${REPLY//[$' \n']/}
}

# hashes = SHA-256 (hex) of every file listed, one path relative to $work a line, in the file
# $work/$1, in order: one sha256sum run for many hashes (the tree has about 2n nodes).
hash_list() {
  hashes=()
  [ -s "$work/$1" ] || return 0
  (cd "$work" && xargs sha256sum < "$1") > "$work/sums" || return 1
  mapfile -t hashes < "$work/sums"
  hashes=("${hashes[@]%% *}")
}

# Write 0x01 || left || right (hex $2, $3) to $work/$1: the input of an interior Merkle node.
write_node() {
  hex_escapes "$2$3"
  printf '\x01%b' "$REPLY" > "$work/$1"
}

# Write the SPKI PEM of the raw 32-byte Ed25519 key in file $1 to $2 (DER kept in $work/spki.der).
raw_to_pem() {
  { printf '\x30\x2a\x30\x05\x06\x03\x2b\x65\x70\x03\x21\x00'; cat "$1"; } > "$work/spki.der"
  openssl pkey -pubin -inform DER -in "$work/spki.der" -out "$2" 2>/dev/null
}

# verify_ed25519 PEM MESSAGE-FILE SIG-FILE. Ed25519 needs -rawin, and openssl 3.0 needs the
# message in a non-empty regular file.
verify_ed25519() {
  openssl pkeyutl -verify -pubin -inkey "$1" -rawin -in "$2" -sigfile "$3" >/dev/null 2>&1
}

# A JSON string as the canonical form writes it.
str='"([^"\\]|\\.)*"'

# ---------------------------------------------------------------------------------------------
# 1. MANIFEST

cd "$dir"
[ -f MANIFEST ] && [ ! -L MANIFEST ] || fail MANIFEST "missing (no regular file MANIFEST in $dir)"
find . ! -type f ! -type d > "$work/odd"
odd=$(sed -n 1p "$work/odd")
[ -z "$odd" ] || fail "${odd#./}" "not a regular file (links and devices have no place in a bundle)"

n=0
prev_path=''
: > "$work/listed"
while IFS= read -r mline || [ -n "$mline" ]; do
  n=$((n + 1))
  [[ $mline =~ ^[0-9a-f]{64}\ \ ([A-Za-z0-9._/-]+)$ ]] ||
    fail "MANIFEST line $n" "not \"<64 lowercase hex>  <path>\""
  path=${BASH_REMATCH[1]}
  [[ $path != /* && /$path/ != */../* && /$path/ != */./* && $path != */ && $path != *//* ]] ||
    fail "MANIFEST line $n" "$path is not a plain relative path inside the bundle"
  [ "$path" != MANIFEST ] || fail "MANIFEST line $n" "lists MANIFEST itself"
  [[ -z $prev_path || $prev_path < $path ]] ||
    fail "MANIFEST line $n" "$path is out of order or listed twice (paths must be sorted, byte order)"
  prev_path=$path
  printf '%s\n' "$path" >> "$work/listed"
done < MANIFEST
[ "$n" -gt 0 ] || fail MANIFEST "empty"
ends_with_newline MANIFEST || fail MANIFEST "does not end with a newline"

find . -type f ! -path ./MANIFEST | cut -c3- | sort > "$work/found"
unlisted=$(comm -13 "$work/listed" "$work/found" | sed -n 1p)
[ -z "$unlisted" ] || fail "$unlisted" "in the bundle but not listed in MANIFEST"
missing=$(comm -23 "$work/listed" "$work/found" | sed -n 1p)
[ -z "$missing" ] || fail "$missing" "listed in MANIFEST but missing from the bundle"
if ! sha256sum --strict --quiet -c MANIFEST > "$work/sumcheck" 2>&1; then
  bad=$(grep -m 1 ': FAILED' "$work/sumcheck" | sed 's/: FAILED.*$//' || true)
  [ -n "$bad" ] || fail MANIFEST "sha256sum -c failed: $(sed -n 1p "$work/sumcheck")"
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

# Bash drops NUL bytes when it reads a line: refuse them up front.
{ cat journal.jsonl; find checkpoints -type f -exec cat {} + 2>/dev/null || true; } > "$work/all"
if ! tr -d '\000' < "$work/all" | cmp -s - "$work/all"; then
  for f in journal.jsonl checkpoints/*; do
    tr -d '\000' < "$f" | cmp -s - "$f" || fail "$f" "contains a NUL byte"
  done
fi

# ---------------------------------------------------------------------------------------------
# 2. keys/log.vkey: <name>+<hex8 key id>+<base64(0x01 || 32-byte key)>

IFS= read -r vkey < keys/log.vkey || true
printf '%s\n' "$vkey" | cmp -s - keys/log.vkey || fail keys/log.vkey "not exactly one line ending in a newline"
[[ $vkey =~ ^([^+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]{44})$ ]] ||
  fail keys/log.vkey "not <name>+<8 hex key id>+<base64 of 33 bytes>"
origin=${BASH_REMATCH[1]}; log_key_id=${BASH_REMATCH[2]}; vkey_b64=${BASH_REMATCH[3]}
[ -z "$trusted_vkey" ] || [ "$vkey" = "$trusted_vkey" ] ||
  fail keys/log.vkey "$vkey is not the verifier key given with --vkey ($trusted_vkey)"
[[ $origin =~ ^[!-~]+$ ]] || fail keys/log.vkey "key name \"$origin\" has spaces or non-ASCII characters"
base64 -d <<< "$vkey_b64" > "$work/vkey.bin" 2>/dev/null || fail keys/log.vkey "bad base64"
files_hex "$work/vkey.bin"
[[ $REPLY =~ ^01([0-9a-f]{64})$ ]] || fail keys/log.vkey "key is not type 0x01 (Ed25519) and 32 bytes"
hex_escapes "${BASH_REMATCH[1]}"; printf '%b' "$REPLY" > "$work/log.raw"
# key id = SHA-256(name || 0x0A || 0x01 || pubkey)[:4]
want=$({ printf '%s\n' "$origin"; cat "$work/vkey.bin"; } | sha256sum | cut -c1-8)
[ "$want" = "$log_key_id" ] ||
  fail keys/log.vkey "key id $log_key_id is not SHA-256(name || 0x0A || 0x01 || key)[:4] = $want"
raw_to_pem "$work/log.raw" "$work/log.pem" || fail keys/log.vkey "openssl rejects the public key"

# ---------------------------------------------------------------------------------------------
# 3. checkpoints/<size>.note: "<origin>\n<size>\n<base64 root>\n", a blank line, signature lines.

em=$'\xe2\x80\x94'       # U+2014 EM DASH

# check_note FILE LABEL [SIZE]: the layout, origin and log signature of one checkpoint note; the
# size line must be SIZE if given. Sets note_size and note_root (hex).
check_note() {
  local file=$1 label=$2 want_size=${3:-} lines=() l complete=1 log_sigs=0 i where sigline_hex
  while IFS= read -r l || { [ -n "$l" ] && complete=0; }; do lines+=("$l"); done < "$file"
  [ "$complete" = 1 ] || fail "$label" "does not end with a newline"
  [ "${#lines[@]}" -ge 5 ] || fail "$label" "too short: want origin, size, root, a blank line, signatures"
  [ "${lines[0]}" = "$origin" ] || fail "$label" "origin line \"${lines[0]}\" is not \"$origin\" (keys/log.vkey)"
  [[ ${lines[1]} =~ ^(0|[1-9][0-9]{0,17})$ ]] || fail "$label" "size line \"${lines[1]}\" is not a decimal size"
  [ -z "$want_size" ] || [ "${lines[1]}" = "$want_size" ] ||
    fail "$label" "size line \"${lines[1]}\" does not match the file name (size $want_size)"
  [[ ${lines[2]} =~ ^[A-Za-z0-9+/]{43}=$ ]] || fail "$label" "root line is not the base64 of 32 bytes"
  [ -z "${lines[3]}" ] || fail "$label" "line 4 is not the blank line before the signatures"
  [ "${#lines[@]}" -le 104 ] || fail "$label" "more than 100 signature lines"
  # The signed message: the note text including its final newline, without the blank line.
  printf '%s\n%s\n%s\n' "${lines[0]}" "${lines[1]}" "${lines[2]}" > "$work/note.text"
  base64 -d <<< "${lines[2]}" > "$work/root.bin" 2>/dev/null || fail "$label" "root line: bad base64"
  for ((i = 4; i < ${#lines[@]}; i++)); do
    where="$label line $((i + 1))"
    [[ ${lines[i]} =~ ^${em}\ ([^[:space:]+]+)\ ([A-Za-z0-9+/]+={0,2})$ ]] ||
      fail "$where" "not a signature line \"— <name> <base64>\""
    [ "${BASH_REMATCH[1]}" = "$origin" ] || continue   # a cosignature: not checked here
    base64 -d <<< "${BASH_REMATCH[2]}" > "$work/sigline.bin" 2>/dev/null || fail "$where" "bad base64"
    files_hex "$work/root.bin" "$work/sigline.bin"
    note_root=${REPLY:0:64}; sigline_hex=${REPLY:64}
    [ "${sigline_hex:0:8}" = "$log_key_id" ] || continue   # same name, other key id: ignored (C2SP)
    [ "${#sigline_hex}" = 136 ] || fail "$where" "log signature is not 4 + 64 bytes"
    hex_escapes "${sigline_hex:8}"; printf '%b' "$REPLY" > "$work/sig.bin"
    verify_ed25519 "$work/log.pem" "$work/note.text" "$work/sig.bin" ||
      fail "$where" "log signature does not verify with keys/log.vkey"
    log_sigs=$((log_sigs + 1))
  done
  [ "$log_sigs" -gt 0 ] || fail "$label" "no signature line by the log key (name $origin, key id $log_key_id)"
  note_size=${lines[1]}
}

declare -A cp_root=()    # size -> root (hex)
declare -A cp_file=()    # size -> file name
cp_sizes=()              # ascending: the file names are zero-padded
for note in checkpoints/*.note; do
  [ -e "$note" ] || continue
  digits=${note#checkpoints/}; digits=${digits%.note}
  size=${digits#"${digits%%[!0]*}"}; size=${size:-0}
  [ "${#size}" -le 18 ] || fail "$note" "size $size is absurdly large"
  check_note "$note" "$note" "$size"
  cp_root[$size]=$note_root
  cp_file[$size]=$note
  cp_sizes+=("$size")
done
[ "${#cp_sizes[@]}" -gt 0 ] || fail checkpoints/ "no checkpoint in the bundle"

# Checkpoints you already held (--checkpoint): signed by the same log key, whatever their size.
ext_sizes=()
ext_roots=()
for ((k = 0; k < ${#ext_labels[@]}; k++)); do
  check_note "$work/ext.$k" "${ext_labels[k]}"
  ext_sizes+=("$note_size")
  ext_roots+=("$note_root")
done

# ---------------------------------------------------------------------------------------------
# 4. journal.jsonl

j=journal.jsonl
[ -s "$j" ] || fail "$j" "empty"
ends_with_newline "$j" || fail "$j" "does not end with a newline"

# The fixed tail of every canonical entry: …"seq":N,"sig":"…","signer":"…","time":"…","v":1}
tail_re="^(.*\"seq\":([0-9]+)),\"sig\":\"([A-Za-z0-9+/]{86}==)\",(\"signer\":\"([0-9a-f]{64})\",\"time\":$str,\"v\":1)}\$"
# A key record (genesis data.keys, key.register data), members in canonical order.
key_re="\"key_id\":\"([0-9a-f]{64})\",\"name\":$str,\"public_key\":\"([A-Za-z0-9+/]{43}=)\",\"roles\":\[(($str)(,$str)*)?\]"
# Greedy: the last match is the top-level member (data, memo and postings come before it).
prev_re='.*"prev":"([0-9a-f]{64})"'
ledger_re='.*"kind":"([a-z.]+)","ledger":"([^"\\]*)"'
revoke_re='^\{"data":\{"key_id":"([0-9a-f]{64})"'

# Pass 1: leaf hashes. Entry bytes = the line without its "sig" member; leaf = SHA-256(0x00 || bytes).
n=0
list=''
while IFS= read -r line <&3; do
  n=$((n + 1))
  if [[ $line =~ $tail_re ]]; then line="${BASH_REMATCH[1]},${BASH_REMATCH[4]}}"; fi
  printf '\x00%s' "$line" > "$work/leaf/$n"
  list+="leaf/$n"$'\n'
done 3< "$j"
printf '%s' "$list" > "$work/leaf.list"
hash_list leaf.list || fail "$j" "sha256sum failed"
[ "${#hashes[@]}" = "$n" ] || fail "$j" "sha256sum failed"
leaf=("${hashes[@]}")    # leaf[seq]

# Pass 2: every entry, in order.
declare -A known=()      # key id -> PEM file, usable from the next entry on
declare -A registered=() # key id -> 1 once its keys/<id>.pem is checked
declare -A revoked=()    # key id -> seq of the key.revoke that ended it
pending=()
admin_key=''
n=0
while IFS= read -r line <&3; do
  n=$((n + 1))
  seqn=$((n - 1))
  where="$j line $n (seq $seqn)"
  [[ $line =~ $tail_re ]] || fail "$where" "not a vtf v1 entry"
  seq=${BASH_REMATCH[2]}; sig=${BASH_REMATCH[3]}; signer=${BASH_REMATCH[5]}
  body="${BASH_REMATCH[1]},${BASH_REMATCH[4]}}"      # the signed bytes
  [ "$seq" = "$seqn" ] || fail "$where" "seq is $seq, expected $seqn"
  [[ $body =~ $prev_re ]] || fail "$where" "no prev"
  if [ "$seqn" = 0 ]; then want=0000000000000000000000000000000000000000000000000000000000000000
  else want=${leaf[seqn - 1]}; fi
  [ "${BASH_REMATCH[1]}" = "$want" ] ||
    fail "$where" "prev does not match the previous entry's leaf hash (chain broken)"
  [[ $body =~ $ledger_re ]] || fail "$where" "no kind and ledger"
  kind=${BASH_REMATCH[1]}
  [ "${BASH_REMATCH[2]}" = "$origin" ] ||
    fail "$where" "ledger \"${BASH_REMATCH[2]}\" is not \"$origin\" (keys/log.vkey)"
  if [ "$seqn" = 0 ]; then [ "$kind" = ledger.genesis ] || fail "$where" "entry 0 is a $kind, not the ledger.genesis"
  else [ "$kind" != ledger.genesis ] || fail "$where" "a second ledger.genesis"; fi

  # Keys this entry introduces: usable from the next entry on (the genesis keys: from entry 0).
  if [ "$kind" = ledger.genesis ] || [ "$kind" = key.register ]; then
    rest=$body
    log_in_genesis=0
    while [[ $rest =~ $key_re ]]; do
      id=${BASH_REMATCH[1]}; pk=${BASH_REMATCH[3]}; roles=${BASH_REMATCH[4]}
      rest=${rest#*"${BASH_REMATCH[0]}"}
      base64 -d <<< "$pk" > "$work/raw" 2>/dev/null || fail "$where" "key $id: bad base64"
      [ "$(sha256sum < "$work/raw" | cut -c1-64)" = "$id" ] ||
        fail "$where" "key_id $id is not the SHA-256 of its public key"
      raw_to_pem "$work/raw" "$work/$id.pem" || fail "$where" "key $id: openssl rejects the public key"
      [ -f "keys/$id.pem" ] || fail "keys/$id.pem" "missing (the journal registers key $id at seq $seqn)"
      openssl pkey -pubin -in "keys/$id.pem" -outform DER -out "$work/bundle.der" 2>/dev/null ||
        fail "keys/$id.pem" "not an SPKI public key PEM"
      cmp -s "$work/bundle.der" "$work/spki.der" ||
        fail "keys/$id.pem" "not the key the journal registers as $id (seq $seqn)"
      registered[$id]=1
      if [[ ,$roles, == *',"log",'* ]] && cmp -s "$work/raw" "$work/log.raw"; then log_in_genesis=1; fi
      pending+=("$id")
    done
  fi
  if [ "$seqn" = 0 ]; then
    [ "$log_in_genesis" = 1 ] || fail "$where" "keys/log.vkey is not the genesis key with role \"log\""
    for id in "${pending[@]}"; do known[$id]="$work/$id.pem"; done
    pending=()
    admin_key=$signer
  fi

  key=${known[$signer]:-}
  [ -z "${revoked[$signer]:-}" ] || fail "$where" "signer $signer was revoked at seq ${revoked[$signer]}"
  [ -n "$key" ] || fail "$where" "signer $signer is not a key introduced earlier in the journal"
  printf '%s' "$body" > "$work/body"
  base64 -d <<< "$sig" > "$work/sig" 2>/dev/null || fail "$where" "sig: bad base64"
  verify_ed25519 "$key" "$work/body" "$work/sig" || fail "$where" "signature does not verify (signer $signer)"
  for id in "${pending[@]}"; do known[$id]="$work/$id.pem"; unset 'revoked[$id]'; done
  pending=()
  # A key.revoke ends its key from the next entry on.
  if [ "$kind" = key.revoke ]; then
    [[ $body =~ $revoke_re ]] || fail "$where" "key.revoke without data.key_id"
    unset 'known[${BASH_REMATCH[1]}]'
    revoked[${BASH_REMATCH[1]}]=$seqn
  fi
done 3< "$j"

for pem in keys/*.pem; do
  [ -e "$pem" ] || continue
  id=${pem#keys/}; id=${id%.pem}
  [ -n "${registered[$id]:-}" ] || fail "$pem" "not a key registered in the journal"
done

# ---------------------------------------------------------------------------------------------
# 5. Checkpoints against the journal: coverage, then Merkle roots (RFC 9162 §2.1.1).

largest=${cp_sizes[${#cp_sizes[@]} - 1]}
[ "$largest" -le "$n" ] ||
  fail "${cp_file[$largest]}" "a checkpoint of $largest entries, but the journal has $n (entries removed?)"
[ "$largest" = "$n" ] ||
  fail "$j" "entries $largest..$((n - 1)) are not covered by any checkpoint (the largest has $largest entries)"

for ((k = 0; k < ${#ext_sizes[@]}; k++)); do
  [ "${ext_sizes[k]}" -le "$n" ] || fail "${ext_labels[k]}" \
    "your checkpoint has ${ext_sizes[k]} entries, the journal only $n: history was removed or rewritten"
done

# The tree, level by level: tree[L,i] = hash of the perfect subtree of leaves i*2^L .. (i+1)*2^L-1,
# each level in one sha256sum run.
declare -A tree=()
for ((i = 0; i < n; i++)); do tree[0,$i]=${leaf[i]}; done
level=0
width=$n
while ((width >= 2)); do
  list=''
  for ((i = 0; i + 1 < width; i += 2)); do
    write_node "node/$level.$i" "${tree[$level,$i]}" "${tree[$level,$((i + 1))]}"
    list+="node/$level.$i"$'\n'
  done
  printf '%s' "$list" > "$work/node.list"
  hash_list node.list || fail "$j" "sha256sum failed"
  for ((i = 0; i < ${#hashes[@]}; i++)); do tree[$((level + 1)),$i]=${hashes[i]}; done
  level=$((level + 1))
  width=$((width / 2))
done

# The root of m leaves folds the perfect subtrees of m's binary digits (largest, leftmost first)
# from the right: root = H(0x01 || s0 || H(0x01 || s1 || … s_last)). All checkpoints fold
# together, one sha256sum run per step.
declare -A rest_of=() rest_n=() acc=()   # size -> subtrees still to fold, their count, the fold so far
all_sizes=("${cp_sizes[@]}")
declare -A seen=()
for m in "${cp_sizes[@]}"; do seen[$m]=1; done
for m in "${ext_sizes[@]}"; do [ -n "${seen[$m]:-}" ] || { all_sizes+=("$m"); seen[$m]=1; }; done
for m in "${all_sizes[@]}"; do
  parts=()
  start=0
  for ((b = 62; b >= 0; b--)); do
    if (((m >> b) & 1)); then parts+=("${tree[$b,$((start >> b))]}"); start=$((start + (1 << b))); fi
  done
  if [ "$m" = 0 ]; then acc[$m]=$(sha256sum < /dev/null | cut -c1-64); rest_n[$m]=0; continue; fi
  acc[$m]=${parts[${#parts[@]} - 1]}
  unset 'parts[${#parts[@]}-1]'
  rest_of[$m]="${parts[*]}"
  rest_n[$m]=${#parts[@]}
done
while :; do
  list=''
  order=()
  for m in "${all_sizes[@]}"; do
    [ "${rest_n[$m]}" -gt 0 ] || continue
    left=${rest_of[$m]##* }
    rest_of[$m]=${rest_of[$m]% *}
    rest_n[$m]=$((${rest_n[$m]} - 1))
    write_node "node/root.$m" "$left" "${acc[$m]}"
    list+="node/root.$m"$'\n'
    order+=("$m")
  done
  [ "${#order[@]}" -gt 0 ] || break
  printf '%s' "$list" > "$work/node.list"
  hash_list node.list || fail "$j" "sha256sum failed"
  for ((i = 0; i < ${#order[@]}; i++)); do acc[${order[i]}]=${hashes[i]}; done
done
for m in "${cp_sizes[@]}"; do
  [ "${acc[$m]}" = "${cp_root[$m]}" ] ||
    fail "${cp_file[$m]}" "root ${cp_root[$m]:0:16}… is not the Merkle root of journal entries 0..$((m - 1)) (${acc[$m]:0:16}…)"
done

for ((k = 0; k < ${#ext_sizes[@]}; k++)); do
  m=${ext_sizes[k]}
  [ "${acc[$m]}" = "${ext_roots[k]}" ] || fail "${ext_labels[k]}" \
    "your checkpoint's root at size $m is not the journal's (${acc[$m]:0:16}…): history was rewritten"
done

hex_escapes "${acc[$n]}"
root_b64=$(printf '%b' "$REPLY" | base64)
echo "ok: $n entries, ${#cp_sizes[@]} checkpoints; signatures, chain and roots verified with openssl"
echo "  ledger (origin): $origin"
echo "  admin key id:    $admin_key (signed the genesis entry)"
if [ -n "$trusted_vkey" ]; then
  echo "  log key:         $vkey (= --vkey)"
else
  echo "  log key:         $vkey (compare it with the one the fund gave you, or pass --vkey)"
fi
echo "  latest root:     size $n, $root_b64 (hex ${acc[$n]})"
for ((k = 0; k < ${#ext_sizes[@]}; k++)); do
  echo "  your checkpoint: ${ext_labels[k]} (size ${ext_sizes[k]}) is consistent with this journal"
done
