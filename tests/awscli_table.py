"""Renders values with the AWS CLI's own table formatter, the reference for
lkms's `--output table` (src/cli/output/table.rs and tests/cli/table.rs).

Reads a JSON list of cases from stdin, each
{"title": ..., "value": ..., "width": N, "color": "on"|"off"}, and prints a
JSON list with, for each case, the table as the AWS CLI writes it at a
terminal N columns wide, or null when the AWS CLI fails on that value.
The formatter is called as the AWS CLI calls it for `--output table`
(`awscli.formatter.TableFormatter`, with `--query` already applied).
"""

import argparse
import io
import json
import sys

import awscli.table
from awscli.formatter import TableFormatter

# `--color on` makes colorama wrap sys.stdout (adding a reset after every
# write): print the answer on the stream as it was.
STDOUT = sys.stdout


def render(case):
    width = case["width"]
    # The only way the AWS CLI learns the width: it asks the terminal on
    # stdout, else takes 80.
    awscli.table.determine_terminal_width = lambda default_width=80: width
    args = argparse.Namespace(output="table", query=None, color=case["color"])
    stream = io.StringIO()
    try:
        TableFormatter(args)(case["title"], case["value"], stream)
    except Exception:
        return None
    return stream.getvalue()


json.dump([render(case) for case in json.load(sys.stdin)], STDOUT)
