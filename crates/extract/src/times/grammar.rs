//! The time grammar: finds temporal expressions in the text and says what each one names,
//! before anything is resolved against a date.
//!
//! A hand-written scanner over [`tokens`](super::tokens): at each token every rule is tried and
//! the longest match wins (the first rule listed on a tie). Rules compose: prefixes (`early`,
//! `mid-`, `the evening of`, `the last day of`) wrap a date, clock times attach to a day, and
//! amounts with units make offsets (`three days ago`), durations and sets.

use super::calendar::{PartOfDay, Season, Unit};
use super::lexicon as lex;
use super::tokens::{tokenize, Kind, Tok};
use crate::analysis::TimexMod;
use chrono::Weekday;
use sitrep_nlp::Doc;

/// Which occurrence of a weekday, month or season an expression means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shift {
    /// No word says: tense decides (`on Friday`, `in June`).
    Bare,
    /// `last Friday`: the latest one before the publication date.
    Last,
    /// `this Friday`: the one in the current week (month, year).
    This,
    /// `next Friday`: the first one after the publication date.
    Next,
}

/// How many units: a range of values (`a few` is 2 to 4) and whether the number was exact.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Amount {
    /// The number as stated (3 in `more than three`).
    pub n: f64,
    pub lo: f64,
    pub hi: f64,
    /// A stated number (`three`, `30`), possibly qualified (`more than three`).
    pub numeric: bool,
    /// Exactly that number (no qualifier, not vague).
    pub exact: bool,
}

impl Amount {
    fn exactly(n: f64) -> Amount {
        Amount {
            n,
            lo: n,
            hi: n,
            numeric: true,
            exact: true,
        }
    }

    /// The same amount counted in a unit `mult` times smaller (a fortnight is two weeks).
    fn times(self, mult: u32) -> Amount {
        let m = mult as f64;
        Amount {
            n: self.n * m,
            lo: self.lo * m,
            hi: self.hi * m,
            ..self
        }
    }
}

/// A feast day, computed by rule for any year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Holiday {
    /// Days from Western Easter Sunday (Palm Sunday is -7).
    Easter(i64),
    /// Days from Orthodox Easter Sunday.
    OrthodoxEaster(i64),
    /// Month and day.
    Fixed(u32, u32),
    /// The `n`th weekday of a month (negative from the end): US Thanksgiving, Labor Day.
    NthWeekday(u32, Weekday, i32),
}

/// Where an offset counts from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum From {
    /// The publication date (`three days ago`).
    Published,
    /// The last date the text established (`three days later`).
    Narrative,
    /// A date stated right there (`three days after April 13`).
    Expr(Box<What>),
}

/// What an expression names, before resolution.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum What {
    /// Explicit calendar fields; a missing year comes from the context.
    Calendar {
        year: Option<i32>,
        month: u32,
        day: Option<u32>,
        weekday: Option<Weekday>,
    },
    /// A month named alone (`in June`, `last March`).
    Month {
        month: u32,
        shift: Shift,
    },
    Year(i32),
    /// A decade by its first three digits; `two_digit` for `the '90s`.
    Decade {
        decade: i32,
        two_digit: bool,
    },
    Century(i32),
    Season {
        season: Season,
        year: Option<i32>,
        shift: Shift,
    },
    /// Quarter or half `n` of a year (`the first quarter of 2025`).
    PartOfYear {
        unit: Unit,
        n: u32,
        of: Option<Box<What>>,
    },
    Weekday {
        weekday: Weekday,
        shift: Shift,
    },
    /// `over the weekend`: the latest weekend, or the next one when the clause looks ahead.
    Weekend,
    /// `the following Monday`: counted from the narrative date.
    NarrativeWeekday {
        weekday: Weekday,
        sign: i32,
    },
    /// Counted from the publication date: today (`Day`, 0), last week (`Week`, -1).
    Deictic {
        unit: Unit,
        offset: i32,
    },
    /// Counted from the narrative date: that day (`Day`, 0), the following week (`Week`, 1).
    Narrative {
        unit: Unit,
        offset: i32,
    },
    /// `three days ago`, `two weeks later`, `a day after April 13`.
    Offset {
        unit: Unit,
        amount: Amount,
        sign: i32,
        from: From,
    },
    Holiday {
        holiday: Holiday,
        year: Option<i32>,
    },
    /// `the last day of February` (`n` = -1), `the first week of March`.
    NthOf {
        unit: Unit,
        n: i32,
        of: Box<What>,
    },
    /// A clock time alone; its day comes from the context.
    Clock,
    /// `three years`, `30-day`; `amount` is `None` for vague ones (`for months`).
    Duration {
        unit: Unit,
        amount: Option<Amount>,
        after_in: bool,
    },
    /// A recurring time, with its TIMEX3 value (`XXXX-WXX-1`, `P1W`).
    Set(String),
    /// A date without its year (or a weekday) placed in a year (or week) given after it:
    /// `January last year`, `Tuesday last week`.
    Within {
        inner: Box<What>,
        frame: Box<What>,
    },
    /// Counted from an event (`the day after the attack`): no date without the event's.
    EventRelative,
}

impl What {
    /// A day of a month, with the year and weekday if stated.
    fn day(year: Option<i32>, month: u32, day: u32, weekday: Option<Weekday>) -> What {
        What::Calendar {
            year,
            month,
            day: Some(day),
            weekday,
        }
    }

    /// The date itself, without the year or week that frames it.
    pub(crate) fn unframed(&self) -> &What {
        match self {
            What::Within { inner, .. } => inner,
            other => other,
        }
    }
}

/// One expression found in the text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Paragraph number (line breaks before it).
    pub paragraph: usize,
    pub what: What,
    pub part: Option<PartOfDay>,
    pub clock: Option<(u32, u32)>,
    pub modifier: Option<TimexMod>,
    /// The other end of a range written elliptically (`March 1 and 5`, `23-24 April`).
    pub until: Option<What>,
    /// The grammar rule that matched.
    pub rule: &'static str,
    /// Whether it opens its sentence, alone or after a preposition (`In 2022, ...`): such an
    /// expression sets the frame for the dates after it.
    pub fronted: bool,
}

/// Finds the temporal expressions of `doc`'s text, in text order, without overlaps.
pub(crate) fn scan(doc: &Doc) -> Vec<Found> {
    let toks = tokenize(&doc.text);
    let g = G { t: &toks, doc };
    let mut out = Vec::new();
    let mut paragraph = 0;
    let mut i = 0;
    while i < toks.len() {
        if toks[i].line_before {
            paragraph += 1;
        }
        match g.expr(i).filter(|m| m.end > i && g.allowed(i, m)) {
            Some(m) => {
                for t in &toks[i + 1..m.end] {
                    paragraph += usize::from(t.line_before);
                }
                out.push(Found {
                    start: toks[i].start,
                    end: toks[m.end - 1].end,
                    paragraph,
                    what: m.what,
                    part: m.part,
                    clock: m.clock,
                    modifier: m.modifier,
                    until: m.until,
                    rule: m.rule,
                    fronted: g.opens_sentence(i)
                        || (i > 0 && g.opens_sentence(i - 1) && toks[i - 1].kind == Kind::Word),
                });
                i = m.end;
            }
            None => i += 1,
        }
    }
    out
}

/// A match: the token index one past its end, and what it names.
#[derive(Debug, Clone)]
struct M {
    end: usize,
    what: What,
    part: Option<PartOfDay>,
    clock: Option<(u32, u32)>,
    modifier: Option<TimexMod>,
    until: Option<What>,
    rule: &'static str,
}

impl M {
    fn new(end: usize, what: What, rule: &'static str) -> M {
        M {
            end,
            what,
            part: None,
            clock: None,
            modifier: None,
            until: None,
            rule,
        }
    }

    /// `amount` `unit`s counted from `from` (`sign` -1 back, 1 ahead), ending at token `end`.
    fn offset(
        end: usize,
        unit: Unit,
        amount: Amount,
        sign: i32,
        from: From,
        qual: Option<TimexMod>,
    ) -> M {
        let what = What::Offset {
            unit,
            amount,
            sign,
            from,
        };
        M {
            modifier: qual,
            ..M::new(end, what, "offset")
        }
    }

    fn with_part(mut self, part: Option<PartOfDay>) -> M {
        self.part = part.or(self.part);
        self
    }

