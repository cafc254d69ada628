#!/usr/bin/env python3
"""Prints the parts of botocore's AWS KMS service model that
tests/botocore_shapes.rs checks lkms against, as one JSON object on stdout.

The model is read from the installed botocore package (.ci/run installs a
pinned version into target/ci-venv); it is never copied into the repository.
Documentation strings are dropped; everything else the test needs is kept:

    {
      "botocore_version": "1.44.8",
      "model_file": ".../botocore/data/kms/2014-11-01/service-2.json.gz",
      "operations": {
        "CreateKey": {
          "cli_name": "create-key",            # as the AWS CLI names it
          "input_members": {"KeyId": "--key-id", ...},   # member -> CLI flag
          "input_required": ["KeyId", ...],
          "input": "CreateKeyRequest",         # or null: no input shape
          "output": "CreateKeyResponse",       # or null: no output shape
          "errors": ["NotFoundException", ...] # the exceptions it may answer
        }, ...
      },
      "shapes": {
        "KeyMetadata": {"type": "structure", "members": {"KeyId": "KeyIdType", ...},
                        "required": ["KeyId"]},
        "KeyListType": {"type": "list", "member": "KeyListEntry"},
        "TagMap":      {"type": "map", "key": "TagKeyType", "value": "TagValueType"},
        "KeyState":    {"type": "string", "enum": ["Creating", "Enabled", ...]},
        ...
      }
    }

CLI names follow the AWS CLI: botocore.xform_name(name, "-") turns
`GenerateDataKeyPairWithoutPlaintext` into
`generate-data-key-pair-without-plaintext` and `KeyId` into `key-id`.

With `--skeletons` it prints instead, for every operation, the samples the
AWS CLI's `--generate-cli-skeleton` builds with botocore's
ArgumentGenerator, members in the model's order:

    {"Encrypt": {"input": {"KeyId": "", "Plaintext": null,
                           "EncryptionAlgorithm": {"$enum": ["SYMMETRIC_DEFAULT", ...]}, ...},
                 "output": {"CiphertextBlob": null, "KeyId": "KeyId", ...}}, ...}

botocore puts a random value of an enum in an input sample; here the
placeholder is `{"$enum": [every value]}` instead. Times are printed as
the AWS CLI's JSON encoder prints them (`1970-01-01T00:00:00`).
"""

import gzip
import json
import os
import sys

import botocore
from botocore import xform_name

API_VERSION = "2014-11-01"


def model_path():
    base = os.path.join(os.path.dirname(botocore.__file__), "data", "kms", API_VERSION)
    for name in ("service-2.json.gz", "service-2.json"):
        p = os.path.join(base, name)
        if os.path.exists(p):
            return p
    sys.exit(f"botocore {botocore.__version__} has no KMS model under {base}")


def load(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def skeletons():
    from botocore.session import get_session
    from botocore.utils import ArgumentGenerator

    class Reference(ArgumentGenerator):
        """ArgumentGenerator, with every value of an input enum."""

        def _generate_skeleton(self, shape, stack, name=""):
            if shape.type_name == "string" and shape.enum and not self._use_member_names:
                return {"$enum": list(shape.enum)}
            return super()._generate_skeleton(shape, stack, name)

    service = get_session().get_service_model("kms", API_VERSION)
    out = {}
    for name in service.operation_names:
        op = service.operation_model(name)
        out[name] = {
            "input": Reference().generate_skeleton(op.input_shape) if op.input_shape else {},
            "output": (
                ArgumentGenerator(use_member_names=True).generate_skeleton(op.output_shape)
                if op.output_shape
                else None
            ),
        }
    json.dump(out, sys.stdout, default=lambda t: t.isoformat())
    sys.stdout.write("\n")


def main():
    if sys.argv[1:] == ["--skeletons"]:
        return skeletons()
    path = model_path()
    model = load(path)
    shapes = model["shapes"]

    out_shapes = {}
    for name, s in shapes.items():
        t = {"type": s["type"]}
        if "members" in s:
            t["members"] = {m: spec["shape"] for m, spec in s["members"].items()}
            t["required"] = list(s.get("required", []))
        if "member" in s:
            t["member"] = s["member"]["shape"]
        if "key" in s:
            t["key"] = s["key"]["shape"]
            t["value"] = s["value"]["shape"]
        if "enum" in s:
            t["enum"] = list(s["enum"])
        out_shapes[name] = t

    ops = {}
    for name, op in model["operations"].items():
        inp = shapes[op["input"]["shape"]] if "input" in op else {}
        ops[name] = {
            "cli_name": xform_name(name, "-"),
            "input_members": {
                m: "--" + xform_name(m, "-") for m in inp.get("members", {})
            },
            "input_required": list(inp.get("required", [])),
            "input": op["input"]["shape"] if "input" in op else None,
            "output": op["output"]["shape"] if "output" in op else None,
            "errors": [e["shape"] for e in op.get("errors", [])],
        }

    json.dump(
        {
            "botocore_version": botocore.__version__,
            "model_file": path,
            "operations": ops,
            "shapes": out_shapes,
        },
        sys.stdout,
        sort_keys=True,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
