"""The catalog's Markdown documents: YAML front matter and '## ' sections, every piece with its line number."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from liftlore.errors import LiftloreError


@dataclass(frozen=True)
class Block:
    """A paragraph, list item or '### ' heading of a section, with the line it starts on."""

    kind: str  # "paragraph", "numbered", "bullet" or "question"
    text: str
    line: int


@dataclass
class Document:
    path: Path
    front: dict[str, Any]
    key_lines: dict[str, int]
    body_line: int
    sections: dict[str, list[Block]] = field(default_factory=dict)
    section_lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)


_NUMBERED = re.compile(r"^\d+[.)]\s+(.*)$")
_BULLET = re.compile(r"^[-*]\s+(.*)$")


def read_document(path: Path) -> Document:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise LiftloreError("the file must start with a '---' line opening its front matter", file=path, line=1)
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise LiftloreError("the front matter is never closed with a '---' line", file=path, line=1) from None
    front_text = "\n".join(lines[1:end])
    try:
        node = yaml.compose(front_text)
        front = yaml.safe_load(front_text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        raise LiftloreError(f"the front matter is not valid YAML: {exc}", file=path, line=line) from exc
    if not isinstance(front, dict):
        raise LiftloreError("the front matter must be a mapping of keys to values", file=path, line=2)
    key_lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key_lines[str(key_node.value)] = key_node.start_mark.line + 2
    doc = Document(path=path, front=front, key_lines=key_lines, body_line=end + 2)
    _read_sections(doc, lines[end + 1 :], first_line=end + 2)
    return doc


def _read_sections(doc: Document, lines: list[str], first_line: int) -> None:
    section = ""
    paragraph: list[str] = []
    paragraph_line = 0

    def flush() -> None:
        nonlocal paragraph
        if paragraph:
            doc.sections.setdefault(section, []).append(Block("paragraph", " ".join(paragraph), paragraph_line))
            paragraph = []

    for offset, raw in enumerate(lines):
        number = first_line + offset
        line = raw.strip()
        if line.startswith("## "):
            flush()
            section = line[3:].strip().lower()
            doc.section_lines[section] = number
            doc.sections.setdefault(section, [])
            continue
        if not line:
            flush()
            continue
        if line.startswith("### "):
            flush()
            doc.sections.setdefault(section, []).append(Block("question", line[4:].strip(), number))
            continue
        numbered, bullet = _NUMBERED.match(line), _BULLET.match(line)
        if numbered or bullet:
            flush()
            kind, match = ("numbered", numbered) if numbered else ("bullet", bullet)
            assert match is not None
            doc.sections.setdefault(section, []).append(Block(kind, match.group(1).strip(), number))
            continue
        if not paragraph:
            paragraph_line = number
        paragraph.append(line)
    flush()
