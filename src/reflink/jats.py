"""JATS XML (PubMed Central, PLOS, eLife, BMC, SciELO) → the ParsedDocument the text route makes.

The structure is given, so nothing is guessed: every `<xref ref-type="bibr">` is a callout, every
`<ref>` an entry, every `<pub-id pub-id-type="doi">` a DOI. The steps, in order:

    parse_xml            bytes → element tree, safely: no DTD loaded, no network, entity
                         references left unexpanded (an XML bomb or `SYSTEM "file:…"` stays inert)
    read_references      <ref-list>/<ref> → RefEntry, numbered by label (else by order), with fields
    refuse_author_year   "Smith et al., 2010" callouts: refused until that style is supported
    collect_text         abstract, body, back, floats → paragraphs, captions and table rows as one
                         running text (a textclean.Passage), each bibr xref's span recorded
    group_markers        adjacent xrefs ("[1]–[5]", "1,3–5") → one Marker, a dash filling the range
    make_claims          claims.split_sentences per paragraph, claims.make_claim per sentence

Line numbers are the XML file's own lines (lxml's `sourceline`): what a user can open and see.
"""

from __future__ import annotations

import html.entities
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from .citations import expand_numbers
from .claims import SECTION_NUMBER, Segment, make_claim, split_sentences
from .errors import InputError
from .limits import check_text_limits
from .models import (
    BODY,
    CAPTION,
    HEADING,
    TABLE,
    Claim,
    Line,
    Marker,
    ParsedDocument,
    Problem,
    RefEntry,
    Section,
)
from .normalise import DASH_CHARS as DASH
from .normalise import DOI_IN_TEXT, DOI_PREFIX, expand_pages
from .references import parse_entry_text
from .sniff import looks_like_jats  # noqa: F401 (sniff.py tells JATS apart without lxml)
from .textclean import Passage

# --- step 1: parsing, safely ------------------------------------------------------------------


def parse_xml(data: bytes, name: str) -> etree._Element:
    """Bytes → the root element; one InputError line for XML that is not well-formed.

    No DTD is read (JATS files name one we do not have and must not fetch), nothing goes to the
    network, and entities are not expanded: `&lol9;` of a billion-laughs bomb and an external
    `SYSTEM "file:///etc/passwd"` entity stay unexpanded references, which `entity_text` drops.
    libxml2's default limits (no huge_tree) bound depth and text node size.
    """
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        message = str(exc.msg or exc).splitlines()[0]
        if "amplification" in message:  # libxml2's guard against billion-laughs entity bombs
            raise InputError(
                f"{name} is refused: its entity declarations would expand without bound "
                "(an XML bomb)"
            ) from exc
        raise InputError(f"{name} is not well-formed XML ({message})") from exc
    if local(root.tag) != "article" or not any(
        local(child.tag) in ("front", "body", "back") for child in element_children(root)
    ):
        raise InputError(f"{name} is XML but not a JATS article (no <front>, <body> or <back>)")
    return root


