"""One pass of the client flow through the AWS CLI (`aws kms ...`, the `aws`
beside this Python) against the KMS endpoint in AWS_ENDPOINT_URL_KMS; prints
one JSON report (see tests/serve/clients.rs).

Every step passes the endpoint with --endpoint-url and without
AWS_ENDPOINT_URL_KMS in the CLI's environment, except describe_key, which
reaches it through AWS_ENDPOINT_URL_KMS alone: both routes a user has.

Environment: as tests/clients/boto3_flow.py.
"""

import base64
import json
import os
import re
import subprocess
import sys
import tempfile
import uuid

AWS = os.path.join(os.path.dirname(sys.executable), "aws")
URL = os.environ["AWS_ENDPOINT_URL_KMS"]
WORK = tempfile.mkdtemp(prefix="lkms-awscli-")
ERROR = re.compile(r"An error occurred \(([A-Za-z0-9]+)\) when calling the [A-Za-z]+ operation(?: \([^)]*\))?: ?(.*)")

version = subprocess.run([AWS, "--version"], capture_output=True, text=True)
report = {"client": (version.stdout or version.stderr).strip(), "steps": {}}
state = {}


class Failed(Exception):
    """The CLI exited non-zero."""

    def __init__(self, code, message):
        self.code, self.message = code, message


def aws(*args, route="flag", other=False):
    """`aws kms <args> --output json`; its JSON output, or Failed."""
    env = dict(os.environ)
    cmd = [AWS, "kms", *args, "--output", "json"]
    if route == "flag":
        del env["AWS_ENDPOINT_URL_KMS"]
        cmd += ["--endpoint-url", URL]
    if other:
        env["AWS_ACCESS_KEY_ID"] = os.environ["LKMS_TEST_OTHER_ACCESS_KEY_ID"]
        env["AWS_SECRET_ACCESS_KEY"] = os.environ["LKMS_TEST_OTHER_SECRET_ACCESS_KEY"]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if out.returncode != 0:
        m = ERROR.search(out.stderr)
        raise Failed(m.group(1) if m else f"exit {out.returncode}", m.group(2) if m else out.stderr)
    return json.loads(out.stdout) if out.stdout.strip() else {}


def file(name, data):
    """A file holding `data`, as `fileb://` for a blob parameter."""
    path = os.path.join(WORK, name)
    with open(path, "wb") as f:
        f.write(data)
    return "fileb://" + path


def b64(data):
    return base64.b64encode(data).decode()


def step(name):
    def run(fn):
        try:
            report["steps"][name] = fn()
        except Failed as e:
            report["steps"][name] = {"error": e.code, "message": e.message}
        except Exception as e:
            report["steps"][name] = {"exception": repr(e)}
        return fn

    return run


def key_fields(meta):
    return {k: meta.get(k) for k in ("KeyId", "Arn", "KeySpec", "KeyUsage", "KeyState", "Description")}


CONTEXT = {"purpose": "clients-test", "run": uuid.uuid4().hex}
MESSAGE = b"lkms clients flow " + uuid.uuid4().bytes


@step("create_key")
def _():
    meta = aws("create-key", "--description", "aws cli flow")["KeyMetadata"]
    state["key"], state["arn"] = meta["KeyId"], meta["Arn"]
    return key_fields(meta)


@step("describe_key")
def _():
    return key_fields(aws("describe-key", "--key-id", state["key"], route="env")["KeyMetadata"])


@step("encrypt")
def _():
    plaintext = os.urandom(48)
    out = aws(
        "encrypt", "--key-id", state["key"], "--plaintext", file("plain", plaintext),
        "--encryption-context", json.dumps(CONTEXT),
    )
    state["ciphertext"] = base64.b64decode(out["CiphertextBlob"])
    return {
        "Plaintext": b64(plaintext),
        "CiphertextBlob": out["CiphertextBlob"],
        "KeyId": out["KeyId"],
        "EncryptionContext": CONTEXT,
    }


