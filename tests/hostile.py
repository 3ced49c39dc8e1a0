"""Shared by the hostile-input property tests: hostile values (Hypothesis strategies) and a base
TestCase that posts them on the example show and checks each answer: never a 500; a refusal is a
422 (or 400) that says why and saves nothing; markup comes back escaped."""

import os
import re

from django.test import override_settings
from django.urls import reverse
from hypothesis import HealthCheck, event
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from stage.checklists.lineup import Product
from stage.checklists.registry import CHECKLIST_BY_LETTER
from stage.checklists.timing import Segment
from stage.demo import fill_example_show
from stage.teams import Role
from tests.factories import make_broadcast, make_member, make_team, make_user
from tests.registry import LETTERS
from tests.registry_world import build_world, snapshot

FAST_PASSWORDS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EXAMPLES = hypothesis_settings(
    # Small for CI (each file runs in well under a minute); raise it for a deeper local search.
    max_examples=int(os.environ.get("STAGE_HOSTILE_EXAMPLES", "25")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

MARKUP = [
    '<script>alert("stage-xss")</script>',
    '"><img src=x onerror=alert("stage-xss")>',
    "</textarea><script>alert('stage-xss')</script>",
    "<svg onload=alert('stage-xss')>",
]
# Any of these in a response means posted markup went out unescaped.
RAW_MARKUP = re.compile(r"<script>alert\(|<img src=x onerror|<svg onload")
ESCAPED_SCRIPT = "&lt;script&gt;alert("
FORMULAS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example")', "+1+1", "-1+1", "@SUM(1)"]
NUMBERS_AS_TEXT = [
    "0", "-0", "-1", "1e3", "1e999", "-1e999", "NaN", "nan", "sNaN", "Infinity", "-Infinity",
    "0x1F", "1_000", "1,000", "１２３", "٣", "3.14159265358979323846264338327950288", "9" * 30,
    str(2**31), str(2**31 - 1), str(2**63), "-" + "9" * 20, " 5 ", "5.", ".5", "00000", "1/2",
]  # fmt: skip
ODD_TEXT = [
    "", " ", "\t", "\n", "\r\n", "\x00", "a\x00b", "\u202eevil", "\ufeff", "😀" * 3,
    "全网最低价 第一 唯一", "x" * 5000, "null", "None", "true", "[]", "{}", "' OR 1=1 --",
    "../../etc/passwd", "%s%n%x", "\\", "{{ 7|add:7 }}{% debug %}", "12:61", "25:00",
    "2030-02-30 19:00", "D-999", "H+999:99", "javascript:alert(1)",
]  # fmt: skip
HOSTILE_TEXT = st.sampled_from(MARKUP + FORMULAS + NUMBERS_AS_TEXT + ODD_TEXT)
HOSTILE = st.one_of(
    HOSTILE_TEXT,
    HOSTILE_TEXT,
    st.text(max_size=40),
    st.text(min_size=90, max_size=260),
    st.integers().map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(repr),
    st.lists(HOSTILE_TEXT, min_size=2, max_size=3),
)


def is_refusal(response) -> bool:
    return response.status_code in (400, 422)


def says_why(response) -> bool:
    page = response.content.decode()
    return 'class="errorlist' in page or 'role="alert"' in page


def hostile_changes(keys, extra=None):
    """Up to three fields replaced by hostile values, up to two left out."""
    values = HOSTILE if extra is None else st.one_of(HOSTILE, extra)
    return st.tuples(
        st.dictionaries(st.sampled_from(sorted(keys)), values, max_size=3),
        st.sets(st.sampled_from(sorted(keys)), max_size=2),
    )


def changed(base: dict, changes) -> dict:
    replaced, dropped = changes
    return {k: v for k, v in {**base, **replaced}.items() if k not in dropped}


@override_settings(PASSWORD_HASHERS=FAST_PASSWORDS)
class HostileTestCase(TestCase):
    """Each example runs in a transaction rolled back after it, on the example show."""

    @classmethod
    def setUpTestData(cls):
        cls.team = make_team(name="Acme Live")
        cls.editor = make_user("bob")
        make_member(cls.team, cls.editor, role=Role.EDITOR)
        # Rows of another team: their ids are hostile values for every choice of a row.
        theirs = make_broadcast(team=make_team(name="Other Shop"), title="Their show")
        fill_example_show(theirs)
        cls.foreign_ids = [
            str(pk)
            for model in (Segment, Product)
            for pk in model.objects.filter(broadcast=theirs).values_list("pk", flat=True)
        ]

        cls.world = build_world(cls.team)

    def setup_example(self):
        super().setup_example()  # per example: a new client, a transaction rolled back after
        self.client.force_login(self.editor)

    # Helpers.

    def post(self, url, data, *, htmx=False, **kwargs):
        headers = {"HX-Request": "true"} if htmx else {}
        return self.client.post(url, data, headers=headers, **kwargs)

    def assert_answer(self, response, before) -> bool:
        """Never a 500 (the test client raises it); a refusal says why and changes nothing.

        Returns whether the write went through."""
        event(f"answered {response.status_code}")
        page = response.content.decode(errors="replace")
        assert not RAW_MARKUP.search(page), "posted markup came back unescaped"
        if is_refusal(response):
            assert response.status_code == 400 or says_why(response), "a refusal without a reason"
            assert snapshot() == before, "a refused post changed the database"
            return False
        assert response.status_code in (200, 302), response.status_code
        return True

    def assert_escaped(self, *urls):
        for url in urls:
            response = self.client.get(url)
            assert response.status_code == 200, url
            assert not RAW_MARKUP.search(response.content.decode()), url

    def assert_links_stay_in(self, broadcast):
        """No row of the broadcast points at a segment or product of another broadcast."""
        for letter in LETTERS:
            model = CHECKLIST_BY_LETTER[letter].model
            for row in model.objects.filter(broadcast=broadcast):
                for field in model._meta.get_fields():
                    if field.name == "broadcast" or not (field.many_to_one or field.many_to_many):
                        continue
                    if field.related_model not in (Segment, Product) or field.auto_created:
                        continue
                    linked = getattr(row, field.name)
                    linked = linked.all() if field.many_to_many else [linked] if linked else []
                    assert {x.broadcast_id for x in linked} <= {broadcast.pk}, (row, field.name)

    def assert_pages_escaped(self, broadcast, letter="T"):
        self.assert_escaped(
            reverse("checklist", args=[broadcast.pk, letter]),
            reverse("runsheet", args=[broadcast.pk]),
            reverse("broadcast_detail", args=[broadcast.pk]),
        )
