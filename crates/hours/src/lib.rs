//! Real working hours: the UTC offset a person actually keeps, from when they are active.
//!
//! Guidance on DPRK IT workers (the 2022 advisory, the 2023 US/ROK guidance) points out
//! activity at hours that fit East Asia, not the claimed location: sign-ins and commits
//! around the clock of UTC+8/+9 from someone who says they live in Ohio. This crate turns a
//! person's event times (sign-ins, activity) into an estimate of the offset they live by,
//! with a confidence, and the hour histogram an analyst can check.
//!
//! **Method.** Event times fall into a 96-bin (15-minute) circular histogram of UTC time of
//! day. Each event is an angle on the 24-hour circle; their circular mean is the middle of
//! the person's active day in UTC, and the mean resultant length `R` (0 for activity spread
//! evenly round the clock, 1 for all at one moment) says how concentrated the day is. The
//! middle of an active day is assumed to be 13:30 local time
//! ([`Config::active_centre_local`]: a 09:00–18:00 day with some evening work), which
//! gives the offset. A week abroad in two months moves the mean by well under an hour.
//!
//! **Confidence** ([`OffsetEstimate::confidence`], 0–1) is `R` scaled so that a plain
//! office day scores about 1, times how much data there is (`events / (events + 30)`).
//! Round-the-clock activity (a shared account, a bot) therefore gets a low confidence, not a
//! wrong offset stated firmly.
//!
//! **Not robust to** night-shift work or split days: someone who works by night looks like
//! someone eight to twelve hours away. Rules must treat an offset that disagrees with the
//! claimed time zone as corroborating evidence, never as proof, and show the histogram.
//!
//! ```
//! use redflag_hours::{estimate_offset, ActivityClock, Config};
//!
//! // Forty weekdays of sign-ins at 09:00–17:00 in UTC+9 (00:00–08:00 UTC).
//! let mut clock = ActivityClock::new();
//! for day in 0..40i64 {
//!     for hour in 0..8i64 {
//!         clock.add(day * 86_400 + hour * 3_600 + 600);
//!     }
//! }
//! let estimate = estimate_offset(&clock, &Config::default()).unwrap();
//! assert!((estimate.offset_minutes - 9 * 60).abs() <= 60, "{}", estimate.offset_minutes);
//! assert!(estimate.confidence > 0.5);
//! ```

#![warn(missing_docs)]

/// Bins per day (15 minutes each).
pub const BINS: usize = 96;

const BIN_SECONDS: i64 = 86_400 / BINS as i64;

/// Events accumulated by UTC time of day (15-minute bins) and by day.
#[derive(Debug, Clone)]
pub struct ActivityClock {
    bins: [u32; BINS],
    days: std::collections::HashSet<i64>,
    /// The day of the last event added: events usually come in time order, and most share
    /// the previous one's day, which then needs no lookup.
    last_day: Option<i64>,
}

impl Default for ActivityClock {
    fn default() -> Self {
        ActivityClock::new()
    }
}

/// Two clocks are equal when they hold the same events per bin and the same days, whatever
/// order the events came in.
impl PartialEq for ActivityClock {
    fn eq(&self, other: &Self) -> bool {
        self.bins == other.bins && self.days == other.days
    }
}

impl ActivityClock {
    /// An empty clock.
    pub fn new() -> ActivityClock {
        ActivityClock {
            bins: [0; BINS],
            days: Default::default(),
            last_day: None,
        }
    }

    /// Adds one event at `unix_seconds` (UTC).
    pub fn add(&mut self, unix_seconds: i64) {
        let second_of_day = unix_seconds.rem_euclid(86_400);
        self.bins[(second_of_day / BIN_SECONDS) as usize] += 1;
        let day = unix_seconds.div_euclid(86_400);
        if self.last_day != Some(day) {
            self.days.insert(day);
            self.last_day = Some(day);
        }
    }

    /// Events added.
    pub fn events(&self) -> usize {
        self.bins.iter().map(|&c| c as usize).sum()
    }

    /// Distinct UTC days with at least one event.
    pub fn days(&self) -> usize {
        self.days.len()
    }

