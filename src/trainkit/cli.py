"""`trainkit` command line: a thin layer over `trainkit.api`.

Exit codes: 0 success, 1 the curriculum (or another input) has errors, 2 usage errors.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__, api
from .diagnostics import RENDERERS, Report
from .schema import write_schemas

DEFAULT_CURRICULUM = Path("curriculum")


def _print_report(report: Report, fmt: str, root: Path | None, *, quiet_when_clean: bool = False) -> None:
    if quiet_when_clean and not report.diagnostics:
        return
    text = RENDERERS[fmt](report, root)
    if text:
        click.echo(text, err=fmt == "text" and quiet_when_clean)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="trainkit", message="%(prog)s %(version)s")
def cli() -> None:
    """trainkit : des curricula de formation écrits en YAML, validés, publiés en site, en paquets SCORM et en documents."""


@cli.command()
@click.argument("path", type=click.Path(path_type=Path), default=DEFAULT_CURRICULUM, required=False)
@click.option(
    "--format", "fmt", type=click.Choice(sorted(RENDERERS)), default="text", show_default=True,
    help="text (lisible), json (outils) ou github (annotations GitHub Actions).",
)
@click.option("--strict", is_flag=True, help="Traiter les avertissements comme des erreurs.")
def validate(path: Path, fmt: str, strict: bool) -> None:
    """Vérifie le curriculum du dossier PATH (par défaut : curriculum/)."""
    result = api.validate(path)
    _print_report(result.report, fmt, path)
    sys.exit(0 if result.ok(strict) else 1)


@cli.command()
@click.option(
    "--out", "out", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_CURRICULUM / "schemas",
    show_default=True, help="Dossier où écrire les schémas.",
)
def schema(out: Path) -> None:
    """Écrit les schémas JSON du format (pour l'autocomplétion dans les éditeurs)."""
    for path in write_schemas(out):
        click.echo(f"écrit : {path}")


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.option("--force", is_flag=True, help="Écrire même si le dossier n'est pas vide.")
def init(directory: Path, force: bool) -> None:
    """Crée dans DIRECTORY un curriculum de départ, valide, à compléter."""
    from .scaffold import scaffold_curriculum

    if directory.exists() and any(directory.iterdir()) and not force:
        raise click.UsageError(
            f"le dossier « {directory} » n'est pas vide : choisissez un nouveau dossier (ou --force pour compléter)"
        )
    for path in scaffold_curriculum(directory):
        click.echo(f"créé : {path}")
    click.echo(f"\nÉtape suivante : trainkit validate {directory}")


AUDIENCE_CHOICES = {"learner": ("learner",), "trainer": ("trainer",), "all": ("learner", "trainer")}


def _fail_on_input_error(exc: api.InputError) -> None:
    click.echo(f"Erreur : {exc}", err=True)
    if exc.diagnostics:
        click.echo(RENDERERS["text"](Report(list(exc.diagnostics))), err=True)
    sys.exit(1)


@cli.command()
@click.argument("path", type=click.Path(path_type=Path), default=DEFAULT_CURRICULUM, required=False)
@click.option("--out", "site_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("site"),
              show_default=True, help="Dossier des sites construits (un sous-dossier par public).")
@click.option("--audience", type=click.Choice(sorted(AUDIENCE_CHOICES)), default="all", show_default=True,
              help="learner (stagiaires), trainer (formateurs) ou all (les deux).")
@click.option("--templates", "templates_dir", type=click.Path(path_type=Path, file_okay=False, exists=True),
              default=None, help="Dossier de gabarits Jinja qui remplacent ceux de trainkit (fichier par fichier).")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False), default=Path("mkdocs.yml"),
              show_default=True, help="mkdocs.yml de l'organisme : thème, palette, logo, CSS (facultatif).")
@click.option("--strict", is_flag=True, help="Refuser de construire si le curriculum a des avertissements.")
def build(path: Path, site_dir: Path, audience: str, templates_dir: Path | None, config_file: Path, strict: bool) -> None:
    """Valide le curriculum puis construit les sites (stagiaires et formateurs)."""
    from .outputs.site import SiteBuildError

    try:
        result = api.build(path, site_dir=site_dir, audiences=AUDIENCE_CHOICES[audience],
                           templates_dir=templates_dir, config_file=config_file, strict=strict)
    except api.InputError as exc:
        _fail_on_input_error(exc)
    except SiteBuildError as exc:
        click.echo(f"Erreur : {exc}", err=True)
        sys.exit(1)
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
        click.echo(f"Paquet : {package}")


@cli.command()
@click.argument("path", type=click.Path(path_type=Path), default=DEFAULT_CURRICULUM, required=False)
@click.option("--audience", type=click.Choice(["learner", "trainer"]), default="trainer", show_default=True,
              help="Le site à prévisualiser.")
@click.option("--templates", "templates_dir", type=click.Path(path_type=Path, file_okay=False, exists=True), default=None,
              help="Dossier de gabarits Jinja de l'organisme.")
@click.option("--config", "config_file", type=click.Path(path_type=Path, dir_okay=False), default=Path("mkdocs.yml"),
              show_default=True, help="mkdocs.yml de l'organisme (facultatif).")
@click.option("--port", type=int, default=8000, show_default=True, help="Port local.")
def serve(path: Path, audience: str, templates_dir: Path | None, config_file: Path, port: int) -> None:
    """Aperçu du site qui se recharge à chaque enregistrement d'un fichier du curriculum."""
    from .outputs.site.serve import serve as run_server

    run_server(path, audience=audience, work_dir=Path("build") / "serve-src", templates_dir=templates_dir,
               config_file=config_file, port=port, echo=click.echo)


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
]


def _french(message: str) -> str:
    for english, french in _CLICK_MESSAGES_FR:
        message = message.replace(english, french)
    return message


def main(argv: list[str] | None = None) -> None:
    """Entry point: French usage errors (exit 2), and never a traceback for the user."""
    try:
        cli.main(args=argv, prog_name="trainkit", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.UsageError as exc:
        if exc.ctx is not None:
            click.echo(exc.ctx.get_usage(), err=True)
        click.echo(f"Erreur d'utilisation : {_french(exc.format_message())}", err=True)
        click.echo("Aide : trainkit --help", err=True)
        sys.exit(2)
    except click.Abort:
        click.echo("Interrompu.", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        click.echo(f"Erreur : {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
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
