"""The training site: what `trainkit build` publishes for learners and for trainers."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from trainkit.api import validate
from trainkit.outputs.site.tree import write_tree

from conftest import CURRICULUM, REPO, run_trainkit
from site_support import TRAINER_MARKER


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def all_text_files(root: Path):
    for path in root.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".js", ".json", ".xml", ".css", ".md", ".txt"}:
            yield path


def test_build_writes_one_site_per_audience(built_site):
    assert (built_site.learner / "index.html").is_file()
    assert (built_site.trainer / "index.html").is_file()


def test_learner_site_has_no_trainer_pages(built_site):
    assert not list(built_site.learner.rglob("deroule.html"))
    assert not list(built_site.learner.rglob("matrice.html"))
    assert (built_site.trainer / "modules" / "expert" / "deroule.html").is_file()
    assert (built_site.trainer / "modules" / "expert" / "matrice.html").is_file()


def test_no_trainer_note_reaches_any_file_of_the_learner_site(built_site):
    leaked = [p for p in all_text_files(built_site.learner) if TRAINER_MARKER in read(p)]
    assert leaked == []
    # the marker is really there to be found: the trainer site shows every note
    assert TRAINER_MARKER in read(built_site.trainer / "modules" / "expert" / "deroule.html")


def search_index(site: Path) -> list[dict]:
    """The documents of a site's search index, as the browser gets them, checked against each other:
    the JSON served over HTTP and the offline plugin's script copy for file:// — MkDocs + Material's
    search/search_index.json and .js, or Zensical's search.json and search.js."""
    zensical = (site / "search.json").is_file()
    json_file, script_file = (("search.json", "search.js") if zensical
                              else ("search/search_index.json", "search/search_index.js"))
    from_json = json.loads(read(site / json_file))
    script = read(site / script_file)
    prefix = "var __index = "
    assert script.startswith(prefix), script[:80]
    from_js = json.loads(script[len(prefix):].rstrip().rstrip(";"))
    assert from_js == from_json
    return from_json["items"] if zensical else from_json["docs"]


def test_learner_search_index_and_sitemap_hold_no_trainer_text(built_site):
    learner, trainer = search_index(built_site.learner), search_index(built_site.trainer)
    # The marker is planted in every session's trainer notes: the trainer index holds it, with the
    # trainer-only pages; the learner index is the real one (it finds a learner page), without them.
    assert any(TRAINER_MARKER in doc["text"] for doc in trainer)
    trainer_only = {"deroule.html", "matrice.html"}
    assert {doc["location"].split("#")[0].rsplit("/", 1)[-1] for doc in trainer} >= trainer_only
    assert any("Garantie jeunes" in doc["title"] + doc["text"] for doc in learner)
    assert any(doc["location"].startswith("modules/fondamentaux/sequences/garantie-jeunes-cej-pacea.html") for doc in learner)
    for doc in learner:
        fields = doc["location"] + doc["title"] + doc["text"]
        assert TRAINER_MARKER not in fields and "Notes pour le formateur" not in fields, doc["location"]
        assert doc["location"].split("#")[0].rsplit("/", 1)[-1] not in trainer_only, doc["location"]
    # The home's module cards repeat the module pages (and 200 of them overflow Zensical's index).
    assert not any(doc["location"].endswith("#les-modules") and "Commencer" in doc["text"] for doc in learner)
    # The page's facts and its navigation are not what a search should show.
    assert not any("Marquer comme vue" in doc["text"] or "Séquence suivante" in doc["text"] for doc in learner)
    # The search splits words on hyphens: no part of the marker that only the marker holds either.
    index_file = "search.json" if built_site.engine == "zensical" else "search/search_index.json"
    assert TRAINER_MARKER.rsplit("-", 1)[-1] not in read(built_site.learner / index_file)
    assert "deroule" not in read(built_site.learner / "sitemap.xml")


def test_trainer_session_page_shows_the_notes(built_site):
    page = read(built_site.trainer / "modules" / "fondamentaux" / "sequences" / "garantie-jeunes-cej-pacea.html")
    assert "Notes pour le formateur" in page and TRAINER_MARKER in page


