//! One article prepared for attribution: the parse indexed by token, entity mentions mapped to
//! tokens, the tokens inside quotations, and what the article says each person is.

use super::lexicon;
use super::marks::QuoteSpan;
use crate::analysis::Entity;
use sitrep_nlp::Doc;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Role words the article uses for one entity ("Ukrainian President Volodymyr Zelensky",
/// "Andriy Yermak, his chief of staff"), lower case.
#[derive(Debug, Default)]
pub struct Roles {
    /// Titles, role nouns and their modifiers.
    pub words: HashSet<String>,
    /// Modifiers that place the entity in a nation or country: "ukrainian", "us".
    pub affiliations: HashSet<String>,
}

/// An entity mention located in the tokens.
#[derive(Debug, Clone)]
pub struct MentionAt {
    /// The mention's tokens.
    pub tokens: Range<usize>,
    /// Its syntactic head (the token whose head lies outside the mention).
    pub head: usize,
    /// Index into the entity list.
    pub entity: usize,
}

/// The article with the indexes attribution needs.
pub struct Article<'a> {
    /// The parsed article.
    pub doc: &'a Doc,
    /// The article's entities, as resolved by the entity layer.
    pub entities: &'a [Entity],
    /// Dependents of each token, in text order.
    pub children: Vec<Vec<usize>>,
    /// Sentence index of each token.
    pub sent_of: Vec<usize>,
    /// Entity mentioned by each token, if any.
    pub entity_of: Vec<Option<usize>>,
    /// Entity mentions in text order.
    pub mentions: Vec<MentionAt>,
    /// Which tokens lie inside a quotation that reports speech (not scare quotes).
    pub quoted: Vec<bool>,
    /// Which tokens are (or contain) a quotation mark.
    pub mark: Vec<bool>,
    /// Which tokens the named entity recogniser marks as a nationality or country.
    pub nation: Vec<bool>,
    /// Role words per entity.
    pub roles: Vec<Roles>,
    /// Noun phrases already resolved, by head token (resolution is recursive and repeated).
    pub memo: RefCell<HashMap<usize, Option<usize>>>,
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

impl<'a> Article<'a> {
    /// Indexes `doc`; `speech` are the quotations that report speech, `spans` all quotations.
    pub fn new(
        doc: &'a Doc,
        entities: &'a [Entity],
        spans: &[QuoteSpan],
        speech: &[bool],
    ) -> Article<'a> {
        let n = doc.tokens.len();
        let mut children = vec![Vec::new(); n];
        for (i, t) in doc.tokens.iter().enumerate() {
            if t.head != i && t.head < n {
                children[t.head].push(i);
            }
        }
        let mut sent_of = vec![0; n];
        for (k, s) in doc.sents.iter().enumerate() {
            for i in s.tokens() {
                if i < n {
                    sent_of[i] = k;
                }
            }
        }
        let tok_chars: Vec<Range<usize>> = doc
            .tokens
            .iter()
            .map(|t| doc.char_offset(t.start)..doc.char_offset(t.end))
            .collect();
        let mut entity_of: Vec<Option<(usize, usize)>> = vec![None; n];
        let mut mentions = Vec::new();
        for (e, ent) in entities.iter().enumerate() {
            for m in &ent.mentions {
                let chars = m.start..m.end;
                let first = tok_chars.partition_point(|c| c.end <= chars.start);
                let toks: Vec<usize> = (first..n)
                    .take_while(|&i| tok_chars[i].start < chars.end)
                    .collect();
                let (Some(&lo), Some(&hi)) = (toks.first(), toks.last()) else {
                    continue;
                };
                let tokens = lo..hi + 1;
                let width = chars.end - chars.start;
                for &i in &toks {
                    if entity_of[i].is_none_or(|(_, w)| width < w) {
                        entity_of[i] = Some((e, width));
                    }
                }
                let head = tokens
                    .clone()
                    .find(|&i| {
                        let h = doc.tokens[i].head;
                        h == i || !tokens.contains(&h)
                    })
                    .unwrap_or(hi);
                mentions.push(MentionAt {
                    tokens,
                    head,
                    entity: e,
                });
            }
        }
        mentions.sort_by_key(|m| m.tokens.start);
        let mut quoted = vec![false; n];
        let mut mark = vec![false; n];
        for (q, &is_speech) in spans.iter().zip(speech) {
            let q_bytes = q.content.clone();
            for (i, t) in doc.tokens.iter().enumerate() {
                let tb = t.start..t.end;
                if is_speech && overlaps(&tb, &q_bytes) {
                    quoted[i] = true;
                }
                if overlaps(&tb, &q.open) || q.close.as_ref().is_some_and(|c| overlaps(&tb, c)) {
                    mark[i] = true;
                }
            }
        }
        let mut nation = vec![false; n];
        for e in doc
            .ents
            .iter()
            .filter(|e| e.label == "NORP" || e.label == "GPE")
        {
            for i in e.tokens().filter(|&i| i < n) {
                nation[i] = true;
            }
        }
        let mut article = Article {
            doc,
            entities,
            children,
            sent_of,
            entity_of: entity_of.into_iter().map(|x| x.map(|(e, _)| e)).collect(),
            mentions,
            quoted,
            mark,
            nation,
            roles: Vec::new(),
            memo: RefCell::new(HashMap::new()),
        };
        article.roles = article.collect_roles();
        article
    }

    /// The token's text.
    pub fn text(&self, i: usize) -> &str {
        self.doc.token_text(i)
    }

    /// The token's text in lower case.
    pub fn lower(&self, i: usize) -> String {
        self.doc.token_text(i).to_lowercase()
    }

    /// The token's lemma in lower case (its text when the parse has no lemmas).
    pub fn lemma(&self, i: usize) -> String {
        let l = &self.doc.tokens[i].lemma;
        if l.is_empty() {
            self.lower(i)
        } else {
            l.to_lowercase()
        }
    }

    /// The token's dependency label.
    pub fn dep(&self, i: usize) -> &str {
        &self.doc.tokens[i].dep
    }

    /// The token's syntactic head.
    pub fn head(&self, i: usize) -> usize {
        self.doc.tokens[i].head
    }

    /// Dependents of `i` with label `dep`.
    pub fn kids<'s>(&'s self, i: usize, dep: &'s str) -> impl Iterator<Item = usize> + 's {
        self.children[i]
            .iter()
            .copied()
            .filter(move |&c| self.dep(c) == dep)
    }

    /// Whether the token is a (finite or non-finite) verb.
    pub fn is_verb(&self, i: usize) -> bool {
        let t = &self.doc.tokens[i];
        t.pos == "VERB" || (t.pos.is_empty() && t.tag.starts_with("VB"))
    }

    /// Whether the token is a pronoun.
    pub fn is_pronoun(&self, i: usize) -> bool {
        let t = &self.doc.tokens[i];
        t.pos == "PRON" || t.tag == "PRP" || t.tag == "PRP$"
    }

    /// Whether the token is a line or paragraph break.
    pub fn is_break(&self, i: usize) -> bool {
        self.text(i).contains('\n')
    }

    /// Whether the token is punctuation, space or a quotation mark.
    pub fn is_punct_or_space(&self, i: usize) -> bool {
        let t = &self.doc.tokens[i];
        self.mark[i] || t.pos == "PUNCT" || t.pos == "SPACE" || self.text(i).trim().is_empty()
    }

    /// Whether the token ends a sentence (outside quotations).
    pub fn is_terminator(&self, i: usize) -> bool {
        !self.quoted[i] && !self.mark[i] && matches!(self.text(i), "." | "!" | "?" | "..." | "…")
    }

    /// The token and all its dependents, in text order.
    pub fn subtree(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut k = 0;
        while k < out.len() {
            out.extend(self.children[out[k]].iter().copied());
            k += 1;
            if out.len() > self.doc.tokens.len() {
                break; // a malformed tree with a cycle; the parse is not to be trusted here
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The noun phrase headed by `i` as written: its determiners, modifiers and complements,
    /// without relative clauses, appositions, conjuncts or quotations.
    pub fn phrase(&self, i: usize) -> Range<usize> {
        let mut lo = i;
        let mut hi = i;
        for &c in &self.children[i] {
            if matches!(
                self.dep(c),
                "relcl" | "acl" | "appos" | "punct" | "cc" | "conj" | "advcl" | "advmod"
            ) {
                continue;
            }
            let sub = self.subtree(c);
            if sub
                .iter()
                .any(|&t| self.mark[t] || self.quoted[t] || self.is_break(t))
            {
                continue; // a speaker's name never holds a quotation
            }
            lo = lo.min(sub[0]);
            hi = hi.max(*sub.last().unwrap_or(&c));
        }
        lo..hi + 1
    }

    /// Whether the token is the subject of a clause (or names it, in apposition).
    pub fn is_subject(&self, i: usize) -> bool {
        match self.dep(i) {
            "nsubj" | "nsubjpass" => true,
            "appos" | "compound" => matches!(self.dep(self.head(i)), "nsubj" | "nsubjpass"),
            _ => false,
        }
    }

    /// Entity type check: persons.
    pub fn is_person(&self, e: usize) -> bool {
        self.entities[e].kind == "PERSON"
    }

    /// Entity type check: organisations, and places speaking for their government.
    pub fn is_org_or_place(&self, e: usize) -> bool {
        matches!(
            self.entities[e].kind.as_str(),
            "ORG" | "PLACE" | "GPE" | "LOC" | "FAC"
        )
    }

    /// Entity type check: places.
    pub fn is_place(&self, e: usize) -> bool {
        matches!(self.entities[e].kind.as_str(), "PLACE" | "GPE" | "LOC")
    }

    /// Role words of each entity, from the words around its mentions: titles before the name
    /// ("Ukrainian President"), and appositions ("X, the foreign minister"; "his chief of
    /// staff, X").
    fn collect_roles(&self) -> Vec<Roles> {
        let mut roles: Vec<Roles> = self.entities.iter().map(|_| Roles::default()).collect();
        for m in &self.mentions {
            let r = &mut roles[m.entity];
            let mut k = m.tokens.start;
            while k > 0 {
                let j = k - 1;
                let t = &self.doc.tokens[j];
                let in_phrase =
                    matches!(t.dep.as_str(), "compound" | "amod" | "nmod") || t.tag == "HYPH";
                if !in_phrase || self.is_break(j) {
                    break;
                }
                self.add_role_word(r, j);
                k = j;
            }
            for &i in m.tokens.clone().collect::<Vec<_>>().iter() {
                if self.is_role_token(i) {
                    self.add_role_word(r, i); // titles the entity layer kept in the name
                }
            }
            let mut described = self.kids(m.head, "appos").collect::<Vec<_>>();
            if self.dep(m.head) == "appos" {
                described.push(self.head(m.head));
            }
            for d in described {
                if self.entity_of[d].is_some() {
                    continue;
                }
                self.add_role_word(r, d);
                for &c in &self.children[d] {
                    if matches!(self.dep(c), "compound" | "amod" | "nmod") {
                        self.add_role_word(r, c);
                    }
                    if self.dep(c) == "prep" && self.lower(c) == "of" {
                        for p in self.kids(c, "pobj").collect::<Vec<_>>() {
                            self.add_role_word(r, p);
                        }
                    }
                }
            }
        }
        roles
    }

    fn is_role_token(&self, i: usize) -> bool {
        lexicon::is_person_role(&self.lemma(i)) && self.doc.tokens[i].dep == "compound"
    }

    fn add_role_word(&self, r: &mut Roles, i: usize) {
        let lower = self.lower(i);
        if lower.chars().all(|c| !c.is_alphanumeric()) {
            return;
        }
        if self.is_affiliation(i) {
            r.affiliations.insert(lower.clone());
        }
        r.words.insert(self.lemma(i));
        r.words.insert(lower);
    }

    /// A modifier that places someone in a nation or country: "Ukrainian", "US" (the named
    /// entity recogniser's NORP and GPE).
    pub fn is_affiliation(&self, i: usize) -> bool {
        self.nation[i]
    }
}
