"""Read one YAML file safely into plain data, keeping the way back to lines and columns.

Parsing uses libyaml (PyYAML's C parser) for speed. Positions are not copied
into the data: the node tree is kept while the file's own model is validated,
then dropped; a later rule that needs a position re-parses the file (errors are
rare, files are small), so a large curriculum costs no more memory than its data.

Scalars follow the YAML 1.2 core schema, as the yaml-language-server used by
editors does: `yes`, `no`, `on` and `1:30` stay text, as the author meant them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import TrainkitError
from ..diagnostics import Diagnostic, Severity, YamlPath


MAX_FILE_BYTES = 8 * 1024 * 1024
# The deepest a curriculum goes is about 8 (module › sessions › evaluation › questions › choices…).
MAX_DEPTH = 50
# An alias may legitimately reuse a block a few times; a "billion laughs" file
# multiplies nodes exponentially. Above this many expanded nodes per written node, refuse.
MAX_ALIAS_EXPANSION = 10
MIN_EXPANDED_BUDGET = 10_000

TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, MAP, SEQ = (TAG + t for t in ("str", "int", "float", "bool", "null", "map", "seq"))
MERGE = TAG + "merge"


_IMPLICIT: list[tuple[str, re.Pattern[str], str]] = [
    (BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    (NULL, re.compile(r"^(?:~|null|Null|NULL)$"), "~nN"),
    (INT, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), "-+0123456789"),
    (
        FLOAT,
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        "-+0123456789.",
    ),
    (MERGE, re.compile(r"^<<$"), "<"),
]
# First characters that can start a non-text plain scalar: everything else is text at once.
_SPECIAL_FIRST = frozenset("".join(first for _, _, first in _IMPLICIT))


class _CoreSchemaResolver:
    """YAML 1.2 core schema: the implicit types an editor agrees on.

    PyYAML's resolver is generic (path resolvers, per-character tables); libyaml
    calls it for every scalar, so this small one is a large part of the parse time.
    Placed before PyYAML's loader in a subclass, its methods are the ones the parser calls.
    """

    def descend_resolver(self, current_node, current_index) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode:
            if implicit[0]:  # plain (unquoted) scalar
                if value == "":
                    return NULL
                if value[0] in _SPECIAL_FIRST:
                    for tag, regexp, first in _IMPLICIT:
                        if value[0] in first and regexp.match(value):
                            return tag
            return STR
        return SEQ if kind is SequenceNode else MAP


class _ComposingLoader(_CoreSchemaResolver, yaml.CSafeLoader):
    """libyaml (PyYAML's public CSafeLoader, shipped in every PyYAML wheel) with the core schema resolver.

    Only its node tree is used (`get_single_node`, what `yaml.compose` calls): PyYAML's constructor
    never runs; `_Constructor` builds the data.
    """


class YamlInputError(TrainkitError):
    """Bad input that stops a file from being read: carries its diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message, [diagnostic])
        self.diagnostic = diagnostic


