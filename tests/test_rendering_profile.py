"""The rendering profile: one Markdown, sanitised, typeset the French way, the same in every output."""

from __future__ import annotations

from trainkit.api import validate
from trainkit.render import MarkdownRenderer, french, french_html, markdown_text
from trainkit.render.typography import NBSP, NNBSP

from conftest import run_trainkit


def test_narrow_no_break_space_before_question_mark_and_inside_guillemets():
    assert french("Qui fait quoi ?") == f"Qui fait quoi{NNBSP}?"
    assert french("«Bonjour»") == f"«{NNBSP}Bonjour{NNBSP}»"


def test_no_break_space_before_colon_in_durations_dates_units_and_phone_numbers():
    assert french("Durée : 1 h 30") == f"Durée{NBSP}: 1{NBSP}h{NBSP}30"
    assert french("le 1er mars 2027") == f"le 1er{NBSP}mars{NBSP}2027"
    assert french("690 € et 70 %") == f"690{NBSP}€ et 70{NBSP}%"
    assert french("01 23 45 67 89") == f"01{NBSP}23{NBSP}45{NBSP}67{NBSP}89"


def test_typography_never_touches_code_urls_or_attributes():
    html = '<p title="a ?">Qui ? <code>x ?</code> <a href="https://x.fr/?q=1">lien</a></p>'
    assert french_html(html) == f'<p title="a ?">Qui{NNBSP}? <code>x ?</code> <a href="https://x.fr/?q=1">lien</a></p>'


def test_typography_is_idempotent():
    text = "Qui ? « Oui » : 1 h 30, le 1er mars, 01 23 45 67 89"
    assert french(french(text)) == french(text)


def test_profile_renders_admonitions_definition_lists_and_a_list_written_under_a_line():
    html = MarkdownRenderer().html('!!! note "À retenir"\n    Texte.\n\nTerme\n:   Définition\n\n**Les étapes**\n1. Un\n2. Deux')
    assert '<div class="admonition note">' in html
    assert "<dl>" in html and "<dd>" in html
    assert "<ol>" in html


def test_profile_drops_scripts_handlers_and_javascript_links():
    html = MarkdownRenderer().html('<script>x()</script>\n\n<img src="a.png" onerror="x()"> [l](javascript:x())')
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html
    assert '<img src="a.png">' in html


def test_a_plain_text_field_is_inert_in_markdown():
    assert markdown_text("[lien](javascript:x) <b>") == "&#91;lien&#93;&#40;javascript:x&#41; &lt;b&gt;"


def test_validate_warns_where_html_will_be_dropped(starter):
    starter.edit_module("content: |", "content: |\n      <iframe src=\"https://video.exemple.fr\"></iframe>\n")
    result = validate(starter.root)
    [warning] = [d for d in result.report.diagnostics if d.code == "contenu-retire"]
    assert "la balise <iframe>" in warning.message
    assert warning.line == starter.position_in_module("content: |")[0]
    assert result.ok()


def test_validate_warns_about_a_javascript_resource_address(starter):
    starter.edit_module("file: ressources/carte-des-acteurs.md", "url: \"javascript:alert(1)\"")
    result = validate(starter.root)
    assert [d.code for d in result.report.diagnostics if d.code == "adresse-refusee"] == ["adresse-refusee"]


def test_templates_command_copies_the_defaults_for_overriding(tmp_path):
    run = run_trainkit("templates", "--out", tmp_path / "gabarits")
    assert run.code == 0, run.err
    for kind, name in [("site", "session.md.j2"), ("quiz", "form.html.j2"), ("scorm", "sco.html.j2"),
                       ("documents", "programme.html.j2")]:
        assert (tmp_path / "gabarits" / kind / name).is_file()


def test_permission_and_full_disk_errors_name_the_path_and_the_fix():
    import errno

    from trainkit.errors import environment_error

    denied = environment_error(PermissionError(errno.EACCES, "Permission denied", "/srv/dist"))
    assert "pas le droit d'écrire dans « /srv/dist »" in str(denied) and "--out" in str(denied)
    full = environment_error(OSError(errno.ENOSPC, "No space left on device", "/srv/dist/a.zip"))
    assert "le disque est plein" in str(full) and "/srv/dist/a.zip" in str(full)


def test_a_file_where_the_output_folder_should_be_gets_a_french_message(starter, tmp_path):
    blocker = tmp_path / "dist"
    blocker.write_text("un fichier, pas un dossier", encoding="utf-8")
    run = run_trainkit("export", starter.root, "--out", blocker / "paquets")
    assert run.code == 1
    assert "Erreur interne" not in run.err and "un fichier là où il faut un dossier" in run.err


def test_a_busy_port_gives_a_french_message_before_anything_is_built(starter):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = run_trainkit("serve", starter.root, "--port", str(port))
    assert run.code == 1
    assert f"le port {port} est déjà utilisé" in run.err and "Erreur interne" not in run.err


def test_an_escaped_character_in_a_link_target_reaches_the_package_as_written(tmp_path):
    from scorm_support import make_curriculum, module_data, read_entries
    from trainkit.outputs.scorm import export_all

    data = module_data()
    data["sessions"][3]["content"] = r"Voir la [fiche](ressources/fiche\_liaison.md)."
    root = tmp_path / "c"
    (root / "ressources").mkdir(parents=True)
    (root / "ressources" / "fiche_liaison.md").write_text("# Fiche de liaison\n", encoding="utf-8")
    curriculum = make_curriculum(root, data)
    [package] = export_all(curriculum, tmp_path / "dist", ("scorm12",))
    entries = read_entries(package)
    assert "documents/ressources/fiche_liaison.html" in entries
    assert 'href="../documents/ressources/fiche_liaison.html"' in entries["sequences/retour.html"].decode("utf-8")


