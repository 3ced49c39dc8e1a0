"""Every URL of the project: how to call it, and what each persona must get back.

tests/test_isolation.py checks that this registry names exactly the URL patterns of the project,
then walks it as every persona; tests/test_csrf.py and tests/e2e/test_csp_sweep.py reuse it.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from stage.accounts import Invitation
from stage.broadcasts import Broadcast, Status
from stage.checklists.adspend import AdPlan
from stage.checklists.forms import AdPlanForm
from stage.checklists.registry import CHECKLIST_BY_LETTER
from stage.comments import Comment, Kind, Notification
from stage.demo import add_example_cues, fill_example_show
from stage.forms import BroadcastForm
from stage.library import CatalogueItem
from stage.sharing import ShareLink
from stage.showtemplates import ShowTemplate
from stage.teams import Membership, Role, Team
from stage.transfer import export_broadcast
from stage.views.history import ROW_MODELS as HISTORY_MODELS
from tests.factories import make_broadcast, make_member, make_user

LETTERS = "TASGE"
# Namespaces Django guards itself (the admin asks for staff); tested on their own.
SKIPPED_NAMESPACES = {"admin"}

# Outcomes.
OK = "2xx or 3xx"
OK200 = "200"
LOGIN = "redirect to /login/"
FORBIDDEN = "403"
NOT_FOUND = "404"

# Persona -> the conftest fixture that is that persona (anonymous: nobody logged in).
PERSONAS = {
    "anonymous": None,
    "outsider": "charlie",
    "viewer": "vera",
    "editor": "bob",
    "owner": "alice",
}


@dataclass(frozen=True)
class Access:
    """The outcome each persona must get from one method of one URL."""

    anonymous: str
    outsider: str
    viewer: str
    editor: str
    owner: str

    def of(self, persona: str) -> str:
        return getattr(self, persona)

    @property
    def is_public(self) -> bool:
        return self.anonymous != LOGIN


# A broadcast's pages and writes: outsiders 404, viewers read only.
READ = Access(LOGIN, NOT_FOUND, OK200, OK, OK)
WRITE = Access(LOGIN, NOT_FOUND, FORBIDDEN, OK, OK)
# The current team's pages: everybody has a team of their own (the outsider too).
TEAM_READ = Access(LOGIN, OK200, OK200, OK, OK)
TEAM_WRITE = Access(LOGIN, OK, FORBIDDEN, OK, OK)
# Team administration: owners only. Adding acts on one's own team (the outsider owns one);
# a membership of another team is 404.
OWNER_ONLY = Access(LOGIN, OK, FORBIDDEN, FORBIDDEN, OK)
OWNER_OF_MEMBER = Access(LOGIN, NOT_FOUND, FORBIDDEN, FORBIDDEN, OK)
SIGNED_IN = Access(LOGIN, OK, OK, OK, OK)
# Comments and sign-off requests: every member of the broadcast's team, viewers included, even
# on a locked broadcast (they change no plan).
MEMBER = Access(LOGIN, NOT_FOUND, OK, OK, OK)
# One person's own notification: nobody else's to open (see of_notification).
OWN = Access(LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, OK)
PUBLIC = Access(OK, OK, OK, OK, OK)
SHARED = Access(OK200, OK200, OK200, OK200, OK200)


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


def signup_data(world, letter=None) -> dict:
    """A new person each time: usernames are unique."""
    name = f"new{get_user_model().objects.count()}"
    account = {"username": name, "email": f"{name}@example.com"}
    passwords = {"password1": "a long pass phrase 7", "password2": "a long pass phrase 7"}
    return account | passwords | {"team-name": "Shop", "team-time_zone": "Asia/Shanghai"}


def of_template(world, variant):
    return {"template_id": world.template.pk}


def of_library_item(world, variant):
    item, _created = CatalogueItem.objects.get_or_create(
        team=world.team, sku="HA-30", defaults={"name": "玻尿酸精华", "list_price": 299}
    )
    return {"item_id": item.pk}


def library_item_data(world, letter=None) -> dict:
    return {"name": "玻尿酸精华", "spec": "30ml", "sku": "HA-30", "list_price": "299", "stock": "0"}


def library_new_data(world, letter=None) -> dict:
    """A new SKU each time: one library product per SKU."""
    n = CatalogueItem.objects.count()
    return {"name": f"新品 {n}", "sku": f"NEW-{n}", "list_price": "59", "stock": "10"}


def library_sheet_data(world, letter=None) -> dict:
    sheet = "商品名称,货号,原价,库存\n坚果礼盒,NUT-1,168,1500\n".encode()
    return {"sheet": SimpleUploadedFile("catalogue.csv", sheet, "text/csv")}


def draw_data(world, letter=None) -> dict:
    return {"items": [of_library_item(world, None)["item_id"]]}


def of_trashed(world, variant):
    return {"pk": world.trashed.pk}


# POST bodies that succeed for a member allowed to write.


def form_data(form) -> dict:
    """What the browser would post for a form as rendered: every field's shown value."""
    data = {}
    for bound in form:
        widget = bound.field.widget
        value = widget.format_value(bound.value())
        if isinstance(value, list) and not getattr(widget, "allow_multiple_selected", False):
            value = value[0] if value else ""
        data[bound.html_name] = "" if value is None else value
    return data


