"""`trainkit export --sco single`: the whole module as one SCO, for LMSs that cannot run a package of many SCOs.

The fixture module (a positioning test, four sessions, a short check, a final evaluation) packaged both ways:
the one-SCO package holds the same pages as the session SCOs, in order, with its own table of contents; run
against scorm-again it saves one place, one suspend data, one set of interactions and the final evaluation's score.
"""

from __future__ import annotations

import re
from contextlib import ExitStack

import pytest
from browser import serve_directory
from quiz_support import answer
from scorm_support import (
    FORMATS,
    VERSION_OF,
    evaluation_module_data,
    launch,
    make_curriculum,
    manifest_of,
    manifest_schema,
    prepare_site,
    read_entries,
)

from trainkit.outputs.scorm import export_packages

CP = {"scorm12": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "scorm2004": "http://www.imsglobal.org/xsd/imscp_v1p1"}
MODULE_PAGE = "sequences/module.html"
versions = pytest.mark.parametrize("version", ["1.2", "2004"])


@pytest.fixture(scope="module")
def curriculum(tmp_path_factory):
    return make_curriculum(tmp_path_factory.mktemp("single") / "c", evaluation_module_data())


@pytest.fixture(scope="module")
def packages(curriculum, tmp_path_factory):
    """{(layout, fmt): zip}."""
    out = {}
    for layout in ("per-session", "single"):
        for fmt in FORMATS:
            [out[layout, fmt]] = export_packages(curriculum, tmp_path_factory.mktemp(f"{layout}-{fmt}"), fmt,
                                                 sco=layout)
    return out


@pytest.fixture(scope="module")
def sites(packages, tmp_path_factory):
    with ExitStack() as stack:
        yield {VERSION_OF[fmt]: stack.enter_context(serve_directory(
            prepare_site(tmp_path_factory.mktemp(f"single-site-{fmt}"), packages["single", fmt])))
            for fmt in FORMATS}


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_module_is_one_sco_in_a_manifest_the_official_schemas_accept(packages, fmt):
    manifest = manifest_of(packages["single", fmt])
    ns = {"cp": CP[fmt]}
    items = manifest.findall(".//cp:organization/cp:item", ns)
    assert [item.get("identifierref") for item in items] == ["res-module"]
    scos = [r.get("href") for r in manifest.iterfind(".//cp:resource", ns) if r.get("href")]
    assert scos == [MODULE_PAGE]
    schema = manifest_schema(fmt)
    assert schema.validate(manifest), schema.error_log


def test_the_one_sco_holds_every_page_of_the_session_scos_in_order(packages):
    per_session = read_entries(packages["per-session", "scorm12"])
    single = read_entries(packages["single", "scorm12"])
    order = ["evaluations/positionnement.html", *[f"sequences/{s['id']}.html" for s in evaluation_module_data()["sessions"]],
             "evaluations/evaluation-finale.html"]
    page_count = sum(len(re.findall(r'data-page="\d+"', per_session[name].decode())) for name in order)
    module_page = single[MODULE_PAGE].decode()
    assert re.findall(r'data-page="(\d+)"', module_page) == [str(n) for n in range(1, page_count + 1)]
    assert [name for name in single if name.endswith(".html") and name.startswith(("sequences/", "evaluations/"))] \
        == [MODULE_PAGE]
    titles = re.findall(r'data-goto="\d+">([^<]+)</a>', module_page)
    assert titles[0] == "Test de positionnement" and titles[-1] == "Évaluation finale"
    assert len(titles) == len(order)


def test_session_content_headings_sit_under_the_session_title(packages):
    module_page = read_entries(packages["single", "scorm12"])[MODULE_PAGE].decode()
    assert "<h1" in module_page and module_page.count("<h1") == 1
    h2 = re.findall(r"<h2[^>]*>", module_page)
    assert h2 and set(h2) == {'<h2 class="sco-part-title">'}  # one per session and evaluation
    assert re.search(r"<h3[ >]", module_page)  # the sessions' own headings, one level down


@versions
def test_every_page_seen_completes_the_one_sco_without_a_score(page, sites, version):
    lms = launch(page, sites[version], version, MODULE_PAGE)
    pages = lms.frame.locator("[data-page]").count()
    for _ in range(pages - 1):
        lms.press("next")
    status = lms.names["status"]
    assert lms.writes(status)[-1] == "completed"
    assert not [c for c in lms.calls() if c["name"] == lms.names["set"] and ".score." in c["args"][0]]
    assert lms.errors() == []


@versions
def test_the_final_evaluation_in_the_one_sco_reports_its_score_and_answers(page, sites, packages, curriculum, version):
    module = curriculum.modules[0]
    final = module.evaluation("finale")
    data = {"cmi.student_data.mastery_score": "60"} if version == "1.2" else {"cmi.scaled_passing_score": "0.60"}
    lms = launch(page, sites[version], version, MODULE_PAGE, data)
    last = lms.frame.locator("[data-goto]").last
    lms.frame.locator("summary").click()
    last.click()
    for question in final.questions:
        answer(page, lms.frame.locator(f"#{final.id}-{question.id}"), question, right=True)
    lms.frame.get_by_role("button", name="Valider mes réponses").click()
    saved = lms.saved()
    assert saved["cmi.core.score.raw" if version == "1.2" else "cmi.score.raw"] == "100"
    # « contenu-vu »: the module is not finished while pages are left unseen, passed or not.
    if version == "1.2":
        assert saved["cmi.core.lesson_status"] == "incomplete"
    else:
        assert saved["cmi.success_status"] == "passed"
        assert saved["cmi.completion_status"] == "incomplete"
    ids = [value for key, value in saved.items() if re.match(r"cmi\.interactions\.\d+\.id$", key)]
    assert ids == [f"{final.id}__{q.id}" for q in final.questions]
    lms.frame.locator("[data-goto]").first.click()
    for _ in range(lms.frame.locator("[data-page]").count() - 1):
        lms.press("next")
    saved = lms.saved()
    if version == "1.2":
        assert saved["cmi.core.lesson_status"] == "passed"  # every page seen: the final evaluation's verdict
    else:
        assert saved["cmi.completion_status"] == "completed"
    assert lms.errors() == []


@versions
def test_the_one_sco_resumes_at_the_page_left(page, sites, version):
    first = launch(page, sites[version], version, MODULE_PAGE)
    for _ in range(3):
        first.press("next")
    first.press("exit")
    saved = first.saved()
    names = first.names
    resume = {key: saved[key] for key in (names["location"], "cmi.suspend_data", names["status"])}
    resume[names["entry"]] = "resume"
    second = launch(page, sites[version], version, MODULE_PAGE, resume)
    assert second.current_page() == 4
    assert second.errors() == []