def local(tag: Any) -> str:
    """ "{http://www.w3.org/1998/Math/MathML}math" → "math"; comments and PIs → ""."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def element_children(element: etree._Element) -> Iterator[etree._Element]:
    """Child elements, without comments, processing instructions or entity references."""
    return (child for child in element if isinstance(child.tag, str))


def entity_text(entity: etree._Entity) -> str:
    """ "&nbsp;" → "\\xa0" for the HTML names JATS DTDs define; anything else → ""."""
    codepoint = html.entities.name2codepoint.get(entity.name)
    if codepoint is not None:
        return chr(codepoint)
    return html.entities.html5.get(entity.name + ";", "")


def children_named(element: etree._Element, *names: str) -> list[etree._Element]:
    return [child for child in element_children(element) if local(child.tag) in names]


def first_named(element: etree._Element, *names: str) -> etree._Element | None:
    for child in element.iter():
        if local(child.tag) in names:
            return child
    return None


def text_of(element: etree._Element | None) -> str:
    """All text inside an element, entities decoded, whitespace collapsed."""
    if element is None:
        return ""
    pieces: list[str] = []
    _gather_text(element, pieces)
    return " ".join("".join(pieces).split())


def _gather_text(element: etree._Element, pieces: list[str]) -> None:
    if element.text:
        pieces.append(element.text)
    for child in element:
        if isinstance(child, etree._Entity):
            pieces.append(entity_text(child))
        elif local(child.tag) == "name":
            pieces.append(person_name(child))  # "<surname>Poe</surname><given-names>L": "Poe L"
        elif isinstance(child.tag, str):
            _gather_text(child, pieces)
        if child.tail:
            pieces.append(child.tail)


def outside_article(element: etree._Element) -> bool:
    """Inside a <sub-article> or <response> (a decision letter, a digest): not this article."""
    parent = element.getparent()
    while parent is not None:
        if local(parent.tag) in ("sub-article", "response"):
            return True
        parent = parent.getparent()
    return False


def has_ancestor(element: etree._Element, name: str) -> bool:
    parent = element.getparent()
    while parent is not None:
        if local(parent.tag) == name:
            return True
        parent = parent.getparent()
    return False


# --- step 2: the reference list ---------------------------------------------------------------

# "1", "1.", "[1]", "(1)", "R1": a label that prints a number
NUMERIC_LABEL = re.compile(r"^[\[(]?\s*[A-Za-z]?(\d{1,4})\s*[.\])]?$")
CITATION_TAGS = ("element-citation", "mixed-citation", "nlm-citation", "citation")
# publication-type / citation-type → RefEntry.kind (the kinds the text route uses)
KINDS = {
    "journal": "article",
    "book": "book",
    "web": "web",
    "webpage": "web",
    "website": "web",
    "thesis": "thesis",
    "newspaper": "press",
    "confproc": "other",
    "conf-proceedings": "other",
    "report": "other",
    "patent": "other",
    "data": "other",
    "software": "other",
    "preprint": "article",
    "other": "other",
}
SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:])(?=\s|$)")


def reference_items(root: etree._Element) -> list[etree._Element]:
    """Every <ref> of the article's reference lists, in document order."""
    return [
        ref
        for ref in root.iter()
        if local(ref.tag) == "ref" and has_ancestor(ref, "ref-list") and not outside_article(ref)
    ]


def number_references(refs: list[etree._Element]) -> tuple[list[int], bool]:
    """Each ref's number: its label when it prints one, else its order; and whether every ref
    was numbered by its label (what tells a numbered list from an author–year one)."""
    labels = []
    for ref in refs:
        label = children_named(ref, "label")
        match = NUMERIC_LABEL.match(text_of(label[0])) if label else None
        labels.append(int(match.group(1)) if match else None)
    if labels and all(label is not None for label in labels) and len(set(labels)) == len(labels):
        return [label for label in labels if label is not None], True
    # "use the label if numeric, else its order": mixing them must not give two entries one number
    numbers = [label if label is not None else order for order, label in enumerate(labels, 1)]
    if len(set(numbers)) == len(numbers):
        return numbers, False
    return list(range(1, len(refs) + 1)), False


@dataclass
class ReferenceList:
    entries: list[RefEntry]
    number_of_id: dict[str, int]  # a <ref>'s id (and its citation's) → the entry's number
    by_label: bool  # every entry numbered by a printed label
    problems: list[Problem]


def read_references(root: etree._Element) -> ReferenceList:
    """<ref-list> → numbered entries, the number of each ref id, and problems."""
    refs = reference_items(root)
    entries: list[RefEntry] = []
    number_of_id: dict[str, int] = {}
    problems: list[Problem] = []
    numbers, by_label = number_references(refs)
    for ref, number in zip(refs, numbers, strict=True):
        entry = read_reference(ref, number)
        entries.append(entry)
        for key in (ref.get("id"), *(c.get("id") for c in ref.iter() if isinstance(c.tag, str))):
            if key:
                number_of_id.setdefault(key, number)
        if not (entry.year or entry.doi or entry.url) or not (entry.authors or entry.title):
            problems.append(
                Problem(entry.line, "jats", f"entry {number} not fully parsed: “{entry.raw[:80]}”")
            )
    return ReferenceList(entries, number_of_id, by_label, problems)


