"""Invented reviews for the style samples: a body that cites, and a bibliography in CSL-JSON.

Nothing here is real: names, titles and DOIs are drawn from small vocabularies with a seeded
random generator, so a sample can be drawn again exactly. What the entries hold is what real
lists hold and what a reader gets wrong (docs/accuracy.md, "The journals' own styles"): up to
twelve authors, particles ("van der Berg"), accented and hyphenated names, titles with colons,
question marks and hyphenated compounds, e-page article numbers, articles without DOIs or
issues, books with editions, chapters in edited books, web pages. The body puts numbers beside
callouts ("at 9 mg/kg", "in 2021", "COVID-19"), where a flattened superscript is hardest to read.
"""

from __future__ import annotations

import random

FAMILY = (
    "Tanaka Rossi Moreau Lindqvist Okafor Silva Kowalski Nguyen Popescu Fischer Horváth "
    "Fernández García-López Šimić Ødegaard Müller Nuñez Mensah Patel Weber Ferrari Singh "
    "Andersson Gallagher Papadopoulos Dubois Schmidt Yamamoto Kim Chen Li Wang Zhang Novak "
    "Jensen Costa Almeida Sørensen Błaszczyk Çelik Yılmaz Ivanova Petrov Hernández Torres Das "
    "Lee Park Alvarez Murphy Walsh Brennan Kuznetsova Eriksson Laine Virtanen Haddad Abdullah"
).split()
APOSTROPHE_FAMILY = ["O’Brien", "D’Angelo", "O’Neill"]
PARTICLE_FAMILY = [
    ("van der", "Berg"),
    ("de", "Souza"),
    ("di", "Marco"),
    ("von", "Arnim"),
    ("van", "Dijk"),
    ("de la", "Cruz"),
    ("le", "Roux"),
]
GIVEN = (
    "Teresa Jean-Pierre Zoë Noémie Hiroshi Aisha Luis Dmitri Emma Olivia Marta Kwame Ana "
    "Lucía Xavier Ingrid Søren Michael Anna Chen Wei Mei-Ling Hans-Jürgen Giulia Tomasz Ewa "
    "Fatima Omar Priya Rahul Sven Elif Mehmet Julia Carlos Sofia Yusuf Grace Daniel Claire"
).split()

WORDS = (
    "tumour immune response kinase inhibitor resistance mutation fusion receptor signalling "
    "pathway expression therapy outcome survival cohort patients trial clinical lung cancer "
    "metastatic fibrosis inflammation microbiome liver kidney cardiac neuronal plasticity "
    "protein binding structure dynamics cells mice model analysis cohort prognosis biomarker "
    "screening imaging adjuvant chemotherapy radiotherapy dose toxicity efficacy safety "
    "regulation transcription chromatin methylation variant genome sequencing single-cell "
    "tumour-infiltrating long-term follow-up high-throughput T-cell NF-kB PD-L1 anti-PD-1 "
    "fibroglandular first-line second-line drug-resistant treatment-naive"
).split()
TITLE_FORMS = (
    "{a} {b} of {c} in {d}",
    "{a} {b} in {c} {d}: a {e} study",
    "Does {a} {b} predict {c} in {d}?",
    "{a} and {b} {c}: results from a {d} {e} trial",
    "Role of {a} in {b} {c} {d}",
    "{a} {b} after {c} {d} in mice",
    "A {a} {b} for {c} {d} (the {e} study)",
    "{a}-associated {b} {c}: a systematic review and meta-analysis",
)
JOURNALS = (
    "Annals of Oncology",
    "J Biol Chem",
    "Nature",
    "eLife",
    "Clin Cancer Res",
    "Journal of Clinical Investigation",
    "N Engl J Med",
    "The Lancet Oncology",
    "Front. Immunol.",
    "Cancer Research",
    "PLoS ONE",
    "Sci Transl Med",
    "Neurology",
    "Gut",
    "JAMA Oncology",
    "Kidney International",
    "J. Infect. Dis.",
    "Ann. Intern. Med.",
    "Circulation",
    "Nature Communications",
    "Hepatology",
    "Journal of Thoracic Oncology",
    "Cell Reports",
    "Blood",
)
PUBLISHERS = (
    ("Elsevier", "Amsterdam"),
    ("Springer", "Berlin"),
    ("Oxford University Press", "Oxford"),
    ("Karger", "Basel"),
    ("De Gruyter", "Berlin"),
    ("CRC Press", "Boca Raton, FL"),
    ("Humana Press", "New York"),
    ("Cambridge University Press", "Cambridge"),
    ("Wiley-Blackwell", "Hoboken, NJ"),
)
BOOK_FORMS = (
    "Textbook of {a}",
    "Handbook of {a} {b}",
    "{a} {b}: principles and practice",
    "Methods in {a} {b}",
)
ORGANISATIONS = (
    "World Health Organization",
    "European Medicines Agency",
    "National Cancer Institute",
    "Cancer Research UK",
)
SITES = (
    "https://www.who.int/publications/i/item/",
    "https://www.ema.europa.eu/en/documents/report/",
    "https://www.cancer.gov/research/progress/",
    "https://www.cancerresearchuk.org/health-professional/",
)

