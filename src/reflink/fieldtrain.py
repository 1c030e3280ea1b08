"""Train and evaluate the reference field model (`make train`); never run on installation.

    python -m reflink.fieldtrain ../shared/refdata src/reflink/data/fields.crfsuite

Reads the labelled reference strings (GROBID citation corpus, CC BY 4.0; AnyStyle core set,
BSD-2-Clause), keeps a test split it does not train on — GROBID's `evaluation-citation-*`
files and every tenth AnyStyle reference — trains a CRF with a fixed setting (L-BFGS is
deterministic, the data order is the files' order, so a rerun writes the same model), and
prints field F1 per field and per source next to GROBID's published figure. The scores go
to `fields-scores.json` beside the model.
"""

from __future__ import annotations

import json
import re
import sys
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .fieldmodel import Token, fields_from_tags, token_features, tokenize

DATA_FILES = ("grobid-citations.jsonl", "anystyle-core.jsonl")
# L1 keeps the model small (only features with a non-zero weight are written); L2 smooths.
TRAINER_PARAMS = {
    "c1": 0.3,
    "c2": 0.01,
    "max_iterations": 120,
    "feature.possible_transitions": True,
}
EDGE_PUNCTUATION = frozenset(".,;:()[]")
# GROBID's CRF (Wapiti) citation model, 10-fold cross-validation, micro-averaged field F1,
# GROBID 0.6.0: doc/benchmarks/Benchmarking-models.md in kermitt2/grobid.
GROBID_CITATION_F1 = 0.9448


@dataclass(frozen=True)
class Example:
    source: str  # "grobid" or "anystyle"
    test: bool
    text: str
    spans: tuple[tuple[str, int, int], ...]


def load_examples(folder: Path) -> list[Example]:
    """The labelled references, each marked train or test (a fixed, documented split)."""
    examples = []
    for name in DATA_FILES:
        for line in (folder / name).read_text(encoding="utf-8").split("\n"):
            if not line.strip():
                continue  # (not splitlines: U+2028 may sit inside a string)
            record = json.loads(line)
            grobid = record["source"].startswith("kermitt2/grobid")
            test = "evaluation-citation" in record["source"] if grobid else record["item"] % 10 == 0
            spans = tuple((s["label"], s["start"], s["end"]) for s in record["spans"])
            examples.append(
                Example("grobid" if grobid else "anystyle", test, record["text"], spans)
            )
    return examples


def token_labels(example: Example, tokens: Sequence[Token]) -> list[str]:
    """One label per token: the span it starts in, else O; punctuation at a span's edges is O
    (AnyStyle's spans carry it, GROBID's do not)."""
    labels = ["O"] * len(tokens)
    for label, start, end in example.spans:
        inside = [i for i, t in enumerate(tokens) if start <= t.start < end]
        while inside and tokens[inside[0]].text in EDGE_PUNCTUATION:
            inside.pop(0)
        while inside and tokens[inside[-1]].text in EDGE_PUNCTUATION:
            inside.pop()
        for i in inside:
            labels[i] = label
    return labels


def normalise(text: str) -> str:
    """Field text compared as GROBID's evaluation does loosely: letters and digits only."""
    text = unicodedata.normalize("NFKD", text).casefold()
    return re.sub(r"[\W_]+", "", text)


def gold_fields(example: Example) -> dict[str, str]:
    out: dict[str, list[str]] = {}
    for label, start, end in example.spans:
        out.setdefault(label, []).append(example.text[start:end])
    return {label: normalise(" ".join(pieces)) for label, pieces in out.items()}


def predicted_fields(example: Example, tokens: Sequence[Token], labels: Sequence[str]):
    spans = fields_from_tags(example.text, tokens, labels)
    return {label: normalise(" ".join(pieces)) for label, pieces in spans.items()}


