"""`trainkit` command line: a thin layer over `trainkit.api`.

Exit codes: 0 success, 1 what the user gave (curriculum, file, option, environment) cannot be used; the
message says what to change.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import click

from . import __version__, api
from .diagnostics import RENDERERS, Report
from .errors import TrainkitError

DEFAULT_CURRICULUM = Path("curriculum")


def _curriculum_path(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
    """PATH, else ./curriculum, else the curriculum folder the command runs in."""
    return api.locate_curriculum(value)


def _print_report(report: Report, fmt: str, root: Path | None, *, quiet_when_clean: bool = False) -> None:
    if quiet_when_clean and not report.diagnostics:
        return
    text = RENDERERS[fmt](report, root)
    if text:
        click.echo(text, err=fmt == "text" and quiet_when_clean)


class _FrenchHelpFormatter(click.HelpFormatter):
    """click's help in French: the usage line, the headings, the markers of defaults and required options."""

    HEADINGS = {"Commands": "Commandes"}  # « Options », « Arguments » read the same in French
    MARKERS = (("[default: ", "[par défaut : "), ("; default: ", " ; par défaut : "), ("[required]", "[obligatoire]"),
               ("; required", " ; obligatoire"))
    METAVARS = {"COMMAND": "COMMANDE", "ARGS": "ARGUMENTS", "DIRECTORY": "DOSSIER", "FILE": "FICHIER",
                "INTEGER RANGE": "ENTIER", "INTEGER": "ENTIER", "TEXT": "TEXTE", "FLOAT": "NOMBRE"}
    _METAVAR = re.compile(r"\b(?:" + "|".join(sorted(METAVARS, key=len, reverse=True)) + r")\b")  # longest first

    def _metavars(self, text: str) -> str:
        return self._METAVAR.sub(lambda m: self.METAVARS[m.group(0)], text)

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, self._metavars(args), prefix="Utilisation : ")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{self.HEADINGS.get(heading, heading)} :\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:  # type: ignore[no-untyped-def]
        translated = []
        for term, text in rows:
            for english, french in self.MARKERS:
                text = text.replace(english, french)
            translated.append((self._metavars(term), text))
        super().write_dl(translated, col_max, col_spacing)


class _FrenchContext(click.Context):
    formatter_class = _FrenchHelpFormatter


class _FrenchCommand(click.Command):
    context_class = _FrenchContext

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "Afficher cette aide et quitter."
        return option


class _FrenchGroup(_FrenchCommand, click.Group):
    command_class = _FrenchCommand
    group_class = type  # subgroups are of this class too


@click.group(cls=_FrenchGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="trainkit", message="%(prog)s %(version)s",
                      help="Afficher la version et quitter.")
def cli() -> None:
    """trainkit : des curricula de formation écrits en YAML, validés, publiés en site, en paquets SCORM et en documents."""


@cli.command()
@click.argument("path", type=click.Path(path_type=Path), default=None, required=False,
                callback=_curriculum_path)
@click.option(
    "--format", "fmt", type=click.Choice(sorted(RENDERERS)), default="text", show_default=True,
    help="text (lisible), json (outils) ou github (annotations GitHub Actions).",
)
@click.option("--strict", is_flag=True, help="Traiter les avertissements comme des erreurs.")
def validate(path: Path, fmt: str, strict: bool) -> None:
    """Vérifie le curriculum du dossier PATH (par défaut : curriculum/, ou le dossier courant s'il contient programme.yml)."""
    result = api.validate(path)
    _print_report(result.report, fmt, path)
    sys.exit(0 if result.ok(strict) else 1)


@cli.command()
@click.option(
    "--out", "out", type=click.Path(path_type=Path, file_okay=False), default=None,
    help="Dossier où écrire les schémas (par défaut : schemas/ du curriculum).",
)
@click.option("--profile", type=click.Choice(sorted(api.PROFILE_NAMES)), default=None,
              help="Le profil du curriculum ; par défaut celui que déclare le programme.yml du dossier parent.")
def schema(out: Path, profile: str | None) -> None:
    """Écrit les schémas JSON du format (pour l'autocomplétion dans les éditeurs), selon le profil du curriculum."""
    curriculum = api.locate_curriculum(None)
    if out is None:
        out = curriculum / "schemas"
    if profile is None:  # the curriculum's, or that of the folder the schemas go in
        profile = api.declared_profile(curriculum) or api.declared_profile(out.parent)
    for path in api.write_schemas(out, profile=profile):
        click.echo(f"écrit : {path}")


