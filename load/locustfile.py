"""STAGE under load: a team planning one broadcast together (run it with load/run).

Each simulated member logs in through the real login form, then reads the hub, the five
checklists and the run-sheet, and edits timing rows in place as htmx does: it opens the row's
edit form (GET ?edit=<id> with HX-Request), takes a moment, and posts every field that form
rendered (the hidden edit-version included) with the X-CSRFToken header. A few rows are hot:
several members edit them at once. A save refused because someone else saved first (422 with a
form-level error and no field error) is a correct outcome: it counts as a conflict, not an error.

The app runs with DEBUG off, as in production. This client plays the TLS-terminating load
balancer (X-Forwarded-Proto: https, and the browser's Origin: https://host), so secure cookies,
the HTTPS redirect and strict CSRF checks stay on; its cookie jar sends the secure cookies over
the plain loopback connection, as the browser does over TLS.
Every request also goes to <csv prefix>_requests.csv, which load/report.py turns into tables.
"""

import csv
import itertools
import os
import random
import re
import time
from html.parser import HTMLParser
from http.cookiejar import DefaultCookiePolicy
from urllib.parse import urlencode, urlsplit

from locust import FastHttpUser, between, events, task
from locust.exception import StopUser

PASSWORD = os.environ.get("LOAD_PASSWORD", "load-test-password")
SEEDED_USERS = 50  # load01..load50, see stage/management/commands/seed_load.py
HOT_ROWS = int(os.environ.get("LOAD_HOT_ROWS", "3"))  # rows that several members edit at once
WAIT = (float(os.environ.get("LOAD_WAIT_MIN", "1")), float(os.environ.get("LOAD_WAIT_MAX", "4")))
TOKEN = re.compile(r'"x-csrftoken": "([^"]+)"')
FORM_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM = "application/x-www-form-urlencoded"
numbers = itertools.count()
requests: list[tuple] = []


class FormFields(HTMLParser):
    """The fields one form (found by its action) submits, in order, as a browser serialises it."""

    def __init__(self, action: str):
        super().__init__(convert_charrefs=True)
        self.action, self.inside, self.fields = action, False, []
        self.textarea = self.select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("action") == self.action
        elif not self.inside or ("disabled" in a and tag != "option"):
            return
        elif tag == "input" and a.get("name") and a.get("type") not in ("submit", "button"):
            if a.get("type") not in ("checkbox", "radio"):
                self.fields.append([a["name"], a.get("value") or ""])
            elif "checked" in a:
                self.fields.append([a["name"], a.get("value") or "on"])
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], ""]
            self.fields.append(self.textarea)
        elif tag == "select" and a.get("name"):
            self.select, self.options = (a["name"], "multiple" in a), []
        elif tag == "option" and self.select:
            self.options.append((a.get("value") or "", "selected" in a))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea is not None:
            # Browsers drop the newline right after <textarea> (Django writes one there).
            self.textarea[1] = self.textarea[1].removeprefix("\n")
            self.textarea = None
        elif tag == "select" and self.select:
            (name, multiple), chosen = self.select, [v for v, on in self.options if on]
            if not multiple and not chosen and self.options:
                chosen = [self.options[0][0]]
            self.fields += [[name, value] for value in chosen]
            self.select = None


class BehindTLS(DefaultCookiePolicy):
    def return_ok_secure(self, cookie, request):
        return True  # TLS ends at the (simulated) load balancer


class Member(FastHttpUser):
    """A logged-in member of the load-test team (abstract: the users below say what they do)."""

    abstract = True
    wait_time = between(*WAIT)
    default_headers = {"X-Forwarded-Proto": "https", "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"}

    def context(self) -> dict:
        return {"phase": self.phase}  # logging in, or at work: load/report.py splits on it

    def on_start(self):
        """Logs in through the form and opens the broadcast; a member who cannot, stops."""
        self.phase, self.token = "start", None
        self.username = f"load{next(numbers) % SEEDED_USERS + 1:02d}"
        self.origin = "https://" + urlsplit(self.host).netloc
        self.client.cookiejar.set_policy(BehindTLS())
        token = FORM_TOKEN.search(self.client.get("/login/", name="login page").text or "")
        post = {"username": self.username, "password": PASSWORD, "next": ""}
        with self.post(
            "/login/",
            [*post.items(), ("csrfmiddlewaretoken", token and token[1])],
            "login",
            allow_redirects=False,
        ) as r:
            if r.status_code != 302:
                r.failure(f"login as {self.username}: {r.status_code}, not the redirect")
                raise StopUser
        self.pk = re.search(r'href="/b/(\d+)/"', self.page("/", "broadcast list"))[1]
        self.rows = re.findall(r'<tr data-id="(\d+)"', self.page(f"/b/{self.pk}/T/", "checklist T"))
        self.phase = "work"

    def post(self, url: str, fields, name: str, headers=(), **kwargs):
        """A form post, as the browser sends it (Origin; htmx adds its headers)."""
        headers = {"Origin": self.origin, **dict(headers), "Content-Type": FORM}
        data = urlencode([tuple(field) for field in fields])
        return self.client.post(
            url, data=data, headers=headers, name=name, catch_response=True, **kwargs
        )

    def page(self, url: str, name: str) -> str:
        """A full page; it carries the CSRF token htmx sends (<body hx-headers>)."""
        with self.client.get(url, name=name, catch_response=True) as r:
            found = r.status_code == 200 and TOKEN.search(r.text)
            if not found:
                r.failure(f"{r.status_code}, or no CSRF token in the page")
                return ""
            self.token = found.group(1)
            return r.text


