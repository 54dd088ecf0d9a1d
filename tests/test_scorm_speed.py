"""What makes the export fast must not change a byte: Markdown shortcuts, both formats from one
rendering, worker processes; and the zips are exactly what zipfile writes with fixed dates and modes."""

from __future__ import annotations

import gc
import threading
import zipfile
from pathlib import Path

import pytest
from scorm_support import FORMATS, evaluation_module_data, make_curriculum, module_data, read_entries, write_yaml

import trainkit.outputs.scorm as scorm
from trainkit.render import MarkdownRenderer, default_templates
from trainkit.render.markdown import _blank_line_before_lists_line_by_line, blank_line_before_lists
from trainkit.api import export, validate
from trainkit.views.quiz import render_markdown
from trainkit.outputs.scorm import export_all, export_packages
from trainkit.outputs.scorm.content import ContentRenderer, Documents
from trainkit.outputs.scorm.package import ZIP_DATE, ZIP_LEVEL, PackageBuilder, write_zip

REPO = Path(__file__).resolve().parents[1]

# Every block and inline syntax the shortcuts know about, alone and nested, and the glossary's acronyms
# (make_curriculum's glossary: RSA, IAE, SIAE).
MARKDOWN_CORPUS = [
    "# Titre\n\nTexte.\n\n## Sous-titre ##\n\nTexte.",
    "Titre\n=====\n\nSous-titre\n---\n\nTexte.",
    "- Un point\n    Titre dans la liste\n    ---\n- Autre point",
    "* Un point\n\n    Titre imbriqué\n    ---------\n\n    Suite",
    "> Titre cité\n> ===========\n>\n> Texte cité",
    "Avant\n\n---\n\n* * *\n\n___\n\n- - -\n\nAprès",
    "1. Premier\n2. Second\n\n10. Dixième",
    "* Étoile\n+ Plus\n- Tiret\n    - Imbriqué\n\n        code dans la liste",
    "Texte\n\n    code indenté\n    suite\n\n\tcode tabulé",
    "> Citation\n> sur deux lignes\n>\n> > imbriquée",
    "| A | B |\n|---|:-:|\n| 1 | 2 |\n\nA | B\n--|--\n1 | 2",
    "*[HTML]: Hyper Text Markup Language\n\nDu HTML ici.",
    "Voir [le site][ref] et [ref].\n\n[ref]: https://exemple.fr \"Titre\"",
    "Une image ![alt](img.png) et ![réf][img]\n\n[img]: img.png",
    "Lien <https://exemple.fr> et courriel <contact@exemple.fr>.",
    "Du <span class=\"x\">HTML</span> en ligne et &amp; &#233; &eacute;.",
    "<div markdown=\"1\">\nbloc HTML\n</div>\n\nAprès.",
    "Du `code` et ``double `code` ``, et \\*pas d'emphase\\*.",
    "Ligne  \ncoupée, puis *emphase*, _souligné_, **fort**, __fort__, ***les deux***.",
    "un * seul et un _ seul, 2 * 3 = 6",
    "Paragraphe\n{: .important #id }\n\n### Titre {: .classe }",
    "Ligne\r\nWindows\rMac\n\tTabulation",
    "**Les cinq engagements**\n1. Un\n2. Deux",
    "Texte sans rien de spécial, avec des tirets - et des points. 3. Pas une liste.",
    "Texte.\n\n2024. Une année\n\n3.14 n'est pas une liste",
    "- a\n\n  b\n\n- c\n\n      code",
    "Le RSA et l'IAE, puis une SIAE ; RSAS n'est pas un sigle.",
    "*[CAF]: caisse d'allocations familiales\n\nLa CAF verse le RSA.",
    "Le `RSA` en code, R\\SA échappé, **IAE** en gras.",
    "*[A-B]: un\n*[B]: deux\n\nXA-B et A-B, _B, B_, 2B, éB, B2, (B), «B», -B, B-B, BB.",
    "RSA.IAE, RSA-IAE, RSA_IAE, RSAIAE, 1RSA, RSA1, [RSA](#ancre), <span>IAE</span>, *RSA*IAE.",
]


