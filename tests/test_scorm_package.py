"""SCORM packages as files: the manifest, what the zip holds, and what never goes in it."""

from __future__ import annotations

import html
import re
import zipfile
from html.parser import HTMLParser
from pathlib import PurePosixPath

import pytest
from lxml import etree
from scorm_support import (  # noqa: F401 - fixtures
    FORMATS,
    PDF_BYTES,
    TRAINER_MARKER,
    make_curriculum,
    manifest_of,
    manifest_schema,
    module_data,
    packages,
    read_entries,
    scorm_curriculum,
)

from trainkit.errors import TrainkitError
from trainkit.outputs.scorm import export_packages

CP = {
    "scorm12": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "scorm2004": "http://www.imsglobal.org/xsd/imscp_v1p1",
}
ADLCP = {
    "scorm12": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    "scorm2004": "http://www.adlnet.org/xsd/adlcp_v1p3",
}
IMSSS = "http://www.imsglobal.org/xsd/imsss"


def ns(fmt: str) -> dict[str, str]:
    return {"cp": CP[fmt], "adlcp": ADLCP[fmt], "imsss": IMSSS}


def listed_files(manifest, fmt: str) -> set[str]:
    return {f.get("href") for f in manifest.iterfind(".//cp:resource/cp:file", ns(fmt))}


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []  # (tag, attribute, value)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.urls.append((tag, name, value))


def links_of(html: bytes) -> list[tuple[str, str, str]]:
    parser = Links()
    parser.feed(html.decode("utf-8"))
    return parser.urls


# --- the entry point -----------------------------------------------------------------------------


def test_one_zip_per_module_named_after_module_and_format(starter, tmp_path):
    from trainkit.api import validate

    curriculum = validate(starter.root).curriculum
    twin = module_data()
    twin["id"] = "second-module"
    second = make_curriculum(tmp_path / "two", twin)
    for fmt in FORMATS:
        written = export_packages(curriculum, tmp_path / "dist", fmt)
        assert written == [tmp_path / "dist" / f"mon-module-{fmt}.zip"]
        assert zipfile.is_zipfile(written[0])
    written = export_packages(second, tmp_path / "dist2", "scorm12")
    assert [p.name for p in written] == ["second-module-scorm12.zip"]


