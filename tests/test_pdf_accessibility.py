"""Every PDF trainkit writes is tagged PDF/UA-1: a structure tree, the language, a title shown by the viewer,
and the PDF/UA identification in its metadata (WeasyPrint's `pdf/ua-1` variant)."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from session_support import EXAMPLE_SESSION, copy_curriculum
from trainkit import api


@pytest.fixture(scope="module")
def every_pdf(tmp_path_factory):
    curriculum = api.validate(copy_curriculum(tmp_path_factory.mktemp("c") / "curriculum")).curriculum
    out = tmp_path_factory.mktemp("dist")
    api.write_programmes(curriculum, out)
    api.write_attendance_sheets(curriculum, "expert", out)
    api.write_session_documents(curriculum, EXAMPLE_SESSION, out)
    pdfs = sorted(out.rglob("*.pdf"))
    kinds = {p.name.split("-")[0].removesuffix(".pdf") for p in pdfs}
    assert {"fondamentaux", "expert", "convocation", "certificat", "attestation", "convention", "emargement"} <= kinds
    return pdfs


def _catalog(path):
    reader = PdfReader(path)
    return reader, reader.trailer["/Root"]


def test_every_pdf_declares_pdf_ua_in_its_metadata(every_pdf):
    for path in every_pdf:
        reader, _ = _catalog(path)
        xmp = reader.xmp_metadata.stream.get_data().decode()
        assert 'pdfuaid:part="1"' in xmp, path.name


def test_every_pdf_is_tagged_with_a_structure_tree(every_pdf):
    for path in every_pdf:
        _, root = _catalog(path)
        assert bool(root["/MarkInfo"]["/Marked"]), path.name
        assert "/StructTreeRoot" in root, path.name
        assert root["/StructTreeRoot"].get_object().get("/K") is not None, path.name


def test_every_pdf_is_in_french_with_a_title_the_viewer_shows(every_pdf):
    for path in every_pdf:
        reader, root = _catalog(path)
        assert root["/Lang"] == "fr", path.name
        assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]), path.name
        assert reader.metadata.title, path.name


def test_a_document_split_from_a_batch_is_titled_for_its_person(every_pdf):
    [certificate] = [p for p in every_pdf if p.name == "certificat-realisation-durand-lea.pdf"]
    assert PdfReader(certificate).metadata.title == "Certificat de réalisation — Léa Durand"
