"""Text from the curriculum is data: no payload an author writes runs on either site or in a SCO.

One curriculum carries script, event-handler, `javascript:` and iframe payloads in every text
field; each payload, if it ran, would call `tk('<field>')`, which the browser test defines to record
the field in the top window's `tkRan` (short payloads: a plain-text field holds 500 characters). Both sites and both
SCORM versions are built from it and every page is opened in chromium (quizzes submitted, so
their feedback is shown).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from scorm_support import make_curriculum, evaluation_module_data, unzip
from trainkit.outputs.scorm import export_all
from trainkit.outputs.site import build_site


def payload(field: str) -> str:
    """Markdown/HTML that would record `field` if any part of it ran."""
    run = f"tk('{field}')"
    return (
        f"tk-{field} a < b & c <script>{run}</script> </title><script>{run}</script> <img src=x onerror=\"{run}\"> "
        f"<svg onload=\"{run}\"></svg> [lien](javascript:{run}) "
        f"<iframe src=\"javascript:{run}\"></iframe> <a href=\"javascript:{run}\">a</a> {{: onclick=\"{run}\" }}"
    )


PLAIN_FIELDS = ["module-title", "module-subtitle", "competence-title", "objective", "session-title",
                "resource-title", "resource-description", "evaluation-title", "choice", "pair-left", "pair-right",
                "ordering-item", "glossary-expansion", "programme-title"]
MARKDOWN_FIELDS = ["session-content", "trainer-notes", "role", "audience", "prompt", "feedback-correct",
                   "feedback-incorrect", "instructions", "glossary-definition", "handout", "activity-details",
                   "vigilance"]
TRAINER_PLAIN_FIELDS = ["activity-title", "material", "question"]  # the run sheet: trainer site only


def poisoned_curriculum(root: Path):
    data = evaluation_module_data()
    data["title"] = payload("module-title")
    data["subtitle"] = payload("module-subtitle")
    data["role"] = payload("role")
    data["audience"]["priority"] = payload("audience")
    data["competences"][0]["title"] = payload("competence-title")
    data["competences"][0]["objectives"][0]["text"] = "Nommer " + payload("objective")
    session = data["sessions"][1]
    session["title"] = payload("session-title")
    session["content"] += "\n\n" + payload("session-content")
    session["trainer_notes"] = payload("trainer-notes")
    session["trainer_guide"] = {
        "activities": [{"duration": session["duration"], "title": payload("activity-title"),
                        "details": payload("activity-details")}],
        "materials": [payload("material")], "questions": [payload("question")], "vigilance": [payload("vigilance")]}
    session["resources"][1]["title"] = payload("resource-title")
    session["resources"][1]["description"] = payload("resource-description")
    session["resources"].append({"title": "Fiche d'orientation", "file": "ressources/fiche-orientation.md"})
    final = data["evaluations"][1]
    # Ungraded, so that the learner site shows its form too (a graded evaluation is taken in the LMS only).
    final["graded"] = False
    final.pop("pass_mark", None)
    final["title"] = payload("evaluation-title")
    final["instructions"] = payload("instructions")
    choice_question, matching, ordering = final["questions"][0], final["questions"][1], final["questions"][2]
    choice_question["prompt"] = payload("prompt")
    choice_question["choices"][2]["text"] = payload("choice")
    choice_question["feedback"] = {"correct": payload("feedback-correct"), "incorrect": payload("feedback-incorrect")}
    matching["pairs"][0] = {"left": payload("pair-left"), "right": payload("pair-right")}
    ordering["items"][0] = payload("ordering-item")
    for evaluation in data["evaluations"]:
        evaluation.setdefault("instructions", payload("instructions"))
    make_curriculum(root, data)
    # Glossary, handout and programme written after: make_curriculum writes its own glossary.
    glossary = yaml.safe_load((root / "glossaire.yml").read_text(encoding="utf-8"))
    glossary["terms"][0]["expansion"] = payload("glossary-expansion")
    glossary["terms"][0]["definition"] = payload("glossary-definition")
    (root / "glossaire.yml").write_text(yaml.safe_dump(glossary, allow_unicode=True), encoding="utf-8")
    sheet = root / "ressources" / "fiche-orientation.md"
    sheet.write_text(sheet.read_text(encoding="utf-8") + "\n\n" + payload("handout") + "\n", encoding="utf-8")
    programme = root / "programme.yml"
    text = programme.read_text(encoding="utf-8")
    programme.write_text(re.sub(r"^title: .*$", "title: " + yaml.safe_dump(payload("programme-title")).strip()
                                .replace("\n...", ""), text, count=1, flags=re.M), encoding="utf-8")
    from trainkit.api import validate

    result = validate(root)
    assert result.ok(), result.report
    return result.curriculum


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    base = tmp_path_factory.mktemp("poisoned")
    curriculum = poisoned_curriculum(base / "curriculum")
    built = build_site(curriculum, base / "site", work_dir=base / "tree")
    packages = export_all(curriculum, base / "dist")
    folders = {"site-learner": built["learner"], "site-trainer": built["trainer"]}
    for package in packages:
        fmt = "scorm12" if package.name.endswith("scorm12.zip") else "scorm2004"
        folders[fmt] = unzip(package, base / fmt)
    return folders


def content_pages(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.html") if "assets" not in p.parts and p.name != "404.html")


@pytest.mark.parametrize("output", ["site-learner", "site-trainer", "scorm12", "scorm2004"])
def test_no_payload_runs_on_any_page(outputs, page, output):
    ran: dict[str, list[str]] = {}
    pages = content_pages(outputs[output])
    assert len(pages) > 5
    page.add_init_script("window.tk = f => { const w = window.top; (w.tkRan = w.tkRan || []).push(f); };")
    for path in pages:
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        # Feedback is inserted into the page once answered: submit every quiz (hidden ones too).
        page.evaluate("document.querySelectorAll('form.trainkit-quiz').forEach(f => f.requestSubmit())")
        page.wait_for_timeout(50)
        found = page.evaluate("window.tkRan || []")
        if found:
            ran[path.name] = found
    assert ran == {}


class _Elements(HTMLParser):
    """What the browser would build from a page: the elements and attributes that can run code."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("iframe", "object", "embed", "frame"):
            self.problems.append(f"<{tag}>")
        self._in_script = tag == "script"
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") and "tk('" in value:
                self.problems.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "formaction", "data") and value.startswith(("javascript:", "data:text")):
                self.problems.append(f"<{tag} {name}={value[:30]}>")

    def handle_data(self, data: str) -> None:
        if self._in_script and "tk('" in data:
            self.problems.append("<script> de l'auteur")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


