"""Schemathesis hooks for vtf serve: signs each request as RFC 9421 says, with Ed25519.

Loaded by Scripts/check-openapi (SCHEMATHESIS_HOOKS=sign_requests). A request carrying the
header `Signature: sign` (what schemathesis sends for the `rfc9421` security scheme of
Schemas/openapi.yaml, given `-H "Signature: sign"`) is signed with the key in
$VTF_OPENAPI_KEY (a PEM Ed25519 private key the ledger registered) over @method, @authority,
@path, @query and, on a POST, content-digest (the SHA-256 of the body as sent). A request
without it goes unsigned, so schemathesis's `ignored_auth` check sees the service refuse it.
The signature is made on the prepared request (requests' auth hook), after the body is
serialised, so the digest covers the bytes that go out.
"""
import base64
import hashlib
import os
import time
from urllib.parse import urlsplit

import requests
import schemathesis
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat, load_pem_private_key

with open(os.environ["VTF_OPENAPI_KEY"], "rb") as handle:
    KEY = load_pem_private_key(handle.read(), password=None)
KEY_ID = hashlib.sha256(KEY.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)).hexdigest()


class RFC9421(requests.auth.AuthBase):
    """Replaces the `Signature: sign` marker by an RFC 9421 signature of the request."""

    def __call__(self, request):
        if request.headers.get("Signature") != "sign":
            return request
        url = urlsplit(request.url)
        components = ['"@method"', '"@authority"', '"@path"', '"@query"']
        lines = [f'"@method": {request.method}', f'"@authority": {url.netloc}', f'"@path": {url.path or "/"}',
                 f'"@query": ?{url.query}']
        if request.method == "POST":
            body = request.body or b""
            if isinstance(body, str):
                body = body.encode()
            digest = f"sha-256=:{base64.b64encode(hashlib.sha256(body).digest()).decode()}:"
            request.headers["Content-Digest"] = digest
            components.append('"content-digest"')
            lines.append(f'"content-digest": {digest}')
        params = f'({" ".join(components)});created={int(time.time())};keyid="{KEY_ID}";alg="ed25519"'
        lines.append(f'"@signature-params": {params}')
        signature = KEY.sign("\n".join(lines).encode())
        request.headers["Signature-Input"] = f"vtf={params}"
        request.headers["Signature"] = f"vtf=:{base64.b64encode(signature).decode()}:"
        return request


@schemathesis.hook
def before_call(context, case, kwargs):
    kwargs["auth"] = RFC9421()


@schemathesis.serializer("application/jsonl")
def json_lines(context, value):
    """Bodies of application/jsonl (journal lines) go out as the text generated, in UTF-8."""
    return value.encode() if isinstance(value, str) else str(value).encode()
