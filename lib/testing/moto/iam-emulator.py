"""Local IAM emulator for keyrotate: moto's server plus a backdating control route.

Usage: python3 lib/testing/moto/iam-emulator.py --port PORT [--host 127.0.0.1]

moto serves every AWS service on one port (IAM, STS, ...), exactly like `moto_server`. AWS has no API
to set a key's creation or last-use date, yet the dashboard's flags (overdue, stale, never used) depend
on them, so this launcher runs moto in-process and exposes, on the same port:

  GET  /_keyrotate/health    -> 200 {"ok": true}
  POST /_keyrotate/backdate  {"accessKeyId", "createDate"?, "lastUsed"?: {"date","service","region"}|null}

moto's own routes (e.g. POST /moto-api/reset) are untouched. Requires moto[server]==5.2.1.

It also answers one IAM call moto 5.2.1 lacks (HTTP 500 there), as AWS does for a user that has none:
ListServiceSpecificCredentials, which deleting a user must ask. moto cannot create such credentials, so
an empty list is the truth here; a user IAM does not have gets NoSuchEntity.
"""

import argparse
import io
import json
import logging
import signal
import uuid
from urllib.parse import parse_qs
from datetime import datetime, timezone

from moto.iam.models import AccessKeyLastUsed, iam_backends
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import make_server

CONTROL_PREFIX = "/_keyrotate/"


class BadInput(ValueError):
    pass


def parse_utc(value, field):
    """ISO-8601 -> naive UTC datetime, because moto stores every IAM date as naive UTC (utcnow())."""
    if not isinstance(value, str):
        raise BadInput(f"{field} must be an ISO-8601 string")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise BadInput(f"{field} is not ISO-8601: {value!r}")
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed


def parse_last_used(value):
    if value is None:
        return None
    if not isinstance(value, dict):
        raise BadInput("lastUsed must be an object or null")
    for field in ("service", "region"):
        if not isinstance(value.get(field), str) or not value[field]:
            raise BadInput(f"lastUsed.{field} must be a non-empty string")
    return AccessKeyLastUsed(
        timestamp=parse_utc(value.get("date"), "lastUsed.date"),
        service=value["service"],
        region=value["region"],
    )


def find_access_key(access_key_id):
    # Keys live per account and per partition ("aws", "aws-cn", ...). dict.items() only walks the
    # backends that already exist; indexing would create empty ones as a side effect.
    for account in list(iam_backends.values()):
        for backend in list(account.values()):
            key = backend.access_keys.get(access_key_id)
            if key is not None:
                return key
    return None


def backdate(body):
    if not isinstance(body, dict) or not isinstance(body.get("accessKeyId"), str):
        raise BadInput("accessKeyId is required")
    if "createDate" not in body and "lastUsed" not in body:
        raise BadInput("nothing to change: give createDate and/or lastUsed")
    # Validate everything before touching the key, so a bad request changes nothing.
    create_date = parse_utc(body["createDate"], "createDate") if "createDate" in body else None
    last_used = parse_last_used(body["lastUsed"]) if "lastUsed" in body else None

    key = find_access_key(body["accessKeyId"])
    if key is None:
        return 404, {"ok": False, "error": f"access key {body['accessKeyId']} not found"}
    if create_date is not None:
        key.create_date = create_date
    if "lastUsed" in body:
        key.last_used = last_used
    return 200, {"ok": True}


def control_app(environ, start_response):
    path = environ.get("PATH_INFO", "")
    method = environ.get("REQUEST_METHOD", "GET")
    if path == CONTROL_PREFIX + "health" and method == "GET":
        status, payload = 200, {"ok": True}
    elif path == CONTROL_PREFIX + "backdate" and method == "POST":
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = json.loads(environ["wsgi.input"].read(length) or b"null")
            status, payload = backdate(body)
        except (BadInput, ValueError) as error:
            status, payload = 400, {"ok": False, "error": str(error)}
    else:
        status, payload = 404, {"ok": False, "error": f"no route {method} {path}"}
    data = json.dumps(payload).encode()
    reasons = {200: "OK", 400: "Bad Request", 404: "Not Found"}
    start_response(
        f"{status} {reasons[status]}",
        [("Content-Type", "application/json"), ("Content-Length", str(len(data)))],
    )
    return [data]


IAM_XMLNS = "https://iam.amazonaws.com/doc/2010-05-08/"


def user_exists(user_name):
    for account in list(iam_backends.values()):
        for backend in list(account.values()):
            if user_name in backend.users:
                return True
    return False


def xml_response(start_response, status, body):
    data = body.encode()
    start_response(status, [("Content-Type", "text/xml"), ("Content-Length", str(len(data)))])
    return [data]


def list_service_specific_credentials(params, start_response):
    user_name = (params.get("UserName") or [""])[0]
    request_id = uuid.uuid4()
    if not user_exists(user_name):
        return xml_response(
            start_response,
            "404 Not Found",
            f'<ErrorResponse xmlns="{IAM_XMLNS}"><Error><Type>Sender</Type><Code>NoSuchEntity</Code>'
            f"<Message>The user with name {user_name} cannot be found.</Message></Error>"
            f"<RequestId>{request_id}</RequestId></ErrorResponse>",
        )
    return xml_response(
        start_response,
        "200 OK",
        f'<ListServiceSpecificCredentialsResponse xmlns="{IAM_XMLNS}"><ListServiceSpecificCredentialsResult>'
        "<ServiceSpecificCredentials/><IsTruncated>false</IsTruncated></ListServiceSpecificCredentialsResult>"
        f"<ResponseMetadata><RequestId>{request_id}</RequestId></ResponseMetadata></ListServiceSpecificCredentialsResponse>",
    )


def query_params(environ):
    """The form parameters of an AWS query-protocol POST (IAM's), leaving the body readable for moto."""
    if environ.get("REQUEST_METHOD") != "POST" or "x-www-form-urlencoded" not in environ.get("CONTENT_TYPE", ""):
        return {}
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    environ["wsgi.input"] = io.BytesIO(body)
    return parse_qs(body.decode("utf-8", "replace"))


def with_control_routes(moto_app):
    def app(environ, start_response):
        if environ.get("PATH_INFO", "").startswith(CONTROL_PREFIX):
            return control_app(environ, start_response)
        params = query_params(environ)
        if params.get("Action") == ["ListServiceSpecificCredentials"]:
            return list_service_specific_credentials(params, start_response)
        return moto_app(environ, start_response)

    return app


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()

    # werkzeug logs every request; the callers read stdout for the ready line and keep stderr for errors.
    logging.getLogger("werkzeug").setLevel(logging.ERROR)

    app = with_control_routes(DomainDispatcherApplication(create_backend_app))
    # make_server binds and listens before returning, so the ready line below is truthful.
    server = make_server(args.host, args.port, app, threaded=True)

    def stop(signum, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    print(f"keyrotate-iam-emulator ready http://{args.host}:{server.server_port}", flush=True)
    try:
        server.serve_forever()
    except SystemExit:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
