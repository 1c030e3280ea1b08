"""Properties: random prose with injected callouts in each supported style, plus a matching list.

Whatever the prose, the parse must not crash, and every injected callout must be found on its
line with its expanded numbers. A failure prints the minimal document hypothesis found.
"""

from __future__ import annotations

import random
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflink.citations import EQUATION_LEADS
from reflink.ingest import parse_document
from synthetic import WORDS, format_callout, format_entry

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

words = st.sampled_from(WORDS)


@st.composite
def callout_groups(draw, next_number: int, entries: int) -> list[tuple[int, int]]:
    """Numbers for one callout: mostly the next new ones (a single, a list, a range), else old ones.

    First citations come in increasing order, as printed reviews number them; an old number may
    be cited again anywhere ("metastases.9" late in the text).
    """
    if next_number <= entries and draw(st.integers(0, 3)) > 0:
        groups = []
        for _ in range(draw(st.integers(1, 3))):
            if next_number > entries:
                break
            span = draw(st.sampled_from([0, 0, 1, 2, 3, 6]))
            high = min(entries, next_number + span)
            groups.append((next_number, high))
            next_number = high + 1
        return groups
    old = sorted(
        set(draw(st.lists(st.integers(1, max(1, next_number - 1)), min_size=1, max_size=2)))
    )
    return [(n, n) for n in old]


@st.composite
def cited_reviews(draw):
    """(text, style, [(line, numbers)]) for a short review with a reference list in its style."""
    style = draw(st.sampled_from(["superscript", "bracket", "paren"]))
    entries = draw(st.integers(3, 40))
    width = draw(st.integers(40, 90))
    tokens: list[tuple[str, tuple[int, ...] | None]] = []
    next_number = 1
    for _ in range(draw(st.integers(1, 14))):
        sentence = draw(st.lists(words, min_size=3, max_size=14))
        sentence[0] = sentence[0].capitalize()
        marker = None
        if draw(st.booleans()) or next_number == 1:
            groups = draw(callout_groups(next_number, entries))
            next_number = max(next_number, max(high for _, high in groups) + 1)
            dash = "–" if style == "superscript" else draw(st.sampled_from(["–", "-"]))
            callout = format_callout(style, groups, dash)
            numbers = tuple(n for low, high in groups for n in range(low, high + 1))
            # where in the sentence: its end, or (bracket and paren) after any word
            at = len(sentence) - 1
            if style != "superscript" and len(sentence) > 3 and draw(st.booleans()):
                at = draw(st.integers(1, len(sentence) - 2))
            if style == "paren" and sentence[at].lower() in EQUATION_LEADS:
                # "derived from (7)" reads exactly like an equation reference, so the parser
                # wants more evidence there (test_citations: equation-lead cases); the property
                # is about callouts whose reading is not in doubt
                sentence[at] = "studies"
            if style == "superscript":
                # "mortality.1 Cancer …": after the full stop, glued
                cited_word = f"{sentence[at]}.{callout}"
            elif at == len(sentence) - 1:
                # "… in patients [3–5, 9]." / "… in patients (2, 6-8)."
                cited_word = f"{sentence[at]} {callout}."
            else:
                # "as reported [4] the kinase …": mid-sentence
                cited_word = f"{sentence[at]} {callout}"
            marker = numbers
            tokens.extend((word, None) for word in sentence[:at])
            tokens.append((cited_word, marker))
            tail = sentence[at + 1 :]
            if tail:
                tokens.extend((word, None) for word in tail[:-1])
                tokens.append((tail[-1] + ".", None))
        else:
            tokens.extend((word, None) for word in sentence[:-1])
            tokens.append((sentence[-1] + ".", None))
    title = "A review of " + " ".join(draw(st.lists(words, min_size=2, max_size=5)))
    lines = [title, ""]
    injected: list[tuple[int, tuple[int, ...]]] = []
    current: list[str] = []
    for token, numbers in tokens:
        if current and len(" ".join([*current, token])) > width:
            lines.append(" ".join(current))
            current = []
        current.append(token)
        if numbers is not None:
            injected.append((len(lines) + 1, numbers))
    lines.append(" ".join(current))
    rng = random.Random(draw(st.integers(0, 2**16)))
    lines += ["", "References", ""]
    for number in range(1, entries + 1):
        lines.extend(format_entry(style, number, rng))
    return "\n".join(lines) + "\n", style, injected


