"""The competence × objective × session matrix as CSV for a spreadsheet."""

from __future__ import annotations

import csv
import io

import pytest

from trainkit.api import validate
from trainkit.outputs.documents import matrix_csv

from conftest import CURRICULUM, run_trainkit


@pytest.fixture(scope="module")
def bundled():
    return validate(CURRICULUM).curriculum


def read_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def test_matrix_starts_with_a_utf8_bom_and_uses_semicolons(bundled):
    data = matrix_csv(bundled.module("fondamentaux")).encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:].decode("utf-8").split("\r\n", 1)[0].startswith("Compétence (id);Compétence;Objectif (id);")


@pytest.mark.parametrize("module_id", ["fondamentaux", "expert"])
def test_matrix_has_a_row_per_objective_and_a_column_per_session(bundled, module_id):
    module = bundled.module(module_id)
    header, *rows = read_rows(matrix_csv(module))
    objectives = [o for c in module.competences for o in c.objectives]
    assert [row[2] for row in rows] == [o.id for o in objectives]
    session_columns = header[5:-1]
    assert len(session_columns) == len(module.sessions)
    assert all(s.title in column for s, column in zip(module.sessions, session_columns))


@pytest.mark.parametrize("module_id", ["fondamentaux", "expert"])
def test_matrix_marks_exactly_the_sessions_working_on_each_objective(bundled, module_id):
    module = bundled.module(module_id)
    _, *rows = read_rows(matrix_csv(module))
    for row in rows:
        marked = [s.id for s, mark in zip(module.sessions, row[5:-1]) if mark == "X"]
        assert marked == [s.id for s in module.sessions if row[2] in s.objectives]
        assert row[-1] == str(len(marked))


def test_matrix_command_writes_one_csv_per_module(tmp_path):
    run = run_trainkit("documents", "matrix", CURRICULUM, "--out", tmp_path)
    assert run.code == 0, run.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["expert-matrice.csv", "fondamentaux-matrice.csv"]
    assert (tmp_path / "expert-matrice.csv").read_bytes().startswith(b"\xef\xbb\xbf")
