"""The pdfplumber engine (``--pdf-engine pdfplumber``): pdfminer's parsing, slow but the reference the
PDFium engine is measured against. Words are pdfplumber's own ``extract_words``."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import suppress

from relazione.errors import RelazioneError
from relazione.readers.pdf_source import Glyphs, SourcePage
from relazione.readers.pdf_words import Word

logging.getLogger("pdfminer").setLevel(logging.ERROR)


class PlumberSource:
    def __init__(self, path: str, data: bytes) -> None:
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

        self.path = path
        try:
            self.pdf = pdfplumber.open(io.BytesIO(data))
            self.page_count = len(self.pdf.pages)
        except Exception as exc:  # pdfminer raises many types on damaged files; pdfplumber wraps them
            cause = exc.__context__ or (exc.args[0] if exc.args else None)
            if isinstance(exc, PDFPasswordIncorrect | PDFEncryptionError) \
                    or isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
                raise RelazioneError(path, "PDF protetto da password: toglierla prima (ad es. qpdf --decrypt)") \
                    from None
            raise RelazioneError(path, f"PDF danneggiato o troncato ({exc.__class__.__name__})") from None

    def __enter__(self) -> PlumberSource:
        return self

    def __exit__(self, *exc_info: object) -> None:
        with suppress(Exception):  # closing a damaged file may fail again: the first error is the one to tell
            self.pdf.close()

    def pages(self, limit: int | None = None) -> Iterator[SourcePage]:
        for number, page in enumerate(self.pdf.pages[:limit], start=1):
            try:
                chars = page.chars
                glyphs = Glyphs.of_words([Word.of_glyph(c) for c in chars], [bool(c["upright"]) for c in chars])
                yield SourcePage(number, float(page.width), float(page.height), glyphs, bool(page.images),
                                 page.edges if chars else [],
                                 lambda p=page: [Word.of(w) for w in p.extract_words(extra_attrs=["size"],
                                                                                     return_chars=True)])
            finally:
                page.close()  # pdfplumber keeps every parsed page otherwise: memory would grow with the pages
