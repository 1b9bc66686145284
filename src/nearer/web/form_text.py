"""Line breaks in form text as the person typed them: one character each.

A browser sends every line break of a form's text as CR LF (the HTML standard's form encoding),
while a text box's `maxlength` counts it as one character. Read as sent, 20,000 characters with
line breaks that the box allowed would be refused as over 20,000. So the line breaks of a
url-encoded form body (`%0D%0A`) are read as LF before any page's handler sees the body (the
API's own forms, a password among them, are left as sent).
"""

from __future__ import annotations

import re

from starlette.types import Scope

_FORM = b"application/x-www-form-urlencoded"
_CRLF = re.compile(rb"%0D%0A", re.IGNORECASE)


def unix_line_breaks(scope: Scope, body: bytes) -> tuple[Scope, bytes]:
    """The scope and body with a url-encoded form's CR LF line breaks as LF (else as they were)."""
    if str(scope.get("path", "")).startswith("/api/"):  # the API's forms (a login) as sent
        return scope, body
    headers = scope.get("headers", [])
    kind = dict(headers).get(b"content-type", b"")
    if not kind.split(b";", 1)[0].strip().lower() == _FORM or b"%0" not in body:
        return scope, body
    body = _CRLF.sub(b"%0A", body)
    headers = [(k, str(len(body)).encode() if k == b"content-length" else v) for k, v in headers]
    return {**scope, "headers": headers}, body
