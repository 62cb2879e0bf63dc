"""The app factory: the archive, the extraction worker, security, the pages (routes split by area)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app, render_template
from werkzeug.exceptions import HTTPException

from relazione.errors import RelazioneError

from . import security
from .archive import Archive
from .jobs import Extractor

MAX_UPLOAD_MB = 100  # one request: several reports of a few MB each; the readers refuse a file over 200 MB


@dataclass
class Settings:
    data_dir: Path
    access_token: str | None = None  # required on every request when serving beyond loopback
    local_only: bool = True  # bound to loopback: only this machine's host names are accepted
    max_upload_mb: int = MAX_UPLOAD_MB


@dataclass
class Services:
    archive: Archive
    extractor: Extractor


def services() -> Services:
    return current_app.extensions["relazione"]


def create_app(settings: Settings) -> Flask:
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=secrets.token_bytes(32),  # per run: a restart only asks to reload an open form
        MAX_CONTENT_LENGTH=settings.max_upload_mb * 1024 * 1024,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        MAX_FORM_MEMORY_SIZE=1024 * 1024,
    )
    archive = Archive(settings.data_dir).open()
    app.extensions["relazione"] = Services(archive, Extractor(archive))
    security.install(app, access_token=settings.access_token, local_only=settings.local_only)
    _register_routes(app)
    _register_errors(app, settings)
    return app


def _register_routes(app: Flask) -> None:
    from .routes import checks, documents, history, produce, review

    for module in (documents, review, produce, checks, history):
        app.register_blueprint(module.bp)


def _register_errors(app: Flask, settings: Settings) -> None:
    italian = {404: "pagina o documento inesistente", 405: "operazione non ammessa su questa pagina",
               413: f"file troppo grande: il limite per un caricamento è {settings.max_upload_mb} MB",
               500: "errore interno: l'app continua a funzionare; segnalatelo con i passi che lo hanno causato"}

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):  # noqa: ANN202
        # our own aborts carry an Italian description; werkzeug's defaults are English and get ours
        default = exc.description == type(exc).description or exc.code == 413
        message = italian.get(exc.code or 500, "richiesta non valida") if default else exc.description
        return render_template("error.html", code=exc.code, message=message), exc.code or 500

    @app.errorhandler(RelazioneError)
    def _bad_input(exc: RelazioneError):  # noqa: ANN202
        return render_template("error.html", code=400, message=str(exc)), 400