class _Resources(HTMLParser):
    """Collects the URLs a browser would fetch by itself (not links a reader may click)."""

    FETCHING = {"script": "src", "img": "src", "iframe": "src", "frame": "src", "source": "src",
                "audio": "src", "video": "src", "embed": "src", "object": "data"}

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("href") and attrs.get("rel") not in ("canonical", "alternate"):
            self.urls.append(attrs["href"])
        elif tag in self.FETCHING and attrs.get(self.FETCHING[tag]):
            self.urls.append(attrs[self.FETCHING[tag]])


EXTERNAL = re.compile(r"^(?:https?:)?//", re.I)
CDN_HOSTS = re.compile(r"https?://(?:unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com|fonts\.googleapis\.com|"
                       r"fonts\.gstatic\.com|www\.googletagmanager\.com|www\.google-analytics\.com|polyfill\.io|"
                       r"api\.github\.com)", re.I)


def test_built_site_makes_no_request_to_another_host(built_site):
    offenders = []
    for path in built_site.root.rglob("*"):
        if path.suffix == ".html":
            parser = _Resources()
            parser.feed(read(path))
            offenders += [(path.name, u) for u in parser.urls if EXTERNAL.match(u)]
        elif path.suffix == ".css":
            offenders += [(path.name, u) for u in re.findall(r"url\(\s*['\"]?([^'\")]+)", read(path)) if EXTERNAL.match(u)]
            offenders += [(path.name, u) for u in re.findall(r"@import\s+['\"]([^'\"]+)", read(path)) if EXTERNAL.match(u)]
        elif path.suffix == ".js":
            offenders += [(path.name, m.group(0)) for m in CDN_HOSTS.finditer(read(path))]
    assert offenders == []


def test_pages_use_no_google_font(built_site):
    assert "fonts.googleapis" not in read(built_site.learner / "index.html")


def test_home_presents_programme_strategy_and_modules(built_site):
    home = read(built_site.learner / "index.html")
    for text in ("Les engagements de la stratégie", "un choc de participation", "Les fondamentaux de l'insertion",
                 "Public prioritaire", "À suivre après", "Durée", "Commencer"):
        assert text in home, text


def test_modules_are_listed_fondamentaux_first(built_site):
    home = read(built_site.learner / "index.html")
    assert home.index("modules/fondamentaux/index.html") < home.index("modules/expert/index.html")


def test_nested_content_of_the_seed_is_rendered_as_nested_lists(built_site):
    page = read(built_site.learner / "modules" / "fondamentaux" / "competences.html")
    families = page.index("Les contrats et dispositifs d'accompagnement dans l'emploi")
    ordered_list = page.rindex("<ol>", 0, families)
    assert page.index("Les parcours emploi-compétence", families) < page.index("</ol>", ordered_list)


def test_planning_shows_days_half_days_and_the_intersession(built_site):
    page = read(built_site.learner / "modules" / "expert" / "planning.html")
    for text in ("Partie 1", "Intersession 1", "Partie 2", "Jour 5", "Matin", "Après-midi"):
        assert text in page, text


def test_acronyms_are_explained_on_hover(built_site):
    page = read(built_site.learner / "modules" / "fondamentaux" / "sequences" / "garantie-jeunes-cej-pacea.html")
    assert '<abbr title="contrat d\'engagement jeune">CEJ</abbr>' in page


def test_glossary_page_lists_the_acronyms(built_site):
    page = read(built_site.learner / "glossaire.html")
    for term in ("RSA", "SIAE", "PMSMP", "PACEA"):
        assert f">{term}</abbr></strong>" in page


def test_matrix_marks_which_session_covers_which_objective(built_site):
    page = read(built_site.trainer / "modules" / "fondamentaux" / "matrice.html")
    assert page.count('<span aria-label="travaillé">●</span>') >= 13
    assert "Chaque objectif est travaillé dans au moins une séquence" in page


