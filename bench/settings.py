"""Settings for `make bench`: production-like (DEBUG off, whitenoise, hashed static files),
on a throw-away SQLite file and static root in STAGE_BENCH_DIR, over plain HTTP on 127.0.0.1.

Never touches the developer's db.sqlite3 or staticfiles/.
"""

import os
from pathlib import Path

BENCH_DIR = Path(os.environ["STAGE_BENCH_DIR"])
os.environ["DEBUG"] = "false"
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 50)
os.environ["SECURE_SSL_REDIRECT"] = "false"
os.environ["SECURE_HSTS_SECONDS"] = "0"
os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}"
os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"

from stage.settings import *  # noqa: E402, F403

STATIC_ROOT = BENCH_DIR / "static"
# Plain HTTP on the loopback: cookies must not be Secure-only, or the browser drops them.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_PRELOAD = False
# The bench times typesetting itself: every PDF in the request, none left to the task worker.
PAPER_INLINE_SEGMENTS = 1_000_000
