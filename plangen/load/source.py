"""Safe YAML reading that keeps the line and column of every value.

PyYAML's composer gives nodes with marks; we convert them to plain Python
ourselves so that duplicate keys, foreign tags and alias bombs are refused
with a position instead of being silently accepted or expanded.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from plangen.errors import PlanError, Problem
from plangen.load import lexical
from plangen.load.marks import line_starts, value_offsets
from plangen.messages import _, os_reason

# libyaml's composer when PyYAML has it: same nodes and marks, several times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64  # YAML levels; a plan uses about 12, Python's recursion allows ~900

Path_ = tuple[Any, ...]


PLAN, MONITORING = "plan", "monitoring"  # the two kinds of input file


@dataclass
class Source:
    """A parsed YAML file: its data plus where each value came from."""

    file: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    text: str = ""  # the YAML as parsed, for exact positions inside string values
    spans: dict[Path_, tuple[int, int, str | None]] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        """PLAN or MONITORING: monitoring data carry a top-level `monitoring:` key."""
        return MONITORING if isinstance(self.data, dict) and "monitoring" in self.data else PLAN

    def where(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """Best known position for path: the value itself or its nearest parent."""
        table = self.key_positions if key else self.positions
        p = tuple(path)
        while p:
            if p in table:
                return table[p]
            if p in self.positions:
                return self.positions[p]
            p = p[:-1]
        return self.positions.get((), (1, 1))

    def value(self, path: Path_) -> Any:
        """The raw parsed value at a data path; None where the file leaves it out."""
        data = self.data
        for key in path:
            try:
                data = data[key]
            except (KeyError, IndexError, TypeError):
                return None
        return data

    def char_at(self, path: Path_, offset: int) -> tuple[int, int]:
        """Line and column of value[offset] for the string at path; its start if untraceable."""
        span = self.spans.get(tuple(path))
        value = self.value(path) if span else None
        if not isinstance(value, str) or not 0 <= offset < len(value):
            return self.where(path)
        start, end, style = span
        offsets = value_offsets(self.text[start:end], value, style)
        if offsets is None:
            return self.where(path)
        index = start + offsets[offset]
        starts = self._line_starts()
        line = bisect_right(starts, index) - 1
        return line + 1, index - starts[line] + 1

    def _line_starts(self) -> list[int]:
        if not hasattr(self, "_starts"):
            self._starts = line_starts(self.text)
        return self._starts

    def problem(self, path: Path_, message: str, hint: str = "", key: bool = False) -> Problem:
        line, col = self.where(path, key=key)
        return Problem(self.file, line, col, message, hint)


class _Scalars(SafeConstructor):
    """Builds scalars with YAML 1.1 safe tags only."""


def read_text(path: Path) -> str:
    """Read a UTF-8 file, refusing huge, empty or mis-encoded input with a position."""
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise PlanError.single(
            name,
            _("cannot read file: {reason}", reason=os_reason(exc)),
            _("check the path and that the file exists"),
        ) from None
    if size > MAX_BYTES:
        raise PlanError.single(
            name,
            _(
                "file is {size} KiB, over the limit of {limit} KiB",
                size=size // 1024,
                limit=MAX_BYTES // 1024,
            ),
            _("split the plan or remove pasted data"),
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PlanError.single(
            name,
            _("cannot read file: {reason}", reason=os_reason(exc)),
            _("check the path and that the file exists"),
        ) from None
    text = decode_utf8(raw, name)
    if not text.strip():
        raise PlanError.single(
            name, _("file is empty"), _("start from `plangen new FILE --region NAME`")
        )
    return text


def parse(text: str, file: str) -> Source:
    """Parse YAML text into a Source, or raise PlanError with the position."""
    typos = lexical.scan_text(text, file)
    if typos:
        raise PlanError(typos)
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        raise PlanError([lexical.explain(text, exc, file, _LOADER)]) from None
    except yaml.YAMLError as exc:
        raise PlanError.single(
            file, _("YAML error: {what}", what=exc), _("check the file's syntax")
        ) from None
    if node is None:
        raise PlanError.single(
            file, _("file holds no data"), _("start from `plangen new FILE --region NAME`")
        )
    src = Source(file, None, text=text)
    builder = _Builder(src, text)
    src.data = builder.build(node, ())
    if builder.problems:
        raise PlanError(builder.problems)
    return src


def load(path: Path) -> Source:
    """Read and parse a YAML file with positions."""
    return parse(read_text(path), str(path))


class _Builder:
    def __init__(self, src: Source, text: str = ""):
        self.src = src
        self.lines = text.split("\n")
        self.count = 0
        self.problems: list[Problem] = []
        self.scalars = _Scalars()

    def _at(self, node: Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def build(self, node: Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            line, col = self._at(node)
            raise PlanError(
                [
                    Problem(
                        self.src.file,
                        line,
                        col,
                        _(
                            "document expands to more than {limit} values (nested aliases?)",
                            limit=MAX_NODES,
                        ),
                        _("remove the anchors (&) and aliases (*) that repeat each other"),
                    )
                ]
            )
        if len(path) > MAX_DEPTH:
            line, col = self._at(node)
            raise PlanError(
                [
                    Problem(
                        self.src.file,
                        line,
                        col,
                        _("nested more than {limit} levels deep here", limit=MAX_DEPTH),
                        _(
                            "a plan needs a few levels (chapter, section, task); "
                            "check the indentation or split the section"
                        ),
                    )
                ]
            )
        self.src.positions[path] = self._at(node)
        if isinstance(node, ScalarNode):
            self.src.spans[path] = (node.start_mark.index, node.end_mark.index, node.style)
            return self._scalar(node)
        if isinstance(node, SequenceNode):
            self._check_tag(node, "tag:yaml.org,2002:seq")
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            self._check_tag(node, "tag:yaml.org,2002:map")
            return self._mapping(node, path)
        return None

    def _check_tag(self, node: Node, expected: str) -> None:
        if node.tag != expected:
            line, col = self._at(node)
            self.problems.append(
                Problem(
                    self.src.file,
                    line,
                    col,
                    _("unsupported YAML tag {tag}", tag=repr(node.tag)),
                    _("remove the !tag; plain values are enough"),
                )
            )

    def _scalar(self, node: ScalarNode) -> Any:
        control = lexical.escaped_control(self.lines, node)
        if control is not None:
            line, col, ch = control
            self.problems.append(
                Problem(
                    self.src.file,
                    line,
                    col,
                    _("control character {char} in the text", char=lexical.char_name(ch)),
                    lexical.control_hint(ch),
                )
            )
            return node.value
        try:
            return self.scalars.construct_object(node)
        except ValueError:
            return node.value  # e.g. 2022-13-45: left as text for the model to reject
        except ConstructorError:
            line, col = self._at(node)
            self.problems.append(
                Problem(
                    self.src.file,
                    line,
                    col,
                    _("unsupported YAML tag {tag}", tag=repr(node.tag)),
                    _("remove the !tag; plain values are enough"),
                )
            )
            return None

    def _mapping(self, node: MappingNode, path: Path_) -> dict:
        out: dict = {}
        first_seen: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                line, col = self._at(key_node)
                self.problems.append(
                    Problem(
                        self.src.file,
                        line,
                        col,
                        _("merge keys (<<) are not supported"),
                        _("write the keys out in full"),
                    )
                )
                continue
            if not isinstance(key_node, ScalarNode):
                line, col = self._at(key_node)
                self.problems.append(
                    Problem(
                        self.src.file,
                        line,
                        col,
                        _("a key must be plain text"),
                        _("write the key as a single word"),
                    )
                )
                continue
            key = self._scalar(key_node)
            try:
                hash(key)
            except TypeError:
                key = str(key)
            if key in first_seen:
                line, col = self._at(key_node)
                self.problems.append(
                    Problem(
                        self.src.file,
                        line,
                        col,
                        _(
                            "duplicate key {key} (first at line {line})",
                            key=repr(key),
                            line=first_seen[key][0],
                        ),
                        _("keep one of the two entries"),
                    )
                )
                continue
            first_seen[key] = self._at(key_node)
            self.src.key_positions[(*path, key)] = self._at(key_node)
            out[key] = self.build(value_node, (*path, key))
        return out


def decode_utf8(raw: bytes, name: str) -> str:
    """Bytes as text, or a PlanError at the line and column of the first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise PlanError.single(
            name,
            _("file is not UTF-8 text"),
            _("save it as UTF-8 (in WPS or Word: Save As, encoding UTF-8)"),
            line,
            col,
        ) from None
