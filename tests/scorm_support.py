"""Support for the SCORM tests: a curriculum that exercises the packages, the official schemas,
and an LMS page that runs scorm-again around a SCO.

Kept out of conftest.py because only tests/test_scorm_*.py use it.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from trainkit.api import validate
from trainkit.model.curriculum import Curriculum
from trainkit.scaffold import scaffold_curriculum

REPO = Path(__file__).resolve().parents[1]
# The official schemas, copied byte for byte as test data (tests/data/SOURCES.md).
SCORM_XSD = REPO / "tests" / "data" / "scorm-xsd"
SCORM_AGAIN = REPO / "node_modules" / "scorm-again" / "dist" / "scorm-again.js"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"

# Planted in every session's trainer_notes: no package may carry it.
TRAINER_MARKER = "MARQUEUR-FORMATEUR-9c41e7"

LONG_PARAGRAPHS = [
    "**Le diagnostic partagé.** Le travailleur social établit avec la personne un état des lieux de sa situation, "
    "dimension professionnelle comprise : ses compétences, ses envies, ce qui l'empêche aujourd'hui de travailler. "
    "Il s'appuie sur une grille commune, remplie avec elle, pour éviter de lui faire répéter son histoire à chaque guichet. " * 3,
    "**Les acteurs à mobiliser.** France Travail, la Mission locale, Cap emploi et les structures de l'IAE ont chacun "
    "leur public et leurs conditions d'accès ; le département reste chef de file de l'insertion des allocataires du RSA. "
    "Connaître leurs portes d'entrée évite les orientations sans suite. " * 3,
    "| Acteur | Public | Porte d'entrée |\n|---|---|---|\n| France Travail | demandeurs d'emploi | inscription en ligne |\n"
    "| Mission locale | 16-25 ans | accueil sans rendez-vous |\n| SIAE | personnes éloignées de l'emploi | pass IAE |",
    "**L'orientation.** Une orientation réussie se prépare avec la personne : ce qu'elle attend, ce qu'on transmet, "
    "avec son accord, et comment on saura que le relais a été pris. " * 3,
    "**À retenir.** La coordination fait partie de l'accompagnement ; elle se construit avec la personne, "
    "pas seulement entre professionnels. " * 2,
]


def module_data() -> dict:
    """A module with headed and unheaded content, a table, acronyms, files, links and an intersession."""
    return {
        "id": "insertion-essai",
        "title": "Accompagner vers l'emploi : module d'essai",
        "subtitle": "Les acteurs, les dispositifs et l'orientation",
        "level": "fondamentaux",
        "audience": {"priority": "Travailleurs sociaux en accompagnement généraliste."},
        "role": "Il établit avec la personne un état des lieux de sa situation professionnelle.",
        "competences": [
            {
                "id": "acteurs",
                "title": "Identifier les acteurs et les dispositifs",
                "objectives": [
                    {"id": "nommer-acteurs", "text": "Nommer les acteurs du RSA et de l'IAE de son territoire", "bloom": "mémoriser"},
                    {"id": "orienter", "text": "Orienter une personne vers le bon acteur", "bloom": "appliquer"},
                ],
                "content": ["Les acteurs de l'insertion", "Les dispositifs"],
            }
        ],
        "sessions": [
            {
                "id": "ouverture",
                "title": "Ouverture : la stratégie et le RSA",
                "duration": "1h",
                "modality": "présentiel",
                "day": 1,
                "half_day": "matin",
                "methods": ["apports"],
                "objectives": ["nommer-acteurs"],
                "presents_strategy": True,
                "content": (
                    "Ce module s'ouvre sur la stratégie de lutte contre la pauvreté.\n\n"
                    "## Les engagements\n\nCinq engagements, dont l'accompagnement de tous vers l'emploi.\n"
                    "1. L'égalité des chances\n2. Les droits de l'enfant\n\n"
                    "## Le RSA aujourd'hui\n\nLe RSA ouvre des droits et des devoirs d'accompagnement.\n\n"
                    "## Pour la suite\n\nNotez une situation récente où la question de l'emploi s'est posée."
                ),
                "trainer_notes": f"Tour de table. {TRAINER_MARKER}",
            },
            {
                "id": "acteurs-orientation",
                "title": "Les acteurs et l'orientation",
                "duration": "2h30",
                "modality": "présentiel",
                "day": 1,
                "half_day": "matin",
                "methods": ["apports", "etude-de-cas"],
                "objectives": ["nommer-acteurs", "orienter"],
                "content": "\n\n".join(LONG_PARAGRAPHS)
                + "\n\nVoir aussi la [fiche d'orientation](ressources/fiche-orientation.md).",
                "trainer_notes": f"Prévoir les cas. {TRAINER_MARKER}",
                "resources": [
                    {"title": "Grille de diagnostic", "file": "ressources/grille.pdf", "description": "À imprimer."},
                    {"title": "Les emplois de l'inclusion", "url": "https://emplois.inclusion.beta.gouv.fr/"},
                ],
            },
            {
                "id": "terrain",
                "title": "Rencontrer deux acteurs de son territoire",
                "duration": "3h",
                "modality": "intersession",
                "intersession": 1,
                "methods": ["travail-intersession"],
                "objectives": ["orienter"],
                "content": "Rencontrez deux acteurs de l'IAE et notez leurs conditions d'accès.",
                "trainer_notes": f"Relancer à mi-parcours. {TRAINER_MARKER}",
            },
            {
                "id": "retour",
                "title": "Retour d'intersession",
                "duration": "1h",
                "modality": "présentiel",
                "day": 2,
                "half_day": "matin",
                "methods": ["analyse-des-pratiques"],
                "objectives": ["orienter"],
                "content": "Chacun présente sa carte en cinq minutes.",
                "trainer_notes": f"Chronométrer. {TRAINER_MARKER}",
            },
        ],
    }


def evaluation_module_data(completion: str = "contenu-vu") -> dict:
    """`module_data()` with a positioning test, a final evaluation of every question type (a matching
    of more pairs than SCORM 1.2 has digits, two validations allowed) and a short check in the last session."""
    data = module_data()
    data["completion"] = completion
    acteurs = ["France Travail", "Mission locale", "Cap emploi", "SIAE", "PLIE", "CCAS", "CAF", "Département",
               "ESAT", "EPIDE", "E2C"]
    data["evaluations"] = [
        {
            "id": "positionnement",
            "kind": "positionnement",
            "title": "Test de positionnement",
            "questions": [
                {"id": "rsa-caf", "type": "vrai-faux", "prompt": "Le RSA est versé par la CAF ou la MSA.",
                 "answer": True, "objectives": ["nommer-acteurs"]},
                {"id": "jeunes", "type": "choix-unique", "prompt": "Qui accueille les jeunes de 16 à 25 ans ?",
                 "objectives": ["orienter"],
                 "choices": [{"text": "La Mission locale", "correct": True}, {"text": "La CAF"}]},
            ],
        },
        {
            "id": "evaluation-finale",
            "kind": "finale",
            "title": "Évaluation finale",
            "pass_mark": 60,
            "attempts": 2,  # the retake cases; the bundled final evaluation keeps the default, one validation
            "questions": [
                {"id": "siae", "type": "choix-multiple", "prompt": "Lesquelles sont des **SIAE** ?",
                 "objectives": ["nommer-acteurs"],
                 "choices": [{"text": "Un atelier et chantier d'insertion", "correct": True},
                             {"text": "Une entreprise d'insertion", "correct": True},
                             {"text": "Un centre communal d'action sociale"}]},
                {"id": "carte", "type": "appariement", "prompt": "Associez chaque numéro de la carte à l'acteur qu'il désigne.",
                 "objectives": ["nommer-acteurs", "orienter"],
                 "pairs": [{"left": f"Repère {n}", "right": name} for n, name in enumerate(acteurs, start=1)]},
                {"id": "orientation", "type": "ordre", "prompt": "Remettez l'orientation dans l'ordre.",
                 "objectives": ["orienter"],
                 "items": ["Recueillir la demande", "Choisir l'acteur avec la personne", "Transmettre la fiche"]},
                {"id": "sigle", "type": "reponse-courte", "prompt": "Quel sigle désigne l'insertion par l'activité économique ?",
                 "objectives": ["nommer-acteurs"], "accepted": ["IAE", "insertion par l'activité économique"]},
                {"id": "cap-emploi", "type": "vrai-faux", "prompt": "Cap emploi accompagne les personnes handicapées.",
                 "answer": True, "objectives": ["orienter"]},
            ],
        },
    ]
    data["sessions"][3]["evaluation"] = {
        "id": "verification-retour",
        "kind": "controle",
        "title": "Ce que je retiens",
        "questions": [
            {"id": "carte", "type": "vrai-faux", "prompt": "La carte des acteurs se construit avec la personne.",
             "answer": True, "objectives": ["orienter"]},
            {"id": "premier-acteur", "type": "choix-unique", "prompt": "Qui est chef de file de l'insertion ?",
             "objectives": ["nommer-acteurs"],
             "choices": [{"text": "Le département", "correct": True}, {"text": "La commune"}]},
        ],
    }
    return data


GLOSSARY = {
    "terms": [
        {"term": "RSA", "expansion": "revenu de solidarité active"},
        {"term": "IAE", "expansion": "insertion par l'activité économique"},
        {"term": "SIAE", "expansion": "structure d'insertion par l'activité économique"},
    ]
}

ORIENTATION_SHEET = """# Fiche d'orientation

