"""A session file with a slip gets a located French message: dates, people, attendance, results, CSV files.

Each case edits the bundled example session (or its Moodle export) and runs `trainkit validate`
as an author would.
"""

from __future__ import annotations

import pytest

from conftest import run_trainkit
from session_support import EXAMPLE_SESSION, absent_every_half_day, copy_curriculum, edit, line_of, session_file

SESSION = f"sessions/{EXAMPLE_SESSION}.yml"

# case → (text to replace, replacement, the text whose line is reported, expected message)
SLIPS = {
    "un samedi": ("  - start: 2027-02-08", "  - start: 2027-02-06", "start: 2027-02-06",
                  "le 6 février 2027 est un samedi : pas un jour de formation"),
    "un jour férié": ("  - start: 2027-02-08", "  - start: 2027-03-29", "start: 2027-03-29",
                      "le 29 mars 2027 est un jour férié (lundi de Pâques)"),
    "plus de dates que de jours": ("  - start: 2027-02-08", "  - dates: [2027-02-08, 2027-02-09, 2027-02-10]",
                                   "dates: [2027-02-08", "la partie 2 du module dure 2 jours (jours 3, 4) : 3 dates données"),
    "une partie oubliée": ("  - start: 2027-02-08        # jours 3 et 4, après l'intersession\n", "",
                           "parts:", "le module `fondamentaux` a 2 parties"),
    "partie 2 avant la partie 1": ("  - start: 2027-02-08", "  - start: 2027-01-04", "start: 2027-01-04",
                                   "ne vient pas après le jour précédent"),
    "un participant deux fois": ("  - {last_name: Moreau, first_name: Julien,",
                                 "  - {last_name: DURAND, first_name: Léa, buyer: horizon}\n  - {last_name: Moreau, first_name: Julien,",
                                 "last_name: DURAND", "Léa DURAND est déjà inscrit (participant n° 1)"),
    "plus d'heures que la demi-journée": ('partial: {"Paul Martin": 2h}', 'partial: {"Paul Martin": 4h}',
                                          '"Paul Martin": 4h', "Paul Martin : 4 h pour J2 après-midi, qui dure 3 h 30"),
    "une demi-journée que le module n'a pas": ("{half_day: J4 après-midi, present: tous}",
                                               "{half_day: J5 matin, present: tous}", "half_day: J5 matin",
                                               "« J5 matin » n'est pas une demi-journée du module `fondamentaux`"),
    "une demi-journée saisie deux fois": ("{half_day: J4 après-midi, present: tous}",
                                          "{half_day: J4 matin, present: tous}  # bis", "# bis",
                                          "les présences de « J4 matin » sont déjà saisies"),
    "un inconnu dans les présences": ('absent: ["Samir Haddad"]', 'absent: ["Samir Hadad"]', 'absent: ["Samir Hadad"]',
                                      "« Samir Hadad » (Intersession 1) n'est pas un participant de la session"),
    "un participant oublié dans une liste": ("{half_day: J1 matin, present: tous}",
                                             '{half_day: J1 matin, present: ["Léa Durand", "Paul Martin"]}',
                                             'half_day: J1 matin, present: ["Léa',
                                             "Anh Nguyen n'apparaît pas dans les présences de J1 matin"),
    "un résultat pour une évaluation inconnue": ("  - evaluation: evaluation-finale\n    scores:",
                                                 "  - evaluation: examen-final\n    scores:", "evaluation: examen-final",
                                                 "le module `fondamentaux` n'a pas d'évaluation `examen-final`"),
    "un module inconnu": ("module: fondamentaux", "module: fondamental", "module: fondamental",
                          "la session renvoie au module `fondamental`, qui n'existe pas"),
    "un SIRET faux": ('siret: "999 000 002 00017"', 'siret: "999 000 002 00018"', 'siret: "999 000 002 00018"',
                      "la clé de contrôle ne correspond pas"),
    "un financeur inconnu": ("employer: \"Association Horizon Insertion\", buyer: horizon}",
                             "employer: \"Association Horizon Insertion\", buyer: horizons}", "buyer: horizons",
                             "Léa Durand : financeur `horizons` inconnu"),
    "un résultat saisi qui contredit l'export de Moodle": ('scores: {"Awa Traoré": 82.61}',
                                                'scores: {"Awa Traoré": 82.61, "Léa Durand": 60}', '"Léa Durand": 60',
                                                "Léa Durand : 60 % ici, 95,65 % dans l'entrée n° 1 de `results`"),
    "deux résultats saisis pour une personne": ('scores: {"Awa Traoré": 82.61}',
                                                'scores: {"Awa Traoré": 82.61}\n  - evaluation: evaluation-finale\n'
                                                '    scores: {"Awa Traoré": 90}', 'scores: {"Awa Traoré": 90}',
                                                "Awa Traoré : 90 % ici, 82,61 % dans l'entrée n° 2 de `results`"),
    "une note saisie à côté de l'export qui la contredit": (
        "      file: 2027-01-fondamentaux-paris-notes-moodle.csv   # Notes › Exporter › Fichier texte",
        "      file: 2027-01-fondamentaux-paris-notes-moodle.csv\n    scores: {\"Léa Durand\": 60}",
        '"Léa Durand": 60', "Léa Durand : 60 % saisi ici, 95,65 % dans l'export de Moodle"),
    "un export Moodle introuvable": ("file: 2027-01-fondamentaux-paris-notes-moodle.csv",
                                     "file: notes-moodle.csv", "file: notes-moodle.csv",
                                     "le fichier « notes-moodle.csv » n'existe pas à côté de"),
}


