"""Restores a customer's uploaded backup archive into their workspace folder."""
import os
import shutil
import tarfile
import tempfile
from pathlib import Path

WORKSPACES = Path(os.environ.get("WORKSPACES", "/srv/workspaces"))
MAX_MEMBERS = 10_000


class RestoreError(Exception):
    pass


def workspace_dir(customer_id: int) -> Path:
    return WORKSPACES / str(customer_id)


def restore(customer_id: int, archive_path: str) -> int:
    """Unpacks the uploaded .tar.gz over the customer's workspace; returns the number of files."""
    target = workspace_dir(customer_id)
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive_path, "r:gz") as archive:
        members = archive.getmembers()
        if len(members) > MAX_MEMBERS:
            raise RestoreError(f"archive has {len(members)} entries, at most {MAX_MEMBERS} allowed")
        staging = Path(tempfile.mkdtemp(prefix="restore-"))
        try:
            for member in members:
                if member.isdev():
                    continue
                archive.extract(member, staging)
            count = 0
            for root, _dirs, files in os.walk(staging):
                for name in files:
                    src = Path(root) / name
                    dest = target / src.relative_to(staging)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.move(str(src), dest)
                    count += 1
            return count
        finally:
            shutil.rmtree(staging, ignore_errors=True)