def corpus() -> list[str]:
    curriculum = validate(REPO / "curriculum").curriculum
    texts = list(MARKDOWN_CORPUS)
    if curriculum is not None:
        texts += [s.content for m in curriculum.modules for s in m.sessions]
        texts += [p.read_text(encoding="utf-8") for p in sorted((REPO / "curriculum").rglob("*.md"))]
    return texts


def test_skipping_markdown_processors_that_cannot_match_changes_no_page(tmp_path):
    curriculum = make_curriculum(tmp_path / "c")
    fast, plain = (
        ContentRenderer(curriculum.glossary, Documents(curriculum.root), skip_what_cannot_match=skip)
        for skip in (True, False)
    )
    texts = corpus()
    assert len(texts) > 40
    for text in texts:
        for renderer in (fast, plain):
            renderer.linked = set()
        try:
            pages = [fast.pages(text, where="", from_file="sequences/x.html"),
                     plain.pages(text, where="", from_file="sequences/x.html")]
        except ValueError:  # links to files the test curriculum has not: both refuse alike
            with pytest.raises(ValueError):
                plain.pages(text, where="", from_file="sequences/x.html")
            continue
        assert pages[0] == pages[1], text
        assert fast.document(text, where="", from_file="documents/x.html", base_dir="") == plain.document(
            text, where="", from_file="documents/x.html", base_dir=""
        ), text


def test_a_text_without_a_list_under_a_line_is_left_as_it_is_by_the_line_by_line_rule():
    texts = corpus() + ["a\n- b", "| a |\n- b", " a\n- b", "- a\n- b", "```\na\n- b\n```", "Titre\n  - b"]
    for text in texts:
        lines = text.split("\n")
        assert blank_line_before_lists(lines) == _blank_line_before_lists_line_by_line(lines), text
    assert any(blank_line_before_lists(text.split("\n")) != text.split("\n") for text in texts)


def test_a_plain_sentence_is_rendered_without_the_engine_as_markdown_renders_it():
    texts = ["Exact.", "Oui : la Mission locale, pour les 16-25 ans !", "L'IAE « inclusive » ? (voir 2. plus bas)",
             "Éric a 3 ans - pas 4", "Texte avec   espaces", "Relisez la séquence 1 : Le travailleur social…"]
    not_plain = ["1. Liste", "- Liste", "# Titre", "Un *mot*", "a < b", "a & b", "Fin  ", "Deux\nlignes", "« Citation »"]
    for text in texts + not_plain:
        engine = MarkdownRenderer(skip_what_cannot_match=False)
        expected = engine.finish(engine.convert_unsafe(text))  # the whole profile, no shortcut
        assert render_markdown(text) == expected, text


def reference_zip(path: Path, files: dict[str, bytes]) -> None:
    """The zip as zipfile writes it: what write_zip must give, byte for byte."""
    with zipfile.ZipFile(path, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, files[name], compresslevel=ZIP_LEVEL)


def test_zip_records_are_the_bytes_zipfile_writes(tmp_path):
    curriculum = make_curriculum(tmp_path / "c", evaluation_module_data())
    builder = PackageBuilder(curriculum)
    for fmt, files in builder.build(curriculum.modules[0], FORMATS).items():
        files = {**files, "documents/été.txt": "déjà".encode("utf-8"), "documents/vide.txt": b""}
        reference_zip(tmp_path / "zipfile.zip", files)
        write_zip(tmp_path / "ours.zip", dict(reversed(files.items())))  # the order given does not matter
        assert (tmp_path / "ours.zip").read_bytes() == (tmp_path / "zipfile.zip").read_bytes(), fmt
        with zipfile.ZipFile(tmp_path / "ours.zip") as archive:
            assert archive.testzip() is None
            info = archive.getinfo("documents/été.txt")
            assert (info.date_time, info.create_system, info.external_attr >> 16) == (ZIP_DATE, 3, 0o100644)
            assert info.compress_type == zipfile.ZIP_DEFLATED and info.flag_bits & 0x800