def test_module_ids_select_the_modules_exported(scorm_curriculum, tmp_path):
    written = export_packages(scorm_curriculum, tmp_path, "scorm2004", module_ids=["insertion-essai"])
    assert [p.name for p in written] == ["insertion-essai-scorm2004.zip"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["insertion-essai-scorm2004.zip"]


def test_unknown_module_raises_a_french_value_error(scorm_curriculum, tmp_path):
    with pytest.raises(ValueError, match="module inconnu : « absent » .*insertion-essai"):
        export_packages(scorm_curriculum, tmp_path, "scorm12", module_ids=["absent"])
    assert list(tmp_path.iterdir()) == []


def test_failed_export_leaves_nothing_half_written(tmp_path):
    data = module_data()
    data["sessions"][3]["content"] = "![Carte](https://exemple.fr/carte.png)"
    curriculum = make_curriculum(tmp_path / "c", data)
    out = tmp_path / "dist"
    with pytest.raises(ValueError, match="hors ligne"):
        export_packages(curriculum, out, "scorm12")
    assert list(out.iterdir()) == []


# --- the manifest --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_manifest_validates_against_the_official_schemas(packages, fmt):
    schema = manifest_schema(fmt)
    manifest = manifest_of(packages[fmt])
    assert schema.validate(manifest), schema.error_log


@pytest.mark.parametrize("fmt", FORMATS)
def test_schema_check_rejects_a_manifest_that_breaks_the_rules(packages, fmt):
    schema = manifest_schema(fmt)
    manifest = manifest_of(packages[fmt])
    item = manifest.find(".//cp:item", ns(fmt))
    item.set("isvisible", "peut-être")  # xs:boolean
    assert not schema.validate(manifest)


@pytest.mark.parametrize("fmt", FORMATS)
def test_adl_namespace_is_declared_with_the_adlcp_prefix(packages, fmt):
    text = read_entries(packages[fmt])["imsmanifest.xml"].decode("utf-8")
    assert f'xmlns:adlcp="{ADLCP[fmt]}"' in text
    attribute = "adlcp:scormType" if fmt == "scorm2004" else "adlcp:scormtype"
    assert f'{attribute}="sco"' in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_items_are_one_flat_list_of_sessions_titled_with_their_day(packages, fmt):
    # No item per day: in Moodle's player a day item stops « < » and « > » (see package._groups).
    organization = manifest_of(packages[fmt]).find(".//cp:organization", ns(fmt))
    items = organization.findall("cp:item", ns(fmt))
    assert all(item.get("identifierref") for item in items)
    sessions = module_data()["sessions"]
    assert [i.findtext("cp:title", namespaces=ns(fmt)) for i in items] == [
        f"Jour 1 · {sessions[0]['title']}", f"Jour 1 · {sessions[1]['title']}",
        f"Intersession · {sessions[2]['title']}", f"Jour 2 · {sessions[3]['title']}"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_item_launches_its_own_sco(packages, fmt):
    manifest = manifest_of(packages[fmt])
    resources = {r.get("identifier"): r for r in manifest.iterfind(".//cp:resource", ns(fmt))}
    scorm_type = f"{{{ADLCP[fmt]}}}" + ("scormType" if fmt == "scorm2004" else "scormtype")
    launched = []
    for item in manifest.iterfind(".//cp:item[@identifierref]", ns(fmt)):
        resource = resources[item.get("identifierref")]
        assert resource.get(scorm_type) == "sco"
        launched.append(resource.get("href"))
    assert launched == [f"sequences/{s['id']}.html" for s in module_data()["sessions"]]


@pytest.mark.parametrize("fmt", FORMATS)
def test_manifest_carries_the_module_title_and_description(packages, fmt):
    manifest = manifest_of(packages[fmt])
    data = module_data()
    assert manifest.findtext(".//cp:organization/cp:title", namespaces=ns(fmt)) == data["title"]
    texts = [t.strip() for t in manifest.find("cp:metadata", ns(fmt)).itertext() if t.strip()]
    assert data["title"] in texts
    assert data["subtitle"] in texts


def test_scorm2004_manifest_declares_flow_and_choice_at_every_level(packages):
    manifest = manifest_of(packages["scorm2004"])
    organization = manifest.find(".//cp:organization", ns("scorm2004"))
    clusters = [organization] + [
        i for i in organization.iter(f"{{{CP['scorm2004']}}}item") if i.get("identifierref") is None
    ]
    for cluster in clusters:
        mode = cluster.find("imsss:sequencing/imsss:controlMode", ns("scorm2004"))
        assert mode is not None, cluster.get("identifier")
        assert (mode.get("flow"), mode.get("choice")) == ("true", "true")


def test_scorm2004_scos_set_their_completion_and_the_lms_shows_its_navigation(packages):
    manifest = manifest_of(packages["scorm2004"])
    nav = {"adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3", **ns("scorm2004")}
    for item in manifest.iterfind(".//cp:item[@identifierref]", nav):
        controls = item.find("imsss:sequencing/imsss:deliveryControls", nav)
        assert controls.get("completionSetByContent") == "true"
        hidden = {h.text for h in item.iterfind("adlnav:presentation/adlnav:navigationInterface/adlnav:hideLMSUI", nav)}
        # previous / continue / suspend stay visible; only the buttons that lose the learner's data are hidden
        assert hidden == {"abandon", "abandonAll"}


def test_evaluation_reussie_makes_the_final_evaluation_what_completes_the_module(tmp_path):
    # « evaluation-reussie »: the module is complete once its final evaluation is passed. The 2004 manifest
    # counts only that SCO for the module's completion (rollup), and the runtime is told the rule, so the
    # SCO is completed only once passed (see test_scorm_evaluation.py). SCORM 1.2 has no rollup: there,
    # « passed » is said by the final evaluation alone, whatever the rule.
    final = {
        "id": "evaluation-finale", "kind": "finale", "title": "Évaluation finale",
        "questions": [{"id": "q1", "type": "vrai-faux", "prompt": "Le RSA est versé par la CAF.",
                       "answer": True, "objectives": ["nommer-acteurs", "orienter"]}],
    }
    entries = {}
    for completion in ("contenu-vu", "evaluation-reussie"):
        data = module_data()
        data["completion"] = completion
        data["evaluations"] = [final]
        curriculum = make_curriculum(tmp_path / completion, data)
        for fmt in FORMATS:
            [package] = export_packages(curriculum, tmp_path / completion / "dist", fmt)
            entries[completion, fmt] = read_entries(package)

    def counted_for_completion(completion: str) -> list[str]:
        manifest = etree.fromstring(entries[completion, "scorm2004"]["imsmanifest.xml"])
        organization = manifest.find(".//cp:organization", ns("scorm2004"))
        return [
            item.get("identifier")
            for item in organization.findall("cp:item", ns("scorm2004"))
            if item.find("imsss:sequencing/imsss:rollupRules[@rollupProgressCompletion='false']", ns("scorm2004")) is None
        ]

    assert counted_for_completion("contenu-vu") == [f"item-{s['id']}" for s in module_data()["sessions"]]
    assert counted_for_completion("evaluation-reussie") == ["evaluation-evaluation-finale"]
    for fmt in FORMATS:
        for completion in ("contenu-vu", "evaluation-reussie"):
            page = entries[completion, fmt]["evaluations/evaluation-finale.html"].decode("utf-8")
            assert f'data-completion="{completion}"' in page
        changed = {
            name for name, data in entries["contenu-vu", fmt].items() if entries["evaluation-reussie", fmt][name] != data
        }
        expected = {"evaluations/evaluation-finale.html"} | ({"imsmanifest.xml"} if fmt == "scorm2004" else set())
        assert changed == expected


def test_scorm12_manifest_has_no_sequencing(packages):
    text = read_entries(packages["scorm12"])["imsmanifest.xml"].decode("utf-8")
    assert "imsss" not in text and "adlnav" not in text


# --- the files of the package --------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_file_of_the_package_is_listed_in_the_manifest(packages, fmt):
    entries = set(read_entries(packages[fmt])) - {"imsmanifest.xml"}
    assert listed_files(manifest_of(packages[fmt]), fmt) == entries


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_manifest_href_resolves_to_a_file_of_the_package(packages, fmt):
    entries = set(read_entries(packages[fmt]))
    manifest = manifest_of(packages[fmt])
    hrefs = [r.get("href") for r in manifest.iterfind(".//cp:resource[@href]", ns(fmt))]
    hrefs += list(listed_files(manifest, fmt))
    assert hrefs and all(href in entries for href in hrefs)
    identifiers = {r.get("identifier") for r in manifest.iterfind(".//cp:resource", ns(fmt))}
    refs = [d.get("identifierref") for d in manifest.iterfind(".//cp:dependency", ns(fmt))]
    refs += [i.get("identifierref") for i in manifest.iterfind(".//cp:item[@identifierref]", ns(fmt))]
    assert refs and set(refs) <= identifiers


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_relative_link_in_the_pages_resolves_inside_the_package(packages, fmt):
    entries = read_entries(packages[fmt])
    checked = 0
    for name, data in entries.items():
        if not name.endswith(".html"):
            continue
        for tag, attribute, url in links_of(data):
            if url.startswith(("#", "https://", "mailto:")):
                continue
            target = PurePosixPath(name).parent / url.split("#")[0]
            resolved = PurePosixPath(*[p for p in target.parts if p != "."])
            parts: list[str] = []
            for part in resolved.parts:
                if part == "..":
                    assert parts, f"{name}: {url} leaves the package"
                    parts.pop()
                else:
                    parts.append(part)
            assert "/".join(parts) in entries, f"{name}: <{tag} {attribute}={url!r}> does not resolve"
            checked += 1
    assert checked >= 10


@pytest.mark.parametrize("fmt", FORMATS)
def test_pages_load_nothing_from_outside_the_package(packages, fmt):
    for name, data in read_entries(packages[fmt]).items():
        if name.endswith((".html", ".css", ".js")):
            text = data.decode("utf-8")
            assert not re.search(r"""(src|srcset)\s*=\s*["']?(https?:)?//""", text), name
            assert not re.search(r"""<link[^>]+href=["']?(https?:)?//""", text), name
            assert not re.search(r"""url\(\s*["']?(https?:)?//""", text), name
            assert "@import" not in text and "fonts.googleapis" not in text, name


def test_two_exports_are_byte_identical(scorm_curriculum, tmp_path):
    for fmt in FORMATS:
        [first] = export_packages(scorm_curriculum, tmp_path / "a", fmt)
        [second] = export_packages(scorm_curriculum, tmp_path / "b", fmt)
        assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("fmt", FORMATS)
def test_zip_entries_are_sorted_relative_paths_with_a_fixed_date(packages, fmt):
    with zipfile.ZipFile(packages[fmt]) as archive:
        infos = archive.infolist()
    names = [info.filename for info in infos]
    assert names == sorted(names)
    for info in infos:
        path = PurePosixPath(info.filename)
        assert not path.is_absolute() and ".." not in path.parts and "\\" not in info.filename
        assert not re.match(r"^[A-Za-z]:", info.filename)
        assert info.date_time == (2000, 1, 1, 0, 0, 0)


def test_no_trainer_note_reaches_any_byte_of_any_package(scorm_curriculum, starter, tmp_path):
    from trainkit.api import validate

    starter.edit_module("trainer_notes: |\n      Tour de table", f"trainer_notes: |\n      {TRAINER_MARKER} Tour de table")
    starter.edit_module("trainer_notes: |\n      Préparer", f"trainer_notes: |\n      {TRAINER_MARKER} Préparer")
    curricula = [scorm_curriculum, validate(starter.root).curriculum]
    assert all(TRAINER_MARKER in s.trainer_notes for c in curricula for m in c.modules for s in m.sessions)
    marker = TRAINER_MARKER.encode("utf-8")
    checked = 0
    for index, curriculum in enumerate(curricula):
        for fmt in FORMATS:
            for package in export_packages(curriculum, tmp_path / str(index), fmt):
                assert marker not in package.read_bytes()
                for name, data in read_entries(package).items():
                    assert marker not in data, name
                    checked += 1
    assert checked > 10


def test_resource_files_travel_unchanged(packages):
    for fmt in FORMATS:
        assert read_entries(packages[fmt])["documents/ressources/grille.pdf"] == PDF_BYTES


def test_markdown_documents_become_pages_with_their_own_links_carried(packages):
    entries = read_entries(packages["scorm12"])
    sheet = entries["documents/ressources/fiche-orientation.html"].decode("utf-8")
    assert "<h1>Fiche d'orientation</h1>" in sheet
    assert "<table>" in sheet
    assert 'href="grille.pdf"' in sheet
    assert '<html lang="fr">' in sheet


def test_session_resources_are_listed_with_files_and_links_opening_a_new_window(packages):
    page = read_entries(packages["scorm2004"])["sequences/acteurs-orientation.html"].decode("utf-8")
    resources = page.split('<div class="sco-resources">', 1)[1].split("</div>", 1)[0]
    assert 'href="../documents/ressources/grille.pdf" target="_blank"' in resources
    assert 'href="https://emplois.inclusion.beta.gouv.fr/" target="_blank" rel="noopener"' in resources
    assert "Grille de diagnostic" in resources and "À imprimer." in resources


def test_glossary_acronyms_are_explained_with_abbr(packages):
    page = read_entries(packages["scorm12"])["sequences/ouverture.html"].decode("utf-8")
    assert '<abbr title="revenu de solidarité active">RSA</abbr>' in page
    # in the title and objectives too, not only in the Markdown content
    assert re.search(r'<h1 id="titre">[^<]*<abbr title="revenu de solidarité active">RSA</abbr>', page)
    objectives = page.split("Objectifs de la séquence", 1)[1].split("</ul>", 1)[0]
    assert '<abbr title="insertion par l&#x27;activité économique">IAE</abbr>' in objectives or (
        "<abbr title=\"insertion par l'activité économique\">IAE</abbr>" in objectives
    )


def test_markdown_tables_and_attributes_are_rendered(tmp_path):
    data = module_data()
    data["sessions"][3]["content"] = "| A | B |\n|---|---|\n| 1 | 2 |\n\nImportant.\n{: .important }"
    curriculum = make_curriculum(tmp_path / "c", data)
    [package] = export_packages(curriculum, tmp_path / "dist", "scorm12")
    page = read_entries(package)["sequences/retour.html"].decode("utf-8")
    assert '<div aria-label="Tableau" class="table" role="region" tabindex="0"><table>' in page
    assert '<p class="important">Important.</p>' in page


def test_a_list_written_right_under_a_line_is_a_list(packages):
    page = read_entries(packages["scorm12"])["sequences/ouverture.html"].decode("utf-8")
    assert "<ol>\n<li>L'égalité des chances</li>" in page


def test_content_is_cut_into_pages_at_its_top_level_headings(packages):
    page = read_entries(packages["scorm12"])["sequences/ouverture.html"].decode("utf-8")
    sections = re.findall(r'<section class="sco-page"[^>]*data-page="(\d+)"', page)
    assert sections == ["1", "2", "3", "4"]
    labels = [html.unescape(label) for label in re.findall(r'data-goto="\d+">([^<]+)<', page)]
    assert labels == ["Introduction", "Les engagements", "Le RSA aujourd'hui", "Pour la suite"]


def test_long_content_without_headings_is_cut_at_a_bold_lead(packages):
    page = read_entries(packages["scorm12"])["sequences/acteurs-orientation.html"].decode("utf-8")
    bodies = re.split(r'<section class="sco-page"', page)[1:]
    assert len(bodies) >= 2
    for body in bodies[1:]:
        content = body.split(">", 1)[1].lstrip()
        assert content.startswith("<p><strong>")


def test_headings_under_the_session_title_start_at_h2(tmp_path):
    data = module_data()
    data["sessions"][3]["content"] = "### Partie A\n\nTexte.\n\n#### Détail\n\nTexte.\n\n### Partie B\n\nTexte."
    curriculum = make_curriculum(tmp_path / "c", data)
    [package] = export_packages(curriculum, tmp_path / "dist", "scorm2004")
    page = read_entries(package)["sequences/retour.html"].decode("utf-8")
    assert "<h2>Partie A</h2>" in page and "<h3>Détail</h3>" in page and "<h2>Partie B</h2>" in page
    assert page.count('class="sco-page"') == 2


def test_the_session_presenting_the_strategy_shows_the_programme_framing(scorm_curriculum, packages):
    entries = read_entries(packages["scorm12"])
    strategy = scorm_curriculum.programme.strategy
    opening = html.unescape(entries["sequences/ouverture.html"].decode("utf-8"))
    assert f'<h2 id="strategie">{strategy.title}</h2>' in opening
    assert all(f"<li>{engagement}</li>" in opening for engagement in strategy.engagements)
    assert strategy.levers[0] in opening
    assert 'id="strategie"' not in entries["sequences/retour.html"].decode("utf-8")


def test_first_page_states_the_methods_and_objectives(packages):
    page = html.unescape(read_entries(packages["scorm2004"])["sequences/acteurs-orientation.html"].decode("utf-8"))
    first = page.split('data-page="1"', 1)[1].split('data-page="2"', 1)[0]
    assert "<strong>Méthodes</strong>\u00a0: Apports théoriques et méthodologiques, Étude de cas" in first  # typeset
    assert "Orienter une personne vers le bon acteur" in first


def test_intersession_work_is_an_item_with_its_instructions(packages):
    page = read_entries(packages["scorm12"])["sequences/terrain.html"].decode("utf-8")
    assert "Rencontrez deux acteurs" in page
    assert "<li>Intersession</li>" in page and "<li>travail personnel</li>" in page


def test_pages_are_french_responsive_and_use_relative_paths(packages):
    for fmt in FORMATS:
        for name, data in read_entries(packages[fmt]).items():
            if name.startswith("sequences/"):
                text = data.decode("utf-8")
                assert '<html lang="fr"' in text
                assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in text
                assert 'href="../commun/trainkit.css"' in text and 'src="../commun/trainkit-scorm.js"' in text
                assert f'data-scorm="{"2004" if fmt == "scorm2004" else "1.2"}"' in text


def test_an_image_on_the_web_is_refused(tmp_path):
    data = module_data()
    data["sessions"][0]["content"] = "Voir la carte : ![carte](https://exemple.fr/carte.png)"
    curriculum = make_curriculum(tmp_path / "c", data)
    with pytest.raises(ValueError, match="séquence « ouverture ».*https://exemple.fr/carte.png"):
        export_packages(curriculum, tmp_path / "dist", "scorm2004")


def test_a_link_out_of_the_curriculum_folder_is_refused(tmp_path):
    data = module_data()
    data["sessions"][0]["content"] = "Voir [le fichier](../../etc/passwd)."
    curriculum = make_curriculum(tmp_path / "c", data)
    with pytest.raises(ValueError, match="hors du dossier du curriculum"):
        export_packages(curriculum, tmp_path / "dist", "scorm12")


def test_an_image_of_the_curriculum_is_carried_into_the_package(tmp_path):
    data = module_data()
    data["sessions"][3]["content"] = "![Carte du territoire](ressources/carte.png)"
    curriculum = make_curriculum(tmp_path / "c", data)
    (curriculum.root / "ressources" / "carte.png").write_bytes(b"\x89PNG\r\n\x1a\nfake")
    [package] = export_packages(curriculum, tmp_path / "dist", "scorm12")
    entries = read_entries(package)
    assert entries["documents/ressources/carte.png"] == b"\x89PNG\r\n\x1a\nfake"
    assert 'src="../documents/ressources/carte.png"' in entries["sequences/retour.html"].decode("utf-8")
    assert "documents/ressources/carte.png" in listed_files(manifest_of(package), "scorm12")


def test_a_file_name_with_spaces_and_accents_gets_a_plain_name_in_the_package(tmp_path):
    data = module_data()
    data["sessions"][3]["resources"] = [{"title": "Fiche d'été", "file": "ressources/Fiche d'été (v2).pdf"}]
    data["sessions"][3]["content"] = "Voir la [fiche](ressources/Fiche%20d'%C3%A9t%C3%A9%20(v2).pdf)."
    root = tmp_path / "c"
    root.mkdir()
    (root / "ressources").mkdir()
    (root / "ressources" / "Fiche d'été (v2).pdf").write_bytes(PDF_BYTES)
    curriculum = make_curriculum(root, data)
    [package] = export_packages(curriculum, tmp_path / "dist", "scorm2004")
    entries = read_entries(package)
    assert entries["documents/ressources/Fiche-d-ete-v2.pdf"] == PDF_BYTES
    page = entries["sequences/retour.html"].decode("utf-8")
    assert page.count('href="../documents/ressources/Fiche-d-ete-v2.pdf"') == 2
    assert "documents/ressources/Fiche-d-ete-v2.pdf" in listed_files(manifest_of(package), "scorm2004")


def test_raw_html_loading_from_the_web_is_dropped_not_fatal(tmp_path):
    data = module_data()
    data["sessions"][3]["content"] = 'Avant.\n\n<iframe src="https://video.exemple.fr/1"></iframe>\n\nAprès.'
    curriculum = make_curriculum(tmp_path / "c", data)
    [package] = export_packages(curriculum, tmp_path / "dist", "scorm12")
    page = read_entries(package)["sequences/retour.html"].decode("utf-8")
    assert "Après." in page
    assert "<iframe" not in page and "video.exemple.fr" not in page


def test_templates_dir_replaces_a_default_template(scorm_curriculum, tmp_path):
    custom = tmp_path / "gabarits"
    custom.mkdir()
    (custom / "trainkit.css").write_text("body { color: #000; } /* charte de l'organisme */", encoding="utf-8")
    [package] = export_packages(scorm_curriculum, tmp_path / "dist", "scorm12", templates_dir=custom)
    entries = read_entries(package)
    assert entries["commun/trainkit.css"].decode("utf-8").endswith("/* charte de l'organisme */")
    assert b"Page suivante" in entries["sequences/ouverture.html"]  # the other templates stay


def test_missing_templates_dir_is_a_french_error(scorm_curriculum, tmp_path):
    with pytest.raises(TrainkitError, match="dossier de gabarits"):
        export_packages(scorm_curriculum, tmp_path / "dist", "scorm12", templates_dir=tmp_path / "absent")


def test_a_package_without_media_stays_far_under_300_kb(packages):
    for fmt in FORMATS:
        assert packages[fmt].stat().st_size < 300 * 1024


def test_a_session_title_that_names_its_day_is_not_prefixed_again(tmp_path):
    data = module_data()
    data["sessions"][2]["title"] = "Intersession : repérer les acteurs de son territoire"
    curriculum = make_curriculum(tmp_path / "c", data)
    [package] = export_packages(curriculum, tmp_path / "dist", "scorm12")
    titles = [i.findtext("cp:title", namespaces=ns("scorm12"))
              for i in manifest_of(package).find(".//cp:organization", ns("scorm12")).findall("cp:item", ns("scorm12"))]
    assert titles[2] == "Intersession : repérer les acteurs de son territoire"