@cli.command()
@click.option("--out", "out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Fichier Markdown à écrire (par défaut : la sortie standard).")
def reference(out: Path | None) -> None:
    """Écrit la référence du format (chaque clé, son type, si elle est obligatoire, un exemple)."""
    text = api.format_reference()
    if out is None:
        click.echo(text, nl=False)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        click.echo(f"écrit : {out}")


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.option("--force", is_flag=True, help="Écrire même si le dossier n'est pas vide.")
@click.option("--profile", type=click.Choice(sorted(api.PROFILE_NAMES)), default=None,
              help="Partir d'un profil : strategie-pauvrete (le plan de formation national livré, sa stratégie et "
              "ses niveaux) ; par défaut, un curriculum sans profil.")
def init(directory: Path, force: bool, profile: str | None) -> None:
    """Crée dans DOSSIER un curriculum de départ, valide, à compléter."""
    if directory.exists() and any(directory.iterdir()) and not force:
        raise click.UsageError(
            f"le dossier « {directory} » n'est pas vide : choisissez un nouveau dossier (ou --force pour compléter)"
        )
    for path in api.init_curriculum(directory, profile=profile):
        click.echo(f"créé : {path}")
    click.echo(f"\nÉtape suivante : trainkit validate {directory}")


AUDIENCE_CHOICES = {"learner": ("learner",), "trainer": ("trainer",), "all": ("learner", "trainer")}


ENGINE_OPTION = click.option(
    "--engine", type=click.Choice(api.SITE_ENGINES), default="mkdocs", show_default=True,
    help="Moteur du site : mkdocs (MkDocs + Material) ou zensical (son successeur ; pip install 'trainkit[zensical]').")


@cli.command()
@click.argument("path", type=click.Path(path_type=Path), default=None, required=False,
                callback=_curriculum_path)
@click.option("--out", "site_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("site"),
              show_default=True, help="Dossier des sites construits (un sous-dossier par public).")
@click.option("--audience", type=click.Choice(sorted(AUDIENCE_CHOICES)), default="all", show_default=True,
              help="learner (stagiaires), trainer (formateurs) ou all (les deux).")
@click.option("--templates", "templates_dir", type=click.Path(path_type=Path, file_okay=False, exists=True),
              default=None, help="Dossier de gabarits Jinja qui remplacent ceux de trainkit (fichier par fichier).")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False), default=Path("mkdocs.yml"),
              show_default=True, help="mkdocs.yml de l'organisme : thème, palette, logo, CSS (facultatif).")
@click.option("--dist", "dist_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("dist"),
              show_default=True, help="Dossier des paquets SCORM et des documents.")
@click.option("--strict", is_flag=True, help="Refuser de construire si le curriculum a des avertissements.")
@ENGINE_OPTION
def build(path: Path, site_dir: Path, audience: str, templates_dir: Path | None, config_file: Path,
          dist_dir: Path, strict: bool, engine: str) -> None:
    """Valide le curriculum, puis construit les paquets SCORM et les sites (stagiaires et formateurs)."""
    result = api.build(path, site_dir=site_dir, dist_dir=dist_dir, audiences=AUDIENCE_CHOICES[audience],
                       templates_dir=templates_dir, config_file=config_file, strict=strict, engine=engine)
    report = result.validation.report
    if not result.validation.ok(strict):
        click.echo(RENDERERS["text"](report, path))
        click.echo("Rien n'a été construit : corrigez d'abord ces erreurs.", err=True)
        sys.exit(1)
    if report.diagnostics:
        click.echo(RENDERERS["text"](report, path))
    labels = {"learner": "Site des stagiaires", "trainer": "Site des formateurs"}
    for name, folder in result.sites.items():
        click.echo(f"{labels[name]} : {folder / 'index.html'}")
    for package in result.packages:
        click.echo(f"{'Questions Moodle' if package.suffix == '.xml' else 'Paquet SCORM'} : {package}")
    # One line per module for the run sheets: the per-session files sit in their folder.
    per_session: dict[Path, int] = {}
    for document in result.documents:
        if api.is_run_sheet_file(document):
            per_session[document.parent] = per_session.get(document.parent, 0) + 1
        else:
            click.echo(f"Document : {document}")
    for folder, count in per_session.items():
        click.echo(f"Fiches séance : {folder} ({count} fichiers, une par séquence)")
    if result.printables:
        folder = os.path.commonpath([str(p.parent) for p in result.printables.values()])
        click.echo(f"Documents stagiaires à imprimer : {folder} ({len(result.printables)} PDF)")
    for session in result.session_documents:
        click.echo(f"Documents de session : {session.folder} ({len(session.written)} fichiers)")
        for notice in session.notices:
            click.echo(f"note : {notice}")


