"""Fixtures the portal-wide tests share with the apps' tests (activities to
register for, agencies and contributors to write cases)."""

from tests.activities.conftest import indexes, make_activity  # noqa: F401
from tests.contributions.conftest import (  # noqa: F401
    agency,
    colleague,
    contributor,
    other_agency,
    outsider,
)


def pytest_terminal_summary(terminalreporter):
    """The fuzz's count, for the closing note: "fuzz: N inputs, 0 server errors"."""
    import sys

    fuzz = sys.modules.get("tests.portal.test_fuzz")
    if fuzz is not None and fuzz.TRIED["inputs"]:
        terminalreporter.write_line(
            f"fuzz: {fuzz.TRIED['inputs']} inputs, {fuzz.TRIED['server errors']} server errors"
        )
