"""Media storage that leaves nothing half-written, and a clear answer when
the disk is full.

Django's FileSystemStorage keeps a partly written file when writing fails
(the disk filled up mid-upload). This storage removes it, so no broken file
stays behind; the database row is never written, because a file field saves
its file before the row is inserted."""

import errno
import logging
import os

from django.core.files.storage import FileSystemStorage

STORAGE_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


class MediaStorage(FileSystemStorage):
    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except OSError as error:
            if error.errno in STORAGE_FULL:
                # The name is ours: the storage creates files with O_EXCL.
                try:
                    os.remove(self.path(name))
                except FileNotFoundError:
                    pass
            raise


class StorageFullMiddleware:
    """A full disk answers 507 with a page that says what happened, in the
    reader's language, instead of a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OSError) and exception.errno in STORAGE_FULL:
            from core.errors import storage_full

            logging.getLogger(__name__).error("media storage full: %s", exception)
            return storage_full(request)
        return None
