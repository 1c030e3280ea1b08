"""Small PDFs written by the tests themselves (fpdf2), from invented text.

A line is written as runs: "chemotherapy^{12} and CO_{2}" prints "12" as a superscript (smaller,
on a raised baseline) and "2" as a subscript, as a typesetter would ("^^{12}": half the size and
raised high, as a superscript nested in one prints); "~{Fake J}" is set in
italics and "*{Participants}" in bold (Helvetica only); "@{Title words|https://doi.org/…}" is
printed plain under a link to the address, as publishers link an entry's title to the work.
Positions are in points from the page's top-left corner; each line's `y` is its baseline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF

# The invented reference list the PDF tests cite: numbered Vancouver entries, one per line.
REFERENCES = [
    f"{n}. {author} A, Fern B. {title}. J Invented Res. {2000 + n};{n + 10}:{100 + n}-{110 + n}."
    for n, (author, title) in enumerate(
        [
            ("Moss", "Growth of crustose lichens on granite"),
            ("Stone", "Spore dispersal in cold winds"),
            ("Birch", "Nitrogen uptake by foliose thalli"),
            ("Reed", "Symbiont exchange under drought"),
            ("Heath", "Carbon fixation at altitude"),
            ("Ash", "Lichen succession on basalt"),
        ],
        1,
    )
]

RUN = re.compile(
    r"\^\^\{([^}]*)\}|\^\{([^}]*)\}|_\{([^}]*)\}|~\{([^}]*)\}|\*\{([^}]*)\}"
    r"|@\{([^}|]*)\|([^}]*)\}|([^^_~*@]+|[\^_~*@])"
)
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
SCRIPT_SIZE = 0.65


@dataclass
class Page:
    lines: list[tuple[float, float, str, float]] = field(default_factory=list)  # x, y, text, size

    def add(self, x: float, y: float, text: str, size: float = 10.0) -> Page:
        self.lines.append((x, y, text, size))
        return self

    def column(self, x: float, y: float, texts: list[str], size: float = 10.0) -> Page:
        """Lines one below the other, 1.3 × size apart."""
        for i, text in enumerate(texts):
            self.add(x, y + i * 1.3 * size, text, size)
        return self


def write_pdf(path: Path, pages: list[Page], *, unicode_font: bool = False) -> Path:
    """Pages of lines → a PDF file at `path` (A4, points)."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    family = "Helvetica"
    if unicode_font:
        pdf.add_font("DejaVu", "", str(DEJAVU))
        family = "DejaVu"
    for page in pages:
        pdf.add_page()
        for x, y, text, size in page.lines:
            _write_line(pdf, family, x, y, text, size)
    pdf.output(str(path))
    return path


def _write_line(pdf: FPDF, family: str, x: float, y: float, text: str, size: float) -> None:
    for match in RUN.finditer(text):
        high, sup, sub, italic, bold, linked, target, plain = match.groups()
        style = ""
        if high is not None:  # a superscript's superscript: half the size, raised high
            run, run_size, run_y = high, size * 0.5, y - 0.75 * size
        elif italic is not None:
            run, run_size, run_y, style = italic, size, y, "I"
        elif bold is not None:
            run, run_size, run_y, style = bold, size, y, "B"
        elif sup is not None:
            run, run_size, run_y = sup, size * SCRIPT_SIZE, y - 0.38 * size
        elif sub is not None:
            run, run_size, run_y = sub, size * SCRIPT_SIZE, y + 0.18 * size
        elif linked is not None:
            run, run_size, run_y = linked, size, y
        else:
            run, run_size, run_y = plain, size, y
        pdf.set_font(family, style=style if family == "Helvetica" else "", size=run_size)
        pdf.text(x, run_y, run)
        if target is not None:  # the link's box: the run's width, from ascender to descender
            pdf.link(x, run_y - 0.8 * run_size, pdf.get_string_width(run), run_size, target)
        x += pdf.get_string_width(run)


def paper(
    body: list[str],
    references: list[str],
    *,
    title: str = "Invented Findings on Lichen Growth",
    authors: str = "Ada Moss^{1}, Ben Fern^{2}",
    head: str | None = "Journal of Invented Results 2031",
    lines_per_page: int = 40,
) -> list[Page]:
    """A one-column paper: title block, body lines, a References heading and its entries."""
    pages = [Page()]
    pages[0].add(60, 70, title, 16).add(60, 95, authors, 11)
    pages[0].add(60, 112, "1 Department of Botany, Invented University", 8)
    pages[0].add(60, 124, "2 Institute of Imaginary Ecology", 8)
    y = 160.0
    for text in [*body, "", "References", *references]:
        if y > 60 + lines_per_page * 13:
            pages.append(Page())
            y = 80.0
        if text:
            pages[-1].add(60, y, text)
        y += 13
    if head:
        for number, page in enumerate(pages, 1):
            page.add(60, 40, head, 8).add(290, 810, str(number), 8)
    return pages