def row_form(world, letter: str, *, prefix: str):
    checklist = CHECKLIST_BY_LETTER[letter]
    return checklist.form(instance=world.row(letter), broadcast=world.broadcast, prefix=prefix)


def broadcast_data(world, letter=None) -> dict:
    return {**form_data(BroadcastForm(instance=world.broadcast)), "title": "Changed title"}


def new_broadcast_data(world, letter=None) -> dict:
    data = form_data(BroadcastForm(instance=world.broadcast))
    return {**{k: v for k, v in data.items() if k != "version"}, "title": "A new show"}


def import_data(world, letter=None) -> dict:
    text = json.dumps(export_broadcast(world.broadcast), ensure_ascii=False)
    return {"file": SimpleUploadedFile("show.json", text.encode(), "application/json")}


def sheet_data(world, letter=None) -> dict:
    content = "环节,类型,时长,话术\n开场,暖场,10,欢迎\n".encode("utf-8-sig")
    return {"file": SimpleUploadedFile("直播脚本.csv", content, "text/csv")}


def ad_plan_data(world, letter=None) -> dict:
    plan = AdPlan.objects.get(broadcast=world.broadcast)
    return form_data(AdPlanForm(instance=plan, broadcast=world.broadcast, prefix="plan"))


def row_create_data(world, letter: str) -> dict:
    data = form_data(row_form(world, letter, prefix="add"))
    data.pop("add-version", None)
    if letter == "S":
        data["add-link_number"] = "99"
    return data


def row_update_data(world, letter: str) -> dict:
    return form_data(row_form(world, letter, prefix="edit"))


def reorder_data(world, letter: str) -> dict:
    return {"ids": [str(r.pk) for r in reversed(world.rows(letter))]}


ACTUALS = {
    "gmv": "250000",
    "uv": "50000",
    "pv": "90000",
    "orders": "2600",
    "buyers": "2400",
    "new_followers": "800",
    "avg_watch_seconds": "95",
    "ad_spend": "38000",
    "ad_gmv": "110000",
    "notes": "",
}


def set_status(status: str):
    def prepare(world):
        Broadcast.objects.filter(pk=world.broadcast.pk).update(status=status)

    return prepare


NEW_SHOW = {"title": "Next week", "scheduled_start": "2030-12-08T19:00"}


def stock_data(world, letter=None) -> dict:
    return {"product": world.rows("S")[0].pk, "released": "100", "sold": "0"}


def cue_data(world, letter=None) -> dict:
    segment = world.rows("T")[0]
    return {"add-segment": segment.pk, "add-offset": "2", "add-kind": "remind",
            "add-owner": "host", "add-note": "报一遍库存"}  # fmt: skip


