"""The API against its own OpenAPI document, from outside: the served document validates
as OpenAPI 3.1, and a schema-driven fuzzer (schemathesis) sends generated requests to
every operation — signed in with a complete session, so the authenticated operations are
reached too — and finds no server error and no response that breaks its documented
schema, status code, content type or headers."""
import json
import os
import subprocess
import urllib.request

import pyotp
from openapi_spec_validator import validate

PASSWORD = "fuzzing keydesk for a while"


def call(keydesk, method, path, body=None, token=None):
    request = urllib.request.Request(keydesk.url + path, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    data = json.dumps(body).encode() if body is not None else None
    with urllib.request.urlopen(request, data=data, timeout=30) as response:
        text = response.read()
        return json.loads(text) if text else None


def signed_in_token(keydesk):
    """An agent account with 2FA set up, signed in through both steps."""
    subprocess.run(
        [keydesk.binary, "user", "create", "--email", "fuzz@example.com", "--role", "agent"],
        env=dict(keydesk.env, KEYDESK_NEW_PASSWORD=PASSWORD), check=True, capture_output=True,
    )
    token = call(keydesk, "POST", "/api/v1/sessions", {"email": "fuzz@example.com", "password": PASSWORD})["token"]
    secret = call(keydesk, "POST", "/api/v1/totp/enrollment", token=token)["secret"]
    confirmed = call(keydesk, "POST", "/api/v1/totp/enrollment/confirm", {"code": pyotp.TOTP(secret).now()}, token=token)
    return confirmed["token"]


def test_the_document_is_valid_openapi_3_1(keydesk):
    with urllib.request.urlopen(keydesk.url + "/api/v1/openapi.json") as response:
        doc = json.load(response)
    assert doc["openapi"] == "3.1.0"
    validate(doc)
    assert len(doc["paths"]) >= 15


CHECKS = ",".join([
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "response_headers_conformance",
])

# Operations that end the fuzzer's own session: run last, or every operation after them
# would only meet "not signed in".
SESSION_ENDING = ["logout", "logout_everywhere"]


def schemathesis(keydesk, token, tmp_path, *selection):
    result = subprocess.run(
        [
            "schemathesis", "run", keydesk.url + "/api/v1/openapi.json",
            "--checks", CHECKS,
            "--header", f"Authorization: Bearer {token}",
            "--phases", "examples,coverage,fuzzing",
            "--max-examples", os.environ.get("KEYDESK_FUZZ_EXAMPLES", "40"),
            "--workers", "1",
            "--seed", "20261201",
            "--no-color",
            *selection,
        ],
        cwd=tmp_path, capture_output=True, text=True, timeout=1200,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    return result.stdout


# Operations for the exchange's own services, with a service token rather than a session.
SERVICE_ONLY = ["inbound"]


def test_generated_requests_get_no_server_error_and_documented_answers(keydesk, tmp_path):
    token = signed_in_token(keydesk)
    excluded = [arg for op in SESSION_ENDING + SERVICE_ONLY for arg in ("--exclude-operation-id", op)]
    out = schemathesis(keydesk, token, tmp_path, *excluded)
    # The session lasted through the run: the authenticated operations were reached.
    assert "Authentication failed" not in out, out[-3000:]
    included = [arg for op in SESSION_ENDING for arg in ("--include-operation-id", op)]
    schemathesis(keydesk, token, tmp_path, *included)


def test_the_mail_gateway_endpoint_answers_generated_messages_as_documented(keydesk, tmp_path):
    token = keydesk.cli("service-token", "create", "--name", "fuzz", "--scope", "mail:ingest").strip()
    included = [arg for op in SERVICE_ONLY for arg in ("--include-operation-id", op)]
    out = schemathesis(keydesk, token, tmp_path, *included)
    assert "Authentication failed" not in out, out[-3000:]
