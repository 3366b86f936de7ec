"""The text of a document's contents, for the search index: plain text, PDF (pypdf), DOCX and ODT.

Extraction is bounded (files up to MAX_BYTES, MAX_PAGES of a PDF, MAX_CHARS of text, TIMEOUT seconds) and
any failure leaves the document without text, quietly: a document that cannot be read is still stored,
only not found by its words. Nothing of the contents is ever logged. The file is copied from storage to a
temporary file in chunks and read from there, so it is never held in memory whole.
"""

import asyncio
import html
import logging
import re
import tempfile
import zipfile
from pathlib import PurePath
from typing import BinaryIO

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..documenten.models import EnkelvoudigInformatieObject as Document
from ..documenten.models import InformatieObjectVersie as Versie
from ..documenten.storage import Storage
from .models import DocumentTekst

# Larger files are not read: their text is rarely typed (scans), and reading them costs memory and time.
MAX_BYTES = 10 * 1024 * 1024
MAX_PAGES = 200
MAX_CHARS = 200_000
TIMEOUT = 10.0

_TEXT_FORMATS = ("text/plain", "text/csv", "text/markdown", "text/html")
_TEXT_EXTENSIONS = (".txt", ".csv", ".md", ".html", ".htm")
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_ODT = "application/vnd.oasis.opendocument.text"

# Tags that end a word in the XML of a DOCX (paragraph, tab, break) or an ODT; all others are dropped
# without a space, because a word may be split over several runs.
_DOCX_BREAKS = re.compile(r"</w:p>|<w:tab\s*/>|<w:br\s*/>|<w:cr\s*/>")
_ODT_BREAKS = re.compile(r"</text:p>|</text:h>|<text:s\b[^>]*/>|<text:tab\s*/>|<text:line-break\s*/>")
_TAG = re.compile(r"<[^>]*>")

# pypdf's warnings about a damaged file quote bytes of it: they stay out of every log.
_pypdf_logger = logging.getLogger("pypdf")
_pypdf_logger.addHandler(logging.NullHandler())
_pypdf_logger.propagate = False


def soort(formaat: str, bestandsnaam: str) -> str | None:
    """Which extractor reads this file: by its formaat (a MIME type), else by its extension."""
    formaat = (formaat or "").split(";")[0].strip().lower()
    extensie = PurePath(bestandsnaam or "").suffix.lower()
    if formaat == "application/pdf" or extensie == ".pdf":
        return "pdf"
    if formaat == _DOCX or extensie == ".docx":
        return "docx"
    if formaat == _ODT or extensie == ".odt":
        return "odt"
    if formaat in _TEXT_FORMATS or formaat.startswith("text/") or extensie in _TEXT_EXTENSIONS:
        return "tekst"
    return None


def extract(kind: str, file: BinaryIO) -> str:
    """The text of a file of this kind (may raise on a damaged file)."""
    if kind == "tekst":
        # A character takes at most four bytes in UTF-8.
        text = file.read(MAX_CHARS * 4).decode("utf-8", errors="replace")
        return _TAG.sub(" ", text) if text.lstrip().startswith("<") else text
    if kind == "pdf":
        return _pdf(file)
    if kind == "docx":
        return _xml_text(file, "word/document.xml", _DOCX_BREAKS)
    return _xml_text(file, "content.xml", _ODT_BREAKS)


def _pdf(file: BinaryIO) -> str:
    from pypdf import PdfReader

    # Not a PDF at all (a wrong formaat): pypdf would read the whole file looking for its parts.
    if b"%PDF-" not in file.read(1024):
        return ""
    file.seek(0)
    reader = PdfReader(file)
    parts, length = [], 0
    for page in reader.pages[:MAX_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        length += len(text)
        if length >= MAX_CHARS:
            break
    return "\n".join(parts)


def _xml_text(file: BinaryIO, member: str, breaks: re.Pattern) -> str:
    with zipfile.ZipFile(file) as archive, archive.open(member) as xml:
        # Read no more than the bound, whatever the archive claims: a small zip may unpack to gigabytes.
        raw = xml.read(MAX_BYTES).decode("utf-8", errors="replace")
    return html.unescape(_TAG.sub("", breaks.sub(" ", raw)))


async def _copy(storage: Storage, key: str, target: BinaryIO) -> bool:
    """The stored file copied into ``target``; False when it is larger than MAX_BYTES."""
    size = 0
    async for chunk in storage.read(key):
        size += len(chunk)
        if size > MAX_BYTES:
            return False
        await asyncio.to_thread(target.write, chunk)
    target.seek(0)
    return True


async def text_of(storage: Storage, key: str, formaat: str, bestandsnaam: str, size: int | None = None) -> str:
    """The text of a stored file, bounded; "" when there is none or it cannot be read."""
    kind = soort(formaat, bestandsnaam)
    if kind is None or not key or (size or 0) > MAX_BYTES:
        return ""
    try:
        with tempfile.TemporaryFile() as copy:
            if not await _copy(storage, key, copy):
                return ""
            text = await asyncio.wait_for(asyncio.to_thread(extract, kind, copy), TIMEOUT)
    except Exception:  # noqa: BLE001 - a file we cannot read is stored all the same, only without its words
        return ""
    return " ".join(text.split())[:MAX_CHARS]


async def store_text(session: AsyncSession, storage: Storage, document_id: int) -> None:
    """Keep the text of the document's latest contents: extracted when the contents are new to us."""
    version = await session.scalar(
        select(Versie).where(Versie.document_id == document_id).order_by(Versie.versie.desc()).limit(1)
    )
    current = await session.get(DocumentTekst, document_id)
    if version is None or not version.inhoud:
        if current is not None:
            await session.delete(current)
        return
    if current is not None and current.inhoud_sha256 == version.inhoud_sha256:
        return
    text = await text_of(storage, version.inhoud, version.formaat, version.bestandsnaam, version.bestandsomvang)
    if current is None:
        current = DocumentTekst(document_id=document_id)
        session.add(current)
    current.inhoud_sha256, current.tekst = version.inhoud_sha256, text
    await session.flush()


async def store_missing(session: AsyncSession, storage: Storage) -> int:
    """The text of every document whose current contents have none yet (documents stored before text was
    extracted); the number of documents read."""
    missing = (
        select(Document.id)
        .join(Versie, and_(Versie.document_id == Document.id, Versie.versie == Document.versie))
        .outerjoin(DocumentTekst, DocumentTekst.document_id == Document.id)
        .where(
            Versie.inhoud != "",
            or_(DocumentTekst.document_id.is_(None), DocumentTekst.inhoud_sha256 != Versie.inhoud_sha256),
        )
        .order_by(Document.id)
    )
    document_ids = list(await session.scalars(missing))
    for document_id in document_ids:
        await store_text(session, storage, document_id)
    return len(document_ids)
