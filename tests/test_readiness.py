"""Readiness: a show can be ready once every letter is signed off and no rule finds an error;
warnings do not block it."""

import pytest

from stage.broadcasts import Broadcast, Status
from stage.checklists.lineup import ProductRole
from stage.checklists.registry import CHECKLIST_BY_LETTER
from stage.checklists.signoff import SignOff
from stage.demo import fill_example_show
from stage.plan import LETTERS, load_plan
from tests.check_helpers import product, segment
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def sign(broadcast, user, letters):
    for letter in letters:
        SignOff.objects.create(broadcast=broadcast, letter=letter, user=user)


def test_the_example_show_can_be_ready_once_every_letter_is_signed(broadcast):
    fill_example_show(broadcast)
    user = make_user("signer")
    sign(broadcast, user, LETTERS[:-1])
    plan = load_plan(broadcast)
    assert set(plan.signoffs) == {"T", "A", "S", "G"}
    assert not plan.can_be_ready
    sign(broadcast, user, LETTERS[-1:])
    assert load_plan(broadcast).can_be_ready


def test_errors_keep_a_fully_signed_show_from_being_ready(broadcast):
    segment(broadcast, minutes=180)
    signer = make_user("signer")
    sign(broadcast, signer, LETTERS)
    plan = load_plan(broadcast)
    # The lineup is empty: an error in S only.
    assert plan.has_errors()
    assert plan.has_errors("S")
    assert not plan.has_errors("T")
    assert not plan.has_errors("A")
    assert not plan.can_be_ready
    product(broadcast, role=ProductRole.HERO)
    # Adding the product was an edit of S: its sign-off no longer holds, and is given again.
    assert "S" not in load_plan(broadcast).signoffs
    sign(broadcast, signer, ["S"])
    plan = load_plan(broadcast)
    assert not plan.has_errors()
    assert plan.can_be_ready


def test_warnings_do_not_block_readiness(broadcast):
    segment(broadcast, minutes=200, host_lines="全网最低价")
    product(broadcast, role=ProductRole.TRAFFIC)
    sign(broadcast, make_user("signer"), LETTERS)
    plan = load_plan(broadcast)
    assert {f.letter for f in plan.findings} == {"T", "S"}
    assert all(not f.is_error for f in plan.findings)
    assert plan.can_be_ready


def test_an_empty_show_has_errors_in_t_and_s(broadcast):
    plan = load_plan(broadcast)
    assert [(f.letter, f.level) for f in plan.findings] == [("T", "error"), ("S", "error")]
    assert plan.has_errors("T") and plan.has_errors("S")
    assert not plan.has_errors("G")
    assert not plan.can_be_ready


@pytest.mark.parametrize("letter", LETTERS)
def test_saving_or_deleting_a_row_anywhere_is_an_edit_of_its_letter(broadcast, letter):
    """The model keeps the rule (PlanRow), not each view: a draft's sign-off goes, the version
    that keys the kept pages moves."""
    fill_example_show(broadcast)
    signer = make_user("signer")
    row = CHECKLIST_BY_LETTER[letter].model.objects.filter(broadcast=broadcast).first()
    for write in (row.save, row.delete):
        sign(broadcast, signer, [letter])
        version = Broadcast.objects.get(pk=broadcast.pk).live_version
        write()
        assert letter not in load_plan(broadcast).signoffs
        assert Broadcast.objects.get(pk=broadcast.pk).live_version > version


def test_on_a_ready_show_a_row_save_marks_the_sign_off_changed(broadcast):
    fill_example_show(broadcast)
    sign(broadcast, make_user("signer"), ["S"])
    Broadcast.objects.filter(pk=broadcast.pk).update(status=Status.READY)
    broadcast.refresh_from_db()
    product = broadcast.products.first()
    product.live_price -= 10
    product.save()
    signoff = SignOff.objects.get(broadcast=broadcast, letter="S")
    assert signoff.changed_at is not None
    assert Broadcast.objects.get(pk=broadcast.pk).status == Status.READY
