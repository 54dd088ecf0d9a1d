"""imsmanifest.xml for SCORM 1.2 and SCORM 2004 4th edition.

Written as text rather than through an XML library so that the namespace
prefixes are exactly the ones LMSs look for (Moodle matches `adlcp:` literally)
and the bytes are the same on every export.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal
from xml.sax.saxutils import escape, quoteattr

Format = Literal["scorm12", "scorm2004"]

NAMESPACES: dict[Format, dict[str, str]] = {
    "scorm12": {
        "xmlns": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
        "xmlns:adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    },
    "scorm2004": {
        "xmlns": "http://www.imsglobal.org/xsd/imscp_v1p1",
        "xmlns:adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
        "xmlns:adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
        "xmlns:adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
        "xmlns:imsss": "http://www.imsglobal.org/xsd/imsss",
    },
}
SCHEMA_VERSION: dict[Format, str] = {"scorm12": "1.2", "scorm2004": "2004 4th Edition"}
IMSMD_NAMESPACE = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
LOM_NAMESPACE = "http://ltsc.ieee.org/xsd/LOM"

# XML 1.0 forbids most control characters; YAML lets them through.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Values without these characters are written as they are (a manifest holds thousands of them).
_NEEDS_ESCAPING = re.compile("[&<>\"'\x00-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    if not _NEEDS_ESCAPING.search(value):
        return value
    return escape(_NOT_XML.sub("", value))


def _attr(value: str) -> str:
    if not _NEEDS_ESCAPING.search(value):
        return f'"{value}"'  # what quoteattr gives for such a value
    return quoteattr(_NOT_XML.sub("", value))


@dataclass(slots=True)
class Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list["Element"] = field(default_factory=list)
    text: str | None = None
    # A subtree placed under many parents (every session's sequencing): written once per depth.
    written: dict[int, list[str]] | None = None

    def add(self, tag: str, attrs: dict[str, str] | None = None, text: str | None = None) -> "Element":
        child = Element(tag, attrs or {}, [], text)
        self.children.append(child)
        return child

    def write(self, out: list[str], depth: int = 0) -> None:
        if self.written is not None:
            lines = self.written.get(depth)
            if lines is None:
                lines = self.written[depth] = []
                self._write(lines, depth)
            out += lines
        else:
            self._write(out, depth)

    def _write(self, out: list[str], depth: int) -> None:
        pad = _PADS[depth] if depth < len(_PADS) else "  " * depth
        attrs = "".join([f" {name}={_attr(value)}" for name, value in self.attrs.items()]) if self.attrs else ""
        if self.children:
            out.append(f"{pad}<{self.tag}{attrs}>\n")
            for child in self.children:
                child.write(out, depth + 1)
            out.append(f"{pad}</{self.tag}>\n")
        elif self.text is not None:
            out.append(f"{pad}<{self.tag}{attrs}>{_text(self.text)}</{self.tag}>\n")
        else:
            out.append(f"{pad}<{self.tag}{attrs}/>\n")


_PADS = tuple("  " * depth for depth in range(16))


@dataclass(frozen=True)
class ScoItem:
    identifier: str
    title: str
    resource: str
    href: str
    files: tuple[str, ...]  # every file the SCO uses apart from the shared ones
    role: str = "content"  # a session ("content"), or a module evaluation: "positionnement", "finale"
    mastery: int | None = None  # pass mark in %, for the final evaluation
    objective: str | None = None  # its primary objective (SCORM 2004)


@dataclass(frozen=True)
class Group:
    """A table-of-contents level: a day, an intersession period; or no grouping (title None)."""

    identifier: str
    title: str | None
    items: tuple[ScoItem, ...]


@dataclass(frozen=True)
class ManifestData:
    identifier: str
    title: str
    description: str
    groups: tuple[Group, ...]
    shared_resource: str
    shared_files: tuple[str, ...]
    entry: tuple[ScoItem, ...] = ()  # before the sessions: the positioning test
    closing: tuple[ScoItem, ...] = ()  # after them: the final evaluation
    completion: str = "contenu-vu"  # the module's completion rule

    @property
    def items(self) -> tuple[ScoItem, ...]:
        return (*self.entry, *(i for g in self.groups for i in g.items), *self.closing)


def manifest_xml(data: ManifestData, fmt: Format) -> bytes:
    is_2004 = fmt == "scorm2004"
    root = Element("manifest", {"identifier": data.identifier, "version": "1", **NAMESPACES[fmt]})

    metadata = root.add("metadata")
    metadata.add("schema", text="ADL SCORM")
    metadata.add("schemaversion", text=SCHEMA_VERSION[fmt])
    metadata.children.append(_lom_2004(data) if is_2004 else _lom_12(data))

    organizations = root.add("organizations", {"default": f"org-{data.identifier}"})
    organization = organizations.add("organization", {"identifier": f"org-{data.identifier}"})
    organization.add("title", text=data.title)
    has_final = any(sco.role == "finale" for sco in data.items)
    shared: dict[tuple, tuple[Element, ...]] = {}
    for sco in data.entry:
        _item(organization, sco, data, has_final, is_2004, shared)
    for group in data.groups:
        if group.title is None:
            parent = organization
        else:
            parent = organization.add("item", {"identifier": group.identifier})
            parent.add("title", text=group.title)
        for sco in group.items:
            _item(parent, sco, data, has_final, is_2004, shared)
        if is_2004 and group.title is not None:
            _flow_sequencing(parent, _rollup("content", data.completion, has_final))
    for sco in data.closing:
        _item(organization, sco, data, has_final, is_2004, shared)
    if is_2004:
        _flow_sequencing(organization)

    resources = root.add("resources")
    scorm_type = "adlcp:scormType" if is_2004 else "adlcp:scormtype"
    for sco in data.items:
        resource = resources.add(
            "resource",
            {"identifier": sco.resource, "type": "webcontent", scorm_type: "sco", "href": sco.href},
        )
        for href in sco.files:
            resource.add("file", {"href": href})
        resource.add("dependency", {"identifierref": data.shared_resource})
    shared = resources.add(
        "resource", {"identifier": data.shared_resource, "type": "webcontent", scorm_type: "asset"}
    )
    for href in data.shared_files:
        shared.add("file", {"href": href})

    out = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    root.write(out)
    return "".join(out).encode("utf-8")


def _item(
    parent: Element, sco: ScoItem, data: ManifestData, has_final: bool, is_2004: bool,
    shared: dict[tuple, tuple[Element, ...]],
) -> None:
    item = parent.add("item", {"identifier": sco.identifier, "identifierref": sco.resource})
    item.add("title", text=sco.title)
    if not is_2004:
        if sco.mastery is not None:
            # The LMS compares cmi.core.score.raw (a percentage) with it to say passed or failed.
            item.add("adlcp:masteryscore", text=str(sco.mastery))
        return
    rollup = _rollup(sco.role, data.completion, has_final)
    key = (tuple(rollup.items()), sco.mastery, sco.objective)
    if key not in shared:
        holder = Element("item")
        _sco_sequencing(holder, sco, rollup)
        for child in holder.children:
            child.written = {}  # the same elements under every item of this kind
        shared[key] = tuple(holder.children)
    item.children.extend(shared[key])


def _rollup(role: str, completion: str, has_final: bool) -> dict[str, str]:
    """What an item contributes to the module's status in a SCORM 2004 LMS (rollup).

    The final evaluation alone gives the module its score and its success; the module is
    complete once its sessions have been seen (« contenu-vu ») or once the final
    evaluation is passed (« evaluation-reussie »: its SCO is completed only then).
    The positioning test counts for nothing: it is taken before the training."""
    if role == "positionnement":
        return {"rollupObjectiveSatisfied": "false", "rollupProgressCompletion": "false", "objectiveMeasureWeight": "0"}
    if role == "finale":
        return {} if completion == "evaluation-reussie" else {"rollupProgressCompletion": "false"}
    if not has_final:
        return {}  # no evaluation to pass: the sessions' defaults, as before evaluations existed
    rollup = {"rollupObjectiveSatisfied": "false"}
    if completion == "evaluation-reussie":
        rollup["rollupProgressCompletion"] = "false"
    rollup["objectiveMeasureWeight"] = "0"
    return rollup


def _flow_sequencing(parent: Element, rollup: dict[str, str] | None = None) -> None:
    # controlMode's flow defaults to false: each level states that the LMS may move
    # through its children in order (previous / continue) as well as by the table of contents.
    sequencing = parent.add("imsss:sequencing")
    sequencing.add("imsss:controlMode", {"choice": "true", "flow": "true"})
    if rollup:
        sequencing.add("imsss:rollupRules", rollup)


def _sco_sequencing(item: Element, sco: ScoItem, rollup: dict[str, str]) -> None:
    sequencing = item.add("imsss:sequencing")
    if rollup:
        sequencing.add("imsss:rollupRules", rollup)
    if sco.mastery is not None:
        # Satisfied by measure: the LMS hands the pass mark to the SCO as cmi.scaled_passing_score
        # and compares cmi.score.scaled with it; the SCO reports the same verdict in cmi.success_status.
        objectives = sequencing.add("imsss:objectives")
        primary = objectives.add(
            "imsss:primaryObjective", {"objectiveID": sco.objective or sco.identifier, "satisfiedByMeasure": "true"}
        )
        primary.add("imsss:minNormalizedMeasure", text=f"{sco.mastery / 100:.2f}")
    # The SCO sets completion itself, so the LMS must not mark it completed just for being opened;
    # an evaluation with a pass mark sets its success too.
    controls = {"completionSetByContent": "true"}
    if sco.mastery is not None:
        controls["objectiveSetByContent"] = "true"
    sequencing.add("imsss:deliveryControls", controls)
    # The SCO offers its own exit, which suspends; « abandon » would throw the learner's place away.
    presentation = item.add("adlnav:presentation")
    interface = presentation.add("adlnav:navigationInterface")
    interface.add("adlnav:hideLMSUI", text="abandon")
    interface.add("adlnav:hideLMSUI", text="abandonAll")


def _lom_12(data: ManifestData) -> Element:
    lom = Element("lom", {"xmlns": IMSMD_NAMESPACE})
    general = lom.add("general")
    general.add("title").add("langstring", {"xml:lang": "fr"}, data.title)
    general.add("language", text="fr")
    general.add("description").add("langstring", {"xml:lang": "fr"}, data.description)
    return lom


def _lom_2004(data: ManifestData) -> Element:
    lom = Element("lom", {"xmlns": LOM_NAMESPACE})
    general = lom.add("general")
    general.add("title").add("string", {"language": "fr"}, data.title)
    general.add("language", text="fr")
    general.add("description").add("string", {"language": "fr"}, data.description)
    return lom
