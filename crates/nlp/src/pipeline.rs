//! The en_core_web_sm 3.8.0 pipeline: tokenizer, tok2vec, tagger, parser, attribute ruler,
//! lemmatizer and NER, as `spacy.load("en_core_web_sm")` runs them (`senter` is disabled in
//! that model, so sentences come from the parser).
//!
//! How the parts fit, for one text:
//! 1. [`Tokenizer::tokenize`] gives byte ranges; [`lexeme::token_attrs`] their NORM, PREFIX,
//!    SUFFIX, SHAPE, SPACY and IS_SPACE ids, computed once and read by both tok2vec networks.
//! 2. Full pipeline: the shared tok2vec's vectors feed the tagger and the parser network;
//!    [`ArcEager`] decodes the parse greedily, which gives heads, labels and sentence starts.
//! 3. The NER reads its own tok2vec over the same attributes; [`BiluoMoves`] decodes it,
//!    respecting the parser's sentence starts (none with [`Components::Ner`], as in spaCy
//!    with only `ner` enabled: then only the first token starts a sentence).
//! 4. [`AttributeRuler::apply`] then [`Lemmatizer::apply`] fill POS, morphology and lemmas
//!    on the [`Doc`] (spaCy runs them before the NER, which does not read them).

use crate::attribute_ruler::AttributeRuler;
use crate::doc::{Doc, Span, Token};
use crate::lemmatizer::Lemmatizer;
use crate::lexeme;
use crate::model::{Matrix, ModelError, Models, TokenAttrs, TransitionModel};
use crate::ner::{BiluoMoves, Entity};
use crate::parser::{ArcEager, Parse};
use crate::state::TokenInfo;
use crate::tokenizer::Tokenizer;

/// Which components to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Components {
    /// Everything: tags, POS, morphology, lemmas, dependency parse, sentences, entities.
    All,
    /// Only what the entity recogniser needs (tokenizer and NER), as spaCy with
    /// `nlp.select_pipes(enable=["ner"])`. Entities can then cross sentence boundaries,
    /// because no parse tells the recogniser where sentences start.
    Ner,
}

/// The pipeline cannot be built from its embedded data.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The network weights are unusable.
    #[error(transparent)]
    Model(#[from] ModelError),
    /// A network's actions are not those of its transition system.
    #[error("{component}: unknown transition {name:?} in the model's action list")]
    Moves {
        /// `parser` or `ner`.
        component: &'static str,
        /// The action name that could not be read.
        name: String,
    },
}

/// spaCy's `en_core_web_sm` 3.8.0 pipeline, with all its data embedded.
///
/// Loading takes a few milliseconds (the first time in a process); processing is pure and
/// thread-safe (`&self`), so one pipeline can serve many threads.
#[derive(Clone)]
pub struct Pipeline {
    tokenizer: &'static Tokenizer,
    networks: Networks,
    attribute_ruler: &'static AttributeRuler,
    lemmatizer: &'static Lemmatizer,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pipeline(en_core_web_sm 3.8.0)")
    }
}

impl Pipeline {
    /// Loads the pipeline from the data compiled into the binary.
    pub fn load() -> Result<Pipeline, PipelineError> {
        Ok(Pipeline {
            tokenizer: Tokenizer::english(),
            networks: Networks::load()?,
            attribute_ruler: AttributeRuler::english(),
            lemmatizer: Lemmatizer::english(),
        })
    }

    /// Runs the full pipeline on `text`.
    pub fn process(&self, text: &str) -> Doc {
        self.process_with(text, Components::All)
    }

    /// Runs the chosen components on `text`. With [`Components::Ner`] the tokens carry no
    /// tags, lemmas or parse and the document has no sentences.
    pub fn process_with(&self, text: &str, components: Components) -> Doc {
        let raw = self.tokenizer.tokenize(text);
        let attrs = lexeme::token_attrs(text, &raw);
        let is_space: Vec<bool> = attrs.iter().map(|a| a[5] == 1).collect();
        let ann = self.networks.annotate(&attrs, &is_space, components);
        let mut tokens: Vec<Token> = raw
            .iter()
            .enumerate()
            .map(|(i, t)| Token {
                start: t.start,
                end: t.end,
                space_after: t.space_after,
                head: i,
                ..Token::default()
            })
            .collect();
        let mut sents = Vec::new();
        if let Some(parse) = &ann.parse {
            for (i, tok) in tokens.iter_mut().enumerate() {
                tok.tag.clone_from(&ann.tags[i]);
                tok.head = parse.heads[i];
                tok.dep.clone_from(&parse.deps[i]);
            }
            sents = parse
                .sentences()
                .into_iter()
                .map(|r| Span {
                    start: r.start,
                    end: r.end,
                    label: String::new(),
                })
                .collect();
        }
        let ents = ann
            .ents
            .into_iter()
            .map(|e| Span {
                start: e.start,
                end: e.end,
                label: e.label,
            })
            .collect();
        let mut doc = Doc::new(text.to_string(), tokens, sents, ents);
        if ann.parse.is_some() {
            self.attribute_ruler.apply(&mut doc);
            self.lemmatizer.apply(&mut doc);
        }
        doc
    }
}