@pytest.mark.parametrize("case", list(SLIPS))
def test_a_slip_in_a_session_file_is_reported_at_its_line(tmp_path, case):
    old, new, located, message = SLIPS[case]
    root = copy_curriculum(tmp_path / "curriculum")
    path = session_file(root)
    edit(path, old, new)
    run = run_trainkit("validate", root)
    assert run.code == 1, run.out
    line = line_of(path, located)
    assert f"{SESSION}:{line}:" in run.out, run.out
    assert message in run.out, run.out
    assert "Traceback" not in run.out + run.err


def test_the_provider_must_identify_itself_once_sessions_exist(tmp_path):
    root = copy_curriculum(tmp_path / "curriculum")
    edit(root / "programme.yml", '  nda: "11 75 99999 75"\n', "")
    run = run_trainkit("validate", root)
    assert run.code == 1
    assert f"programme.yml:{line_of(root / 'programme.yml', 'provider:')}:" in run.out
    assert "l'organisme n'a pas `nda`" in run.out


def test_a_bad_activity_number_says_how_many_digits(tmp_path):
    root = copy_curriculum(tmp_path / "curriculum")
    edit(root / "programme.yml", 'nda: "11 75 99999 75"', 'nda: "11 75 9999"')
    run = run_trainkit("validate", root)
    assert run.code == 1
    assert "il a 11 chiffres" in run.out


MOODLE = f"{EXAMPLE_SESSION}-notes-moodle.csv"


def test_a_moodle_export_with_several_grade_columns_asks_which_one(tmp_path):
    root = copy_curriculum(tmp_path / "curriculum")
    path = root / "sessions" / MOODLE
    text = path.read_text(encoding="utf-8")
    head, *rows = text.splitlines()
    path.write_text("\n".join([head + ',"Devoir : Fiche d\'intersession (Réel)"'] + [r + ',"12,00"' for r in rows]) + "\n",
                    encoding="utf-8")
    run = run_trainkit("validate", root)
    assert run.code == 1
    assert f"sessions/{MOODLE}:1:1: erreur" in run.out
    assert "l'export a 2 colonnes de notes" in run.out and "ajoutez `column:`" in run.out


def test_a_moodle_export_from_windows_excel_is_read_with_a_note(tmp_path):
    root = copy_curriculum(tmp_path / "curriculum")
    path = root / "sessions" / MOODLE
    text = path.read_text(encoding="utf-8").replace('","', '";"')
    path.write_bytes(text.encode("cp1252"))
    run = run_trainkit("validate", root)
    assert run.code == 0, run.out
    assert "lu comme un CSV Windows-1252" in run.out


def test_a_grade_above_the_maximum_is_refused_at_its_line(tmp_path):
    root = copy_curriculum(tmp_path / "curriculum")
    edit(root / "sessions" / MOODLE, '"100,00"', '"120,00"')
    run = run_trainkit("validate", root)
    assert run.code == 1
    assert f"sessions/{MOODLE}:9:1: erreur" in run.out and "hors de 0 à 100" in run.out