    /// Events per 15-minute bin of the UTC day.
    pub fn bins(&self) -> &[u32; BINS] {
        &self.bins
    }

    /// Events per hour of the day at `offset_minutes` from UTC (index 0 = 00:00–01:00
    /// local), for the evidence an analyst reads.
    pub fn local_hours(&self, offset_minutes: i32) -> [u32; 24] {
        let mut hours = [0u32; 24];
        let shift = offset_minutes.div_euclid(15) as i64;
        for (bin, &count) in self.bins.iter().enumerate() {
            let local = (bin as i64 + shift).rem_euclid(BINS as i64) as usize;
            hours[local / 4] += count;
        }
        hours
    }
}

/// Settings for [`estimate_offset`].
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Local time (hours after midnight) assumed to be the middle of an active day.
    pub active_centre_local: f64,
    /// Fewer events than this give no estimate.
    pub min_events: usize,
    /// Events on fewer distinct days than this give no estimate.
    pub min_days: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            active_centre_local: 13.5,
            min_events: 30,
            min_days: 5,
        }
    }
}

/// Mean resultant length of activity spread evenly over a 09:00–18:00 day: the
/// concentration a plain office day has, which [`OffsetEstimate::confidence`] calls 1.
const OFFICE_DAY_R: f64 = 0.78;

/// The offset a person keeps, and how sure the estimate is.
#[derive(Debug, Clone, PartialEq)]
pub struct OffsetEstimate {
    /// Estimated UTC offset in minutes (a multiple of 15), in `-720..840`.
    pub offset_minutes: i32,
    /// 0 (no idea) to 1 (a clear, well-sampled working day).
    pub confidence: f64,
    /// Middle of the active day in UTC (hours after midnight, the circular mean).
    pub active_centre_utc: f64,
    /// Mean resultant length `R` of the event times (0 = spread evenly round the clock).
    pub concentration: f64,
    /// Events behind the estimate.
    pub events: usize,
    /// Distinct UTC days behind the estimate.
    pub days: usize,
}

impl OffsetEstimate {
    /// Hours between this offset and `claimed_minutes`, the shorter way round the clock
    /// (0–12).
    pub fn hours_from(&self, claimed_minutes: i32) -> f64 {
        let d = (self.offset_minutes - claimed_minutes).rem_euclid(1440) as f64 / 60.0;
        d.min(24.0 - d)
    }
}

/// Estimates the UTC offset the activity in `clock` keeps, or `None` with too little data.
pub fn estimate_offset(clock: &ActivityClock, config: &Config) -> Option<OffsetEstimate> {
    let events = clock.events();
    if events < config.min_events || clock.days() < config.min_days {
        return None;
    }
    let (mut x, mut y) = (0.0, 0.0);
    for (&count, (cos, sin)) in clock.bins.iter().zip(bin_directions()) {
        x += f64::from(count) * cos;
        y += f64::from(count) * sin;
    }
    let n = events as f64;
    let concentration = (x * x + y * y).sqrt() / n;
    let centre_utc = y.atan2(x).rem_euclid(std::f64::consts::TAU) / std::f64::consts::TAU * 24.0;
    let offset_hours = (config.active_centre_local - centre_utc).rem_euclid(24.0);
    let mut offset_minutes = ((offset_hours * 4.0).round() as i32) * 15;
    if offset_minutes >= 840 {
        offset_minutes -= 1440;
    }
    let sample = n / (n + 30.0);
    Some(OffsetEstimate {
        offset_minutes,
        confidence: (concentration / OFFICE_DAY_R).min(1.0) * sample,
        active_centre_utc: centre_utc,
        concentration,
        events,
        days: clock.days(),
    })
}

/// The middle of each bin as a unit vector on the 24-hour circle, computed once.
fn bin_directions() -> &'static [(f64, f64); BINS] {
    static DIRECTIONS: std::sync::OnceLock<[(f64, f64); BINS]> = std::sync::OnceLock::new();
    DIRECTIONS.get_or_init(|| {
        std::array::from_fn(|bin| {
            let angle = (bin as f64 + 0.5) / BINS as f64 * std::f64::consts::TAU;
            (angle.cos(), angle.sin())
        })
    })
}
