//! Offsets estimated from realistic synthetic activity: office days in several time zones
//! with jitter, evening work, stray night events, weekends and a trip abroad.

use redflag_hours::{estimate_offset, ActivityClock, Config, OffsetEstimate};

/// SplitMix64, for repeatable jitter.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Events of one working day at `offset_hours` from UTC, on day `day` (Unix days): a start
/// between 08:00 and 10:00 local, a nine-hour day with a lunch dip, some evening work, and
/// with probability `night` a stray event at any hour.
fn working_day(clock: &mut ActivityClock, rng: &mut Rng, day: i64, offset_hours: f64, night: f64) {
    let start = 8.0 + 2.0 * rng.unit();
    for k in 0..12 {
        let local = start + 9.0 * (k as f64 + rng.unit()) / 12.0;
        if (12.5..13.0).contains(&local) && rng.unit() < 0.7 {
            continue; // lunch
        }
        add_local(clock, day, local, offset_hours);
    }
    if rng.unit() < 0.4 {
        add_local(clock, day, 19.0 + 3.0 * rng.unit(), offset_hours);
    }
    if rng.unit() < night {
        add_local(clock, day, 24.0 * rng.unit(), offset_hours);
    }
}

fn add_local(clock: &mut ActivityClock, day: i64, local_hours: f64, offset_hours: f64) {
    let utc_seconds = day as f64 * 86_400.0 + (local_hours - offset_hours) * 3_600.0;
    clock.add(utc_seconds as i64);
}

/// Eight weeks of weekdays at `offset_hours`.
fn eight_weeks(offset_hours: f64, seed: u64, night: f64) -> ActivityClock {
    let mut clock = ActivityClock::new();
    let mut rng = Rng(seed);
    for day in 20_000..20_056i64 {
        if day % 7 < 5 {
            working_day(&mut clock, &mut rng, day, offset_hours, night);
        }
    }
    clock
}

fn estimate(clock: &ActivityClock) -> OffsetEstimate {
    estimate_offset(clock, &Config::default()).expect("enough data")
}

#[test]
fn office_days_give_their_offset_within_an_hour() {
    for (offset, seed) in [(9.0, 1), (-5.0, 2), (0.0, 3), (5.5, 4), (-8.0, 5), (8.0, 6)] {
        let e = estimate(&eight_weeks(offset, seed, 0.05));
        let got = f64::from(e.offset_minutes) / 60.0;
        assert!(
            (got - offset).abs() <= 1.0,
            "offset {offset}: estimated {got}"
        );
        assert!(
            e.confidence > 0.7,
            "offset {offset}: confidence {}",
            e.confidence
        );
    }
}

#[test]
fn a_utc9_worker_claiming_ohio_is_ten_hours_off_the_short_way() {
    let e = estimate(&eight_weeks(9.0, 7, 0.05));
    let ohio = -5 * 60;
    let apart = e.hours_from(ohio);
    assert!(
        (13.0..=14.0).contains(&apart) || (10.0..=12.0).contains(&apart),
        "{apart}"
    );
    assert!(
        apart >= 10.0,
        "the short way round the clock is still far: {apart}"
    );
    // Someone really in Ohio is close to it.
    let local = estimate(&eight_weeks(-5.0, 8, 0.05));
    assert!(local.hours_from(ohio) <= 1.0, "{}", local.hours_from(ohio));
}

#[test]
fn a_week_abroad_does_not_move_the_estimate() {
    let mut clock = eight_weeks(9.0, 9, 0.05);
    let mut rng = Rng(10);
    for day in 20_056..20_061i64 {
        working_day(&mut clock, &mut rng, day, -5.0, 0.05);
    }
    let got = f64::from(estimate(&clock).offset_minutes) / 60.0;
    assert!((got - 9.0).abs() <= 1.5, "estimated {got}");
}

#[test]
fn round_the_clock_activity_has_low_confidence() {
    let mut clock = ActivityClock::new();
    let mut rng = Rng(11);
    for _ in 0..3_000 {
        let t = 20_000 * 86_400 + (rng.unit() * 40.0 * 86_400.0) as i64;
        clock.add(t);
    }
    let e = estimate(&clock);
    assert!(e.confidence < 0.15, "confidence {}", e.confidence);
    assert!(e.concentration < 0.1);
}

#[test]
fn little_data_gives_no_estimate_and_more_data_more_confidence() {
    let mut clock = ActivityClock::new();
    for day in 0..3 {
        for hour in 0..10 {
            clock.add(day * 86_400 + hour * 3_600);
        }
    }
    assert_eq!(clock.days(), 3);
    assert!(
        estimate_offset(&clock, &Config::default()).is_none(),
        "three days"
    );
    let two_weeks = {
        let mut c = ActivityClock::new();
        let mut rng = Rng(12);
        for day in 20_000..20_014 {
            working_day(&mut c, &mut rng, day, 9.0, 0.0);
        }
        c
    };
    assert!(estimate(&two_weeks).confidence < estimate(&eight_weeks(9.0, 12, 0.0)).confidence);
}

#[test]
fn the_local_histogram_shows_the_working_day() {
    let clock = eight_weeks(9.0, 13, 0.0);
    let hours = clock.local_hours(9 * 60);
    let day: u32 = hours[9..18].iter().sum();
    let night: u32 = hours[0..6].iter().sum();
    assert!(day > 10 * night.max(1), "{hours:?}");
    assert_eq!(hours.iter().sum::<u32>() as usize, clock.events());
}