PARTICIPANTS_CSV = "nom;prénom;courriel;structure;financeur\n" \
                   "Durand;Léa;lea.durand@horizon.exemple.fr;Association Horizon Insertion;horizon\n" \
                   "Lefèvre;Éloïse;eloise.lefevre@departement.exemple.fr;Conseil départemental;departement\n"


def _participants_from_csv(root, content: bytes):
    path = session_file(root)
    text = path.read_text(encoding="utf-8")
    start = text.index("participants:\n")
    end = text.index("\n# Saisies")
    path.write_text(text[:start] + "participants: inscrits.csv\n" + text[end:], encoding="utf-8")
    (root / "sessions" / "inscrits.csv").write_bytes(content)
    # The attendance and results name people of the full list: keep the two of the CSV.
    edit(path, 'partial: {"Paul Martin": 2h}', "partial: {}")
    edit(path, 'absent: ["Samir Haddad"]', "absent: []")
    edit(path, 'excused: ["Anh Nguyen"]', "excused: []")
    edit(path, 'scores: {"Awa Traoré": 82.61}', 'scores: {"Léa Durand": 95.65}')  # as Moodle says


@pytest.mark.parametrize("encoding, separator", [("utf-8", ";"), ("utf-8-sig", ","), ("cp1252", ";"),
                                                 ("utf-16", "\t")])
def test_participants_come_from_a_csv_as_spreadsheets_save_it(tmp_path, encoding, separator):
    root = copy_curriculum(tmp_path / "curriculum")
    _participants_from_csv(root, PARTICIPANTS_CSV.replace(";", separator).encode(encoding))
    run = run_trainkit("documents", "session", EXAMPLE_SESSION, root, "--out", tmp_path / "dist")
    assert run.code == 0, run.out + run.err
    written = tmp_path / "dist" / "sessions" / EXAMPLE_SESSION
    assert (written / "certificat-realisation-lefevre-eloise.pdf").is_file()
    assert ("Windows-1252" in run.out + run.err) == (encoding == "cp1252")


def test_a_bad_line_of_the_participants_csv_is_named(tmp_path):
    root = copy_curriculum(tmp_path / "curriculum")
    _participants_from_csv(root, (PARTICIPANTS_CSV + ";Awa;awa@exemple.fr;CCAS;horizon\n").encode())
    run = run_trainkit("validate", root)
    assert run.code == 1
    assert "sessions/inscrits.csv:4:1: erreur" in run.out and "nom manquant" in run.out


def test_an_unknown_buyer_in_the_participants_csv_is_reported(tmp_path):
    root = copy_curriculum(tmp_path / "curriculum")
    _participants_from_csv(root, PARTICIPANTS_CSV.replace(";horizon\n", ";Horizon!\n").encode())
    run = run_trainkit("validate", root)
    assert run.code == 1
    assert "sessions/inscrits.csv:2:1: erreur" in run.out and "colonne « financeur »" in run.out


def without_people(path) -> None:
    """The session file before anyone is listed: no participants, attendance or results."""
    text = path.read_text(encoding="utf-8")
    head, _, _ = text.partition("\nparticipants:\n")
    path.write_text(head + "\nparticipants: []\n", encoding="utf-8")


def test_an_empty_participants_list_is_refused_at_its_line(tmp_path):
    root = copy_curriculum(tmp_path / "curriculum")
    path = session_file(root)
    without_people(path)
    run = run_trainkit("validate", root)
    assert run.code == 1
    assert f"{SESSION}:{line_of(path, 'participants: []')}:" in run.out
    assert "aucun participant" in run.out


def test_a_participant_absent_on_every_half_day_is_warned_about(tmp_path):
    root = copy_curriculum(tmp_path / "curriculum")
    path = session_file(root)
    absent_every_half_day(path, "Julien Moreau")
    run = run_trainkit("validate", root)
    assert run.code == 0, run.out
    assert "Julien Moreau n'a suivi aucune demi-journée" in run.out
    assert f"{SESSION}:{line_of(path, 'first_name: Julien')}:" in run.out


def test_a_buyer_funding_nobody_is_warned_that_no_convention_is_written(tmp_path):
    root = copy_curriculum(tmp_path / "curriculum")
    path = session_file(root)
    path.write_text(path.read_text(encoding="utf-8").replace("buyer: departement}", "buyer: horizon}"), encoding="utf-8")
    run = run_trainkit("validate", root)
    assert run.code == 0, run.out
    assert "le financeur `departement` ne finance aucun participant : aucune convention ne sera écrite" in run.out
