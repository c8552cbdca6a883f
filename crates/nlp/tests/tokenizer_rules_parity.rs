//! Parity with spaCy 3.8 / en_core_web_sm 3.8.0 for the tokenizer, the lexical attributes, the
//! attribute ruler and the lemmatizer, on fixtures written by
//! `scripts/spacy_model/compare_tokens.py --fixture` (Lee articles and generated strings) and
//! `scripts/spacy_model/compare_rules.py --fixture` (Lee articles with spaCy's tags and parse).

use sitrep_nlp::attribute_ruler::AttributeRuler;
use sitrep_nlp::lemmatizer::Lemmatizer;
use sitrep_nlp::lexeme::{norm, prefix, shape, suffix};
use sitrep_nlp::tokenizer::Tokenizer;
use sitrep_nlp::{Doc, Token};

const TOKENS: &str = include_str!("fixtures/tokens_spacy.jsonl");
const RULES: &str = include_str!("fixtures/rules_spacy.jsonl");

#[derive(serde::Deserialize)]
struct TokenDoc {
    text: String,
    tokens: Vec<(usize, usize, bool)>,
    attrs: Vec<(String, String, String, String)>,
}

#[derive(serde::Deserialize)]
struct RuleDoc {
    text: String,
    tokens: Vec<(usize, usize, String, String)>,
    expected: Vec<(String, String, String, String, String)>,
}

fn byte_of_char(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect()
}

#[test]
fn tokens_and_lexical_attributes_match_spacy() {
    let tokenizer = Tokenizer::english();
    let mut ndocs = 0;
    for line in TOKENS.lines() {
        let d: TokenDoc = serde_json::from_str(line).expect("fixture line");
        let b = byte_of_char(&d.text);
        let got = tokenizer.tokenize(&d.text);
        let got_spans: Vec<(usize, usize, bool)> = got
            .iter()
            .map(|t| (t.start, t.end, t.space_after))
            .collect();
        let want: Vec<(usize, usize, bool)> = d
            .tokens
            .iter()
            .map(|&(s, e, sp)| (b[s], b[e], sp))
            .collect();
        assert_eq!(got_spans, want, "tokens of {:?}", d.text);
        for (t, (n, p, s, sh)) in got.iter().zip(&d.attrs) {
            let word = &d.text[t.start..t.end];
            assert_eq!(
                (
                    norm(word, t.exception_norm).as_ref(),
                    prefix(word),
                    suffix(word),
                    shape(word).as_str()
                ),
                (n.as_str(), p.as_str(), s.as_str(), sh.as_str()),
                "attributes of {word:?} in {:?}",
                d.text
            );
        }
        ndocs += 1;
    }
    assert!(ndocs >= 100, "fixture has {ndocs} documents");
}

#[test]
fn attribute_ruler_and_lemmatizer_match_spacy() {
    let mut ntok = 0;
    for line in RULES.lines() {
        let d: RuleDoc = serde_json::from_str(line).expect("fixture line");
        let b = byte_of_char(&d.text);
        let tokens = d
            .tokens
            .iter()
            .enumerate()
            .map(|(i, (s, e, tag, dep))| Token {
                start: b[*s],
                end: b[*e],
                tag: tag.clone(),
                dep: dep.clone(),
                head: i,
                ..Token::default()
            })
            .collect();
        let mut doc = Doc::new(d.text.clone(), tokens, vec![], vec![]);
        AttributeRuler::english().apply(&mut doc);
        Lemmatizer::english().apply(&mut doc);
        for (i, (t, (tag, pos, morph, lemma, dep))) in
            doc.tokens.iter().zip(&d.expected).enumerate()
        {
            assert_eq!(
                (
                    t.tag.as_str(),
                    t.pos.as_str(),
                    t.morph.as_str(),
                    t.lemma.as_str(),
                    t.dep.as_str()
                ),
                (
                    tag.as_str(),
                    pos.as_str(),
                    morph.as_str(),
                    lemma.as_str(),
                    dep.as_str()
                ),
                "token {i} {:?}",
                doc.token_text(i)
            );
            ntok += 1;
        }
    }
    assert!(ntok > 1000, "fixture has {ntok} tokens");
}
