"""The documents of a session delivered, read back as a funder or an auditor reads them (pdftotext).

The bundled example session: module fondamentaux, 8 participants, two buyers, attendance recorded
(Paul Martin left 1 h 30 early on J2 afternoon, Anh Nguyen excused on J3 morning, Samir Haddad did
not hand in the intersession work), final evaluation imported from a Moodle gradebook export.
"""

from __future__ import annotations

import csv

import pytest
from pypdf import PdfReader

from conftest import run_trainkit
from session_support import (EXAMPLE_SESSION, absent_every_half_day, copy_curriculum, edit, flat, pdftotext,
                             session_file)
from trainkit import api

PEOPLE = ["durand-lea", "martin-paul", "nguyen-anh", "benoit-chloe", "haddad-samir", "lefevre-eloise",
          "traore-awa", "moreau-julien"]
# Planned: 4 days × 7 h + 6 h of intersession work = 34 h.
HOURS_DONE = {"durand-lea": "34", "martin-paul": "32,5", "nguyen-anh": "30,5", "haddad-samir": "28"}


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    validation = api.validate(copy_curriculum(tmp_path_factory.mktemp("c") / "curriculum"))
    assert validation.ok(), validation.report.errors
    out = tmp_path_factory.mktemp("dist")
    return api.write_session_documents(validation.curriculum, EXAMPLE_SESSION, out)


def doc(documents, name):
    return documents.folder / name


def test_every_document_of_the_session_is_written_in_its_folder(documents):
    expected = {"emargement.pdf", "convention-horizon.pdf", "convention-departement.pdf", "heures-realisees.csv"}
    for person in PEOPLE:
        expected |= {f"convocation-{person}.pdf", f"certificat-realisation-{person}.pdf",
                     f"attestation-fin-formation-{person}.pdf"}
    assert {p.name for p in documents.folder.iterdir()} == expected
    assert documents.folder.parts[-2:] == ("sessions", EXAMPLE_SESSION)


def test_a_convocation_gives_the_learner_dates_hours_place_what_to_bring_and_the_disability_contact(documents):
    text = flat(pdftotext(doc(documents, "convocation-durand-lea.pdf")))
    for expected in ("Convocation à la formation", "Léa Durand", "lundi 11 janvier 2027", "mardi 12 janvier 2027",
                     "lundi 8 février 2027", "mardi 9 février 2027", "9h00 – 12h30 et 13h30 – 17h00",
                     "IRTS Exemple — site de Paris", "Salle 2.04", "Une situation d'accompagnement",
                     "referent-handicap@exemple.fr", "Intersession 1", "Fait à Paris, le 14 décembre 2026"):
        assert expected in text, expected


def test_attendance_sheets_are_prefilled_with_the_session_dates_and_names(documents):
    pages = [flat(p) for p in pdftotext(doc(documents, "emargement.pdf")).split("\f") if p.strip()]
    assert len(pages) == 5  # four days, then the intersession
    for page, date in zip(pages, ["lundi 11 janvier 2027", "mardi 12 janvier 2027", "lundi 8 février 2027",
                                  "mardi 9 février 2027"]):
        assert date in page
        assert "Durand Léa" in page and "Moreau Julien" in page
    assert "entre le 12 janvier 2027 et le 8 février 2027" in pages[4] and "Visa du formateur" in pages[4]


@pytest.mark.parametrize("person, hours", list(HOURS_DONE.items()))
def test_a_certificate_states_the_hours_completed_from_the_recorded_attendance(documents, person, hours):
    text = flat(pdftotext(doc(documents, f"certificat-realisation-{person}.pdf")))
    assert f"pour une durée de {hours} heures" in text
    assert "qui s'est déroulée du 11 janvier 2027 au 9 février 2027" in text
    assert "☒ action de formation" in text and "☐ bilan de compétences" in text
    assert "Je soussigné(e) Sophie Lambert (exemple)" in text


