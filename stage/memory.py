"""A worker's memory after a request that composed a long show.

A composed show is a graph of reference cycles (a segment lists its products and each product
its segments), and so is every rendered template (Django's Context and its ContextDicts) and
request. Python frees cycles only in a full collection, which it runs once the objects that
outlived its younger collections have grown by a quarter: three versions of a 1,000-segment
run-sheet, about 70 MB, pile up before that, and the worker's memory stays at that high-water
mark. So a request that
leaves many objects behind has its cycles collected as soon as its answer has gone out
(request_finished), and a small request costs one counter read at each end.
"""

import gc
import sys
import threading

from django.core.signals import request_finished, request_started

# Blocks of small objects: rendering a 120-segment run-sheet leaves about 11,000, a 10-segment
# one under 2,000, a 1,000-segment one some 80,000.
LEFT_BEHIND = 10_000
_started = threading.local()


def note_objects(**kwargs):
    _started.blocks = sys.getallocatedblocks()


def collect_if_left_behind(**kwargs):
    before = getattr(_started, "blocks", None)
    if before is not None and sys.getallocatedblocks() - before > LEFT_BEHIND:
        gc.collect()


def freeze_what_is_loaded() -> None:
    """Objects made while the app loads live as long as the process: kept out of every
    collection, which then costs a quarter as much (CPython's advice for servers, gc.freeze)."""
    gc.collect()
    gc.freeze()


def connect() -> None:
    request_started.connect(note_objects, dispatch_uid="stage.memory.started")
    request_finished.connect(collect_if_left_behind, dispatch_uid="stage.memory.finished")
