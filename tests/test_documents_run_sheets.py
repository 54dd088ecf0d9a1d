"""The trainers' run sheets (« fiches séance »): one A4 page per session, timed from the day's hours."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from trainkit.api import validate
from trainkit.outputs.documents import run_sheet_path, run_sheets_path, write_run_sheets

from conftest import CURRICULUM
from documents_support import pdf_pages, pdf_text

A4_POINTS = (595, 842)


@pytest.fixture(scope="module")
def bundled():
    return validate(CURRICULUM).curriculum


@pytest.fixture(scope="module")
def written(bundled, tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    for module in bundled.modules:
        write_run_sheets(bundled, module, dist)
    return dist


@pytest.mark.parametrize("module_id", ["fondamentaux", "expert"])
def test_every_run_sheet_of_the_bundled_modules_fits_one_a4_page(bundled, written, module_id):
    module = next(m for m in bundled.modules if m.id == module_id)
    reader = PdfReader(run_sheets_path(written, module))
    assert len(reader.pages) == len(module.sessions)
    assert all(tuple(round(float(x)) for x in page.mediabox[2:]) == A4_POINTS for page in reader.pages)


def test_each_session_also_has_its_own_one_page_file(bundled, written):
    module = bundled.modules[0]
    for number, session in enumerate(module.sessions, start=1):
        pages = pdf_pages(run_sheet_path(written, module, number))
        assert len(pages) == 1 and session.title.split(" ")[0] in pages[0], session.id
    assert run_sheet_path(written, module, 3).name == f"03-{module.sessions[2].id}.pdf"


def test_the_run_sheet_times_each_activity_from_the_session_start(bundled, written):
    module = next(m for m in bundled.modules if m.id == "fondamentaux")
    text = pdf_text(run_sheet_path(written, module, 1))  # day 1, 9h00 (the offer's hours)
    assert "J1 matin · 9h00–10h30" in text
    assert "9h00–9h15 15 min Accueil" in text
    assert "10h20–10h30 10 min Échanges" in text


def test_the_run_sheet_holds_materials_questions_and_vigilance(bundled, written):
    module = next(m for m in bundled.modules if m.id == "fondamentaux")
    session = module.sessions[0]
    text = pdf_text(run_sheet_path(written, module, 1))
    for heading in ("Objectifs", "Déroulé minuté", "Matériel", "Questions à poser au groupe", "Points de vigilance"):
        assert heading in text
    assert "Paperboard" in text and session.trainer_guide.questions[0][:30] in text


def test_the_run_sheets_say_they_are_for_trainers(bundled, written):
    module = bundled.modules[0]
    assert "réservé aux formateurs" in pdf_text(run_sheets_path(written, module))
    assert run_sheets_path(written, module).name.endswith("-formateur.pdf")


def test_a_session_without_run_sheet_gets_a_page_that_says_so(starter, tmp_path):
    starter.edit_module("    trainer_guide:", "    trainer_guide_retire:")
    text = starter.module.read_text(encoding="utf-8")
    start = text.index("    trainer_guide_retire:")
    end = text.index("\n      vigilance:", start)
    starter.module.write_text(text[:start] + text[text.index("\n", text.index("catalogue", end)) + 1:],
                              encoding="utf-8")
    curriculum = validate(starter.root).curriculum
    module = curriculum.modules[0]
    write_run_sheets(curriculum, module, tmp_path)
    assert "Déroulé minuté" not in pdf_text(run_sheet_path(tmp_path, module, 2))
    assert len(PdfReader(run_sheet_path(tmp_path, module, 2)).pages) == 1
