"""One module → the files of its SCORM packages (both formats from one rendering) → reproducible zips."""

from __future__ import annotations

import dataclasses
import re
import secrets
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterable, Literal

from jinja2 import Environment, Template
from markupsafe import Markup

from ...audience import learner_module
from ...model.curriculum import Curriculum
from ...model.evaluation import KIND_LABELS, Evaluation
from ...model.module import METHOD_LABELS, Module
from ...render import default_templates, make_environment
from ...render.quiz_form import QUIZ_SCRIPT, render_quiz_form
from ...render.urls import web_url
from ...views.quiz import quiz_view
from ...views.timetable import Block, Slot, Timetable, timetable
from .content import ContentRenderer, Documents, Page, ScormExportError, check_quiz_html, relative_href
from .manifest import Format, Group, ManifestData, ScoItem, manifest_xml

SCO_DIR = "sequences"
EVALUATION_DIR = "evaluations"
SHARED_DIR = "commun"
STYLESHEET = "trainkit.css"
RUNTIME = "trainkit-scorm.js"
QUIZ = "trainkit-quiz.js"  # the site's quiz.js, shared as it is
SCO_TEMPLATE = "sco.html.j2"
EVALUATION_TEMPLATE = "evaluation.html.j2"
MODULE_TEMPLATE = "module.html.j2"
MODULE_PAGE = f"{SCO_DIR}/module.html"  # beside the session pages' place: their relative links stay right

# How a module becomes SCOs: one per session and evaluation (the LMS's table of contents lists them), or
# one for the whole module, with its own navigation, for LMSs that cannot run a multi-SCO package.
ScoLayout = Literal["per-session", "single"]
SCO_LAYOUTS: tuple[ScoLayout, ...] = ("per-session", "single")
DOCUMENT_TEMPLATE = "document.html.j2"

SCORM_VERSION: dict[Format, str] = {"scorm12": "1.2", "scorm2004": "2004"}

# Zip entries carry this date whatever the day of the export, so that two exports are byte-identical.
ZIP_DATE = (2000, 1, 1, 0, 0, 0)
ZIP_LEVEL = 6  # zlib's default: the size/speed balance everyone uses


def template_environment(templates_dir: Path | None) -> Environment:
    """The package's templates (templates/scorm), each of which a training body's file of the same name replaces."""
    return make_environment("scorm", templates_dir, trim_blocks=False, auto_reload=False)


def static_file(env: Environment, name: str) -> bytes:
    """A file served as is (stylesheet, runtime), looked up like the templates."""
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, name)
    return source.encode("utf-8")


@dataclass(frozen=True)
class SessionPart:
    """What a session shows on its pages (`session_pages` in session-pages.html.j2, for both layouts).
    An object, not a dict: Jinja reads `s.pages` as an attribute first, and on a dict that first try
    fails and costs a third of the SCO page's rendering."""

    title_html: Markup
    meta: list[str]
    methods: list[str]
    objectives: list[Markup]
    strategy: dict | None
    pages: list[Page]
    resources: list[dict]
    check: dict | None


@dataclass
class _Sco:
    """A SCO rendered up to its SCORM version: `context` + version → its page."""

    identifier: str
    resource: str
    title: str
    path: str
    template: Template
    context: dict
    documents: set[str]
    role: str = "content"  # "content", or the kind of the module evaluation it is
    mastery: int | None = None
    objective: str | None = None


