//! Resolution: from what an expression names to a TIMEX3 value, against the publication date
//! (`yesterday`, `on Thursday`, `in June`) or the last date the text established (`that
//! morning`, `the following week`, `a few days later`).

use super::calendar::{add_months, nth_weekday, orthodox_easter, western_easter, Granule, Unit};
use super::grammar::{duration_value, Amount, Found, From, Holiday, Shift, What};
use super::tense::Dir;
use crate::analysis::{TimexMod, TimexType};
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// What resolution gives for one expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Resolution {
    pub value: Option<String>,
    pub kind: TimexType,
    pub modifier: Option<TimexMod>,
    /// The value it was counted from (publication or narrative date), for relative expressions.
    pub anchor: Option<String>,
    /// The value of the other end of a range.
    pub range_end: Option<String>,
}

/// Where a resolved year came from, to carry `In 2022 ... in June` across a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum YearFrom {
    /// Written out (`March 2022`, `2022`).
    Stated(i32),
    /// Taken from the year the paragraph established.
    Carried,
    /// Counted from the publication or narrative date.
    Counted,
}

/// A resolved point or period.
#[derive(Debug, Clone, PartialEq)]
enum Point {
    /// A calendar granule.
    Cal(Granule),
    /// Known only in part (`XXXX-04-13` without a year to go by).
    Partial(String),
    Unknown,
}

struct Resolved {
    point: Point,
    anchor: Option<String>,
    year: YearFrom,
}

impl Resolved {
    fn counted(point: Point, anchor: Option<String>) -> Resolved {
        Resolved {
            point,
            anchor,
            year: YearFrom::Counted,
        }
    }

    fn unknown() -> Resolved {
        Resolved::counted(Point::Unknown, None)
    }

    fn granule(&self) -> Option<Granule> {
        match self.point {
            Point::Cal(g) => Some(g),
            _ => None,
        }
    }
}

/// The state of reading one article: its publication date and the dates the text has established.
pub(crate) struct Context {
    published: Option<NaiveDate>,
    /// Dates the text established, in order.
    history: Vec<Granule>,
    /// The year the last date of a paragraph stated (or carried), with that paragraph.
    year: Option<(i32, usize)>,
    /// The value of the expression just resolved, when it was a date.
    last: Option<Granule>,
}

impl Context {
    pub(crate) fn new(published: Option<NaiveDate>) -> Context {
        Context {
            published,
            history: Vec::new(),
            year: None,
            last: None,
        }
    }

    /// Resolves `f` (whose clause points `dir`) and remembers the date it establishes; `linked`
    /// when it closes a range or pair with the expression just before (`between January 9 and
    /// March 27`), so that it cannot fall before it.
    pub(crate) fn resolve(&mut self, f: &Found, dir: Option<Dir>, linked: bool) -> Resolution {
        let mut modifier = f.modifier;
        let (kind, r) = match &f.what {
            What::Duration {
                unit,
                amount,
                after_in,
            } => {
                let exact = amount.is_some_and(|a| a.exact);
                match amount {
                    // `in two weeks` looking ahead is a date
                    Some(a) if *after_in && exact && dir == Some(Dir::Future) => {
                        let r = self.offset(*unit, *a, 1, &From::Published, dir, f.paragraph);
                        (TimexType::Date, r)
                    }
                    _ => {
                        let value = match amount {
                            Some(a) => duration_value(*unit, a.n),
                            None => format!("PX{}", duration_code_of(*unit)),
                        };
                        let r = Resolved::counted(Point::Partial(value), None);
                        (TimexType::Duration, r)
                    }
                }
            }
            What::Set(v) => (
                TimexType::Set,
                Resolved::counted(Point::Partial(v.clone()), None),
            ),
            what => {
                let kind = if f.clock.is_some() || f.part.is_some() {
                    TimexType::Time
                } else {
                    TimexType::Date
                };
                (kind, self.point(what, dir, f.paragraph))
            }
        };
        if modifier.is_none() {
            if let What::Offset { amount, .. } = &f.what {
                if !amount.exact && amount.numeric {
                    modifier = Some(TimexMod::Approx);
                }
            }
        }
        let mut r = r;
        if let (true, Some(prev), Some(g), YearFrom::Counted) =
            (linked, self.last, r.granule(), r.year)
        {
            let yearless = matches!(
                f.what,
                What::Calendar { year: None, .. }
                    | What::Month {
                        shift: Shift::Bare,
                        ..
                    }
            );
            if yearless && g.first_day() < prev.first_day() {
                if let Some(next) = g.first_day().and_then(|d| add_months(d, 12)) {
                    r.point = Point::Cal(Granule::of(next, g.unit()));
                }
            }
        }
        self.last = if matches!(kind, TimexType::Date | TimexType::Time) {
            r.granule()
        } else {
            None
        };
        let mut value = match &r.point {
            Point::Cal(g) => Some(g.timex()),
            Point::Partial(s) => Some(s.clone()),
            Point::Unknown => None,
        };
        let is_day = matches!(r.point, Point::Cal(Granule::Day(_)))
            || matches!(&r.point, Point::Partial(s) if s.len() == 10);
        if let (Some(v), true) = (value.as_mut(), is_day) {
            if let Some((h, m)) = f.clock {
                v.push_str(&format!("T{h:02}:{m:02}"));
            } else if let Some(part) = f.part {
                v.push_str(&format!("T{}", part.code()));
            }
        }
        let range_end = f
            .until
            .as_ref()
            .and_then(|u| self.until(u, &r, dir, f.paragraph));
        if matches!(kind, TimexType::Date | TimexType::Time) {
            if let Some(g) = r.granule() {
                self.history.push(g);
            }
            // A bare year frames what follows only when it opens the sentence (`In 2022, ...`),
            // not in passing (`elected in 2019`).
            let frames = f.fronted || !matches!(f.what, What::Year(_));
            self.year = match r.year {
                YearFrom::Stated(y) if frames => Some((y, f.paragraph)),
                YearFrom::Stated(_) => None,
                YearFrom::Carried => self.year,
                YearFrom::Counted => None,
            };
        }
        Resolution {
            value,
            kind,
            modifier,
            anchor: r.anchor,
            range_end,
        }
    }

