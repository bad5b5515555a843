"""CoNLL-2003 English NER: exact-span P/R/F1 for PER/ORG/LOC, and words per second.

Each document's tokens are joined by spaces and its sentences by newlines, then run through
`reader.core.analysis.analyze` (the code path of `reader analyze`). Predicted character spans
are mapped back to tokens. MISC is left out on both sides; predicted `group` and `other`
spans are ignored. If spaCy with en_core_web_sm is importable, its NER runs on the same texts.

    python benchmarks/conll.py [--splits valid test]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.core.analysis import analyze  # noqa: E402
from reader.core.nlp.entities import find_entities  # noqa: E402

SHARED = Path(
    os.environ.get("READER_SHARED", Path(__file__).resolve().parents[1].parent / "shared")
)
CONLL = SHARED / "corpora" / "conll2003"
TYPES = ("PER", "ORG", "LOC")
OURS = {"person": "PER", "organization": "ORG", "place": "LOC"}
SPACY = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}

Span = tuple[int, int, int, str]  # document, first token, last token + 1, type


@dataclass
class Document:
    text: str
    starts: list[int]
    """Character offset of every token."""
    gold: set[Span]
    words: int


def read_split(path: Path) -> list[Document]:
    """Documents of one split: tokens with their offsets in the joined text, and gold spans."""
    docs: list[Document] = []
    sentences: list[list[tuple[str, str]]] = []
    sentence: list[tuple[str, str]] = []

    def flush_document() -> None:
        if sentence:
            sentences.append(list(sentence))
            sentence.clear()
        if sentences:
            docs.append(_document(len(docs), sentences))
            sentences.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            flush_document()
        elif not line.strip():
            if sentence:
                sentences.append(list(sentence))
                sentence.clear()
        else:
            parts = line.split()
            sentence.append((parts[0], parts[-1]))
    flush_document()
    return docs


def _document(number: int, sentences: list[list[tuple[str, str]]]) -> Document:
    starts: list[int] = []
    tags: list[str] = []
    lines: list[str] = []
    position = 0
    for sentence in sentences:
        words = []
        for token, tag in sentence:
            starts.append(position)
            tags.append(tag)
            words.append(token)
            position += len(token) + 1
        lines.append(" ".join(words))
    gold: set[Span] = set()
    begin, kind = None, None
    for index, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        if begin is not None and (prefix != "I" or label != kind):
            if kind in TYPES:
                gold.add((number, begin, index, kind))
            begin, kind = None, None
        if prefix == "B" or (prefix == "I" and begin is None):
            begin, kind = index, label
    return Document("\n".join(lines), starts, gold, len(tags))


def _token_at(starts: list[int], offset: int) -> int:
    """Index of the token that contains character `offset`."""
    low, high = 0, len(starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low


def to_spans(number: int, doc: Document, spans: list[tuple[int, int, str]]) -> set[Span]:
    return {
        (number, _token_at(doc.starts, start), _token_at(doc.starts, end - 1) + 1, kind)
        for start, end, kind in spans
    }


def ours(number: int, doc: Document) -> set[Span]:
    entities = analyze(doc.text).entities
    return to_spans(
        number, doc, [(e.start, e.end, OURS[e.type]) for e in entities if e.type in OURS]
    )


def score(gold: set[Span], predicted: set[Span]) -> dict[str, tuple[float, float, float]]:
    result = {}
    for kind in (*TYPES, "all"):
        g = {s for s in gold if kind in ("all", s[3])}
        p = {s for s in predicted if kind in ("all", s[3])}
        hit = len(g & p)
        precision = hit / len(p) if p else 0.0
        recall = hit / len(g) if g else 0.0
        f1 = 2 * precision * recall / (precision + recall) if hit else 0.0
        result[kind] = (100 * precision, 100 * recall, 100 * f1)
    return result


def run(name: str, docs: list[Document], predict) -> tuple[dict, float, set[Span]]:
    gold: set[Span] = set()
    predicted: set[Span] = set()
    words = sum(d.words for d in docs)
    started = time.perf_counter()
    for number, doc in enumerate(docs):
        predicted |= predict(number, doc)
    elapsed = time.perf_counter() - started
    for doc in docs:
        gold |= doc.gold
    return score(gold, predicted), words / elapsed, predicted


def report(system: str, split: str, scores: dict, speed: float) -> None:
    cells = "  ".join(
        f"{kind} P {p:5.1f} R {r:5.1f} F1 {f:5.1f}" for kind, (p, r, f) in scores.items()
    )
    print(f"{system:8} {split:6} {cells}  {speed:>9,.0f} words/s")


def recogniser_speed(docs: list[Document]) -> float:
    """Words per second of find_entities alone (the rest of `analyze` is other issues' work)."""
    started = time.perf_counter()
    for doc in docs:
        find_entities(doc.text)
    return sum(d.words for d in docs) / (time.perf_counter() - started)


def spacy_predictor():
    try:
        import spacy

        nlp = spacy.load("en_core_web_sm", exclude=["lemmatizer", "parser", "tagger"])
    except Exception:  # noqa: BLE001 - absent or broken: ours alone
        return None

    def predict(number: int, doc: Document) -> set[Span]:
        spans = [(e.start_char, e.end_char, SPACY[e.label_]) for e in nlp(doc.text).ents]
        return to_spans(number, doc, [s for s in spans if s[2] in TYPES])

    return predict


def show_errors(docs: list[Document], predicted: set[Span], limit: int) -> None:
    """Development aid for train/valid: the commonest misses and false alarms."""
    gold = set().union(*(d.gold for d in docs))

    def words(span: Span) -> str:
        doc = docs[span[0]]
        end = doc.starts[span[2]] - 1 if span[2] < len(doc.starts) else len(doc.text)
        return doc.text[doc.starts[span[1]] : end]

    for title, spans in (("missed", gold - predicted), ("false", predicted - gold)):
        counts = Counter(f"{s[3]} {words(s)}" for s in spans)
        print(title, counts.most_common(limit))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", nargs="+", default=["valid", "test"])
    parser.add_argument("--errors", type=int, default=0, help="show N errors (not on test)")
    args = parser.parse_args()
    if not CONLL.is_dir():
        print(f"CoNLL-2003 not found at {CONLL}: nothing to measure.")
        return 0
    analyze("Warm up the lists: Vladimir Putin met Joe Biden in Geneva.")
    spacy_predict = spacy_predictor()
    if spacy_predict is None:
        print("spaCy with en_core_web_sm is not installed: our figures alone.")
    for split in args.splits:
        docs = read_split(CONLL / f"{split}.txt")
        scores, speed, predicted = run(split, docs, ours)
        report("reader", split, scores, speed)
        print(f"{'':8} {split:6} entity recogniser alone: {recogniser_speed(docs):,.0f} words/s")
        if spacy_predict is not None:
            report("spacy", split, *run(split, docs, spacy_predict)[:2])
        if args.errors and split != "test":
            show_errors(docs, predicted, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
