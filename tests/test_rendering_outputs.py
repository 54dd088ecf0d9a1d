"""The same Markdown sample renders the same features, typeset the same way, on the site, in a SCO and in a PDF."""

from __future__ import annotations

import pytest

from documents_support import pdf_text
from scorm_support import make_curriculum, module_data, read_entries
from trainkit.outputs.documents import write_programme
from trainkit.outputs.scorm import export_all
from trainkit.outputs.site import build_site

SAMPLE = """Qui fait quoi ? Le RSA, « en bref » : 1 h 30 le 1er mars.

!!! note "À retenir"
    L'orientation se prépare avec la personne.

Référent unique
:   La personne qui suit le parcours.

**Les étapes**
1. Recueillir la demande
2. Orienter

| Acteur | Rôle |
| --- | --- |
| Mission locale | Jeunes |

- [ ] Permis de conduire
- [x] Langues parlées

| Démarche | À noter |
| --- | --- |
| Inscription | |
"""

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    base = tmp_path_factory.mktemp("sample")
    data = module_data()
    data["sessions"][1]["content"] = SAMPLE
    data["audience"]["priority"] = SAMPLE
    curriculum = make_curriculum(base / "curriculum", data)
    site = build_site(curriculum, base / "site", audiences=("learner",), work_dir=base / "tree")["learner"]
    [package] = export_all(curriculum, base / "dist", ("scorm12",))
    pdf, _ = write_programme(curriculum, curriculum.modules[0], base / "dist")
    return {
        "site": (site / "modules" / "insertion-essai" / "sequences" / "acteurs-orientation.html").read_text("utf-8"),
        "scorm": read_entries(package)["sequences/acteurs-orientation.html"].decode("utf-8"),
        "pdf": pdf,
    }


@pytest.mark.parametrize("output", ["site", "scorm"])
def test_the_sample_renders_every_feature_in_html_outputs(outputs, output):
    html = outputs[output]
    assert '<div class="admonition note">' in html
    assert "<dl>" in html and "<dt>Référent unique</dt>" in html
    assert "<li>Recueillir la demande</li>" in html  # a list written right under a line stays a list
    assert "<table>" in html and "<td>Mission locale</td>" in html
    assert '<abbr title="revenu de solidarité active">RSA</abbr>' in html
    assert '<li class="tk-task"><span class="tk-box">☐</span> Permis de conduire</li>' in html
    assert '<span class="tk-box">☒</span> Langues parlées' in html
    assert '<th class="tk-fill">À noter</th>' in html and '<td class="tk-fill"></td>' in html


@pytest.mark.parametrize("output", ["site", "scorm"])
def test_the_sample_is_typeset_in_html_outputs(outputs, output):
    html = outputs[output]
    assert f"Qui fait quoi{NNBSP}?" in html
    assert f"«{NNBSP}en bref{NNBSP}»{NBSP}:" in html
    assert f"1{NBSP}h{NBSP}30 le 1er{NBSP}mars" in html


def test_the_sample_renders_every_feature_in_the_pdf(outputs):
    text = pdf_text(outputs["pdf"])
    for expected in ["À retenir", "L'orientation se prépare avec la personne.", "Référent unique",
                     "La personne qui suit le parcours.", "Recueillir la demande", "Mission locale",
                     "☐ Permis de conduire"]:
        assert expected in text
    assert "!!!" not in text and "| ---" not in text and "**" not in text and "[ ]" not in text


def test_the_sample_is_typeset_in_the_pdf(tmp_path, monkeypatch):
    # A PDF's text layer maps no-break spaces to plain spaces (same glyph): the HTML WeasyPrint lays out
    # is what decides where lines may break, so that is what is read here.
    import weasyprint

    laid_out: list[str] = []
    real = weasyprint.HTML

    def recording(*args, string=None, **kwargs):
        laid_out.append(string)
        return real(*args, string=string, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", recording)
    data = module_data()
    data["audience"]["priority"] = SAMPLE
    curriculum = make_curriculum(tmp_path / "curriculum", data)
    write_programme(curriculum, curriculum.modules[0], tmp_path / "dist")
    [html] = laid_out
    assert f"Qui fait quoi{NNBSP}?" in html
    assert f"«{NNBSP}en bref{NNBSP}»{NBSP}:" in html
    assert f"1{NBSP}h{NBSP}30 le 1er{NBSP}mars" in html
