"""Forms of the comment threads and of sign-off requests."""

from django import forms
from django.utils.translation import gettext_lazy as _

from stage.accounts import display_name
from stage.comments import MAX_BODY, Comment


class CommentForm(forms.ModelForm):
    """A comment; `mention` names a member by the name people see (the datalist offers them),
    and puts "@name" before the text unless the text already mentions them."""

    mention = forms.CharField(
        label=_("Mention"),
        required=False,
        max_length=150,
        help_text=_("Start typing a team member's name, or write @name in the comment."),
    )

    class Meta:
        model = Comment
        fields = ["body"]
        labels = {"body": _("Comment")}
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "body": {
                "required": _("Write something first."),
                "max_length": _(
                    "A comment has at most %(limit_value)d characters (this one has "
                    "%(show_value)d)."
                ),
            }
        }

    def __init__(self, *args, users=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.users = list(users)
        self.fields["mention"].widget.attrs.update(list="team-members", autocomplete="off")

    def clean_mention(self):
        name = self.cleaned_data["mention"].strip().removeprefix("@").strip()
        if not name:
            return None
        wanted = name.casefold()
        for user in self.users:
            if wanted in (display_name(user).casefold(), user.username.casefold()):
                return user
        raise forms.ValidationError(
            _("Nobody in the team is called %(name)s."), params={"name": name}
        )

    def clean(self):
        cleaned = super().clean()
        user, body = cleaned.get("mention"), cleaned.get("body")
        if user and body is not None:
            names = {display_name(user).casefold(), user.username.casefold()}
            if not any(f"@{name}" in body.casefold() for name in names):
                body = f"@{display_name(user)} {body}"
                if len(body) > MAX_BODY:
                    message = self.fields["body"].error_messages["max_length"]
                    params = {"limit_value": MAX_BODY, "show_value": len(body)}
                    self.add_error("body", forms.ValidationError(message, params=params))
                else:
                    cleaned["body"] = body
        return cleaned


class SignoffRequestForm(forms.Form):
    """Whom to ask to sign off a letter (a member who may sign off, not oneself) and a note."""

    member = forms.TypedChoiceField(label=_("Ask"), coerce=int)
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

    def __init__(self, *args, members=(), asking=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.users = {m.user_id: m.user for m in members if m.can_write}
        self.asking = asking
        self.fields["member"].choices = [(pk, display_name(u)) for pk, u in self.users.items()]
        self.fields["member"].error_messages["invalid_choice"] = _(
            "Choose a member of the team who may sign off."
        )

    def clean_member(self):
        pk = self.cleaned_data["member"]
        if self.asking is not None and pk == self.asking.pk:
            raise forms.ValidationError(_("Ask someone else: you may sign off yourself."))
        return self.users[pk]
