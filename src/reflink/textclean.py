"""Raw PDF text → `list[Line]`: decoding, character repair and line classification.

Each input line stays one `Line` (so every later stage can report the source line number);
lines are only classified (`kind`) and cleaned at character level here. Joining lines into
running text, with hyphenated breaks mended, is `stitch`, which keeps a per-character map back
to the source lines.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .errors import InputError
from .models import BLANK, BODY, Line

# --- decoding -----------------------------------------------------------------------------


def decode_text(data: bytes, name: str = "input") -> str:
    """Bytes of a text file → str with `\\n` line ends; unreadable input raises InputError."""
    if not data.strip():
        raise InputError(f"{name} is empty")
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"{name} is not valid {encoding.upper()} text") from exc
            break
    else:
        if b"\x00" in data[:4096]:
            raise InputError(f"{name} is a binary file, not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name} is not UTF-8 text (byte {exc.start}); convert it, e.g. with iconv"
            ) from exc
    if _looks_binary(text):
        raise InputError(f"{name} is a binary file, not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"{name} is empty")
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return control > max(8, len(sample) // 100)


# --- lines ----------------------------------------------------------------------------------


def clean_text(text: str) -> list[Line]:
    """Decoded text → one classified, character-cleaned `Line` per input line."""
    lines = []
    for number, raw in enumerate(text.split("\n"), start=1):
        cleaned = raw.replace("\u00bc", "=").strip()
        lines.append(Line(number=number, text=cleaned, raw=raw, kind=BODY if cleaned else BLANK))
    return lines


# --- running text ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Passage:
    """Lines joined into running text; `line_of[i]` is the source line of character i."""

    text: str
    line_of: tuple[int, ...]

    def line_at(self, offset: int) -> int:
        """Source line of the character at `offset` (clamped to the text)."""
        if not self.line_of:
            return 0
        return self.line_of[min(max(offset, 0), len(self.line_of) - 1)]


HYPHEN_BREAK = re.compile(r"[a-z]-$")
LOWER_START = re.compile(r"^[a-z]")


def stitch(lines: Iterable[Line]) -> Passage:
    """Join lines with spaces, mending "Cauca-" + "sian" → "Caucasian", keeping the line map."""
    parts: list[str] = []
    line_of: list[int] = []
    previous: Line | None = None
    for line in lines:
        text = line.text
        if not text:
            continue
        if parts:
            if previous is not None and HYPHEN_BREAK.search(previous.text) and LOWER_START.match(text):
                # drop the hyphen already emitted: a line-break hyphen inside a word
                parts[-1] = parts[-1][:-1]
                line_of.pop()
            else:
                parts.append(" ")
                line_of.append(line.number)
        parts.append(text)
        line_of.extend([line.number] * len(text))
        previous = line
    return Passage(text="".join(parts), line_of=tuple(line_of))


def body_lines(lines: Sequence[Line], kinds: Iterable[str]) -> list[Line]:
    """The lines whose kind is one of `kinds`, in order."""
    wanted = set(kinds)
    return [line for line in lines if line.kind in wanted]
