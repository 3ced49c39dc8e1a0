"""Comments on a row of a checklist or on the broadcast, @mentions of team members, and the
notifications (mentions and sign-off requests) that reach people in the app and, if they chose
so, by mail.

Everything lives in the database: any app server answers any request, and a mail leaves only
once the comment or request that caused it is committed.
"""

import re
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stage.accounts import Profile, display_name
from stage.broadcasts import Broadcast
from stage.checklists.registry import CHECKLIST_BY_LETTER
from stage.teams import Membership, Team

MAX_BODY = 2000
# A row's title as it reads in a notification: the relations its __str__ follows.
ROW_RELATED = {"G": ["prize_product"]}


class Comment(models.Model):
    """One comment, anchored to a row of a checklist (letter and row id) or to the broadcast
    itself (no letter). Resolving closes it; the row's count shows the open ones."""

    broadcast = models.ForeignKey(Broadcast, models.CASCADE, related_name="comments")
    letter = models.CharField(max_length=1, blank=True)
    row_id = models.PositiveIntegerField(null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="comments"
    )
    body = models.TextField(gettext_lazy("comment"), max_length=MAX_BODY)
    created = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    mentions = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="mentioned_in"
    )

    class Meta:
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["broadcast", "letter", "row_id", "created"])]
        verbose_name = gettext_lazy("comment")
        verbose_name_plural = gettext_lazy("comments")

    def __str__(self):
        return f"{self.broadcast} {self.letter}{self.row_id or ''}: {self.body[:40]}"

    def resolve(self, user) -> None:
        """Closed by `user`; resolving a closed comment changes nothing."""
        Comment.objects.filter(pk=self.pk, resolved_at=None).update(
            resolved_at=timezone.now(), resolved_by=user
        )

    def reopen(self) -> None:
        Comment.objects.filter(pk=self.pk).update(resolved_at=None, resolved_by=None)


class Kind(models.TextChoices):
    MENTION = "mention", gettext_lazy("Mention")
    REQUEST = "request", gettext_lazy("Sign-off request")


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, request):
        """The user's own, of broadcasts in use in the teams they are still in."""
        team_ids = [m.team_id for m in getattr(request, "memberships", [])]
        return self.filter(
            user=request.user, broadcast__team__in=team_ids, broadcast__deleted_at=None
        )

    def unread(self):
        return self.filter(read_at=None)


class Notification(models.Model):
    """Something for one person: a mention in a comment, or a request to sign off a letter.
    What it is about is kept as it read then (`about`), so a list renders in one query."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    broadcast = models.ForeignKey(Broadcast, models.CASCADE, related_name="notifications")
    comment = models.ForeignKey(Comment, models.CASCADE, null=True, blank=True)
    kind = models.CharField(max_length=10, choices=Kind)
    letter = models.CharField(max_length=1, blank=True)
    row_id = models.PositiveIntegerField(null=True, blank=True)
    about = models.CharField(max_length=300, blank=True)
    note = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(fields=["user", "-created"]),
        ]

    def __str__(self):
        return f"{self.user} · {self.kind} · {self.about}"

    def get_absolute_url(self) -> str:
        if self.kind == Kind.REQUEST:
            return reverse("checklist", args=[self.broadcast_id, self.letter])
        url = Anchor(self.letter, self.row_id).url(self.broadcast_id)
        return f"{url}#comment-{self.comment_id}" if self.comment_id else url

    def describe(self) -> str:
        """One line in the current language: "小鹿 mentioned you on S · #2 Serum"."""
        who = display_name(self.actor) or _("Someone")
        if self.kind == Kind.REQUEST:
            return _("%(who)s asks you to sign off %(letter)s · %(checklist)s") % {
                "who": who,
                "letter": self.letter,
                "checklist": CHECKLIST_BY_LETTER[self.letter].name,
            }
        return _("%(who)s mentioned you on %(where)s") % {"who": who, "where": self.about}


@dataclass(frozen=True)
class Anchor:
    """Where a thread hangs: a row of a checklist, or the broadcast (no letter)."""

    letter: str = ""
    row_id: int | None = None
    title: str = ""

    @property
    def param(self) -> str:
        """The ?on= value: "S-12", or "" for the broadcast."""
        return f"{self.letter}-{self.row_id}" if self.letter else ""

    def url(self, broadcast_id: int) -> str:
        url = reverse("comments", args=[broadcast_id])
        return f"{url}?on={self.param}" if self.letter else url

    def row_url(self, broadcast_id: int) -> str:
        """The page the thread is about: the checklist at its row, or the broadcast."""
        if not self.letter:
            return reverse("broadcast_detail", args=[broadcast_id])
        return reverse("checklist", args=[broadcast_id, self.letter]) + f"#row-{self.row_id}"


ANCHOR = re.compile(r"([TASGE])-([0-9]{1,10})")


def get_anchor(broadcast: Broadcast, on: str) -> Anchor:
    """The anchor of `?on=`: "" for the broadcast, "S-12" for row 12 of S if it is a row of
    this broadcast's S; 404 otherwise."""
    if not on:
        return Anchor(title=broadcast.title)
    match = ANCHOR.fullmatch(on)
    if match is None:
        raise Http404("No such row.")
    letter, row_id = match[1], int(match[2])
    rows = CHECKLIST_BY_LETTER[letter].model.objects.filter(broadcast=broadcast, pk=row_id)
    if letter in ROW_RELATED:
        rows = rows.select_related(*ROW_RELATED[letter])
    row = rows.first()
    if row is None:
        raise Http404("No such row.")
    return Anchor(letter, row_id, f"{letter} · {row}")