def test_the_matrix_groups_objectives_under_competence_names_with_compact_session_columns(built_site):
    curriculum = validate(CURRICULUM).curriculum
    module = next(m for m in curriculum.modules if m.id == "fondamentaux")
    page = read(built_site.trainer / "modules" / "fondamentaux" / "matrice.html")
    table = page.split('class="tk-matrix-table"', 1)[1].split("</table>", 1)[0]
    assert table.count('<tr class="tk-group">') == len(module.competences)
    assert 'scope="colgroup"' in table and module.competences[0].id not in table  # names, never slugs
    assert '<a href="sequences/ouverture-strategie.html" title="' in table and ">S1</a><span>J1" in table


def test_site_search_is_configured_in_french_and_works_offline(built_site):
    config = read(built_site.tree / "learner" / "mkdocs.yml")
    assert "lang: fr" in config and "language: fr" in config
    assert search_index(built_site.learner)  # the index, with its script copy for file://


def test_generated_tree_builds_with_plain_mkdocs_strict(built_site, tmp_path):
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                          "-f", str(built_site.tree / "learner" / "mkdocs.yml"), "-d", str(tmp_path / "out")],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "out" / "index.html").is_file()


def test_generated_config_uses_no_plugin_beyond_materials_search_and_offline(built_site):
    import yaml

    config = yaml.safe_load(read(built_site.tree / "trainer" / "mkdocs.yml"))
    assert [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]] == ["search", "offline"]
    assert config["theme"]["font"] is False


def test_pages_are_rewritten_only_when_their_text_changes(tmp_path):
    curriculum = validate(CURRICULUM).curriculum
    first = write_tree(curriculum, "learner", tmp_path)
    again = write_tree(curriculum, "learner", tmp_path)
    assert first.written and again.written == [] and again.removed == []
    module = curriculum.modules[0]
    session = module.sessions[3]
    edited = module.model_copy(update={"sessions": [
        *module.sessions[:3], session.model_copy(update={"content": session.content + "\n\nAjout."}), *module.sessions[4:]]})
    curriculum.modules[0] = edited
    changed = write_tree(curriculum, "learner", tmp_path)
    assert [p.name for p in changed.written] == [f"{session.id}.md"]


def test_build_refuses_an_invalid_curriculum_and_writes_nothing(starter, tmp_path):
    starter.edit_module("duration: 2h30", "duration: 2 heures")
    run = run_trainkit("build", starter.root, "--out", tmp_path / "site", cwd=tmp_path)
    assert run.code == 1
    assert "2 heures" in run.out
    assert not (tmp_path / "site").exists()


def test_build_command_builds_both_sites(starter, tmp_path):
    run = run_trainkit("build", starter.root, "--out", tmp_path / "site", cwd=tmp_path)
    assert run.code == 0, run.err
    assert (tmp_path / "site" / "learner" / "modules" / "mon-module" / "sequences" / "cartographie.html").is_file()
    assert (tmp_path / "site" / "trainer" / "modules" / "mon-module" / "deroule.html").is_file()


def test_a_training_body_overrides_one_template(starter, tmp_path):
    overrides = tmp_path / "gabarits"
    overrides.mkdir()
    (overrides / "glossaire.md.j2").write_text("# Nos sigles maison\n\n{{ glossary.terms | length }} sigles.\n", encoding="utf-8")
    run = run_trainkit("build", starter.root, "--out", tmp_path / "site", "--templates", overrides,
                       "--audience", "learner", cwd=tmp_path)
    assert run.code == 0, run.err
    assert "Nos sigles maison" in read(tmp_path / "site" / "learner" / "glossaire.html")
    assert "Planning des séquences" in read(tmp_path / "site" / "learner" / "modules" / "mon-module" / "planning.html")


def test_user_mkdocs_yml_sets_the_look_but_not_the_fonts(starter, tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Mon IRTS\ntheme:\n  name: material\n  font:\n    text: Roboto\n  palette:\n    primary: teal\n",
        encoding="utf-8")
    run = run_trainkit("build", starter.root, "--out", tmp_path / "site", "--audience", "learner", cwd=tmp_path)
    assert run.code == 0, run.err
    home = read(tmp_path / "site" / "learner" / "index.html")
    assert "Mon IRTS" in home and 'data-md-color-primary="teal"' in home
    assert "fonts.googleapis" not in home


