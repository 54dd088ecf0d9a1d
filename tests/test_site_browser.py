"""The built site in a real browser (Debian chromium + Playwright): what learners and trainers see."""

from __future__ import annotations

import re

import pytest

from browser import external_requests, require_node_module, serve_directory
from site_support import TRAINER_MARKER

SEARCH_TIMEOUT = 15_000


@pytest.fixture(scope="module")
def learner_url(built_site):
    with serve_directory(built_site.learner) as url:
        yield url


@pytest.fixture(scope="module")
def trainer_url(built_site):
    with serve_directory(built_site.trainer) as url:
        yield url


class SearchBox:
    """The search of a built site, as a visitor uses it: Material's field in the header, or
    Zensical's dialog (opened with Ctrl+K, as its header button says)."""

    def __init__(self, page, engine: str) -> None:
        self.page, self.zensical = page, engine == "zensical"
        self.results = "dialog a[role=option]" if self.zensical else ".md-search-result__item"
        self.status = "dialog [role=status]" if self.zensical else ".md-search-result__meta"

    def field(self):
        if self.zensical:
            if not self.page.locator("dialog[open]").count():
                self.page.keyboard.press("Control+k")
            return self.page.locator("dialog input[role=combobox]")
        field = self.page.locator("input.md-search__input")
        field.click()
        return field

    def link(self, address_part: str):
        item = "dialog a[role=option]" if self.zensical else ".md-search-result__item a"
        return self.page.locator(f"{item}[href*='{address_part}']").first


def search(page, query: str, engine: str = "mkdocs"):
    box = SearchBox(page, engine)
    box.field().press_sequentially(query)  # both engines search on key events, as a person types
    results = page.locator(box.results)
    results.first.wait_for(timeout=SEARCH_TIMEOUT)
    return results


def test_learner_goes_from_home_to_a_module_to_a_session(page, learner_url):
    outside = external_requests(page)
    page.goto(f"{learner_url}/index.html")
    page.get_by_role("link", name="Les fondamentaux de l'insertion socio-professionnelle").first.click()
    page.wait_for_url("**/modules/fondamentaux/index.html")
    assert page.locator("article h1").inner_text().startswith("Les fondamentaux de l'insertion socio-professionnelle")
    page.locator("article").get_by_role("link", name="Planning des séquences").click()
    page.wait_for_url("**/planning.html")
    page.locator("article").get_by_role("link", name="contrat d'engagement jeune (CEJ) et PACEA").click()
    page.wait_for_url("**/sequences/garantie-jeunes-cej-pacea.html")
    assert "Objectifs de la séquence" in page.locator("article").inner_text()
    assert outside == []


def test_search_finds_the_cej_page(page, learner_url, built_site):
    page.goto(f"{learner_url}/index.html")
    search(page, "engagement jeune", built_site.engine)
    found = SearchBox(page, built_site.engine).link("garantie-jeunes-cej-pacea")
    found.wait_for(timeout=SEARCH_TIMEOUT)
    assert "engagement jeune" in found.inner_text()


def test_search_works_from_the_file_system(page, built_site):
    outside = external_requests(page)
    page.goto((built_site.learner / "index.html").as_uri())
    search(page, "Garantie jeunes", built_site.engine)
    SearchBox(page, built_site.engine).link("garantie-jeunes-cej-pacea").wait_for(timeout=SEARCH_TIMEOUT)
    assert outside == []


# Material's search splits words on hyphens: the marker is searched by its one part that no other
# text holds ("formateur" alone is a learner word too).
MARKER_WORD = TRAINER_MARKER.rsplit("-", 1)[-1]