    /// The other end of an elliptic range, in the year the start resolved to.
    fn until(
        &self,
        until: &What,
        start: &Resolved,
        dir: Option<Dir>,
        paragraph: usize,
    ) -> Option<String> {
        let start_g = start.granule()?;
        let year = start_g.first_day()?.year();
        let what = match until {
            What::Calendar {
                year: None,
                month,
                day,
                weekday,
            } => What::Calendar {
                year: Some(year),
                month: *month,
                day: *day,
                weekday: *weekday,
            },
            other => other.clone(),
        };
        let end = self.point(&what, dir, paragraph).granule()?;
        (end.first_day()? > start_g.first_day()?).then(|| end.timex())
    }

    /// The latest established date at least as fine as `unit`.
    fn narrative(&self, unit: Unit) -> Option<Granule> {
        let unit = if unit < Unit::Day { Unit::Day } else { unit };
        self.history
            .iter()
            .rev()
            .find(|g| g.unit() <= unit && !(g.unit() == Unit::Weekend && unit == Unit::Week))
            .copied()
    }

    fn carried_year(&self, paragraph: usize) -> Option<i32> {
        self.year.filter(|(_, p)| *p == paragraph).map(|(y, _)| y)
    }

    fn point(&self, what: &What, dir: Option<Dir>, paragraph: usize) -> Resolved {
        let p = self.published;
        let p_anchor = p.map(|d| Granule::Day(d).timex());
        match what {
            What::Calendar {
                year: Some(y),
                month,
                day,
                weekday: _,
            } => {
                let g = match day {
                    Some(d) => NaiveDate::from_ymd_opt(*y, *month, *d).map(Granule::Day),
                    None => Some(Granule::Month(*y, *month)),
                };
                Resolved {
                    point: g.map_or(Point::Unknown, Point::Cal),
                    anchor: None,
                    year: YearFrom::Stated(*y),
                }
            }
            What::Calendar {
                year: None,
                month,
                day,
                weekday,
            } => self.yearless(*month, *day, *weekday, Shift::Bare, dir, paragraph),
            What::Month { month, shift } => {
                self.yearless(*month, None, None, *shift, dir, paragraph)
            }
            What::Year(y) => Resolved {
                point: Point::Cal(Granule::Year(*y)),
                anchor: None,
                year: YearFrom::Stated(*y),
            },
            What::Decade { decade, two_digit } => {
                let d = if *two_digit {
                    if *decade >= 3 {
                        190 + decade
                    } else {
                        200 + decade
                    }
                } else {
                    *decade
                };
                Resolved::counted(Point::Cal(Granule::Decade(d)), None)
            }
            What::Century(c) => Resolved::counted(Point::Cal(Granule::Century(*c)), None),
            What::Season {
                season,
                year: Some(y),
                ..
            } => Resolved {
                point: Point::Cal(Granule::Season(*y, *season)),
                anchor: None,
                year: YearFrom::Stated(*y),
            },
            What::Season {
                season,
                year: None,
                shift,
            } => {
                if let (Shift::Bare, Some(y)) = (shift, self.carried_year(paragraph)) {
                    let point = Point::Cal(Granule::Season(y, *season));
                    return Resolved {
                        point,
                        anchor: None,
                        year: YearFrom::Carried,
                    };
                }
                let Some(p) = p else {
                    return Resolved::unknown();
                };
                let cands: Vec<Granule> = (p.year() - 1..=p.year() + 2)
                    .map(|y| Granule::Season(y, *season))
                    .collect();
                let now = Granule::of(p, Unit::Season);
                let g = match shift {
                    Shift::Bare => pick(p, &cands, dir, true),
                    Shift::This => pick(p, &cands, None, true),
                    Shift::Last => cands
                        .iter()
                        .rev()
                        .find(|g| g.last_day() < now.first_day())
                        .copied(),
                    Shift::Next => cands
                        .iter()
                        .find(|g| g.first_day() > now.last_day())
                        .copied(),
                };
                Resolved::counted(g.map_or(Point::Unknown, Point::Cal), p_anchor)
            }
            What::PartOfYear { unit, n, of } => {
                let year = match of.as_deref() {
                    Some(w) => match self.point(w, dir, paragraph) {
                        Resolved {
                            point: Point::Cal(Granule::Year(y)),
                            year,
                            anchor,
                        } => Some((y, year, anchor)),
                        _ => None,
                    },
                    None => p.and_then(|p| {
                        let cands: Vec<Granule> = (p.year() - 1..=p.year() + 1)
                            .map(|y| part_of_year(*unit, y, *n))
                            .collect();
                        pick(p, &cands, dir, true)
                            .and_then(|g| g.first_day())
                            .map(|d| (d.year(), YearFrom::Counted, p_anchor.clone()))
                    }),
                };
                match year {
                    Some((y, from, anchor)) => Resolved {
                        point: Point::Cal(part_of_year(*unit, y, *n)),
                        anchor,
                        year: from,
                    },
                    None => Resolved::unknown(),
                }
            }
            What::Weekday { weekday, shift } => {
                let Some(p) = p else {
                    return Resolved::unknown();
                };
                let back = days_back(p, *weekday);
                let fwd = (7 - back) % 7;
                let date = match shift {
                    Shift::Bare if matches!(dir, Some(Dir::Future | Dir::Present)) => {
                        p + Duration::days(fwd)
                    }
                    Shift::Bare => p - Duration::days(back),
                    Shift::Last => p - Duration::days(if back == 0 { 7 } else { back }),
                    Shift::Next => p + Duration::days(if fwd == 0 { 7 } else { fwd }),
                    Shift::This => {
                        let monday = p - Duration::days(p.weekday().num_days_from_monday() as i64);
                        monday + Duration::days(weekday.num_days_from_monday() as i64)
                    }
                };
                Resolved::counted(Point::Cal(Granule::Day(date)), p_anchor)
            }
            What::Weekend => {
                let Some(p) = p else {
                    return Resolved::unknown();
                };
                let this = Granule::of(p, Unit::Weekend);
                let g = match this.first_day() {
                    // Before Saturday, a past weekend is last week's.
                    Some(sat) if sat > p && dir != Some(Dir::Future) => this.shift(-1),
                    _ => Some(this),
                };
                Resolved::counted(g.map_or(Point::Unknown, Point::Cal), p_anchor)
            }
            What::NarrativeWeekday { weekday, sign } => {
                let Some(r) = self.narrative(Unit::Day).and_then(|g| g.first_day()) else {
                    return Resolved::unknown();
                };
                let date = if *sign > 0 {
                    let fwd = (7 - days_back(r, *weekday)) % 7;
                    r + Duration::days(if fwd == 0 { 7 } else { fwd })
                } else {
                    let back = days_back(r, *weekday);
                    r - Duration::days(if back == 0 { 7 } else { back })
                };
                Resolved::counted(
                    Point::Cal(Granule::Day(date)),
                    Some(Granule::Day(r).timex()),
                )
            }
            What::Deictic { unit, offset } => {
                let Some(p) = p else {
                    return Resolved::unknown();
                };
                let g = Granule::of(p, *unit).shift(*offset);
                Resolved::counted(g.map_or(Point::Unknown, Point::Cal), p_anchor)
            }
            What::Narrative { unit, offset } => {
                let Some(r) = self.narrative(*unit) else {
                    return Resolved::unknown();
                };
                let g = r
                    .first_day()
                    .and_then(|d| Granule::of(d, *unit).shift(*offset));
                Resolved::counted(g.map_or(Point::Unknown, Point::Cal), Some(r.timex()))
            }
            What::Offset {
                unit,
                amount,
                sign,
                from,
            } => self.offset(*unit, *amount, *sign, from, dir, paragraph),
            What::Holiday {
                holiday,
                year: Some(y),
            } => {
                let g = holiday_date(*holiday, *y).map(Granule::Day);
                Resolved {
                    point: g.map_or(Point::Unknown, Point::Cal),
                    anchor: None,
                    year: YearFrom::Stated(*y),
                }
            }
            What::Holiday {
                holiday,
                year: None,
            } => {
                if let Some(y) = self.carried_year(paragraph) {
                    let g = holiday_date(*holiday, y).map(Granule::Day);
                    return Resolved {
                        point: g.map_or(Point::Unknown, Point::Cal),
                        anchor: None,
                        year: YearFrom::Carried,
                    };
                }
                let Some(p) = p else {
                    return Resolved::unknown();
                };
                let cands: Vec<Granule> = (p.year() - 1..=p.year() + 1)
                    .filter_map(|y| holiday_date(*holiday, y))
                    .map(Granule::Day)
                    .collect();
                Resolved::counted(
                    pick(p, &cands, dir, true).map_or(Point::Unknown, Point::Cal),
                    p_anchor,
                )
            }
            What::NthOf { unit, n, of } => {
                let inner = self.point(of, dir, paragraph);
                let g = inner.granule().and_then(|g| nth_of(g, *unit, *n));
                Resolved {
                    point: g.map_or(Point::Unknown, Point::Cal),
                    ..inner
                }
            }
            What::Clock => {
                let day = self.narrative(Unit::Day).or(p.map(Granule::Day));
                match day {
                    Some(g) => Resolved::counted(Point::Cal(g), Some(g.timex())),
                    None => Resolved::counted(Point::Partial("XXXX-XX-XX".into()), None),
                }
            }
            What::Within { inner, frame } => {
                let framed = self.point(frame, dir, paragraph);
                let g = framed.granule().and_then(|f| within(inner, f));
                Resolved::counted(g.map_or(Point::Unknown, Point::Cal), framed.anchor)
            }
            What::Duration { .. } | What::Set(_) | What::EventRelative => Resolved::unknown(),
        }
    }

