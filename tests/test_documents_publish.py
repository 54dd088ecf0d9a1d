"""`publish_documents`: every PDF `trainkit build` publishes, laid out on every core."""

from __future__ import annotations

from pathlib import Path

from trainkit.api import validate
from trainkit.outputs.documents import publish_documents

from conftest import run_trainkit


def published_names(curriculum, dist: Path, jobs: int) -> tuple[list[str], dict[str, str], list[list[str]]]:
    published = publish_documents(curriculum, dist, jobs=jobs)
    assert published.processes == jobs
    return ([path.relative_to(dist).as_posix() for path in published.documents],
            {source: path.relative_to(dist).as_posix() for source, path in published.printables.items()},
            [[path.name for path in session.written] for session in published.sessions])


def test_two_processes_write_and_list_the_same_files_as_one(starter, tmp_path):
    curriculum = validate(starter.root).curriculum
    alone = published_names(curriculum, tmp_path / "one", jobs=1)
    shared = published_names(curriculum, tmp_path / "two", jobs=2)
    assert alone == shared
    documents, printables, _ = shared
    assert documents[:2] == ["mon-module-programme.pdf", "mon-module-programme-formateur.pdf"]
    assert documents[2:4] == ["mon-module-fiches-seance-formateur.pdf", "fiches-seance/mon-module/01-ouverture.pdf"]
    assert printables == {"ressources/carte-des-acteurs.md": "ressources/carte-des-acteurs.pdf"}
    assert sorted(p.relative_to(tmp_path / "two").as_posix() for p in (tmp_path / "two").rglob("*.pdf")) == sorted(
        [*documents, *printables.values()])



def test_a_failure_in_a_worker_process_reaches_the_user_as_a_french_message(starter, tmp_path):
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "ressources").write_text("un fichier là où le document à imprimer attend un dossier", encoding="utf-8")
    run = run_trainkit("build", starter.root, "--out", tmp_path / "site", "--dist", dist, cwd=tmp_path)
    assert run.code == 1
    assert "existe déjà et n'est pas un dossier" in run.err and "ressources" in run.err
    assert "Traceback" not in run.err and "Erreur interne" not in run.err
