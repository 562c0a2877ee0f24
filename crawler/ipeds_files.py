"""Reading IPEDS bulk files: a zip holding one CSV (or a revised ``_rv`` CSV beside it).

The CSV is decompressed and parsed as a stream (one row at a time); its
encoding is found by a first streaming pass that checks whether the bytes are
valid UTF-8 (newer years, with or without a BOM) and falls back to cp1252
(older years). Pure functions over bytes; the spider does the fetching.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator


class IpedsFileError(ValueError):
    """The downloaded file is not a readable IPEDS zip."""


def choose_member(names: list[str]) -> str:
    """The CSV to read: the revised ``..._rv.csv`` when present, else the only CSV."""
    csvs = [n for n in names if n.lower().endswith(".csv") and not n.startswith("__MACOSX")]
    if not csvs:
        raise IpedsFileError(f"no CSV in the zip (members: {', '.join(names[:5])})")
    revised = [n for n in csvs if n.lower().endswith("_rv.csv")]
    return sorted(revised or csvs)[0]


def detect_encoding(zf: zipfile.ZipFile, member: str, chunk_size: int = 1 << 20) -> str:
    decoder = codecs.getincrementaldecoder("utf-8")()
    with zf.open(member) as handle:
        while True:
            chunk = handle.read(chunk_size)
            if not chunk:
                break
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                return "cp1252"
    return "utf-8-sig"


def iter_rows(body: bytes) -> Iterator[dict[str, str | None]]:
    """Rows of the CSV inside an IPEDS zip, with upper-case header names.

    A row with too few fields has None for the missing ones; a row with too
    many has the extra values under the key ``None`` (the caller drops it).
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(body))
        member = choose_member(zf.namelist())
        encoding = detect_encoding(zf, member)
        handle = zf.open(member)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as exc:
        raise IpedsFileError(f"not a readable zip: {exc}") from exc
    with zf, handle:
        text = io.TextIOWrapper(handle, encoding=encoding, errors="replace", newline="")
        reader = csv.reader(text)
        try:
            header = next(reader)
        except StopIteration:
            return
        except (csv.Error, zipfile.BadZipFile, EOFError, OSError) as exc:
            raise IpedsFileError(f"unreadable CSV: {exc}") from exc
        names = [h.strip().lstrip("\ufeff").upper() for h in header]
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error:
                yield {None: "unparseable CSV line"}
                continue
            except (zipfile.BadZipFile, EOFError, OSError) as exc:
                raise IpedsFileError(f"the zip ends early: {exc}") from exc
            if not values:
                continue
            row: dict[str, str | None] = dict(zip(names, (v.strip() for v in values), strict=False))
            if len(values) < len(names):
                for name in names[len(values) :]:
                    row[name] = None
            elif len(values) > len(names):
                row[None] = ",".join(values[len(names) :])
            yield row