def cue_update_data(world, letter=None) -> dict:
    cue = world.broadcast.cues.first()
    return {"edit-segment": cue.segment_id, "edit-offset": "1", "edit-kind": "remind",
            "edit-owner": "host", "edit-note": "再报一遍", "edit-version": cue.version}  # fmt: skip


def signoff_request_data(world, letter=None) -> dict:
    """Asks sam, an editor who is none of the personas, so that any of them may ask."""
    sam = get_user_model().objects.filter(username="sam").first()
    if sam is None:
        sam = make_user("sam")
        make_member(world.team, sam, role=Role.EDITOR)
    return {"member": str(sam.pk), "note": "请在 18:00 前签核"}


def constant(data: dict):
    return lambda world, letter=None: dict(data)


@dataclass(frozen=True)
class Route:
    kwargs: Callable = no_kwargs
    get: Access | None = None
    post: Access | None = None
    data: Callable | None = None
    prepare: Callable | None = None
    # Sent as htmx, where the view answers differently (a refused live step: 422, not a redirect).
    htmx: bool = False

    @property
    def variants(self) -> list:
        """What the URL is walked for: each letter, each model with a history, or once."""
        if self.kwargs in (of_letter, of_row):
            return list(LETTERS)
        if self.kwargs is of_history:
            return list(HISTORY_MODELS)
        return [None]


