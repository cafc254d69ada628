"""ML-KEM through boto3 against the KMS endpoint in AWS_ENDPOINT_URL_KMS,
with Python's `cryptography` (OpenSSL's ML-KEM) as the other party: boto3
creates an ML_KEM_768 key, gets its public key, encapsulates and
decapsulates; cryptography encapsulates to the public key and boto3
decapsulates that. Prints one JSON report (see tests/serve/clients.rs).
"""

import base64
import json
import sys

import boto3
import botocore
from cryptography.hazmat.primitives import serialization

kms = boto3.client("kms")
report = {"client": f"boto3/{boto3.__version__} botocore/{botocore.__version__}", "steps": {}}


def b64(data):
    return base64.b64encode(data).decode()


try:
    meta = kms.create_key(KeySpec="ML_KEM_768", KeyUsage="ENCAPSULATE_DECAPSULATE")["KeyMetadata"]
    key = meta["KeyId"]
    report["steps"]["create_key"] = {k: meta.get(k) for k in ("KeyId", "KeySpec", "KeyUsage", "EncapsulationAlgorithms")}
    public = kms.get_public_key(KeyId=key)
    report["steps"]["get_public_key"] = {"PublicKey": b64(public["PublicKey"]), "EncapsulationAlgorithms": public.get("EncapsulationAlgorithms")}
    enc = kms.encapsulate(KeyId=key, EncapsulationAlgorithm="ML_KEM")
    dec = kms.decapsulate(KeyId=key, EncapsulationAlgorithm="ML_KEM", SharedSecretCiphertextBlob=enc["SharedSecretCiphertextBlob"])
    report["steps"]["encapsulate"] = {
        "SharedSecret": b64(enc["SharedSecret"]),
        "SharedSecretCiphertextBlob": b64(enc["SharedSecretCiphertextBlob"]),
        "DecapsulatedSecret": b64(dec["SharedSecret"]),
    }
    theirs = serialization.load_der_public_key(public["PublicKey"])
    shared, ciphertext = theirs.encapsulate()
    back = kms.decapsulate(KeyId=key, EncapsulationAlgorithm="ML_KEM", SharedSecretCiphertextBlob=ciphertext)
    report["steps"]["cryptography"] = {"SharedSecret": b64(shared), "DecapsulatedSecret": b64(back["SharedSecret"])}
    try:
        kms.decapsulate(KeyId=key, EncapsulationAlgorithm="ML_KEM", SharedSecretCiphertextBlob=ciphertext[:-1])
        report["steps"]["short"] = {"error": None}
    except botocore.exceptions.ClientError as e:
        report["steps"]["short"] = {"error": e.response["Error"]["Code"]}
except botocore.exceptions.ClientError as e:
    report["error"] = {"code": e.response["Error"]["Code"], "message": e.response["Error"].get("Message", "")}

json.dump(report, sys.stdout, indent=1)
print()
