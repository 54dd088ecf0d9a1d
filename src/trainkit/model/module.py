"""A module file (`modules/<id>.yml`): competences, objectives and sessions."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, PrivateAttr
from typing_extensions import Annotated

from .common import WHOLE, Markdown, Minutes, Slug, StrictModel, Text
from .offer import Offer
from .evaluation import Evaluation

# A short label (« initiation », « perfectionnement »); a profile may fix the possible values.
Level = Annotated[str, Field(min_length=1, max_length=40, examples=["fondamentaux", "expert", "initiation"])]
HalfDay = Literal["matin", "après-midi"]
Modality = Literal["présentiel", "distanciel", "intersession"]
Completion = Literal["contenu-vu", "evaluation-reussie"]
Bloom = Literal["mémoriser", "comprendre", "appliquer", "analyser", "évaluer", "créer"]

# The methods seed 000 recommends, and the usual ones around them.
# Keys are what authors write; values are how the site and documents name them.
METHOD_LABELS: dict[str, str] = {
    "apports": "Apports théoriques et méthodologiques",
    "analyse-des-pratiques": "Analyse des pratiques professionnelles",
    "intervention-acteurs-emploi": "Intervention d'acteurs de l'insertion professionnelle ou de l'emploi",
    "intervention-pairs": "Intervention de personnes accompagnées ou de travailleurs pairs",
    "etude-de-cas": "Étude de cas",
    "atelier": "Atelier en sous-groupes",
    "mise-en-situation": "Mise en situation, jeu de rôle",
    "travail-intersession": "Travail d'intersession",
    "diagnostic-territorial": "Diagnostic territorial",
    "visite": "Visite de structure",
    "evaluation": "Évaluation, positionnement",
}
Method = Literal[
    "apports",
    "analyse-des-pratiques",
    "intervention-acteurs-emploi",
    "intervention-pairs",
    "etude-de-cas",
    "atelier",
    "mise-en-situation",
    "travail-intersession",
    "diagnostic-territorial",
    "visite",
    "evaluation",
]


class Objective(StrictModel):
    """An observable learning objective (Qualiopi indicator 5: operational, evaluable)."""

    id: Slug = Field(description="Identifiant court, unique dans le module.")
    text: Text = Field(
        description="Énoncé observable, commençant par un verbe d'action (identifier, décrire…).",
        examples=["Identifier les acteurs du service public de l'emploi de son territoire"],
    )
    bloom: Bloom | None = Field(None, description="Niveau de la taxonomie de Bloom (facultatif).")


def _content_item_from_text(value: Any) -> Any:
    # Authors write most content bullets as plain strings; a mapping is only
    # needed for a bullet with sub-items.
    if isinstance(value, str):
        return {"text": value}
    return value


def _one_line(value: str) -> str:
    if "\n" in value.strip():
        raise ValueError("une mise à jour tient en une ligne : écrivez-la entre guillemets, sans `|`")
    return value.strip()


class ContentItem(StrictModel):
    """A content bullet, possibly with nested sub-items (e.g. families of dispositifs)."""

    text: Text = Field(description="Le point de contenu.")
    update: Annotated[Text, AfterValidator(_one_line)] | None = Field(
        None,
        description="Mise à jour datée, en une ligne, d'un point repris tel quel du plan de formation "
        "quand un dispositif ou un acteur a changé depuis : le texte d'origine reste, la mise à jour "
        "dit ce qui est en vigueur et depuis quand.",
        examples=["Depuis le 1er mars 2022 : contrat d'engagement jeune (CEJ)"],
    )
    numbered: bool = Field(False, description="Numéroter les sous-points (1., 2., 3.…).")
    items: list[ContentItemInput] = Field(
        default_factory=list, description="Sous-points, chacun texte simple ou objet."
    )


ContentItemInput = Annotated[
    ContentItem,
    BeforeValidator(_content_item_from_text, json_schema_input_type=str | ContentItem),
]
ContentItem.model_rebuild()


class Competence(StrictModel):
    """A competence of the training plan with its objectives and content."""

    id: Slug = Field(description="Identifiant court, unique dans le module.")
    title: Text = Field(description="Intitulé de la compétence, tel que dans le plan de formation.")
    objectives: list[Objective] = Field(
        default_factory=list, description="Objectifs pédagogiques observables (au moins un)."
    )
    content: list[ContentItemInput] = Field(
        default_factory=list, description="Contenus, éventuellement imbriqués."
    )


class Resource(StrictModel):
    """A document or a link given to learners: a file under the curriculum folder or a URL."""

    title: Text = Field(description="Titre de la ressource.")
    url: Text | None = Field(None, description="Adresse web (https://…).")
    file: Text | None = Field(
        None, description="Chemin d'un fichier, relatif au dossier du curriculum."
    )
    description: Text | None = Field(None, description="Une phrase pour dire à quoi elle sert.")


class Activity(StrictModel):
    """One step of a session as the trainer runs it: its time is counted from the session's start."""

    duration: Minutes = Field(description="Durée : « 15min », « 1h ».")
    title: Text = Field(description="Ce que fait le groupe, en quelques mots.",
                        examples=["Atelier « frise » en sous-groupes mixtes"])
    details: Markdown | None = Field(None, description="Consigne, déroulement (Markdown).")


