"""One pass of the client flow through boto3 against the KMS endpoint in
AWS_ENDPOINT_URL_KMS; prints one JSON report (see tests/serve/clients.rs).

Environment: the AWS_* variables of the caller, LKMS_TEST_PRINCIPAL (the
caller's principal name, for the key policy that leaves the other one out),
LKMS_TEST_OTHER_ACCESS_KEY_ID and LKMS_TEST_OTHER_SECRET_ACCESS_KEY (a
second principal's access key).
"""

import base64
import json
import os
import sys
import traceback
import uuid

import boto3
import botocore

kms = boto3.client("kms")
other = boto3.client(
    "kms",
    aws_access_key_id=os.environ["LKMS_TEST_OTHER_ACCESS_KEY_ID"],
    aws_secret_access_key=os.environ["LKMS_TEST_OTHER_SECRET_ACCESS_KEY"],
)
report = {"client": f"boto3/{boto3.__version__} botocore/{botocore.__version__}", "steps": {}}
state = {}


def b64(data):
    return base64.b64encode(data).decode()


def step(name):
    """Runs one step; records its result or the error the service returned."""

    def run(fn):
        try:
            report["steps"][name] = fn()
        except botocore.exceptions.ClientError as e:
            report["steps"][name] = {
                "error": e.response["Error"]["Code"],
                "message": e.response["Error"].get("Message", ""),
            }
        except Exception as e:  # a client-side failure: name it in the report
            report["steps"][name] = {"exception": repr(e), "trace": traceback.format_exc()}
        return fn

    return run


def key_fields(meta):
    return {k: meta.get(k) for k in ("KeyId", "Arn", "KeySpec", "KeyUsage", "KeyState", "Description")}


@step("create_key")
def _():
    meta = kms.create_key(Description="boto3 flow")["KeyMetadata"]
    state["key"] = meta["KeyId"]
    state["arn"] = meta["Arn"]
    return key_fields(meta)


@step("describe_key")
def _():
    return key_fields(kms.describe_key(KeyId=state["key"])["KeyMetadata"])


CONTEXT = {"purpose": "clients-test", "run": uuid.uuid4().hex}


@step("encrypt")
def _():
    plaintext = os.urandom(48)
    out = kms.encrypt(KeyId=state["key"], Plaintext=plaintext, EncryptionContext=CONTEXT)
    state["ciphertext"] = out["CiphertextBlob"]
    return {
        "Plaintext": b64(plaintext),
        "CiphertextBlob": b64(out["CiphertextBlob"]),
        "KeyId": out["KeyId"],
        "EncryptionContext": CONTEXT,
    }


@step("decrypt")
def _():
    out = kms.decrypt(CiphertextBlob=state["ciphertext"], EncryptionContext=CONTEXT)
    return {"Plaintext": b64(out["Plaintext"]), "KeyId": out["KeyId"]}


@step("decrypt_wrong_context")
def _():
    wrong = dict(CONTEXT, purpose="something-else")
    out = kms.decrypt(CiphertextBlob=state["ciphertext"], EncryptionContext=wrong)
    return {"Plaintext": b64(out["Plaintext"]), "KeyId": out["KeyId"]}


@step("generate_data_key")
def _():
    out = kms.generate_data_key(KeyId=state["key"], KeySpec="AES_256", EncryptionContext=CONTEXT)
    back = kms.decrypt(CiphertextBlob=out["CiphertextBlob"], EncryptionContext=CONTEXT)
    return {
        "Plaintext": b64(out["Plaintext"]),
        "CiphertextBlob": b64(out["CiphertextBlob"]),
        "KeyId": out["KeyId"],
        "DecryptedPlaintext": b64(back["Plaintext"]),
    }


MESSAGE = b"lkms clients flow " + uuid.uuid4().bytes


@step("create_sign_key")
def _():
    meta = kms.create_key(KeySpec="ECC_NIST_P256", KeyUsage="SIGN_VERIFY")["KeyMetadata"]
    state["sign_key"] = meta["KeyId"]
    return key_fields(meta)


@step("sign")
def _():
    out = kms.sign(
        KeyId=state["sign_key"], Message=MESSAGE, MessageType="RAW", SigningAlgorithm="ECDSA_SHA_256"
    )
    state["signature"] = out["Signature"]
    return {
        "Message": b64(MESSAGE),
        "Signature": b64(out["Signature"]),
        "SigningAlgorithm": out["SigningAlgorithm"],
        "KeyId": out["KeyId"],
    }


@step("verify")
def _():
    out = kms.verify(
        KeyId=state["sign_key"],
        Message=MESSAGE,
        MessageType="RAW",
        Signature=state["signature"],
        SigningAlgorithm="ECDSA_SHA_256",
    )
    return {"SignatureValid": out["SignatureValid"], "KeyId": out["KeyId"]}


@step("verify_altered")
def _():
    out = kms.verify(
        KeyId=state["sign_key"],
        Message=MESSAGE + b"!",
        MessageType="RAW",
        Signature=state["signature"],
        SigningAlgorithm="ECDSA_SHA_256",
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
    meta = kms.create_key(Description="only the caller", Policy=json.dumps(policy))["KeyMetadata"]
    state["private_key"] = meta["KeyId"]
    return dict(key_fields(meta), Principal=me)


@step("other_encrypt_default_policy")
def _():
    out = other.encrypt(KeyId=state["key"], Plaintext=b"from the other principal")
    return {"KeyId": out["KeyId"]}


@step("other_encrypt_private_key")
def _():
    out = other.encrypt(KeyId=state["private_key"], Plaintext=b"from the other principal")
    return {"KeyId": out["KeyId"]}


@step("not_found")
def _():
    try:
        kms.describe_key(KeyId=str(uuid.uuid4()))
    except kms.exceptions.NotFoundException as e:
        return {"typed": "NotFoundException", "error": e.response["Error"]["Code"]}
    return {"typed": None}


json.dump(report, sys.stdout, indent=1)
print()
