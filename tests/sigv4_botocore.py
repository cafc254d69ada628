"""Signs requests with botocore's SigV4Auth, for tests/sigv4.rs.

Reads JSON from stdin: a list of requests, each with method, host, path (as
sent, percent-encoded), query, headers ([name, value] pairs, repeats
allowed), body_b64, region, service, access_key_id, secret and timestamp
(YYYYMMDDTHHMMSSZ, the signing time). Prints, for each, the headers botocore
sends once it has signed it, in its order.
"""

import base64
import datetime
import json
import sys

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def signed_headers(case):
    when = datetime.datetime.strptime(case["timestamp"], "%Y%m%dT%H%M%SZ")
    # botocore reads the clock through this function; the test fixes it.
    botocore.auth.get_current_datetime = lambda *args, **kwargs: when
    url = "https://" + case["host"] + case["path"]
    if case["query"]:
        url += "?" + case["query"]
    request = AWSRequest(
        method=case["method"], url=url, data=base64.b64decode(case["body_b64"])
    )
    for name, value in case["headers"]:
        # HTTPHeaders appends on assignment, so a repeated name stays repeated.
        request.headers[name] = value
    credentials = Credentials(case["access_key_id"], case["secret"])
    botocore.auth.SigV4Auth(credentials, case["service"], case["region"]).add_auth(request)
    return [[name, value] for name, value in request.headers.items()]


def main():
    cases = json.load(sys.stdin)
    json.dump(
        {"botocore": botocore.__version__, "signed": [signed_headers(c) for c in cases]},
        sys.stdout,
    )


if __name__ == "__main__":
    main()