def test_a_certificate_names_the_learner_and_their_employer(documents):
    text = flat(pdftotext(doc(documents, "certificat-realisation-haddad-samir.pdf")))
    assert "Mme/M. Samir Haddad" in text and "salarié(e) de l'entreprise Conseil départemental — MDS Nord" in text


def test_an_attestation_gives_objectives_duration_and_the_final_evaluation_result(documents):
    text = flat(pdftotext(doc(documents, "attestation-fin-formation-martin-paul.pdf")))
    assert "Attestation de fin de formation" in text and "Paul Martin" in text
    assert "34 h prévues" in text and "32 h 30 suivies" in text
    assert "69,57 % de réussite à l'évaluation finale : non acquis (seuil de réussite 70 %)" in text
    assert "Objectifs de la formation" in text and "Identifier les principaux acteurs" in text


def test_a_result_typed_in_the_session_file_completes_the_moodle_export(documents):
    text = flat(pdftotext(doc(documents, "attestation-fin-formation-traore-awa.pdf")))
    assert "82,61 % de réussite à l'évaluation finale : acquis" in text


def test_a_convention_per_buyer_lists_its_learners_its_price_and_attaches_the_programme(documents):
    text = flat(pdftotext(doc(documents, "convention-departement.pdf")))
    assert "Convention de formation professionnelle" in text
    assert "Conseil départemental d'Exemple" in text and "SIRET 999 000 003 00015" in text
    for name in ("Chloé Benoît", "Samir Haddad", "Éloïse Lefèvre", "Awa Traoré", "Julien Moreau"):
        assert name in text
    assert "Léa Durand" not in text
    assert "4 160 € net de taxe par groupe" in text
    assert "remboursé" in text or "rembourse" in text  # inexécution, L6354-1
    assert "Programme de formation" in text or "PROGRAMME DE FORMATION" in text  # the annex
    horizon = flat(pdftotext(doc(documents, "convention-horizon.pdf")))
    assert "1 040 € net de taxe par stagiaire, soit 3 120 € net de taxe pour 3 stagiaires" in horizon


@pytest.mark.parametrize("name", ["convocation-durand-lea.pdf", "certificat-realisation-durand-lea.pdf",
                                  "attestation-fin-formation-durand-lea.pdf", "convention-horizon.pdf"])
def test_every_session_document_carries_the_provider_identifiers(documents, name):
    text = flat(pdftotext(doc(documents, name))).replace("Île- de", "Île-de")  # a line may break at the hyphen
    assert "SIRET 999 000 001 00019" in text
    assert "Déclaration d'activité enregistrée sous le numéro 11 75 99999 75 auprès du préfet de région " \
           "d'Île-de-France" in text
    assert "Cet enregistrement ne vaut pas agrément de l'État" in text


@pytest.mark.parametrize("name", ["convocation-durand-lea.pdf", "convention-horizon.pdf"])
def test_the_convocation_and_the_convention_carry_the_qualiopi_mention(documents, name):
    assert "La certification qualité a été délivrée au titre de la catégorie d'action suivante : actions de " \
           "formation" in flat(pdftotext(doc(documents, name)))


def test_every_document_of_the_example_session_says_it_is_an_example(documents):
    for pdf in documents.folder.glob("*.pdf"):
        assert "Exemple — session, personnes et structures fictives" in flat(pdftotext(pdf)), pdf.name


def test_each_person_gets_only_their_own_pages(documents):
    for person in PEOPLE:
        assert len(PdfReader(doc(documents, f"certificat-realisation-{person}.pdf")).pages) == 1
    others = flat(pdftotext(doc(documents, "certificat-realisation-durand-lea.pdf")))
    assert "Paul Martin" not in others


