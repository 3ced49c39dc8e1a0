"""Every URL of the project: how to call it, and what each persona must get back.

tests/test_isolation.py checks that this registry names exactly the URL patterns of the project,
then walks it as every persona; tests/test_csrf.py and tests/e2e/test_csp_sweep.py reuse it.
The data walked on and the URL kwargs are in tests/registry_world.py, the POST bodies in
tests/registry_data.py.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from stage.broadcasts import Status
from stage.checklists.registry import LETTERS
from stage.teams import Role
from stage.views.history import ROW_MODELS as HISTORY_MODELS
from tests.registry_data import (
    ACTUALS,
    NEW_SHOW,
    ad_plan_data,
    broadcast_data,
    constant,
    cue_data,
    cue_update_data,
    draw_data,
    import_data,
    library_item_data,
    library_new_data,
    library_sheet_data,
    new_broadcast_data,
    reorder_data,
    row_create_data,
    row_update_data,
    set_status,
    sheet_data,
    signoff_request_data,
    signup_data,
    stock_data,
)
from tests.registry_world import (
    World,
    no_kwargs,
    of_broadcast,
    of_comment,
    of_cue,
    of_history,
    of_invitation,
    of_invitation_token,
    of_letter,
    of_library_item,
    of_link,
    of_member,
    of_notification,
    of_row,
    of_segment,
    of_template,
    of_token,
    of_trashed,
)

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
