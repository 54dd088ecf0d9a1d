"""Where commands look: the curriculum folder they run in, and mkdocs.yml read the way MkDocs reads it."""

from __future__ import annotations

from conftest import run_trainkit

EMOJI_CONFIG = """\
site_name: !ENV [TRAINKIT_TEST_SITE_NAME, "Nom par défaut"]
theme:
  name: material
markdown_extensions:
  - attr_list
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
"""


def test_validate_run_inside_the_curriculum_folder_uses_it(starter):
    run = run_trainkit("validate", cwd=starter.root)
    assert run.code == 0, run.out + run.err
    assert "Curriculum valide" in run.out


def test_validate_run_from_the_modules_folder_uses_the_curriculum_above(starter):
    run = run_trainkit("validate", cwd=starter.root / "modules")
    assert run.code == 0, run.out + run.err


def test_validate_in_a_folder_without_curriculum_says_what_to_do(tmp_path):
    run = run_trainkit("validate", cwd=tmp_path)
    assert run.code == 1
    assert "le dossier « curriculum » n'existe pas" in run.out + run.err
    assert "trainkit init" in run.out + run.err


def test_materials_emoji_setup_and_env_tags_in_mkdocs_yml_work_as_with_mkdocs(starter, tmp_path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text(EMOJI_CONFIG, encoding="utf-8")
    monkeypatch.setenv("TRAINKIT_TEST_SITE_NAME", "IRTS de test")
    run = run_trainkit("build", starter.root, "--out", tmp_path / "site", "--audience", "learner",
                       "--dist", tmp_path / "dist", cwd=tmp_path)
    assert run.code == 0, run.err
    home = (tmp_path / "site" / "learner" / "index.html").read_text(encoding="utf-8")
    assert "IRTS de test" in home
    generated = (tmp_path / "build" / "site-src" / "learner" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "!!python/name:material.extensions.emoji.to_svg" in generated