def test_the_hours_csv_gives_each_half_day_and_the_totals(documents):
    with open(doc(documents, "heures-realisees.csv"), encoding="utf-8-sig", newline="") as stream:
        rows = {row["nom"]: row for row in csv.DictReader(stream, delimiter=";")}
    assert rows["Martin"]["J2 après-midi"] == "2 (présent en partie)"
    assert rows["Nguyen"]["J3 matin"] == "0 (absent excusé)"
    assert rows["Haddad"]["Intersession 1"] == "0 (absent)"
    assert {name: rows[name]["heures réalisées"] for name in ("Durand", "Martin", "Nguyen", "Haddad")} == \
           dict(zip(("Durand", "Martin", "Nguyen", "Haddad"), HOURS_DONE.values()))
    assert rows["Durand"]["heures prévues"] == "34"


def test_before_the_session_only_the_documents_of_before_are_written(tmp_path):
    root = copy_curriculum(tmp_path / "curriculum")
    path = session_file(root)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.split("\nattendance:\n")[0] + "\n", encoding="utf-8")
    run = run_trainkit("documents", "session", EXAMPLE_SESSION, root, "--out", tmp_path / "dist")
    assert run.code == 0, run.err
    names = {p.name for p in (tmp_path / "dist" / "sessions" / EXAMPLE_SESSION).iterdir()}
    assert "emargement.pdf" in names and "convention-horizon.pdf" in names and "convocation-durand-lea.pdf" in names
    assert not [n for n in names if n.startswith(("certificat", "attestation", "heures"))]
    assert "pas encore de présences saisies" in run.out


def test_a_half_day_without_attendance_stops_the_certificates_naming_it_and_writes_nothing(tmp_path):
    root = copy_curriculum(tmp_path / "curriculum")
    edit(session_file(root), "  - {half_day: J4 après-midi, present: tous}\n", "")
    run = run_trainkit("documents", "session", EXAMPLE_SESSION, root, "--out", tmp_path / "dist")
    assert run.code == 1
    assert "J4 après-midi : tous les participants" in run.err
    assert "aucune heure n'est supposée" in run.err
    assert "Traceback" not in run.err
    assert not (tmp_path / "dist" / "sessions" / EXAMPLE_SESSION).exists()


def test_a_failed_rewrite_keeps_the_previous_documents(tmp_path, documents):
    import shutil

    root = copy_curriculum(tmp_path / "curriculum")
    out = tmp_path / "dist"
    shutil.copytree(documents.folder, out / "sessions" / EXAMPLE_SESSION)
    edit(session_file(root), "  - {half_day: J4 après-midi, present: tous}\n", "")
    run = run_trainkit("documents", "session", EXAMPLE_SESSION, root, "--out", out)
    assert run.code == 1
    assert (out / "sessions" / EXAMPLE_SESSION / "certificat-realisation-durand-lea.pdf").exists()
    assert [p.name for p in (out / "sessions").iterdir()] == [EXAMPLE_SESSION]  # no staging folder left


def test_an_unknown_session_is_named_with_the_known_ones(tmp_path):
    run = run_trainkit("documents", "session", "2027-03-lyon", copy_curriculum(tmp_path / "c"), "--out", tmp_path / "d")
    assert run.code == 1
    assert "session « 2027-03-lyon » inconnue" in run.err and EXAMPLE_SESSION in run.err


def test_build_writes_each_sessions_documents_and_publishes_none_of_them(tmp_path):
    root = copy_curriculum(tmp_path / "curriculum")
    run = run_trainkit("build", root, "--out", tmp_path / "site", "--dist", tmp_path / "dist", cwd=tmp_path)
    assert run.code == 0, run.err
    assert f"Documents de session : {tmp_path / 'dist' / 'sessions' / EXAMPLE_SESSION} (28 fichiers)" in run.out
    assert (tmp_path / "dist" / "sessions" / EXAMPLE_SESSION / "certificat-realisation-durand-lea.pdf").is_file()
    published = [p for p in (tmp_path / "site").rglob("*") if p.is_file()]
    assert not [p for p in published if "sessions" in p.parts or p.name.startswith(("certificat", "convention"))]
    assert not [p for p in published if p.suffix in {".html", ".json"} and "Haddad" in p.read_text(encoding="utf-8")]