@SETTINGS
@given(cited_reviews())
def test_every_injected_callout_is_found_on_its_line(review) -> None:
    text, _style, injected = review
    doc = parse_document(text)
    found = Counter((marker.line, tuple(marker.numbers)) for marker in doc.markers)
    missing = Counter(injected) - found
    assert not missing, f"not found (line, numbers): {sorted(missing)}"


@SETTINGS
@given(cited_reviews())
def test_every_entry_of_the_list_is_found(review) -> None:
    text, _style, _injected = review
    doc = parse_document(text)
    expected = text.split("\nReferences\n", 1)[1]
    count = sum(1 for line in expected.splitlines() if line[:1].isdigit() or line.startswith("["))
    assert [ref.number for ref in doc.references] == list(range(1, count + 1))


# Letters, digits, brackets, dashes, punctuation and line ends: the characters callouts are made of
ALPHABET = st.sampled_from(
    list("abcdeABCDE0123456789[](),.;:–-— \n\t%") + ["\ue103", "\ufffd", "¼"]
)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=3000))
def test_any_text_parses_without_crashing(text: str) -> None:
    doc = parse_document(text)
    lines = text.split("\n")
    for marker in doc.markers:
        assert 1 <= marker.line <= len(lines)
        assert all(number > 0 for number in marker.numbers)


def chain_by_scanning(labels, weights=None):
    """best_chain as first written: each label scans back over every earlier label of its form
    within MAX_ENTRY_LINES lines, nearest first (the reference the faster lookup must match)."""
    from reflink.references import MAX_ENTRY_LINES, MAX_GAP

    best, best_score = [], 0.0
    position = {id(label): i for i, label in enumerate(labels)}
    for form in ("bracket", "dotted", "bare", "paren"):
        chosen = [label for label in labels if label.form == form]
        weight = [weights[position[id(label)]] if weights else 1.0 for label in chosen]
        score, back = [], []
        for i, label in enumerate(chosen):
            score.append(weight[i])
            back.append(-1)
            for j in range(i - 1, -1, -1):
                if label.index - chosen[j].index > MAX_ENTRY_LINES:
                    break
                gap = label.number - chosen[j].number
                if 1 <= gap <= MAX_GAP:
                    candidate = score[j] + weight[i] - 0.3 * (gap - 1)
                    if candidate > score[i]:
                        score[i], back[i] = candidate, j
        if score:
            end = max(range(len(score)), key=lambda k: (score[k], k))
            if score[end] > best_score:
                best_score, chain = score[end], []
                while end >= 0:
                    chain.append(chosen[end])
                    end = back[end]
                best = chain[::-1]
    return best


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 6),  # lines since the previous label: labels share lines too
            st.integers(1, 40),  # its number: lists skip, repeat and go back
            st.sampled_from(["bracket", "dotted", "bare", "paren"]),
            st.sampled_from([0.5, 1.0, 1.0, 2.0]),
        ),
        max_size=120,
    ),
    st.booleans(),
)
def test_the_chain_of_labels_is_the_one_a_scan_of_every_earlier_label_finds(rows, weighted):
    """best_chain looks only at labels numbered 1–MAX_GAP below each label; what it finds is
    what scanning every label of the 80 lines before would find, ties included."""
    from reflink.references import Label, best_chain

    labels, index = [], 0
    for step, number, form, _weight in rows:
        index += step * 9  # steps of 9 lines: chains cross MAX_ENTRY_LINES
        labels.append(Label(index, number, form, 0))
    weights = [weight for *_rest, weight in rows] if weighted else None
    assert best_chain(labels, weights) == chain_by_scanning(labels, weights)