    /// A month (and day) without a year: the paragraph's year, or the occurrence the tense picks.
    fn yearless(
        &self,
        month: u32,
        day: Option<u32>,
        weekday: Option<Weekday>,
        shift: Shift,
        dir: Option<Dir>,
        paragraph: usize,
    ) -> Resolved {
        let make = |y: i32| -> Option<Granule> {
            match day {
                Some(d) => NaiveDate::from_ymd_opt(y, month, d).map(Granule::Day),
                None => Some(Granule::Month(y, month)),
            }
        };
        if shift == Shift::Bare {
            if let Some(y) = self.carried_year(paragraph) {
                let point = make(y).map_or(Point::Unknown, Point::Cal);
                return Resolved {
                    point,
                    anchor: None,
                    year: YearFrom::Carried,
                };
            }
        }
        let Some(p) = self.published else {
            let partial = match day {
                Some(d) => format!("XXXX-{month:02}-{d:02}"),
                None => format!("XXXX-{month:02}"),
            };
            return Resolved::counted(Point::Partial(partial), None);
        };
        let anchor = Some(Granule::Day(p).timex());
        let cands: Vec<Granule> = (p.year() - 2..=p.year() + 1).filter_map(make).collect();
        if let Some(wd) = weekday {
            // `Friday, March 28`: the year in which that day is a Friday, nearest first.
            let fits: Vec<Granule> = cands
                .iter()
                .copied()
                .filter(|g| matches!(g, Granule::Day(d) if d.weekday() == wd))
                .collect();
            // A weekday that fits only a distant year is more likely a slip than that year.
            if let Some(g) = fits
                .iter()
                .filter(|g| distance(p, g) <= 200)
                .min_by_key(|g| distance(p, g))
            {
                return Resolved::counted(Point::Cal(*g), anchor);
            }
        }
        let now = Granule::of(p, Unit::Month);
        let g = match shift {
            Shift::Bare => pick(p, &cands, dir, true),
            Shift::This => make(p.year()),
            Shift::Last => cands
                .iter()
                .rev()
                .find(|g| g.first_day() < now.first_day())
                .copied(),
            Shift::Next => cands
                .iter()
                .find(|g| g.first_day() > now.last_day())
                .copied(),
        };
        Resolved::counted(g.map_or(Point::Unknown, Point::Cal), anchor)
    }