def read_reference(ref: etree._Element, number: int) -> RefEntry:
    """One <ref> → a RefEntry with the fields its citation element tags."""
    citations = [c for c in ref.iter() if local(c.tag) in CITATION_TAGS]
    line = ref.sourceline or 0
    line_end = max(c.sourceline or line for c in ref.iter() if isinstance(c.tag, str))
    if not citations:
        raw = text_of(ref)
        entry = parse_entry_text(raw or "?")
        return RefEntry(**{**entry.__dict__, "number": number, "line": line, "line_end": line_end})
    # <citation-alternatives>: the same work twice (element- and mixed-citation); else several works
    alternatives = has_ancestor(citations[0], "citation-alternatives")
    tagged = max(citations, key=lambda c: len(list(element_children(c))))
    mixed = [c for c in citations if local(c.tag) != "element-citation"]
    if alternatives or len(citations) == 1:
        raw = text_of(mixed[0]) if mixed else render_element_citation(tagged)
    else:
        raw = "; ".join(text_of(c) if c in mixed else render_element_citation(c) for c in citations)
    # "<name>…</name>\n  </person-group>. <source>": layout before punctuation prints nothing
    raw = SPACE_BEFORE_PUNCTUATION.sub(r"\1", raw)
    fields = citation_fields(tagged)
    if not (fields["authors"] or fields["title"] or fields["journal"] or fields["year"]):
        # a mixed-citation printed as plain text, no tags: parse it as the text route would
        parsed = parse_entry_text(raw)
        fields = {name: getattr(parsed, name) for name in fields} | {
            "doi": fields["doi"] or parsed.doi,
            "url": fields["url"] or parsed.url,
            "pmid": fields["pmid"],
        }
    if fields["doi"] is None:
        printed = DOI_IN_TEXT.search(raw)  # "doi: 10.1371/…" printed as text in a mixed-citation
        fields["doi"] = printed.group("doi").rstrip(".,;") if printed else None
    return RefEntry(number=number, raw=raw, line=line, line_end=line_end, **fields)


def citation_fields(citation: etree._Element) -> dict[str, Any]:
    """The tagged fields of one citation element, named as RefEntry names them."""
    kind_name = citation.get("publication-type") or citation.get("citation-type") or ""
    title_element = first_named(citation, "article-title", "chapter-title", "part-title")
    source = text_of(first_named(citation, "source")) or None
    kind = KINDS.get(kind_name.lower())
    if kind is None:
        kind = "article" if source and title_element is not None else "other"
    title = text_of(title_element) or None
    journal = source
    if kind == "book" and title is not None:
        kind = "chapter"
    if kind != "article" and kind != "chapter" and title is None:
        title, journal = source, None  # a book, report or web page: the source is its title
    elif kind not in ("article", "chapter"):
        journal = None
    year_match = re.search(r"\d{4}", text_of(first_named(citation, "year")))
    pages = page_range(citation)
    return {
        "authors": tuple(citation_authors(citation)),
        "title": title,
        "journal": journal,
        "year": int(year_match.group(0)) if year_match else None,
        "volume": text_of(first_named(citation, "volume")) or None,
        "pages": pages,
        "doi": citation_doi(citation),
        "url": citation_url(citation),
        "kind": kind,
        "issue": text_of(first_named(citation, "issue")) or None,
        "pmid": citation_pmid(citation),
    }


def citation_authors(citation: etree._Element) -> list[str]:
    """Names of the authors ("Smith AB", a collaboration as printed); editors only if no author."""
    groups = [g for g in citation.iter() if local(g.tag) == "person-group"]
    authors = [g for g in groups if g.get("person-group-type", "author") == "author"]
    holders = authors or groups or [citation]  # NLM 2.x puts <name> right in the citation
    names: list[str] = []
    for holder in holders[:1] if authors or groups else holders:
        for child in element_children(holder):
            tag = local(child.tag)
            if tag == "name-alternatives":
                child = children_named(child, "name", "string-name")[0]
                tag = local(child.tag)
            if tag == "name":
                names.append(person_name(child))
            elif tag in ("string-name", "collab"):
                names.append(text_of(child))
    return [name for name in names if name]


def person_name(name: etree._Element) -> str:
    """<name> → "Smith AB": surname, given names, suffix, as Vancouver lists print them."""
    parts = (first_named(name, part) for part in ("surname", "given-names", "suffix"))
    return " ".join(text for text in map(text_of, parts) if text)


def page_range(citation: etree._Element) -> str | None:
    """fpage–lpage in full ("1119–1128" even if lpage prints "28"), else the elocation-id."""
    first = text_of(first_named(citation, "fpage"))
    last = text_of(first_named(citation, "lpage"))
    if first and last and last != first:
        return expand_pages(f"{first}–{last}")
    if first:
        return first
    printed = text_of(first_named(citation, "page-range"))
    if printed:
        return expand_pages(printed)
    return text_of(first_named(citation, "elocation-id")) or None


def citation_doi(citation: etree._Element) -> str | None:
    for element in citation.iter():
        tag = local(element.tag)
        if tag == "pub-id" and element.get("pub-id-type", "").lower() == "doi":
            return DOI_PREFIX.sub("", text_of(element)) or None
        if tag == "ext-link" and element.get("ext-link-type", "").lower() == "doi":
            return DOI_PREFIX.sub("", href(element) or text_of(element)) or None
    return None


