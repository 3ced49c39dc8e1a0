"""Hostile files to the JSON and spreadsheet imports: never a 500; a refusal is a 422 (or 400)
that says why and saves nothing; what is imported comes back escaped. Property tests (Hypothesis);
the base class and the hostile values are in tests/hostile.py."""

import csv
import io
import json
import re

from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from stage.broadcasts import Broadcast, Status
from stage.sheets.words import FIELDS, SCRIPT
from stage.transfer import export_broadcast
from tests.hostile import EXAMPLES, HOSTILE, HOSTILE_TEXT, HostileTestCase, is_refusal
from tests.registry_world import snapshot


class HostileImports(HostileTestCase):
    """The JSON import and the spreadsheet import of segments."""

    # The JSON import.

    def assert_import(self, content: bytes, name="show.json"):
        before = snapshot()
        upload = io.BytesIO(content)
        upload.name = name
        response = self.client.post(reverse("broadcast_import"), {"file": upload})
        if self.assert_answer(response, before):
            assert response.status_code == 302
            imported = Broadcast.objects.order_by("-pk").first()
            assert imported.status == Status.DRAFT
            self.assert_pages_escaped(imported)

    @EXAMPLES
    @given(
        document=st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
            lambda inner: (
                st.lists(inner, max_size=4)
                | st.dictionaries(st.text(max_size=12), inner, max_size=4)
            ),
            max_leaves=20,
        )
    )
    def test_the_json_import_survives_random_documents(self, document):
        self.assert_import(json.dumps(document).encode())

    @EXAMPLES
    @given(data=st.data())
    def test_the_json_import_survives_a_tampered_export(self, data):
        document = export_broadcast(self.world.broadcast)
        json_value = st.one_of(
            HOSTILE,
            st.none(),
            st.booleans(),
            st.integers(),
            st.floats(),
            st.lists(st.integers(), max_size=3),
            st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
        )
        for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
            section = data.draw(st.sampled_from(sorted(document)))
            target = document[section]
            if isinstance(target, list) and target:
                target = target[data.draw(st.integers(0, len(target) - 1))]
            if isinstance(target, dict) and target:
                key = data.draw(st.sampled_from(sorted(target)))
                if data.draw(st.booleans()):
                    target[key] = data.draw(json_value)
                else:
                    del target[key]
            else:
                document[section] = data.draw(json_value)
        self.assert_import(json.dumps(document, ensure_ascii=False).encode())

    @EXAMPLES
    @given(content=st.binary(max_size=300), name=st.sampled_from(["show.json", "x", "a.txt"]))
    def test_the_json_import_survives_random_bytes(self, content, name):
        self.assert_import(content, name)

    # The spreadsheet import.

    COLUMNS = {name: spec[1].split() for name, spec in FIELDS[SCRIPT].items() if spec[1]}

    def upload_sheet(self, content: bytes, name: str):
        upload = io.BytesIO(content)
        upload.name = name
        url = reverse("segments_import", args=[self.world.broadcast.pk])
        return self.client.post(url, {"file": upload})

    @EXAMPLES
    @given(data=st.data())
    def test_the_spreadsheet_import_survives_hostile_cells(self, data):
        names = st.sampled_from(sorted(self.COLUMNS))
        columns = data.draw(st.lists(names, min_size=1, unique=True))
        header = [data.draw(st.sampled_from(self.COLUMNS[c])) for c in columns]
        cell = st.one_of(
            HOSTILE_TEXT, st.text(max_size=30), st.integers(-(10**12), 10**12).map(str)
        )
        rows = data.draw(
            st.lists(st.lists(cell, min_size=len(header), max_size=len(header) + 1), max_size=4)
        )
        text = io.StringIO()
        csv.writer(text).writerows([header, *rows])
        before = snapshot()
        response = self.upload_sheet(text.getvalue().encode("utf-8-sig"), "直播脚本.csv")
        if not self.assert_answer(response, before):
            return
        assert response.status_code == 200  # the preview
        assert snapshot() == before, "the preview saved something"
        found = re.search(r'name="payload" value="([^"]+)"', response.content.decode())
        if found is None:
            return
        url = reverse("segments_import", args=[self.world.broadcast.pk])
        response = self.client.post(url, {"payload": found.group(1), "action": "import"})
        if self.assert_answer(response, before):
            self.assert_pages_escaped(self.world.broadcast)

    @EXAMPLES
    @given(
        content=st.binary(max_size=400),
        name=st.sampled_from(
            ["a.csv", "a.xlsx", "a.xlsm", "a.tsv", "a.txt", "a", "a.exe", ".xlsx"]
        ),
        payload=st.one_of(st.none(), HOSTILE_TEXT, st.text(max_size=80)),
    )
    def test_the_spreadsheet_import_survives_random_files_and_forged_previews(
        self, content, name, payload
    ):
        before = snapshot()
        self.assert_answer(self.upload_sheet(content, name), before)
        if payload is not None:
            url = reverse("segments_import", args=[self.world.broadcast.pk])
            response = self.client.post(url, {"payload": payload, "action": "import"})
            assert is_refusal(response)
            self.assert_answer(response, before)
