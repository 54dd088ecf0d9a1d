"""Slips French authors make in YAML, each reported at its line with the fix to type.

Each case edits `trainkit init`'s module the way a trainer typing French would, then runs
`trainkit validate` on it.
"""

from __future__ import annotations

from trainkit.api import validate


def diagnostics(starter):
    return validate(starter.root).report.diagnostics


def the_one(starter, code: str):
    found = [d for d in diagnostics(starter) if d.code == code]
    assert len(found) == 1, [(d.code, d.message) for d in diagnostics(starter)]
    return found[0]


def test_a_colon_typed_the_french_way_in_a_list_item_is_named_with_the_quoted_line(starter):
    starter.edit_module("      - Les principaux acteurs et leurs compétences respectives",
                        "      - Les trois volets du diagnostic : situation, projet, freins")
    found = the_one(starter, "deux-points-dans-liste")
    assert (found.line, found.column) == starter.position_in_module("Les trois volets")
    assert "« : » a fait de cet élément de liste une clé" in found.message
    assert '- "Les trois volets du diagnostic : situation, projet, freins"' in found.hint


def test_a_colon_slip_in_a_list_of_plain_texts_hides_no_other_problem(starter):
    starter.edit_module("    - Expérience de l'accompagnement social",
                        "    - Expérience : deux ans d'accompagnement social")
    starter.edit_module("max_days: 5", "max_days: cinq")
    codes = sorted(d.code for d in diagnostics(starter))
    assert codes == ["deux-points-dans-liste", "int-type"]


def test_an_unclosed_quote_is_reported_where_it_was_opened(starter):
    starter.edit_module("title: Mon premier module", 'title: "Mon premier module')
    [found] = diagnostics(starter)
    assert found.code == "guillemet-non-ferme"
    line, _ = starter.position_in_module('title: "Mon premier')
    assert found.line == line
    assert 'title: "Mon premier module"' in found.hint


def test_an_unclosed_quote_is_found_even_when_a_later_quote_closes_it_far_away(starter):
    starter.edit_module("subtitle: Ce que le module permet de faire, en une phrase",
                        'subtitle: "Ce que le module permet de faire, en une phrase')
    starter.edit_module("    - Expérience de l'accompagnement social", '    - "Expérience de l\'accompagnement social"')
    [found] = diagnostics(starter)
    assert found.code == "guillemet-non-ferme"
    assert found.line == starter.position_in_module('subtitle: "Ce que')[0]


def test_a_duration_without_unit_is_refused_with_both_readings(starter):
    starter.edit_module("duration: 1h", "duration: 2")
    [found] = [d for d in diagnostics(starter) if d.path.endswith("duration")]
    assert "durée « 2 » sans unité : écrivez « 2h » (heures) ou « 2min » (minutes)" in found.message
    assert found.line == starter.position_in_module("duration: 2")[0]


def test_a_nul_byte_is_named_in_french_at_its_line(starter):
    starter.edit_module("title: Mon premier module", "title: Mon premier\x00 module")
    [found] = diagnostics(starter)
    assert found.code == "caractere-controle"
    assert "octet nul" in found.message
    assert (found.line, found.column) == (starter.position_in_module("title: Mon premier")[0], 19)


def test_a_control_character_pasted_from_a_pdf_is_named(starter):
    starter.edit_module("title: Mon premier module", "title: Mon premier\x0c module")
    [found] = diagnostics(starter)
    assert found.code == "caractere-controle" and "0x0C" in found.message


def test_nesting_too_deep_is_refused_in_french(starter):
    starter.module.write_text("id: mon-module\ntitle: " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8")
    [found] = diagnostics(starter)
    assert found.line == 2
    assert "imbriqué" in found.message and "depth" not in found.message


def test_a_title_pasted_from_a_whole_document_is_too_long(starter):
    starter.edit_module("title: Mon premier module", "title: " + "Un titre très long." * 5000 + "!")
    [found] = [d for d in diagnostics(starter) if d.code == "string-too-long"]
    assert found.path == "modules.mon-module.title"
    assert "texte trop long : 95001 caractères, au plus 500 ici" in found.message


def test_a_long_markdown_content_is_not_a_title(starter):
    starter.edit_module("      Les grands axes de la stratégie et ce que le module vous permettra de faire.",
                        "      " + "Une phrase de contenu. " * 200)
    assert diagnostics(starter) == []


def test_an_apostrophe_inside_single_quotes_is_named_with_the_doubled_form(starter):
    starter.edit_module("title: Mon premier module", "title: 'L'accueil des publics'")
    [found] = diagnostics(starter)
    assert found.code == "apostrophe-entre-guillemets-simples"
    assert found.line == starter.position_in_module("title: 'L'accueil")[0]
    assert "title: 'L''accueil des publics'" in found.hint


def test_an_unclosed_bracket_is_reported_where_it_was_opened(starter):
    starter.edit_module("methods: [apports]", "methods: [apports")
    [found] = diagnostics(starter)
    assert (found.line, found.column) == starter.position_in_module("[apports")


def test_a_format_key_typed_with_a_french_space_stays_a_key(starter):
    starter.edit_module("          - text: La Mission locale", "          - text : La Mission locale")
    assert diagnostics(starter) == []


def test_a_quote_in_a_markdown_block_is_not_blamed_for_a_later_error(starter):
    starter.edit_module("      Tour de table : attentes", '      Tour de table : il a dit "bonjour : attentes')
    starter.edit_module("methods: [atelier]", "methods: [atelier")  # the next session, below the quote
    [found] = diagnostics(starter)
    assert found.code == "syntaxe-yaml" and found.line == starter.position_in_module("[atelier")[0]


def test_control_characters_are_found_in_the_bytes_where_the_pattern_finds_them_in_the_text():
    import random

    from trainkit.load.yaml_source import _CONTROL, _has_control_bytes

    pieces = ["a", "é", "\t", "\n", "\r", "\x00", "\x0c", "\x1f", "\x7f", "\x80", "\x9f", "\xa0", "«", "Â",
              "\u0100", "\u2019", "\U0001f600", "\u0080\u00c2"]
    rng = random.Random(19)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert _has_control_bytes(text.encode("utf-8")) == (_CONTROL.search(text) is not None), repr(text)