def test_both_formats_in_one_call_are_the_packages_of_one_format_at_a_time(tmp_path):
    curriculum = make_curriculum(tmp_path / "c", evaluation_module_data())
    together = export_all(curriculum, tmp_path / "ensemble", FORMATS)
    apart = [p for fmt in FORMATS for p in export_packages(curriculum, tmp_path / fmt, fmt)]
    assert [p.name for p in together] == [p.name for p in apart]
    for one, other in zip(together, apart):
        assert one.read_bytes() == other.read_bytes(), one.name


def test_a_replaced_sco_template_is_rendered_for_each_format(tmp_path):
    curriculum = make_curriculum(tmp_path / "c")
    custom = tmp_path / "gabarits"
    custom.mkdir()
    default = default_templates() / "scorm" / "sco.html.j2"
    text = default.read_text(encoding="utf-8")
    (custom / "sco.html.j2").write_text(
        text.replace("<body>", '<body>\n<p class="norme">{% if version == "2004" %}SCORM 2004{% else %}SCORM 1.2{% endif %}</p>'),
        encoding="utf-8",
    )
    for package in export_all(curriculum, tmp_path / "dist", FORMATS, templates_dir=custom):
        page = read_entries(package)["sequences/ouverture.html"].decode("utf-8")
        norm = "SCORM 2004" if package.name.endswith("scorm2004.zip") else "SCORM 1.2"
        assert f'<p class="norme">{norm}</p>' in page
        assert f'data-scorm="{norm.split()[1]}"' in page


@pytest.mark.parametrize("start", ["fork", "forkserver"])
def test_an_export_over_several_processes_writes_the_same_bytes(tmp_path, monkeypatch, start):
    data = [evaluation_module_data(), module_data()]
    data[1]["id"] = "second-module"
    curriculum = make_curriculum(tmp_path / "c", data[0])
    write_yaml(curriculum.root / "modules" / "second-module.yml", data[1])
    curriculum = validate(curriculum.root).curriculum
    monkeypatch.setenv("TRAINKIT_JOBS", "1")
    alone = export(curriculum, tmp_path / "seul")
    monkeypatch.setenv("TRAINKIT_JOBS", "2")
    monkeypatch.setattr(scorm, "PARALLEL_FROM_SESSIONS", 0)
    # With other threads running, the workers start from a fork server instead of a plain fork.
    monkeypatch.setattr(threading, "active_count", lambda: 2 if start == "forkserver" else 1)
    calls = []
    real = scorm._write_in_parallel
    monkeypatch.setattr(scorm, "_write_in_parallel", lambda *args: calls.append(args[-1]) or real(*args))
    together = export(curriculum, tmp_path / "ensemble")
    assert calls == [2]
    assert [p.name for p in together] == [p.name for p in alone] == [
        "insertion-essai-scorm12.zip", "second-module-scorm12.zip",
        "insertion-essai-scorm2004.zip", "second-module-scorm2004.zip",
    ]
    for one, other in zip(together, alone):
        assert one.read_bytes() == other.read_bytes(), one.name


def test_a_failure_in_a_worker_process_leaves_nothing_half_written(tmp_path, monkeypatch):
    data = module_data()
    data["sessions"][3]["content"] = "![Carte](https://exemple.fr/carte.png)"
    twin = module_data()
    twin["id"] = "second-module"
    curriculum = make_curriculum(tmp_path / "c", data)
    write_yaml(curriculum.root / "modules" / "second-module.yml", twin)
    curriculum = validate(curriculum.root).curriculum
    monkeypatch.setenv("TRAINKIT_JOBS", "2")
    monkeypatch.setattr(scorm, "PARALLEL_FROM_SESSIONS", 0)
    out = tmp_path / "dist"
    with pytest.raises(ValueError, match="hors ligne"):
        export(curriculum, out)
    assert list(out.iterdir()) == []


def test_the_export_leaves_the_garbage_collector_as_it_found_it(tmp_path, monkeypatch):
    curriculum = make_curriculum(tmp_path / "c")
    monkeypatch.setenv("TRAINKIT_JOBS", "1")
    assert gc.get_freeze_count() == 0
    export(curriculum, tmp_path / "dist")
    assert gc.get_freeze_count() == 0
    gc.freeze()  # an application that freezes its own objects keeps them frozen
    try:
        frozen = gc.get_freeze_count()
        export(curriculum, tmp_path / "dist2")
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