class PackageBuilder:
    """Builds the files of every module's packages; shared work (templates, assets) is done once."""

    def __init__(self, curriculum: Curriculum, templates_dir: Path | None = None,
                 layout: ScoLayout = "per-session") -> None:
        self.curriculum = curriculum
        self.templates_dir = templates_dir
        self.layout = layout
        self.env = template_environment(templates_dir)
        self.sco_template = self.env.get_template(SCO_TEMPLATE)
        self.evaluation_template = self.env.get_template(EVALUATION_TEMPLATE)
        self.module_template = self.env.get_template(MODULE_TEMPLATE) if layout == "single" else None
        self.document_template = self.env.get_template(DOCUMENT_TEMPLATE)
        self.shared = {
            f"{SHARED_DIR}/{STYLESHEET}": static_file(self.env, STYLESHEET),
            f"{SHARED_DIR}/{RUNTIME}": static_file(self.env, RUNTIME),
        }
        self.quiz_script = QUIZ_SCRIPT.read_bytes()
        # The files every package carries unchanged, deflated once for the whole export.
        self.compressed = {name: deflate(data) for name, data in self.shared.items()}
        self.compressed[f"{SHARED_DIR}/{QUIZ}"] = deflate(self.quiz_script)
        # One Markdown engine for every module (building one costs as much as rendering a few pages);
        # each module gets its own set of documents.
        # In the one-SCO package the session's title is an h2 under the module's h1: content starts at h3.
        self.renderer = ContentRenderer(curriculum.glossary, Documents(curriculum.root),
                                        content_level=3 if layout == "single" else 2)
        # The default SCO templates use the SCORM version in one attribute only: they are rendered once
        # with this stand-in (unpredictable, so no curriculum text holds it), then given each version.
        # A replaced template may use the version anywhere: it is rendered once per format.
        self.version_stand_in = f"trainkit-version-{secrets.token_hex(16)}"
        self.render_once = {
            template.name
            for template in (self.sco_template, self.evaluation_template, self.module_template)
            if template is not None and Path(template.filename or "").parent == default_templates() / "scorm"
        }

    def build(self, module: Module, formats: Iterable[Format]) -> dict[Format, dict[str, bytes]]:
        """Every file of the module's package in each format, by its path in the zip. The content is
        rendered once: only the SCORM version the pages announce and the manifest differ."""
        module = learner_module(module)  # trainer_notes never reach a template
        documents = Documents(self.curriculum.root)
        single = self.layout == "single"
        renderer = self.renderer
        renderer.documents = documents
        objectives = module.objective_ids()
        table = timetable(self.curriculum.programme, module)
        block_of = {slot.session.id: block for block in table.blocks for slot in block.slots}
        framing = self.curriculum.programme.strategy
        # The framing every module opens with, shown where the site shows it: in the session presenting it.
        strategy = {
            "title": renderer.abbreviate(framing.title),
            "engagements": [renderer.abbreviate(e) for e in framing.engagements],
            "levers": [renderer.abbreviate(lever) for lever in framing.levers],
        } if framing is not None else None

        scos: list[_Sco] = []
        for number, session in enumerate(module.sessions, start=1):
            path = f"{SCO_DIR}/{session.id}.html"
            where = f"module « {module.id} », séquence « {session.id} »"
            renderer.linked = set()
            pages = renderer.pages(session.content, where=where, from_file=path)
            resources = []
            for resource in session.resources:
                if resource.file is not None:
                    target = documents.add(resource.file, where)
                    renderer.linked.add(target)
                    href, external = relative_href(path, target), False
                elif resource.url is not None and web_url(resource.url):
                    href, external = resource.url, True
                else:
                    continue  # the validator reports a resource with neither
                resources.append(
                    {"title": resource.title, "href": href, "description": resource.description, "external": external}
                )
            check = None
            if session.evaluation is not None:
                # A session's short check: the last page of its SCO, reported with the session.
                check = {
                    "title": session.evaluation.title,
                    "form": self._form(module, session.evaluation, f"{where}, évaluation « {session.evaluation.id} »"),
                }
            part = SessionPart(
                title_html=renderer.abbreviate(session.title),
                meta=_meta(table.slot(session), block_of[session.id]),
                methods=[METHOD_LABELS.get(m, m) for m in session.methods],
                objectives=[renderer.abbreviate(objectives[o].text) for o in session.objectives if o in objectives],
                strategy=strategy if session.presents_strategy else None,
                pages=pages,
                resources=resources,
                check=check,
            )
            context = dict(
                module_title=module.title,
                session=session,
                position=f"Séquence {number} sur {len(module.sessions)}",
                part=part,
                **vars(part),
                css_href=relative_href(path, f"{SHARED_DIR}/{STYLESHEET}"),
                js_href=relative_href(path, f"{SHARED_DIR}/{RUNTIME}"),
                quiz_href=relative_href(path, f"{SHARED_DIR}/{QUIZ}"),
            )
            scos.append(_Sco(f"item-{session.id}", f"res-{session.id}", session.title, path, self.sco_template,
                             context, set(renderer.linked)))

        # Module evaluations are SCOs of their own: the positioning test first, the final evaluation last.
        entry = [self._evaluation_sco(module, e, renderer) for e in module.evaluations if e.kind == "positionnement"]
        closing = [self._evaluation_sco(module, e, renderer) for e in module.evaluations if e.kind == "finale"]

        common: dict[str, bytes] = dict(self.shared)
        if entry or closing or any(sco.context["check"] for sco in scos):
            common[f"{SHARED_DIR}/{QUIZ}"] = self.quiz_script
        shared_files = tuple(sorted(common))
        links = self._documents(documents, renderer, common)

        def item(sco: _Sco) -> ScoItem:
            return ScoItem(
                identifier=sco.identifier,
                title=sco.title,
                resource=sco.resource,
                href=sco.path,
                files=(sco.path, *sorted(_closure(sco.documents, links))),
                role=sco.role,
                mastery=sco.mastery,
                objective=sco.objective,
            )

        if single:
            whole = self._module_sco(module, renderer, scos, entry, closing)
            rendered: tuple[_Sco, ...] = (whole,)
            groups, entry_items, closing_items = (Group("groupe-1", None, (item(whole),)),), (), ()
        else:
            rendered = (*entry, *scos, *closing)
            groups = _groups(table, {session.id: item(sco) for session, sco in zip(module.sessions, scos)})
            entry_items, closing_items = tuple(item(sco) for sco in entry), tuple(item(sco) for sco in closing)
        manifest = ManifestData(
            identifier=f"trainkit-{module.id}",
            title=module.title,
            description=_description(module),
            groups=groups,
            shared_resource="res-commun",
            shared_files=shared_files,
            entry=entry_items,
            closing=closing_items,
            completion=module.completion,
        )
        formats = tuple(formats)
        pages = {sco.path: self._render(sco, formats) for sco in rendered}
        packages: dict[Format, dict[str, bytes]] = {}
        for fmt in formats:
            files = dict(common)
            for path, page in pages.items():
                files[path] = page[fmt]
            files["imsmanifest.xml"] = manifest_xml(manifest, fmt)
            packages[fmt] = files
        return packages

    def _render(self, sco: _Sco, formats: tuple[Format, ...]) -> dict[Format, bytes]:
        """The SCO's page for each format, byte for byte what rendering it per format gives."""
        if sco.template.name in self.render_once and len(formats) > 1:
            page = sco.template.render(version=self.version_stand_in, **sco.context)
            return {fmt: page.replace(self.version_stand_in, SCORM_VERSION[fmt]).encode("utf-8") for fmt in formats}
        return {fmt: sco.template.render(version=SCORM_VERSION[fmt], **sco.context).encode("utf-8") for fmt in formats}

    def _form(self, module: Module, evaluation: Evaluation, where: str) -> Markup:
        """The shared quiz form (quiz.py, answers as salted keys, as on the site), checked for a package."""
        form = render_quiz_form(
            quiz_view(evaluation, module.id),
            mode="scorm",
            salt=f"{module.id}/{evaluation.id}",
            templates_dir=self.templates_dir,
        )
        return Markup(check_quiz_html(form, where))

    def _module_sco(self, module: Module, renderer: ContentRenderer, sessions: list[_Sco], entry: list[_Sco],
                    closing: list[_Sco]) -> _Sco:
        """The whole module as one SCO: the positioning test, every session's pages, the final evaluation,
        numbered as one sequence of pages; one suspend data and one set of interactions for all of it."""
        assert self.module_template is not None
        parts: list[dict] = []
        number = 1  # the first page of the part being added
        index = 0  # sessions added so far
        for sco in (*entry, *sessions, *closing):
            context = sco.context
            if sco.role == "content":
                index += 1
                line = " · ".join([context["position"], *context["meta"][:1]])
                parts.append({"session": context["part"], "first": number, "line": line,
                              "toc": f"{index}. {context['session'].title}"})
                number += len(context["pages"]) + (1 if context["check"] else 0)
            else:
                parts.append({"session": None, "first": number, "line": context["kind_label"],
                              "toc": context["kind_label"], "title_html": context["title_html"],
                              "kind": context["kind"], "graded": context["graded"], "form": context["form"]})
                number += 1
        graded = [sco for sco in (*entry, *closing) if sco.mastery is not None]
        final = graded[-1] if graded else None
        context = dict(
            module_title=module.title,
            module_title_html=renderer.abbreviate(module.title),
            session_count=len(sessions),
            parts=parts,
            count=number - 1,
            completion=module.completion,
            has_quiz=bool(entry or closing or any(sco.context["check"] for sco in sessions)),
            css_href=relative_href(MODULE_PAGE, f"{SHARED_DIR}/{STYLESHEET}"),
            js_href=relative_href(MODULE_PAGE, f"{SHARED_DIR}/{RUNTIME}"),
            quiz_href=relative_href(MODULE_PAGE, f"{SHARED_DIR}/{QUIZ}"),
        )
        return _Sco(
            identifier="item-module",
            resource="res-module",
            title=module.title,
            path=MODULE_PAGE,
            template=self.module_template,
            context=context,
            documents=set().union(*(sco.documents for sco in sessions)) if sessions else set(),
            role="module",
            mastery=final.mastery if final else None,
            objective=final.objective if final else None,
        )

    def _evaluation_sco(self, module: Module, evaluation: Evaluation, renderer: ContentRenderer) -> _Sco:
        path = f"{EVALUATION_DIR}/{evaluation.id}.html"
        where = f"module « {module.id} », évaluation « {evaluation.id} »"
        policy = evaluation.policy
        context = dict(
            module_title=module.title,
            title=evaluation.title,
            title_html=renderer.abbreviate(evaluation.title),
            kind=evaluation.kind,
            kind_label=KIND_LABELS.get(evaluation.kind, evaluation.kind),
            graded=policy.graded,
            completion=module.completion,
            form=self._form(module, evaluation, where),
            css_href=relative_href(path, f"{SHARED_DIR}/{STYLESHEET}"),
            js_href=relative_href(path, f"{SHARED_DIR}/{RUNTIME}"),
            quiz_href=relative_href(path, f"{SHARED_DIR}/{QUIZ}"),
        )
        return _Sco(
            # Slugs have no "_": these identifiers cannot meet a session's item-… / res-…
            identifier=f"evaluation-{evaluation.id}",
            resource=f"res_evaluation-{evaluation.id}",
            title=evaluation.title,
            path=path,
            template=self.evaluation_template,
            context=context,
            documents=set(),
            role=evaluation.kind,
            # Only a graded evaluation (by default the final one alone) passes or fails, against its pass mark.
            mastery=policy.pass_mark if policy.graded else None,
            objective=evaluation.id if policy.graded else None,
        )

    def _documents(self, documents: Documents, renderer: ContentRenderer, files: dict[str, bytes]) -> dict[str, set[str]]:
        """Copy or render every curriculum file the pages link to (and those these files link to)."""
        links: dict[str, set[str]] = {}
        done: set[str] = set()
        while len(done) < len(documents.paths):
            for source, target in sorted(documents.paths.items()):
                if source in done:
                    continue
                done.add(source)
                absolute = self.curriculum.root / source
                if not target.endswith(".html") or not source.lower().endswith(".md"):
                    files[target] = absolute.read_bytes()
                    links[target] = set()
                    continue
                renderer.linked = set()
                body = renderer.document(
                    absolute.read_text(encoding="utf-8"),
                    where=f"document « {source} »",
                    from_file=target,
                    base_dir=str(PurePosixPath(source).parent),
                )
                has_title = "<h1" in body[:200]
                title = _document_title(body) if has_title else _humanize(PurePosixPath(source).stem)
                files[target] = self.document_template.render(
                    title=title,
                    heading=None if has_title else title,
                    body=body,
                    css_href=relative_href(target, f"{SHARED_DIR}/{STYLESHEET}"),
                ).encode("utf-8")
                links[target] = set(renderer.linked)
        return links