@dataclass
class YamlDocument:
    """A parsed file: its data, and where each piece of it was written."""

    file: Path
    text: str
    data: Any
    logical_prefix: YamlPath = ()
    # Problems that did not stop the reading (duplicate keys): reported with the rest.
    load_diagnostics: list[Diagnostic] = field(default_factory=list)
    _root: Node | None = field(default=None, repr=False)

    def release_positions(self) -> None:
        """Drop the node tree once the file's own checks are done (memory)."""
        self._root = None

    def locate(self, path: YamlPath, *, at_key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at `path` (or of its key with `at_key`).

        When the path goes further than the file (a missing key), the deepest
        existing node is given: that is where the author must add it.
        """
        if self._root is None:
            self._root = _compose(self.text, self.file)
        node: Node = self._root
        key_node: Node | None = None
        for part in path:
            if isinstance(node, MappingNode) and isinstance(part, str):
                for k, v in node.value:
                    if isinstance(k, ScalarNode) and k.value == part:
                        key_node, node = k, v
                        break
                else:
                    break
            elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                key_node, node = None, node.value[part]
            else:
                break
        else:
            if at_key and key_node is not None:
                node = key_node
        mark = node.start_mark
        return mark.line + 1, mark.column + 1

    def diagnostic(
        self,
        path: YamlPath,
        code: str,
        message: str,
        *,
        hint: str | None = None,
        severity: Severity = Severity.ERROR,
        at_key: bool = False,
    ) -> Diagnostic:
        from ..diagnostics import format_yaml_path

        line, column = self.locate(path, at_key=at_key)
        return Diagnostic(
            severity=severity,
            code=code,
            message=message,
            file=self.file,
            line=line,
            column=column,
            path=format_yaml_path(self.logical_prefix + tuple(path)),
            hint=hint,
        )


def read_yaml_file(file: Path, logical_prefix: YamlPath = ()) -> YamlDocument:
    """Read, decode, parse and construct one file; raise YamlInputError on bad input."""
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise YamlInputError(file_error(file, "fichier-illisible", f"lecture impossible : {exc.strerror}"))
    if len(raw) > MAX_FILE_BYTES:
        raise YamlInputError(
            file_error(
                file,
                "fichier-trop-gros",
                f"le fichier pèse {len(raw) / 1024 / 1024:.1f} Mo, au-delà de la limite de "
                f"{MAX_FILE_BYTES // 1024 // 1024} Mo",
                hint="découpez le module en plusieurs modules, ou déplacez les longs textes dans des ressources",
            )
        )
    text = _decode(raw, file)
    if not _has_content(text):
        raise YamlInputError(
            file_error(
                file,
                "fichier-vide",
                "le fichier est vide",
                hint="remplissez-le (voir `trainkit init` pour un exemple) ou supprimez-le",
            )
        )
    root = _compose(text, file)
    if "&" in text:  # no anchor, no alias: nothing can expand
        _check_expansion(root, file)
    constructor = _Constructor(file, text)
    data = constructor.construct(root)
    return YamlDocument(
        file=file,
        text=text,
        data=data,
        logical_prefix=logical_prefix,
        load_diagnostics=constructor.diagnostics,
        _root=root,
    )


def file_error(file: Path, code: str, message: str, *, line: int | None = None, column: int | None = None, hint: str | None = None) -> Diagnostic:
    return Diagnostic(
        severity=Severity.ERROR, code=code, message=message, file=file, line=line, column=column, hint=hint
    )


def _decode(raw: bytes, file: Path) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = ""
        try:
            raw.decode("cp1252")
            guess = " (il semble enregistré en Windows-1252 / Latin-1)"
        except UnicodeDecodeError:
            pass
        raise YamlInputError(
            file_error(
                file,
                "encodage",
                f"le fichier n'est pas encodé en UTF-8{guess} : octet 0x{raw[exc.start]:02X} illisible",
                line=line,
                column=column,
                hint="enregistrez le fichier en UTF-8 (dans votre éditeur : « Enregistrer avec l'encodage » → UTF-8)",
            )
        )
    text = text[1:] if text.startswith("\ufeff") else text
    control = _CONTROL.search(text) if _has_control_bytes(raw) else None
    if control is not None:
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - (text.rfind("\n", 0, control.start()) + 1) + 1
        code = ord(control.group())
        what = "un octet nul (0x00)" if code == 0 else f"un caractère de contrôle invisible (0x{code:02X})"
        raise YamlInputError(file_error(
            file, "caractere-controle", f"le fichier contient {what} : ce n'est pas du texte",
            line=line, column=column,
            hint="supprimez ce caractère (souvent venu d'un copier-coller depuis un PDF ou un traitement de texte) ; "
            "si le fichier entier est illisible, ce n'est peut-être pas un fichier YAML"))
    return text


# Tab, line feed and carriage return are text; every other C0 control, DEL and the C1 block are not.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_C0_CONTROLS_AND_DEL = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_EVERY_OTHER_BYTE = bytes(b for b in range(256) if b not in _C0_CONTROLS_AND_DEL)
_C1_IN_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")


def _has_control_bytes(raw: bytes) -> bool:
    """Whether the UTF-8 `raw` holds a character `_CONTROL` refuses. Deleting every other byte, then
    looking for the C1 block's two-byte form, reads a file 2.5 times faster than the pattern reads its
    text; the pattern then finds where."""
    return bool(raw.translate(None, _EVERY_OTHER_BYTE)) or _C1_IN_UTF8.search(raw) is not None

_CONTENT_LINE = re.compile(r"^[ \t]*(?!#|---[ \t]*$|\.\.\.[ \t]*$)\S", re.MULTILINE)


def _has_content(text: str) -> bool:
    """Anything besides comments and document markers? (Stops at the first such line.)"""
    return _CONTENT_LINE.search(text) is not None


def _compose(text: str, file: Path) -> Node:
    loader = _ComposingLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise YamlInputError(syntax_diagnostic(exc, text, file)) from None
    except yaml.YAMLError as exc:  # errors without a position (rare)
        raise YamlInputError(file_error(file, "syntaxe-yaml", f"YAML illisible : {exc}")) from None
    finally:
        loader.dispose()
    if node is None:
        raise YamlInputError(file_error(file, "fichier-vide", "le fichier ne contient aucune donnée"))
    return node


_PROBLEMS_FR = {
    # libyaml's wording → what an author can act on
    "mapping values are not allowed": "deux-points inattendu : une valeur qui contient « : » doit être entre guillemets",
    "could not find expected ':'": "il manque « : » après une clé",
    "did not find expected ',' or ']'": "crochet `[` non fermé ou virgule manquante dans une liste entre crochets",
    "did not find expected ',' or '}'": "accolade `{` non fermée ou virgule manquante",
    "found undefined alias": "alias `*…` qui ne renvoie à aucune ancre `&…` définie avant",
    "expected a single document": "le fichier contient plusieurs documents YAML (séparateurs `---`)",
    "but found another document": "le fichier contient plusieurs documents YAML (séparateurs `---`)",
    "found unexpected end of stream": "fin de fichier inattendue : guillemet, crochet ou accolade non fermé",
    "found unknown escape character": "séquence `\\…` inconnue entre guillemets doubles : utilisez des guillemets simples",
    "found character that cannot start any token": "caractère interdit en début de valeur (`@`, `` ` ``, `%`…) : mettez la valeur entre guillemets",
    "did not find expected key": "indentation incohérente : une clé n'est pas alignée avec ses voisines",
    "did not find expected '-' indicator": "indentation incohérente dans une liste",
    "did not find expected <document start>": "contenu inattendu après la fin des données : vérifiez l'indentation",
    "found duplicate anchor": "ancre `&…` définie deux fois",
    "exceeded maximum nesting depth": "listes ou blocs imbriqués trop profondément pour être lus",
}


def syntax_diagnostic(exc: yaml.MarkedYAMLError, text: str, file: Path) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    if "\t" not in text:  # a tab is the likelier cause, reported below
        found = _quote_slip(exc, text, file)
        if found is not None:
            return found
    if exc.context and "flow" in exc.context and exc.context_mark is not None:
        mark = exc.context_mark  # an unclosed `[` or `{`: where it was opened

    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    problem = (exc.problem or "").strip()
    source_line = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
    indentation = source_line[: len(source_line) - len(source_line.lstrip(" \t"))]
    if "\t" in indentation or "'\\t'" in problem:
        return file_error(
            file,
            "tabulation",
            "tabulation dans l'indentation : YAML n'accepte que des espaces pour indenter",
            line=line,
            column=(indentation.find("\t") + 1) if "\t" in indentation else column,
            hint="remplacez les tabulations par des espaces (2 par niveau) ; la plupart des éditeurs le font via « Convertir l'indentation en espaces »",
        )
    message = next((fr for en, fr in _PROBLEMS_FR.items() if en in problem), None)
    if message is None:
        message = f"syntaxe YAML invalide ({problem or exc.context})"
    return file_error(
        file,
        "syntaxe-yaml",
        message,
        line=line,
        column=column,
        hint="vérifiez l'indentation et les guillemets à cet endroit et sur la ligne précédente",
    )


_FORMAT_KEY = re.compile(r"[a-z_]+")

# A value that opens a quote: `key: "…`, `- "…`, `- key: '…`.
_OPENING_QUOTE = re.compile(r"""^(\s*(?:-\s+)*(?:[^\s#'"][^:#]*?:\s+)?)(["'])""")


def _unclosed_quote(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str] | None:
    """(line, column, quote) of the quote left open that made this syntax error, if one did.

    libyaml reads on from an unclosed quote to the next quote of the same kind, however far, and
    reports where it got stuck; the author needs the line where the quote was opened. A line is
    blamed only if closing its quote makes the error go away or move past it: a valid quoted value
    spread over two lines, or a quote in a Markdown block, is never blamed."""
    if exc.context and "quoted scalar" in exc.context and exc.context_mark is not None:
        mark = exc.context_mark
        return mark.line + 1, mark.column + 1, text[mark.index] if mark.index < len(text) else '"'
    lines = text.splitlines(keepends=True)
    stop = exc.problem_mark.line if exc.problem_mark is not None else len(lines)
    for index, line in enumerate(lines[: stop + 1]):
        match = _OPENING_QUOTE.match(line)
        if match is None:
            continue
        quote = match.group(2)
        rest = line[match.end():].rstrip("\r\n")
        closed = (rest.replace("''", "").find("'") if quote == "'" else re.sub(r'\\.', "", rest).find('"'))
        if closed < 0 and _parses_past(lines, index, rest + quote, match.end(), stop):
            return index + 1, match.end(), quote
    return None


def _parses_past(lines: list[str], index: int, fixed_rest: str, start: int, stop: int) -> bool:
    """Whether the file, with line `index` ending as `fixed_rest`, parses or fails only after line `stop`."""
    newline = "\n" if lines[index].endswith("\n") else ""
    candidate = "".join(lines[:index]) + lines[index][:start] + fixed_rest + newline + "".join(lines[index + 1:])
    loader = _ComposingLoader(candidate)
    try:
        loader.get_single_node()
        return True
    except yaml.MarkedYAMLError as again:
        mark = again.problem_mark or again.context_mark
        return mark is not None and mark.line > stop
    except yaml.YAMLError:
        return False
    finally:
        loader.dispose()


def _apostrophe_in_single_quotes(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str] | None:
    """`title: 'L'accueil des publics'`: the apostrophe closed the quotes. (line, column, fixed line)."""
    lines = text.splitlines(keepends=True)
    stop = exc.problem_mark.line if exc.problem_mark is not None else len(lines) - 1
    for index in range(max(0, stop - 1), min(stop + 1, len(lines))):
        line = lines[index]
        match = _OPENING_QUOTE.match(line)
        if match is None or match.group(2) != "'":
            continue
        rest = line[match.end():].rstrip("\r\n")
        body = rest.rstrip()
        if not body.endswith("'") or "'" not in body[:-1]:
            continue
        doubled = body[:-1].replace("''", "'").replace("'", "''") + "'"
        if _parses_past(lines, index, doubled, match.end(), stop):
            return index + 1, match.end(), line[:match.end()].strip() + doubled
    return None


def _quote_slip(exc: yaml.MarkedYAMLError, text: str, file: Path) -> Diagnostic | None:
    apostrophe = _apostrophe_in_single_quotes(exc, text)
    if apostrophe is not None:
        line, column, fixed = apostrophe
        return file_error(file, "apostrophe-entre-guillemets-simples",
                          "une apostrophe ferme ici les guillemets simples qui entourent la valeur",
                          line=line, column=column,
                          hint=f"doublez les apostrophes du texte : {fixed} (ou entourez la valeur de guillemets "
                          "doubles « \" »)")
    unclosed = _unclosed_quote(exc, text)
    if unclosed is None:
        return None
    line, column, quote = unclosed
    source = text.splitlines()[line - 1]
    return file_error(
        file, "guillemet-non-ferme",
        f"le guillemet {quote} ouvert ici n'est pas refermé sur la ligne",
        line=line, column=column,
        hint=f"refermez-le en fin de valeur : {source.strip()}{quote}" if not source.rstrip().endswith(quote)
        else "refermez-le à la fin de la valeur",
    )


def _check_expansion(root: Node, file: Path) -> None:
    """Refuse alias bombs (and recursive aliases) before building anything."""
    sizes: dict[int, int] = {}
    in_progress: set[int] = set()
    distinct = 0

    def size(node: Node) -> int:
        nonlocal distinct
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in in_progress:
            line = node.start_mark.line + 1
            raise YamlInputError(
                file_error(
                    file,
                    "alias-recursif",
                    "un alias YAML renvoie à l'ancre qui le contient : la structure serait infinie",
                    line=line,
                    column=node.start_mark.column + 1,
                    hint="supprimez l'alias `*…` ou recopiez le contenu voulu",
                )
            )
        distinct += 1
        if isinstance(node, ScalarNode):
            total = 1
        else:
            in_progress.add(key)
            children = node.value if isinstance(node, SequenceNode) else [n for pair in node.value for n in pair]
            total = 1 + sum(size(child) for child in children)
            in_progress.discard(key)
        sizes[key] = total
        return total

    try:
        expanded = size(root)
    except RecursionError:
        raise YamlInputError(
            file_error(file, "trop-imbrique", "le fichier est imbriqué trop profondément pour être lu")
        ) from None
    if expanded > max(MIN_EXPANDED_BUDGET, MAX_ALIAS_EXPANSION * distinct):
        raise YamlInputError(
            file_error(
                file,
                "bombe-alias",
                f"les alias YAML (`*…`) démultiplient le contenu ({expanded} éléments pour {distinct} écrits) : "
                "fichier refusé pour protéger la machine",
                line=1,
                column=1,
                hint="n'utilisez les ancres `&…` et alias `*…` que pour réutiliser un bloc quelques fois",
            )
        )


class _Constructor:
    """Nodes → plain Python data; refuses what would lose or endanger an author's data."""

    def __init__(self, file: Path, text: str = "") -> None:
        self.file = file
        self.text = text
        self.depth = 0
        self.diagnostics: list[Diagnostic] = []

    def construct(self, node: Node) -> Any:
        try:
            return self._construct(node)
        except RecursionError:
            raise YamlInputError(
                file_error(self.file, "trop-imbrique", "le fichier est imbriqué trop profondément pour être lu")
            ) from None

    def _construct(self, node: Node) -> Any:
        kind = type(node)
        if kind is ScalarNode:
            # Most scalars are text: skip the dispatch (this loop runs for every value).
            return node.value if node.tag == STR else self._scalar(node)
        # No `finally` for the depth: an error ends the whole construction, the depth is not read again.
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self._error(node, "trop-imbrique",
                              f"listes ou blocs imbriqués sur plus de {MAX_DEPTH} niveaux : ce n'est pas un "
                              "curriculum (crochets ou accolades non refermés ?)",
                              "vérifiez les crochets `[` et accolades `{` à partir de cette ligne")
        if kind is SequenceNode:
            self._check_tag(node, SEQ)
            # Only a one-key block can be a slip: the call is spared for the other items (most).
            built: Any = [(type(child) is MappingNode and len(child.value) == 1 and self._colon_slip(child))
                          or self._construct(child) for child in node.value]
        elif kind is MappingNode:
            self._check_tag(node, MAP)
            built = self._mapping(node)
        else:
            raise AssertionError(f"unknown node {node!r}")  # pragma: no cover
        self.depth -= 1
        return built

    def _colon_slip(self, node: Node) -> str | None:
        """`- Les trois volets : situation, projet` read as text, with an error that says why.

        French puts a space before « : », and YAML makes the words before it a key: the list item
        becomes a one-key block, which no rule about lists of text would explain. An item whose only
        key is a phrase (it has a space) and whose value follows on the same line is such a slip;
        reading it as the text the author wrote lets every other problem of the file be reported."""
        if type(node) is not MappingNode or len(node.value) != 1 or node.flow_style:
            return None
        key, value = node.value[0]
        if type(key) is not ScalarNode or key.style:  # style "": a plain scalar
            return None
        french_colon = self.text[key.end_mark.index:key.end_mark.index + 1] == " "  # « Expérience : … »
        # A key of the format (`text :`, typed with the French space) stays a key: they are lowercase ASCII.
        phrase = " " in key.value.strip() or (french_colon and not _FORMAT_KEY.fullmatch(key.value))
        if (not phrase
                or type(value) is not ScalarNode or value.style or value.tag != STR
                or value.start_mark.line != key.start_mark.line or value.end_mark.line != key.start_mark.line):
            return None
        written = self.text[key.start_mark.index:value.end_mark.index] if self.text else f"{key.value} : {value.value}"
        indent = " " * key.start_mark.column
        quoted = '"' + written.replace("\\", "\\\\").replace('"', '\\"') + '"'
        self.diagnostics.append(file_error(
            self.file, "deux-points-dans-liste",
            f"« : » a fait de cet élément de liste une clé (« {key.value} ») : il est lu comme un texte",
            line=key.start_mark.line + 1, column=key.start_mark.column + 1,
            hint=f"mettez le texte entre guillemets :\n{indent[:-2]}- {quoted}"))
        return written

    def _mapping(self, node: MappingNode) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_seen: dict[Any, Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == MERGE:
                raise self._error(
                    key_node,
                    "fusion-yaml",
                    "les clés de fusion `<<` ne sont pas prises en charge",
                    "recopiez les clés voulues dans ce bloc",
                )
            if type(key_node) is not ScalarNode:
                raise self._error(key_node, "cle-invalide", "une clé doit être un texte simple", None)
            key = key_node.value if key_node.tag == STR else self._scalar(key_node)
            if not isinstance(key, (str, int)):
                key = str(key_node.value)
            if key in first_seen:
                first_line = first_seen[key].start_mark.line + 1
                # Keep reading (the first value wins) so every other problem is reported too.
                self.diagnostics.append(self._error(
                    key_node,
                    "cle-en-double",
                    f"la clé `{key}` apparaît deux fois dans le même bloc (déjà ligne {first_line}) : "
                    "YAML ne garderait que la dernière et perdrait la première",
                    f"fusionnez les deux valeurs sous une seule clé `{key}`, ou renommez l'une d'elles",
                ).diagnostic)
                continue
            first_seen[key] = key_node
            result[key] = self._construct(value_node)
        return result

    def _scalar(self, node: ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag == STR:
            return value
        if tag == NULL:
            return None
        if tag == BOOL:
            return value.lower() == "true"
        if tag == INT:
            try:
                if value.startswith("0o"):
                    return int(value[2:], 8)
                if value.startswith("0x"):
                    return int(value[2:], 16)
                return int(value)
            except ValueError:
                raise self._error(node, "type-yaml", f"« {value} » n'est pas un nombre entier", None) from None
        if tag == FLOAT:
            lowered = value.lower()
            if lowered.endswith("inf") or lowered.endswith("nan"):
                return float(lowered.replace(".", ""))
            try:
                return float(value)
            except ValueError:
                raise self._error(node, "type-yaml", f"« {value} » n'est pas un nombre", None) from None
        self._check_tag(node, STR)
        return value  # pragma: no cover

    def _check_tag(self, node: Node, expected: str) -> None:
        if node.tag == expected:
            return
        shown = node.tag.replace(TAG, "!!")
        raise self._error(
            node,
            "etiquette-interdite",
            f"l'étiquette YAML `{shown}` n'est pas autorisée : trainkit ne lit que du texte, des nombres, "
            "des listes et des blocs clé: valeur",
            f"supprimez `{shown}` et écrivez la valeur telle quelle",
        )

    def _error(self, node: Node, code: str, message: str, hint: str | None) -> YamlInputError:
        return YamlInputError(
            file_error(
                self.file,
                code,
                message,
                line=node.start_mark.line + 1,
                column=node.start_mark.column + 1,
                hint=hint,
            )
        )
