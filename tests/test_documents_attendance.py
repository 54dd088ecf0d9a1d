"""Feuilles d'émargement: a page per day in the room, every participant, half-day columns, dates, CSV errors."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader

from trainkit.api import validate
from trainkit.model.offer import format_date, offer_for
from trainkit.model.plan import plan_of
from trainkit.model.participants import read_participants
from trainkit.outputs.documents import write_attendance
from trainkit.outputs.documents.attendance import ScheduleError, day_dates

from conftest import CURRICULUM, run_trainkit
from documents_support import normalized, pdf_fonts, pdf_pages

PARTICIPANTS_CSV = (
    "\ufeffNom;Prénom;Structure;Courriel\r\n"
    "Dupont;Marie;CCAS de Montreuil;marie.dupont@exemple.fr\r\n"
    "N'Diaye;Awa;Conseil départemental;awa@exemple.fr\r\n"
    "Lefèvre;Éloïse;CHRS Les Tilleuls;\r\n"
    "Œuvray;Jean-Noël;\"Association « Trait d'union »; Paris\";\r\n"
    "\r\n"
)


@pytest.fixture(scope="module")
def bundled():
    return validate(CURRICULUM).curriculum


@pytest.fixture(scope="module")
def participants_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("csv") / "participants.csv"
    path.write_text(PARTICIPANTS_CSV, encoding="utf-8", newline="")
    return path


@pytest.fixture(scope="module")
def fondamentaux_sheets(bundled, participants_file, tmp_path_factory):
    module = bundled.module("fondamentaux")
    path, _ = write_attendance(bundled, module, tmp_path_factory.mktemp("dist"),
                               participants=read_participants(participants_file)[0], start=dt.date(2026, 11, 12),
                               part_starts=[dt.date(2026, 12, 10)])
    return path


@pytest.fixture(scope="module")
def blank_expert_sheets(bundled, tmp_path_factory):
    path, _ = write_attendance(bundled, bundled.module("expert"), tmp_path_factory.mktemp("dist"))
    return path


def test_one_page_per_day_in_the_room_and_per_intersession_with_participants(bundled, fondamentaux_sheets):
    plan = plan_of(bundled.module("fondamentaux"))
    assert len(PdfReader(fondamentaux_sheets).pages) == len(plan.days) + len(plan.intersessions)


def test_one_page_per_day_in_the_room_and_per_intersession_with_blank_rows(bundled, blank_expert_sheets):
    plan = plan_of(bundled.module("expert"))
    assert len(PdfReader(blank_expert_sheets).pages) == len(plan.days) + len(plan.intersessions)


def test_the_intersession_page_asks_each_learner_to_attest_the_work_and_the_trainer_to_check_it(fondamentaux_sheets):
    last = pdf_pages(fondamentaux_sheets)[-1]
    assert "ATTESTATION DES TRAVAUX" in last and "Signature du stagiaire" in last and "Visa du formateur" in last


def test_every_participant_is_on_every_day_sheet(fondamentaux_sheets):
    for text in pdf_pages(fondamentaux_sheets)[:-1]:
        for name in ("Dupont Marie CCAS de Montreuil", "N'Diaye Awa Conseil départemental",
                     "Lefèvre Éloïse CHRS Les Tilleuls", "Œuvray Jean-Noël Association « Trait d'union »; Paris"):
            assert name in text


def test_each_sheet_lists_its_day_and_half_days_sessions_only(bundled, fondamentaux_sheets):
    plan = plan_of(bundled.module("fondamentaux"))
    pages = pdf_pages(fondamentaux_sheets)
    for day, text in zip(plan.days, pages):
        assert f"jour {day.number} sur {len(plan.days)}" in text.lower()  # the header is in capitals
        assert "Matin" in text and "Après-midi" in text
        assert "Signature matin" in text and "Signature après-midi" in text
        for session in day.sessions:
            assert normalized(session.title) in text
        others = [s for d in plan.days if d is not day for s in d.sessions]
        assert not [s.title for s in others if normalized(s.title) in text]


def test_intersession_work_is_on_its_own_sheet_not_on_the_days(bundled, fondamentaux_sheets):
    [intersession] = plan_of(bundled.module("fondamentaux")).intersessions
    *days, last = pdf_pages(fondamentaux_sheets)
    assert all(normalized(s.title) not in " ".join(days) for s in intersession.sessions)
    assert all(normalized(s.title) in last for s in intersession.sessions)


def test_trainers_have_their_rows_on_every_sheet(bundled, blank_expert_sheets):
    trainers = offer_for(bundled.programme, bundled.module("expert")).trainers
    assert trainers
    for text in pdf_pages(blank_expert_sheets)[:-1]:
        assert "Formateurs (nom et qualité)" in text
        assert all(t.name in text for t in trainers)


def test_without_participants_the_sheet_has_a_blank_row_per_place(bundled, blank_expert_sheets):
    places = offer_for(bundled.programme, bundled.module("expert")).group_size.max
    first = pdf_pages(blank_expert_sheets)[0]
    numbers = first.split("Structure Signature matin", 1)[1].split("Formateurs", 1)[0]
    assert [int(n) for n in numbers.split() if n.isdigit()][-places:] == list(range(1, places + 1))


def test_without_start_date_the_date_is_left_to_fill_by_hand(blank_expert_sheets):
    assert all("____ / ____ / ________" in text for text in pdf_pages(blank_expert_sheets))  # intersession too


def test_dates_follow_the_start_date_and_part_start(fondamentaux_sheets):
    dates = ["jeudi 12 novembre 2026", "vendredi 13 novembre 2026", "jeudi 10 décembre 2026", "vendredi 11 décembre 2026"]
    for expected, text in zip(dates, pdf_pages(fondamentaux_sheets)):
        assert expected in text


def test_every_font_of_the_sheets_is_embedded(fondamentaux_sheets):
    fonts = pdf_fonts(fondamentaux_sheets)
    assert fonts and all(fonts.values()), fonts


def test_days_of_a_part_skip_weekends(bundled):
    plan = plan_of(bundled.module("expert"))  # part 1: days 1 to 3
    dates = day_dates(plan, dt.date(2026, 11, 12), [])
    assert [dates[n] for n in (1, 2, 3)] == [dt.date(2026, 11, 12), dt.date(2026, 11, 13), dt.date(2026, 11, 16)]


def test_days_of_a_part_skip_public_holidays(bundled):
    plan = plan_of(bundled.module("expert"))
    dates = day_dates(plan, dt.date(2026, 11, 10), [])  # 11 November is a public holiday
    assert [dates[n] for n in (1, 2, 3)] == [dt.date(2026, 11, 10), dt.date(2026, 11, 12), dt.date(2026, 11, 13)]


def test_a_part_after_an_intersession_is_undated_without_its_own_start(bundled):
    plan = plan_of(bundled.module("expert"))
    dates = day_dates(plan, dt.date(2026, 11, 12), [])
    assert dates[4] is None and dates[5] is None


def test_a_part_cannot_start_before_the_previous_one_ends(bundled):
    plan = plan_of(bundled.module("expert"))
    with pytest.raises(ScheduleError, match="alors que la partie 1 se termine le 16 novembre 2026"):
        day_dates(plan, dt.date(2026, 11, 12), [dt.date(2026, 11, 16)])


def test_more_part_starts_than_parts_is_refused(bundled):
    plan = plan_of(bundled.module("expert"))
    with pytest.raises(ScheduleError, match="le module a 2 parties"):
        day_dates(plan, None, [dt.date(2026, 12, 1), dt.date(2027, 1, 5)])


def test_attendance_command_writes_the_sheets(starter, tmp_path):
    csv = tmp_path / "inscrits.csv"
    csv.write_text("nom,prenom\nMartin,Paul\n", encoding="utf-8")
    run = run_trainkit("documents", "attendance", starter.root, "--module", "mon-module", "--participants", csv,
                       "--start", "16/11/2026", "--out", tmp_path / "dist")
    assert run.code == 0, run.err
    [page] = pdf_pages(tmp_path / "dist" / "mon-module-emargement.pdf")
    assert "Martin Paul" in page and format_date(dt.date(2026, 11, 16), weekday=True) in page


def test_an_impossible_start_date_is_a_french_usage_error(starter, tmp_path):
    run = run_trainkit("documents", "attendance", starter.root, "--module", "mon-module", "--start", "31/02/2026",
                       "--out", tmp_path / "dist")
    assert run.code == 1
    assert "la date « 31/02/2026 » n'existe pas dans le calendrier" in run.err
    assert "Traceback" not in run.err and not (tmp_path / "dist").exists()


# --- bad CSV: a French message naming the file and the line, exit 1, nothing written ---------

BAD_CSV = {
    "colonne manquante": (b"nom;structure\nDupont;CCAS\n", 1, "colonne manquante : prénom"),
    "fichier vide": (b"", 1, "le fichier est vide"),
    "que des blancs": (b"\xef\xbb\xbf\n \n", 1, "le fichier est vide"),
    "sans participant": (b"nom;prenom\n\n", 1, "aucun participant"),
    "valeur manquante": (b"nom;prenom\nDupont;Marie\n;Awa\n", 3, "nom manquant"),
    "valeurs en trop": (b"nom;prenom\nDupont;Marie;CCAS;en trop\n", 2, "4 valeurs pour 2 colonnes"),
}


@pytest.mark.parametrize("case", list(BAD_CSV))
def test_a_bad_participants_file_is_refused_naming_its_line(starter, tmp_path, case):
    content, line, message = BAD_CSV[case]
    csv = tmp_path / "participants.csv"
    csv.write_bytes(content)
    run = run_trainkit("documents", "attendance", starter.root, "--module", "mon-module", "--participants", csv,
                       "--out", tmp_path / "dist")
    assert run.code == 1
    assert f"participants.csv:{line}:1: erreur" in run.err
    assert message in run.err
    assert "Traceback" not in run.out + run.err
    assert not (tmp_path / "dist").exists()


def test_participants_file_accepts_commas_and_headers_without_accents(tmp_path):
    csv = tmp_path / "liste.csv"
    csv.write_text("NOM,PRENOM,Employeur\nDupont,Marie,CAF\n\n", encoding="utf-8")
    [person], _ = read_participants(csv)
    assert (person.last_name, person.first_name, person.employer) == ("Dupont", "Marie", "CAF")