REGISTRY: dict[str, Route] = {
    # Broadcasts.
    "broadcast_list": Route(get=TEAM_READ),
    "broadcast_new": Route(get=TEAM_WRITE, post=TEAM_WRITE, data=new_broadcast_data),
    "broadcast_import": Route(get=TEAM_WRITE, post=TEAM_WRITE, data=import_data),
    "shows_import": Route(get=TEAM_WRITE, post=TEAM_WRITE, data=sheet_data),
    "broadcast_detail": Route(of_broadcast, get=READ),
    "broadcast_edit": Route(of_broadcast, get=WRITE, post=WRITE, data=broadcast_data),
    "broadcast_delete": Route(of_broadcast, get=WRITE, post=WRITE),
    "broadcast_json": Route(of_broadcast, get=READ),
    "broadcast_ready": Route(of_broadcast, post=WRITE),
    "broadcast_duplicate": Route(of_broadcast, get=WRITE, post=WRITE, data=constant(NEW_SHOW)),
    "broadcast_lock": Route(
        of_broadcast, post=WRITE, data=constant({"locked": "1"}), prepare=set_status(Status.DONE)
    ),
    # History, templates and the trash.
    "broadcast_history": Route(of_broadcast, get=READ),
    # The pulse: any member; POST is "I left this page" (204).
    "broadcast_pulse": Route(of_broadcast, get=READ, post=Access(LOGIN, NOT_FOUND, OK, OK, OK)),
    "history_restore": Route(of_history, post=WRITE),
    "template_save": Route(of_broadcast, post=WRITE, data=constant({"name": "Evening template"})),
    "template_list": Route(get=TEAM_READ),
    "template_use": Route(of_template, get=WRITE, post=WRITE, data=constant(NEW_SHOW)),
    "template_delete": Route(of_template, post=WRITE),
    "trash": Route(get=TEAM_READ),
    "week": Route(get=TEAM_READ),
    # The product library.
    "library": Route(get=TEAM_READ, post=TEAM_WRITE, data=library_new_data),
    "library_import": Route(post=TEAM_WRITE, data=library_sheet_data),
    "library_item": Route(of_library_item, get=WRITE, post=WRITE, data=library_item_data),
    "library_delete": Route(of_library_item, post=WRITE),
    "lineup_draw": Route(of_broadcast, get=WRITE, post=WRITE, data=draw_data),
    "trash_restore": Route(of_trashed, post=WRITE),
    # Run-sheet and review.
    "runsheet": Route(of_broadcast, get=READ),
    "runsheet_pdf": Route(of_broadcast, get=READ),
    "runsheet_xlsx": Route(of_broadcast, get=READ),
    "runsheet_csv": Route(of_broadcast, get=READ),
    "actuals_edit": Route(
        of_broadcast, get=WRITE, post=WRITE, data=constant(ACTUALS), prepare=set_status(Status.DONE)
    ),
    "review": Route(of_broadcast, get=READ),
    "review_conclusions": Route(
        of_broadcast,
        post=WRITE,
        data=constant({"verdict": "keep"}),
        prepare=set_status(Status.DONE),
    ),
    "next_show": Route(of_broadcast, get=WRITE, post=WRITE, data=constant(NEW_SHOW)),
    "review_pdf": Route(of_broadcast, get=READ),
    "review_xlsx": Route(of_broadcast, get=READ),
    # On air.
    "live_operator": Route(of_broadcast, get=READ),
    "live_control": Route(
        of_broadcast,
        post=WRITE,
        data=constant({"action": "start", "early": "1"}),
        prepare=set_status(Status.READY),
        htmx=True,
    ),
    "live_screen": Route(of_broadcast, get=READ),
    "live_cue_done": Route(of_cue, post=WRITE, htmx=True),
    "live_message": Route(of_broadcast, post=WRITE, data=constant({"text": "加快节奏"}), htmx=True),
    "live_stock": Route(of_broadcast, post=WRITE, data=stock_data, htmx=True),
    # The control room's cue list.
    "cue_list": Route(of_broadcast, get=READ, post=WRITE, data=cue_data),
    "cues_generate": Route(of_broadcast, post=WRITE),
    "cue_update": Route(of_cue, post=WRITE, data=cue_update_data),
    "cue_delete": Route(of_cue, post=WRITE),
    "live_phone": Route(of_broadcast, get=READ),
    # Share links.
    "share_links": Route(
        of_broadcast, get=WRITE, post=WRITE, data=constant({"label": "Crew", "days": "1"})
    ),
    "share_revoke": Route(of_link, post=WRITE),
    "shared_runsheet": Route(of_token, get=SHARED),
    "shared_runsheet_pdf": Route(of_token, get=SHARED),
    "shared_screen": Route(of_token, get=SHARED),
    "shared_phone": Route(of_token, get=SHARED),
    # The five checklists.
    "checklist": Route(of_letter, get=READ),
    "ad_plan_save": Route(of_broadcast, post=WRITE, data=ad_plan_data),
    "row_create": Route(of_letter, post=WRITE, data=row_create_data),
    "row_update": Route(of_row, post=WRITE, data=row_update_data),
    "row_delete": Route(of_row, post=WRITE),
    "carried_dismiss": Route(of_segment, post=WRITE),
    "row_move": Route(of_row, post=WRITE, data=constant({"direction": "down"})),
    "reorder": Route(of_letter, post=WRITE, data=reorder_data),
    "signoff": Route(of_letter, post=WRITE),
    # Comments, sign-off requests and notifications.
    "comments": Route(
        of_broadcast, get=READ, post=MEMBER, data=constant({"body": "@tess 主播话术再看一下"})
    ),
    "comment_resolve": Route(of_comment, post=MEMBER),
    "signoff_request": Route(of_letter, get=MEMBER, post=MEMBER, data=signoff_request_data),
    "notifications": Route(get=SIGNED_IN),
    "notifications_read": Route(post=SIGNED_IN),
    "notification_open": Route(of_notification, post=OWN),
    "segments_import": Route(of_broadcast, get=WRITE, post=WRITE, data=sheet_data),
    # Teams.
    "team_detail": Route(get=TEAM_READ),
    "presets_save": Route(post=OWNER_ONLY, data=constant({"lines": "加快节奏\n上链接"})),
    "member_role": Route(of_member, post=OWNER_OF_MEMBER, data=constant({"role": Role.EDITOR})),
    "member_remove": Route(of_member, post=OWNER_OF_MEMBER),
    "member_hand_over": Route(of_member, post=OWNER_OF_MEMBER),
    "team_leave": Route(post=SIGNED_IN),
    "profile": Route(
        get=SIGNED_IN, post=SIGNED_IN, data=constant({"first_name": "Lu", "language": "zh-hans"})
    ),
    "team_switch": Route(post=SIGNED_IN, data=lambda world, letter=None: {"team": world.team.pk}),
    "team_new": Route(
        get=SIGNED_IN,
        post=SIGNED_IN,
        data=constant({"name": "Second shop", "time_zone": "Asia/Shanghai"}),
    ),
    # Accounts and language.
    "login": Route(get=PUBLIC, post=PUBLIC, data=constant({"username": "tess", "password": "pw"})),
    "logout": Route(post=SIGNED_IN),
    "signup": Route(get=PUBLIC, post=PUBLIC, data=signup_data),
    "invitation": Route(of_invitation_token, get=PUBLIC, post=PUBLIC, data=signup_data),
    "invite_create": Route(
        post=OWNER_ONLY, data=constant({"invite-email": "", "invite-role": Role.EDITOR})
    ),
    "invite_revoke": Route(of_invitation, post=OWNER_OF_MEMBER),
    "password_reset": Route(get=PUBLIC, post=PUBLIC, data=constant({"email": "a@example.com"})),
    "password_reset_done": Route(get=PUBLIC),
    "password_reset_confirm": Route(
        constant({"uidb64": "MQ", "token": "not-a-token"}),
        get=PUBLIC,
        post=PUBLIC,
        data=constant({"new_password1": "x", "new_password2": "x"}),
    ),
    "password_reset_complete": Route(get=PUBLIC),
    "password_change": Route(
        get=SIGNED_IN, post=SIGNED_IN, data=constant({"old_password": "wrong"})
    ),
    "password_change_done": Route(get=SIGNED_IN),
    "set_language": Route(post=PUBLIC, data=constant({"language": "en", "next": "/"})),
}