    /// `three days ago`, `two weeks later`, `a few days after April 13`.
    fn offset(
        &self,
        unit: Unit,
        amount: Amount,
        sign: i32,
        from: &From,
        dir: Option<Dir>,
        paragraph: usize,
    ) -> Resolved {
        let base = match from {
            From::Published => self.published.map(Granule::Day),
            From::Narrative => self.narrative(unit),
            From::Expr(w) => self
                .point(w, dir, paragraph)
                .granule()
                .filter(|g| g.unit() <= unit.max(Unit::Day)),
        };
        let Some(base) = base else {
            return Resolved::unknown();
        };
        let anchor = Some(base.timex());
        let Some(first) = base.first_day() else {
            return Resolved::unknown();
        };
        let fine = if unit < Unit::Day { Unit::Day } else { unit };
        let at = |x: f64| -> Option<NaiveDate> {
            let s = sign as i64;
            match unit {
                Unit::Minute => {
                    first.checked_add_signed(Duration::days(s * (x / 1440.0).floor() as i64))
                }
                Unit::Hour => {
                    first.checked_add_signed(Duration::days(s * (x / 24.0).floor() as i64))
                }
                Unit::Day => first.checked_add_signed(Duration::days(s * x.round() as i64)),
                Unit::Week | Unit::Weekend => {
                    first.checked_add_signed(Duration::days(s * (x * 7.0).round() as i64))
                }
                Unit::Month => add_months(first, sign * x.round() as i32),
                Unit::Quarter | Unit::Season => add_months(first, sign * (x * 3.0).round() as i32),
                Unit::Half => add_months(first, sign * (x * 6.0).round() as i32),
                Unit::Year => add_months(first, sign * (x * 12.0).round() as i32),
                Unit::Decade => add_months(first, sign * (x * 120.0).round() as i32),
                Unit::Century => add_months(first, sign * (x * 1200.0).round() as i32),
            }
        };
        let g = if amount.exact {
            at(amount.lo).map(|d| Granule::of(d, fine))
        } else {
            // A vague amount names the smallest period both ends fall in, if it is not too coarse.
            let hi = if unit == Unit::Hour && !amount.numeric {
                amount.hi.min(23.0)
            } else {
                amount.hi
            };
            let (a, b) = (
                at(amount.lo.max(if unit <= Unit::Hour { 0.0 } else { 1.0 })),
                at(hi),
            );
            let coarsest = match fine {
                Unit::Day | Unit::Week => Unit::Month,
                Unit::Month | Unit::Quarter => Unit::Year,
                _ => Unit::Decade,
            };
            match (a, b) {
                (Some(a), Some(b)) => [fine, Unit::Month, Unit::Year, Unit::Decade]
                    .into_iter()
                    .filter(|u| *u >= fine && *u <= coarsest)
                    .map(|u| (Granule::of(a, u), Granule::of(b, u)))
                    .find(|(x, y)| x == y)
                    .map(|(x, _)| x),
                _ => None,
            }
        };
        // Before the common era TIMEX3 needs another spelling; such offsets are not news.
        let g = g.filter(|g| g.first_day().is_some_and(|d| d.year() >= 1));
        Resolved::counted(g.map_or(Point::Unknown, Point::Cal), anchor)
    }
}

