"""The run-sheet and review PDFs from Typst (issue 17): everything on them, on A4 and Letter,
fonts embedded, and what users typed printed as typed, Typst syntax included."""

import fcntl
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse

from bench.data import make_show
from stage import paper
from stage.checklists.giveaways import Giveaway
from stage.checklists.lineup import Product
from stage.checklists.timing import Segment
from stage.control import Cue
from stage.paper.blocks import phrases
from tests.test_exports import POPPLER, pdf_info, pdf_text

pytestmark = [pytest.mark.django_db, POPPLER]


def squeezed(text: str) -> str:
    return "".join(text.split())


def pdf_of(client, broadcast, tmp_path, name="runsheet_pdf", **query) -> tuple[str, str]:
    response = client.get(reverse(name, args=[broadcast.pk]), query)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return pdf_text(response.content, tmp_path), pdf_info(response.content, tmp_path)


def test_a_120_segment_show_is_all_on_paper(login, alice, team, tmp_path):
    show = make_show(team, 120)
    text, info = pdf_of(login(alice), show, tmp_path)
    on_paper = squeezed(text)
    segments = list(show.segments.all())
    assert len(segments) == 120
    for s in segments:
        assert squeezed(s.title) in on_paper, s.title
        assert squeezed(s.host_lines) in on_paper, s.position
        for cue in s.cues.splitlines():
            assert squeezed(cue) in on_paper, cue
    for p in Product.objects.filter(broadcast=show):
        assert squeezed(p.name) in on_paper, p.name
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    assert pages > 10
    assert "841.89 x 595.276 pts (A4)" in info


def test_letter_paper_and_embedded_fonts(login, alice, broadcast, tmp_path):
    Segment.objects.create(broadcast=broadcast, title="开场 Opening", minutes=10)
    client = login(alice)
    _text, info = pdf_of(client, broadcast, tmp_path, paper="letter")
    assert "792 x 612 pts (letter)" in info
    response = client.get(reverse("runsheet_pdf", args=[broadcast.pk]))
    fonts = pdf_info(response.content, tmp_path, "pdffonts").splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts), fonts  # every font embedded
    assert any("WenQuanYi" in line for line in fonts), fonts


TYPST = [
    '#exit() #read("/etc/passwd") #import "x.typ"',
    "*粗体* _斜体_ `代码` $x^2$",
    "= 标题 // 注释 /* 块 */",
    "[括号] ] [ \\ \\\\ <标签> @引用 ~ --- ...",
    '#let x = 1 #x #{"a"} #(1 + 1)',
]


def test_typst_syntax_in_user_text_prints_as_typed(login, alice, broadcast, tmp_path):
    for i, typed in enumerate(TYPST, start=1):
        Segment.objects.create(
            broadcast=broadcast, position=i, title=typed, minutes=5, host_lines=typed, cues=typed
        )
    product = Product.objects.create(
        broadcast=broadcast, link_number=1, name="#strong[假] *品*", live_price=9, list_price=19
    )
    Giveaway.objects.create(broadcast=broadcast, prize="$100$ #box[奖]", quantity=1, at_minute=5)
    Cue.objects.create(
        broadcast=broadcast, segment=broadcast.segments.first(), offset=1, note="#pagebreak()"
    )
    text, info = pdf_of(login(alice), broadcast, tmp_path)
    on_paper = squeezed(text)
    for typed in TYPST:
        assert on_paper.count(squeezed(typed)) >= 3, typed  # title, host lines, cues
    assert squeezed(product.name) in on_paper
    assert "$100$#box[奖]" in on_paper
    assert "#pagebreak()" in on_paper
    assert "root:" not in text
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    assert pages <= 3


def test_the_chinese_pdf_speaks_chinese(login, alice, broadcast, tmp_path):
    Segment.objects.create(broadcast=broadcast, title="开场", minutes=10)
    client = login(alice)
    client.cookies["django_language"] = "zh-hans"
    text, _info = pdf_of(client, broadcast, tmp_path)
    assert "主播话术" in text
    assert "Host lines" not in text
    assert "T 未签核" in text  # one word for a sign-off, as in 已签核 0 / 5 above it
    assert "已签核 0 / 5" in text


def test_the_readiness_phrases_print_apart_as_the_screen_shows_them():
    html = (
        '<span class="readiness-summary"><b class="pct">40%</b>\n  <span>2 / 5 signed off</span>'
        '\n  <span class="warn">3 warnings</span><span>Host&#x27;s  note</span></span>'
    )
    assert phrases(html) == ["40%", "2 / 5 signed off", "3 warnings", "Host's note"]


@pytest.mark.parametrize("name", ["runsheet_pdf", "review_pdf"])
def test_a_pdf_that_takes_too_long_sends_back_to_the_page_with_a_reason(
    login, alice, broadcast, settings, name
):
    """Issue 18: a 1,000-segment PDF held a worker for 110 s; now at most PAPER_SECONDS."""
    settings.PAPER_SECONDS = 0.01
    Segment.objects.create(broadcast=broadcast, title="开场", minutes=10)
    response = login(alice).get(reverse(name, args=[broadcast.pk]), follow=True)
    page = name.removesuffix("_pdf")
    assert response.redirect_chain == [(reverse(page, args=[broadcast.pk]), 302)]
    assert "The PDF could not be made within 0.01 seconds" in response.text


def test_pdfs_wait_for_a_free_slot_and_give_up_at_the_deadline(settings, tmp_path):
    """However many PDFs are asked for at once, at most SLOTS are typeset on a machine."""
    held = []
    for slot in range(paper.SLOTS):
        lock = open(Path(tempfile.gettempdir()) / f"stage-paper-{slot}.lock", "w")  # noqa: SIM115
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        held.append(lock)
    settings.PAPER_SECONDS = 0.3
    try:
        with pytest.raises(paper.PaperError, match="every slot"):
            paper.typeset("x", [])
    finally:
        for lock in held:
            lock.close()
    assert paper.typeset("x", []).startswith(b"%PDF")