@step("decrypt")
def _():
    out = aws(
        "decrypt", "--ciphertext-blob", file("ct", state["ciphertext"]),
        "--encryption-context", json.dumps(CONTEXT),
    )
    return {"Plaintext": out["Plaintext"], "KeyId": out["KeyId"]}


@step("decrypt_wrong_context")
def _():
    out = aws(
        "decrypt", "--ciphertext-blob", file("ct", state["ciphertext"]),
        "--encryption-context", json.dumps(dict(CONTEXT, purpose="something-else")),
    )
    return {"Plaintext": out["Plaintext"], "KeyId": out["KeyId"]}


@step("generate_data_key")
def _():
    out = aws(
        "generate-data-key", "--key-id", state["key"], "--key-spec", "AES_256",
        "--encryption-context", json.dumps(CONTEXT),
    )
    back = aws(
        "decrypt", "--ciphertext-blob", file("dk", base64.b64decode(out["CiphertextBlob"])),
        "--encryption-context", json.dumps(CONTEXT),
    )
    return {
        "Plaintext": out["Plaintext"],
        "CiphertextBlob": out["CiphertextBlob"],
        "KeyId": out["KeyId"],
        "DecryptedPlaintext": back["Plaintext"],
    }


@step("create_sign_key")
def _():
    meta = aws("create-key", "--key-spec", "ECC_NIST_P256", "--key-usage", "SIGN_VERIFY")["KeyMetadata"]
    state["sign_key"] = meta["KeyId"]
    return key_fields(meta)


SIGN = ["--message-type", "RAW", "--signing-algorithm", "ECDSA_SHA_256"]


@step("sign")
def _():
    out = aws("sign", "--key-id", state["sign_key"], "--message", file("msg", MESSAGE), *SIGN)
    state["signature"] = base64.b64decode(out["Signature"])
    return {
        "Message": b64(MESSAGE),
        "Signature": out["Signature"],
        "SigningAlgorithm": out["SigningAlgorithm"],
        "KeyId": out["KeyId"],
    }


@step("verify")
def _():
    out = aws(
        "verify", "--key-id", state["sign_key"], "--message", file("msg", MESSAGE),
        "--signature", file("sig", state["signature"]), *SIGN,
    )
    return {"SignatureValid": out["SignatureValid"], "KeyId": out["KeyId"]}


@step("verify_altered")
def _():
    out = aws(
        "verify", "--key-id", state["sign_key"], "--message", file("altered", MESSAGE + b"!"),
        "--signature", file("sig", state["signature"]), *SIGN,
    )
    return {"SignatureValid": out["SignatureValid"], "KeyId": out["KeyId"]}


@step("create_private_key")
def _():
    account = state["arn"].split(":")[4]
    me = f"arn:aws:iam::{account}:user/{os.environ['LKMS_TEST_PRINCIPAL']}"
    policy = {
        "Version": "2012-10-17",
        "Statement": [{"Sid": "OnlyMe", "Effect": "Allow", "Principal": {"AWS": me}, "Action": "kms:*", "Resource": "*"}],
    }
    meta = aws("create-key", "--description", "only the caller", "--policy", json.dumps(policy))["KeyMetadata"]
    state["private_key"] = meta["KeyId"]
    return dict(key_fields(meta), Principal=me)


@step("other_encrypt_default_policy")
def _():
    out = aws("encrypt", "--key-id", state["key"], "--plaintext", file("p2", b"from the other principal"), other=True)
    return {"KeyId": out["KeyId"]}


@step("other_encrypt_private_key")
def _():
    out = aws(
        "encrypt", "--key-id", state["private_key"], "--plaintext", file("p2", b"from the other principal"), other=True
    )
    return {"KeyId": out["KeyId"]}


@step("not_found")
def _():
    try:
        aws("describe-key", "--key-id", str(uuid.uuid4()))
    except Failed as e:
        # The CLI has no exception classes: its typed error is the code it names.
        return {"typed": e.code, "error": e.code, "message": e.message}
    return {"typed": None}


json.dump(report, sys.stdout, indent=1)
print()
