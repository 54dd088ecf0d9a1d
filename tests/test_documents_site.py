"""The programme page of the site: in both audiences' nav, with the mentions, linking the PDF when it was built."""

from __future__ import annotations

import pytest

from trainkit.api import validate
from trainkit.render import markdown_text
from trainkit.model.offer import offer_for
from trainkit.outputs.documents import write_programme
from trainkit.outputs.site import build_site
from trainkit.outputs.site.pages import Download, make_environment, nav_title, plan_site, render_page

from conftest import CURRICULUM
from documents_support import publish_under_qualiopi


def programme_page(curriculum, audience, module_id, downloads=None):
    plan = plan_site(curriculum, audience, downloads)
    [page] = [p for p in plan.pages if p.path == f"modules/{module_id}/programme.md"]
    return render_page(make_environment(None), page, curriculum.glossary)


@pytest.mark.parametrize("audience", ["learner", "trainer"])
def test_programme_page_is_in_the_nav_of_both_audiences(audience):
    curriculum = validate(CURRICULUM).curriculum
    nav = plan_site(curriculum, audience).nav
    for module in curriculum.modules:
        title = nav_title(module.title)  # as the theme prints it: escaped, typeset
        [entries] = [entry[title] for entry in nav if title in entry]
        assert {"Programme de formation": f"modules/{module.id}/programme.md"} in entries


def test_programme_page_shows_the_offer_mentions():
    curriculum = validate(CURRICULUM).curriculum
    module = curriculum.module("expert")
    offer = offer_for(curriculum.programme, module)
    text = programme_page(curriculum, "learner", "expert")
    for expected in [offer.access_delay, offer.prices[0].text(), offer.locations[0].name,
                     curriculum.programme.provider.accessibility_contact.email, "## Modalités d'évaluation",
                     "## Indicateurs de résultats"]:
        # The page's Markdown writes plain text inert and typeset (see trainkit.render.escape).
        assert (expected if expected.startswith("## ") else markdown_text(expected)) in text


def test_programme_page_without_a_built_pdf_has_no_download_link():
    curriculum = validate(CURRICULUM).curriculum
    assert ".pdf" not in programme_page(curriculum, "learner", "fondamentaux")


def test_programme_page_links_the_pdf_and_the_module_page_does_not_list_it_as_a_package():
    curriculum = validate(CURRICULUM).curriculum
    pdf = Download("Paquet programme", "telechargements/fondamentaux-programme.pdf", "48 Ko")
    text = programme_page(curriculum, "learner", "fondamentaux", {"fondamentaux": [pdf]})
    assert "[Télécharger le programme de formation (PDF, 48\u00a0Ko)](../../telechargements/fondamentaux-programme.pdf)" in text
    plan = plan_site(curriculum, "learner", {"fondamentaux": [pdf]})
    [index] = [p for p in plan.pages if p.path == "modules/fondamentaux/index.md"]
    assert index.context["downloads"] == []


def test_built_site_serves_the_programme_pdf_from_its_page(starter, tmp_path):
    publish_under_qualiopi(starter)
    curriculum = validate(starter.root).curriculum
    pdf, _ = write_programme(curriculum, curriculum.modules[0], tmp_path / "dist")
    build_site(curriculum, tmp_path / "site", audiences=("learner",), work_dir=tmp_path / "tree", packages=[pdf])
    learner = tmp_path / "site" / "learner"
    page = (learner / "modules" / "mon-module" / "programme.html").read_text(encoding="utf-8")
    assert 'href="../../telechargements/mon-module-programme.pdf"' in page
    assert (learner / "telechargements" / "mon-module-programme.pdf").read_bytes() == pdf.read_bytes()
    assert "mon-module-programme.pdf" not in (learner / "modules" / "mon-module" / "index.html").read_text(encoding="utf-8")