class TrainerGuide(StrictModel):
    """The trainer's run sheet of a session (« fiche séance »): never published to learners."""

    activities: list[Activity] = Field(
        default_factory=list,
        description="Le déroulé minuté ; leurs durées additionnées font celle de la séquence.",
    )
    materials: list[Text] = Field(default_factory=list, description="Matériel à préparer.")
    questions: list[Text] = Field(default_factory=list, description="Questions à poser au groupe.")
    vigilance: list[Markdown] = Field(default_factory=list, description="Points de vigilance (Markdown).")


class Session(StrictModel):
    """A séquence: a timed slot in the room, at a distance, or between two parts."""

    id: Slug = Field(description="Identifiant court, unique dans le module.")
    title: Text = Field(description="Titre de la séquence.")
    duration: Minutes = Field(description="Durée : « 1h30 », « 3h », « 45min ».")
    modality: Modality = Field(description="présentiel, distanciel ou intersession.")
    day: Annotated[int, Field(ge=1), WHOLE] | None = Field(
        None, description="Jour de formation (1, 2…) ; pas pour une intersession."
    )
    half_day: HalfDay | None = Field(None, description="« matin » ou « après-midi ».")
    intersession: Annotated[int, Field(ge=1), WHOLE] | None = Field(
        None,
        description="Pour une séquence d'intersession : numéro de la période (1 = entre la partie 1 et la partie 2).",
    )
    methods: list[Method] = Field(min_length=1, description="Méthodes pédagogiques mobilisées.")
    objectives: list[Slug] = Field(
        default_factory=list, description="Identifiants des objectifs travaillés."
    )
    presents_strategy: bool = Field(
        False, description="Séquence de présentation de la stratégie de `programme.yml` (la première de chaque module ; "
        "sans `strategy` dans programme.yml, `validate` avertit)."
    )
    content: Markdown = Field(description="Contenu pour les stagiaires (Markdown).")
    trainer_notes: Markdown | None = Field(
        None, description="Notes pour les formateurs (Markdown) : jamais publiées aux stagiaires."
    )
    trainer_guide: TrainerGuide | None = Field(
        None, description="Fiche séance du formateur (déroulé minuté, matériel, questions, vigilance) : "
        "jamais publiée aux stagiaires."
    )
    resources: list[Resource] = Field(default_factory=list, description="Documents et liens.")
    evaluation: Evaluation | None = Field(
        None, description="Une vérification courte des acquis de la séquence (kind: controle)."
    )


class Audience(StrictModel):
    priority: Markdown = Field(description="Public prioritaire du module.")
    also_open_to: Markdown | None = Field(
        None, description="Autres publics auxquels le module peut être ouvert."
    )


class Prerequisites(StrictModel):
    modules: list[Slug] = Field(default_factory=list, description="Modules à suivre avant (identifiants).")
    knowledge: list[Text] = Field(default_factory=list, description="Connaissances préalables attendues.")


class Module(StrictModel):
    """One training module of the programme."""

    # Its file's key in `Curriculum.sources` (`modules/<file name>`), set when read: two files may declare
    # the same id, and each must be judged on its own text.
    _source_key: str | None = PrivateAttr(default=None)

    id: Slug = Field(description="Identifiant court ; le fichier s'appelle `<id>.yml`.")
    title: Text = Field(description="Titre du module.")
    subtitle: Text | None = Field(None, description="Sous-titre.")
    level: Level | None = Field(
        None, description="Niveau, en quelques mots (« initiation », « perfectionnement ») ; le profil "
        "`strategie-pauvrete` demande « fondamentaux » ou « expert »."
    )
    audience: Audience = Field(description="Public prioritaire.")
    role: Markdown = Field(description="Le rôle attendu du travailleur social (Markdown).")
    prerequisites: Prerequisites = Field(
        default_factory=Prerequisites, description="Prérequis : modules et connaissances."
    )
    max_days: Annotated[int, Field(ge=1), WHOLE] = Field(
        5, description="Durée maximale en jours (le profil `strategie-pauvrete` en fixe 5 au plus)."
    )
    modalities: list[Text] = Field(
        default_factory=list, description="Modalités pédagogiques du module."
    )
    completion: Completion = Field(
        "contenu-vu",
        description="Quand le LMS considère le module terminé : « contenu-vu » (toutes les pages parcourues) "
        "ou « evaluation-reussie » (évaluation réussie).",
    )
    offer: Offer | None = Field(
        None,
        description="Ce qui diffère, pour ce module, de l'offre de formation du programme (tarifs, lieux, "
        "résultats…) : chaque clé écrite ici remplace celle de `programme.yml`.",
    )
    competences: list[Competence] = Field(min_length=1, description="Les compétences visées.")
    sessions: list[Session] = Field(
        min_length=1, description="Les séquences, dans l'ordre chronologique."
    )
    evaluations: list[Evaluation] = Field(
        default_factory=list,
        description="Évaluations du module : test de positionnement à l'entrée, évaluation finale.",
    )

    def objective_ids(self) -> dict[str, Objective]:
        return {o.id: o for c in self.competences for o in c.objectives}

    def evaluation(self, kind: str) -> Evaluation | None:
        return next((e for e in self.evaluations if e.kind == kind), None)

    @property
    def all_evaluations(self) -> list[Evaluation]:
        """Module evaluations and session checks, in the order a learner meets them."""
        checks = [s.evaluation for s in self.sessions if s.evaluation is not None]
        entry = [e for e in self.evaluations if e.kind == "positionnement"]
        rest = [e for e in self.evaluations if e.kind != "positionnement"]
        return entry + checks + rest

    @property
    def room_minutes(self) -> int:
        """Time spent with a trainer (in the room or at a distance), without intersession work."""
        return sum(s.duration for s in self.sessions if s.modality != "intersession")
