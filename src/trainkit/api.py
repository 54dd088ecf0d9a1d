"""The library entry points; the CLI is a thin layer over these."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .audience import AUDIENCES, Audience
from .check import check_curriculum
from .diagnostics import Report
from .errors import TrainkitError, environment_errors
from .load.curriculum_files import find_curriculum_files, locate_curriculum  # noqa: F401 - the CLI's lookup
from .model.curriculum import Curriculum, read_curriculum
from .model.profiles import PROFILES

SITE_ENGINES = ("mkdocs", "zensical")  # outputs.site.ENGINES, without importing MkDocs to list them



@dataclass
class Validation:
    """The outcome of `validate`: the curriculum (when it could be read) and every finding."""

    curriculum: Curriculum | None
    report: Report

    def ok(self, strict: bool = False) -> bool:
        return self.curriculum is not None and not self.report.has_errors(strict)


def __getattr__(name: str):
    # The CLI catches the attendance sheets' date error; the documents are imported only when it is
    # raised (an `except` names its class only then), not at every start of the command.
    if name == "ScheduleError":
        from .outputs.documents.attendance import ScheduleError
        return ScheduleError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def is_run_sheet_file(path: Path) -> bool:
    """Whether a written document is one session's run sheet (the CLI lists them grouped)."""
    from .views.run_sheet import is_run_sheet_file as is_run_sheet
    return is_run_sheet(path)


def validate(path: Path | str) -> Validation:
    """load → model → check: read every file of the curriculum at `path` and report all problems."""
    root = Path(path)
    report = Report()
    files, found = find_curriculum_files(root)
    report.extend(found)
    if files is None:
        return Validation(None, report)
    curriculum, found = read_curriculum(files)
    report.extend(found)
    if curriculum is not None:
        report.extend(check_curriculum(curriculum))
    return Validation(curriculum, report)



@dataclass
class BuildResult:
    validation: Validation
    sites: dict[str, Path] = field(default_factory=dict)
    packages: list[Path] = field(default_factory=list)
    documents: list[Path] = field(default_factory=list)
    printables: dict[str, Path] = field(default_factory=dict)  # handout (curriculum-relative) → its A4 PDF
    session_documents: list = field(default_factory=list)  # SessionDocuments, one per session


def build(
    path: Path | str,
    *,
    site_dir: Path = Path("site"),
    dist_dir: Path = Path("dist"),
    work_dir: Path = Path("build") / "site-src",
    audiences: tuple[Audience, ...] = AUDIENCES,
    templates_dir: Path | None = None,
    config_file: Path | None = Path("mkdocs.yml"),
    strict: bool = False,
    packages: bool = True,
    engine: str = "mkdocs",
) -> BuildResult:
    """validate → LMS packages → site(s). Nothing is written when the curriculum has errors."""
    from .load.yaml_source import YamlInputError
    from .outputs.site import build_site, load_user_config

    validation = validate(path)
    result = BuildResult(validation)
    if not validation.ok(strict):
        return result
    assert validation.curriculum is not None
    try:
        user = load_user_config(config_file)
    except YamlInputError as exc:
        raise TrainkitError("le fichier de configuration du site est illisible", [exc.diagnostic]) from None
    if packages:
        check_session_attendance(validation.curriculum)  # before anything is written
    with environment_errors("écrire les paquets, les documents et les sites"):
        if packages:
            from .outputs.documents import publish_documents

            result.packages = export(validation.curriculum, dist_dir, formats=EXPORT_FORMATS,
                                     templates_dir=templates_dir)
            published = publish_documents(validation.curriculum, dist_dir, templates_dir)
            result.documents, result.printables = published.documents, published.printables
            result.session_documents = published.sessions
        result.sites = build_site(
            validation.curriculum,
            site_dir,
            audiences=audiences,
            work_dir=work_dir,
            templates_dir=templates_dir,
            user_config=user,
            packages=result.packages + result.documents,
            printables=result.printables,
            engine=engine,
        )
    return result


EXPORT_FORMATS = ("scorm12", "scorm2004", "moodle-xml")


def export(
    curriculum: Curriculum,
    out_dir: Path,
    *,
    formats: tuple[str, ...] = ("scorm12", "scorm2004"),
    module_ids: list[str] | None = None,
    templates_dir: Path | None = None,
    sco: str = "per-session",
) -> list[Path]:
    """What an LMS imports, for the (validated) curriculum, format by format: SCORM packages (one zip per
    module and format: "scorm12", "scorm2004") and the evaluations as Moodle questions ("moodle-xml",
    one file per module).

    `sco`: "per-session" (one SCO per session and evaluation) or "single" (the whole module as one SCO,
    for LMSs that cannot run a multi-SCO package). Each module is rendered once for every SCORM format;
    large exports use all the cores (`TRAINKIT_JOBS=1`: one)."""
    from .outputs.scorm import export_all

    unknown = [fmt for fmt in formats if fmt not in EXPORT_FORMATS]
    if unknown:
        raise TrainkitError(f"format inconnu : « {unknown[0]} » (formats possibles : {', '.join(EXPORT_FORMATS)})")
    written: list[Path] = []
    scorm = [fmt for fmt in formats if fmt != "moodle-xml"]
    with environment_errors("écrire les paquets SCORM"):
        if scorm:
            written += export_all(curriculum, out_dir, scorm, module_ids, templates_dir, sco)  # type: ignore[arg-type]
    if "moodle-xml" in formats:
        from .outputs.moodle import export_questions

        with environment_errors("écrire les questions Moodle"):
            written += export_questions(curriculum, out_dir, module_ids)
    return written


