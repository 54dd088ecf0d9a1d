"""The programme file (`programme.yml`): what every module shares."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from .common import Markdown, Minutes, Siret, StrictModel, Text
from .offer import Offer
from .profiles import ProfileName

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class Contact(StrictModel):
    """Someone a learner or a buyer can reach."""

    name: Text | None = Field(None, description="Nom ou fonction de la personne à contacter.")
    email: Annotated[str, Field(pattern=EMAIL_PATTERN)] = Field(
        description="Adresse électronique.", examples=["formation@exemple.fr"]
    )
    phone: Text | None = Field(None, description="Téléphone.", examples=["01 23 45 67 89"])


def _nda(value: str) -> str:
    digits = "".join(ch for ch in value if not ch.isspace())
    if not digits.isdigit() or len(digits) != 11:
        raise ValueError(f"numéro de déclaration d'activité « {value} » : il a 11 chiffres, par exemple « 11 75 12345 75 »")
    return f"{digits[:2]} {digits[2:4]} {digits[4:9]} {digits[9:]}"


ActivityNumber = Annotated[str, Field(pattern=r"^[0-9 ]+$", examples=["11 75 12345 75"]), AfterValidator(_nda)]


class Signatory(StrictModel):
    name: Text = Field(description="Prénom et nom de la personne qui signe les conventions et certificats.")
    role: Text = Field(description="Sa fonction.", examples=["Directrice"])
    city: Text = Field(description="Ville où les documents sont faits (« Fait à … »).")


class Provider(StrictModel):
    """The training body (organisme de formation) delivering the modules."""

    name: Text = Field(description="Raison sociale de l'organisme de formation.")
    address: Text | None = Field(None, description="Adresse postale.")
    website: Text | None = Field(None, description="Site web.")
    contact: Contact = Field(description="Contact pour les inscriptions et les questions.")
    accessibility_contact: Contact = Field(
        description="Référent handicap : accessibilité aux personnes en situation de handicap."
    )
    nda: ActivityNumber | None = Field(
        None, description="Numéro de déclaration d'activité (11 chiffres), sur les conventions, convocations et certificats."
    )
    nda_region: Text | None = Field(
        None, description="La région du préfet auprès duquel l'activité est déclarée.", examples=["Île-de-France"]
    )
    siret: Siret | None = Field(None, description="SIRET de l'organisme (14 chiffres).")
    qualiopi: Text | None = Field(
        None,
        description="Mention de la certification Qualiopi, telle que le certificat l'autorise.",
        examples=["La certification qualité a été délivrée au titre de la catégorie d'action suivante : actions de formation"],
    )
    signatory: Signatory | None = Field(
        None, description="Qui signe conventions, certificats et attestations : nom, fonction, ville."
    )

    def activity_mention(self) -> str | None:
        """The declaration's mention (L6352-12), with the sentence the law requires beside it."""
        if self.nda is None:
            return None
        # R6351-6 gives the form for contracts; L6352-12 adds the sentence whenever the number is shown.
        region = f" auprès du préfet de région {_of(self.nda_region)}" if self.nda_region else ""
        return (f"Déclaration d'activité enregistrée sous le numéro {self.nda}{region}. "
                "Cet enregistrement ne vaut pas agrément de l'État.")


class StrategyFraming(StrictModel):
    """The presentation every module must open with (seed 000: « tous les modules
    de formation devront débuter par une présentation des grands axes de la stratégie »)."""

    title: Text = Field(description="Titre de la présentation de la stratégie.")
    summary: Markdown = Field(description="Présentation générale (Markdown).")
    engagements: list[Text] = Field(
        min_length=1, description="Les engagements de la stratégie (cinq dans la stratégie pauvreté)."
    )
    levers: list[Text] = Field(min_length=1, description="Les leviers de mise en œuvre.")
    social_work_contribution: list[Text] = Field(
        default_factory=list,
        description="Mise en perspective : la contribution que peut apporter le travail social.",
    )


class Programme(StrictModel):
    """The training plan as a whole: title, framing, provider, audience."""

    title: Text = Field(description="Titre du plan de formation.")
    subtitle: Text | None = Field(None, description="Sous-titre.")
    language: Literal["fr"] = Field("fr", description="Langue des contenus (« fr »).")
    context: Markdown = Field(description="Éléments de contexte (Markdown).")
    audience: Markdown = Field(description="Public prioritaire de la formation (Markdown).")
    aims: list[Text] = Field(
        min_length=1, description="Objectifs et finalités de la formation."
    )
    key_competences: list[Text] = Field(
        default_factory=list,
        description="Connaissances et compétences à acquérir ou à renforcer (vue d'ensemble).",
    )
    profile: ProfileName | None = Field(
        None, description="Les règles d'une famille de curricula, en plus des règles communes : "
        "`strategie-pauvrete` (le plan de formation de la stratégie nationale de prévention et de lutte contre la "
        "pauvreté : présentation de la stratégie en ouverture de chaque module, niveaux fondamentaux et expert, "
        "5 jours au plus). Sans profil, seules les règles communes s'appliquent."
    )
    strategy: StrategyFraming | None = Field(
        None, description="La stratégie que chaque module présente en ouverture (exigée par le profil "
        "`strategie-pauvrete`)."
    )
    recommended_modalities: list[Text] = Field(
        default_factory=list, description="Modalités pédagogiques recommandées pour tous les modules."
    )
    provider: Provider = Field(description="L'organisme de formation.")
    day_length: Minutes = Field(
        7 * 60, description="Durée d'une journée de formation (par défaut « 7h »)."
    )
    qualiopi: bool = Field(
        False,
        description="Programme publié sous la certification Qualiopi : `trainkit validate` exige alors, pour "
        "chaque module, les mentions de l'indicateur 1 et les indicateurs de résultats (indicateur 2).",
    )
    offer: Offer | None = Field(
        None,
        description="L'offre de formation publiée : tarifs, accès, lieux, évaluation, accessibilité, résultats… "
        "Chaque module peut en remplacer des clés dans son propre `offer`.",
    )


def _of(region: str) -> str:
    """« d'Île-de-France », « de Normandie » : the elision French asks before a vowel or a mute h."""
    first = region[:1].lower()
    return f"d'{region}" if first in "aâàeéèêiîoôuûyh" else f"de {region}"