def citation_pmid(citation: etree._Element) -> str | None:
    for element in citation.iter():
        if local(element.tag) == "pub-id" and element.get("pub-id-type", "").lower() == "pmid":
            return text_of(element) or None
    return None


def citation_url(citation: etree._Element) -> str | None:
    """The first printed link that is not a DOI (ext-link or uri)."""
    for element in citation.iter():
        if local(element.tag) not in ("ext-link", "uri"):
            continue
        if element.get("ext-link-type", "").lower() in ("doi", "pmid", "pmcid"):
            continue
        link = href(element) or text_of(element)
        if link and "doi.org/" not in link:
            return link
    return None


def href(element: etree._Element) -> str:
    return (element.get("{http://www.w3.org/1999/xlink}href") or "").strip()


def render_element_citation(citation: etree._Element) -> str:
    """An element-citation prints nothing itself: "Smith AB, Jones C. Title. J. 2014;15(3):1–9."."""
    fields = citation_fields(citation)
    issue = fields["issue"]
    source = ""
    if fields["year"]:
        source += str(fields["year"])
    if fields["volume"]:
        source += f";{fields['volume']}" + (f"({issue})" if issue else "")
    if fields["pages"]:
        source += f":{fields['pages']}"
    parts = [
        ", ".join(fields["authors"]),
        fields["title"] or "",
        fields["journal"] or "",
        source,
        f"doi:{fields['doi']}" if fields["doi"] else "",
        f"PMID: {fields['pmid']}" if fields["pmid"] else "",
        fields["url"] or "",
    ]
    return " ".join(part.rstrip(".") + "." for part in parts if part)


# --- step 3: author–year articles -------------------------------------------------------------

# "Smith et al., 2010", "Smith and Jones 2010a", "Smith 2010": a name and a year
AUTHOR_YEAR = re.compile(r"[^\W\d_]{2}.*?\b(?:1[6-9]\d\d|20\d\d)[a-z]?\b|\bet\s+al\b", re.DOTALL)


def refuse_author_year(name: str, callouts: list[str], numbered_by_label: bool) -> None:
    """Callouts printed as names and years, and refs without numeric labels: refused for now."""
    printed = [text for text in callouts if text.strip()]
    author_year = [text for text in printed if AUTHOR_YEAR.search(text)]
    if not numbered_by_label and printed and len(author_year) * 2 >= len(printed):
        raise InputError(
            f"{name} cites author–year (“{author_year[0]}”); reflink reads numbered citations "
            "only, so this JATS article is refused until that style is supported"
        )


# --- step 4: the running text -----------------------------------------------------------------

# blocks of their own when met inside a paragraph: read after it, not inside its sentences
FLOATS = frozenset(
    """fig fig-group table-wrap table-wrap-group boxed-text chem-struct-wrap supplementary-material
    media graphic code preformat""".split()
)
NESTED_BLOCKS = FLOATS | {"list", "disp-quote", "def-list", "statement", "verse-group"}
# never text: math set as display, labels and metadata of floats and sections
SKIPPED = frozenset(
    """disp-formula label object-id alt-text long-desc permissions graphic inline-graphic
    ref-list title caption table-wrap-foot attrib-group""".split()
)
# containers walked for their paragraphs; a <title> child names a section
CONTAINERS = frozenset(
    """body back sec ack app app-group glossary notes fn-group fn list list-item disp-quote
    def-list def-item def term statement verse-group boxed-text bio floats-group abstract
    sec-meta""".split()
)


@dataclass
class XrefSpan:
    """One bibr xref as printed in the running text."""

    start: int
    end: int
    ids: tuple[str, ...]
    superscript: bool
    line: int
    block: int


@dataclass
class Block:
    """A stretch of the running text to cut into claims: a paragraph, caption or table row."""

    start: int
    end: int
    kind: str  # BODY, CAPTION, TABLE; HEADING (a section title) makes no claim
    section: Section | None
    paragraph: int  # a paragraph, a caption (title and text) or a table (rows and notes)
    whole: bool = False  # a table row is one claim, not cut into sentences