def test_a_participant_who_never_came_gets_no_certificate_and_no_attestation(tmp_path):
    root = copy_curriculum(tmp_path / "curriculum")
    absent_every_half_day(session_file(root), "Julien Moreau")
    run = run_trainkit("documents", "session", EXAMPLE_SESSION, root, "--out", tmp_path / "dist")
    assert run.code == 0, run.err
    names = {p.name for p in (tmp_path / "dist" / "sessions" / EXAMPLE_SESSION).iterdir()}
    assert "certificat-realisation-durand-lea.pdf" in names
    assert not [n for n in names if n.endswith("moreau-julien.pdf") and not n.startswith("convocation")]
    assert "Julien Moreau n'a suivi aucune heure" in run.out
    with open(tmp_path / "dist" / "sessions" / EXAMPLE_SESSION / "heures-realisees.csv", encoding="utf-8-sig") as f:
        assert "Moreau;Julien" in f.read()  # the hours file still says 0 h for him


def test_a_buyer_funding_nobody_gets_no_convention(tmp_path):
    root = copy_curriculum(tmp_path / "curriculum")
    path = session_file(root)
    path.write_text(path.read_text(encoding="utf-8").replace("buyer: departement}", "buyer: horizon}"), encoding="utf-8")
    run = run_trainkit("documents", "session", EXAMPLE_SESSION, root, "--out", tmp_path / "dist")
    assert run.code == 0, run.err
    folder = tmp_path / "dist" / "sessions" / EXAMPLE_SESSION
    assert (folder / "convention-horizon.pdf").is_file()
    assert not (folder / "convention-departement.pdf").exists()
    assert "le financeur `departement` ne finance aucun participant : aucune convention" in run.out


def test_names_written_as_html_are_printed_as_text_in_every_document(tmp_path):
    root = copy_curriculum(tmp_path / "curriculum")
    path = session_file(root)
    edit(path, "first_name: Léa,", 'first_name: "<b>Léa</b><img src=http://127.0.0.1:9/x>",')
    edit(path, 'name: "Association Horizon Insertion (exemple)"', 'name: "<script>alert(1)</script>Horizon"')
    text = path.read_text(encoding="utf-8").replace('"Léa Durand"', '"<b>Léa</b><img src=http://127.0.0.1:9/x> Durand"')
    path.write_text(text, encoding="utf-8")
    validation = api.validate(root)
    assert validation.ok(), validation.report.errors
    written = api.write_session_documents(validation.curriculum, EXAMPLE_SESSION, tmp_path / "dist")
    stem = next(p.stem.removeprefix("convocation-") for p in written.written if p.name.startswith("convocation-durand"))
    convocation = flat(pdftotext(written.folder / f"convocation-{stem}.pdf"))
    assert "<b>Léa</b><img src=http://127.0.0.1:9/x> Durand" in convocation
    convention = flat(pdftotext(written.folder / "convention-horizon.pdf"))
    assert "<script>alert(1)</script>Horizon" in convention
    sheet = "".join(pdftotext(written.folder / "emargement.pdf", layout=False).split())  # the cell wraps the name
    assert "<b>Léa</b><imgsrc=http://127.0.0.1:9/x>" in sheet
    assert not written.refused_urls  # the <img> was never an image, so nothing was fetched or refused


def test_explicit_dates_place_each_day_of_a_part(tmp_path):
    root = copy_curriculum(tmp_path / "curriculum")
    edit(session_file(root), "  - start: 2027-02-08", "  - dates: [2027-02-08, 2027-02-10]")
    validation = api.validate(root)
    assert validation.ok(), validation.report.errors
    written = api.write_session_documents(validation.curriculum, EXAMPLE_SESSION, tmp_path / "dist")
    text = flat(pdftotext(written.folder / "convocation-durand-lea.pdf"))
    assert "lundi 8 février 2027" in text and "mercredi 10 février 2027" in text
    assert "mardi 9 février 2027" not in text
