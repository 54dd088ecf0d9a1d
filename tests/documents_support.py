"""Helpers for the documents' tests: a starter published under Qualiopi, and reading real PDFs."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

# Each mention on its own lines, so that a test can remove exactly one.
OFFER_MENTIONS = {
    "modalités d'accès": "  access: Inscription par courriel au service formation, avec l'accord de l'employeur.\n",
    "délais d'accès": "  access_delay: Inscription jusqu'à 15 jours avant le début de la session\n",
    "tarifs": "  prices:\n    - label: Inscription individuelle\n      amount: 980\n",
    "lieu de formation": "  locations:\n    - name: Salle Exemple\n      address: 1 rue de l'Exemple, 75000 Paris\n",
    "accessibilité aux personnes en situation de handicap": "  accessibility: Locaux de plain-pied ; adaptations étudiées avec la référente handicap.\n",
    "date de dernière mise à jour": "  updated: 2026-09-01\n",
    "indicateurs de résultats": "  results:\n    period: Sessions 2025\n    satisfaction_rate: 93\n    completion_rate: 96\n",
}


def publish_under_qualiopi(starter, *, offer: bool = True) -> None:
    """`qualiopi: true` and, unless `offer=False`, every mention the offer holds."""
    text = "\nqualiopi: true\n"
    if offer:
        text += "offer:\n" + "".join(OFFER_MENTIONS.values())
    path = starter.root / "programme.yml"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def remove_module_evaluations(starter) -> None:
    """The starter module without its `evaluations:` block (the last block of the file)."""
    text = starter.module.read_text(encoding="utf-8")
    starter.module.write_text(text.split("\nevaluations:\n", 1)[0] + "\n", encoding="utf-8")


def normalized(text: str) -> str:
    """Text as extracted from a PDF: every run of (no-break) spaces and line breaks as one space,
    and a compound word broken at its hyphen (« socio-\nprofessionnelle ») joined again."""
    text = re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()
    return re.sub(r"(?<=\w)- (?=\w)", "-", text)


def pdf_pages(path: Path) -> list[str]:
    return [normalized(page.extract_text() or "") for page in PdfReader(path).pages]


def pdf_text(path: Path) -> str:
    return " ".join(pdf_pages(path))


def pdf_fonts(path: Path) -> dict[str, bool]:
    """Every font the PDF uses → whether its program is embedded in the file."""
    fonts: dict[str, bool] = {}
    for page in PdfReader(path).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get_object().get("/Font") or {}).values():
            font = font.get_object()
            descendants = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
            for descendant in descendants:
                descriptor = descendant.get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor is not None else {}
                embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
                fonts[str(font.get("/BaseFont"))] = embedded
    return fonts