def write_schemas(out_dir: Path, profile: str | None = None) -> list[Path]:
    """The JSON Schemas of the format, for editors' completion, with the profile's rules when given."""
    from .schema import write_schemas as write

    with environment_errors("écrire les schémas"):
        return write(Path(out_dir), profile=profile)


PROFILE_NAMES = tuple(PROFILES)


def declared_profile(curriculum_dir: Path) -> str | None:
    """The `profile:` that `curriculum_dir/programme.yml` declares, if it can be read (else None)."""
    from .load.yaml_source import YamlInputError, read_yaml_file

    path = Path(curriculum_dir) / "programme.yml"
    try:
        data = read_yaml_file(path).data if path.is_file() else None
    except YamlInputError:
        return None
    value = data.get("profile") if isinstance(data, dict) else None
    return value if value in PROFILES else None


def format_reference() -> str:
    """The format reference (Markdown), generated from the model."""
    from .reference import reference_markdown

    return reference_markdown()


def init_curriculum(directory: Path, profile: str | None = None) -> list[Path]:
    """A starter curriculum in `directory`, valid as it is: generic, or following `profile`."""
    from .scaffold import scaffold_curriculum

    with environment_errors("créer le curriculum"):
        return scaffold_curriculum(Path(directory), profile=profile)


def parse_date(text: str):
    """A date as users type it (2026-11-16 or 16/11/2026); ValueError with a French message otherwise."""
    from .model.offer import parse_date as parse

    return parse(text)


def module_of(curriculum: Curriculum, module_id: str):
    """The module `module_id`; a `TrainkitError` naming the known ones otherwise."""
    try:
        return curriculum.module(module_id)
    except KeyError:
        known = ", ".join(m.id for m in curriculum.modules) or "aucun"
        raise TrainkitError(f"module « {module_id} » inconnu (modules du curriculum : {known})") from None


def write_programmes(curriculum: Curriculum, out_dir: Path, *, module_id: str | None = None,
                     templates_dir: Path | None = None) -> list:
    """Each module's programme PDF and its trainers' version: the `Rendered` results with their paths."""
    from .outputs.documents import write_programme

    modules = [module_of(curriculum, module_id)] if module_id else curriculum.modules
    written = []
    with environment_errors("écrire les programmes"):
        for module in modules:
            for trainer in (False, True):
                written.append(write_programme(curriculum, module, out_dir, trainer=trainer, templates_dir=templates_dir))
    return written


def write_attendance_sheets(curriculum: Curriculum, module_id: str, out_dir: Path, *, participants: Path | None = None,
                            start=None, part_starts=(), templates_dir: Path | None = None):
    """A module's attendance sheets (PDF): (path, rendered)."""
    from .model.participants import read_participants
    from .outputs.documents import write_attendance

    module = module_of(curriculum, module_id)
    people = read_participants(participants)[0] if participants is not None else None
    with environment_errors("écrire les feuilles d'émargement"):
        return write_attendance(curriculum, module, out_dir, participants=people, start=start,
                                part_starts=part_starts, templates_dir=templates_dir)


def check_session_attendance(curriculum: Curriculum) -> None:
    """A session whose attendance is begun must be complete before its certificates are written."""
    from .views.delivery import delivery_view

    for delivery_id in sorted(curriculum.deliveries):
        view = delivery_view(curriculum, delivery_id)
        if view.attendance_recorded:
            view.require_complete_attendance("les certificats de réalisation et les attestations de fin de formation")


def write_session_documents(curriculum: Curriculum, session_id: str, out_dir: Path, *,
                            templates_dir: Path | None = None):
    """The documents of one session in `out_dir/sessions/<id>/` (a `SessionDocuments`): convocations,
    attendance sheets, conventions, then — once attendance is recorded — certificates, attestations, hours."""
    from .outputs.documents.session import write_session_documents as write

    with environment_errors("écrire les documents de la session"):
        return write(curriculum, session_id, Path(out_dir), templates_dir=templates_dir)


def write_bpf(curriculum: Curriculum, year: int, out_dir: Path):
    """`bpf-<year>.csv`, the year's learners and learner-hours (cerfa 10443, cadre F): (path, figures)."""
    from .outputs.documents.bpf import write_bpf as write

    with environment_errors("écrire le bilan pédagogique et financier"):
        return write(curriculum, year, Path(out_dir))


def write_matrices(curriculum: Curriculum, out_dir: Path, *, module_id: str | None = None) -> list[Path]:
    """Each module's competence × session matrix (CSV)."""
    from .outputs.documents import write_matrix

    modules = [module_of(curriculum, module_id)] if module_id else curriculum.modules
    with environment_errors("écrire les matrices"):
        return [write_matrix(module, out_dir) for module in modules]


def serve(path: Path | str, *, audience: Audience = "trainer", work_dir: Path = Path("build") / "serve-src",
          templates_dir: Path | None = None, config_file: Path | None = Path("mkdocs.yml"),
          host: str = "127.0.0.1", port: int = 8000, echo=print, engine: str = "mkdocs") -> None:
    """A live preview of one audience's site, rebuilt on every save of the curriculum."""
    from .outputs.site.serve import serve as run_server

    with environment_errors("lancer l'aperçu"):
        run_server(Path(path), validate=validate, audience=audience, work_dir=work_dir,
                   templates_dir=templates_dir, config_file=config_file, host=host, port=port, echo=echo,
                   engine=engine)


def copy_templates(out_dir: Path) -> list[Path]:
    """Copy trainkit's default templates into `out_dir` (site/, quiz/, scorm/, documents/) to override them."""
    from .render import copy_default_templates

    with environment_errors("copier les gabarits"):
        return copy_default_templates(Path(out_dir))