def test_the_site_declares_the_profiles_markdown_extensions(starter):
    from trainkit.outputs.site.config import UserSiteConfig, mkdocs_config
    from trainkit.render import PROFILE_EXTENSIONS

    curriculum = validate(starter.root).curriculum
    declared = mkdocs_config(curriculum, "learner", [], UserSiteConfig())["markdown_extensions"]
    assert declared[: len(PROFILE_EXTENSIONS)] == PROFILE_EXTENSIONS


def test_a_joined_list_keeps_the_separators_spaces_on_the_site():
    from trainkit.render import make_environment

    env = make_environment("site", syntax="markdown")
    assert env.from_string('{{ items | join(", ") }}').render(items=["Apports", "Étude de cas"]) == "Apports, Étude de cas"


def test_an_html_template_typesets_its_own_text_and_each_value_it_prints_as_text():
    from trainkit.render import make_environment

    env = make_environment("scorm")
    template = env.from_string('<p title="{{ title }} ?">Durée : {{ title }} «{{ word }}» {{ mark }} %</p>')

    html = template.render(title="Qui fait quoi ?", word="oui", mark=70)

    # the attribute keeps what was typed; the text has its no-break spaces, the value too
    assert html == (f'<p title="Qui fait quoi ? ?">Durée{NBSP}: Qui fait quoi{NNBSP}? '
                    f'«{NNBSP}oui{NNBSP}» 70{NBSP}%</p>')


def test_a_markdown_template_typesets_its_own_text_and_leaves_code_and_links_as_written():
    from trainkit.render import make_environment

    env = make_environment("site", syntax="markdown")
    page = env.from_string('Durée : {{ hours }} h ? `a : b` [voir](page.md#a:b)').render(hours=2)

    assert page == f"Durée{NBSP}: 2{NBSP}h{NNBSP}? `a : b` [voir](page.md#a:b)"


def test_a_colon_that_ends_an_elements_text_gets_its_no_break_space():
    assert french_html("<p><strong>Atelier :</strong> choisir</p>") == f"<p><strong>Atelier{NBSP}:</strong> choisir</p>"
    assert french_html("<p>Il contient :</p><ul><li>un</li></ul>") == f"<p>Il contient{NBSP}:</p><ul><li>un</li></ul>"
    assert french_html("<p>à 9:30, sur https://exemple.fr</p>") == "<p>à 9:30, sur https://exemple.fr</p>"


def test_an_inline_text_on_the_site_keeps_its_no_break_spaces():
    from trainkit.render.embed import inline

    assert inline(f"<p>Oui{NBSP}: de 16 à 25{NBSP}ans\n  ensuite</p>") == f"Oui{NBSP}: de 16 à 25{NBSP}ans ensuite"


def test_an_html_template_leaves_code_and_scripts_as_written():
    from trainkit.render import make_environment

    env = make_environment("scorm")
    template = env.from_string('<code>a : {{ x }}</code><script>var q = "{{ x }} ?";</script>')

    assert template.render(x="b ?") == '<code>a : b ?</code><script>var q = "b ? ?";</script>'


def test_a_joined_list_gets_the_separators_typography_in_html():
    from trainkit.render import make_environment

    env = make_environment("scorm")
    html = env.from_string('{{ items | join(" ; ") }}').render(items=["un", "deux"])

    assert html == f"un{NNBSP}; deux"


def test_every_page_of_the_bundled_packages_is_typeset_as_it_is_rendered(tmp_path):
    """No page is typeset a second time after rendering: typesetting it again must change nothing."""
    import zipfile

    from conftest import CURRICULUM
    from trainkit.api import export

    curriculum = validate(CURRICULUM).curriculum
    pages = {}
    for layout in ("per-session", "single"):
        for package in export(curriculum, tmp_path / layout, sco=layout):
            with zipfile.ZipFile(package) as archive:
                for name in archive.namelist():
                    if name.endswith(".html"):
                        pages[f"{package.name}/{name}"] = archive.read(name).decode("utf-8")

    assert len(pages) > 50
    untypeset = [name for name, page in pages.items() if french_html(page) != page]
    assert untypeset == []


def test_every_page_of_the_bundled_sites_is_typeset_as_it_is_rendered(tmp_path):
    """The site's Markdown pages are not typeset a second time either: the templates' text is typeset
    when they are compiled, each value as it is printed (the glossary's `*[…]:` lines aside)."""
    from conftest import CURRICULUM
    from trainkit.outputs.site.tree import write_tree
    from trainkit.render import french_markdown

    curriculum = validate(CURRICULUM).curriculum
    pages = {}
    for audience in ("learner", "trainer"):
        write_tree(curriculum, audience, tmp_path / audience)
        for path in sorted((tmp_path / audience / "docs").rglob("*.md")):
            text = path.read_text(encoding="utf-8")
            pages[str(path.relative_to(tmp_path))] = "\n".join(
                line for line in text.split("\n") if not line.startswith("*[")
            )

    assert len(pages) > 100
    untypeset = [name for name, page in pages.items() if french_markdown(page) != page]
    assert untypeset == []


def test_every_name_of_the_rendering_profile_is_what_its_module_defines():
    import importlib
    import types

    import trainkit.render as render

    importlib.import_module("trainkit.render.sanitize")  # a submodule loaded must not take its function's place
    for name in render.__all__:
        assert not isinstance(getattr(render, name), types.ModuleType), name
