"""A kept page's gzip answer (issue 17): deflated once when kept, spliced per request, the
same page as the plain answer, with this request's CSRF token in every hole."""

import gzip
import re

import pytest
from django.core.cache import cache
from django.middleware.csrf import _unmask_cipher_token
from django.urls import reverse

from stage import gzipped
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
    original = gzipped.deflated

    def counting(data, before=b""):
        given.append(len(data))
        return original(data, before)

    monkeypatch.setattr(gzipped, "deflated", counting)
    return given


@pytest.mark.parametrize("page", ["runsheet", "checklist"])
def test_the_gzip_answer_is_the_page_with_this_request_s_tokens(login, alice, long_show, page):
    args = [long_show.pk, "T"] if page == "checklist" else [long_show.pk]
    client = login(alice)
    plain = client.get(reverse(page, args=args)).content
    assert len(plain) > SMALLEST
    answer = client.get(reverse(page, args=args), headers={"accept-encoding": "gzip, br"})
    assert answer["Content-Encoding"] == "gzip" and "Accept-Encoding" in answer["Vary"]
    assert int(answer["Content-Length"]) == len(answer.content)
    # as small as compressing the whole page at once: each later token copies the first
    assert len(answer.content) < len(gzip.compress(plain, 6)) * 1.05
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


@pytest.mark.parametrize(
    "gaps",
    [[], [10], [10, 2000, 5], [40_000], [100, 40_000, 3, 33_000, 7], [32_510] * 4, [32_511] * 4],
)
def test_a_page_splices_whole_with_tokens_near_and_far_apart(gaps):
    """Chunks of these lengths between holes: every token is this request's, in every place."""
    import random
    import zlib

    from stage.gzipped import LAST_BLOCK, deflated, pieces_of, splits

    rnd = random.Random(len(gaps))
    words = [b"<tr>", b"<td>", b"segment", b" ", b"\\xe7\\xac\\xac", b"\\n", b"value="]
    chunks = [b"".join(rnd.choice(words) for _ in range(n // 3))[:n] for n in [500, *gaps]]
    html = b"<csrf-token>".join(chunks)
    pieces = pieces_of(html, b"<csrf-token>", 64)
    assert pieces is not None
    token = b"T" * 32 + b"k" * 32
    stream, starts = [pieces[0]], splits(chunks, 64)
    for piece in pieces[1:]:
        stream += [deflated(token), piece]
    assert len(pieces) == len(starts) + 1
    assert zlib.decompress(b"".join([*stream, LAST_BLOCK]), -15) == token.join(chunks)


def test_a_page_holding_a_control_character_is_left_to_the_middleware():
    from stage.gzipped import pieces_of

    assert pieces_of(b"<p>\x01</p>" * 5000 + b"<csrf-token>", b"<csrf-token>", 64) is None
