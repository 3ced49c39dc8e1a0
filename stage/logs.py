"""Keeps secrets out of logs: invitation and password-reset tokens in logged paths."""

import logging
import re

TOKEN_PATHS = re.compile(r"(/invite/|/password/reset/[^/\s]+/)(?!set-password)[^/\s\"]+")


class HideTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        hidden = TOKEN_PATHS.sub(r"\1…", message)
        if hidden != message:
            record.msg, record.args = hidden, ()
        return True