def test_unreadable_site_config_is_a_located_error(starter, tmp_path):
    (tmp_path / "mkdocs.yml").write_text("theme:\n\tname: material\n", encoding="utf-8")
    run = run_trainkit("build", starter.root, "--out", tmp_path / "site", cwd=tmp_path)
    assert run.code == 1
    assert "mkdocs.yml:2:1" in run.err and "Traceback" not in run.err


def test_build_makes_packages_and_documents_and_links_them_from_the_site(starter, tmp_path):
    run = run_trainkit("build", starter.root, "--out", tmp_path / "site", "--dist", tmp_path / "dist", cwd=tmp_path)
    assert run.code == 0, run.err
    built = sorted(p.name for p in (tmp_path / "dist").iterdir())
    assert built == ["fiches-seance", "mon-module-fiches-seance-formateur.pdf", "mon-module-programme-formateur.pdf",
                     "mon-module-programme.pdf", "mon-module-questions-moodle.xml", "mon-module-scorm12.zip",
                     "mon-module-scorm2004.zip", "ressources"]
    module_page = read(tmp_path / "site" / "trainer" / "modules" / "mon-module" / "index.html")
    assert 'href="../../telechargements/mon-module-scorm12.zip"' in module_page
    programme_page = read(tmp_path / "site" / "learner" / "modules" / "mon-module" / "programme.html")
    assert 'href="../../telechargements/mon-module-programme.pdf"' in programme_page


def test_trainer_programme_pdf_stays_out_of_the_learner_site(starter, tmp_path):
    run = run_trainkit("build", starter.root, "--out", tmp_path / "site", "--dist", tmp_path / "dist", cwd=tmp_path)
    assert run.code == 0, run.err
    assert not list((tmp_path / "site" / "learner").rglob("*formateur*"))
    assert (tmp_path / "site" / "trainer" / "telechargements" / "mon-module-programme-formateur.pdf").is_file()
    assert "programme-formateur.pdf" not in read(tmp_path / "site" / "learner" / "modules" / "mon-module" / "programme.html")
    assert "programme-formateur.pdf" in read(tmp_path / "site" / "trainer" / "modules" / "mon-module" / "programme.html")


def test_build_command_builds_both_sites_with_zensical(starter, tmp_path):
    run = run_trainkit("build", starter.root, "--out", tmp_path / "site", "--dist", tmp_path / "dist",
                       "--engine", "zensical", cwd=tmp_path)
    assert run.code == 0, run.err
    for audience in ("learner", "trainer"):
        assert (tmp_path / "site" / audience / "search.json").is_file()  # Zensical's index: its build, not MkDocs's
        assert "Mon premier module" in read(tmp_path / "site" / audience / "modules" / "mon-module" / "index.html")


def test_a_missing_zensical_is_a_french_message_naming_the_extra(monkeypatch, tmp_path):
    import importlib.util

    from trainkit.outputs.site.build import SiteBuildError, run_zensical

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "zensical" else real(name, *a))
    with pytest.raises(SiteBuildError, match=r"pip install 'trainkit\[zensical\]'"):
        run_zensical(tmp_path / "mkdocs.yml", tmp_path / "site")


def test_run_sheets_reach_the_trainer_site_only(starter, tmp_path):
    run = run_trainkit("build", starter.root, "--out", tmp_path / "site", "--dist", tmp_path / "dist", cwd=tmp_path)
    assert run.code == 0, run.err
    assert "Fiches séance : " in run.out and "(2 fichiers, une par séquence)" in run.out
    learner, trainer = tmp_path / "site" / "learner", tmp_path / "site" / "trainer"
    assert not list(learner.rglob("*fiche*"))
    sheet = read(trainer / "modules" / "mon-module" / "fiches" / "cartographie.html")
    assert 'href="../../../telechargements/fiches-seance/mon-module/02-cartographie.pdf"' in sheet
    assert (trainer / "telechargements" / "fiches-seance" / "mon-module" / "02-cartographie.pdf").is_file()


