"""Typesets one document: its JSON on stdin, the PDF on stdout.

Run as a script in a process of its own (stage.paper.typeset_pdf): Typst keeps every layout it
has made for reuse, hundreds of MB per long run-sheet and never let go, so each PDF is made in
a process that ends with it. Imports nothing of Django."""

import os
import sys
from pathlib import Path

import typst

DOCUMENT = Path(__file__).with_name("document.typ")

if __name__ == "__main__":
    os.nice(10)  # a long PDF yields the cores to the requests people are waiting on
    data = sys.stdin.buffer.read().decode()
    sys.stdout.buffer.write(typst.compile(str(DOCUMENT), sys_inputs={"doc": data}))
