"""The programme de formation PDF: every Qualiopi mention, A4, footer, embedded fonts, no network, atomic."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader

from trainkit.api import validate
from trainkit.model.offer import evaluation_modalities, format_date, methods_used, offer_for
from trainkit.model.plan import plan_of
from trainkit.outputs.documents import build_documents, programme_path, write_programme

from conftest import CURRICULUM, run_trainkit
from documents_support import normalized, pdf_fonts, pdf_pages, pdf_text, publish_under_qualiopi

MODULES = ["fondamentaux", "expert"]


@pytest.fixture(scope="module")
def bundled():
    return validate(CURRICULUM).curriculum


@pytest.fixture(scope="module")
def built(bundled, tmp_path_factory) -> dict[str, Path]:
    dist = tmp_path_factory.mktemp("dist")
    return {path.relative_to(dist).as_posix(): path for path in build_documents(bundled, dist)}


def test_build_documents_writes_a_public_and_a_trainer_programme_per_module(built):
    programmes = sorted(name for name in built if "-programme" in name)
    assert programmes == sorted(
        [f"{m}-programme.pdf" for m in MODULES] + [f"{m}-programme-formateur.pdf" for m in MODULES]
    )


def test_build_documents_writes_the_run_sheets_of_every_module(bundled, built):
    assert {f"{m}-fiches-seance-formateur.pdf" for m in MODULES} <= set(built)
    sessions = sum(len(m.sessions) for m in bundled.modules)
    assert len([name for name in built if name.startswith("fiches-seance/")]) == sessions


@pytest.mark.parametrize("module_id", MODULES)
def test_programme_carries_every_mention_of_the_curriculum(bundled, built, module_id):
    module = bundled.module(module_id)
    offer = offer_for(bundled.programme, module)
    provider = bundled.programme.provider
    text = pdf_text(built[f"{module_id}-programme.pdf"])
    headings = ["Public visé", "Prérequis", "Objectifs", "Durée", "Rythme", "Contenu", "Modalités et délais d'accès",
                "Tarifs", "Lieux et modalité", "Modalité", "Méthodes mobilisées", "Modalités d'évaluation",
                "Accessibilité aux personnes en situation de handicap", "Contacts", "Indicateurs de résultats"]
    values = [module.title, normalized(module.audience.priority), *module.prerequisites.knowledge,
              *[o.text for c in module.competences for o in c.objectives],
              *[c.title for c in module.competences],
              *[item.text for c in module.competences for item in c.content],
              offer.access_delay, *[normalized(p.text()) for p in offer.prices],
              *[place.name for place in offer.locations],
              *methods_used(module), *evaluation_modalities(module, offer),
              provider.accessibility_contact.email, provider.contact.email,
              f"mis à jour le {format_date(offer.updated)}", offer.results.period,
              f"{offer.results.satisfaction_rate:g} %", f"{offer.results.completion_rate:g} %"]
    absent = [item for item in headings + values if normalized(item) not in text]
    assert absent == []


@pytest.mark.parametrize("module_id", MODULES)
def test_modalities_name_each_evaluation_once_with_its_slot(bundled, module_id):
    # The final evaluation is taken in a session of its own: one line, dated, not one for the
    # evaluation and another for its session.
    module = bundled.module(module_id)
    lines = evaluation_modalities(module, offer_for(bundled.programme, module))
    finals = [line for line in lines if "valuation finale" in line]
    assert len(finals) == 1 and finals[0].startswith(("J4 après-midi — ", "J5 après-midi — "))
    assert lines[0].startswith("J1 matin — Test de positionnement")


def test_programme_states_duration_in_hours_and_days(bundled, built):
    module = bundled.module("fondamentaux")
    plan = plan_of(module)
    text = pdf_text(built["fondamentaux-programme.pdf"])
    assert f"{plan.room_minutes // 60} h sur {len(plan.days)} jours de formation" in text
    assert f"{len(plan.parts)} parties" in text


@pytest.mark.parametrize("name", ["fondamentaux-programme.pdf", "expert-programme-formateur.pdf"])
def test_every_page_is_a4_with_its_number_and_the_training_body_in_the_footer(bundled, built, name):
    reader = PdfReader(built[name])
    pages = pdf_pages(built[name])
    provider = normalized(bundled.programme.provider.name)
    for number, (page, text) in enumerate(zip(reader.pages, pages), start=1):
        width, height = sorted((float(page.mediabox.width), float(page.mediabox.height)))
        assert (round(width), round(height)) == (595, 842)  # A4 in points, portrait or landscape
        assert f"Page {number} / {len(pages)}" in text
        assert provider in text


@pytest.mark.parametrize("name", ["fondamentaux-programme.pdf", "expert-programme-formateur.pdf"])
def test_every_font_is_embedded(built, name):
    fonts = pdf_fonts(built[name])
    assert fonts and all(fonts.values()), fonts


def test_trainer_programme_ends_with_the_competence_matrix(bundled, built):
    module = bundled.module("expert")
    pages = pdf_pages(built["expert-programme-formateur.pdf"])
    first = next(i for i, p in enumerate(pages) if "Matrice compétences × objectifs × séquences" in p)
    appendix = " ".join(pages[first:])
    for objective in (o for c in module.competences for o in c.objectives):
        assert normalized(objective.text) in appendix
    landscape = [p for p in PdfReader(built["expert-programme-formateur.pdf"]).pages if p.mediabox.width > p.mediabox.height]
    assert landscape


def test_public_programme_has_no_matrix(built):
    assert "Matrice compétences" not in pdf_text(built["expert-programme.pdf"])


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red; }")

    def log_message(self, *args):
        pass


@pytest.fixture
def web_server():
    _CountingHandler.requests = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", _CountingHandler.requests
    server.shutdown()


def test_rendering_fetches_no_network_url(starter, tmp_path, web_server):
    base, requests = web_server
    templates = tmp_path / "gabarits"
    templates.mkdir()
    (templates / "programme.html.j2").write_text(
        f'<html><head><link rel="stylesheet" href="{base}/feuille.css"><style>'
        f'@font-face {{ font-family: "web"; src: url("{base}/police.woff2"); }} '
        f'body {{ font-family: "web"; background: url("{base}/fond.png"); }}</style></head>'
        f'<body><p>Programme</p><img src="{base}/logo.png"></body></html>',
        encoding="utf-8",
    )
    curriculum = validate(starter.root).curriculum
    path, rendered = write_programme(curriculum, curriculum.modules[0], tmp_path / "dist", templates_dir=templates)
    assert "Programme" in pdf_text(path)
    assert requests == []
    assert set(rendered.refused_urls) == {f"{base}/{name}" for name in ("feuille.css", "police.woff2", "fond.png", "logo.png")}


def test_a_user_template_replaces_the_bundled_one(starter, tmp_path):
    templates = tmp_path / "gabarits"
    templates.mkdir()
    (templates / "programme.html.j2").write_text(
        '{% extends "base.html.j2" %}{% block body %}<h1>Programme maison {{ sheet.module.title }}</h1>{% endblock %}',
        encoding="utf-8",
    )
    curriculum = validate(starter.root).curriculum
    path, _ = write_programme(curriculum, curriculum.modules[0], tmp_path / "dist", templates_dir=templates)
    assert "Programme maison Mon premier module" in pdf_text(path)


def test_a_failed_rendering_keeps_the_previous_pdf_and_leaves_no_temporary_file(starter, tmp_path):
    curriculum = validate(starter.root).curriculum
    module = curriculum.modules[0]
    dist = tmp_path / "dist"
    path, _ = write_programme(curriculum, module, dist)
    before = path.read_bytes()
    broken = tmp_path / "gabarits"
    broken.mkdir()
    (broken / "programme.html.j2").write_text("<p>{{ inconnu.attribut }}</p>", encoding="utf-8")
    with pytest.raises(Exception):
        write_programme(curriculum, module, dist, templates_dir=broken)
    assert path.read_bytes() == before
    assert sorted(p.name for p in dist.iterdir()) == [programme_path(dist, module).name]


def test_a_programme_without_offer_still_renders_what_the_curriculum_has(starter, tmp_path):
    curriculum = validate(starter.root).curriculum
    path, _ = write_programme(curriculum, curriculum.modules[0], tmp_path)
    text = pdf_text(path)
    assert "Mon premier module" in text and "Public visé" in text
    assert "Nous consulter" in text  # prices and access the curriculum does not give


def test_programme_command_writes_both_versions_of_the_module(starter, tmp_path):
    publish_under_qualiopi(starter)
    run = run_trainkit("documents", "programme", starter.root, "--module", "mon-module", "--out", tmp_path / "dist")
    assert run.code == 0, run.err
    assert sorted(p.name for p in (tmp_path / "dist").iterdir()) == [
        "mon-module-programme-formateur.pdf", "mon-module-programme.pdf"]
    assert "Inscription individuelle : 980 € net de taxe par stagiaire" in pdf_text(tmp_path / "dist" / "mon-module-programme.pdf")


def test_programme_command_refuses_an_invalid_curriculum_and_writes_nothing(starter, tmp_path):
    publish_under_qualiopi(starter, offer=False)
    run = run_trainkit("documents", "programme", starter.root, "--out", tmp_path / "dist")
    assert run.code == 1
    assert "mention Qualiopi manquante" in run.out
    assert "Traceback" not in run.out + run.err
    assert not (tmp_path / "dist").exists()


def test_unknown_module_is_a_usage_error_listing_the_modules(starter, tmp_path):
    run = run_trainkit("documents", "programme", starter.root, "--module", "inconnu", "--out", tmp_path)
    assert run.code == 1
    assert "module « inconnu » inconnu (modules : mon-module)" in run.err


@pytest.mark.parametrize("name", ["fondamentaux-programme.pdf", "expert-programme.pdf"])
def test_the_public_programme_fits_five_pages_without_a_near_empty_one(built, name):
    pages = pdf_pages(built[name])
    assert len(pages) <= 5
    fullest = max(len(page) for page in pages)
    assert min(len(page) for page in pages) > fullest * 0.2  # no page left about 85 % blank


def test_the_public_programme_lists_each_half_days_sessions_with_their_durations(built):
    text = normalized(" ".join(pdf_pages(built["fondamentaux-programme.pdf"])))
    assert "Séquences (durée)" in text and "Jour 1, matin" in text
    assert "Les politiques d'emploi et d'insertion" in text