@cli.command()
@click.argument("path", type=click.Path(path_type=Path), default=None, required=False,
                callback=_curriculum_path)
@click.option("--format", "fmt", type=click.Choice(["scorm12", "scorm2004", "moodle-xml"]), default="scorm12",
              show_default=True,
              help="scorm12 (Moodle et la plupart des LMS), scorm2004 (4e édition) ou moodle-xml (les évaluations "
              "en questions Moodle, à importer dans la banque de questions).")
@click.option("--module", "module_ids", multiple=True, metavar="ID",
              help="Le module à exporter (répétable) ; par défaut tous.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("dist"),
              show_default=True, help="Dossier des paquets.")
@click.option("--templates", "templates_dir", type=click.Path(path_type=Path, file_okay=False, exists=True),
              default=None, help="Dossier de gabarits de l'organisme.")
@click.option("--sco", "sco", type=click.Choice(["per-session", "single"]), default="per-session", show_default=True,
              help="per-session : un SCO par séquence et par évaluation (sommaire du LMS) ; single : tout le module "
              "en un SCO, avec son propre sommaire, pour les LMS qui ne gèrent pas les paquets à plusieurs SCO.")
def export(path: Path, fmt: str, module_ids: tuple[str, ...], out_dir: Path, templates_dir: Path | None,
           sco: str) -> None:
    """Écrit un paquet SCORM (zip) par module, ou ses évaluations en questions Moodle, à importer dans le LMS."""
    curriculum = _valid_curriculum(path, "Rien n'a été exporté")
    known = [m.id for m in curriculum.modules]
    unknown = [m for m in module_ids if m not in known]
    if unknown:
        raise click.UsageError(f"module inconnu : {', '.join(unknown)} (modules du curriculum : {', '.join(known)})")
    written = api.export(curriculum, out_dir, formats=(fmt,),
                         module_ids=list(module_ids) or None, templates_dir=templates_dir, sco=sco)
    for package in written:
        label = "Questions Moodle" if package.suffix == ".xml" else "Paquet"
        click.echo(f"{label} : {package} ({package.stat().st_size / 1024:.0f} Ko)")


@cli.command()
@click.argument("path", type=click.Path(path_type=Path), default=None, required=False,
                callback=_curriculum_path)
@click.option("--audience", type=click.Choice(["learner", "trainer"]), default="trainer", show_default=True,
              help="Le site à prévisualiser.")
@click.option("--templates", "templates_dir", type=click.Path(path_type=Path, file_okay=False, exists=True), default=None,
              help="Dossier de gabarits Jinja de l'organisme.")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False), default=Path("mkdocs.yml"),
              show_default=True, help="mkdocs.yml de l'organisme (facultatif).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port local.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Adresse d'écoute ; 127.0.0.1 : cette machine seulement, 0.0.0.0 : tout le réseau.")
@ENGINE_OPTION
def serve(path: Path, audience: str, templates_dir: Path | None, config_file: Path, port: int, host: str,
          engine: str) -> None:
    """Aperçu du site qui se recharge à chaque enregistrement d'un fichier du curriculum."""
    api.serve(path, audience=audience, work_dir=Path("build") / "serve-src", templates_dir=templates_dir,
              config_file=config_file, host=host, port=port, echo=click.echo, engine=engine)


@cli.command()
@click.option("--out", "out", type=click.Path(path_type=Path, file_okay=False), default=Path("gabarits"),
              show_default=True, help="Dossier où copier les gabarits.")
def templates(out: Path) -> None:
    """Copie les gabarits de trainkit (site, quiz, scorm, documents) pour les adapter, puis --templates DOSSIER."""
    written = api.copy_templates(out)
    for path in written:
        click.echo(f"copié : {path}")
    if not written:
        click.echo(f"Rien à copier : les gabarits sont déjà dans « {out} » (les fichiers existants sont gardés).")
    else:
        click.echo(f"\nModifiez les fichiers voulus (supprimez les autres), puis : trainkit build --templates {out}")