/// The TIMEX3 letter for a vague duration (`PXY`).
fn duration_code_of(unit: Unit) -> String {
    match unit {
        Unit::Minute | Unit::Hour => format!("T{}", unit.duration_code()),
        Unit::Decade => "DE".into(),
        Unit::Century => "CE".into(),
        u => u.duration_code().into(),
    }
}

fn part_of_year(unit: Unit, year: i32, n: u32) -> Granule {
    if unit == Unit::Half {
        Granule::Half(year, n)
    } else {
        Granule::Quarter(year, n)
    }
}

/// Days from the latest `weekday` on or before `date` to `date`.
fn days_back(date: NaiveDate, weekday: Weekday) -> i64 {
    ((date.weekday().num_days_from_monday() + 7 - weekday.num_days_from_monday()) % 7) as i64
}

/// Days between `p` and a granule (0 when it contains `p`).
fn distance(p: NaiveDate, g: &Granule) -> i64 {
    match (g.first_day(), g.last_day()) {
        (Some(a), _) if a > p => (a - p).num_days(),
        (_, Some(b)) if b < p => (p - b).num_days(),
        _ => 0,
    }
}

/// Picks among candidate occurrences: the latest that has begun for the past, the first that has
/// not ended for the future; with no tense, the past one unless the next is much nearer.
fn pick(
    p: NaiveDate,
    cands: &[Granule],
    dir: Option<Dir>,
    nearest_when_unsure: bool,
) -> Option<Granule> {
    let back = cands
        .iter()
        .rev()
        .find(|g| g.first_day().is_some_and(|d| d <= p))
        .copied();
    let fwd = cands
        .iter()
        .find(|g| g.last_day().is_some_and(|d| d >= p))
        .copied();
    match dir {
        Some(Dir::Past) => back,
        Some(Dir::Future) => fwd,
        Some(Dir::Present) | None => match (back, fwd) {
            (Some(b), Some(f)) if nearest_when_unsure && distance(p, &f) * 4 < distance(p, &b) => {
                Some(f)
            }
            (Some(b), _) => Some(b),
            (None, f) => f,
        },
    }
}

