"""Each handout of the curriculum as an A4 PDF to print and fill in, and beside its page on both sites."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from trainkit.api import validate
from trainkit.outputs.documents import write_handouts
from trainkit.views.handouts import handout_paths

from conftest import CURRICULUM, run_trainkit
from documents_support import pdf_text


@pytest.fixture(scope="module")
def bundled():
    return validate(CURRICULUM).curriculum


@pytest.fixture(scope="module")
def printables(bundled, tmp_path_factory):
    return write_handouts(bundled, tmp_path_factory.mktemp("dist"))


def test_every_markdown_handout_of_the_bundled_curriculum_gets_an_a4_pdf(bundled, printables):
    assert list(printables) == handout_paths(bundled) and len(printables) == 8
    for relative, pdf in printables.items():
        assert pdf.name == relative.rsplit("/", 1)[-1].replace(".md", ".pdf")
        page = PdfReader(pdf).pages[0]
        assert tuple(round(float(x)) for x in page.mediabox[2:]) == (595, 842), relative


def test_a_handout_pdf_shows_its_text_with_boxes_to_tick_and_no_markdown(printables):
    text = pdf_text(printables["ressources/fondamentaux/grille-point-de-situation.md"])
    assert "Grille de point de situation" in text and "DOCUMENT STAGIAIRE" in text.upper()
    assert "☐ Permis de conduire, véhicule" in text
    assert "[ ]" not in text and "| ---" not in text and "**" not in text


def test_build_puts_each_handout_pdf_beside_its_page_on_both_sites(starter, tmp_path):
    run = run_trainkit("build", starter.root, "--out", tmp_path / "site", "--dist", tmp_path / "dist", cwd=tmp_path)
    assert run.code == 0, run.err
    assert "Documents stagiaires à imprimer : " in run.out
    for audience in ("learner", "trainer"):
        folder = tmp_path / "site" / audience / "ressources"
        assert (folder / "carte-des-acteurs.pdf").is_file()
        page = (folder / "carte-des-acteurs.html").read_text(encoding="utf-8")
        assert 'href="carte-des-acteurs.pdf" download>Version à imprimer (PDF A4)</a>' in page
