#!/usr/bin/env bash
# Whole-process latency of one `lkms encrypt` / `lkms decrypt` of 4 KiB with an
# age identity slot (start, unlock, parse, encrypt, audit append, print), beside
# `age -e` / `age -d` of the same 4 KiB to the same kind of identity, measured in
# the same run. Prints medians of N runs and the ratio.
#
#   bench/cli-latency.sh [N]        (default N=200)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-200}
command -v age >/dev/null || { apt-get update -qq && apt-get install -y -qq age >/dev/null; }
cargo build --release -q
LKMS=$PWD/target/release/lkms
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LKMS_KEYRING=$work/keyring.toml LKMS_IDENTITY=$work/id.txt
LKMS_IDENTITY= "$LKMS" init --generate-identity "$work/id.txt" >/dev/null
for i in $(seq 1 20); do "$LKMS" create-key --description "k$i" >/dev/null; done
"$LKMS" create-key --description bench --output text --query KeyMetadata.KeyId >"$work/key"
"$LKMS" create-alias --alias-name alias/bench --target-key-id "$(cat "$work/key")"
head -c 4096 /dev/urandom >"$work/pt"
"$LKMS" encrypt --key-id alias/bench --plaintext "fileb://$work/pt" --output text --query CiphertextBlob | base64 -d >"$work/ct"
age-keygen -o "$work/age-id.txt" 2>/dev/null
age -e -i "$work/age-id.txt" -o "$work/pt.age" "$work/pt"

python3 - "$N" "$work" "$LKMS" <<'PY'
import statistics, subprocess, sys, time
n, work, lkms = int(sys.argv[1]), sys.argv[2], sys.argv[3]
cases = {
    "lkms encrypt 4 KiB": [lkms, "encrypt", "--key-id", "alias/bench", "--plaintext", f"fileb://{work}/pt", "--output", "json"],
    "lkms decrypt 4 KiB": [lkms, "decrypt", "--ciphertext-blob", f"fileb://{work}/ct", "--output", "json"],
    "age -e 4 KiB":       ["age", "-e", "-i", f"{work}/age-id.txt", "-o", "/dev/null", f"{work}/pt"],
    "age -d 4 KiB":       ["age", "-d", "-i", f"{work}/age-id.txt", "-o", "/dev/null", f"{work}/pt.age"],
}
med = {}
for name, cmd in cases.items():
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)   # warm up
    t = []
    for _ in range(n):
        s = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        t.append(time.perf_counter() - s)
    med[name] = statistics.median(t) * 1000
    print(f"{name:22} median {med[name]:6.2f} ms   p90 {sorted(t)[int(n * 0.9)] * 1000:6.2f} ms   ({n} runs)")
print(f"ratio lkms/age: encrypt {med['lkms encrypt 4 KiB'] / med['age -e 4 KiB']:.2f}, decrypt {med['lkms decrypt 4 KiB'] / med['age -d 4 KiB']:.2f}")
PY