class TeamMember(Member):
    @task(3)
    def hub(self):
        self.page(f"/b/{self.pk}/", "hub")

    @task(5)
    def checklist(self):
        letter = random.choice("TASGE")
        self.page(f"/b/{self.pk}/{letter}/", f"checklist {letter}")

    @task(2)
    def runsheet(self):
        self.page(f"/b/{self.pk}/run-sheet/", "run-sheet")

    @task(3)
    def edit_any_row(self):
        self.edit(random.choice(self.rows))

    @task(2)
    def edit_hot_row(self):
        """The rows everyone touches: these saves collide."""
        self.edit(random.choice(self.rows[:HOT_ROWS]))

    def edit(self, row: str):
        sheet = f"/b/{self.pk}/T/"
        action = f"{sheet}rows/{row}/"
        htmx = {"HX-Request": "true", "HX-Target": "sheet", "HX-Current-URL": self.origin + sheet}
        with self.client.get(
            f"{sheet}?edit={row}", headers=htmx, name="row edit form", catch_response=True
        ) as r:
            parser = FormFields(action)
            parser.feed(r.text if r.status_code == 200 else "")
            if not parser.fields:
                return r.failure(f"{r.status_code}: no edit form for row {row}")
        time.sleep(random.uniform(0.5, 2.0))  # typing (gevent-patched: the others go on)
        for field in parser.fields:
            if field[0] == "edit-notes":
                field[1] = f"{self.username} {time.strftime('%H:%M:%S')}"
        with self.post(action, parser.fields, "row save", {**htmx, "X-CSRFToken": self.token}) as r:
            if r.status_code == 422 and "has-error" not in r.text and "nonfield" in r.text:
                r.request_meta["context"]["outcome"] = "conflict"
                r.success()
            elif r.status_code != 200:
                r.failure(f"{r.status_code}: {(r.text or repr(r.error))[:200]!r}")


HOSTILE = int(os.environ.get("LOAD_HOSTILE", "0"))  # users sending the heaviest requests
# Seconds between their requests: a member's pace by default; "0,0" floods.
HOSTILE_WAIT = tuple(
    map(float, os.environ.get("LOAD_HOSTILE_WAIT", f"{WAIT[0]},{WAIT[1]}").split(","))
)


def far_row_workbook() -> bytes:
    """A 1.5 KB .xlsx whose last row is row 20,000,000 (issue 18: 120 s of a worker, then 500)."""
    import io
    import zipfile

    from openpyxl import Workbook

    book, first, out = Workbook(), io.BytesIO(), io.BytesIO()
    book.active.append(["环节", "时长"])
    book.save(first)
    sheet = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
        b'<row r="20000000"><c r="A20000000"><v>1</v></c></row></sheetData></worksheet>'
    )
    with zipfile.ZipFile(first) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in source.infolist():
            z.writestr(item, sheet if item.filename.endswith("sheet1.xml") else source.read(item))
    return out.getvalue()


class Hostile(Member):
    """What held workers hostage: the review PDF of a 1,000-segment show and the
    20,000,000-row workbook, over and over (LOAD_HOSTILE of them)."""

    abstract = not HOSTILE  # locust would otherwise weigh it in with the team
    fixed_count = HOSTILE
    wait_time = between(*HOSTILE_WAIT)

    def on_start(self):
        super().on_start()
        self.long_show = os.environ["LOAD_LONG_SHOW"]
        self.bomb = far_row_workbook()

    @task
    def long_pdf(self):
        with self.client.get(
            f"/b/{self.long_show}/review.pdf",
            name="hostile: review PDF, 1,000 segments",
            catch_response=True,
        ) as r:
            made = r.content.startswith(b"%PDF") or b"paper-waiting" in r.content
            if r.status_code != 200 or not made:
                r.failure(f"{r.status_code}, neither the PDF nor the page waiting for it")

    @task
    def far_row_upload(self):
        url = f"/b/{self.pk}/T/import/"
        token = FORM_TOKEN.search(self.page(url, "hostile: import page"))
        boundary = "stage-load-boundary"
        parts = [
            f"--{boundary}",
            'Content-Disposition: form-data; name="csrfmiddlewaretoken"',
            "",
            token[1] if token else "",
            f"--{boundary}",
            'Content-Disposition: form-data; name="file"; filename="far.xlsx"',
            "Content-Type: application/octet-stream",
            "",
            "",
        ]
        body = "\r\n".join(parts).encode() + self.bomb + f"\r\n--{boundary}--\r\n".encode()
        headers = {
            "Origin": self.origin,
            "Content-Type": f"multipart/form-data; boundary={boundary}",
        }
        with self.client.post(
            url,
            data=body,
            headers=headers,
            name="hostile: 20,000,000-row workbook",
            catch_response=True,
        ) as r:
            if r.status_code == 422:
                r.success()
            else:
                r.failure(f"{r.status_code}, not refused")


@events.request.add_listener
def record(request_type, name, response_time, exception, context, start_time=None, **_kwargs):
    outcome = "error" if exception else context.get("outcome", "ok")
    ms, phase = f"{response_time:.1f}", context.get("phase")
    requests.append((f"{start_time:.3f}", request_type, name, ms, outcome, phase))


@events.quitting.add_listener
def write_requests(environment, **_kwargs):
    if prefix := getattr(environment.parsed_options, "csv_prefix", None):
        with open(f"{prefix}_requests.csv", "w", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["start", "method", "name", "ms", "outcome", "phase"])
            writer.writerows(requests)
        with open(f"{prefix}_locust_cpu.txt", "w") as out:
            out.write(f"{sum(os.times()[:2]):.2f}\n")  # locust's own CPU-s: it shares the cores