def field_scores(pairs: Iterable[tuple[dict[str, str], dict[str, str]]]) -> dict[str, dict]:
    """Per field: precision, recall and F1 of whole-field exact matches (normalised)."""
    counts: dict[str, list[int]] = {}
    for gold, predicted in pairs:
        for label in set(gold) | set(predicted):
            tp_fp_fn = counts.setdefault(label, [0, 0, 0])
            g, p = gold.get(label), predicted.get(label)
            if g and p and g == p:
                tp_fp_fn[0] += 1
            else:
                tp_fp_fn[1] += bool(p)
                tp_fp_fn[2] += bool(g)
    scores = {}
    for label, (tp, fp, fn) in sorted(counts.items()):
        scores[label] = score(tp, fp, fn)
    total = [sum(c[k] for c in counts.values()) for k in range(3)]
    scores["all (micro)"] = score(*total)
    return scores


def score(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "support": tp + fn,
    }


def featurise(examples: Sequence[Example]):
    """Features and labels for every example, computed once per run."""
    out = []
    for example in examples:
        tokens = tokenize(example.text)
        out.append((tokens, token_features(tokens, example.text), token_labels(example, tokens)))
    return out


def train(folder: Path, model_path: Path) -> dict:
    """Train on the train split, write the model, evaluate on the test split; the scores."""
    import pycrfsuite

    started = time.perf_counter()
    examples = load_examples(folder)
    featured = featurise(examples)
    trainer = pycrfsuite.Trainer(verbose=False)
    for example, (_, xseq, yseq) in zip(examples, featured, strict=True):
        if not example.test:
            trainer.append(xseq, yseq)
    trainer.set_params(TRAINER_PARAMS)
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))
    seconds = time.perf_counter() - started

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    by_source: dict[str, list] = {"all": []}
    for example, (tokens, xseq, _) in zip(examples, featured, strict=True):
        if example.test:
            pair = (gold_fields(example), predicted_fields(example, tokens, tagger.tag(xseq)))
            by_source["all"].append(pair)
            by_source.setdefault(example.source, []).append(pair)
    report = {
        "trained_on": sum(not e.test for e in examples),
        "tested_on": {name: len(pairs) for name, pairs in by_source.items()},
        "params": TRAINER_PARAMS,
        "train_seconds": round(seconds, 1),
        "model_bytes": model_path.stat().st_size,
        "scores": {name: field_scores(pairs) for name, pairs in by_source.items()},
        "grobid_published_citation_f1": GROBID_CITATION_F1,
    }
    model_path.with_name("fields-scores.json").write_text(
        json.dumps({k: v for k, v in report.items() if k != "train_seconds"}, indent=1) + "\n",
        encoding="utf-8",
    )
    return report


def print_report(report: dict) -> None:
    scores = report["scores"]
    sources = [name for name in ("all", "grobid", "anystyle") if name in scores]
    print(f"{'field':<12}" + "".join(f"{name:>18}" for name in sources))
    for label in scores["all"]:
        cells = []
        for name in sources:
            s = scores[name].get(label)
            cells.append(f"{s['f1']:>10.3f} (n={s['support']:>4})" if s else f"{'-':>18}")
        print(f"{label:<12}" + "".join(cells))
    print(f"GROBID's own CRF citation model: {GROBID_CITATION_F1:.3f} field F1 (micro, 10-fold)")
    print(
        f"trained on {report['trained_on']} references in {report['train_seconds']} s; "
        f"tested on {report['tested_on']['all']}; model {report['model_bytes'] / 1024:.0f} KiB"
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        print("usage: python -m reflink.fieldtrain REFDATA_FOLDER MODEL_PATH", file=sys.stderr)
        return 2
    folder, model_path = Path(args[0]), Path(args[1])
    missing = [name for name in DATA_FILES if not (folder / name).is_file()]
    if missing:
        print(
            f"Error: training data not found: {folder} has no {', '.join(missing)} "
            "(the labelled references live in ../shared/refdata/ beside the checkout); "
            "the shipped model is unchanged.",
            file=sys.stderr,
        )
        return 1
    print_report(train(folder, model_path))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