@cli.group()
def documents() -> None:
    """Documents de l'organisme de formation : programmes, émargement, documents de session (PDF), matrice, BPF (CSV)."""


def _valid_curriculum(path: Path, nothing_written: str):
    """The validated curriculum, or the report and exit 1: no output is made from an invalid one."""
    result = api.validate(path)
    if not result.ok():
        click.echo(RENDERERS["text"](result.report, path))
        click.echo(f"{nothing_written} : corrigez d'abord ces erreurs.", err=True)
        sys.exit(1)
    _print_report(result.report, "text", path, quiet_when_clean=True)
    return result.curriculum


def _curriculum_for_documents(path: Path):
    return _valid_curriculum(path, "Aucun document n'a été écrit")


def _known_module(curriculum, module_id: str | None) -> str | None:
    """An unknown --module is a usage error (exit 2), as in every command."""
    known = [m.id for m in curriculum.modules]
    if module_id is not None and module_id not in known:
        raise click.BadParameter(f"module « {module_id} » inconnu (modules : {', '.join(known)})",
                                 param_hint="'--module'")
    return module_id


def _parse_date_option(ctx: click.Context, param: click.Parameter, value):
    try:
        if isinstance(value, tuple):
            return [api.parse_date(v) for v in value]
        return api.parse_date(value) if value is not None else None
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _written(path: Path, rendered=None) -> None:
    click.echo(f"écrit : {path}")
    for url in getattr(rendered, "refused_urls", []):
        click.echo(f"avertissement : ressource non chargée, aucun accès réseau pendant le rendu : {url}", err=True)


_PATH_ARGUMENT = click.argument("path", type=click.Path(path_type=Path), default=None, required=False,
                callback=_curriculum_path)
_OUT_OPTION = click.option("--out", "out", type=click.Path(path_type=Path, file_okay=False), default=Path("dist"),
                           show_default=True, help="Dossier où écrire les documents.")
_TEMPLATES_OPTION = click.option("--templates", "templates_dir", default=None,
                                 type=click.Path(path_type=Path, file_okay=False, exists=True),
                                 help="Dossier de gabarits Jinja qui remplacent ceux de trainkit (fichier par fichier).")


@documents.command()
@_PATH_ARGUMENT
@click.option("--module", "module_id", default=None, help="Identifiant du module (par défaut : tous).")
@_OUT_OPTION
@_TEMPLATES_OPTION
def programme(path: Path, module_id: str | None, out: Path, templates_dir: Path | None) -> None:
    """Programme de formation de chaque module (PDF) et sa version formateurs, avec la matrice en annexe."""
    curriculum = _curriculum_for_documents(path)
    module_id = _known_module(curriculum, module_id)
    for written in api.write_programmes(curriculum, out, module_id=module_id, templates_dir=templates_dir):
        _written(*written)


@documents.command()
@_PATH_ARGUMENT
@click.option("--module", "module_id", required=True, help="Identifiant du module.")
@click.option("--participants", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=None,
              help="Liste CSV des participants (colonnes nom, prénom et, au choix, structure) ; sans elle, des lignes vierges.")
@click.option("--start", callback=_parse_date_option, default=None,
              help="Date du jour 1 (2026-11-16 ou 16/11/2026) ; les jours suivants sautent week-ends et jours fériés.")
@click.option("--part-start", "part_starts", multiple=True, callback=_parse_date_option,
              help="Date du premier jour de la partie 2 (puis 3…) après une intersession ; à répéter par partie.")
@_OUT_OPTION
@_TEMPLATES_OPTION
def attendance(path: Path, module_id: str, participants: Path | None, start, part_starts, out: Path,
               templates_dir: Path | None) -> None:
    """Feuilles d'émargement d'un module (PDF) : une page par jour, une signature par demi-journée."""
    curriculum = _curriculum_for_documents(path)
    _known_module(curriculum, module_id)
    try:
        _written(*api.write_attendance_sheets(curriculum, module_id, out, participants=participants, start=start,
                                              part_starts=part_starts, templates_dir=templates_dir))
    except api.ScheduleError as exc:
        raise click.BadParameter(str(exc), param_hint="'--start' / '--part-start'") from None


