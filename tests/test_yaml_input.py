"""Bad YAML gets a located, French, actionable message — never a traceback, never silent data loss."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainkit.load.yaml_source import MAX_FILE_BYTES, YamlInputError, read_yaml_file


def read_error(tmp_path: Path, content: bytes | str):
    path = tmp_path / "module.yml"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    with pytest.raises(YamlInputError) as caught:
        read_yaml_file(path)
    return caught.value.diagnostic


def test_duplicate_key_is_reported_with_both_lines(tmp_path):
    path = tmp_path / "m.yml"
    path.write_text("title: Un\nlevel: expert\ntitle: Deux\n", encoding="utf-8")
    document = read_yaml_file(path)
    [duplicate] = document.load_diagnostics
    assert (duplicate.code, duplicate.line, duplicate.column) == ("cle-en-double", 3, 1)
    assert "déjà ligne 1" in duplicate.message


def test_duplicate_key_keeps_reading_the_rest_of_the_file(tmp_path):
    path = tmp_path / "m.yml"
    path.write_text("a: 1\na: 2\nb: 3\nb: 4\n", encoding="utf-8")
    assert [d.line for d in read_yaml_file(path).load_diagnostics] == [2, 4]


def test_tab_indentation_names_the_line(tmp_path):
    diagnostic = read_error(tmp_path, "title: x\nsessions:\n\t- id: a\n")
    assert (diagnostic.code, diagnostic.line) == ("tabulation", 3)
    assert "espaces" in diagnostic.message


def test_empty_file_is_an_error(tmp_path):
    assert read_error(tmp_path, "").code == "fichier-vide"


def test_file_with_only_comments_is_empty(tmp_path):
    assert read_error(tmp_path, "# rien\n---\n").code == "fichier-vide"


def test_latin1_file_is_reported_at_the_bad_byte(tmp_path):
    diagnostic = read_error(tmp_path, "title: ok\nrole: Caf\xe9\n".encode("latin-1"))
    assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("encodage", 2, 10)
    assert "UTF-8" in diagnostic.message and "Windows-1252" in diagnostic.message


def test_oversized_file_is_refused_before_parsing(tmp_path):
    diagnostic = read_error(tmp_path, b"a: " + b"x" * MAX_FILE_BYTES + b"\n")
    assert diagnostic.code == "fichier-trop-gros"


def test_alias_bomb_is_refused(tmp_path):
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for name, previous in zip("bcdefgh", "abcdefg"):
        lines.append(f"{name}: &{name} [{','.join(['*' + previous] * 9)}]")
    assert read_error(tmp_path, "\n".join(lines) + "\n").code == "bombe-alias"


def test_anchor_reused_a_few_times_is_accepted(tmp_path):
    path = tmp_path / "m.yml"
    path.write_text("base: &r {title: Guide, url: 'https://x.fr'}\nuse: [*r, *r]\n", encoding="utf-8")
    assert read_yaml_file(path).data["use"][1]["title"] == "Guide"


def test_python_tag_is_refused(tmp_path):
    diagnostic = read_error(tmp_path, "title: !!python/object/apply:os.system ['ls']\n")
    assert diagnostic.code == "etiquette-interdite"
    assert "!!python/object/apply:os.system" in diagnostic.message


def test_bom_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "m.yml"
    path.write_bytes("\ufefftitle: Été\r\nlevel: expert\r\n".encode("utf-8"))
    assert read_yaml_file(path).data == {"title": "Été", "level": "expert"}


def test_scalars_follow_yaml_1_2_like_editors(tmp_path):
    path = tmp_path / "m.yml"
    path.write_text("a: yes\nb: non\nc: 1:30\nd: true\ne: 7\nf: ~\n", encoding="utf-8")
    assert read_yaml_file(path).data == {"a": "yes", "b": "non", "c": "1:30", "d": True, "e": 7, "f": None}


def test_syntax_error_is_located_and_explained_in_french(tmp_path):
    diagnostic = read_error(tmp_path, "title: Le rôle: du travailleur social\n")
    assert (diagnostic.code, diagnostic.line) == ("syntaxe-yaml", 1)
    assert "guillemets" in diagnostic.message


def test_several_documents_in_one_file_are_refused(tmp_path):
    diagnostic = read_error(tmp_path, "a: 1\n---\nb: 2\n")
    assert "plusieurs documents" in diagnostic.message


def test_position_of_a_nested_value_is_found_after_release(tmp_path):
    path = tmp_path / "m.yml"
    path.write_text("sessions:\n  - id: a\n  - id: b\n    duration: 3 heures\n", encoding="utf-8")
    document = read_yaml_file(path)
    document.release_positions()
    assert document.locate(("sessions", 1, "duration")) == (4, 15)
    assert document.locate(("sessions", 1, "duration"), at_key=True) == (4, 5)


@pytest.mark.parametrize("enabled", [True, False])
def test_reading_a_curriculum_leaves_the_cycle_collector_as_it_found_it(enabled):
    import gc

    from conftest import CURRICULUM
    from trainkit.load.curriculum_files import find_curriculum_files
    from trainkit.model.curriculum import read_curriculum

    files, _ = find_curriculum_files(CURRICULUM)
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        curriculum, _ = read_curriculum(files)
        assert curriculum is not None and gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_overlapping_reads_restore_the_cycle_collector_when_the_last_one_ends():
    import gc

    from trainkit.model.curriculum import _cycle_collector_paused

    assert gc.isenabled()
    first, second = _cycle_collector_paused(), _cycle_collector_paused()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)  # the first reader ends while the second still reads
    assert not gc.isenabled()
    second.__exit__(None, None, None)
    assert gc.isenabled()
