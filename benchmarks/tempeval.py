"""TempEval-3 Task A: find and normalise TIMEX3s through the same code path as `reader analyze`.

Prints strict and relaxed F1, value F1 and documents/second for `train` (TimeBank, AQUAINT)
and `platinum`. Scoring is ../shared/tools/timeml.py (mirrors the official TE-3 scorer).
Run: python benchmarks/tempeval.py [--errors N]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("READER_SHARED", ROOT.parent / "shared"))
sys.path.insert(0, str(ROOT))

from reader.core.analysis import analyze  # noqa: E402
from reader.core.model import parse_iso  # noqa: E402
from reader.core.nlp.timex import find_timexes  # noqa: E402

SPLITS = {"train": ["train/TimeBank", "train/AQUAINT"], "platinum": ["platinum"]}


def run_split(timeml, folders: list[Path], show_errors: int) -> None:
    docs = [doc for folder in folders for doc in timeml.load_corpus(str(folder))]
    started = time.perf_counter()
    predictions = {}
    for doc in docs:
        analysis = analyze(doc.text, doc.dct)
        predictions[doc.doc_id] = [(t.start, t.end, t.type, t.value) for t in analysis.timexes]
    elapsed = time.perf_counter() - started
    started = time.perf_counter()
    for doc in docs:
        find_timexes(doc.text, parse_iso(doc.dct))
    timex_elapsed = time.perf_counter() - started
    result = timeml.score(docs, predictions)
    print(
        f"  docs {result['n_docs']}  gold {result['n_gold']}  predicted {result['n_pred']}\n"
        f"  strict F1 {100 * result['strict']['F1']:.1f}  "
        f"relaxed F1 {100 * result['relaxed']['F1']:.1f} "
        f"(P {100 * result['relaxed']['P']:.1f} R {100 * result['relaxed']['R']:.1f})  "
        f"value F1 {100 * result['value_F1']:.1f}  type F1 {100 * result['type_F1']:.1f}\n"
        f"  {len(docs) / elapsed:.0f} documents/second (whole analysis), "
        f"{len(docs) / timex_elapsed:.0f} (time expressions alone)"
    )
    for kind in ("missed", "spurious", "wrong_value"):
        for item in result[kind][:show_errors]:
            print(f"    {kind}: {item}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", type=int, default=0, help="show N errors of each kind")
    parser.add_argument("--split", choices=sorted(SPLITS), action="append")
    args = parser.parse_args()
    tools, corpus = SHARED / "tools", SHARED / "corpora" / "tempeval3"
    if not (tools / "timeml.py").is_file() or not corpus.is_dir():
        print(f"TempEval-3 or timeml.py not found under {SHARED}; nothing to measure.")
        return 0
    sys.path.insert(0, str(tools))
    import timeml

    for split in args.split or ["train", "platinum"]:
        folders = [corpus / sub for sub in SPLITS[split] if (corpus / sub).is_dir()]
        print(f"{split}:")
        run_split(timeml, folders, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
