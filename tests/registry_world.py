"""The data the registry's walks run on: the `World` (the example show, a share link, a template,
a trashed show), the URL keyword arguments built from it, and a before/after `snapshot`."""

from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone

from stage.accounts import Invitation
from stage.broadcasts import Broadcast
from stage.checklists.registry import CHECKLIST_BY_LETTER
from stage.comments import Comment, Kind, Notification
from stage.demo import add_example_cues, fill_example_show
from stage.library import CatalogueItem
from stage.sharing import ShareLink
from stage.showtemplates import ShowTemplate
from stage.teams import Membership, Role, Team
from stage.transfer import export_broadcast
from stage.views.history import ROW_MODELS as HISTORY_MODELS
from tests.factories import make_broadcast, make_member, make_user


@dataclass
class World:
    """The data every walk needs: the example show of the team, a share link, a spare member,
    a team template and a broadcast in the trash."""

    team: Team
    broadcast: Broadcast
    link: ShareLink
    member: Membership
    template: ShowTemplate
    trashed: Broadcast

    def row(self, letter: str):
        return CHECKLIST_BY_LETTER[letter].model.objects.filter(broadcast=self.broadcast).first()

    def rows(self, letter: str) -> list:
        return list(CHECKLIST_BY_LETTER[letter].model.objects.filter(broadcast=self.broadcast))


def build_world(team: Team) -> World:
    broadcast = make_broadcast(team=team, title="美妆 × 零食 晚间专场")
    fill_example_show(broadcast)
    add_example_cues(broadcast)
    tess = make_user("tess")
    link = ShareLink.objects.create(
        broadcast=broadcast,
        created_by=tess,
        label="Studio B",
        expires_at=timezone.now() + timedelta(days=1),
    )
    template = ShowTemplate.objects.create(
        team=team, name="Evening show", document=export_broadcast(broadcast), created_by=tess
    )
    trashed = make_broadcast(team=team, title="Binned show", deleted_at=timezone.now())
    member = make_member(team, tess, role=Role.VIEWER)
    return World(team, broadcast, link, member, template, trashed)


# URL keyword arguments.


def no_kwargs(world, variant):
    return {}


def of_broadcast(world, variant):
    return {"pk": world.broadcast.pk}


def of_letter(world, letter):
    return {"pk": world.broadcast.pk, "letter": letter}


def of_row(world, letter):
    return {**of_letter(world, letter), "row_id": world.row(letter).pk}


def of_segment(world, variant):
    """A timing-script row: the kind that carries the last review's note."""
    return of_row(world, "T")


def of_history(world, model):
    """The latest history record of the first row of a model with a history."""
    row_model, _letter = HISTORY_MODELS[model]
    row = row_model.objects.filter(broadcast=world.broadcast).first()
    record = row.history.order_by("-history_id").first()
    if record is None:  # bulk-created rows have no history yet: one save records a version
        row.save()
        record = row.history.order_by("-history_id").first()
    return {"pk": world.broadcast.pk, "model": model, "history_id": record.history_id}


def of_link(world, variant):
    return {"pk": world.broadcast.pk, "link_id": world.link.pk}


def of_token(world, variant):
    return {"token": world.link.token}


def of_cue(world, variant):
    if not world.broadcast.cues.exists():
        add_example_cues(world.broadcast)
    return {"pk": world.broadcast.pk, "cue_id": world.broadcast.cues.first().pk}


def of_comment(world, variant):
    """A comment of tess (the spare viewer) on the broadcast, made when first asked for."""
    if not hasattr(world, "comment"):
        world.comment = Comment.objects.create(
            broadcast=world.broadcast, author=world.member.user, body="开场节奏再快一点？"
        )
    return {"pk": world.broadcast.pk, "comment_id": world.comment.pk}


def of_notification(world, variant):
    """A notification of the team's owner (alice, when the walk has her), else of tess: only
    its own person opens it."""
    if not hasattr(world, "notification"):
        owner = world.team.memberships.filter(role=Role.OWNER).first() or world.member
        world.notification = Notification.objects.create(
            user=owner.user, broadcast=world.broadcast, kind=Kind.REQUEST, letter="S"
        )
    return {"notification_id": world.notification.pk}


def of_member(world, variant):
    return {"pk": world.member.pk}


def an_invitation(world) -> tuple[Invitation, str]:
    """One open invitation of the team per walk (made when first asked for)."""
    if not hasattr(world, "invitation"):
        world.invitation = Invitation.make(world.team, Role.EDITOR, None, "new@example.com")
    return world.invitation


def of_invitation(world, variant):
    return {"pk": an_invitation(world)[0].pk}


def of_invitation_token(world, variant):
    return {"token": an_invitation(world)[1]}


def of_template(world, variant):
    return {"template_id": world.template.pk}


def of_library_item(world, variant):
    item, _created = CatalogueItem.objects.get_or_create(
        team=world.team, sku="HA-30", defaults={"name": "玻尿酸精华", "list_price": 299}
    )
    return {"item_id": item.pk}


def of_trashed(world, variant):
    return {"pk": world.trashed.pk}


def snapshot() -> dict:
    """Every row of every table of the app (history included), and the users: a before/after."""
    tables = {
        model._meta.label: sorted(
            (tuple(sorted(row.items())) for row in model.objects.values()), key=repr
        )
        for model in apps.get_app_config("stage").get_models()
    }
    tables["users"] = sorted(get_user_model().objects.values_list("username", flat=True))
    return tables
