#!/usr/bin/env bash
# Envelope file encryption throughput, side by side in one run: lkms, age and
# gpg encrypting and decrypting the same 1 GiB and 4 GiB random files, with
# two ceilings: `openssl speed` AES-256-GCM (the CPU) and `cp` (file-to-file
# I/O). Two settings: output to /dev/null with the input in page cache
# (CPU-bound), and file to file. Peak RSS from /usr/bin/time. lkms is unlocked
# by an age identity slot, as age is, so no passphrase KDF is counted.
#
#   bench/file-throughput.sh [SIZES_GIB...]     (default: 1 4)
#   BENCH_DIR=/some/dir bench/file-throughput.sh   (default: a temp dir on /dev/shm, a tmpfs)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1 4}")
[ $# -gt 0 ] || sizes=(1 4)
need=()
command -v age >/dev/null || need+=(age)
command -v gpg >/dev/null || need+=(gnupg)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; fi
cargo build --release -q
LKMS=$PWD/target/release/lkms
# tmpfs by default, so file-to-file measures lkms rather than the disk.
work=$(mktemp -d "${BENCH_DIR:-/dev/shm}/lkms-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export LKMS_KEYRING=$work/keyring.toml LKMS_IDENTITY=$work/id.txt GNUPGHOME=$work/gnupg
mkdir -m 700 "$GNUPGHOME"
LKMS_IDENTITY= "$LKMS" init --generate-identity "$work/id.txt" >/dev/null
KEY=$("$LKMS" create-key --description bench --output text --query KeyMetadata.KeyId)
age-keygen -o "$work/age.txt" 2>/dev/null
echo bench-passphrase >"$work/gpg-pass"

python3 - "$work" "$LKMS" "$KEY" "${sizes[@]}" <<'PY'
import os, re, statistics, subprocess, sys, time
work, lkms, key, sizes = sys.argv[1], sys.argv[2], sys.argv[3], [int(s) for s in sys.argv[4:]]
GiB = 1 << 30
RUNS = 3
gpg = ["gpg", "--batch", "--yes", "--quiet", "--pinentry-mode", "loopback", "--passphrase-file", f"{work}/gpg-pass"]

def run(cmd, stdin=None):
    """Wall time and peak RSS (KiB) of one run."""
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdin=stdin, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, check=True)
    dt = time.perf_counter() - t0
    rss = int(re.findall(rb"(\d+)\s*$", p.stderr)[-1])
    return dt, rss

def best(cmd, warm=None):
    if warm:
        subprocess.run(["cat", warm], stdout=subprocess.DEVNULL, check=True)
    times, rss = [], 0
    for _ in range(RUNS):
        dt, r = run(cmd)
        times.append(dt); rss = max(rss, r)
    return statistics.median(times), rss

def speed(multi):
    cmd = ["openssl", "speed", "-seconds", "2", "-bytes", "65536", "-evp", "aes-256-gcm"]
    if multi: cmd[2:2] = ["-multi", str(multi)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    line = [l for l in out.splitlines() if l.lower().startswith("aes-256-gcm")][-1]
    return float(line.split()[-1].rstrip("k")) * 1000 / 1e9

rows = []
ceil1, ceil2 = speed(0), speed(os.cpu_count() or 2)
print(f"openssl speed -evp aes-256-gcm, 64 KiB: {ceil1:.2f} GB/s one core, {ceil2:.2f} GB/s all cores")
for g in sizes:
    n = g * GiB
    src = f"{work}/in-{g}"
    subprocess.run(f"openssl enc -aes-256-ctr -nosalt -pass pass:x -in /dev/zero 2>/dev/null | head -c {n} > {src}",
                   shell=True, check=True)
    enc, age_f, gpg_f, out = f"{src}.lkms", f"{src}.age", f"{src}.gpg", f"{work}/out"
    # At most the input and one more file of its size exist at once: on a
    # tmpfs they are memory, and memory pressure (not lkms or cp) dominated
    # the 4 GiB file-to-file runs when three were kept.
    r = {}
    subprocess.run(["age", "-e", "-i", f"{work}/age.txt", "-o", age_f, src], check=True)
    r["age enc"] = best(["age", "-e", "-i", f"{work}/age.txt", "-o", "/dev/null", src], warm=src)
    r["age dec"] = best(["age", "-d", "-i", f"{work}/age.txt", "-o", "/dev/null", age_f], warm=age_f)
    os.remove(age_f)
    subprocess.run(gpg + ["--symmetric", "--cipher-algo", "AES256", "--compress-algo", "none", "-o", gpg_f, src], check=True)
    r["gpg enc"] = best(gpg + ["--symmetric", "--cipher-algo", "AES256", "--compress-algo", "none", "-o", "/dev/null", src], warm=src)
    r["gpg dec"] = best(gpg + ["--decrypt", "-o", "/dev/null", gpg_f], warm=gpg_f)
    os.remove(gpg_f)
    r["lkms enc"] = best([lkms, "encrypt-file", "--key-id", key, "-o", "/dev/null", src], warm=src)
    r["lkms enc file"] = best([lkms, "encrypt-file", "--key-id", key, "-o", out, src], warm=src)
    os.remove(out)
    r["cp file"] = best(["cp", src, out], warm=src)
    os.remove(out)
    subprocess.run([lkms, "encrypt-file", "--key-id", key, "-o", enc, src], stdout=subprocess.DEVNULL, check=True)
    os.remove(src)
    r["lkms dec"] = best([lkms, "decrypt-file", "-o", "/dev/null", enc], warm=enc)
    r["lkms dec file"] = best([lkms, "decrypt-file", "-o", out, enc], warm=enc)
    os.remove(out)
    r["cp file (ciphertext)"] = best(["cp", enc, out], warm=enc)
    os.remove(out); os.remove(enc)
    for name, (t, rss) in r.items():
        rows.append((g, name, n / t / 1e9, rss))

print(f"\n{'size':>5} {'run':<21} {'GB/s':>6} {'peak RSS':>10}")
by = {}
for g, name, gbs, rss in rows:
    by[(g, name)] = gbs
    print(f"{g:>4}G {name:<21} {gbs:6.2f} {rss/1024:8.1f} MiB")
print()
for g in sizes:
    f = lambda k: by[(g, k)]
    print(f"{g} GiB ratios: enc lkms/age {f('lkms enc')/f('age enc'):.2f}  dec lkms/age {f('lkms dec')/f('age dec'):.2f}  "
          f"enc lkms/gpg {f('lkms enc')/f('gpg enc'):.2f}  dec lkms/gpg {f('lkms dec')/f('gpg dec'):.2f}  "
          f"enc lkms/openssl-2core {f('lkms enc')/ceil2:.2f}  "
          f"file enc lkms/cp {f('lkms enc file')/f('cp file'):.2f}  file dec lkms/cp {f('lkms dec file')/f('cp file (ciphertext)'):.2f}")
PY
