"""Fixtures the portal-wide tests share with the apps' tests (activities to
register for, agencies and contributors to write cases)."""

from tests.activities.conftest import indexes, make_activity  # noqa: F401
from tests.contributions.conftest import agency, contributor  # noqa: F401
