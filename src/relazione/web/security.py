"""What keeps a local server local: an access token beyond loopback, CSRF tokens, the Host header, headers.

- Bound to loopback, only Host names of this machine are accepted (a web page elsewhere cannot reach the
  app through a DNS name it controls pointing at 127.0.0.1).
- Bound to another address, every request needs the access token printed at start: ``?token=`` once (it
  then sits in a cookie of this session) or the ``X-Token`` header. Compared in constant time.
- Every POST carries the session's CSRF token (a hidden form field, or ``X-CSRF-Token`` from the page's
  script)."""

from __future__ import annotations

import hmac
import ipaddress
import secrets

from flask import Flask, Response, abort, request, session

LOCAL_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")
CSRF_FIELD = "csrf_token"


def is_loopback(host: str) -> bool:
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def csrf_token() -> str:
    if CSRF_FIELD not in session:
        session[CSRF_FIELD] = secrets.token_urlsafe(24)
    return str(session[CSRF_FIELD])


def _same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


def install(app: Flask, *, access_token: str | None, local_only: bool) -> None:
    @app.before_request
    def _guard() -> Response | None:
        if local_only and request.host.rsplit(":", 1)[0] not in LOCAL_NAMES:
            abort(403, "indirizzo non ammesso: l'app risponde solo a localhost")
        if access_token is not None:
            given = request.args.get("token") or request.headers.get("X-Token")
            if _same(given, access_token):
                session["access"] = access_token
            elif not _same(session.get("access"), access_token):
                abort(403, "serve il codice di accesso stampato all'avvio di relazione web (?token=...)")
        if request.method == "POST":
            sent = request.form.get(CSRF_FIELD) or request.headers.get("X-CSRF-Token")
            if not _same(sent, session.get(CSRF_FIELD)):
                abort(400, "modulo scaduto o non valido (token CSRF): ricaricare la pagina e riprovare")
        return None

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        # everything the pages use ships in the package: nothing from elsewhere, no inline script
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "frame-ancestors 'none'; form-action 'self'")
        return response

    app.jinja_env.globals["csrf_token"] = csrf_token
