"""trainkit in a real Moodle 4.3: the bundled modules' packages, both SCORM versions, driven as a student through
Moodle's own player (its table of contents and « > »), and the evaluations imported as Moodle questions.

The one test allowed to skip: the registries this project installs from carry no Moodle. Give a Moodle 4.3
source tree to run it, e.g. github Izizizzz/arsikom-moodle at commit fe7aff8093240cc373f1ddaa66ecb91c4bc0a09f
(upstream's « Moodle release 4.3 »):

    TRAINKIT_MOODLE_SRC=/path/to/moodle python3 -m pytest tests/test_moodle.py

It needs root (a private PostgreSQL cluster run as `postgres`), Debian's PHP 8.2 with Moodle's extensions
(`apt-get install postgresql php-cli php-pgsql php-xml php-mbstring php-curl php-zip php-gd php-intl php-soap`),
ports 8080 and 5433 free, and about 8 minutes. tests/moodle/check.sh does the work (see its head); what Moodle
stored is in /tmp/moodle-check/out (`TRAINKIT_MOODLE_WORK` to change the folder).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SOURCE = os.environ.get("TRAINKIT_MOODLE_SRC", "")

pytestmark = pytest.mark.skipif(
    not SOURCE,
    reason="pas de Moodle : TRAINKIT_MOODLE_SRC n'est pas défini (dossier des sources de Moodle 4.3 ; "
    "les registres PyPI, npm et Debian n'en ont pas). Voir l'en-tête de tests/test_moodle.py.",
)


@pytest.fixture(scope="module")
def moodle_check():
    work = os.environ.get("TRAINKIT_MOODLE_WORK", "/tmp/moodle-check")
    env = {**os.environ, "MOODLE_SRC": SOURCE, "WORK": work, "DRIVE_PYTHON": sys.executable,
           "MODULES": "fondamentaux expert"}
    run = subprocess.run(["bash", str(REPO / "tests" / "moodle" / "check.sh"), str(REPO)], capture_output=True,
                         text=True, env=env, timeout=1800)
    if run.returncode == 2:
        pytest.fail(f"le banc Moodle n'a pas pu tourner :\n{run.stdout}\n{run.stderr[-3000:]}")
    return run


def test_every_package_is_tracked_end_to_end_in_moodle(moodle_check):
    # Each of the 4 activities: every SCO's status, the final evaluation's score and one interaction per
    # question, activity completion complete, gradebook grade = the final evaluation's score.
    assert "moodle 4.3: 4/4 activities tracked end to end" in moodle_check.stdout, \
        moodle_check.stdout + moodle_check.stderr[-3000:]


def test_every_question_imports_into_moodles_question_bank(moodle_check):
    lines = [line for line in moodle_check.stdout.splitlines() if "questions imported" in line]
    assert lines and "NOT" not in lines[0], moodle_check.stdout + moodle_check.stderr[-2000:]
    assert "types: match, multichoice, shortanswer, truefalse" in lines[0]