def _closure(start: Iterable[str], links: dict[str, set[str]]) -> set[str]:
    found: set[str] = set()
    todo = list(start)
    while todo:
        path = todo.pop()
        if path not in found:
            found.add(path)
            todo.extend(links.get(path, ()))
    return found


def _meta(slot: Slot, block: Block) -> list[str]:
    session = slot.session
    if session.modality == "intersession":
        return [block.title, "travail personnel", f"environ {slot.duration}"]
    meta = [f"Jour {session.day}" + (f", {session.half_day}" if session.half_day else "")]
    if slot.times:
        meta.append(slot.times)
    meta.append(slot.duration)
    meta.append("à distance" if session.modality == "distanciel" else "en présentiel")
    return meta


def _groups(table: Timetable, items: dict[str, ScoItem]) -> tuple[Group, ...]:
    """The sessions as one flat list, each title naming its day or intersession (« Jour 1 · … »).

    Not one table-of-contents level per day: in Moodle 4.3's player, a day item (not launchable) stops
    its navigation — « < » and « > » disabled on the first SCO and on each day's last session, and
    « < » from a day's first session reloading it while the LMS saves into another SCO
    (mod/scorm/module.js, scorm_skipnext and scorm_prev)."""
    if len(table.blocks) == 1:
        return (Group("groupe-1", None, tuple(items[s.session.id] for s in table.blocks[0].slots)),)
    def titled(block: Block, item: ScoItem) -> ScoItem:
        if item.title.lower().startswith(block.title.lower()):
            return item  # « Intersession : … » already says where it stands
        return dataclasses.replace(item, title=f"{block.title} · {item.title}")

    return (Group("groupe-1", None, tuple(
        titled(block, items[slot.session.id]) for block in table.blocks for slot in block.slots
    )),)


