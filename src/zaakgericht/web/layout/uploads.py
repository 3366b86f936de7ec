"""Files from forms and to the browser: the chosen file of a file field, its name and type, the objections to
it, copying it into storage a chunk at a time, keeping the stored files only when the change succeeds, and
streaming a stored file as a download. Shared by the behandelaar's documents, Mijn zaken and the e-formulieren."""

import re
import unicodedata
from collections.abc import AsyncIterator, Awaitable

from starlette.datastructures import UploadFile
from starlette.responses import RedirectResponse, Response, StreamingResponse

from ...api.responses import content_disposition
from ...documenten.storage import CHUNK_SIZE, FileChanges, StoredFile, get_storage, write_stream
from ...settings import get_settings

MIME_TYPE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$")


def leesbare_omvang(omvang: int | None) -> str:
    """A file size as people read it: ``812 bytes``, ``12,3 kB``, ``1,2 MB``."""
    if omvang is None:
        return "onbekend"
    if omvang < 1024:
        return f"{omvang} {'byte' if omvang == 1 else 'bytes'}"
    waarde = float(omvang)
    for eenheid in ("kB", "MB", "GB", "TB"):
        waarde /= 1024
        if waarde < 1024 or eenheid == "TB":
            break
    tekst = f"{waarde:.1f}".replace(".", ",").removesuffix(",0")
    return f"{tekst} {eenheid}"


def gekozen(value) -> UploadFile | None:
    """The file of a file field, or None when none was chosen (browsers then send an empty, nameless part)."""
    return value if isinstance(value, UploadFile) and value.filename else None


def bestandsnaam(upload: UploadFile) -> str:
    """The file's own name, without a path some browsers add, and without control characters."""
    naam = re.split(r"[\\/]", upload.filename or "")[-1]
    return "".join(teken for teken in naam if unicodedata.category(teken)[0] != "C").strip()


def formaat(upload: UploadFile) -> str:
    content_type = (upload.content_type or "").split(";")[0].strip()
    return content_type if MIME_TYPE.match(content_type) else ""


def bestand_fout(upload: UploadFile) -> str:
    """The objection to an uploaded file, or an empty string."""
    maximum = get_settings().web_max_upload_bytes
    if not bestandsnaam(upload):
        return "Het bestand heeft geen naam; geef het een naam en kies het opnieuw."
    if len(bestandsnaam(upload)) > 255:
        return "De naam van het bestand is te lang (hoogstens 255 tekens)."
    if not upload.size:
        return "Het bestand is leeg. Kies een bestand met inhoud."
    if upload.size > maximum:
        grootte = leesbare_omvang(upload.size)
        return f"Het bestand is te groot ({grootte}); het mag hoogstens {leesbare_omvang(maximum)} zijn."
    return ""


async def _chunks(upload: UploadFile) -> AsyncIterator[bytes]:
    await upload.seek(0)
    while chunk := await upload.read(CHUNK_SIZE):
        yield chunk


async def store(upload: UploadFile, files: FileChanges) -> StoredFile:
    """Copy an uploaded file into storage, a chunk at a time; it goes again if the change is refused."""
    return files.add(await write_stream(files.storage, _chunks(upload)))


class RefusedRedirect(RedirectResponse):
    """The redirect back to a form the services refused (Post/Redirect/Get): nothing of the change stays."""


async def settled(files: FileChanges, response: Awaitable[Response]) -> Response:
    """The response of a change, with the files it stored kept only when it succeeded (a redirect that is
    no ``RefusedRedirect``)."""
    try:
        result = await response
    except BaseException:
        await files.settle(committed=False)
        raise
    await files.settle(committed=result.status_code == 303 and not isinstance(result, RefusedRedirect))
    return result


async def download(inhoud: str, bestandsnaam: str, formaat: str) -> StreamingResponse:
    """A stored file streamed as an attachment, with its size and (when well-formed) its content type."""
    storage = get_storage()
    headers = {
        "Content-Length": str(await storage.size(inhoud)),
        "Content-Disposition": content_disposition(bestandsnaam),
        # Opened by mistake in the browser, the file may not run scripts in the application's origin.
        "Content-Security-Policy": "sandbox",
    }
    media_type = formaat if MIME_TYPE.match(formaat or "") else "application/octet-stream"
    return StreamingResponse(storage.read(inhoud), media_type=media_type, headers=headers)
