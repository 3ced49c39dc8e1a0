"""Site-wide guarantees: login required, strict CSP, both languages, demo data, deploy checks."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from stage.broadcasts import Broadcast
from stage.teams import Membership

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def test_everything_but_login_requires_login(client):
    assert client.get(reverse("broadcast_list"))["Location"].startswith("/login/")
    assert client.get(reverse("team_detail"))["Location"].startswith("/login/")
    assert client.get(reverse("login")).status_code == 200


def test_csp_header_is_present_and_strict(client):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"].startswith("'self' 'nonce-")
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp


def test_every_script_tag_carries_the_nonce(login, bob, broadcast):
    response = login(bob).get(reverse("broadcast_detail", args=[broadcast.pk]))
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    scripts = response.text.count("<script")
    assert scripts >= 2
    assert response.text.count(f'nonce="{nonce}"') == scripts
    assert 'style="' not in response.text


def test_only_the_checklist_pages_load_the_drag_library(login, bob, broadcast):
    client = login(bob)
    for letter in ("T", "E"):
        assert "Sortable.min" in client.get(reverse("checklist", args=[broadcast.pk, letter])).text
    for name in ("runsheet", "broadcast_detail", "live_phone"):
        assert "Sortable.min" not in client.get(reverse(name, args=[broadcast.pk])).text, name


def test_the_language_switch_changes_the_language(login, bob, broadcast):
    client = login(bob)
    assert "Broadcasts" in client.get(reverse("broadcast_list")).text
    response = client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert response.status_code == 302
    text = client.get(reverse("broadcast_list")).text
    assert "直播场次" in text
    assert 'lang="zh-hans"' in text
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Broadcasts" in client.get(reverse("broadcast_list")).text


def test_the_browser_language_is_honoured(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert "登录" in response.text


def test_the_language_switch_works_on_the_login_page(client):
    response = client.post(reverse("set_language"), {"language": "zh-hans", "next": "/login/"})
    assert response.status_code == 302
    assert "登录" in client.get(reverse("login")).text


def read_po(path: Path) -> list[tuple[str, str, str | None, bool]]:
    """(msgid, msgstr, context, is_plural) of each entry; plurals give their first form."""
    pairs, key, parts = [], None, {}
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith(("msgctxt ", "msgid ", "msgid_plural ", "msgstr")):
            key = line.split(" ", 1)[0]
            parts[key] = ast.literal_eval(line.split(" ", 1)[1])
        elif line.startswith('"') and key:
            parts[key] += ast.literal_eval(line)
        elif not line.strip() and parts:
            msgstr = parts.get("msgstr", parts.get("msgstr[0]", ""))
            if parts.get("msgid"):
                pairs.append(
                    (parts["msgid"], msgstr, parts.get("msgctxt"), "msgid_plural" in parts)
                )
            key, parts = None, {}
    return pairs


def test_the_chinese_catalogue_is_complete_and_compiled():
    po = ROOT / "stage/locale/zh_Hans/LC_MESSAGES/django.po"
    assert "#, fuzzy" not in po.read_text(encoding="utf-8").split("\n\n", 1)[1]
    pairs = read_po(po)
    assert len(pairs) > 100
    assert [msgid for msgid, msgstr, _ctx, _plural in pairs if not msgstr] == []
    # The compiled .mo that Django reads has every entry (no stale catalogue).
    with translation.override("zh-hans"):
        stale = [
            m
            for m, s, ctx, plural in pairs
            if not plural and (translation.pgettext(ctx, m) if ctx else translation.gettext(m)) != s
        ]
    assert stale == []


@override_settings(DEBUG=True)
def test_seed_demo_is_idempotent():
    call_command("seed_demo")
    call_command("seed_demo")
    assert Membership.objects.filter(user__username="demo").count() == 1
    assert Broadcast.objects.filter(title="美妆 × 零食 晚间专场").count() == 1
    show = Broadcast.objects.get(title="美妆 × 零食 晚间专场")
    assert show.planned_minutes == 180
    assert str(show.gmv_target) == "300000.00"


@override_settings(DEBUG=True)
def test_the_demo_user_can_log_in_and_see_the_show(client):
    call_command("seed_demo")
    response = client.post(reverse("login"), {"username": "demo", "password": "demo"}, follow=True)
    assert "美妆 × 零食 晚间专场" in response.text


@override_settings(DEBUG=False)
def test_seed_demo_refuses_production_unless_asked():
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not Broadcast.objects.exists()
    call_command("seed_demo", allow_production=True)
    assert Broadcast.objects.exists()


def production_env(**values) -> dict:
    # The browser tests' async-unsafe switch must not leak into a production check.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {**env, **values}


def test_check_deploy_is_clean_with_production_values():
    env = production_env(
        **{
            "DEBUG": "false",
            "SECRET_KEY": "x" * 64 + "-a-long-random-production-secret-value",
            "ALLOWED_HOSTS": "stage.example.com",
        }
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env(DEBUG="false", SECRET_KEY="")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