À remplir avec la personne. Voir la [grille](grille.pdf).

| Rubrique | Contenu |
|---|---|
| Demande de la personne | |
| Acteur proposé | |
"""

# Not a real PDF: the bytes only have to travel unchanged.
PDF_BYTES = b"%PDF-1.4\n% trainkit test file\n" + bytes(range(256))


def write_yaml(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")


def make_curriculum(root: Path, module: dict | None = None) -> Curriculum:
    """A valid curriculum holding `module` (by default `module_data()`), validated."""
    scaffold_curriculum(root, profile="strategie-pauvrete")
    (root / "modules" / "mon-module.yml").unlink()
    data = module or module_data()
    write_yaml(root / "modules" / f"{data['id']}.yml", data)
    write_yaml(root / "glossaire.yml", GLOSSARY)
    (root / "ressources" / "fiche-orientation.md").write_text(ORIENTATION_SHEET, encoding="utf-8")
    (root / "ressources" / "grille.pdf").write_bytes(PDF_BYTES)
    validation = validate(root)
    assert validation.ok(), validation.report
    assert validation.curriculum is not None
    return validation.curriculum


def unzip(package: Path, target: Path) -> Path:
    with zipfile.ZipFile(package) as archive:
        archive.extractall(target)
    return target


# --- the official XML schemas, with SOURCES.md's workarounds applied in memory -------------------


@lru_cache(maxsize=None)
def manifest_schema(fmt: str):
    """The XSDs of SCORM 1.2 or 2004 (tests/data/scorm-xsd) as one lxml schema."""
    from lxml import etree

    xml_xsd = (SCORM_XSD / "scorm2004" / "xml.xsd").read_bytes()
    if fmt == "scorm12":
        folder = SCORM_XSD / "scorm12"
        base = folder.as_uri() + "/"
        # libxml2 rejects ims_xml.xsd (the XML namespace as default namespace): use the W3C xml.xsd;
        # and imsmd's ##any wildcard breaks unique particle attribution: read it as ##other.
        imsmd = (folder / "imsmd_rootv1p2p1.xsd").read_text(encoding="utf-8")
        assert imsmd.count('namespace="##any"') == 1
        replacements = {
            base + "ims_xml.xsd": xml_xsd,
            base + "imsmd_rootv1p2p1.xsd": imsmd.replace('namespace="##any"', 'namespace="##other"').encode("utf-8"),
        }
        imports = {
            "http://www.w3.org/XML/1998/namespace": "ims_xml.xsd",
            "http://www.imsproject.org/xsd/imscp_rootv1p1p2": "imscp_rootv1p1p2.xsd",
            "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp_rootv1p2.xsd",
            "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1": "imsmd_rootv1p2p1.xsd",
        }
    else:
        folder = SCORM_XSD / "scorm2004"
        base = folder.as_uri() + "/"
        # imscp_v1p1.xsd imports xml.xsd from w3.org: point it at the local copy (no network).
        replacements = {"http://www.w3.org/2001/xml.xsd": xml_xsd}
        imports = {
            "http://www.w3.org/XML/1998/namespace": "xml.xsd",
            "http://www.imsglobal.org/xsd/imscp_v1p1": "imscp_v1p1.xsd",
            "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp_v1p3.xsd",
            "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq_v1p3.xsd",
            "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav_v1p3.xsd",
            "http://www.imsglobal.org/xsd/imsss": "imsss_v1p0.xsd",
            "http://ltsc.ieee.org/xsd/LOM": "lom.xsd",
        }

    class InMemory(etree.Resolver):
        def resolve(self, url, pubid, context):
            if url in replacements:
                return self.resolve_string(replacements[url], context, base_url=url)
            if url.startswith(("http://", "https://")):
                raise AssertionError(f"the schemas would fetch {url} from the network")
            return None

    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(InMemory())
    wrapper = '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">' + "".join(
        f'<xs:import namespace="{ns}" schemaLocation="{base}{name}"/>' for ns, name in imports.items()
    ) + "</xs:schema>"
    document = etree.fromstring(wrapper.encode("utf-8"), parser, base_url=base + "trainkit-wrapper.xsd")
    return etree.XMLSchema(etree.ElementTree(document))


# --- an LMS around a SCO: scorm-again in a host page, the SCO in an iframe ----------------------

HOST_PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>LMS d'essai</title>
<script src="scorm-again.js"></script>
<script>
// Every call the SCO makes goes through this facade: it records the call, its result and the
// error code scorm-again reports right after it, as an LMS's log would.
window.lms = { calls: [], logs: [] };
window.setUpLms = function (version, saved) {
  var v12 = version === "1.2";
  var real = new (v12 ? Scorm12API : Scorm2004API)({
    autocommit: false,
    logLevel: 4,
    onLogMessage: function (level, message) { window.lms.logs.push(String(message)); },
  });
  if (saved) { real.loadFromFlattenedJSON(saved, ""); }
  var names = v12
    ? ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit",
       "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"]
    : ["Initialize", "Terminate", "GetValue", "SetValue", "Commit",
       "GetLastError", "GetErrorString", "GetDiagnostic"];
  var lastError = v12 ? "LMSGetLastError" : "GetLastError";
  var facade = {};
  names.forEach(function (name) {
    facade[name] = function () {
      var args = Array.prototype.slice.call(arguments);
      var result = real[name].apply(real, args);
      window.lms.calls.push({ name: name, args: args.map(String), result: String(result),
                              error: String(real[lastError]()) });
      return result;
    };
  });
  window.lmsApi = real;
  window[v12 ? "API" : "API_1484_11"] = facade;
};
window.launch = function (src) {
  return new Promise(function (resolve) {
    var frame = document.getElementById("sco");
    frame.onload = function () { resolve(); };
    frame.src = src;
  });
};
window.unloadSco = function () {
  return new Promise(function (resolve) {
    var frame = document.getElementById("sco");
    frame.onload = function () { resolve(); };
    frame.src = "about:blank";
  });
};
</script></head>
<body><iframe id="sco" title="Contenu de la formation" style="width:100%;height:90vh"></iframe></body></html>
"""

