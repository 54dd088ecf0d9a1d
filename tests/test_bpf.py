"""The bilan pédagogique et financier (cerfa 10443, cadre F): the year's learners and learner-hours.

The bundled example session (fondamentaux, January–February 2027) plus a second one written here:
the expert module from 13 December 2027 to 11 January 2028, a person paying for herself and a
job seeker funded by France Travail, everyone present throughout.
"""

from __future__ import annotations

import csv

import pytest

from conftest import run_trainkit
from session_support import copy_curriculum, edit

SECOND_SESSION = """\
module: expert
example: true
parts:
  - start: 2027-12-13
  - start: 2028-01-10
place: {name: "Salle d'exemple", address: "1 rue de l'Exemple, 75000 Paris"}
buyers:
  - {id: inès, name: "Inès Roussel", kind: particulier, category: particulier, amount: 1300}
  - {id: france-travail, name: "France Travail — agence d'exemple", kind: france-travail,
     siret: "999 000 004 00013", category: demandeur-emploi}
participants:
  - {last_name: Roussel, first_name: Inès, buyer: inès}
  - {last_name: Garnier, first_name: Tom, buyer: france-travail}
attendance:
""" + "".join(f"  - {{half_day: {slot}, present: tous}}\n" for slot in (
    "J1 matin", "J1 après-midi", "J2 matin", "J2 après-midi", "J3 matin", "J3 après-midi", "Intersession 1",
    "J4 matin", "J4 après-midi", "J5 matin", "J5 après-midi"))


@pytest.fixture
def two_sessions(tmp_path):
    root = copy_curriculum(tmp_path / "curriculum")
    (root / "sessions" / "2027-12-expert.yml").write_text(SECOND_SESSION.replace("inès", "ines"), encoding="utf-8")
    return root


def bpf(root, year, out):
    run = run_trainkit("documents", "bpf", root, "--year", str(year), "--out", out)
    assert run.code == 0, run.out + run.err
    with open(out / f"bpf-{year}.csv", encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream, delimiter=";"))
    return {(row[0], row[1]): (int(row[3]), row[4]) for row in rows[1:]}, run


def test_learners_and_hours_by_category_sum_the_sessions_of_the_year(two_sessions, tmp_path):
    lines, run = bpf(two_sessions, 2027, tmp_path)
    # Example session: 3 employees of a private association (34 + 32,5 + 30,5 h), 5 public agents
    # (34 + 28 + 34 + 34 + 34 h); the expert session's three days of December: 21 h each.
    assert lines[("F-1", "a")] == (3, "97")
    assert lines[("F-1", "c")] == (1, "21")
    assert lines[("F-1", "d")] == (1, "21")
    assert lines[("F-1", "e")] == (5, "164")
    assert lines[("F-1", "total (1)")] == (10, "303")
    assert "10 stagiaires, 303 heures-stagiaires (2 sessions)" in run.out


def test_hours_count_in_the_year_they_were_done(two_sessions, tmp_path):
    lines, _ = bpf(two_sessions, 2028, tmp_path)
    # January 2028: two days (14 h) and the intersession work handed in at the second part (10 h).
    assert lines[("F-1", "total (1)")] == (2, "48")
    assert lines[("F-1", "e")] == (0, "0")


def test_objective_and_specialty_totals_equal_the_category_total(two_sessions, tmp_path):
    lines, _ = bpf(two_sessions, 2027, tmp_path)
    assert lines[("F-3", "d")] == lines[("F-3", "total (3)")] == lines[("F-1", "total (1)")]
    assert lines[("F-4", "")] == lines[("F-4", "total (4)")] == (10, "303")


def test_sessions_with_intersession_work_count_as_partly_at_a_distance(two_sessions, tmp_path):
    lines, _ = bpf(two_sessions, 2027, tmp_path)
    assert lines[("F-1", "dont")] == (10, "303")


def test_the_csv_uses_the_cerfa_line_names(two_sessions, tmp_path):
    bpf(two_sessions, 2027, tmp_path)
    text = (tmp_path / "bpf-2027.csv").read_text(encoding="utf-8-sig")
    for label in ("Salariés d'employeurs privés hors apprentis", "Personnes en recherche d'emploi formées par votre "
                  "organisme de formation", "Autres formations professionnelles", "332 — Travail social"):
        assert label in text


def test_a_session_of_the_year_without_attendance_stops_the_bilan(two_sessions, tmp_path):
    path = two_sessions / "sessions" / "2027-12-expert.yml"
    edit(path, "  - {half_day: J3 matin, present: tous}\n", "")
    run = run_trainkit("documents", "bpf", two_sessions, "--year", "2027", "--out", tmp_path / "out")
    assert run.code == 1
    assert "la session « 2027-12-expert » n'a pas de présences saisies pour J3 matin (Inès Roussel, Tom Garnier)" in run.err
    assert not (tmp_path / "out").exists()


def test_a_year_without_sessions_gives_a_bilan_at_zero(two_sessions, tmp_path):
    lines, run = bpf(two_sessions, 2026, tmp_path)
    assert lines[("F-1", "total (1)")] == (0, "0")
    assert "aucune session n'a de journée en 2026" in run.out


def test_an_individual_paying_for_herself_gets_a_contract_with_the_withdrawal_period(two_sessions, tmp_path):
    from session_support import flat, pdftotext

    run = run_trainkit("documents", "session", "2027-12-expert", two_sessions, "--out", tmp_path)
    assert run.code == 0, run.err
    text = flat(pdftotext(tmp_path / "sessions" / "2027-12-expert" / "convention-ines.pdf"))
    assert "Contrat de formation professionnelle" in text
    assert "Dans le délai de dix jours à compter de la signature du contrat, le stagiaire peut se rétracter" in text
    assert "1 300 € net de taxe par stagiaire, soit 1 300 € net de taxe pour 1 stagiaire" in text


def test_a_year_that_is_not_a_number_is_refused_in_french(tmp_path):
    run = run_trainkit("documents", "bpf", copy_curriculum(tmp_path / "c"), "--year", "abc")
    assert run.code == 1
    assert "'abc' n'est pas un nombre entier" in run.err
