"""A gzip answer spliced from pieces deflated once: a kept page is deflated when it is kept,
and each request deflates only what differs (the page around it and its CSRF token).

Pieces are raw deflate streams ended by a full flush, byte-aligned, so they join into one stream
(as pigz joins its blocks). A kept page is split at a token only where the token before it is
out of deflate's 32 KB reach: the first, and any after a long stretch without one. Each piece
is deflated with filler where its other tokens go: bytes a page never holds, no three of them
alike, so the compressor can only encode a filler as a copy of one before it. The reader, given
this request's token at each split, copies it to every other place. That is checked once, when
the page is kept. The checksum is the one thing computed over the whole page each time, at
memory speed. Like Django's GZipMiddleware, the header carries random padding against BREACH."""

import secrets
import struct
import zlib
from functools import cache

from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.regex_helper import _lazy_re_compile

ACCEPTS_GZIP = _lazy_re_compile(r"\bgzip\b")
LEVEL = 6
SMALLEST = 32 * 1024  # a smaller page is compressed per request faster than it is kept
WINDOW = 32 * 1024
REACH = WINDOW - 258  # how far back a copy may start and still be whole
LAST_BLOCK = zlib.compressobj(LEVEL, zlib.DEFLATED, -15).flush()  # an empty final block
CONTROLS = bytes(range(1, 9))  # never in a page: text is saved without control characters


@cache
def _filler(length: int) -> bytes:
    """`length` bytes of CONTROLS, no three in a row twice (a de Bruijn sequence's start)."""
    k, n, found, a = len(CONTROLS), 3, [], [0] * 3 * len(CONTROLS)

    def db(t, p):  # the standard recursive construction
        if t > n:
            if n % p == 0:
                found.extend(a[1 : p + 1])
        else:
            a[t] = a[t - p]
            db(t + 1, p)
            for j in range(a[t - p] + 1, k):
                a[t] = j
                db(t + 1, t)

    db(1, 1)
    return bytes(CONTROLS[i] for i in found[:length])


def deflated(data: bytes, before: bytes = b"") -> bytes:
    """Raw deflate of data that may refer to `before`, what the reader has just read."""
    args = {"zdict": before[-WINDOW:]} if before else {}
    packer = zlib.compressobj(LEVEL, zlib.DEFLATED, -15, **args)
    return packer.compress(data) + packer.flush(zlib.Z_FULL_FLUSH)


def pieces_of(html: bytes, hole: bytes, token_length: int) -> tuple[bytes, ...] | None:
    """The page deflated once for tokens of this length: the piece before the first hole, then
    one piece after each hole where the page splits (splits(): the request deflates the token
    there); None when it cannot be done safely."""
    if any(byte in html for byte in CONTROLS):
        return None  # text saved before control characters were refused
    chunks, filler = html.split(hole), _filler(token_length)
    pieces, read = [deflated(chunks[0])], chunks[0]
    for group in _groups(chunks, token_length):
        text = filler.join(group)
        pieces.append(deflated(text, read + filler))
        read = (read + filler + text)[-WINDOW:]
    other = b"#" * token_length  # as a reader would read it: another token at each split
    reader = zlib.decompressobj(-15)
    out = reader.decompress(pieces[0])
    for piece in pieces[1:]:
        out += reader.decompress(deflated(other) + piece)
    return tuple(pieces) if out == other.join(chunks) else None


def splits(chunks: list[bytes], token_length: int) -> list[int]:
    """The holes (by the index of the chunk after them) where a piece begins: the first, and
    any whose token before it is out of reach."""
    return [i for i in range(1, len(chunks)) if i == 1 or token_length + len(chunks[i - 1]) > REACH]


def spans(chunks, token_length) -> list[tuple[int, int]]:
    """(first, end) chunk indexes of each piece after the first."""
    starts = splits(chunks, token_length)
    return list(zip(starts, [*starts[1:], len(chunks)][: len(starts)], strict=True))


def _groups(chunks, token_length) -> list[list[bytes]]:
    return [chunks[a:b] for a, b in spans(chunks, token_length)]


def accepts_gzip(request) -> bool:
    return bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))


def spliced(plain: list[bytes], pieces: list[bytes | None]) -> bytes:
    """A gzip file of the plain parts, from their pieces (None: deflate that part now)."""
    padding = b"a" * secrets.randbelow(GZipMiddleware.max_random_bytes)
    out = [b"\x1f\x8b\x08\x08\x00\x00\x00\x00\x00\xff", padding, b"\x00"]  # FNAME, mtime 0
    crc = size = 0
    for part, piece in zip(plain, pieces, strict=True):
        crc = zlib.crc32(part, crc)
        size += len(part)
        out.append(deflated(part) if piece is None else piece)
    out += [LAST_BLOCK, struct.pack("<II", crc, size & 0xFFFFFFFF)]
    return b"".join(out)


def gzip_response(response, body: bytes) -> None:
    """The response answering with gzip bytes made here, which GZipMiddleware leaves alone."""
    response.content = body
    response["Content-Encoding"] = "gzip"
    response["Content-Length"] = str(len(body))
    patch_vary_headers(response, ("Accept-Encoding",))
