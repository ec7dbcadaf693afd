"""Bind every Dutch scenario in ``scenarios/`` to the steps in ``conftest.py``.

``usefixtures("driver")`` puts the parametrized driver fixture in every scenario's
fixture closure, so each scenario becomes one item per driver (``[library]``, …).
"""

import pytest
from pytest_bdd import scenarios

pytestmark = pytest.mark.usefixtures("driver")

scenarios("../../scenarios")
