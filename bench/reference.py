"""The reference commit the page benchmark compares against, checked out with
`git worktree add` under bench/.data/ (git-ignored) and run beside this one.

    BENCH_BASELINE=<commit>          (default d19eae4)
    BENCH_BASELINE_PYTHON=<python>   an interpreter with the reference's packages

It runs with this checkout's interpreter when the reference's pinned packages
are a subset of this checkout's (requirements.lock); otherwise the bench stops
and names the missing pins, to be installed in another virtualenv named by
BENCH_BASELINE_PYTHON."""

import os
import subprocess
import sys

from corpus import DATA, ROOT

BASELINE = os.environ.get("BENCH_BASELINE", "d19eae4")
PYTHON = os.environ.get("BENCH_BASELINE_PYTHON") or sys.executable


def git(*args, cwd=ROOT):
    return subprocess.run(  # noqa: S603 (git on our own repository)
        ["git", *args],  # noqa: S607
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def checkout(commit=BASELINE):
    """The folder of a detached worktree at `commit` (made once, then reused)."""
    sha = git("rev-parse", "--verify", f"{commit}^{{commit}}")
    folder = DATA / f"reference-{sha[:12]}"
    if not (folder / "manage.py").exists():
        DATA.mkdir(parents=True, exist_ok=True)
        # --force: the folder may still be registered after bench/.data/ was removed.
        git("worktree", "add", "--force", "--detach", str(folder), sha)
    return folder, sha[:12]


def pins(path):
    return {
        line.split(";")[0].strip().lower()
        for line in path.read_text().splitlines()
        if "==" in line and not line.lstrip().startswith("#")
    }


def missing_packages(folder):
    """The reference's pinned packages that this checkout does not pin alike."""
    if PYTHON != sys.executable:
        return []
    return sorted(pins(folder / "requirements.lock") - pins(ROOT / "requirements.lock"))


def prepare(commit=BASELINE):
    """(folder, short sha, interpreter) of the reference, ready to run."""
    folder, sha = checkout(commit)
    missing = missing_packages(folder)
    if missing:
        sys.exit(
            f"The reference {sha} pins packages this virtualenv lacks: {', '.join(missing)}.\n"
            "Install them in another virtualenv and name its python in BENCH_BASELINE_PYTHON."
        )
    return folder, sha, PYTHON
