"""``relazione web``: the local web app. Thin: the app is :mod:`relazione.web`."""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from collections.abc import Callable
from pathlib import Path

DEFAULT_PORT = 8765


def _cmd_web(args: argparse.Namespace) -> int:
    from relazione.errors import RelazioneError
    from relazione.web.app import Settings, create_app
    from relazione.web.datadir import default_data_dir
    from relazione.web.security import is_loopback

    local = is_loopback(args.host)
    token = None if local else secrets.token_urlsafe(18)
    folder = Path(args.dati) if args.dati else default_data_dir()
    app = create_app(Settings(folder, access_token=token, local_only=local))
    shown_host = f"[{args.host}]" if ":" in args.host else args.host
    url = f"http://{shown_host}:{args.porta}/" + (f"?token={token}" if token else "")
    print(f"relazione web: archivio in {folder}", file=sys.stderr)
    print(f"relazione web: aperto su {url}  (Ctrl-C per chiudere)", file=sys.stderr)
    if token:
        print(f"relazione web: codice di accesso {token} (richiesto da ogni richiesta)", file=sys.stderr)
    if not args.no_browser and _has_display():
        import webbrowser

        webbrowser.open(url)
    import waitress

    try:
        waitress.serve(app, host=args.host, port=args.porta, threads=4, ident="relazione",
                       max_request_body_size=app.config["MAX_CONTENT_LENGTH"] + 1024 * 1024)
    except OSError as exc:
        raise RelazioneError(None, f"non posso aprire {args.host}:{args.porta} ({exc.strerror}): "
                                   "porta occupata? provare --porta con un altro numero") from None
    finally:
        app.extensions["relazione"].extractor.shutdown()
    return 0


def _has_display() -> bool:
    """A browser can open: always on Windows and macOS; on Linux and the BSDs only with a graphical session."""
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def add_web_command(sub: argparse._SubParsersAction, new_parser: Callable[..., argparse.ArgumentParser]) -> None:
    p = new_parser(sub, "web", "apre l'app web per l'ufficio: archivio, revisione, correzioni, documenti",
                   "Avvia l'app web in locale e la apre nel browser: si caricano i documenti, si rivedono i dati "
                   "letti accanto alla pagina da cui vengono, si correggono, si generano Relazione, monitoraggio, "
                   "Piano, Excel e raccolte. Risponde solo da questo computer, salvo --host.")
    p.add_argument("--dati", metavar="CARTELLA",
                   help="la cartella dell'archivio (predefinita: ~/.local/share/relazione o $XDG_DATA_HOME/relazione)")
    p.add_argument("--porta", type=int, default=DEFAULT_PORT, metavar="N", help=f"porta (predefinita: {DEFAULT_PORT})")
    p.add_argument("--host", default="127.0.0.1", metavar="INDIRIZZO",
                   help="indirizzo su cui rispondere (predefinito: 127.0.0.1, solo questo computer); un altro "
                        "indirizzo richiede il codice di accesso stampato all'avvio")
    p.add_argument("--no-browser", action="store_true", help="non apre il browser")
    p.set_defaults(func=_cmd_web)