V12 = {
    "initialize": "LMSInitialize", "finish": "LMSFinish", "set": "LMSSetValue", "get": "LMSGetValue",
    "commit": "LMSCommit", "location": "cmi.core.lesson_location", "status": "cmi.core.lesson_status",
    "exit": "cmi.core.exit", "time": "cmi.core.session_time", "entry": "cmi.core.entry", "done_exit": "",
}
V2004 = {
    "initialize": "Initialize", "finish": "Terminate", "set": "SetValue", "get": "GetValue",
    "commit": "Commit", "location": "cmi.location", "status": "cmi.completion_status",
    "exit": "cmi.exit", "time": "cmi.session_time", "entry": "cmi.entry", "done_exit": "normal",
}


@dataclass
class LmsSession:
    """One launch of a SCO inside the LMS page; `calls` is what the LMS saw."""

    page: object
    version: str

    @property
    def names(self) -> dict[str, str]:
        return V12 if self.version == "1.2" else V2004

    @property
    def frame(self):
        return self.page.frame_locator("#sco")

    def calls(self) -> list[dict]:
        return self.page.evaluate("window.lms.calls")

    def count(self, api_name: str) -> int:
        return sum(1 for call in self.calls() if call["name"] == api_name)

    def writes(self, element: str) -> list[str]:
        """The values the SCO set for `element`, in order."""
        return [c["args"][1] for c in self.calls() if c["name"] == self.names["set"] and c["args"][0] == element]

    def errors(self) -> list[dict]:
        return [c for c in self.calls() if c["error"] != "0"]

    def saved(self) -> dict[str, str]:
        """The SCO's data as the LMS would store it after this launch (flattened cmi)."""
        data = self.page.evaluate("JSON.stringify(window.lmsApi.renderCMIToJSONObject())")
        return _flatten(json.loads(data), "")

    def current_page(self) -> int:
        return int(self.frame.locator("[data-page]:not([hidden])").get_attribute("data-page"))

    def press(self, action: str) -> None:
        """Activate a SCO button with the keyboard, as a learner without a mouse would."""
        button = self.frame.locator(f"[data-action={action}]")
        button.focus()
        self.page.keyboard.press("Enter")

    def unload(self) -> None:
        self.page.evaluate("window.unloadSco()")


