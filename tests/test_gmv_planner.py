"""The GMV planner (stage.gmv): the one unknown factor solved, checked against numbers worked
out by hand, and the classic and seed planner forms."""

import pytest

from stage.gmv import ClassicPlannerForm, PlannerError, SeedPlannerForm, solve
from tests.figure_helpers import D

pytestmark = pytest.mark.django_db


def test_solve_classic_for_uv():
    assert solve(D("300000"), {"uv": None, "conversion": D("0.05"), "aov": D("100")}) == (
        "uv",
        D("60000"),
    )


def test_solve_classic_for_gmv_and_for_conversion():
    assert solve(None, {"uv": D("60000"), "conversion": D("0.05"), "aov": D("100")}) == (
        "gmv",
        D("300000"),
    )
    name, value = solve(D("300000"), {"uv": D("60000"), "conversion": None, "aov": D("100")})
    assert (name, value) == ("conversion", D("0.05"))


def test_solve_seed_form():
    factors = {
        "uv": D("10000"),
        "watch_minutes": D("6"),
        "orders_per_minute": D("0.005"),
        "aov": D("100"),
        "repurchase": D("1.2"),
    }
    # 10,000 × 6 × 0.005 × 100 × 1.2
    assert solve(None, factors) == ("gmv", D("36000"))
    # 300,000 / (6 × 0.005 × 100 × 1.2) = 300,000 / 3.6
    name, value = solve(D("360000"), {**factors, "uv": None})
    assert (name, value) == ("uv", D("100000"))


def test_solve_refuses_a_zero_factor():
    with pytest.raises(PlannerError, match="factor of zero"):
        solve(D("300000"), {"uv": None, "conversion": D("0"), "aov": D("100")})


@pytest.mark.parametrize(
    ("gmv", "factors"),
    [
        (None, {"uv": None, "conversion": D("0.05"), "aov": D("100")}),
        (D("1"), {"uv": None, "conversion": None, "aov": D("100")}),
        (D("1"), {"uv": D("1"), "conversion": D("0.05"), "aov": D("100")}),
    ],
)
def test_solve_needs_exactly_one_unknown(gmv, factors):
    with pytest.raises(PlannerError, match="exactly one"):
        solve(gmv, factors)


def test_classic_planner_form_reads_conversion_as_percent():
    form = ClassicPlannerForm({"c-gmv": "300000", "c-conversion": "5", "c-aov": "100"}, prefix="c")
    result = form.result()
    assert (result["name"], result["value"]) == ("uv", D("60000.00"))
    form = ClassicPlannerForm({"c-gmv": "300000", "c-uv": "60000", "c-aov": "100"}, prefix="c")
    assert form.result()["value"] == D("5.00")
    assert form.result()["name"] == "conversion"


def test_seed_planner_form_solves_watch_minutes():
    data = {
        "s-gmv": "360000",
        "s-uv": "100000",
        "s-orders_per_minute": "0.005",
        "s-aov": "100",
        "s-repurchase": "1.2",
    }
    result = SeedPlannerForm(data, prefix="s").result()
    # 360,000 / (100,000 × 0.005 × 100 × 1.2) = 360,000 / 60,000
    assert (result["name"], result["value"]) == ("watch_minutes", D("6.00"))


def test_planner_forms_report_errors():
    zero = ClassicPlannerForm({"c-gmv": "300000", "c-conversion": "0", "c-aov": "100"}, prefix="c")
    assert "factor of zero" in zero.result()["error"]
    two = ClassicPlannerForm({"c-gmv": "300000", "c-aov": "100"}, prefix="c")
    assert "exactly one" in two.result()["error"]
    negative = ClassicPlannerForm({"c-gmv": "-1", "c-aov": "100", "c-uv": "3"}, prefix="c")
    assert negative.result() == {}
