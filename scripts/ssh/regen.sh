#!/usr/bin/env bash
# Regenerates every SSH fixture of the approval.ssh tests with the real OpenSSH ssh-keygen:
#   planner/src/test/resources/ssh/
#     message.txt, other-message.txt          the signed "plan" bytes (fixed text, written here)
#     <key>, <key>.pub                        ssh-keygen -t ... key pairs (OpenSSH private key format)
#     <key>.fingerprint                       ssh-keygen -l -f <key>.pub
#     <key>.sig                               ssh-keygen -Y sign -n lockstep-plan  over message.txt (sha512)
#     <key>.sha256.sig                        the same with -O hashalg=sha256
#     <key>.other-namespace.sig               ssh-keygen -Y sign -n file           over message.txt
#     <key>.other-message.sig                 ssh-keygen -Y sign -n lockstep-plan  over other-message.txt
#     ed25519-encrypted                       a passphrase-protected key (passphrase in this script)
#     rsa-pem, ecdsa-pkcs8                    private keys in the old PEM formats (-m PEM, -m PKCS8)
# Needs ssh-keygen (OpenSSH 8.9 or later, for -O hashalg) on PATH; the build and the tests never run
# it, only people updating the fixtures do. Every key is new on each run (the tests read all of them
# from the files), and every signature is checked with ssh-keygen -Y verify before the script ends.
# Usage: scripts/ssh/regen.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=planner/src/test/resources/ssh
command -v ssh-keygen >/dev/null || { echo "regen.sh: ssh-keygen is not on PATH" >&2; exit 1; }
ssh -V 2>&1 | head -1 >&2
mkdir -p "$dir"
rm -f "$dir"/*
printf '%s\n' \
  'lockstep plan (fixture for the SSHSIG tests)' \
  '  + terraform_data.a' \
  '  ~ kubernetes_config_map.settings: data["mode"] "blue" -> "green"' >"$dir/message.txt"
printf '%s\n' \
  'lockstep plan (fixture for the SSHSIG tests)' \
  '  - terraform_data.a' >"$dir/other-message.txt"

key() { # name comment ssh-keygen-options...
  local name=$1 comment=$2; shift 2
  ssh-keygen -q -N '' -C "$comment" -f "$dir/$name" "$@" </dev/null
}
key ed25519 'alice@lockstep.test' -t ed25519
key ed25519-b 'bob@lockstep.test' -t ed25519
key ed25519-nocomment '' -t ed25519
key rsa 'carol@lockstep.test' -t rsa -b 3072
key ecdsa-p256 'dave@lockstep.test' -t ecdsa -b 256
key ecdsa-p384 'erin@lockstep.test' -t ecdsa -b 384
key ecdsa-p521 'frank@lockstep.test' -t ecdsa -b 521
key rsa-pem 'pem@lockstep.test' -t rsa -b 2048 -m PEM
key ecdsa-pkcs8 'pkcs8@lockstep.test' -t ecdsa -b 256 -m PKCS8
ssh-keygen -q -N 'correct horse battery staple' -C 'locked@lockstep.test' -t ed25519 \
  -f "$dir/ed25519-encrypted" </dev/null

signed=(ed25519 ed25519-b rsa ecdsa-p256 ecdsa-p384 ecdsa-p521)
for k in "${signed[@]}" ed25519-nocomment; do
  ssh-keygen -l -f "$dir/$k.pub" >"$dir/$k.fingerprint"
done
sign() { # key namespace message out [options]
  local k=$1 ns=$2 msg=$3 out=$4; shift 4
  ssh-keygen -q -Y sign -n "$ns" -f "$dir/$k" "$@" <"$dir/$msg" >"$dir/$out"
}
for k in "${signed[@]}"; do
  sign "$k" lockstep-plan message.txt "$k.sig"
  sign "$k" lockstep-plan message.txt "$k.sha256.sig" -O hashalg=sha256
  sign "$k" file message.txt "$k.other-namespace.sig"
  sign "$k" lockstep-plan other-message.txt "$k.other-message.sig"
done

# self-check: ssh-keygen accepts what it just made, and only in the namespace and over the message
allowed=$(mktemp)
trap 'rm -f "$allowed"' EXIT
for k in "${signed[@]}"; do
  echo "$k $(cat "$dir/$k.pub")" >"$allowed"
  v() { ssh-keygen -q -Y verify -f "$allowed" -I "$k" -n "$1" -s "$dir/$2" <"$dir/$3" >/dev/null 2>&1; }
  v lockstep-plan "$k.sig" message.txt
  v lockstep-plan "$k.sha256.sig" message.txt
  v file "$k.other-namespace.sig" message.txt
  v lockstep-plan "$k.other-message.sig" other-message.txt
  if v lockstep-plan "$k.other-message.sig" message.txt; then
    echo "regen.sh: $k.other-message.sig verified over message.txt" >&2; exit 1
  fi
done
echo "regenerated $(ls "$dir" | wc -l) fixture files in $dir" >&2