/// What the networks and transition systems produce for one document's tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Annotations {
    /// Fine-grained tag per token (empty without the tagger).
    pub tags: Vec<String>,
    /// The dependency parse, when run.
    pub parse: Option<Parse>,
    /// Entities.
    pub ents: Vec<Entity>,
}

/// The networks and transition systems, without the rule-based components.
#[derive(Debug, Clone)]
pub(crate) struct Networks {
    models: &'static Models,
    parser: ArcEager,
    ner: BiluoMoves,
}

impl Networks {
    pub(crate) fn load() -> Result<Networks, PipelineError> {
        let models = Models::embedded()?;
        let names = |m: &'static TransitionModel| m.action_names().iter().map(String::as_str);
        let parser =
            ArcEager::from_names(names(&models.parser)).map_err(|e| PipelineError::Moves {
                component: "parser",
                name: e.0,
            })?;
        let ner = BiluoMoves::from_names(names(&models.ner)).map_err(|e| PipelineError::Moves {
            component: "ner",
            name: e.0,
        })?;
        Ok(Networks {
            models,
            parser,
            ner,
        })
    }

    /// Runs tok2vec, tagger, parser (for [`Components::All`]) and NER over one document's
    /// token attributes. `is_space` marks whitespace tokens.
    pub(crate) fn annotate(
        &self,
        attrs: &[TokenAttrs],
        is_space: &[bool],
        components: Components,
    ) -> Annotations {
        let n = attrs.len();
        let mut out = Annotations::default();
        if n == 0 {
            return out;
        }
        // A new spaCy Doc marks only its first token as a sentence start.
        let mut infos: Vec<TokenInfo> = is_space
            .iter()
            .map(|&is_space| TokenInfo {
                sent_start: 0,
                is_space,
            })
            .collect();
        infos[0].sent_start = 1;
        if components == Components::All {
            let tokvecs = self.models.tok2vec.forward(attrs);
            let labels = self.models.tagger.labels();
            out.tags = self
                .models
                .tagger
                .predict(&tokvecs)
                .into_iter()
                .map(|t| labels[t].clone())
                .collect();
            let parse = run(&self.models.parser, &tokvecs, |scorer| {
                self.parser.parse(&infos, scorer)
            });
            for (info, &s) in infos.iter_mut().zip(&parse.sent_starts) {
                info.sent_start = s;
            }
            out.parse = Some(parse);
        }
        let ner_vecs = self.models.ner_tok2vec.forward(attrs);
        out.ents = run(&self.models.ner, &ner_vecs, |scorer| {
            self.ner.recognise(&infos, scorer)
        });
        out
    }
}

/// Precomputes `model` over `tokvecs` and hands `decode` a scorer for its states.
fn run<T>(
    model: &TransitionModel,
    tokvecs: &Matrix,
    decode: impl FnOnce(&mut dyn crate::transition::StateScorer) -> T,
) -> T {
    let pre = model.precompute(tokvecs);
    let mut scorer = |ids: &[i32], scores: &mut [f32]| model.scores(&pre, ids, scores);
    decode(&mut scorer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(doc: &Doc) -> Vec<(&str, &str)> {
        doc.ents
            .iter()
            .map(|e| (doc.span_text(e), e.label.as_str()))
            .collect()
    }

    #[test]
    fn full_pipeline_annotates_tokens_sentences_and_entities() {
        let nlp = Pipeline::load().unwrap();
        let doc = nlp.process("Russian forces shelled the city of Kharkiv on Friday. Two civilians were killed, officials said.");
        assert_eq!(doc.sents.len(), 2);
        assert_eq!(
            labels(&doc),
            vec![
                ("Russian", "NORP"),
                ("Kharkiv", "GPE"),
                ("Friday", "DATE"),
                ("Two", "CARDINAL")
            ]
        );
        let killed = doc
            .tokens
            .iter()
            .position(|t| doc.text[t.start..t.end] == *"killed")
            .unwrap();
        let t = &doc.tokens[killed];
        assert_eq!(
            (t.tag.as_str(), t.pos.as_str(), t.lemma.as_str()),
            ("VBN", "VERB", "kill")
        );
        let subj = doc
            .children(killed)
            .find(|&c| doc.tokens[c].dep == "nsubjpass")
            .unwrap();
        assert_eq!(doc.token_text(subj), "civilians");
    }

    #[test]
    fn ner_only_leaves_tokens_unannotated() {
        let nlp = Pipeline::load().unwrap();
        let doc = nlp.process_with(
            "Angela Merkel met Emmanuel Macron in Berlin.",
            Components::Ner,
        );
        assert!(doc
            .tokens
            .iter()
            .all(|t| t.tag.is_empty() && t.dep.is_empty() && t.lemma.is_empty()));
        assert!(doc.sents.is_empty());
        assert_eq!(
            labels(&doc),
            vec![
                ("Angela Merkel", "PERSON"),
                ("Emmanuel Macron", "PERSON"),
                ("Berlin", "GPE")
            ]
        );
    }

    #[test]
    fn empty_and_blank_texts() {
        let nlp = Pipeline::load().unwrap();
        assert!(nlp.process("").tokens.is_empty());
        let doc = nlp.process(" \n ");
        assert!(doc.ents.is_empty());
        assert!(doc.tokens.iter().all(|t| t.pos == "SPACE"));
    }

    #[test]
    fn pipeline_can_be_shared_between_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<Pipeline>();
    }
}
