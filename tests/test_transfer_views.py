"""The JSON file of a broadcast through the pages: the download, the import into the current
team, and a refused upload with each problem next to the field (who may download or import at
all: the walk of tests/test_isolation.py)."""

import json
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stage.broadcasts import Broadcast, Status
from stage.demo import fill_example_show
from stage.transfer import export_broadcast
from tests import transfer_helpers
from tests.factories import make_broadcast, make_member, make_user
from tests.transfer_helpers import edit, fresh, row_counts

pytestmark = pytest.mark.django_db

# The shared fixtures, bound by assignment: imported, they would read as unused (F401, F811).
example, other_team = transfer_helpers.example, transfer_helpers.other_team

HTMX = {"HTTP_HX_REQUEST": "true"}


def upload(content: bytes, name: str = "show.json"):
    return SimpleUploadedFile(name, content, content_type="application/json")


def test_a_member_downloads_the_json_file(login, bob, example):
    response = login(bob).get(reverse("broadcast_json", args=[example.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    filename = quote("2030-12-01-美妆-零食-晚间专场.json")
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{filename}"
    text = response.content.decode("utf-8")
    assert "美妆 × 零食" in text  # not \u escapes
    assert text.startswith('{\n  "schema": "stage.broadcast",')
    assert json.loads(text) == export_broadcast(example)


def test_a_user_without_team_is_sent_to_create_one(login, db):
    response = login(make_user("newbie")).get(reverse("broadcast_import"))
    assert response.status_code == 302
    assert response["Location"] == reverse("team_new")


def test_an_editor_imports_into_the_current_team(login, bob, team, other_team):
    source = make_broadcast(team=other_team, title="源 · 双十二")
    fill_example_show(source)
    content = json.dumps(export_broadcast(fresh(source)), ensure_ascii=False).encode()
    client = login(bob)
    page = client.get(reverse("broadcast_import"))
    assert page.status_code == 200
    assert 'type="file"' in page.text
    response = client.post(reverse("broadcast_import"), {"file": upload(content)}, follow=True)
    imported = Broadcast.objects.get(team=team, title="源 · 双十二")
    assert response.redirect_chain == [(reverse("broadcast_detail", args=[imported.pk]), 302)]
    assert "Broadcast “源 · 双十二” imported." in response.text
    assert imported.segments.count() == 9
    assert imported.status == Status.DRAFT


def test_htmx_import_redirects_the_client(login, bob, example, team):
    content = json.dumps(export_broadcast(example)).encode()
    response = login(bob).post(reverse("broadcast_import"), {"file": upload(content)}, **HTMX)
    newest = Broadcast.objects.filter(team=team).latest("pk")
    assert newest.pk != example.pk
    assert response["HX-Redirect"] == reverse("broadcast_detail", args=[newest.pk])


def field_block(html: str) -> str:
    """The file field's own block: the input and the errors right after it."""
    return html.split('id="id_file"', 1)[1].split("</div>", 1)[0]


def test_a_refused_upload_lists_each_problem_next_to_the_field(login, bob, example):
    def break_two(document):
        document["segments"][3]["minutes"] = 0
        document["products"][1]["segments"][0] = 42

    content = edit(export_broadcast(example), break_two)
    before = row_counts()
    response = login(bob).post(reverse("broadcast_import"), {"file": upload(content)}, **HTMX)
    assert response.status_code == 422
    block = field_block(response.text)
    assert "segments[3].minutes: A segment lasts at least one minute." in block
    assert "products[1].segments[0]: There is no segments[42]" in block
    assert "nothing has been saved" in response.text
    assert row_counts() == before


def test_a_file_of_more_than_2_mb_is_refused(login, bob, team):
    before = row_counts()
    content = b" " * (2 * 1024 * 1024 + 1)
    response = login(bob).post(reverse("broadcast_import"), {"file": upload(content)})
    assert response.status_code == 422
    assert "The file is larger than the limit of 2 MB." in field_block(response.text)
    assert row_counts() == before


def test_an_upload_without_a_file_is_refused(login, bob, team):
    response = login(bob).post(reverse("broadcast_import"), {})
    assert response.status_code == 422
    assert "This field is required." in field_block(response.text)


def test_a_very_bad_file_shows_the_first_fifty_problems(login, bob, example):
    def break_all(document):  # 30 rows × (7 missing fields + 1 unknown) = 240 problems
        document["segments"] = [{"x": i} for i in range(30)]

    content = edit(export_broadcast(example), break_all)
    response = login(bob).post(reverse("broadcast_import"), {"file": upload(content)})
    assert response.status_code == 422
    assert "… and 190 more." in field_block(response.text)


def test_an_editor_of_two_teams_imports_into_the_current_one(login, bob, example, other_team):
    make_member(other_team, bob)
    client = login(bob)
    client.post(reverse("team_switch"), {"team": other_team.pk})
    content = json.dumps(export_broadcast(example)).encode()
    client.post(reverse("broadcast_import"), {"file": upload(content)})
    assert Broadcast.objects.filter(team=other_team, title=example.title).count() == 1