def test_learner_site_links_no_scorm_package_nor_moodle_questions(starter, tmp_path):
    # A package's pages must score the graded evaluation: a learner holding the zip could read them.
    run = run_trainkit("build", starter.root, "--out", tmp_path / "site", "--dist", tmp_path / "dist", cwd=tmp_path)
    assert run.code == 0, run.err
    learner = tmp_path / "site" / "learner"
    assert not list(learner.rglob("*.zip")) and not list(learner.rglob("*-questions-moodle.xml"))
    assert not [page for page in learner.rglob("*.html") if "scorm12.zip" in read(page) or "scorm2004.zip" in read(page)]
    assert (tmp_path / "site" / "trainer" / "telechargements" / "mon-module-scorm2004.zip").is_file()


def test_export_of_an_unknown_module_is_a_usage_error(starter, tmp_path):
    run = run_trainkit("export", starter.root, "--module", "inconnu", "--out", tmp_path, cwd=tmp_path)
    assert run.code == 1
    assert "module inconnu : inconnu" in run.err


def test_a_handout_explains_the_glossarys_acronyms_on_hover(built_site):
    page = read(built_site.learner / "ressources" / "fondamentaux" / "cas-fil-rouge.html")
    assert '<abbr title="revenu de solidarité active">RSA</abbr>' in page


def test_learners_see_objectives_without_their_bloom_level_and_trainers_with_it(built_site):
    path = ("modules", "fondamentaux", "competences.html")
    learner, trainer = read(built_site.learner.joinpath(*path)), read(built_site.trainer.joinpath(*path))
    assert "(mémoriser)" not in learner and "(comprendre)" not in learner
    assert "<em>(" in trainer


def test_no_page_carries_the_english_made_with_notice(built_site):
    for folder in (built_site.learner, built_site.trainer):
        assert "Made with" not in read(folder / "index.html")


def test_the_glossary_is_a_definition_list_with_a_letter_index(built_site):
    page = read(built_site.learner / "glossaire.html")
    assert 'class="tk-letters"' in page and 'href="#lettre-1"' in page
    assert '<dt><strong><abbr title="revenu de solidarité active">RSA</abbr></strong></dt>' in page
    assert "<table" not in page.split('class="md-content"', 1)[1]


def test_each_module_card_starts_the_module_at_its_first_session(built_site):
    home = read(built_site.learner / "index.html")
    card = home.split('class="grid cards tk-modules"', 1)[1].split("</ul>", 1)[0]
    assert 'href="modules/fondamentaux/sequences/ouverture-strategie.html"' in card
    assert card.count(">Commencer<") == 2


def test_trainer_site_has_a_run_sheet_page_per_session_and_learners_none(built_site):
    sheets = sorted(p.stem for p in (built_site.trainer / "modules" / "fondamentaux" / "fiches").glob("*.html"))
    sessions = sorted(p.stem for p in (built_site.trainer / "modules" / "fondamentaux" / "sequences").glob("*.html"))
    assert sheets == sessions and len(sheets) > 10
    assert not list(built_site.learner.rglob("fiches"))


def test_the_run_sheet_page_times_each_activity_from_the_session_start(built_site):
    page = read(built_site.trainer / "modules" / "fondamentaux" / "fiches" / "ouverture-strategie.html")
    text = re.sub(r"<[^>]+>", " ", page)
    assert re.search(r"9h00–9h15\s+15\u00a0min\s+Accueil", text)
    for heading in ("Déroulé minuté", "Matériel", "Questions à poser au groupe", "Points de vigilance"):
        assert f">{heading}<" in page


def test_a_session_page_says_where_it_sits_in_the_module(built_site):
    page = read(built_site.learner / "modules" / "fondamentaux" / "sequences" / "cartographie-acteurs.html")
    assert re.search(r'<p class="tk-place"[^>]*>Séquence 3 sur 19, jour 1 sur 4</p>', page)
    assert "13h30–15h30" in page


def test_a_session_page_and_a_run_sheet_link_back_to_their_module(built_site):
    # On a site too large to list every session in its menu, this link is the way back up.
    session = read(built_site.learner / "modules" / "fondamentaux" / "sequences" / "cartographie-acteurs.html")
    assert re.search(r'<em><a href="\.\./index\.html">Les fondamentaux de l\'insertion socio-professionnelle</a></em>', session)
    sheet = read(built_site.trainer / "modules" / "fondamentaux" / "fiches" / "cartographie-acteurs.html")
    assert '<em><a href="../deroule.html">' in sheet


