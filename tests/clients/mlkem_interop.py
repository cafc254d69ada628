"""ML-KEM with Python's `cryptography` (OpenSSL's ML-KEM, independent of
aws-lc-rs), for tests/cli/kem.rs's interoperability test.

    encapsulate SPKI_DER_FILE          -> {"Ciphertext", "SharedSecret"}
    generate 768|1024 SEED_FILE        -> {"PublicKey"} (DER SubjectPublicKeyInfo)
    decapsulate 768|1024 SEED_FILE CT  -> {"SharedSecret"}

Binary values are base64 in and out.
"""

import base64
import json
import sys

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import mlkem

KINDS = {"768": mlkem.MLKEM768PrivateKey, "1024": mlkem.MLKEM1024PrivateKey}


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def main(argv):
    command = argv[1]
    if command == "encapsulate":
        with open(argv[2], "rb") as f:
            public = serialization.load_der_public_key(f.read())
        shared, ciphertext = public.encapsulate()
        out = {"Ciphertext": b64(ciphertext), "SharedSecret": b64(shared)}
    elif command == "generate":
        key = KINDS[argv[2]].generate()
        with open(argv[3], "wb") as f:
            f.write(key.private_bytes_raw())
        der = key.public_key().public_bytes(
            serialization.Encoding.DER,
            serialization.PublicFormat.SubjectPublicKeyInfo,
        )
        out = {"PublicKey": b64(der)}
    elif command == "decapsulate":
        with open(argv[3], "rb") as f:
            key = KINDS[argv[2]].from_seed_bytes(f.read())
        out = {"SharedSecret": b64(key.decapsulate(base64.b64decode(argv[4])))}
    else:
        raise SystemExit(f"unknown command {command!r}")
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv)
