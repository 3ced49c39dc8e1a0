"""Markup in every text field of a row and of the broadcast: saved as typed, shown escaped
wherever it appears."""

import pytest
from django.db import models
from django.urls import reverse

from stage.checklists.registry import CHECKLIST_BY_LETTER
from tests.hostile import ESCAPED_SCRIPT, MARKUP, RAW_MARKUP
from tests.registry import LETTERS
from tests.registry_data import broadcast_data, row_update_data
from tests.registry_world import build_world


def text_fields(form) -> list[str]:
    """The form's free-text fields: markup in them is valid input."""
    model_fields = {f.name: f for f in form._meta.model._meta.get_fields()}
    return [
        name
        for name in form.fields
        if isinstance(model_fields.get(name), models.CharField | models.TextField)
        and not model_fields[name].choices
        and not isinstance(model_fields[name], models.URLField)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("letter", LETTERS)
def test_markup_in_every_text_field_of_a_row_is_shown_escaped(
    fast_passwords, login, alice, team, letter
):
    world = build_world(team)
    client = login(alice)
    row = world.row(letter)
    form = CHECKLIST_BY_LETTER[letter].form(instance=row, broadcast=world.broadcast, prefix="edit")
    fields = text_fields(form)
    assert fields, f"{letter} has no text field"
    data = row_update_data(world, letter)
    for name in fields:
        data[f"edit-{name}"] = MARKUP[0]
    url = reverse("row_update", args=[world.broadcast.pk, letter, row.pk])
    assert client.post(url, data).status_code == 302
    row.refresh_from_db()
    assert all(getattr(row, name) == MARKUP[0] for name in fields)

    checklist = client.get(reverse("checklist", args=[world.broadcast.pk, letter])).content.decode()
    runsheet = client.get(reverse("runsheet", args=[world.broadcast.pk])).content.decode()
    assert ESCAPED_SCRIPT in checklist
    assert ESCAPED_SCRIPT in runsheet
    pages = [checklist, runsheet]
    for name in ("broadcast_detail", "live_operator", "live_screen", "live_phone", "review"):
        pages.append(client.get(reverse(name, args=[world.broadcast.pk])).content.decode())
    pages.append(client.get(reverse("shared_runsheet", args=[world.link.token])).content.decode())
    for page in pages:
        assert not RAW_MARKUP.search(page)


@pytest.mark.django_db
def test_markup_in_the_broadcast_is_shown_escaped(fast_passwords, login, alice, team):
    world = build_world(team)
    client = login(alice)
    data = {**broadcast_data(world), "title": MARKUP[0], "hosts": MARKUP[1], "notes": MARKUP[2]}
    data["account"] = MARKUP[3]
    assert (
        client.post(reverse("broadcast_edit", args=[world.broadcast.pk]), data).status_code == 302
    )
    pk = world.broadcast.pk
    for url in [
        reverse("broadcast_list"),
        reverse("broadcast_detail", args=[pk]),
        reverse("runsheet", args=[pk]),
        reverse("checklist", args=[pk, "T"]),
        reverse("live_operator", args=[pk]),
        reverse("review", args=[pk]),
        reverse("share_links", args=[pk]),
        reverse("shared_runsheet", args=[world.link.token]),
        reverse("shared_screen", args=[world.link.token]),
    ]:
        page = client.get(url).content.decode()
        assert not RAW_MARKUP.search(page), url
        assert ESCAPED_SCRIPT in page, url