BODY_WORDS = (
    "these results suggest that the response to treatment depends on the tumour context and "
    "on prior exposure further studies have reported similar findings in larger cohorts while "
    "others found no effect of dose on survival the mechanism remains unclear although several "
    "groups proposed a role for the immune microenvironment in resistance"
).split()
# Numbers beside a callout: after them a flattened superscript reads as one number
NUMBER_CONTEXTS = (
    "at 9 mg/kg",
    "in 2021",
    "in COVID-19",
    "on exon 19",
    "at stage 3",
    "(n = 112)",
    "(95% CI 0.35–0.66)",
    "during follow-up",
    "in 45% of patients",
)


def _name(rng: random.Random) -> dict:
    roll = rng.random()
    given = rng.choice(GIVEN)
    if rng.random() < 0.15:
        given = f"{given} {rng.choice(GIVEN)}"
    if roll < 0.08:
        particle, family = rng.choice(PARTICLE_FAMILY)
        return {"family": family, "given": given, "non-dropping-particle": particle}
    if roll < 0.12:
        return {"family": rng.choice(APOSTROPHE_FAMILY), "given": given}
    family = rng.choice(FAMILY)
    if rng.random() < 0.05:
        family = f"{family}-{rng.choice(FAMILY)}"
    return {"family": family, "given": given}


def _authors(rng: random.Random) -> list[dict]:
    count = rng.choice((1, 1, 2, 2, 3, 3, 4, 5, 6, 7, 8, 12))
    return [_name(rng) for _ in range(count)]


def _title(rng: random.Random) -> str:
    form = rng.choice(TITLE_FORMS)
    words = rng.sample(WORDS, 5)
    return _capital(form.format(a=words[0], b=words[1], c=words[2], d=words[3], e=words[4]))


def _capital(text: str) -> str:
    return text[0].upper() + text[1:]


def _doi(rng: random.Random, year: int) -> str:
    prefix = rng.choice(("10.1016", "10.1038", "10.1056", "10.1093", "10.1371", "10.7554"))
    suffix = rng.choice(
        (
            f"j.annonc.{year}.{rng.randint(1, 12):02d}.{rng.randint(1, 999):03d}",
            f"s41586-{year % 100:02d}-{rng.randint(1000, 9999)}-{rng.randint(0, 9)}",
            f"NEJMoa{rng.randint(1000000, 9999999)}",
            f"journal.pone.{rng.randint(1000000, 9999999):07d}",
            f"eLife.{rng.randint(10000, 99999)}",
        )
    )
    return f"{prefix}/{suffix}"