@dataclass
class RunningText:
    """The article's prose as one text, with the XML line of every character."""

    number_of_id: dict[str, int] = field(default_factory=dict)
    chars: list[str] = field(default_factory=list)
    line_of: list[int] = field(default_factory=list)
    xrefs: list[XrefSpan] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    # the xref elements read (the set keeps their lxml proxies, and so their identity, alive)
    seen: set[etree._Element] = field(default_factory=set)
    line: int = 1
    length: int = 0
    paragraphs: int = 0

    def new_paragraph(self) -> int:
        self.paragraphs += 1
        return self.paragraphs - 1

    def add(self, text: str | None) -> None:
        if not text:
            return
        for char in text:
            # XML layout ("\n    ") is a space in print; the line count still follows it
            self.chars.append(" " if char.isspace() else char)
            self.line_of.append(self.line)
            if char == "\n":
                self.line += 1
        self.length += len(text)

    def at(self, element: etree._Element) -> None:
        """Move the line counter to an element's start tag."""
        if element.sourceline:
            self.line = max(self.line, element.sourceline)

    def block(
        self,
        element: etree._Element,
        kind: str,
        section: Section | None,
        paragraph: int | None = None,
    ) -> list:
        """One element's text as a block (a paragraph of its own unless `paragraph` is given);
        returns the nested blocks met inside it, to be read after it."""
        deferred: list[etree._Element] = []
        self.at(element)
        start = self.length
        self.inline(element, deferred, superscript=False, block=len(self.blocks))
        if paragraph is None:
            paragraph = self.new_paragraph()
        self.blocks.append(Block(start, self.length, kind, section, paragraph))
        self.add("\n\n")
        return deferred

    def inline(
        self, element: etree._Element, deferred: list, *, superscript: bool, block: int
    ) -> None:
        self.add(element.text)
        for child in element:
            if isinstance(child, etree._Entity):
                self.add(entity_text(child))
            elif isinstance(child.tag, str):
                self.at(child)
                tag = local(child.tag)
                if tag in NESTED_BLOCKS:
                    deferred.append(child)
                    self.add(" ")
                elif tag == "disp-formula" or tag in ("label", "alt-text", "object-id"):
                    self.add(" ")
                elif tag == "inline-formula":
                    self.add(text_of(first_named(child, "math", "tex-math") or child))
                elif is_callout(child):
                    self.callout(child, deferred, superscript=superscript, block=block)
                else:
                    # <sup>, <italic>, <xref ref-type="fig">, <ext-link>, a <p> in a table cell…
                    padded = tag in ("p", "list-item", "break")
                    if padded:
                        self.add(" ")
                    self.inline(
                        child, deferred, superscript=superscript or tag == "sup", block=block
                    )
                    if padded:
                        self.add(" ")
            self.add(child.tail)

    def callout(
        self, xref: etree._Element, deferred: list, *, superscript: bool, block: int
    ) -> None:
        """A bibr xref: its printed text, and its span and ids recorded."""
        start = self.length
        self.inline(xref, deferred, superscript=superscript, block=block)
        ids = tuple((xref.get("rid") or "").split())
        if not "".join(self.chars[start:]).strip():
            # <xref rid="b1"/> prints its number by the stylesheet: print it here too, since a
            # callout of no width would be no span of text at all
            self.add(
                ",".join(str(self.number_of_id[key]) for key in ids if key in self.number_of_id)
            )
        self.seen.add(xref)
        end = self.length
        # "<xref>\n\t<sup>19</sup>\n</xref>": the callout is the number, not the layout
        while start < end and self.chars[start] == " ":
            start += 1
        while end > start and self.chars[end - 1] == " ":
            end -= 1
        self.xrefs.append(
            XrefSpan(
                start=start,
                end=end,
                ids=ids,
                superscript=superscript or any(local(s.tag) == "sup" for s in xref.iter()),
                line=xref.sourceline or self.line,
                block=block,
            )
        )

    def passage(self) -> Passage:
        return Passage(text="".join(self.chars), line_of=tuple(self.line_of))


def section_of(element: etree._Element, parent: Section | None) -> Section | None:
    """A container's <title> (and <label>) → a Section; no title keeps the parent's."""
    titles = children_named(element, "title")
    title = text_of(titles[0]) if titles else ""
    if not title:
        return parent
    label = children_named(element, "label")
    number = text_of(label[0]).rstrip(".") if label else None
    if not number:
        match = SECTION_NUMBER.match(title)
        if match:
            number, title = match.group("number"), match.group("title")
    line = titles[0].sourceline or 0
    return Section(number=number or None, title=title.rstrip("."), line_start=line)


def open_section(
    running: RunningText, element: etree._Element, parent: Section | None
) -> Section | None:
    """The section a container opens (recorded), or the parent's when it has no title."""
    section = section_of(element, parent)
    if section is not parent and section is not None:
        running.sections.append(section)
    return section


