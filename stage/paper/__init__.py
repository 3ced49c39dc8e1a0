"""Paper: the run-sheet and the review as PDF, typeset by Typst (PyPI `typst`, the Rust
compiler in a wheel) from the same composed values the pages show.

A document is data: a title and blocks (stage.paper.blocks) whose text is runs of (text, style).
It reaches Typst as JSON, so what users typed is never markup.
"""

import fcntl
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language

SCRIPT = Path(__file__).with_name("typeset.py")
SLOTS = max(1, (os.cpu_count() or 2) // 2)  # PDFs typeset at once on this machine
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
    deadline = time.monotonic() + settings.PAPER_SECONDS
    try:
        with typesetting_slot(deadline):
            done = subprocess.run(  # noqa: S603 (our own script; the document is on stdin)
                [sys.executable, str(SCRIPT)],
                input=data,
                capture_output=True,
                timeout=max(deadline - time.monotonic(), 0.001),
                check=True,
            )
    except subprocess.TimeoutExpired as error:
        raise PaperError(f"no PDF within {settings.PAPER_SECONDS} s") from error
    except subprocess.CalledProcessError as error:
        raise PaperError(error.stderr.decode(errors="replace")[-2000:]) from error
    return done.stdout


@contextmanager
def typesetting_slot(deadline: float):
    """One of this machine's SLOTS for a PDF, waited for until `deadline`: however many PDFs are
    asked for at once, they take at most half the cores (and at a lower priority), and the
    requests people are waiting on keep the rest."""
    for _attempt in itertools.count():
        for slot in range(SLOTS):
            with open(Path(tempfile.gettempdir()) / f"stage-paper-{slot}.lock", "w") as lock:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue
                yield  # the lock goes with the file
                return
        if time.monotonic() > deadline:
            raise PaperError("every slot for a PDF stayed busy")
        time.sleep(0.05)