def test_a_session_page_links_the_previous_and_the_next_session(built_site):
    folder = built_site.learner / "modules" / "fondamentaux" / "sequences"
    middle = read(folder / "cartographie-acteurs.html").split('class="tk-session-nav"', 1)[1].split("</nav>", 1)[0]
    assert 'class="tk-previous" href="politiques-emploi-insertion.html"' in middle
    assert 'class="tk-next" href="parcours-fil-rouge.html"' in middle
    first = read(folder / "ouverture-strategie.html").split('class="tk-session-nav"', 1)[1].split("</nav>", 1)[0]
    assert "tk-previous" not in first and "tk-next" in first


def test_the_module_page_lists_the_sessions_day_by_day_with_clock_times(built_site):
    page = read(built_site.learner / "modules" / "fondamentaux" / "index.html")
    days = page.split('id="jour-par-jour"', 1)[1]
    assert days.index("Jour 1") < days.index("9h00–10h30") < days.index("Jour 2")
    assert 'data-tk-seen-mark="fondamentaux/cartographie-acteurs" hidden' in days


def theme_strings(language: str) -> dict[str, str]:
    import material

    partial = Path(material.__file__).parent / "templates" / "partials" / "languages" / f"{language}.html"
    return dict(re.findall(r'"([\w.]+)": "([^"]*)"', read(partial)))


def test_the_interface_of_every_page_of_both_sites_is_in_french(built_site):
    english, french = theme_strings("en"), theme_strings("fr")
    # The theme's English words, where French says something else (« Navigation » is both).
    words = {value for key, value in english.items() if len(value) > 3 and french.get(key) != value}
    found = {}
    for site in (built_site.learner, built_site.trainer):
        for path in site.rglob("*.html"):
            chrome = re.sub(r"<article.*?</article>", "", read(path), flags=re.S)  # the page minus its content
            hits = sorted(word for word in words if word in chrome)
            if hits:
                found[path.relative_to(site).as_posix()] = hits
    assert found == {}
    assert "<h1>Page introuvable</h1>" in read(built_site.learner / "404.html")


@pytest.mark.parametrize("built_site", ["zensical"], indirect=True)
def test_zensicals_search_dialog_speaks_french(built_site):
    from trainkit.outputs.site.build import ZENSICAL_FRENCH

    bundles = "".join(read(p) for p in (built_site.learner / "assets" / "javascripts").glob("*.js"))
    assert [english for english in ZENSICAL_FRENCH if english in bundles] == []
    assert 'placeholder:"Rechercher"' in bundles and 'a="Aucun résultat"' in bundles


@pytest.mark.parametrize("built_site", ["zensical"], indirect=True)
def test_zensical_builds_with_the_material_look_and_without_materials_search_partial(built_site):
    config = read(built_site.tree / "learner" / "mkdocs.yml")
    assert "variant: classic" in config
    assert not (built_site.tree / "learner" / "overrides" / "partials" / "search.html").exists()
    assert (built_site.tree / "learner" / "overrides" / "main.html").is_file()


def menu_titles(entries) -> list[str]:
    """Every title of a mkdocs.yml nav, sections and pages, depth first."""
    titles = []
    for entry in entries:
        for title, value in entry.items():
            titles.append(title)
            if isinstance(value, list):
                titles += menu_titles(value)
    return titles


def test_a_site_of_thousands_of_pages_keeps_each_modules_pages_in_its_menu_but_not_each_session(monkeypatch):
    from trainkit.outputs.site import pages

    curriculum = validate(CURRICULUM).curriculum
    monkeypatch.setattr(pages, "SESSION_MENU_LIMIT", 20)  # the bundled plan stands in for thousands of pages
    plan = pages.plan_site(curriculum, "trainer")
    titles = menu_titles(plan.nav)
    assert "Séquences" not in titles and "Fiches séance" not in titles
    assert titles.count("Présentation") == titles.count("Déroulé pédagogique") == len(curriculum.modules)
    planned = {page.path for page in plan.pages}
    assert all(pages.session_page(m, s) in planned and pages.run_sheet_page(m, s) in planned
               for m in curriculum.modules for s in m.sessions)


