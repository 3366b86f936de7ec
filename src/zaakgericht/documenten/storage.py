"""File storage for the contents of documents: a small interface and the filesystem backend.

Contents are written from a stream and read back as a stream of chunks, so no file is
ever held in memory whole, however large. A file is written under a temporary name and
renamed into place when complete (after ``fsync``): a stored file is always whole. Each
write returns the file's key, size and SHA-256, computed while writing.

The database refers to files by key. Files change together with the database through
``FileChanges``: files written for a change that fails are removed, files a committed
change no longer needs are removed after the commit, never before.
"""

import asyncio
import hashlib
import os
import uuid
from collections.abc import AsyncIterable, AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from ..settings import get_settings

# Bytes per read and per write to disk: large enough to keep thread hand-offs rare,
# small enough to keep memory flat.
CHUNK_SIZE = 1024 * 1024


@dataclass(frozen=True, slots=True)
class StoredFile:
    key: str
    size: int
    sha256: str


class Writer(Protocol):
    """A file being written; ``commit`` stores it, ``abort`` throws it away."""

    size: int

    async def write(self, data: bytes) -> None: ...

    async def commit(self) -> StoredFile: ...

    async def abort(self) -> None: ...


class Storage(Protocol):
    def writer(self) -> Writer: ...

    def read(self, key: str, chunk_size: int = CHUNK_SIZE) -> AsyncIterator[bytes]: ...

    async def delete(self, key: str) -> None: ...

    async def size(self, key: str) -> int: ...

    async def checksum(self, key: str) -> str: ...


async def write_stream(storage: Storage, chunks: AsyncIterable[bytes]) -> StoredFile:
    """Store a whole stream as one file."""
    writer = storage.writer()
    try:
        async for chunk in chunks:
            await writer.write(chunk)
    except BaseException:
        await writer.abort()
        raise
    return await writer.commit()


# --- the filesystem backend ------------------------------------------------------------------


class FilesystemWriter:
    def __init__(self, root: Path) -> None:
        self._root = root
        self._key = uuid.uuid4().hex
        self._temporary = root / "tmp" / self._key
        self._file = None
        self._hash = hashlib.sha256()
        self._buffer = bytearray()
        self.size = 0

    async def write(self, data: bytes) -> None:
        self.size += len(data)
        if not self._buffer and len(data) >= CHUNK_SIZE:
            await asyncio.to_thread(self._write, data)  # a large chunk goes as it is
            return
        self._buffer += data
        if len(self._buffer) >= CHUNK_SIZE:
            await self._flush()

    async def _flush(self) -> None:
        if not self._buffer and self._file is not None:
            return
        data, self._buffer = self._buffer, bytearray()
        await asyncio.to_thread(self._write, data)

    def _write(self, data: bytes | bytearray) -> None:
        if self._file is None:
            self._temporary.parent.mkdir(parents=True, exist_ok=True)
            self._file = open(self._temporary, "wb")  # noqa: SIM115 - closed in commit/abort
        # Hashing here too keeps the event loop free (hashlib releases the GIL).
        self._hash.update(data)
        self._file.write(data)

    async def commit(self) -> StoredFile:
        await self._flush()
        await asyncio.to_thread(self._finish)
        return StoredFile(self._key, self.size, self._hash.hexdigest())

    def _finish(self) -> None:
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        target = path_of(self._root, self._key)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(self._temporary, target)

    async def abort(self) -> None:
        def remove() -> None:
            if self._file is not None:
                self._file.close()
            self._temporary.unlink(missing_ok=True)

        self._buffer = bytearray()
        await asyncio.to_thread(remove)


def path_of(root: Path, key: str) -> Path:
    if len(key) != 32 or not all(c in "0123456789abcdef" for c in key):
        raise FileNotFoundError(key)
    return root / key[:2] / key[2:4] / key


class FilesystemStorage:
    """Files under a directory (``ZAAKGERICHT_DATA_DIR/files``), two levels of subdirectories deep."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def writer(self) -> FilesystemWriter:
        return FilesystemWriter(self.root)

    async def read(self, key: str, chunk_size: int = CHUNK_SIZE) -> AsyncIterator[bytes]:
        file = await asyncio.to_thread(open, path_of(self.root, key), "rb")
        try:
            while chunk := await asyncio.to_thread(file.read, chunk_size):
                yield chunk
        finally:
            await asyncio.to_thread(file.close)

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(path_of(self.root, key).unlink, missing_ok=True)

    async def size(self, key: str) -> int:
        return (await asyncio.to_thread(path_of(self.root, key).stat)).st_size

    async def checksum(self, key: str) -> str:
        digest = hashlib.sha256()
        async for chunk in self.read(key):
            digest.update(chunk)
        return digest.hexdigest()


@lru_cache
def _filesystem_storage(root: Path) -> FilesystemStorage:
    return FilesystemStorage(root)


def get_storage() -> Storage:
    return _filesystem_storage((get_settings().data_dir / "files").resolve())


# --- keeping files and database in step ------------------------------------------------------


@dataclass
class FileChanges:
    """The files one database change wrote and the files it made obsolete."""

    storage: Storage
    written: list[str] = field(default_factory=list)
    obsolete: list[str] = field(default_factory=list)

    def add(self, stored: StoredFile) -> StoredFile:
        self.written.append(stored.key)
        return stored

    def remove_later(self, *keys: str) -> None:
        self.obsolete.extend(key for key in keys if key)

    async def settle(self, committed: bool) -> None:
        for key in self.obsolete if committed else self.written:
            await self.storage.delete(key)
        self.written, self.obsolete = [], []


@asynccontextmanager
async def file_changes() -> AsyncIterator[FileChanges]:
    """Wrap a write session in this: files follow the fate of its transaction."""
    changes = FileChanges(get_storage())
    try:
        yield changes
    except BaseException:
        await changes.settle(committed=False)
        raise
    await changes.settle(committed=True)
