import tempfile

import pytest

from tests.production.stack import Stack


@pytest.fixture(scope="session")
def stack():
    """One running production stack for the whole production suite."""
    folder = tempfile.mkdtemp(prefix="erfarenhetsbanken-prod-")
    running = Stack(folder)
    try:
        running.start()
        yield running
    finally:
        running.close()
