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
          "output": "CreateKeyResponse"        # or null: no output shape
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


def main():
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
            "output": op["output"]["shape"] if "output" in op else None,
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