def _pages(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return rng.choice(("e", "")) + str(rng.randint(100000, 999999))
    first = rng.randint(1, 9000)
    return f"{first}–{first + rng.randint(2, 24)}"


def _issued(year: int) -> dict:
    return {"date-parts": [[year]]}


def article(rng: random.Random, key: str) -> dict:
    year = rng.randint(1988, 2025)
    item = {
        "id": key,
        "type": "article-journal",
        "author": _authors(rng),
        "title": _title(rng),
        "container-title": rng.choice(JOURNALS),
        "volume": str(rng.randint(1, 420)),
        "page": _pages(rng),
        "issued": _issued(year),
    }
    if rng.random() < 0.7:
        item["issue"] = str(rng.randint(1, 24))
    if rng.random() < 0.85:
        item["DOI"] = _doi(rng, year)
    return item


def book(rng: random.Random, key: str) -> dict:
    publisher, place = rng.choice(PUBLISHERS)
    words = rng.sample(WORDS, 2)
    item = {
        "id": key,
        "type": "book",
        "author": _authors(rng)[:3],
        "title": _capital(rng.choice(BOOK_FORMS).format(a=words[0], b=words[1])),
        "publisher": publisher,
        "publisher-place": place,
        "issued": _issued(rng.randint(1990, 2024)),
    }
    if rng.random() < 0.4:
        item["edition"] = str(rng.randint(2, 6))
    return item


def chapter(rng: random.Random, key: str) -> dict:
    item = book(rng, key)
    item.pop("edition", None)
    item["type"] = "chapter"
    item["container-title"] = item["title"]
    item["title"] = _title(rng)
    item["author"] = _authors(rng)[:4]
    item["editor"] = [_name(rng) for _ in range(rng.choice((1, 1, 2)))]
    first = rng.randint(1, 900)
    item["page"] = f"{first}–{first + rng.randint(5, 30)}"
    return item


def webpage(rng: random.Random, key: str) -> dict:
    year = rng.randint(2010, 2024)
    number = rng.randint(0, len(SITES) - 1)
    return {
        "id": key,
        "type": "webpage",
        "author": [{"literal": ORGANISATIONS[number]}],
        "title": _title(rng),
        "URL": SITES[number] + f"report-{rng.randint(100, 999)}",
        "issued": _issued(year),
        "accessed": {"date-parts": [[2025, rng.randint(1, 12), rng.randint(1, 28)]]},
    }


def bibliography(rng: random.Random, size: int = 30) -> list[dict]:
    makers = [article] * (size - 7) + [book] * 2 + [chapter] * 3 + [webpage] * 2
    rng.shuffle(makers)
    return [make(rng, f"r{index:02d}") for index, make in enumerate(makers, 1)]


# words a sentence (and so a callout before its full stop) does not end on
ENDLESS = frozenset(
    "a the and to of on in for that these while although have no others further several".split()
)


def _sentence(rng: random.Random) -> str:
    words = rng.sample(BODY_WORDS, rng.randint(8, 16))
    while len(words) > 4 and words[-1] in ENDLESS:
        words.pop()
    return words[0].capitalize() + " " + " ".join(words[1:])


def body(rng: random.Random, keys: list[str]) -> str:
    """Markdown paragraphs citing every key in order of first use, some twice, some in runs."""
    pending = list(keys)
    cited: list[str] = []
    paragraphs: list[str] = []
    sections = ("Introduction", "Mechanisms of resistance", "Clinical evidence", "Outlook")
    for section in sections:
        paragraphs.append(f"# {section}")
        for _ in range(3):
            sentences = []
            for _ in range(rng.randint(3, 5)):
                sentence = _sentence(rng)
                if rng.random() < 0.35:
                    sentence += " " + rng.choice(NUMBER_CONTEXTS)
                group: list[str] = []
                roll = rng.random()
                if pending and roll < 0.6:
                    take = rng.choice((1, 1, 1, 2, 3, 4))
                    group, pending = pending[:take], pending[take:]
                # a re-citation now and then; a third of sentences cite nothing
                if cited and (rng.random() < 0.2 or (not group and roll > 0.85)):
                    group.append(rng.choice(cited))
                cited.extend(key for key in group if key not in cited)
                if group:
                    marks = "; ".join(f"@{key}" for key in dict.fromkeys(group))
                    sentence += f" [{marks}]"
                sentences.append(sentence + ".")
            paragraphs.append(" ".join(sentences))
    if pending:
        marks = "; ".join(f"@{key}" for key in pending)
        paragraphs.append(f"Further work has extended these findings [{marks}].")
    return "\n\n".join(paragraphs) + "\n\n# References\n"