def collect_text(root: etree._Element, number_of_id: dict[str, int]) -> RunningText:
    """Abstract, body, back matter and floats → one running text of blocks, in document order."""
    running = RunningText(number_of_id=number_of_id)
    meta = first_named(root, "article-meta")
    abstracts = [a for a in element_children(meta)] if meta is not None else []
    for abstract in abstracts:
        if local(abstract.tag) != "abstract" or abstract.get("abstract-type") in ("teaser",):
            continue
        heading = section_of(abstract, None) or Section(None, "Abstract", abstract.sourceline or 0)
        running.sections.append(heading)
        walk(running, abstract, heading, BODY)
    for part in element_children(root):
        if local(part.tag) in ("body", "back", "floats-group"):
            walk(running, part, None, BODY)
    return running


def walk(
    running: RunningText, container: etree._Element, section: Section | None, kind: str
) -> None:
    """Paragraphs, floats and tables of a container, sections opened by their titles."""
    for child in element_children(container):
        tag = local(child.tag)
        if tag == "title":
            if any(is_callout(x) for x in child.iter()):
                running.block(child, HEADING, section)  # a callout in a heading is still one
        elif tag in SKIPPED:
            continue
        elif tag in ("p", "attrib", "term"):
            for nested in running.block(child, kind, section):
                walk_nested(running, nested, section, kind)
        elif tag in FLOATS:
            walk_float(running, child, section)
        elif tag in ("table", "alternatives"):
            walk_table(running, child, section)
        elif tag in CONTAINERS:
            walk(running, child, open_section(running, child, section), kind)
        elif any(local(x.tag) in ("p", "sec", "table") for x in child.iter()):
            walk(running, child, section, kind)
        else:
            running.block(child, kind, section)


def walk_nested(
    running: RunningText, element: etree._Element, section: Section | None, kind: str
) -> None:
    tag = local(element.tag)
    if tag in FLOATS:
        walk_float(running, element, section)
    else:
        walk(running, element, section, kind)


def walk_float(running: RunningText, element: etree._Element, section: Section | None) -> None:
    """A figure or table: its caption as captions, its rows and footnotes as table lines."""
    for child in element_children(element):
        tag = local(child.tag)
        if tag == "caption":
            paragraph = running.new_paragraph()  # the title and text of a caption: one
            for part in element_children(child):
                if local(part.tag) in ("title", "p"):
                    for nested in running.block(part, CAPTION, section, paragraph):
                        walk_nested(running, nested, section, CAPTION)
        elif tag in ("table", "alternatives"):
            walk_table(running, child, section)
        elif tag == "table-wrap-foot":
            walk(running, child, section, TABLE)
        elif tag in FLOATS:
            walk_float(running, child, section)
        elif tag == "p":  # boxed text holds paragraphs and sections
            for nested in running.block(child, BODY, section):
                walk_nested(running, nested, section, BODY)
        elif tag in CONTAINERS:
            walk(running, child, open_section(running, child, section), BODY)


def walk_table(running: RunningText, table: etree._Element, section: Section | None) -> None:
    """Each row of a table → one TABLE block, its cells joined by " | "."""
    if local(table.tag) == "alternatives":  # the same table as XHTML and as an image: the first
        tables = [t for t in element_children(table) if local(t.tag) == "table"]
        if not tables:
            return
        table = tables[0]
    paragraph = running.new_paragraph()  # a table is a paragraph of its own
    for row in table.iter():
        if local(row.tag) != "tr":
            continue
        running.at(row)
        start = running.length
        deferred: list[etree._Element] = []
        for index, cell in enumerate(children_named(row, "td", "th")):
            if index:
                running.add(" | ")
            running.at(cell)
            running.inline(cell, deferred, superscript=False, block=len(running.blocks))
        running.blocks.append(Block(start, running.length, TABLE, section, paragraph, whole=True))
        running.add("\n\n")
        for nested in deferred:
            walk_nested(running, nested, section, TABLE)


def is_callout(element: etree._Element) -> bool:
    return local(element.tag) == "xref" and element.get("ref-type") == "bibr"


def collect_stray_xrefs(root: etree._Element, running: RunningText) -> None:
    """Callouts outside the prose read above (an author note, a heading's label): still callouts."""
    for xref in root.iter():
        if (
            is_callout(xref)
            and xref not in running.seen
            and not has_ancestor(xref, "ref-list")
            and not outside_article(xref)
        ):
            running.at(xref)
            start = running.length
            superscript = has_ancestor(xref, "sup")
            running.callout(xref, [], superscript=superscript, block=len(running.blocks))
            running.blocks.append(Block(start, running.length, HEADING, None, -1))
            running.add("\n\n")


# --- step 5: callouts -------------------------------------------------------------------------