_MARKDOWN_MARKS = re.compile(r"[*_`#>|]|\[|\]\([^)]*\)")


def _description(module: Module) -> str:
    if module.subtitle:
        return module.subtitle
    first_paragraph = module.role.strip().split("\n\n", 1)[0]
    return " ".join(_MARKDOWN_MARKS.sub("", first_paragraph).split())


def _document_title(body: Markup) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", str(body), re.S)
    text = re.sub(r"<[^>]+>", "", match.group(1)) if match else ""
    return Markup(text).unescape().strip() or "Document"


def _humanize(stem: str) -> str:
    words = stem.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else "Document"


# Beyond this size zipfile writes ZIP64 records, which some LMS do not read; packages stay far below.
_ZIP32_LIMIT = (1 << 31) - 1
_PERMISSIONS = 0o100644 << 16  # a regular file, rw-r--r--
_UNIX = 3  # created on Unix, whichever system exports
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")
_END_RECORD = struct.Struct("<4s4H2LH")
_DOS_DATE = (ZIP_DATE[0] - 1980) << 9 | ZIP_DATE[1] << 5 | ZIP_DATE[2]
_DOS_TIME = ZIP_DATE[3] << 11 | ZIP_DATE[4] << 5 | (ZIP_DATE[5] // 2)
_VERSION = 20  # what zipfile declares for deflated entries
_UTF8_NAME = 0x800

Compressed = tuple[bytes, int, bytes]  # the data, its CRC-32, its deflated form


def deflate(data: bytes) -> Compressed:
    """What zipfile stores for `data` at ZIP_LEVEL: the raw deflate stream (wbits -15) and its CRC."""
    return data, zlib.crc32(data), zlib.compress(data, ZIP_LEVEL, -15)


def write_zip(path: Path, files: dict[str, bytes], compressed: dict[str, Compressed] | None = None) -> None:
    """Sorted entries, fixed dates and permissions: the same files give the same bytes.

    The bytes are exactly those zipfile writes for ZipInfo(name, ZIP_DATE), deflated at ZIP_LEVEL,
    Unix, 0644 (tests/test_scorm_speed.py compares them). Hand-written rather than through zipfile, as
    the README says and bench/bench_export.py measures: zipfile's per-entry work is a tenth of a large
    export, and here the files every package shares (runtime, stylesheet, quiz script) are deflated
    once per export: `compressed` maps a name to a `deflate()` result, used when its data is the
    very object in `files`.
    """
    parts: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for name in sorted(files):
        data = files[name]
        known = compressed.get(name) if compressed else None
        _, crc, packed = known if known is not None and known[0] is data else deflate(data)
        if len(data) > _ZIP32_LIMIT or len(packed) > _ZIP32_LIMIT or offset > _ZIP32_LIMIT:
            raise ScormExportError(f"le fichier « {name} » est trop volumineux pour un paquet")
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), _UTF8_NAME
        header = _LOCAL_HEADER.pack(
            b"PK\003\004", _VERSION, 0, flags, zipfile.ZIP_DEFLATED, _DOS_TIME, _DOS_DATE,
            crc, len(packed), len(data), len(encoded), 0,
        )
        parts += (header, encoded, packed)
        directory.append(_CENTRAL_HEADER.pack(
            b"PK\001\002", _VERSION, _UNIX, _VERSION, 0, flags, zipfile.ZIP_DEFLATED, _DOS_TIME, _DOS_DATE,
            crc, len(packed), len(data), len(encoded), 0, 0, 0, 0, _PERMISSIONS, offset,
        ) + encoded)
        offset += len(header) + len(encoded) + len(packed)
    if offset > _ZIP32_LIMIT:
        raise ScormExportError(f"le paquet « {path.name} » est trop volumineux")
    central = b"".join(directory)
    parts += (central, _END_RECORD.pack(b"PK\005\006", 0, 0, len(directory), len(directory), len(central), offset, 0))
    with open(path, "wb") as out:
        out.write(b"".join(parts))
