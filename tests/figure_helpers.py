"""Shared by the figure tests: D for Decimal, and the plan of the example show (stage.demo)."""

from decimal import Decimal

import pytest

from stage.demo import fill_example_show
from stage.plan import load_plan

D = Decimal


@pytest.fixture
def plan(broadcast):
    fill_example_show(broadcast)
    return load_plan(broadcast)