    /// Whether it names one day (so a part of day or a clock time can attach).
    fn is_day(&self) -> bool {
        match self.what.unframed() {
            What::Calendar { day, .. } => day.is_some(),
            What::Weekday { .. } | What::NarrativeWeekday { .. } | What::Holiday { .. } => true,
            What::Deictic { unit, .. } | What::Narrative { unit, .. } => *unit == Unit::Day,
            What::NthOf { unit, .. } => *unit == Unit::Day,
            What::Offset { unit, amount, .. } => *unit == Unit::Day && amount.exact,
            _ => false,
        }
    }

    /// Whether it names a calendar period (not a duration, set or event-relative time).
    fn is_date(&self) -> bool {
        !matches!(
            self.what,
            What::Duration { .. } | What::Set(_) | What::EventRelative | What::Clock
        )
    }
}

/// Keeps the longest of the candidate matches (the first on a tie).
fn longest(cands: impl IntoIterator<Item = Option<M>>) -> Option<M> {
    let mut best: Option<M> = None;
    for m in cands.into_iter().flatten() {
        if best.as_ref().is_none_or(|b| m.end > b.end) {
            best = Some(m);
        }
    }
    best
}

/// Entity labels under which a word is a name, not a time (`Sunday Times`, `Good Friday Agreement`).
const NAME_LABELS: [&str; 9] = [
    "ORG",
    "PERSON",
    "WORK_OF_ART",
    "PRODUCT",
    "LAW",
    "FAC",
    "GPE",
    "NORP",
    "LOC",
];

/// Words before a weekday that make a name of it (`Bloody Sunday`, `Black Friday`).
/// Feast days are found by the holiday rule, so their weekday alone is never a date either.
const WEEKDAY_NAMERS: [&str; 15] = [
    "bloody", "black", "cyber", "super", "blue", "manic", "giving", "small", "good", "holy",
    "palm", "easter", "ash", "maundy", "whit",
];

struct G<'a> {
    t: &'a [Tok],
    doc: &'a Doc,
}