def _flatten(data: dict, prefix: str) -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in data.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            flat.update(_flatten(value, name))
        elif value is not None:
            flat[name] = str(value)
    return flat


def prepare_site(root: Path, package: Path) -> Path:
    """A folder to serve: the LMS page, scorm-again and axe beside it, the package unzipped in pkg/."""
    if not SCORM_AGAIN.is_file():
        pytest.skip("paquet npm « scorm-again » absent : lancez `bash scripts/test` (npm ci)")
    root.mkdir(parents=True, exist_ok=True)
    (root / "host.html").write_text(HOST_PAGE, encoding="utf-8")
    shutil.copyfile(SCORM_AGAIN, root / "scorm-again.js")
    unzip(package, root / "pkg")
    return root


def open_lms(page, base_url: str, version: str, saved: dict[str, str] | None = None) -> LmsSession:
    """The LMS page with a fresh API (and the learner's saved data, if any); no SCO yet."""
    page.goto(f"{base_url}/host.html")
    page.evaluate("([version, saved]) => window.setUpLms(version, saved)", [version, saved])
    return LmsSession(page, version)


def launch(page, base_url: str, version: str, sco: str, saved: dict[str, str] | None = None) -> LmsSession:
    """The SCO `sco` (path inside the package) launched in the LMS page's frame."""
    session = open_lms(page, base_url, version, saved)
    page.evaluate("src => window.launch(src)", f"pkg/{sco}")
    session.frame.locator(".sco-nav:not([hidden])").wait_for()
    return session


# --- fixtures shared by the SCORM test files (import them by name) -------------------------------

FORMATS = ("scorm12", "scorm2004")
VERSION_OF = {"scorm12": "1.2", "scorm2004": "2004"}


@pytest.fixture(scope="module")
def scorm_curriculum(tmp_path_factory) -> Curriculum:
    return make_curriculum(tmp_path_factory.mktemp("curriculum") / "curriculum")


@pytest.fixture(scope="module")
def packages(tmp_path_factory, scorm_curriculum) -> dict[str, Path]:
    """The test module's package in each format."""
    from trainkit.outputs.scorm import export_packages

    out = tmp_path_factory.mktemp("dist")
    return {fmt: export_packages(scorm_curriculum, out, fmt)[0] for fmt in FORMATS}


def read_entries(package: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(package) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def manifest_of(package: Path):
    from lxml import etree

    with zipfile.ZipFile(package) as archive:
        return etree.fromstring(archive.read("imsmanifest.xml"))
