"""A kept page's gzip answer (issue 17): deflated once when kept, spliced per request, the
same page as the plain answer, with this request's CSRF token in every hole."""

import gzip
import re

import pytest
from django.core.cache import cache
from django.middleware.csrf import _unmask_cipher_token
from django.urls import reverse

from stage import rendered
from stage.checklists.timing import Segment
from stage.gzipped import SMALLEST
from tests.factories import make_broadcast

pytestmark = pytest.mark.django_db
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
# New per request: the CSP's nonce, the token htmx sends as a header.
NONCE = re.compile(rb'nonce="[^"]+"|"x-csrftoken": "[^"]+"')


def same_page(html: bytes) -> bytes:
    return NONCE.sub(b"", TOKEN.sub(b"", html))


@pytest.fixture
def long_show(team):
    cache.clear()
    show = make_broadcast(team=team, title="三百段长播")
    Segment.objects.bulk_create(
        Segment(broadcast=show, position=i, title=f"第 {i} 段 <b>", host_lines="讲解" * 20,
                minutes=5)
        for i in range(300)
    )  # fmt: skip
    return show


@pytest.fixture
def deflating(monkeypatch):
    """The bytes each call of deflate was given."""
    given = []
    original = rendered.deflated

    def counting(data):
        given.append(len(data))
        return original(data)

    monkeypatch.setattr(rendered, "deflated", counting)
    return given


@pytest.mark.parametrize("page", ["runsheet", "checklist"])
def test_the_gzip_answer_is_the_page_with_this_request_s_tokens(login, alice, long_show, page):
    args = [long_show.pk, "T"] if page == "checklist" else [long_show.pk]
    client = login(alice)
    plain = client.get(reverse(page, args=args)).content
    assert len(plain) > SMALLEST
    answer = client.get(reverse(page, args=args), headers={"accept-encoding": "gzip, br"})
    assert answer["Content-Encoding"] == "gzip" and "Accept-Encoding" in answer["Vary"]
    assert int(answer["Content-Length"]) == len(answer.content) < len(plain) / 4
    unzipped = gzip.decompress(answer.content)
    secrets = {_unmask_cipher_token(t.decode()) for t in TOKEN.findall(unzipped)}
    assert secrets == {client.cookies["csrftoken"].value} and b"<csrf-token>" not in unzipped
    assert same_page(unzipped) == same_page(plain)


def test_a_kept_page_is_not_deflated_again_per_request(login, alice, long_show, deflating):
    client = login(alice)
    url = reverse("checklist", args=[long_show.pk, "T"])
    first = client.get(url, headers={"accept-encoding": "gzip"})
    page = len(gzip.decompress(first.content))
    deflating.clear()
    again = client.get(url, headers={"accept-encoding": "gzip"})
    assert gzip.decompress(again.content).count(b"csrfmiddlewaretoken") > 300  # a hole per row
    assert sum(deflating) < page / 10  # the shell and one token; not the page
    # and a save through its token still works
    token = TOKEN.search(gzip.decompress(again.content)).group(1).decode()
    row = long_show.segments.first()
    response = client.post(
        reverse("row_delete", args=[long_show.pk, "T", row.pk]), {"csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