impl G<'_> {
    // ----- token helpers -----

    /// Whether token `i` starts a sentence (or a line).
    fn opens_sentence(&self, i: usize) -> bool {
        i == 0 || self.t[i].line_before || matches!(self.w(i - 1), "." | "!" | "?" | "\"" | "“")
    }

    fn w(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |t| t.lower.as_str())
    }

    fn is(&self, i: usize, s: &str) -> bool {
        self.w(i) == s
    }

    fn any(&self, i: usize, words: &[&str]) -> bool {
        words.contains(&self.w(i))
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        self.t.get(i).map(|t| t.kind)
    }

    /// Whether token `i` follows the previous one without a space.
    fn joined(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| !t.space_before)
    }

    fn prev(&self, i: usize) -> &str {
        if i == 0 {
            ""
        } else {
            self.w(i - 1)
        }
    }

    /// A plain number token's value.
    fn num(&self, i: usize) -> Option<u32> {
        self.t
            .get(i)
            .filter(|t| t.kind == Kind::Number)
            .and_then(|t| t.value)
    }

    fn is_dash(&self, i: usize) -> bool {
        self.any(i, &["-", "–", "—"])
    }

    /// The spaCy tag of the token at byte `b`, when the document is tagged.
    fn tag_at(&self, b: usize) -> Option<&str> {
        let k = self.doc.token_at(b)?;
        Some(self.doc.tokens[k].tag.as_str()).filter(|t| !t.is_empty())
    }

    /// The entity label covering the token at byte `b`.
    fn ent_at(&self, b: usize) -> Option<&str> {
        let k = self.doc.token_at(b)?;
        self.doc
            .ents
            .iter()
            .find(|e| e.start <= k && k < e.end)
            .map(|e| e.label.as_str())
    }

    /// Whether the document carries entity annotation at all.
    fn has_ner(&self) -> bool {
        !self.doc.ents.is_empty()
    }

    /// Filters a match by what the parse knows: names are not times.
    fn allowed(&self, i: usize, m: &M) -> bool {
        if matches!(m.what, What::Holiday { .. }) {
            return true;
        }
        let label = self.ent_at(self.t[i].start);
        !label.is_some_and(|l| NAME_LABELS.contains(&l))
    }

    // ----- words -----

    /// A month name at `i` (capitalised); returns the month, whether abbreviated, and the next index.
    fn month(&self, i: usize) -> Option<(u32, bool, usize)> {
        let t = self.t.get(i)?;
        if t.kind != Kind::Word || !t.capitalized {
            return None;
        }
        let (m, abbr) = lex::month(&t.lower)?;
        if let Some(tag) = self.tag_at(t.start) {
            // The modal `May`, the verb `March`.
            if tag == "MD" || tag.starts_with("VB") {
                return None;
            }
        }
        let mut j = i + 1;
        if abbr && self.is(j, ".") && self.joined(j) {
            j += 1;
        }
        Some((m, abbr, j))
    }

    /// A day of the month at `i` (`13`, `13th`).
    fn day(&self, i: usize) -> Option<(u32, usize)> {
        self.day_checked(i, true)
    }

    /// A day of the month at `i`; `tagger` says whether to believe the entity tagger when it
    /// calls the number a count (not for the second day of a range such as `March 1 and 5`).
    fn day_checked(&self, i: usize, tagger: bool) -> Option<(u32, usize)> {
        let t = self.t.get(i)?;
        let v = t.value?;
        let ok = match t.kind {
            Kind::Number => t.digits <= 2,
            Kind::Ordinal => true,
            _ => false,
        };
        if !ok || !(1..=31).contains(&v) {
            return None;
        }
        // `5:30` is a clock time, `12-year` a duration.
        if (self.is(i + 1, ":") || (self.is_dash(i + 1) && lex::unit(self.w(i + 2)).is_some()))
            && self.joined(i + 1)
            && self.joined(i + 2)
        {
            return None;
        }
        if let Some(l) = self.ent_at(t.start).filter(|_| tagger) {
            if matches!(l, "CARDINAL" | "QUANTITY" | "MONEY" | "PERCENT") {
                return None;
            }
        }
        Some((v, i + 1))
    }

    /// A four-digit year at `i`.
    fn year(&self, i: usize) -> Option<(i32, usize)> {
        let t = self.t.get(i)?;
        if t.kind != Kind::Number || t.digits != 4 {
            return None;
        }
        let v = t.value? as i32;
        (1000..=2999).contains(&v).then_some((v, i + 1))
    }

    /// An optional `, 2025` or ` 2025` after a month and day.
    fn year_after(&self, j: usize) -> (Option<i32>, usize) {
        if let Some((y, k)) = self.year(j) {
            return (Some(y), k);
        }
        if self.is(j, ",") {
            if let Some((y, k)) = self.year(j + 1) {
                return (Some(y), k);
            }
        }
        (None, j)
    }

    /// An optional ` 2025` or ` of 2025` after a holiday or a season.
    fn year_or_of_year(&self, j: usize) -> (Option<i32>, usize) {
        let k = if self.is(j, "of") { j + 1 } else { j };
        match self.year(k) {
            Some((y, k)) => (Some(y), k),
            None => (None, j),
        }
    }

    /// A weekday name at `i` (capitalised; abbreviations only with their period).
    fn weekday(&self, i: usize) -> Option<(Weekday, usize)> {
        let t = self.t.get(i)?;
        if t.kind != Kind::Word || !t.capitalized {
            return None;
        }
        let (wd, abbr) = lex::weekday(&t.lower)?;
        if abbr {
            return (self.is(i + 1, ".") && self.joined(i + 1)).then_some((wd, i + 2));
        }
        Some((wd, i + 1))
    }

    /// A part of day word at `i`.
    fn part(&self, i: usize) -> Option<PartOfDay> {
        lex::part_of_day(self.w(i)).filter(|_| self.kind(i) == Some(Kind::Word))
    }

    /// A cardinal at `i`: digits or words (`twenty-five`, `a`, `a dozen`).
    fn cardinal(&self, i: usize) -> Option<(f64, usize)> {
        if let Some(v) = self.num(i) {
            return Some((v as f64, i + 1));
        }
        if self.kind(i) == Some(Kind::Quantity) {
            let v: f64 = self.w(i).replace(',', "").parse().ok()?;
            return Some((v, i + 1));
        }
        let w = self.w(i);
        if w == "a" || w == "an" {
            if self.is(i + 1, "dozen") {
                return Some((12.0, i + 2));
            }
            if self.is(i + 1, "half") {
                return None;
            }
            return Some((1.0, i + 1));
        }
        if w == "dozen" {
            return Some((12.0, i + 1));
        }
        let v = lex::number_word(w)?;
        if v >= 20 && v % 10 == 0 {
            // twenty-five, twenty five
            let k = if self.is_dash(i + 1) && self.joined(i + 1) {
                i + 2
            } else {
                i + 1
            };
            if let Some(u) = lex::number_word(self.w(k)).filter(|u| (1..10).contains(u)) {
                return Some(((v + u) as f64, k + 1));
            }
        }
        if self.is(i + 1, "hundred") {
            return Some((v as f64 * 100.0, i + 2));
        }
        Some((v as f64, i + 1))
    }

    /// An amount: an optional qualifier and a cardinal, or a vague quantity (`a few`, `several`).
    fn amount(&self, i: usize) -> Option<(Amount, Option<TimexMod>, usize)> {
        let (qual, j) = self.qualifier(i);
        let vague = |lo: f64, hi: f64, k: usize| {
            Some((
                Amount {
                    n: lo,
                    lo,
                    hi,
                    numeric: false,
                    exact: false,
                },
                qual,
                k,
            ))
        };
        match (self.w(j), self.w(j + 1)) {
            ("a", "few") => return vague(2.0, 4.0, j + 2),
            ("few", _) => return vague(2.0, 4.0, j + 1),
            ("several", _) => return vague(3.0, 7.0, j + 1),
            ("a", "couple") if self.is(j + 2, "of") => return vague(2.0, 3.0, j + 3),
            ("a", "couple") => return vague(2.0, 3.0, j + 2),
            ("couple", "of") => return vague(2.0, 3.0, j + 2),
            ("many", _) => return vague(3.0, 30.0, j + 1),
            _ => {}
        }
        // A number too large to count time in is not an amount of it.
        let (n, k) = self.cardinal(j).filter(|(n, _)| *n <= 100_000.0)?;
        let a = match qual {
            None => Amount::exactly(n),
            Some(TimexMod::LessThan) => Amount {
                n,
                lo: n / 2.0,
                hi: n - 0.01,
                numeric: true,
                exact: false,
            },
            Some(TimexMod::MoreThan) | Some(TimexMod::EqualOrMore) => Amount {
                n,
                lo: n,
                hi: n * 1.5,
                numeric: true,
                exact: false,
            },
            Some(TimexMod::EqualOrLess) => Amount {
                n,
                lo: n / 2.0,
                hi: n,
                numeric: true,
                exact: false,
            },
            Some(_) => Amount {
                n,
                lo: n * 0.8,
                hi: n * 1.2,
                numeric: true,
                exact: false,
            },
        };
        Some((a, qual, k))
    }

    /// A quantity qualifier (`more than`, `nearly`, `about`) and the index after it.
    fn qualifier(&self, i: usize) -> (Option<TimexMod>, usize) {
        let two = |a: &str, b: &str| self.is(i, a) && self.is(i + 1, b);
        if two("more", "than") || two("just", "over") || two("well", "over") {
            return (Some(TimexMod::MoreThan), i + 2);
        }
        if two("less", "than") || two("fewer", "than") || two("just", "under") {
            return (Some(TimexMod::LessThan), i + 2);
        }
        if two("at", "least") {
            return (Some(TimexMod::EqualOrMore), i + 2);
        }
        if two("up", "to") || two("at", "most") {
            return (Some(TimexMod::EqualOrLess), i + 2);
        }
        match self.w(i) {
            "over" => (Some(TimexMod::MoreThan), i + 1),
            "under" | "nearly" | "almost" => (Some(TimexMod::LessThan), i + 1),
            "about" | "around" | "some" | "roughly" | "approximately" | "circa" => {
                (Some(TimexMod::Approx), i + 1)
            }
            _ => (None, i),
        }
    }

    /// A unit noun at `i`.
    fn unit(&self, i: usize) -> Option<(Unit, u32)> {
        lex::unit(self.w(i)).filter(|_| self.kind(i) == Some(Kind::Word))
    }

    // ----- the top level -----

    /// The longest expression starting at `i`.
    fn expr(&self, i: usize) -> Option<M> {
        longest([
            self.dated(i, false),
            self.prefixed(i),
            self.clock_then_day(i),
            self.set(i),
            self.duration(i),
        ])
    }

    /// A date with an optional part of day or clock time after it (`Friday night`, `April 13 at 10 a.m.`).
    fn dated(&self, i: usize, forced: bool) -> Option<M> {
        let mut m = self.date(i, forced)?;
        if !m.is_day() || m.clock.is_some() {
            return Some(m);
        }
        if m.part.is_none() && m.until.is_none() {
            if let Some(p) = self.part(m.end) {
                // `Thursday night`, `April 24 evening`; not `Friday morning prayers` in a name.
                m.part = Some(p);
                m.end += 1;
                return Some(m);
            }
        }
        let mut j = m.end;
        if self.is(j, ",") {
            j += 1;
        }
        if self.any(
            j,
            &[
                "at", "around", "about", "by", "from", "before", "after", "until",
            ],
        ) {
            if let Some(c) = self.clock(j + 1) {
                m.clock = c.clock;
                m.end = c.end;
            }
        } else if let Some(c) = self
            .clock(j)
            .filter(|_| matches!(m.what, What::Calendar { .. }))
        {
            // a dateline: 14 April 2025 10:32 GMT
            m.clock = c.clock;
            m.end = c.end;
        }
        Some(m)
    }

    /// Any date at `i` (`forced` when a prefix already shows that a bare month or year is one),
    /// framed by a year or week after it (`January last year`, `Tuesday last week`).
    fn date(&self, i: usize, forced: bool) -> Option<M> {
        let mut m = self.date_alone(i, forced)?;
        let wants = match &m.what {
            What::Month {
                shift: Shift::Bare, ..
            }
            | What::Calendar { year: None, .. }
            | What::Holiday { year: None, .. } => Unit::Year,
            What::Weekday {
                shift: Shift::Bare, ..
            } => Unit::Week,
            _ => return Some(m),
        };
        let j = if self.is(m.end, "of") {
            m.end + 1
        } else {
            m.end
        };
        if let Some(frame) = self
            .deictic(j)
            .filter(|f| matches!(f.what, What::Deictic { unit, .. } if unit == wants))
        {
            let inner = std::mem::replace(&mut m.what, What::EventRelative);
            m.what = What::Within {
                inner: Box::new(inner),
                frame: Box::new(frame.what),
            };
            m.end = frame.end;
        }
        Some(m)
    }

    fn date_alone(&self, i: usize, forced: bool) -> Option<M> {
        longest([
            self.numeric_date(i),
            self.month_day(i),
            self.day_month(i),
            self.month_year(i),
            self.bare_month(i, forced),
            self.year_rule(i, forced),
            self.decade(i),
            self.century(i),
            self.holiday(i),
            self.weekday_rule(i),
            self.deictic(i),
            self.narrative(i),
            self.offset(i),
            self.season_rule(i, forced),
            self.part_of_year(i),
        ])
    }

    // ----- absolute dates -----

    /// `2025-04-13`, `2025/04/13`, `13/04/2025` (only when day and month cannot be confused).
    fn numeric_date(&self, i: usize) -> Option<M> {
        let sep = self.w(i + 1);
        if !(sep == "-" || sep == "/")
            || !(1..5).all(|k| self.joined(i + k))
            || self.w(i + 3) != sep
        {
            return None;
        }
        let (a, b, c) = (self.t.get(i)?, self.num(i + 2)?, self.t.get(i + 4)?);
        let (year, month, day) = if a.kind == Kind::Number && a.digits == 4 {
            (a.value? as i32, b, self.num(i + 4)?)
        } else if c.kind == Kind::Number && c.digits == 4 && sep == "/" {
            let a = self.num(i)?;
            match (a > 12, b > 12) {
                (true, false) => (c.value? as i32, b, a),
                (false, true) => (c.value? as i32, a, b),
                _ => return None,
            }
        } else {
            return None;
        };
        chrono::NaiveDate::from_ymd_opt(year, month, day)?;
        if self.joined(i + 5) && self.any(i + 5, &["-", "/"]) {
            return None;
        }
        Some(M::new(
            i + 5,
            What::day(Some(year), month, day, None),
            "iso-date",
        ))
    }

    /// An optional weekday before a date (`Friday, March 28`); returns it and where the date starts.
    fn weekday_before_date(&self, i: usize) -> (Option<Weekday>, usize) {
        if let Some((wd, j)) = self.weekday(i) {
            let j = if self.is(j, ",") { j + 1 } else { j };
            return (Some(wd), j);
        }
        (None, i)
    }

    /// A connector of an elliptic range after a day (`1-5`, `1 to 5`, `between 1 and 5`).
    fn range_to(&self, j: usize, first: usize) -> Option<usize> {
        let before = self.prev(first);
        let ok = self.is_dash(j)
            || self.is(j, "through")
            || (self.is(j, "to") && matches!(before, "from" | "between"))
            || (self.is(j, "and") && before == "between");
        ok.then_some(j + 1)
    }

    /// `April 13`, `Apr. 13, 2025`, `Friday, March 28`, `March 1-5`, `between March 1 and 5`,
    /// `September the 11th`.
    fn month_day(&self, i: usize) -> Option<M> {
        let (weekday, j) = self.weekday_before_date(i);
        let (month, _, mut j) = self.month(j)?;
        if self.is(j, "the") {
            j += 1;
            let (day, k) = self.ordinal(j).filter(|(d, _)| (1..=31).contains(d))?;
            let (year, k) = self.year_after(k);
            let what = What::day(year, month, day, weekday);
            return Some(self.calendar(k, what, None, "month-day"));
        }
        let (day, mut j) = self.day(j)?;
        let mut until = None;
        if let Some(k) = self.range_to(j, i) {
            if let Some((d2, k2)) = self.day_checked(k, false).filter(|(d2, _)| *d2 > day) {
                until = Some(d2);
                j = k2;
            }
        }
        let (year, j) = self.year_after(j);
        Some(self.calendar(j, What::day(year, month, day, weekday), until, "month-day"))
    }

    /// A calendar day, with the other end of an elliptic range in the same month and year.
    fn calendar(&self, end: usize, what: What, until: Option<u32>, rule: &'static str) -> M {
        let mut m = M::new(end, what, rule);
        if let (Some(d), What::Calendar { year, month, .. }) = (until, &m.what) {
            m.until = Some(What::day(*year, *month, d, None));
        }
        m
    }

    /// `13 April 2025`, `the 13th of April`, `Friday 28 March`, `23-24 April`.
    fn day_month(&self, i: usize) -> Option<M> {
        let (weekday, mut j) = self.weekday_before_date(i);
        if self.is(j, "the") && self.kind(j + 1) == Some(Kind::Ordinal) {
            j += 1;
        }
        let (day, mut j) = self.day(j)?;
        let mut until = None;
        let connector =
            if self.is_dash(j) || self.is(j, "and") || self.is(j, "to") || self.is(j, "through") {
                Some(j + 1)
            } else {
                None
            };
        if let Some((d2, k)) = connector
            .and_then(|k| self.day_checked(k, false))
            .filter(|(d2, _)| *d2 > day)
        {
            until = Some(d2);
            j = k;
        }
        if self.is(j, "of") {
            j += 1;
        }
        let (month, _, j) = self.month(j)?;
        let (year, j) = self.year_after(j);
        Some(self.calendar(j, What::day(year, month, day, weekday), until, "day-month"))
    }

    /// `April 2025`, `April of 2025`.
    fn month_year(&self, i: usize) -> Option<M> {
        let (month, _, mut j) = self.month(i)?;
        if self.any(j, &[",", "of"]) {
            j += 1;
        }
        let (year, j) = self.year(j)?;
        Some(M::new(
            j,
            What::Calendar {
                year: Some(year),
                month,
                day: None,
                weekday: None,
            },
            "month-year",
        ))
    }

    /// `in June`, `last March`, `this May`: a full month name where the words show it is one.
    fn bare_month(&self, i: usize, forced: bool) -> Option<M> {
        let (shift, j) = match self.w(i) {
            "last" => (Shift::Last, i + 1),
            "next" => (Shift::Next, i + 1),
            "this" => (Shift::This, i + 1),
            _ => (Shift::Bare, i),
        };
        let (month, abbr, k) = self.month(j)?;
        if abbr {
            return None;
        }
        let before = self.prev(j);
        let coordinated = matches!(before, "and" | "or" | "," | "to" | "-" | "–" | "through")
            && j >= 2
            && (lex::month(self.w(j - 2)).is_some() || self.kind(j - 2) == Some(Kind::Number));
        let context =
            forced || shift != Shift::Bare || lex::is_date_preposition(before) || coordinated;
        if !context {
            return None;
        }
        // `May` and `March` need a preposition; the parse has already ruled out the modal and the verb.
        if matches!(month, 3 | 5)
            && shift == Shift::Bare
            && !forced
            && !lex::is_date_preposition(before)
        {
            return None;
        }
        Some(M::new(k, What::Month { month, shift }, "month"))
    }

    /// `2024`, `in 2024`, `2014-2022`: a year where the words or the entity tagger show it is one.
    fn year_rule(&self, i: usize, forced: bool) -> Option<M> {
        let (year, mut j) = self.year(i)?;
        let before = self.prev(i);
        let label = self.ent_at(self.t[i].start);
        let ok = forced
            || label == Some("DATE")
            || lex::is_date_preposition(before)
            || before == "year"
            || (label.is_none() && !self.has_ner() && (1900..=2100).contains(&year));
        if !ok || matches!(label, Some("CARDINAL" | "QUANTITY" | "MONEY" | "PERCENT")) {
            return None;
        }
        if self.any(
            j,
            &["%", "km", "kilometres", "kilometers", "people", "troops"],
        ) || before == "$"
        {
            return None;
        }
        // part of a numeric date or code that did not parse (04/05/2025)
        if !forced && self.joined(i) && matches!(before, "/" | "-" | "." | ":") {
            return None;
        }
        let mut m = M::new(j, What::Year(year), "year");
        if self.is_dash(j) && self.joined(j) && self.joined(j + 1) {
            // 2014-2022, 2024-25
            if let Some(t) = self.t.get(j + 1).filter(|t| t.kind == Kind::Number) {
                let v = t.value.unwrap_or(0) as i32;
                let end_year = match t.digits {
                    4 => v,
                    2 => year / 100 * 100 + v,
                    _ => 0,
                };
                if end_year > year && end_year - year < 100 {
                    m.until = Some(What::Year(end_year));
                    j += 2;
                    m.end = j;
                }
            }
        }
        Some(m)
    }

    /// `the 1990s`, `the '90s`.
    fn decade(&self, i: usize) -> Option<M> {
        let mut j = if self.is(i, "the") { i + 1 } else { i };
        let two_digit_mark = self.any(j, &["'", "’"]);
        if two_digit_mark {
            j += 1;
        }
        let t = self.t.get(j).filter(|t| t.kind == Kind::Decade)?;
        let v = t.value? as i32;
        let what = match t.digits {
            4 if v % 10 == 0 => What::Decade {
                decade: v / 10,
                two_digit: false,
            },
            2 if v % 10 == 0 && (two_digit_mark || j > i) => What::Decade {
                decade: v / 10,
                two_digit: true,
            },
            _ => return None,
        };
        Some(M::new(j + 1, what, "decade"))
    }

    /// `the 20th century`, `the twenty-first century`.
    fn century(&self, i: usize) -> Option<M> {
        let j = if self.is(i, "the") { i + 1 } else { i };
        let (n, k) = self.ordinal(j)?;
        let k = if self.is_dash(k) { k + 1 } else { k };
        if !self.is(k, "century") || n == 0 || n > 30 {
            return None;
        }
        Some(M::new(k + 1, What::Century(n as i32 - 1), "century"))
    }

    /// An ordinal number at `i` (`13th`, `first`, `twenty-first`).
    fn ordinal(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.t.get(i)?;
        if t.kind == Kind::Ordinal {
            return Some((t.value?, i + 1));
        }
        if let Some(n) = lex::ordinal_word(&t.lower) {
            return Some((n, i + 1));
        }
        let tens = lex::number_word(&t.lower).filter(|v| *v >= 20 && v % 10 == 0)?;
        let k = if self.is_dash(i + 1) { i + 2 } else { i + 1 };
        let unit = lex::ordinal_word(self.w(k)).filter(|u| *u < 10)?;
        Some((tens + unit, k + 1))
    }

    /// Feast days: `Palm Sunday`, `Good Friday`, `Christmas Eve`, `New Year's Day`, `Thanksgiving`.
    fn holiday(&self, i: usize) -> Option<M> {
        use Holiday::*;
        let first = self.t.get(i)?;
        if !first.capitalized {
            return None;
        }
        let w = |k: usize| self.w(i + k);
        let (h, len) = match (w(0), w(1), w(2), w(3)) {
            ("palm", "sunday", ..) => (Easter(-7), 2),
            ("good", "friday", ..) => (Easter(-2), 2),
            ("holy", "saturday", ..) => (Easter(-1), 2),
            ("holy" | "maundy", "thursday", ..) => (Easter(-3), 2),
            ("ash", "wednesday", ..) => (Easter(-46), 2),
            ("easter", "sunday", ..) => (Easter(0), 2),
            ("easter", "monday", ..) => (Easter(1), 2),
            ("orthodox", "easter", "sunday", _) => (OrthodoxEaster(0), 3),
            ("orthodox", "easter", ..) => (OrthodoxEaster(0), 2),
            ("orthodox", "christmas", ..) => (Fixed(1, 7), 2),
            ("easter", ..) => (Easter(0), 1),
            ("pentecost", ..) => (Easter(49), 1),
            ("whit", "sunday", ..) => (Easter(49), 2),
            ("ascension", "day", ..) => (Easter(39), 2),
            ("christmas", "eve", ..) => (Fixed(12, 24), 2),
            ("christmas", "day", ..) => (Fixed(12, 25), 2),
            ("christmas", ..) => (Fixed(12, 25), 1),
            ("boxing", "day", ..) => (Fixed(12, 26), 2),
            ("new", "year", "'s", "day") => (Fixed(1, 1), 4),
            ("new", "year", "'s", "eve") => (Fixed(12, 31), 4),
            ("new", "year", "'s", _) => (Fixed(1, 1), 3),
            ("new", "year", "day", _) => (Fixed(1, 1), 3),
            ("new", "year", "eve", _) => (Fixed(12, 31), 3),
            ("valentine", "'s", "day", _) => (Fixed(2, 14), 3),
            ("halloween", ..) => (Fixed(10, 31), 1),
            ("international", "women", "'s", "day") => (Fixed(3, 8), 4),
            ("may", "day", ..) => (Fixed(5, 1), 2),
            ("armistice", "day", ..) => (Fixed(11, 11), 2),
            ("thanksgiving", "day", ..) => (NthWeekday(11, Weekday::Thu, 4), 2),
            ("thanksgiving", ..) => (NthWeekday(11, Weekday::Thu, 4), 1),
            ("labor", "day", ..) => (NthWeekday(9, Weekday::Mon, 1), 2),
            ("memorial", "day", ..) => (NthWeekday(5, Weekday::Mon, -1), 2),
            _ => return None,
        };
        // Every word of the name is capitalised (`Good Friday`, not `good Friday`).
        if !(0..len).all(|k| self.t[i + k].capitalized || self.t[i + k].kind == Kind::Possessive) {
            return None;
        }
        let j = i + len;
        if self.names_something(j - 1) {
            return None;
        }
        let (year, j) = self.year_or_of_year(j);
        Some(M::new(j, What::Holiday { holiday: h, year }, "holiday"))
    }

    /// Whether the capitalised word after token `last` makes a name with it (`Good Friday
    /// Agreement`): by the parse when there is one (a compound of that word), else by the capital.
    fn names_something(&self, last: usize) -> bool {
        let Some(next) = self.t.get(last + 1) else {
            return false;
        };
        if next.kind != Kind::Word
            || !next.capitalized
            || lex::month(&next.lower).is_some()
            || lex::weekday(&next.lower).is_some()
        {
            return false;
        }
        match (
            self.doc.token_at(self.t[last].start),
            self.doc.token_at(next.start),
        ) {
            (Some(a), Some(b)) if !self.doc.tokens[a].dep.is_empty() => {
                self.doc.tokens[a].dep == "compound" && self.doc.tokens[a].head == b
            }
            _ => true,
        }
    }

    // ----- relative dates -----

    /// `Friday`, `last Friday`, `next Tuesday`, `Friday's`, `the following Monday`.
    fn weekday_rule(&self, i: usize) -> Option<M> {
        let (shift, narrative, j) = match (self.w(i), self.w(i + 1)) {
            ("last", _) => (Shift::Last, 0, i + 1),
            ("next", _) => (Shift::Next, 0, i + 1),
            ("this", "coming") => (Shift::Next, 0, i + 2),
            ("this", "past") => (Shift::Last, 0, i + 2),
            ("this", _) => (Shift::This, 0, i + 1),
            ("coming", _) => (Shift::Next, 0, i + 1),
            ("the", "following" | "next") => (Shift::Bare, 1, i + 2),
            ("the", "previous" | "preceding") => (Shift::Bare, -1, i + 2),
            _ => (Shift::Bare, 0, i),
        };
        let (weekday, k) = self.weekday(j)?;
        if WEEKDAY_NAMERS.contains(&self.prev(j)) || self.names_something(k - 1) {
            return None;
        }
        let what = if narrative != 0 {
            What::NarrativeWeekday {
                weekday,
                sign: narrative,
            }
        } else {
            What::Weekday { weekday, shift }
        };
        Some(M::new(k, what, "weekday"))
    }

    /// `today`, `yesterday morning`, `last night`, `this week`, `next month`, `last year`.
    fn deictic(&self, i: usize) -> Option<M> {
        let day = |offset: i32, end: usize, part: Option<PartOfDay>| {
            let m = M::new(
                end,
                What::Deictic {
                    unit: Unit::Day,
                    offset,
                },
                "deictic",
            );
            let m = m.with_part(part);
            if part.is_none() {
                // yesterday morning, tomorrow night
                if let Some(p) = self.part(end) {
                    let mut m = m;
                    m.part = Some(p);
                    m.end += 1;
                    return Some(m);
                }
            }
            Some(m)
        };
        match (self.w(i), self.w(i + 1), self.w(i + 2), self.w(i + 3)) {
            ("today", ..) => return day(0, i + 1, None),
            ("tonight", ..) => return day(0, i + 1, Some(PartOfDay::Night)),
            ("yesterday", ..) => return day(-1, i + 1, None),
            ("tomorrow", ..) => return day(1, i + 1, None),
            ("the", "day", "before", "yesterday") => return day(-2, i + 4, None),
            ("the", "day", "after", "tomorrow") => return day(2, i + 4, None),
            ("last", "night" | "evening", ..) => return day(-1, i + 2, self.part(i + 1)),
            ("this", "morning" | "afternoon" | "evening", ..) => {
                return day(0, i + 2, self.part(i + 1))
            }
            _ => {}
        }
        let prev = self.prev(i);
        if self.is(i, "the")
            && self.is(i + 1, "weekend")
            && matches!(
                prev,
                "over" | "during" | "at" | "on" | "for" | "through" | "throughout" | "by" | "until"
            )
        {
            return Some(M::new(i + 2, What::Weekend, "weekend"));
        }
        let (offset, j) = match (self.w(i), self.w(i + 1)) {
            ("this", "past") | ("this", "last") => (-1, i + 2),
            ("this", "coming") => (1, i + 2),
            ("this" | "current", _) => (0, i + 1),
            ("the", "current") => (0, i + 2),
            ("last" | "past", _) if prev != "the" => (-1, i + 1),
            ("next" | "coming", _) if prev != "the" => (1, i + 1),
            _ => return None,
        };
        let unit = match self.w(j) {
            "week" => Unit::Week,
            "weekend" => Unit::Weekend,
            "month" => Unit::Month,
            "quarter" => Unit::Quarter,
            "year" => Unit::Year,
            "decade" => Unit::Decade,
            "century" => Unit::Century,
            _ => return None,
        };
        Some(M::new(j + 1, What::Deictic { unit, offset }, "deictic"))
    }

    /// `that day`, `that morning`, `the next day`, `the following week`, `the day before`.
    fn narrative(&self, i: usize) -> Option<M> {
        let unit_or_part = |k: usize| -> Option<(Unit, Option<PartOfDay>)> {
            if let Some(p) = self.part(k) {
                return Some((Unit::Day, Some(p)));
            }
            match self.w(k) {
                "day" => Some((Unit::Day, None)),
                "week" => Some((Unit::Week, None)),
                "weekend" => Some((Unit::Weekend, None)),
                "month" => Some((Unit::Month, None)),
                "year" => Some((Unit::Year, None)),
                _ => None,
            }
        };
        let narrative = |end: usize, unit: Unit, offset: i32, part: Option<PartOfDay>| {
            Some(M::new(end, What::Narrative { unit, offset }, "narrative").with_part(part))
        };
        match (self.w(i), self.w(i + 1)) {
            ("that", "same") => {
                let (unit, part) = unit_or_part(i + 2)?;
                narrative(i + 3, unit, 0, part)
            }
            ("that", _) => {
                let (unit, part) = unit_or_part(i + 1)?;
                narrative(i + 2, unit, 0, part)
            }
            ("the", "same") => {
                let (unit, part) = unit_or_part(i + 2)?;
                narrative(i + 3, unit, 0, part)
            }
            ("the", "following" | "next" | "previous" | "preceding") => {
                let (unit, part) = unit_or_part(i + 2)?;
                let offset = if matches!(self.w(i + 1), "following" | "next") {
                    1
                } else {
                    -1
                };
                // `over the next year` looks ahead from now; only `the next day` and the like narrate.
                if self.is(i + 1, "next")
                    && unit != Unit::Day
                    && self.any(
                        i.wrapping_sub(1),
                        &["over", "within", "in", "for", "during", "throughout"],
                    )
                {
                    return None;
                }
                narrative(i + 3, unit, offset, part)
            }
            ("the", _) => {
                // the day before, the night before, the morning after, the week after
                let (unit, part) = unit_or_part(i + 1)?;
                let offset = match self.w(i + 2) {
                    "before" | "earlier" => -1,
                    "after" | "later" => 1,
                    _ => return None,
                };
                if matches!(self.w(i + 2), "before" | "after") && self.continues_phrase(i + 3) {
                    return Some(M::new(i + 3, What::EventRelative, "event-relative"));
                }
                narrative(i + 3, unit, offset, part)
            }
            _ => None,
        }
    }

    /// Whether the words at `k` continue a prepositional phrase (`after the attack`) rather than
    /// end the expression (`the day after, ...`).
    fn continues_phrase(&self, k: usize) -> bool {
        match self.kind(k) {
            Some(Kind::Word) => !matches!(
                self.w(k),
                "and" | "but" | "when" | "while" | "as" | "with" | "or"
            ),
            Some(Kind::Number | Kind::Ordinal | Kind::Mixed | Kind::Decade | Kind::Quantity) => {
                true
            }
            _ => false,
        }
    }

    /// `three days ago`, `two weeks later`, `a year earlier`, `less than two weeks later`,
    /// `three days after April 13`, `a day after the attack`.
    fn offset(&self, i: usize) -> Option<M> {
        let (amount, qual, j) = match self.amount(i) {
            Some(a) => a,
            // hours later, days ago: a plural unit alone is a few of them
            None if lex::is_plural_unit(self.w(i))
                && self.any(i + 1, &["later", "earlier", "ago"]) =>
            {
                let hi = match self.unit(i)?.0 {
                    Unit::Minute | Unit::Hour => 23.0,
                    Unit::Day => 6.0,
                    Unit::Week => 4.0,
                    Unit::Month => 11.0,
                    _ => 9.0,
                };
                (
                    Amount {
                        n: 2.0,
                        lo: 2.0,
                        hi,
                        numeric: false,
                        exact: false,
                    },
                    None,
                    i,
                )
            }
            None => return None,
        };
        let (unit, mult) = self.unit(j)?;
        let amount = amount.times(mult);
        let k = j + 1;
        let (sign, from, end) = match self.w(k) {
            "ago" => (-1, From::Published, k + 1),
            "later" | "afterwards" | "afterward" => (1, From::Narrative, k + 1),
            "earlier" => (-1, From::Narrative, k + 1),
            "before" | "after" | "prior" | "on" => {
                let sign = if self.is(k, "after") || self.is(k, "on") {
                    1
                } else {
                    -1
                };
                let mut next = k + 1;
                if self.is(k, "prior") {
                    if !self.is(next, "to") {
                        return Some(M::offset(k + 1, unit, amount, -1, From::Narrative, qual));
                    }
                    next += 1;
                }
                if let Some(d) = self.date(next, false).filter(|d| d.is_date()) {
                    let mut m = M::new(
                        d.end,
                        What::Offset {
                            unit,
                            amount,
                            sign,
                            from: From::Expr(Box::new(d.what)),
                        },
                        "offset",
                    );
                    m.modifier = qual;
                    return Some(m);
                }
                if self.is(k, "on") && self.continues_phrase(next) {
                    return None;
                }
                if self.continues_phrase(next) {
                    return Some(M::new(k + 1, What::EventRelative, "event-relative"));
                }
                (sign, From::Narrative, k + 1)
            }
            _ => return None,
        };
        Some(M::offset(end, unit, amount, sign, from, qual))
    }

    /// `this summer`, `last winter`, `the spring of 2024`, `summer 2024`, `in the autumn`.
    fn season_rule(&self, i: usize, forced: bool) -> Option<M> {
        let (shift, j) = match self.w(i) {
            "this" => (Shift::This, i + 1),
            "last" | "past" if self.prev(i) != "the" => (Shift::Last, i + 1),
            "next" | "coming" if self.prev(i) != "the" => (Shift::Next, i + 1),
            "the" => (Shift::Bare, i + 1),
            _ => (Shift::Bare, i),
        };
        let season = lex::season(self.w(j))?;
        if self.kind(j) != Some(Kind::Word) {
            return None;
        }
        let (year, j) = self.year_or_of_year(j + 1);
        // A bare season needs a preposition (`in the spring`); `fall` needs a year or a shift word.
        let bare = shift == Shift::Bare && year.is_none();
        if bare
            && (season == Season::Autumn && self.w(j - 1) == "fall"
                || !(forced || self.is(i, "the") && lex::is_date_preposition(self.prev(i))))
        {
            return None;
        }
        Some(M::new(
            j,
            What::Season {
                season,
                year,
                shift,
            },
            "season",
        ))
    }

    /// `the first quarter of 2025`, `Q3 2024`, `the second half of the year`.
    fn part_of_year(&self, i: usize) -> Option<M> {
        let (unit, n, mut j) = if self.kind(i) == Some(Kind::Mixed)
            && self.w(i).len() == 2
            && self.w(i).starts_with('q')
        {
            let n: u32 = self.w(i)[1..].parse().ok()?;
            (Unit::Quarter, n, i + 1)
        } else {
            if !self.is(i, "the") {
                return None;
            }
            let (n, k) = match self.w(i + 1) {
                "last" | "final" => (0, i + 2),
                _ => self.ordinal(i + 1)?,
            };
            let unit = match self.w(k) {
                "quarter" => Unit::Quarter,
                "half" => Unit::Half,
                _ => return None,
            };
            let max = if unit == Unit::Quarter { 4 } else { 2 };
            (unit, if n == 0 { max } else { n }, k + 1)
        };
        if n == 0 || n > if unit == Unit::Quarter { 4 } else { 2 } {
            return None;
        }
        let mut of = None;
        let k = if self.is(j, "of") { j + 1 } else { j };
        if let Some((y, k2)) = self.year(k) {
            of = Some(Box::new(What::Year(y)));
            j = k2;
        } else if self.is(j, "of") {
            if let Some(d) = self.deictic(k).filter(|d| {
                matches!(
                    d.what,
                    What::Deictic {
                        unit: Unit::Year,
                        ..
                    }
                )
            }) {
                of = Some(Box::new(d.what));
                j = d.end;
            } else if self.is(k, "the") && self.is(k + 1, "year") {
                of = Some(Box::new(What::Deictic {
                    unit: Unit::Year,
                    offset: 0,
                }));
                j = k + 2;
            } else if unit == Unit::Half {
                return None;
            }
        } else if unit == Unit::Half {
            return None;
        }
        Some(M::new(j, What::PartOfYear { unit, n, of }, "part-of-year"))
    }

    // ----- prefixes -----

    /// A date wrapped in a prefix: `early April`, `mid-March`, `late 2024`, `the end of February`,
    /// `the evening of April 24`, `the last day of February`, `midday Friday`, `later that day`.
    fn prefixed(&self, i: usize) -> Option<M> {
        longest([self.fuzzy(i), self.part_prefix(i), self.nth_of(i)])
    }

    fn fuzzy(&self, i: usize) -> Option<M> {
        let (modifier, j) = match (self.w(i), self.w(i + 1), self.w(i + 2)) {
            ("early", "-", _) | ("late", "-", _) | ("end", "-", _) if self.joined(i + 1) => (
                Some(if self.is(i, "early") {
                    TimexMod::Start
                } else {
                    TimexMod::End
                }),
                i + 2,
            ),
            ("early", ..) => (Some(TimexMod::Start), i + 1),
            ("late", ..) => (Some(TimexMod::End), i + 1),
            ("mid", "-", _) => (Some(TimexMod::Mid), i + 2),
            ("mid", ..) => (Some(TimexMod::Mid), i + 1),
            ("the", "beginning" | "start" | "dawn", "of") => (Some(TimexMod::Start), i + 3),
            ("the", "middle", "of") => (Some(TimexMod::Mid), i + 3),
            ("the", "end" | "close", "of") => (Some(TimexMod::End), i + 3),
            ("the", "turn", "of") => (Some(TimexMod::Start), i + 3),
            ("earlier" | "later", "this" | "that" | "next" | "last", _) => (None, i + 1),
            ("earlier" | "later", "in", "the") => (None, i + 2),
            _ => return None,
        };
        let mut m = if self.is(j, "the")
            && matches!(self.w(j + 1), "month" | "year" | "week")
            && self.w(i) != "early"
        {
            // the end of the year, the middle of the month
            let unit = match self.w(j + 1) {
                "month" => Unit::Month,
                "year" => Unit::Year,
                _ => Unit::Week,
            };
            M::new(j + 2, What::Deictic { unit, offset: 0 }, "deictic")
        } else {
            self.dated(j, true)?
        };
        let fuzzy_ok = match m.what.unframed() {
            What::Calendar { day, .. } => day.is_none(),
            What::Month { .. }
            | What::Year(_)
            | What::Decade { .. }
            | What::Century(_)
            | What::Season { .. }
            | What::PartOfYear { .. } => true,
            What::Deictic { unit, .. } | What::Narrative { unit, .. } => {
                *unit != Unit::Day || modifier.is_none() || m.part.is_none()
            }
            What::Weekday { .. } | What::Holiday { .. } => matches!(self.w(i), "early" | "late"),
            _ => false,
        };
        if !fuzzy_ok {
            return None;
        }
        m.modifier = modifier.or(m.modifier);
        m.rule = "fuzzy";
        Some(m)
    }

    /// `the evening of April 24`, `the night of 23-24 April`, `midday Friday`, `overnight Saturday`.
    fn part_prefix(&self, i: usize) -> Option<M> {
        let (part, j) = if self.is(i, "the") && self.is(i + 2, "of") {
            (self.part(i + 1)?, i + 3)
        } else if self.is(i, "the")
            && self.is(i + 1, "early")
            && self.is(i + 2, "hours")
            && self.is(i + 3, "of")
        {
            (PartOfDay::Night, i + 4)
        } else if self.any(i, &["midday", "noon", "overnight", "midnight"]) {
            let j = if self.any(i + 1, &["on", "into"]) {
                i + 2
            } else {
                i + 1
            };
            (self.part(i)?, j)
        } else {
            return None;
        };
        let m = self
            .date(j, false)
            .filter(|m| m.is_day() && m.part.is_none())?;
        let mut m = m.with_part(Some(part));
        m.rule = "part-of-day";
        Some(m)
    }

    /// `the last day of February`, `the first week of March`, `the first weekend of May`.
    fn nth_of(&self, i: usize) -> Option<M> {
        if !self.is(i, "the") {
            return None;
        }
        let (n, j) = match self.w(i + 1) {
            "last" | "final" => (-1, i + 2),
            _ => {
                let (n, j) = self.ordinal(i + 1)?;
                (n as i32, j)
            }
        };
        let unit = match self.w(j) {
            "day" => Unit::Day,
            "week" => Unit::Week,
            "weekend" => Unit::Weekend,
            _ => return None,
        };
        if !self.is(j + 1, "of") {
            return None;
        }
        let k = j + 2;
        let of = if self.is(k, "the") && self.any(k + 1, &["month", "year"]) {
            let unit = if self.is(k + 1, "month") {
                Unit::Month
            } else {
                Unit::Year
            };
            M::new(k + 2, What::Deictic { unit, offset: 0 }, "deictic")
        } else {
            self.date(k, true)?
        };
        let fits = match of.what.unframed() {
            What::Calendar { day, .. } => day.is_none(),
            What::Month { .. } | What::Year(_) => true,
            What::Deictic { unit, .. } => matches!(unit, Unit::Month | Unit::Year),
            _ => false,
        };
        if !fits {
            return None;
        }
        Some(M::new(
            of.end,
            What::NthOf {
                unit,
                n,
                of: Box::new(of.what),
            },
            "nth-of",
        ))
    }

    // ----- clock times -----

    /// `10:15 a.m.`, `3 p.m.`, `3pm`, `14:30 GMT`, `0715 GMT`, `noon`, with an optional time zone.
    fn clock(&self, i: usize) -> Option<M> {
        let t = self.t.get(i)?;
        let (mut minute, mut j, mut explicit) = (0u32, i + 1, false);
        let mut hour = match t.kind {
            Kind::Number if t.digits <= 2 => {
                if self.is(j, ":") && self.joined(j) && self.joined(j + 1) {
                    let m = self.t.get(j + 1)?;
                    let w = m.lower.as_str();
                    match m.kind {
                        Kind::Number if m.digits == 2 => minute = m.value?,
                        // 8:00am
                        Kind::Mixed if w.len() == 4 && (w.ends_with("am") || w.ends_with("pm")) => {
                            minute = w[..2].parse().ok()?;
                            let hour = match (t.value?, &w[2..]) {
                                (12, "am") => 0,
                                (h, "pm") if h < 12 => h + 12,
                                (h, _) => h,
                            };
                            return self.clock_zone(j + 2, hour, minute);
                        }
                        _ => return None,
                    }
                    j += 2;
                    explicit = true;
                }
                t.value?
            }
            Kind::Number if t.digits == 4 => {
                if !self.any(j, &["gmt", "utc", "hrs", "hours", "local"]) {
                    return None;
                }
                let v = t.value?;
                minute = v % 100;
                explicit = true;
                v / 100
            }
            Kind::Mixed if !(self.joined(i) && self.is(i.wrapping_sub(1), ":")) => {
                // 3pm, 10am
                let w = self.w(i);
                let digits: String = w.chars().take_while(|c| c.is_ascii_digit()).collect();
                let hour: u32 = digits.parse().ok()?;
                let hour = match &w[digits.len()..] {
                    "am" if hour == 12 => 0,
                    "am" => hour,
                    "pm" if hour < 12 => hour + 12,
                    "pm" => hour,
                    _ => return None,
                };
                return self.clock_zone(j, hour, 0);
            }
            Kind::Word
                if self.any(
                    i.wrapping_sub(1),
                    &["at", "around", "by", "until", "before", "after", "past"],
                ) =>
            {
                match self.w(i) {
                    "noon" | "midday" => return self.clock_zone(j, 12, 0),
                    "midnight" => return self.clock_zone(j, 0, 0),
                    _ => return None,
                }
            }
            _ => return None,
        };
        match self.w(j) {
            "a.m." | "am" | "a.m" => {
                if hour == 12 {
                    hour = 0;
                }
                j += 1;
            }
            "p.m." | "pm" | "p.m" => {
                if hour < 12 {
                    hour += 12;
                }
                j += 1;
            }
            "o" if self.w(j + 1) == "'" && self.w(j + 2) == "clock" => j += 3,
            _ => {
                // 24-hour times need a zone or an `at` to be told from scores and ratios.
                let zone = self.any(
                    j,
                    &[
                        "gmt", "utc", "local", "hrs", "cet", "cest", "bst", "est", "edt", "et",
                        "msk",
                    ],
                );
                let at = self.any(
                    i.wrapping_sub(1),
                    &[
                        "at", "around", "by", "until", "before", "after", "from", "since",
                    ],
                );
                if !(explicit && (zone || at)) {
                    return None;
                }
            }
        }
        if hour > 23 || minute > 59 {
            return None;
        }
        self.clock_zone(j, hour, minute)
    }

    /// Whether token `j` looks like a time zone abbreviation (`GMT`, `AEDT`, `CEST`).
    fn is_zone(&self, j: usize) -> bool {
        let Some(t) = self.t.get(j).filter(|t| t.kind == Kind::Word) else {
            return false;
        };
        let raw = &self.doc.text[t.start..t.end];
        raw == "UTC"
            || raw == "GMT"
            || (raw.len() >= 2
                && raw.len() <= 5
                && raw.ends_with('T')
                && raw.chars().all(|c| c.is_ascii_uppercase()))
    }

    fn clock_zone(&self, mut j: usize, hour: u32, minute: u32) -> Option<M> {
        if hour > 23 || minute > 59 {
            return None;
        }
        if self.is(j, "(") && self.is_zone(j + 1) && self.is(j + 2, ")") {
            // 11:00pm (ACDT)
            let mut m = self.clock_zone(j + 3, hour, minute)?;
            m.end = m.end.max(j + 3);
            return Some(m);
        }
        if self.is_zone(j) {
            j += 1;
        }
        if self.any(
            j,
            &[
                "gmt", "utc", "cet", "cest", "bst", "est", "edt", "et", "pt", "pst", "pdt", "msk",
                "eet", "eest", "ist", "jst", "hrs",
            ],
        ) {
            j += 1;
        } else if self.is(j, "local") && self.is(j + 1, "time") {
            j += 2;
        } else if self.kind(j) == Some(Kind::Word)
            && self.is(j + 1, "time")
            && self.t[j].capitalized
        {
            // Moscow time, Kyiv time
            j += 2;
        }
        let mut m = M::new(j, What::Clock, "clock");
        m.clock = Some((hour, minute));
        Some(m)
    }

    /// A clock time, with the day after it when there is one (`10:15 a.m. on Friday`).
    fn clock_then_day(&self, i: usize) -> Option<M> {
        let c = self.clock(i)?;
        let mut j = c.end;
        // 12:44 p.m. (0614 GMT) on Friday
        if self.is(j, "(") {
            if let Some(other) = self.clock(j + 1).filter(|o| self.is(o.end, ")")) {
                j = other.end + 1;
            }
        }
        if self.is(j, ",") {
            j += 1;
        }
        if self.is(j, "on") {
            j += 1;
        }
        if let Some(mut d) = self
            .date(j, false)
            .filter(|d| d.is_day() && d.clock.is_none())
        {
            d.clock = c.clock;
            d.rule = "clock";
            return Some(d);
        }
        Some(c)
    }

    // ----- durations and sets -----

    /// `three years`, `a 30-day ceasefire`, `for months`, `the past 24 hours`, `decade-long`.
    fn duration(&self, i: usize) -> Option<M> {
        let after_in = self.is(i.wrapping_sub(1), "in") && i > 0;
        // the past/last/next N units; the past week
        if self.is(i, "the")
            && self.any(
                i + 1,
                &["past", "last", "next", "coming", "previous", "first"],
            )
        {
            let j = i + 2;
            if let Some((a, q, k)) = self.amount(j) {
                if let Some((unit, mult)) = self.unit(k) {
                    let a = Some(a.times(mult)).filter(|a| a.numeric);
                    let mut m = M::new(
                        k + 1,
                        What::Duration {
                            unit,
                            amount: a,
                            after_in: false,
                        },
                        "duration",
                    );
                    m.modifier = q;
                    return Some(m);
                }
            }
            if let Some((unit, mult)) = self.unit(j) {
                let singular = !self.w(j).ends_with('s');
                if singular
                    && unit >= Unit::Day
                    && !self.is(i + 1, "first")
                    && !self.is(i.wrapping_sub(1), "at")
                {
                    let a = Some(Amount::exactly(mult as f64));
                    return Some(M::new(
                        j + 1,
                        What::Duration {
                            unit,
                            amount: a,
                            after_in: false,
                        },
                        "duration",
                    ));
                }
            }
            return None;
        }
        // 30-day, three-year, two-week-long; not 34-year-old
        if let Some((n, j)) = self.cardinal(i) {
            if self.is_dash(j) && self.joined(j) && self.joined(j + 1) {
                if let Some((unit, mult)) = self.unit(j + 1) {
                    if self.is_dash(j + 2) && self.is(j + 3, "old") {
                        return None;
                    }
                    let mut end = j + 2;
                    if self.is_dash(end) && self.is(end + 1, "long") {
                        end += 2;
                    }
                    let a = Some(Amount::exactly(n * mult as f64));
                    return Some(M::new(
                        end,
                        What::Duration {
                            unit,
                            amount: a,
                            after_in: false,
                        },
                        "duration",
                    ));
                }
            }
        }
        // decade-long, months-long
        if let Some((unit, mult)) = self.unit(i) {
            if self.is_dash(i + 1) && self.is(i + 2, "long") && self.joined(i + 1) {
                let plural = lex::is_plural_unit(self.w(i));
                let a = (!plural).then_some(Amount::exactly(mult as f64));
                return Some(M::new(
                    i + 3,
                    What::Duration {
                        unit,
                        amount: a,
                        after_in: false,
                    },
                    "duration",
                ));
            }
            // for months, for years
            if lex::is_plural_unit(self.w(i))
                && self.any(
                    i.wrapping_sub(1),
                    &["for", "over", "within", "after", "in", "lasting"],
                )
                && unit >= Unit::Day
            {
                return Some(M::new(
                    i + 1,
                    What::Duration {
                        unit,
                        amount: None,
                        after_in: false,
                    },
                    "duration",
                ));
            }
        }
        let (a, q, j) = self.amount(i)?;
        let (unit, mult) = self.unit(j)?;
        // ages are not durations: 34 years old
        if self.is(j + 1, "old") || (self.is(j + 1, "of") && self.is(j + 2, "age")) {
            return None;
        }
        // a day, a year alone are too often not durations (`twice a year`, `a day of mourning`)
        if !a.numeric && !a.exact && a.lo == 1.0 {
            return None;
        }
        if a.exact
            && a.lo == 1.0
            && matches!(self.w(i), "a" | "an")
            && !self.any(
                i.wrapping_sub(1),
                &[
                    "for", "within", "in", "over", "than", "about", "nearly", "almost",
                ],
            )
        {
            return None;
        }
        let a = a.times(mult);
        let amount = if a.numeric { Some(a) } else { None };
        let mut m = M::new(
            j + 1,
            What::Duration {
                unit,
                amount,
                after_in: after_in && q.is_none(),
            },
            "duration",
        );
        m.modifier = q;
        Some(m)
    }

    /// `every Monday`, `each year`, `every two weeks`, `daily`, `twice a week`, `on Mondays`.
    fn set(&self, i: usize) -> Option<M> {
        let word = self.w(i);
        let simple = match word {
            "daily" | "nightly" => Some("P1D"),
            "weekly" => Some("P1W"),
            "monthly" => Some("P1M"),
            "yearly" | "annually" => Some("P1Y"),
            "hourly" => Some("PT1H"),
            _ => None,
        };
        if let Some(v) = simple {
            return Some(M::new(i + 1, What::Set(v.into()), "set"));
        }
        if let Some(wd) = lex::weekday_plural(word).filter(|_| {
            self.t[i].capitalized && self.any(i.wrapping_sub(1), &["on", "every", "most", "all"])
        }) {
            let v = format!("XXXX-WXX-{}", wd.number_from_monday());
            return Some(M::new(i + 1, What::Set(v), "set"));
        }
        if matches!(word, "every" | "each") {
            let mut j = i + 1;
            let mut n = 1.0;
            if self.is(j, "other") {
                n = 2.0;
                j += 1;
            } else if let Some((v, k)) = self.cardinal(j) {
                n = v;
                j = k;
            }
            if let Some((wd, k)) = self.weekday(j) {
                let v = format!("XXXX-WXX-{}", wd.number_from_monday());
                return Some(M::new(k, What::Set(v), "set"));
            }
            if let Some(p) = self.part(j) {
                return Some(M::new(
                    j + 1,
                    What::Set(format!("XXXX-XX-XXT{}", p.code())),
                    "set",
                ));
            }
            let (unit, mult) = self.unit(j)?;
            return Some(M::new(
                j + 1,
                What::Set(duration_value(unit, n * mult as f64)),
                "set",
            ));
        }
        // once a week, twice a year, three times a day (the TIMEX3 value is the period)
        let j = match (word, self.w(i + 1)) {
            ("once" | "twice", _) => i + 1,
            (_, "times") => self
                .cardinal(i)
                .filter(|(_, k)| *k == i + 1)
                .map(|_| i + 2)?,
            _ => return None,
        };
        if !self.any(j, &["a", "an", "per", "each", "every"]) {
            return None;
        }
        let (unit, mult) = self.unit(j + 1)?;
        Some(M::new(
            j + 2,
            What::Set(duration_value(unit, mult as f64)),
            "set",
        ))
    }
}

/// The TIMEX3 duration value of `n` units (`P3Y`, `PT48H`, `P30D`).
pub(crate) fn duration_value(unit: Unit, n: f64) -> String {
    let (n, unit) = match unit {
        Unit::Decade => (n * 10.0, Unit::Year),
        Unit::Century => (n * 100.0, Unit::Year),
        _ => (n, unit),
    };
    let n = if n.fract() == 0.0 {
        format!("{}", n as u64)
    } else {
        format!("{n}")
    };
    match unit {
        Unit::Minute | Unit::Hour => format!("PT{n}{}", unit.duration_code()),
        _ => format!("P{n}{}", unit.duration_code()),
    }
}
