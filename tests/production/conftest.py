import shutil
import tempfile

import pytest

from tests.production.stack import Stack


@pytest.fixture(scope="session")
def stack(request):
    """One running production stack for the whole production suite."""
    # Not pytest's tmp_path: its folders are private to this user, and nginx's
    # workers (another user when run as root) must read the static and media files.
    folder = tempfile.mkdtemp(prefix="erfarenhetsbanken-prod-")
    running = Stack(folder)
    try:
        running.start()
        yield running
    finally:
        running.close()
        if request.session.testsfailed:
            print(f"\nproduction stack logs kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