@dataclass(frozen=True)
class Case:
    """One request of the walk: a URL name, a letter (or model) when the URL has one, a method."""

    name: str
    variant: str | None
    method: str

    @property
    def route(self) -> Route:
        return REGISTRY[self.name]

    @property
    def access(self) -> Access:
        return getattr(self.route, self.method)

    @property
    def id(self) -> str:
        return "-".join(p for p in (self.name, self.variant, self.method) if p)

    def prepare(self, world: World) -> None:
        """What must hold before the request; also builds the URL once (see of_history)."""
        if self.route.prepare:
            self.route.prepare(world)
        self.path(world)

    def path(self, world: World) -> str:
        return reverse(self.name, kwargs=self.route.kwargs(world, self.variant))

    def data(self, world: World) -> dict:
        return self.route.data(world, self.variant) if self.route.data else {}

    def request(self, client, world: World, data: dict | None = None, **extra):
        """Sends the request; a POST sends `data`, or else the route's successful body."""
        headers = {**({"HX-Request": "true"} if self.route.htmx else {}), **extra}
        path = self.path(world)
        if self.method == "get":
            return client.get(path, headers=headers)
        return client.post(path, self.data(world) if data is None else data, headers=headers)


def cases(*, method: str | None = None) -> list[Case]:
    found = []
    for name, route in REGISTRY.items():
        for variant in route.variants:
            for verb in ("get", "post"):
                if getattr(route, verb) is not None and method in (None, verb):
                    found.append(Case(name, variant, verb))
    return found


def url_patterns(patterns=None, namespaces=()) -> list[tuple[tuple[str, ...], URLPattern]]:
    """Every URL pattern of the project, with the namespaces it sits in."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            found += url_patterns(pattern.url_patterns, (*namespaces, pattern.namespace or ""))
        else:
            found.append((namespaces, pattern))
    return found


def project_url_names() -> set[str]:
    return {
        p.name
        for namespaces, p in url_patterns()
        if not SKIPPED_NAMESPACES.intersection(namespaces)
    }


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
