"""A small, fast HTTP/1.1 server for the crawl benchmarks: files from a folder, held in memory, keep-alive.

    python bench/static_server.py ROOT --port 8932

``GET /a/b.html`` answers the bytes of ``ROOT/a/b.html`` (a path ending in ``/``:
its ``index.html``), 404 otherwise. One asyncio loop, no per-request file I/O, so
that the crawler and not the server is what a crawl benchmark measures (the
stdlib sample server closes every connection and starts a thread per request).
"""

from __future__ import annotations

import argparse
import asyncio
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit


def load(root: Path) -> dict[str, tuple[bytes, bytes]]:
    files = {}
    for path in root.rglob("*"):
        if path.is_file():
            rel = "/" + path.relative_to(root).as_posix()
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            if kind.startswith("text/") or kind.endswith("xml"):
                kind += "; charset=utf-8"
            files[rel] = (path.read_bytes(), kind.encode())
            if rel.endswith("/index.html"):
                files[rel[: -len("index.html")]] = files[rel]
    return files


class Handler(asyncio.Protocol):
    def __init__(self, files: dict[str, tuple[bytes, bytes]]):
        self.files = files
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:
            head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
            request_line = head.split(b"\r\n", 1)[0].decode("latin-1").split()
            method, target = (request_line + ["", ""])[:2]
            path = unquote(urlsplit(target).path)
            body, kind = self.files.get(path, (b"not found", b"text/plain"))
            status = b"200 OK" if path in self.files else b"404 Not Found"
            payload = b"" if method == "HEAD" else body
            self.transport.write(
                b"HTTP/1.1 "
                + status
                + b"\r\nContent-Type: "
                + kind
                + b"\r\nContent-Length: "
                + str(len(body)).encode()
                + b"\r\nConnection: keep-alive\r\n\r\n"
                + payload
            )


async def serve(root: Path, port: int) -> None:
    files = load(root)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: Handler(files), "127.0.0.1", port, backlog=1024)
    print(f"serving {len(files)} paths on http://127.0.0.1:{port}", flush=True)
    async with server:
        await server.serve_forever()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", type=Path)
    ap.add_argument("--port", type=int, default=8932)
    args = ap.parse_args()
    asyncio.run(serve(args.root, args.port))


if __name__ == "__main__":
    main()
