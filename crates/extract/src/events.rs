//! Events: who did what to whom, when and where, each field bound within the clause that
//! states it.
//!
//! A trigger (a verb or noun of the `lexicon` module, "struck", "held talks", "the attack on Sumy")
//! takes its participants from its own dependents: subject and agent are actors, objects and
//! "on"/"against"/"with" objects are targets, "in"/"at"/"near" objects are places. A noun event
//! also takes the subject of a light verb ("Russia launched an attack") and the clause of a verb
//! it is the subject of ("the earthquake struck Friday"). Participants are entities found by
//! mention offsets; the date is a time expression in the clause, else in a governing clause,
//! else the only date of the sentence, else the latest date before it in its paragraph (each
//! event says which in `date_rule`). Later mentions of the same event ("the strike", "the quake")
//! are merged into the first. Events without any participant or place are dropped, and so are
//! events only referred to by bare nouns ("the attack on X seemed unnecessary", "sanctions on Y"),
//! which name no actor, no date and no verb that carries them.

mod args;
mod lexicon;
pub(crate) mod modality;
pub(crate) mod tree;

use crate::analysis::{Entity, Event, Mention, Modality, TextSpan, TimeExpr};
use sitrep_nlp::Doc;
use tree::Tree;

/// Finds the events of an article, in text order. `entities` and `times` are the article's
/// resolved entities and time expressions (offsets into the same text); participants and
/// places are entity names, dates are time values. Every event carries its modality: callers
/// that want only what happened keep [`Modality::Asserted`].
pub fn extract_events(doc: &Doc, entities: &[Entity], times: &[TimeExpr]) -> Vec<Event> {
    let tree = Tree::new(doc);
    let ctx = args::Context::new(&tree, entities, times);
    let mut cands: Vec<args::Candidate> = Vec::new();
    let mut consumed = vec![false; tree.len()];
    // Verbs first: a verb sense that needs an object noun ("imposed sanctions") consumes it.
    for i in 0..tree.len() {
        if let Some(c) = ctx.verb_event(i) {
            for &k in &c.consumes {
                consumed[k] = true;
            }
            cands.push(c);
        }
    }
    for (i, _) in consumed.iter().enumerate().filter(|(_, &taken)| !taken) {
        if let Some(c) = ctx.noun_event(i) {
            cands.push(c);
        }
    }
    cands.sort_by_key(|c| c.trigger.0);
    let mut events = merge(&ctx, cands);
    // "condemned the strikes": the strikes may be a later mention of an attack whose authors
    // only the first mention names.
    for k in 0..events.len() {
        let Some(about) = events[k].about else {
            continue;
        };
        let authors: Vec<usize> = events
            .iter()
            .filter(|e| e.trigger.1 == about || e.also.iter().any(|m| m.1 == about))
            .flat_map(|e| e.actors.clone())
            .collect();
        for a in authors {
            if !events[k].targets.contains(&a) && !events[k].actors.contains(&a) {
                events[k].targets.push(a);
            }
        }
    }
    events
        .into_iter()
        .filter(|c| {
            c.anchored && (!c.actors.is_empty() || !c.targets.is_empty() || c.place.is_some())
        })
        .map(|c| ctx.to_event(&c))
        .collect()
}

/// Merges later mentions of an event into the first: same type and modality, compatible dates,
/// and either one's participants include the other's (the latest such event), or the later one
/// is a definite noun ("the quake", "the attack") that refers back to the first event of its type
/// (news names its main event first; "the quake" means it, not a quake recalled since).
fn merge(ctx: &args::Context, cands: Vec<args::Candidate>) -> Vec<args::Candidate> {
    let mut out: Vec<args::Candidate> = Vec::new();
    for c in cands {
        let own = c.participants();
        let compatible = |e: &args::Candidate| {
            e.kind == c.kind && e.modality == c.modality && ctx.dates_compatible(e, &c)
        };
        let nested = out.iter().rposition(|e| {
            // One event's participants include the other's, and the smaller set says enough:
            // two entities, the one entity of a definite mention ("his visit"), the actor of an
            // attack, or the place of an attack or disaster.
            let theirs = e.participants();
            let (small, large) = if own.len() <= theirs.len() {
                (&own, &theirs)
            } else {
                (&theirs, &own)
            };
            // "Russia fired 54 missiles": a strike by an actor of the attack, at nothing named.
            let strike_by = c.kind == "attack"
                && c.targets.is_empty()
                && c.place.is_none()
                && c.actors.iter().all(|a| e.actors.contains(a));
            let telling = small.len() >= 2
                || c.anaphor && own.len() == 1
                || strike_by
                || matches!(c.kind, "attack" | "disaster")
                    && small
                        .iter()
                        .any(|p| Some(*p) == c.place || Some(*p) == e.place);
            let nested = !small.is_empty() && telling && small.iter().all(|p| large.contains(p));
            // "welcomed the envoy, who came to visit": meetings stated in one sentence that
            // share a participant are one meeting.
            let one_meeting = c.kind == "consult"
                && ctx.same_sentence(e.trigger.0, c.trigger.0)
                && own.iter().any(|p| theirs.contains(p));
            // "the envoy's visit": a later definite mention by those who acted in the event.
            let same_actors =
                c.anaphor && !c.actors.is_empty() && c.actors.iter().all(|a| e.actors.contains(a));
            compatible(e) && (nested || one_meeting || same_actors)
        });
        // "the quake": an article's disaster is one, whatever else the mention names.
        let refers_back = c.anaphor && (own.is_empty() || c.kind == "disaster");
        // "X met Y ... The meeting in Ramallah": a definite mention that names only where is the
        // latest event of its type that said nowhere (not for attacks, whose places are targets).
        let placed_only = c.anaphor
            && c.actors.is_empty()
            && c.targets.is_empty()
            && c.place.is_some()
            && !matches!(c.kind, "attack" | "disaster");
        let target = nested.or_else(|| {
            if refers_back {
                out.iter().position(compatible)
            } else if placed_only {
                out.iter().rposition(|e| {
                    compatible(e) && e.place.is_none() && !e.participants().is_empty()
                })
            } else {
                None
            }
        });
        match target {
            Some(k) => out[k].absorb(c),
            None => out.push(c),
        }
    }
    out
}

/// Character offsets of a sentence.
fn sentence_span(tree: &Tree, i: usize) -> TextSpan {
    match tree.doc.sentence_of(i) {
        Some(s) if s.end > s.start => {
            let (start, end) = tree.char_range(s.start, s.end - 1);
            TextSpan { start, end }
        }
        _ => TextSpan::default(),
    }
}

/// A mention of tokens `first..=last`.
fn mention(tree: &Tree, first: usize, last: usize) -> Mention {
    let (start, end) = tree.char_range(first, last);
    Mention {
        start,
        end,
        text: tree.text_range(first, last).to_string(),
    }
}

/// Whether an event's modality says it happened.
pub fn is_realised(event: &Event) -> bool {
    event.modality == Modality::Asserted
}