/// The date of a feast day in `year`.
fn holiday_date(h: Holiday, year: i32) -> Option<NaiveDate> {
    match h {
        Holiday::Easter(d) => western_easter(year)?.checked_add_signed(Duration::days(d)),
        Holiday::OrthodoxEaster(d) => orthodox_easter(year)?.checked_add_signed(Duration::days(d)),
        Holiday::Fixed(m, d) => NaiveDate::from_ymd_opt(year, m, d),
        Holiday::NthWeekday(m, wd, n) => nth_weekday(year, m, wd, n),
    }
}

/// A yearless date or a weekday placed in the year or week `frame`.
fn within(inner: &What, frame: Granule) -> Option<Granule> {
    let first = frame.first_day()?;
    match (inner, frame) {
        (
            What::Calendar {
                month,
                day: Some(d),
                ..
            },
            Granule::Year(y),
        ) => NaiveDate::from_ymd_opt(y, *month, *d).map(Granule::Day),
        (
            What::Calendar {
                month, day: None, ..
            }
            | What::Month { month, .. },
            Granule::Year(y),
        ) => Some(Granule::Month(y, *month)),
        (What::Holiday { holiday, .. }, Granule::Year(y)) => {
            holiday_date(*holiday, y).map(Granule::Day)
        }
        (What::Weekday { weekday, .. }, Granule::Week(..)) => Some(Granule::Day(
            first + Duration::days(weekday.num_days_from_monday() as i64),
        )),
        _ => None,
    }
}

/// `the last day of February`, `the first week of March` within a month or year.
fn nth_of(of: Granule, unit: Unit, n: i32) -> Option<Granule> {
    let (first, last) = (of.first_day()?, of.last_day()?);
    let day = match unit {
        Unit::Day if n > 0 => first + Duration::days(n as i64 - 1),
        Unit::Day => last - Duration::days(-n as i64 - 1),
        Unit::Week if n > 0 => first + Duration::days(7 * (n as i64 - 1)),
        Unit::Week => last - Duration::days(7 * (-n as i64 - 1)),
        Unit::Weekend if n > 0 => {
            let to_sat = (5 + 7 - first.weekday().num_days_from_monday() as i64) % 7;
            first + Duration::days(to_sat + 7 * (n as i64 - 1))
        }
        Unit::Weekend => {
            let back = (last.weekday().num_days_from_monday() as i64 + 7 - 5) % 7;
            last - Duration::days(back + 7 * (-n as i64 - 1))
        }
        _ => return None,
    };
    if day < first || day > last {
        return None;
    }
    Some(Granule::of(day, unit))
}
