//! From the words that name a speaker to an entity of the article: names (through the entity
//! layer's mentions, or by name and surname), appositions ("his chief of staff, Andriy Yermak"),
//! pronouns and definite descriptions ("the Ukrainian president") by roles and recency, a
//! spokesperson or office to the one it speaks for, a statement to its source.

use super::article::Article;
use super::lexicon;

/// What an anaphor can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    Person,
    OrgOrPlace,
    Org,
    Place,
}

/// How many sentences back a pronoun or description looks for its referent.
const WINDOW_SENTENCES: usize = 3;
/// Bound on nested resolutions (a pronoun whose antecedent is a pronoun, a statement by a
/// spokesperson of an office ...).
const MAX_DEPTH: usize = 5;

/// The outcome of resolving a speaker phrase.
#[derive(Debug, Clone, Copy)]
pub struct Resolved {
    /// The entity, when one is found.
    pub entity: Option<usize>,
    /// The rule that found it (or that gave up).
    pub how: &'static str,
}

impl Resolved {
    fn none(how: &'static str) -> Resolved {
        Resolved { entity: None, how }
    }
    fn to(entity: usize, how: &'static str) -> Resolved {
        Resolved {
            entity: Some(entity),
            how,
        }
    }
}

impl Article<'_> {
    /// Resolves the noun phrase headed by token `head` to an entity of the article.
    pub fn resolve(&self, head: usize) -> Resolved {
        self.resolve_at(head, 0)
    }

    fn resolve_at(&self, h: usize, depth: usize) -> Resolved {
        if depth > MAX_DEPTH {
            return Resolved::none("too-deep");
        }
        if let Some(&e) = self.memo.borrow().get(&h) {
            return Resolved {
                entity: e,
                how: "earlier",
            };
        }
        let r = self.resolve_uncached(h, depth);
        if r.entity.is_some() {
            self.memo.borrow_mut().insert(h, r.entity);
        }
        r
    }

    /// Resolution of `h` itself; for speakers joined by "and" (`Macron and Scholz said`), `h` is
    /// the first, who did speak.
    fn resolve_uncached(&self, h: usize, depth: usize) -> Resolved {
        if let Some(e) = self.entity_of[h] {
            if !self.can_speak(e) {
                return Resolved::none("not-a-speaker"); // "Palestinians said": a group, no entity
            }
            return Resolved::to(e, "name");
        }
        for a in self.kids(h, "appos").collect::<Vec<_>>() {
            if let Some(e) = self.entity_of[a].or_else(|| self.name_match(a)) {
                return Resolved::to(e, "apposition");
            }
        }
        if self.is_pronoun(h) {
            return match self.lower(h).as_str() {
                "he" | "him" | "his" | "she" | "her" | "hers" => self
                    .antecedent(h, Want::Person, depth)
                    .map_or(Resolved::none("pronoun"), |e| Resolved::to(e, "pronoun")),
                "it" | "its" => self
                    .antecedent(h, Want::OrgOrPlace, depth)
                    .map_or(Resolved::none("pronoun"), |e| Resolved::to(e, "pronoun")),
                // "I", "we", "they", "you" outside quotations: the writer or an unnamed group.
                _ => Resolved::none("pronoun"),
            };
        }
        let t = &self.doc.tokens[h];
        if let Some(e) = self.name_match(h) {
            return Resolved::to(e, "name");
        }
        let title = lexicon::is_person_role(&self.lemma(h)) || lexicon::is_org_kind(&self.lemma(h));
        if (t.pos == "PROPN" || t.tag.starts_with("NNP")) && !title {
            return Resolved::none("name"); // a name the article's entities do not hold
        }
        if t.pos != "NOUN" && !t.tag.starts_with("NN") && !title {
            return Resolved::none("not-a-speaker");
        }
        self.description(h, depth)
    }

    /// Whether the entity is of a kind that speaks: a person, an organisation, or a place (a
    /// country or city speaking through its government).
    fn can_speak(&self, e: usize) -> bool {
        self.is_person(e) || self.is_org_or_place(e)
    }

    /// A proper name the entity layer did not mark, matched to an entity by its full name, an
    /// alias, a mention's text, or (for persons) a unique surname.
    fn name_match(&self, h: usize) -> Option<usize> {
        if !self.looks_like_name(h) {
            return None;
        }
        let mut words: Vec<usize> = self.kids(h, "compound").filter(|&c| c < h).collect();
        words.push(h);
        let full = words
            .iter()
            .map(|&i| self.text(i))
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let full = full.strip_prefix("the ").unwrap_or(&full).to_string();
        let same = |s: &str| {
            let s = s.to_lowercase();
            s.strip_prefix("the ").unwrap_or(&s) == full
        };
        let exact: Vec<usize> = (0..self.entities.len())
            .filter(|&e| {
                let ent = &self.entities[e];
                self.can_speak(e)
                    && (same(&ent.name)
                        || ent.aliases.iter().any(|a| same(a))
                        || ent.mentions.iter().any(|m| same(&m.text)))
            })
            .collect();
        if let [e] = exact[..] {
            return Some(e);
        }
        let surname = self.lower(h);
        let by_surname: Vec<usize> = (0..self.entities.len())
            .filter(|&e| {
                self.is_person(e)
                    && std::iter::once(&self.entities[e].name)
                        .chain(&self.entities[e].aliases)
                        .any(|n| {
                            n.split_whitespace()
                                .last()
                                .is_some_and(|w| w.to_lowercase() == surname)
                        })
            })
            .collect();
        match by_surname[..] {
            [e] => Some(e),
            _ => None,
        }
    }

    /// A proper noun, or a capitalised noun the tagger took for a common one ("Trump seems").
    fn looks_like_name(&self, h: usize) -> bool {
        let t = &self.doc.tokens[h];
        let capital = self.text(h).chars().next().is_some_and(char::is_uppercase);
        t.pos == "PROPN"
            || t.tag.starts_with("NNP")
            || (capital && (t.pos == "NOUN" || t.tag.starts_with("NN")))
    }

    /// Whether a noun phrase is definite: "the president", "his spokesperson", "Kyiv's mayor".
    fn is_definite(&self, h: usize) -> bool {
        self.children[h].iter().any(|&c| match self.dep(c) {
            "det" => matches!(self.lower(c).as_str(), "the" | "this" | "that"),
            "poss" => true,
            _ => false,
        })
    }

    fn possessor(&self, h: usize) -> Option<usize> {
        self.kids(h, "poss").next()
    }

    fn description(&self, h: usize, depth: usize) -> Resolved {
        let lemma = self.lemma(h);
        if lexicon::is_mouthpiece(&lemma) || self.is_press_secretary(h) {
            if let Some(e) = self.role_match(h) {
                return Resolved::to(e, "role");
            }
            return match self.principal(h, depth) {
                Some(e) => Resolved::to(e, "spokesperson-for"),
                None => Resolved::none("spokesperson-for"),
            };
        }
        if lexicon::is_statement_noun(&lemma) {
            return match self.source(h, depth) {
                Some(e) => Resolved::to(e, "statement-by"),
                None => Resolved::none("statement-by"),
            };
        }
        if let Some(e) = self.titled_name(h) {
            return Resolved::to(e, "title");
        }
        if !self.is_definite(h) {
            return Resolved::none("indefinite");
        }
        if lexicon::is_person_role(&lemma) {
            if let Some(e) = self.role_match(h) {
                return Resolved::to(e, "role");
            }
            if self.introduced_unnamed(h) {
                // "a man known as Nick ... the man said": someone the article did not name.
                return Resolved::none("unnamed");
            }
            if self.possessor(h).is_some() {
                // "his chief of staff", unnamed: someone the article does not name.
                return Resolved::none("role");
            }
            let affiliations: Vec<String> = self
                .modifiers(h)
                .into_iter()
                .filter(|&m| self.is_affiliation(m))
                .map(|m| self.lower(m))
                .collect();
            let fits = |e: usize| {
                let known = &self.roles[e].affiliations;
                affiliations.is_empty()
                    || known.is_empty()
                    || affiliations.iter().any(|a| known.contains(a))
            };
            return self
                .antecedent_where(h, Want::Person, depth, &fits)
                .map_or(Resolved::none("recency"), |e| Resolved::to(e, "recency"));
        }
        if lexicon::is_org_kind(&lemma) {
            return self
                .org_by_name(h)
                .map_or(Resolved::none("org-name"), |e| Resolved::to(e, "org-name"));
        }
        if lexicon::is_org_class(&lemma) {
            return self
                .antecedent(h, Want::Org, depth)
                .map_or(Resolved::none("recency"), |e| Resolved::to(e, "recency"));
        }
        if lexicon::is_place_class(&lemma) {
            return self
                .antecedent(h, Want::Place, depth)
                .map_or(Resolved::none("recency"), |e| Resolved::to(e, "recency"));
        }
        Resolved::none("description")
    }

    /// A capitalised title followed by the name it belongs to, which the parse did not make
    /// the head: "Chairman of the Joint Chiefs General Richard Myers".
    fn titled_name(&self, h: usize) -> Option<usize> {
        let capital = self.text(h).chars().next().is_some_and(char::is_uppercase);
        if !capital || !lexicon::is_person_role(&self.lemma(h)) {
            return None;
        }
        let phrase = self.phrase(h);
        let m = self
            .mentions
            .iter()
            .find(|m| m.tokens.end == phrase.end && m.tokens.start > h)?;
        self.is_person(m.entity).then_some(m.entity)
    }

    /// Whether the description's noun was introduced earlier as an indefinite ("a senior
    /// official ... the official said"): then it refers to that unnamed person.
    fn introduced_unnamed(&self, h: usize) -> bool {
        let lemma = self.lemma(h);
        (0..h).any(|i| {
            self.lemma(i) == lemma
                && self.entity_of[i].is_none()
                && self.children[i].iter().any(|&c| {
                    self.dep(c) == "det"
                        && matches!(self.lower(c).as_str(), "a" | "an" | "another" | "one")
                })
                && self.kids(i, "appos").all(|a| self.entity_of[a].is_none())
        })
    }

    fn is_press_secretary(&self, h: usize) -> bool {
        self.lemma(h) == "secretary" && self.kids(h, "compound").any(|c| self.lower(c) == "press")
    }

    /// Modifiers that narrow a description: "Ukrainian" and "foreign" in "the Ukrainian foreign
    /// minister", not "former".
    fn modifiers(&self, h: usize) -> Vec<usize> {
        self.children[h]
            .iter()
            .copied()
            .filter(|&c| c < h && matches!(self.dep(c), "amod" | "compound" | "nmod"))
            .filter(|&c| !lexicon::is_vague_modifier(&self.lower(c)))
            .collect()
    }

    /// The one person the article gives this role to ("the foreign minister" when it named
    /// "Foreign Minister Andrii Sybiha"), the nearest before the description when several.
    fn role_match(&self, h: usize) -> Option<usize> {
        let lemma = self.lemma(h);
        let mods: Vec<String> = self
            .modifiers(h)
            .into_iter()
            .map(|m| self.lower(m))
            .collect();
        let candidates: Vec<usize> = (0..self.entities.len())
            .filter(|&e| self.is_person(e))
            .filter(|&e| {
                let w = &self.roles[e].words;
                (w.contains(&lemma) || w.contains(&self.lower(h)))
                    && mods.iter().all(|m| w.contains(m))
            })
            .collect();
        self.nearest_of(&candidates, h)
    }

    /// Of these entities, the one mentioned last before token `at` (or first after it).
    fn nearest_of(&self, candidates: &[usize], at: usize) -> Option<usize> {
        let before = self
            .mentions
            .iter()
            .filter(|m| {
                candidates.contains(&m.entity) && m.tokens.end <= at && !self.quoted[m.head]
            })
            .max_by_key(|m| m.tokens.end);
        let after = self
            .mentions
            .iter()
            .filter(|m| candidates.contains(&m.entity))
            .min_by_key(|m| m.tokens.start);
        before.or(after).map(|m| m.entity)
    }

    /// The entity named by a compound of `h` ("Kremlin spokesman", "a Kremlin statement").
    fn compound_entity(&self, h: usize) -> Option<usize> {
        self.kids(h, "compound")
            .find_map(|c| self.entity_of[c].or_else(|| self.name_match(c)))
    }

    /// The person or organisation a spokesperson or office speaks for: "his", "the Kremlin's",
    /// "Kremlin spokesman", "a spokesperson for the ministry".
    fn principal(&self, h: usize, depth: usize) -> Option<usize> {
        if let Some(p) = self.possessor(h) {
            return self.resolve_at(p, depth + 1).entity;
        }
        if let Some(e) = self.compound_entity(h) {
            return Some(e);
        }
        for prep in self.kids(h, "prep").collect::<Vec<_>>() {
            if matches!(self.lower(prep).as_str(), "for" | "of" | "at") {
                if let Some(o) = self.kids(prep, "pobj").next() {
                    return self.resolve_at(o, depth + 1).entity;
                }
            }
        }
        None
    }

    /// Who a statement is by: "his statement", "a Kremlin statement", "a statement from the
    /// ministry", "a statement released by his spokesperson".
    fn source(&self, h: usize, depth: usize) -> Option<usize> {
        if let Some(p) = self.possessor(h) {
            return self.resolve_at(p, depth + 1).entity;
        }
        if let Some(e) = self.compound_entity(h) {
            return Some(e);
        }
        let mut by = Vec::new();
        for &c in &self.children[h] {
            match self.dep(c) {
                "prep" if matches!(self.lower(c).as_str(), "from" | "by" | "of") => by.push(c),
                "acl" => by.extend(self.children[c].iter().copied().filter(|&a| {
                    self.dep(a) == "agent"
                        || (self.dep(a) == "prep"
                            && matches!(self.lower(a).as_str(), "by" | "from"))
                })),
                _ => {}
            }
        }
        let named = by
            .into_iter()
            .filter_map(|p| self.kids(p, "pobj").next())
            .find_map(|o| self.resolve_at(o, depth + 1).entity);
        if named.is_some() || !self.is_definite(h) {
            return named;
        }
        self.earlier_statement(h, depth)
    }

    /// "the statement said", referring back to a statement the article attributed before:
    /// "The Kremlin issued a statement", "Guterres said in a statement".
    fn earlier_statement(&self, h: usize, depth: usize) -> Option<usize> {
        let lemma = self.lemma(h);
        let s = self.sent_of[h];
        (0..h)
            .rev()
            .take_while(|&i| self.sent_of[i] + WINDOW_SENTENCES >= s)
            .filter(|&i| i != h && self.lemma(i) == lemma && !self.quoted[i])
            .find_map(|i| {
                if let Some(e) = self.source_named(i, depth) {
                    return Some(e);
                }
                // The statement is the object of a verb ("issued a statement") or of a
                // preposition on it ("said in a statement"): that verb's subject made it.
                let mut v = self.head(i);
                if self.dep(i) == "pobj" {
                    v = self.head(v);
                }
                let is_object = matches!(self.dep(i), "dobj" | "pobj");
                if !is_object || !self.is_verb(v) {
                    return None;
                }
                let subject = self.kids(v, "nsubj").next()?;
                self.resolve_at(subject, depth + 1).entity
            })
    }

    /// The source a statement names itself (possessor, compound, "from"/"by"), without
    /// looking back.
    fn source_named(&self, h: usize, depth: usize) -> Option<usize> {
        if self.is_definite(h) && self.possessor(h).is_none() {
            return None;
        }
        self.source(h, depth + 1)
    }

    /// An organisation whose name contains the description's noun ("the ministry" for "the
    /// Ministry of Defence"), nearest before.
    fn org_by_name(&self, h: usize) -> Option<usize> {
        let word = self.lemma(h);
        let written = self.lower(h);
        let candidates: Vec<usize> = (0..self.entities.len())
            .filter(|&e| self.is_org_or_place(e))
            .filter(|&e| {
                std::iter::once(&self.entities[e].name)
                    .chain(&self.entities[e].aliases)
                    .any(|n| {
                        n.split(|c: char| !c.is_alphanumeric()).any(|w| {
                            let w = w.to_lowercase();
                            w == word || w == written
                        })
                    })
            })
            .collect();
        self.nearest_of(&candidates, h)
    }

    fn antecedent(&self, at: usize, want: Want, depth: usize) -> Option<usize> {
        self.antecedent_where(at, want, depth, &|_| true)
    }

    /// The entity a pronoun or description at token `at` most likely refers to: walking back
    /// sentence by sentence (the current one first, up to its own position), the first subject
    /// of the wanted kind, else the first other mention; never inside a quotation.
    fn antecedent_where(
        &self,
        at: usize,
        want: Want,
        depth: usize,
        fits: &dyn Fn(usize) -> bool,
    ) -> Option<usize> {
        let s = self.sent_of[at];
        let wanted = |e: usize| {
            fits(e)
                && match want {
                    Want::Person => self.is_person(e),
                    Want::OrgOrPlace => self.is_org_or_place(e),
                    Want::Org => self.entities[e].kind == "ORG",
                    Want::Place => self.is_place(e),
                }
        };
        let mut looked = 0;
        for si in (0..=s).rev() {
            let range = match self.doc.sents.get(si) {
                Some(span) => span.start..span.end.min(if si == s { at } else { span.end }),
                None => 0..at,
            };
            // Sentences wholly inside a quotation are the speaker's words, not the narrative.
            if range
                .clone()
                .any(|i| !self.quoted[i] && !self.is_punct_or_space(i))
            {
                looked += 1;
            }
            if looked > WINDOW_SENTENCES + 1 {
                break;
            }
            let mut subjects = Vec::new();
            let mut others = Vec::new();
            for i in range {
                if self.quoted[i] || i == at {
                    continue;
                }
                let found = if let Some(m) = self.mentions.iter().find(|m| m.head == i) {
                    Some(m.entity)
                } else if self.is_subject(i) && self.is_anaphor_for(i, want) && depth < MAX_DEPTH {
                    self.resolve_at(i, depth + 1).entity
                } else if self.is_subject(i) && self.entity_of[i].is_none() {
                    let earlier = self.memo.borrow().get(&i).copied().flatten();
                    earlier.or_else(|| self.name_match(i))
                } else {
                    None
                };
                if let Some(e) = found.filter(|&e| wanted(e)) {
                    if self.is_subject(i) {
                        subjects.push(Some(e))
                    } else {
                        others.push(e)
                    }
                } else if found.is_none()
                    && matches!(self.dep(i), "nsubj" | "nsubjpass")
                    && self.could_be(i, want)
                {
                    // An unnamed subject of the wanted kind ("the air force", "a witness") is
                    // the likelier referent: the pronoun refers to no entity.
                    subjects.push(None);
                }
            }
            if let Some(&first) = subjects.first() {
                return first;
            }
            if let Some(&e) = others.first() {
                return Some(e);
            }
        }
        None
    }

    /// Whether a subject no entity stands for could be what a pronoun or description wants:
    /// a name the entity layer missed, a person noun for "he", an organisation noun for "it".
    fn could_be(&self, i: usize, want: Want) -> bool {
        let phrase = self.phrase(i);
        let named_inside = phrase.clone().any(|t| self.entity_of[t].is_some());
        let named_beside = self.kids(i, "appos").any(|a| self.entity_of[a].is_some());
        let named_in_clause = self.kids(i, "relcl").any(|r| {
            self.children[r]
                .iter()
                .any(|&c| matches!(self.dep(c), "oprd" | "attr") && self.entity_of[c].is_some())
        });
        if named_inside || named_beside || named_in_clause {
            // "Kremlin spokesman Dmitry Peskov", "the minister, Dr Abdullah,", "the man who
            // calls himself Abu Mohammad": named after all.
            return false;
        }
        let lemma = self.lemma(i);
        let singular = matches!(self.doc.tokens[i].tag.as_str(), "NN" | "NNP");
        if self.doc.tokens[i].tag == "NNP" {
            return true; // a name the entity layer does not know ("Gambill said ...")
        }
        match want {
            Want::Person => {
                (singular && lexicon::is_person_role(&lemma))
                    || (self.is_pronoun(i) && matches!(self.lower(i).as_str(), "he" | "she"))
            }
            Want::OrgOrPlace | Want::Org => {
                singular
                    && (lexicon::is_org_class(&lemma)
                        || lexicon::is_org_kind(&lemma)
                        || lexicon::is_place_class(&lemma))
            }
            Want::Place => singular && lexicon::is_place_class(&lemma),
        }
    }

    /// Pronouns (and definite descriptions) whose referent counts as a mention of it.
    fn is_anaphor_for(&self, i: usize, want: Want) -> bool {
        if self.is_pronoun(i) {
            let w = self.lower(i);
            return match want {
                Want::Person => matches!(w.as_str(), "he" | "she"),
                _ => w == "it",
            };
        }
        false
    }
}
