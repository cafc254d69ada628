"""A file encrypted and decrypted with the AWS Encryption SDK CLI
(`aws-encryption-cli` beside this Python) through the KMS key
LKMS_TEST_KEY_ARN, with an encryption context; the KMS endpoint comes from
AWS_ENDPOINT_URL_KMS, which botocore (under the SDK) honours. Prints one
JSON report (see tests/serve/clients.rs).
"""

import base64
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import uuid

CLI = os.path.join(os.path.dirname(sys.executable), "aws-encryption-cli")
KEY = os.environ["LKMS_TEST_KEY_ARN"]
WORK = tempfile.mkdtemp(prefix="lkms-esdk-")
CONTEXT = {"purpose": "clients-test", "run": uuid.uuid4().hex}
COMMON = ["--wrapping-keys", f"key={KEY}", "--commitment-policy", "require-encrypt-require-decrypt"]

version = subprocess.run([CLI, "--version"], capture_output=True, text=True)
report = {"client": (version.stdout or version.stderr).strip(), "key": KEY, "steps": {}}


def path(name):
    return os.path.join(WORK, name)


def digest(name):
    """The file's SHA-256 and size, or None when there is no such file."""
    if not os.path.exists(path(name)):
        return None
    with open(path(name), "rb") as f:
        data = f.read()
    return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def run(mode, src, dst, context):
    """One `aws-encryption-cli` run; its metadata, or its failure."""
    meta = path(dst + ".meta.json")
    cmd = [CLI, mode, "--input", path(src), "--output", path(dst), "--metadata-output", meta, *COMMON]
    cmd += ["--encryption-context", *(f"{k}={v}" for k, v in context.items())]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        return {"exit": out.returncode, "error": out.stderr.strip()[-2000:]}
    with open(meta) as f:
        metadata = json.load(f)
    header = metadata["header"]
    keys = [
        {
            "provider_id": base64.b64decode(k["key_provider"]["provider_id"]).decode(),
            "key_info": base64.b64decode(k["key_provider"]["key_info"]).decode(),
            "encrypted_data_key": k["encrypted_data_key"],
        }
        for k in header["encrypted_data_keys"]
    ]
    return {
        "exit": 0,
        "algorithm": header["algorithm"],
        "encryption_context": header["encryption_context"],
        "encrypted_data_keys": keys,
        # The CLI exits 0 but skips a message whose context lacks a required pair.
        "skipped": metadata.get("skipped", False),
        "reason": metadata.get("reason"),
        "output_exists": os.path.exists(path(dst)),
    }


def step(name, fn):
    try:
        report["steps"][name] = fn()
    except Exception as e:
        report["steps"][name] = {"exception": repr(e)}


with open(path("plain"), "wb") as f:
    # Several frames (the CLI's default frame is 4 KiB) and a partial last one.
    f.write(os.urandom(100_000))


step("encrypt", lambda: dict(run("--encrypt", "plain", "plain.encrypted", CONTEXT), input=digest("plain"),
                             output=digest("plain.encrypted"), requested_context=CONTEXT))
step("decrypt", lambda: dict(run("--decrypt", "plain.encrypted", "plain.decrypted", CONTEXT),
                             output=digest("plain.decrypted")))
step("decrypt_wrong_context", lambda: run("--decrypt", "plain.encrypted", "plain.wrong",
                                          dict(CONTEXT, purpose="something-else")))

json.dump(report, sys.stdout, indent=1)
print()