def test_a_small_site_lists_every_session_in_its_menu():
    from trainkit.outputs.site import pages

    curriculum = validate(CURRICULUM).curriculum
    titles = menu_titles(pages.plan_site(curriculum, "learner").nav)
    assert titles.count("Séquences") == len(curriculum.modules)


def test_a_curriculum_of_many_modules_groups_them_by_twenty_in_the_menu(tmp_path):
    import sys

    from trainkit.outputs.site import pages

    sys.path.insert(0, str(REPO / "bench"))
    from synthetic import write_synthetic_curriculum

    result = validate(write_synthetic_curriculum(tmp_path / "curriculum", modules=45, sessions_per_module=15))
    assert result.ok(strict=True)
    curriculum = result.curriculum
    nav = pages.plan_site(curriculum, "learner").nav

    assert [next(iter(entry)) for entry in nav] == ["Accueil", "Modules 1 à 20", "Modules 21 à 40", "Modules 41 à 45",
                                                    "Glossaire"]
    grouped = [module for entry in nav[1:4] for module in next(iter(entry.values()))]
    assert [next(iter(module)) for module in grouped] == [pages.nav_title(m.title) for m in curriculum.modules]


def test_a_curriculum_of_a_few_modules_lists_them_in_the_menu_itself():
    from trainkit.outputs.site import pages

    curriculum = validate(CURRICULUM).curriculum
    titles = [next(iter(entry)) for entry in pages.plan_site(curriculum, "learner").nav]
    assert [pages.nav_title(m.title) for m in curriculum.modules] == titles[1:1 + len(curriculum.modules)]


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_modules_grouped_in_the_menu_build_strictly_and_show_the_group(engine, starter, tmp_path, monkeypatch):
    from trainkit.outputs.site import build_site, pages

    if engine == "zensical":
        pytest.importorskip("zensical", reason="Zensical absent : pip install -e '.[test]'")
    monkeypatch.setattr(pages, "MODULE_MENU_LIMIT", 0)  # the starter's one module stands in for dozens
    build_site(validate(starter.root).curriculum, tmp_path / "site", audiences=("learner",), work_dir=tmp_path / "tree",
               engine=engine)
    home = read(tmp_path / "site" / "learner" / "index.html")
    assert "Modules 1 à 1" in home
    assert 'href="modules/mon-module/index.html"' in home


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_sessions_left_out_of_the_menu_build_strictly_and_stay_linked_from_their_module(engine, starter, tmp_path,
                                                                                       monkeypatch):
    from trainkit.outputs.site import build_site, pages

    if engine == "zensical":
        pytest.importorskip("zensical", reason="Zensical absent : pip install -e '.[test]'")
    monkeypatch.setattr(pages, "SESSION_MENU_LIMIT", 2)
    build_site(validate(starter.root).curriculum, tmp_path / "site", audiences=("learner",), work_dir=tmp_path / "tree",
               engine=engine)
    module = tmp_path / "site" / "learner" / "modules" / "mon-module"
    assert (module / "sequences" / "cartographie.html").is_file()
    assert 'href="sequences/cartographie.html"' in read(module / "index.html")


def test_a_page_lists_the_glossary_terms_found_as_whole_words():
    import random
    import re

    from trainkit.outputs.site.pages import _terms_in, _terms_pattern

    terms = ("RSA", "IAE", "SIAE", "A-B", "B")
    whole_words = re.compile(r"(?<![\w-])(?:SIAE|RSA|IAE|A-B|B)(?![\w-])")
    pieces = [*terms, "X", "-", " ", "é", "_", "1", ".", "S", "A"]
    rng = random.Random(7)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert _terms_in(_terms_pattern(terms), text) == set(whole_words.findall(text)), text
    assert _terms_in(_terms_pattern(terms), "le RSA, une SIAE, XIAE, A-B") == {"RSA", "SIAE", "A-B"}
