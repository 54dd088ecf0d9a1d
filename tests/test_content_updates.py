"""Content bullets kept verbatim from the 2019 training plan carry a dated update when what they name has changed."""

from __future__ import annotations

import re

import pytest

from trainkit.api import validate
from trainkit.model.module import ContentItem

from conftest import CURRICULUM

# Names the training plan uses that no longer name what is in force.
SUPERSEDED = re.compile(
    r"p[ôo]le\s+emploi|garantie\s+jeunes|garantie\s+d'activit[ée]|service\s+public\s+de\s+l'insertion|\bSPIE\b",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def modules():
    result = validate(CURRICULUM)
    assert result.curriculum is not None
    return {m.id: m for m in result.curriculum.modules}


def content_items(module):
    def walk(items):
        for item in items:
            yield item
            yield from walk(item.items)

    for competence in module.competences:
        yield from walk(competence.content)


@pytest.mark.parametrize("module_id", ["fondamentaux", "expert"])
def test_every_item_naming_a_superseded_scheme_carries_an_update(modules, module_id):
    stale = [item.text for item in content_items(modules[module_id])
             if SUPERSEDED.search(item.text) and not item.update]
    assert stale == []


@pytest.mark.parametrize("module_id", ["fondamentaux", "expert"])
def test_updates_are_dated_one_liners(modules, module_id):
    updates = [item.update for item in content_items(modules[module_id]) if item.update]
    assert updates, "au moins une mise à jour attendue"
    for update in updates:
        assert "\n" not in update
        assert re.search(r"\b(19|20)\d\d\b", update), update


def test_the_two_modules_give_the_same_update_for_the_same_scheme(modules):
    def update_for(module_id, pattern):
        return {item.update for item in content_items(modules[module_id])
                if re.search(pattern, item.text, re.IGNORECASE)}

    assert update_for("fondamentaux", r"garantie d'activit") == update_for("expert", r"garantie d'activit")


def test_an_update_written_on_several_lines_is_refused():
    with pytest.raises(ValueError, match="une ligne"):
        ContentItem.model_validate({"text": "La Garantie jeunes", "update": "Depuis 2022 :\ncontrat d'engagement jeune"})


def test_no_text_people_read_names_a_curriculum_file(modules):
    file_name = re.compile(r"\.ya?ml\b|fichier (programme|glossaire|du module)", re.IGNORECASE)
    texts = []
    for module in modules.values():
        for session in module.sessions:
            texts += [session.content, session.trainer_notes or ""]
        for evaluation in module.all_evaluations:
            texts.append(evaluation.instructions or "")
            for question in evaluation.questions:
                texts.append(question.prompt)
                if question.feedback:
                    texts += [question.feedback.correct or "", question.feedback.incorrect or ""]
    assert [t[:80] for t in texts if file_name.search(t)] == []


def _items_with_updates(items):
    for item in items:
        if item.update:
            yield item
        yield from _items_with_updates(item.items)


def test_every_update_is_shown_with_its_item_on_the_competences_page():
    from trainkit.api import validate
    from trainkit.outputs.site.pages import make_environment, plan_site, render_page
    from trainkit.render import markdown_text

    curriculum = validate(CURRICULUM).curriculum
    for module in curriculum.modules:
        [page] = [p for p in plan_site(curriculum, "learner").pages if p.path == f"modules/{module.id}/competences.md"]
        text = render_page(make_environment(None, curriculum.glossary), page, curriculum.glossary)
        updated = [i for c in module.competences for i in _items_with_updates(c.content)]
        assert updated
        for item in updated:
            assert f"{markdown_text(item.text)} — *{markdown_text(item.update)}*" in text


def test_every_update_is_shown_in_the_programme_pdf(tmp_path):
    from documents_support import normalized, pdf_text
    from trainkit.api import validate
    from trainkit.outputs.documents import write_programme

    curriculum = validate(CURRICULUM).curriculum
    for module in curriculum.modules:
        path, _ = write_programme(curriculum, module, tmp_path)
        text = normalized(pdf_text(path))
        for item in (i for c in module.competences for i in _items_with_updates(c.content)):
            assert normalized(item.update) in text, item.update