@pytest.mark.parametrize("output", ["site-learner", "site-trainer", "scorm12", "scorm2004"])
def test_no_script_handler_javascript_url_or_iframe_from_the_curriculum_reaches_a_page(outputs, output):
    problems = {}
    for path in content_pages(outputs[output]):
        parser = _Elements()
        parser.feed(path.read_text(encoding="utf-8"))
        if parser.problems:
            problems[path.name] = parser.problems
    assert problems == {}


@pytest.mark.parametrize("field", PLAIN_FIELDS)
def test_a_plain_text_field_shows_its_markup_as_text_on_the_learner_site(outputs, field):
    text = "\n".join(p.read_text(encoding="utf-8") for p in content_pages(outputs["site-learner"]))
    # The field is on the site, its « < » and « & » escaped (shown as typed), its tags never markup.
    assert f"tk-{field} a &lt; b &amp; c &lt;script&gt;" in text


TRAINER_ONLY = ("trainer-notes", "feedback-correct", "feedback-incorrect",  # feedback: obfuscated for learners
                "activity-details", "vigilance")


@pytest.mark.parametrize("field", [f for f in MARKDOWN_FIELDS if f not in TRAINER_ONLY])
def test_a_markdown_field_reaches_learners_without_its_payload(outputs, field):
    text = "\n".join(p.read_text(encoding="utf-8") for p in content_pages(outputs["site-learner"]))
    assert f"tk-{field}" in text


@pytest.mark.parametrize("field", TRAINER_ONLY)
def test_trainer_notes_and_feedback_reach_the_trainer_site_without_their_payload(outputs, field):
    text = "\n".join(p.read_text(encoding="utf-8") for p in content_pages(outputs["site-trainer"]))
    assert f"tk-{field}" in text


@pytest.mark.parametrize("field", TRAINER_PLAIN_FIELDS)
def test_a_run_sheet_text_shows_its_markup_as_text_on_the_trainer_site(outputs, field):
    text = "\n".join(p.read_text(encoding="utf-8") for p in content_pages(outputs["site-trainer"]))
    assert f"tk-{field} a &lt; b &amp; c &lt;script&gt;" in text
