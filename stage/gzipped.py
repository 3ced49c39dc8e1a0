"""A gzip answer spliced from pieces deflated once: a kept page is deflated when it is kept,
and each request deflates only what differs (the page around it and its CSRF tokens).

Each piece is a raw deflate stream ended by a full flush, byte-aligned, so pieces join into one
stream (as pigz joins its blocks). A piece of the page is deflated with the 32 KB before it as
its dictionary, so it compresses as well as one stream would; in that dictionary each token's
place holds filler of the token's length, bytes a page never contains, which no match can
reach. The checksum is the one thing computed over the whole page each time, at memory speed.
Like Django's GZipMiddleware, the header carries random padding against BREACH."""

import secrets
import struct
import zlib

from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.regex_helper import _lazy_re_compile

ACCEPTS_GZIP = _lazy_re_compile(r"\bgzip\b")
LEVEL = 6
SMALLEST = 32 * 1024  # a smaller page is compressed per request faster than it is kept
LAST_BLOCK = zlib.compressobj(LEVEL, zlib.DEFLATED, -15).flush()  # an empty final block


WINDOW = 32 * 1024
FILLER = b"\x01"


def deflated(data: bytes, before: bytes = b"") -> bytes:
    """Raw deflate of data that may refer to `before`, what the reader has just read."""
    args = {"zdict": before[-WINDOW:]} if before else {}
    packer = zlib.compressobj(LEVEL, zlib.DEFLATED, -15, **args)
    return packer.compress(data) + packer.flush(zlib.Z_FULL_FLUSH)


def pieces_of(html: bytes, hole: bytes, token_length: int) -> tuple[bytes, ...] | None:
    """The page deflated between its holes, for tokens of this length; None for a page that
    holds the filler byte (text saved before control characters were refused)."""
    if FILLER in html:
        return None
    found, before = [], b""
    for chunk in html.split(hole):
        found.append(deflated(chunk, before))
        before = (before + chunk)[-WINDOW:] + FILLER * token_length
    return tuple(found)


def accepts_gzip(request) -> bool:
    return bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))


def spliced(parts: list[tuple[bytes, bytes | None]]) -> bytes:
    """A gzip file of the parts in order; each is (plain bytes, its deflated piece or None to
    deflate it now)."""
    padding = b"a" * secrets.randbelow(GZipMiddleware.max_random_bytes)
    out = [b"\x1f\x8b\x08\x08\x00\x00\x00\x00\x00\xff", padding, b"\x00"]  # FNAME, mtime 0
    crc = size = 0
    for plain, piece in parts:
        crc = zlib.crc32(plain, crc)
        size += len(plain)
        out.append(deflated(plain) if piece is None else piece)
    out += [LAST_BLOCK, struct.pack("<II", crc, size & 0xFFFFFFFF)]
    return b"".join(out)


def gzip_response(response, body: bytes) -> None:
    """The response answering with gzip bytes made here, which GZipMiddleware leaves alone."""
    response.content = body
    response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(len(body))
    patch_vary_headers(response, ("Accept-Encoding",))