def settled_search(page, url: str, query: str, engine: str):
    """The search's answer to `query`, once it has replaced the answer to a known learner query.

    `fill` + one key press send exactly one query (the engines read the field on key events): no
    partial query is left in flight to be mistaken for the answer. The search worker answers in order.
    """
    from playwright.sync_api import expect

    page.goto(f"{url}/index.html")
    box = SearchBox(page, engine)
    field = box.field()
    field.fill("Garantie jeunes")
    field.press("End")
    known = box.link("garantie-jeunes-cej-pacea")
    known.wait_for(timeout=SEARCH_TIMEOUT)
    meta = page.locator(box.status)
    # Playwright's own waits: they see into Zensical's shadow DOM, where `document.querySelector` finds
    # nothing (a wait written that way returned at once). Under load the status line can lag behind the
    # list: first wait until it counts the known answer.
    expect(meta).to_have_text(re.compile(r"\d"), timeout=SEARCH_TIMEOUT)
    before = meta.inner_text()
    field.fill(query)
    field.press("End")
    expect(meta).not_to_have_text(before, timeout=SEARCH_TIMEOUT)
    return meta.inner_text(), page.locator(box.results)


def test_learner_search_never_returns_trainer_material(page, learner_url, trainer_url, built_site):
    # The very same search on the trainer site finds the notes: the marker can be found this way.
    _, found = settled_search(page, trainer_url, MARKER_WORD, built_site.engine)
    assert found.count() > 0
    box = SearchBox(page, built_site.engine)
    assert box.link("deroule").count() + box.link("/fiches/").count() > 0  # trainer-only pages
    meta, found = settled_search(page, learner_url, MARKER_WORD, built_site.engine)
    assert meta.startswith("Aucun"), meta
    assert found.count() == 0


def test_trainer_finds_the_deroule_pedagogique(page, trainer_url):
    page.goto(f"{trainer_url}/modules/expert/index.html")
    page.locator("article").get_by_role("link", name="Déroulé pédagogique").click()
    page.wait_for_url("**/deroule.html")
    assert TRAINER_MARKER in page.locator("article").inner_text()


def test_acronym_is_explained_by_its_title(page, learner_url):
    page.goto(f"{learner_url}/modules/fondamentaux/sequences/garantie-jeunes-cej-pacea.html")
    assert page.locator("article abbr", has_text="CEJ").first.get_attribute("title") == "contrat d'engagement jeune"


def test_print_stylesheet_keeps_only_the_content(page, learner_url):
    page.goto(f"{learner_url}/modules/expert/planning.html")
    page.emulate_media(media="print")
    assert not page.locator("header.md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator("article h1").is_visible()


PAGES = {
    "accueil": ("learner", "index.html"),
    "module": ("learner", "modules/fondamentaux/index.html"),
    "compétences": ("learner", "modules/fondamentaux/competences.html"),
    "planning": ("learner", "modules/expert/planning.html"),
    "séquence": ("learner", "modules/fondamentaux/sequences/garantie-jeunes-cej-pacea.html"),
    "glossaire": ("learner", "glossaire.html"),
    "évaluation": ("learner", "modules/fondamentaux/evaluations/evaluation-finale.html"),
    "corrigé": ("trainer", "modules/fondamentaux/evaluations/evaluation-finale.html"),
    "déroulé": ("trainer", "modules/expert/deroule.html"),
    "matrice": ("trainer", "modules/expert/matrice.html"),
}


@pytest.mark.parametrize("kind", list(PAGES))
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_finds_no_serious_accessibility_violation(page, learner_url, trainer_url, kind, scheme):
    axe = require_node_module("axe-core") / "axe.min.js"
    audience, path = PAGES[kind]
    page.goto(f"{learner_url if audience == 'learner' else trainer_url}/{path}")
    # Switch palettes with transitions off, so that colours are measured settled, not mid-fade.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    page.add_script_tag(path=str(axe))
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".filter(v => ['serious', 'critical'].includes(v.impact))"
        ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))"
    )
    assert violations == []


PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("audience", ["learner", "trainer"])
def test_no_page_of_either_site_is_wider_than_a_phone(browser, built_site, audience):
    folder = getattr(built_site, audience)
    pages = sorted(p for p in folder.rglob("*.html") if "assets" not in p.parts)
    phone = browser.new_page(viewport=PHONE)
    try:
        wider = {}
        for path in pages:
            phone.goto(path.as_uri())
            width = phone.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                wider[path.relative_to(folder).as_posix()] = width
    finally:
        phone.close()
    assert len(pages) > 50 and wider == {}


def test_the_planning_is_one_card_per_day_on_a_phone(browser, built_site):
    phone = browser.new_page(viewport=PHONE)
    try:
        phone.goto((built_site.learner / "modules" / "fondamentaux" / "planning.html").as_uri())
        table = phone.locator(".tk-planning table").first
        assert table.locator("thead").evaluate("e => getComputedStyle(e).display") == "none"
        day = table.locator("tbody tr").first
        assert day.evaluate("e => getComputedStyle(e).display") == "block"
        morning = day.locator("td").nth(1)
        assert morning.evaluate("e => getComputedStyle(e, '::before').content") == '"Matin"'
        assert morning.bounding_box()["width"] <= PHONE["width"]
    finally:
        phone.close()


def test_a_session_marked_seen_shows_its_mark_on_the_module_page_and_planning(page, learner_url):
    outside = external_requests(page)
    page.goto(f"{learner_url}/modules/fondamentaux/sequences/cartographie-acteurs.html")
    button = page.locator(".tk-seen button")
    assert button.inner_text() == "Marquer comme vue"
    button.click()
    assert button.get_attribute("aria-pressed") == "true" and "vue" in button.inner_text()
    for name in ("index", "planning"):
        page.goto(f"{learner_url}/modules/fondamentaux/{name}.html")
        assert page.locator('[data-tk-seen-mark="fondamentaux/cartographie-acteurs"]').first.is_visible()
        assert not page.locator('[data-tk-seen-mark="fondamentaux/parcours-fil-rouge"]').first.is_visible()
    assert outside == []  # kept in the browser: nothing sent


def test_the_seen_mark_can_be_taken_back(page, learner_url):
    page.goto(f"{learner_url}/modules/fondamentaux/sequences/parcours-fil-rouge.html")
    button = page.locator(".tk-seen button")
    button.click()
    button.click()
    page.goto(f"{learner_url}/modules/fondamentaux/planning.html")
    assert not page.locator('[data-tk-seen-mark="fondamentaux/parcours-fil-rouge"]').first.is_visible()


def test_without_storage_the_seen_button_stays_hidden(browser, built_site):
    # A browser that refuses storage (private mode, policy): no button that would do nothing.
    context = browser.new_context()
    context.add_init_script("Object.defineProperty(window, 'localStorage', {get() { throw new Error('refusé'); }})")
    page = context.new_page()
    try:
        page.goto((built_site.learner / "modules" / "fondamentaux" / "sequences" / "parcours-fil-rouge.html").as_uri())
        assert not page.locator(".tk-seen").is_visible()
    finally:
        context.close()


# Zensical's search dialog shows its own excerpts (README: what Zensical does not do yet).
@pytest.mark.parametrize("built_site", ["mkdocs"], indirect=True)
def test_search_results_show_the_sentence_that_holds_the_words_found(page, learner_url):
    page.goto(f"{learner_url}/index.html")
    search(page, "mission locale")
    page.locator("p.tk-snippet").first.wait_for(timeout=SEARCH_TIMEOUT)
    snippets = page.locator(".md-search-result__item > a article > p.tk-snippet")
    assert snippets.count() >= 3
    for index in range(snippets.count()):
        text = snippets.nth(index).inner_text()
        words_found = snippets.nth(index).locator("mark").first.inner_text()
        assert text.index(words_found) <= 130, text  # the sentence found (two lines at most before), not the top of the section
        assert not text.startswith("Méthodes")