def comment_counts(broadcast: Broadcast) -> dict[tuple[str, int | None], int]:
    """Open comments by anchor, in one query: {("S", 12): 2, ("", None): 1} (the broadcast's
    own thread is ("", None))."""
    open_ones = Comment.objects.filter(broadcast=broadcast, resolved_at=None).order_by()
    counts = open_ones.values_list("letter", "row_id").annotate(n=models.Count("pk"))
    return {(letter, row_id): n for letter, row_id, n in counts}


def team_members(team: Team) -> list[Membership]:
    """The team's memberships with their users, by the name people see."""
    members = Membership.objects.filter(team=team).select_related("user").order_by()
    return sorted(members, key=lambda m: display_name(m.user).casefold())


WORD = re.compile(r"\w", re.ASCII)


def find_mentions(body: str, users) -> list:
    """The users named after an @ in `body`, by the name people see or their username. The
    longest name wins (@Bob Li before @Bob), and a shown name before an equal username. A Latin
    name must end at a word's end (@bobby is not @bob); a Chinese one may run into the text
    (@小鹿请看). An @ inside a word is an email address, not a mention."""
    shown = [(display_name(user).casefold(), 0, user) for user in users]
    usernames = [(user.username.casefold(), 1, user) for user in users]
    candidates = sorted(shown + usernames, key=lambda c: (-len(c[0]), c[1]))
    names = [(name, user) for name, _rank, user in candidates]
    text = body.casefold()
    found = {}
    for at in (i for i, char in enumerate(text) if char == "@"):
        if at and WORD.match(text[at - 1]):
            continue
        rest = text[at + 1 :]
        for name, user in names:
            after = rest[len(name) : len(name) + 1]
            if rest.startswith(name) and not (WORD.match(name[-1]) and WORD.match(after)):
                found.setdefault(user.pk, user)
                break
    return list(found.values())


def add_comment(broadcast, anchor: Anchor, author, body: str, users, *, site: str) -> Comment:
    """A comment; each member it mentions, but its author, is notified. `users` are the team's
    members; `site` (scheme and host) starts the links in mails."""
    comment = Comment.objects.create(
        broadcast=broadcast, letter=anchor.letter, row_id=anchor.row_id, author=author, body=body
    )
    mentioned = find_mentions(body, users)
    comment.mentions.set(mentioned)
    notify(
        [
            Notification(
                user=user,
                actor=author,
                broadcast=broadcast,
                comment=comment,
                kind=Kind.MENTION,
                letter=anchor.letter,
                row_id=anchor.row_id,
                about=anchor.title[:300],
                note=body[:300],
            )
            for user in mentioned
            if user.pk != author.pk
        ],
        site=site,
    )
    return comment


def request_signoff(broadcast, letter: str, by, to, note: str, *, site: str) -> Notification:
    """Asks `to` to sign off a letter of the broadcast."""
    [notification] = notify(
        [
            Notification(
                user=to,
                actor=by,
                broadcast=broadcast,
                kind=Kind.REQUEST,
                letter=letter,
                about=broadcast.title[:300],
                note=note,
            )
        ],
        site=site,
    )
    return notification


def notify(notifications: list[Notification], *, site: str) -> list[Notification]:
    """Saves the notifications; those whose person asked for mail are mailed once the
    transaction commits, each in its person's language."""
    if not notifications:
        return []
    Notification.objects.bulk_create(notifications)
    by_mail = Profile.objects.filter(
        user__in=[n.user_id for n in notifications], notify_by_email=True
    ).exclude(user__email="")
    languages = dict(by_mail.values_list("user_id", "language"))
    for notification in notifications:
        if notification.user_id in languages:
            language = languages[notification.user_id] or translation.get_language()
            mail = partial(send_notification_mail, notification, language, site)
            transaction.on_commit(mail, robust=True)
    return notifications


def send_notification_mail(notification: Notification, language: str, site: str) -> None:
    with translation.override(language):
        ctx = {
            "notification": notification,
            "link": site + notification.get_absolute_url(),
            "profile_link": site + reverse("profile"),
        }
        subject = render_to_string("emails/notification_subject.txt", ctx).strip()
        body = render_to_string("emails/notification.txt", ctx)
    to = [notification.user.email]
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to).send()


def unread_notifications(request) -> dict:
    """Context processor: the bell's count, counted only when a page shows it (one query)."""
    if not getattr(request, "memberships", None):
        return {"unread_notifications": 0}
    visible = Notification.objects.visible_to(request).unread()
    return {"unread_notifications": SimpleLazyObject(visible.count)}