# between two xrefs of one callout: "[1], [2]", "1,3", "[1]–[5]", "1 – 3", and SciELO's
# "</xref>\n\t\t<sup>,</sup>\n\t\t<xref>": a comma or dash or two, in any layout
JOINER = re.compile(rf"^\s*(?:[,;{DASH}]\s*){{0,2}}$")
# a callout's text as printed, without the XML's layout: "[1, 2]", "9,26", "(2–4)"
SPACE_AROUND_JOINERS = re.compile(rf"\s*([\])\],;{DASH}])\s*|([\[(])\s+")
OPENERS = {"[": "]", "(": ")"}
MAX_RANGE = 500  # "[1]–[5]" fills 2–4; a "range" wider than any reference list is not one


def group_markers(
    running: RunningText, text: str, number_of_id: dict[str, int]
) -> tuple[list[Marker], list[Problem]]:
    """Adjacent xrefs → callouts; a dash between two xrefs covers the numbers between them."""
    groups: list[list[XrefSpan]] = []
    for span in running.xrefs:
        previous = groups[-1][-1] if groups else None
        if (
            previous is not None
            and previous.block == span.block
            and JOINER.match(text[previous.end : span.start])
        ):
            groups[-1].append(span)
        else:
            groups.append([span])
    markers: list[Marker] = []
    problems: list[Problem] = []
    for group in groups:
        numbers: list[int] = []
        for index, span in enumerate(group):
            found = xref_numbers(span, text, number_of_id)
            if not found:
                problems.append(
                    Problem(
                        span.line,
                        "jats",
                        f"callout “{text[span.start : span.end].strip()}” "
                        f"points at no reference ({' '.join(span.ids) or 'no rid'})",
                    )
                )
                continue
            joiner = text[group[index - 1].end : span.start] if index else ""
            if numbers and re.search(f"[{DASH}]", joiner):
                low, high = numbers[-1], found[0]
                if low < high and high - low <= MAX_RANGE:
                    numbers.extend(range(low + 1, high))
            numbers.extend(found)
        if not numbers:
            continue
        start, end = group[0].start, group[-1].end
        if start > 0 and end < len(text) and OPENERS.get(text[start - 1]) == text[end]:
            start, end = start - 1, end + 1
        printed = SPACE_AROUND_JOINERS.sub(tidy_joiner, " ".join(text[start:end].split()))
        if printed[:1] == "[":
            style = "bracket"
        elif printed[:1] == "(":
            style = "paren"
        else:
            style = "superscript"
            printed = printed.replace(" ", "")  # set small and tight: "9,26"
        markers.append(
            Marker(
                line=group[0].line,
                text=printed,
                numbers=tuple(dict.fromkeys(numbers)),
                start=start,
                end=end,
                style=style,
            )
        )
    return markers, problems


def tidy_joiner(match: re.Match[str]) -> str:
    """ "9 , 26" → "9,26"; "[ 1 ]" → "[1]"; a comma keeps the space after it ("[2], [5]")."""
    if match.group(2):
        return match.group(2)
    joiner = match.group(1)
    return joiner + " " if joiner in ",;" and match.group(0).endswith(" ") else joiner


def xref_numbers(span: XrefSpan, text: str, number_of_id: dict[str, int]) -> list[int]:
    """The numbers one xref stands for: its ids', or its printed range when that covers them.

    `<xref rid="b3">3–5</xref>` (one id, a range printed inside) stands for 3, 4, 5.
    """
    by_id = [number_of_id[key] for key in span.ids if key in number_of_id]
    printed = expand_numbers(text[span.start : span.end].strip().strip("[]()").strip())
    if printed and set(by_id) <= set(printed):
        return list(printed)
    return by_id


# --- step 6: claims ---------------------------------------------------------------------------


def make_claims(running: RunningText, passage: Passage, markers: list[Marker]) -> list[Claim]:
    """Sentences of each paragraph and caption, and each table row, with the markers they carry."""
    ordered = sorted(markers, key=lambda marker: marker.start)
    starts = [marker.start for marker in ordered]
    claims = []
    for block in running.blocks:
        if block.kind not in (BODY, CAPTION, TABLE):
            continue
        segment = Segment(start=block.start, end=block.end, kind=block.kind, section=block.section)
        inside = ordered[bisect_left(starts, block.start) : bisect_left(starts, block.end)]
        if block.whole:  # a table row
            spans = [(block.start, block.end)]
        else:
            spans = split_sentences(passage.text, block.start, block.end, inside)
        for span in spans:
            claim = make_claim(passage, [span], ordered, starts, segment, block.paragraph)
            if claim is not None:
                claims.append(claim)
    return claims


# --- the whole route --------------------------------------------------------------------------