@documents.command()
@_PATH_ARGUMENT
@click.option("--module", "module_id", default=None, help="Identifiant du module (par défaut : tous).")
@_OUT_OPTION
def matrix(path: Path, module_id: str | None, out: Path) -> None:
    """Matrice compétences × objectifs × séquences (CSV pour tableur, UTF-8 avec BOM, séparateur « ; »)."""
    curriculum = _curriculum_for_documents(path)
    for written in api.write_matrices(curriculum, out, module_id=_known_module(curriculum, module_id)):
        _written(written)


@documents.command("session")
@click.argument("session_id", metavar="ID")
@_PATH_ARGUMENT
@_OUT_OPTION
@_TEMPLATES_OPTION
def session_documents(session_id: str, path: Path, out: Path, templates_dir: Path | None) -> None:
    """Documents d'une session (sessions/ID.yml) dans OUT/sessions/ID/ : convocations, émargement, conventions,
    puis, une fois les présences saisies, certificats de réalisation, attestations et heures réalisées."""
    curriculum = _curriculum_for_documents(path)
    written = api.write_session_documents(curriculum, session_id, out, templates_dir=templates_dir)
    for file in written.written:
        click.echo(f"écrit : {file}")
    for notice in written.notices:
        click.echo(f"note : {notice}")
    for url in written.refused_urls:
        click.echo(f"avertissement : ressource non chargée, aucun accès réseau pendant le rendu : {url}", err=True)


@documents.command()
@_PATH_ARGUMENT
@click.option("--year", type=click.IntRange(2000, 2100), required=True, help="L'exercice (année civile), par exemple 2027.")
@_OUT_OPTION
def bpf(path: Path, year: int, out: Path) -> None:
    """Bilan pédagogique et financier de l'année (cerfa 10443, cadre F) : stagiaires et heures, en CSV."""
    curriculum = _curriculum_for_documents(path)
    written, figures = api.write_bpf(curriculum, year, out)
    click.echo(f"écrit : {written}")
    if not figures.sessions:
        click.echo(f"note : aucune session n'a de journée en {year} : le bilan est à zéro.")
    else:
        click.echo(f"{figures.total.learners} stagiaires, {f'{round(figures.total.minutes / 60, 2):g}'.replace('.', ',')} heures-stagiaires "
                   f"({len(figures.sessions)} session{'s' if len(figures.sessions) > 1 else ''}).")


_CLICK_MESSAGES_FR = [
    ("No such option", "option inconnue"),
    ("No such command", "commande inconnue"),
    ("Missing argument", "argument manquant"),
    ("Missing option", "option manquante"),
    ("Invalid value for", "valeur invalide pour"),
    ("Got unexpected extra argument", "argument en trop"),
    ("Got unexpected extra arguments", "arguments en trop"),
    ("is not one of", "n'est pas parmi"),
    ("Option", "l'option"),
    ("requires an argument", "demande une valeur"),
    ("Did you mean", "Vouliez-vous dire"),
    ("is not a valid integer range", "n'est pas un nombre entier"),
    ("is not a valid integer", "n'est pas un nombre entier"),
    ("is not in the range", "n'est pas entre"),
    ("is not a valid float", "n'est pas un nombre"),
]


def _french(message: str) -> str:
    for english, french in _CLICK_MESSAGES_FR:
        message = message.replace(english, french)
    return message


def main(argv: list[str] | None = None) -> None:
    """Entry point: French messages (exit 1), and never a traceback for the user."""
    try:
        cli.main(args=argv, prog_name="trainkit", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.UsageError as exc:
        if exc.ctx is not None:
            click.echo(exc.ctx.get_usage(), err=True)
        click.echo(f"Erreur d'utilisation : {_french(exc.format_message())}", err=True)
        click.echo("Aide : trainkit --help", err=True)
        sys.exit(1)
    except click.Abort:
        click.echo("Interrompu.", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        click.echo(f"Erreur : {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except TrainkitError as exc:  # the library's one error type: a message, and located findings
        click.echo(f"Erreur : {exc}", err=True)
        if exc.diagnostics:
            click.echo(RENDERERS["text"](Report(list(exc.diagnostics))), err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("Interrompu.", err=True)
        sys.exit(130)
    except Exception as exc:  # the promise: a message, never a traceback
        if os.environ.get("TRAINKIT_DEBUG"):
            raise
        click.echo(
            f"Erreur interne de trainkit ({type(exc).__name__} : {exc}). "
            "Relancez avec TRAINKIT_DEBUG=1 pour le détail, et signalez-la.",
            err=True,
        )
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
