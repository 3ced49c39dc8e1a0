"""Paper: the run-sheet and the review as PDF, typeset by Typst (PyPI `typst`, the Rust
compiler in a wheel) from the same composed values the pages show.

A document is data: a title and blocks (stage.paper.blocks) whose text is runs of (text, style).
It reaches Typst as JSON, so what users typed is never markup.
"""

import json
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language

SCRIPT = Path(__file__).with_name("typeset.py")
PAPER_SIZES = {"a4": "a4", "letter": "us-letter"}


class PaperError(Exception):
    """The PDF could not be made in time, or at all."""


def typeset(title: str, blocks: list[dict], paper: str = "a4") -> bytes:
    zh = (get_language() or "en").startswith("zh")
    doc = {
        "title": title,
        "blocks": blocks,
        "paper": PAPER_SIZES.get(paper, "a4"),
        "lang": "zh" if zh else "en",
        "region": "CN" if zh else None,
    }
    data = json.dumps(doc, ensure_ascii=False, default=str).encode()
    try:
        done = subprocess.run(  # noqa: S603 (our own script; the document is on stdin)
            [sys.executable, str(SCRIPT)],
            input=data,
            capture_output=True,
            timeout=settings.PAPER_SECONDS,
            check=True,
        )
    except subprocess.TimeoutExpired as error:
        raise PaperError(f"no PDF within {settings.PAPER_SECONDS} s") from error
    except subprocess.CalledProcessError as error:
        raise PaperError(error.stderr.decode(errors="replace")[-2000:]) from error
    return done.stdout