def parse_jats(data: bytes, name: str) -> ParsedDocument:
    """A JATS article's bytes → everything the text route would find, read from the structure."""
    root = parse_xml(data, name)
    listed = read_references(root)
    problems = listed.problems
    running = collect_text(root, listed.number_of_id)
    collect_stray_xrefs(root, running)
    passage = running.passage()
    # the prose read from the XML meets the limits a text does (the file's bytes met ingest's)
    check_text_limits(passage.text, name)
    callouts = [passage.text[span.start : span.end] for span in running.xrefs]
    refuse_author_year(name, callouts, listed.by_label)
    markers, marker_problems = group_markers(running, passage.text, listed.number_of_id)
    claims = make_claims(running, passage, markers)
    unexpanded = sorted(
        {e.name for e in root.iter() if isinstance(e, etree._Entity) and not entity_text(e)}
    )
    if unexpanded:
        problems.append(
            Problem(None, "jats", f"entities left unexpanded, for safety: {', '.join(unexpanded)}")
        )
    meta = first_named(root, "article-meta")
    title = text_of(first_named(meta, "article-title")) if meta is not None else ""
    own_doi = article_doi(meta)
    return ParsedDocument(
        lines=source_lines(root, data),
        references=listed.entries,
        markers=markers,
        sections=running.sections,
        claims=claims,
        problems=[*problems, *marker_problems],
        title=title or None,
        doi=own_doi,
        source=publication(root, meta, own_doi),
        licence=licence_of(meta),
        format="jats",
    )


def article_doi(meta: etree._Element | None) -> str | None:
    """<article-id pub-id-type="doi"> of the article itself."""
    for article_id in children_named(meta, "article-id") if meta is not None else []:
        if article_id.get("pub-id-type") == "doi":
            return DOI_PREFIX.sub("", text_of(article_id)) or None
    return None


def publication(root: etree._Element, meta: etree._Element | None, doi: str | None) -> str | None:
    """ "PLoS ONE, 2007, 2(2), e217; doi:10.1371/journal.pone.0000217", as refs/README.md
    writes a text's source, from the journal and article metadata."""
    if meta is None:
        return None
    journal = text_of(first_named(root, "journal-title")) or text_of(
        first_named(root, "journal-id")
    )
    years = [text_of(first_named(date, "year")) for date in children_named(meta, "pub-date")]

    def own(name: str) -> str:  # article-meta's own child, not one of a related article
        found = children_named(meta, name)
        return text_of(found[0]) if found else ""

    volume, issue, pages = own("volume"), own("issue"), own("elocation-id")
    first, last = own("fpage"), own("lpage")
    if first:
        pages = f"{first}–{last}" if last and last != first else first
    parts = [
        journal,
        next((year for year in years if year), ""),
        volume + (f"({issue})" if issue else ""),
        pages,
    ]
    printed = ", ".join(part for part in parts if part)
    if doi:
        printed = f"{printed}; doi:{doi}" if printed else f"doi:{doi}"
    return printed or None


# "http://creativecommons.org/licenses/by-nc/3.0/" → "CC BY-NC 3.0"
CREATIVE_COMMONS = re.compile(
    r"creativecommons\.org/(?:licenses/([a-z-]+)|publicdomain/zero)/([\d.]+)"
)


def licence_of(meta: etree._Element | None) -> str | None:
    """The article's licence: a Creative Commons one by name, else the licence's first words."""
    permissions = first_named(meta, "permissions") if meta is not None else None
    if permissions is None:
        return None
    licence = first_named(permissions, "license")
    if licence is None:
        return None
    links = [href(licence)] + [
        href(e) or text_of(e) for e in licence.iter() if local(e.tag) in ("ext-link", "uri")
    ]
    links.append(text_of(licence))
    for link in links:
        match = CREATIVE_COMMONS.search(link or "")
        if match:
            kind = match.group(1)
            return f"CC {kind.upper()} {match.group(2)}" if kind else f"CC0 {match.group(2)}"
    words = text_of(licence)
    return (words[:200].rsplit(" ", 1)[0] + " …" if len(words) > 200 else words) or None


def source_lines(root: etree._Element, data: bytes) -> list[Line]:
    """The XML file's lines, which every `line` of the parse points into."""
    encoding = root.getroottree().docinfo.encoding or "utf-8"
    try:
        text = data.decode(encoding, errors="replace")
    except LookupError:
        text = data.decode("utf-8", errors="replace")
    return [Line(number=n, text=line, raw=line) for n, line in enumerate(text.splitlines(), 1)]


__all__ = ["looks_like_jats", "parse_jats"]
