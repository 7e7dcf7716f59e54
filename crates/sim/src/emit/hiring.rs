//! Hiring and onboarding: interviews, laptop shipments and record changes.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::life::Life;
use super::Counters;
use crate::geo::CITIES;
use crate::names::{self, Culture};
use crate::person::{EmpType, Person, Status};
use crate::time::{weekday, DAY};
use crate::util::pick;
use crate::world::{Family, Org};
use crate::writer::Table;
use crate::SimError;

const BENIGN_NOTES: &[&str] = &[
    "Strong fundamentals, clear communicator.",
    "Good system design discussion; a bit light on testing.",
    "Solid coding exercise, asked thoughtful questions about the team.",
    "Great culture add. Recommend moving forward.",
    "Walked through a past project in detail, including trade-offs.",
    "",
    "",
    "",
];
const INTERVIEWER_TITLES: &[&str] = &[
    "Engineering Manager",
    "Senior Engineer",
    "Recruiter",
    "Director of Engineering",
    "Staff Engineer",
];

/// Writes the person's interviews and checks.
pub fn interviews(
    t: &mut Table,
    p: &Person,
    life: &Life,
    orgs: &[Org],
    rng: &mut ChaCha8Rng,
    counters: &mut Counters,
) -> Result<(), SimError> {
    let (Some(org), Some(status), Some(emp)) = (p.org, p.status, p.emp) else {
        return Ok(());
    };
    let tr = &p.t;
    let mut kinds: Vec<&'static str> = match emp {
        EmpType::Freelancer => {
            if rng.gen_bool(0.4) || tr.bad_camera > 0 {
                vec!["video"]
            } else {
                vec![]
            }
        }
        EmpType::VendorStaff => vec!["video"],
        _ => {
            let mut v = vec!["phone", "video"];
            if matches!(
                p.family(),
                Family::Engineering | Family::Data | Family::Security
            ) {
                v.push("coding_test");
            }
            v.push("video");
            if p.hybrid && rng.gen_bool(0.4) {
                v.push("onsite");
            }
            if emp == EmpType::Employee {
                v.push("reference_check");
                v.push("background_check");
            }
            v
        }
    };
    match status {
        Status::Applicant => kinds.truncate(rng.gen_range(1..=2)),
        Status::Rejected => kinds.truncate(rng.gen_range(1..=3)),
        _ => {}
    }
    let need_video = usize::from(tr.bad_camera.max(tr.signal_interviews))
        .max(if tr.single_glitch { 2 } else { 0 });
    while kinds.iter().filter(|k| **k == "video").count() < need_video {
        let pos = kinds
            .iter()
            .position(|k| k.ends_with("_check"))
            .unwrap_or(kinds.len());
        kinds.insert(pos, "video");
    }
    if kinds.is_empty() {
        return Ok(());
    }
    let tz = CITIES[orgs[org].hq].tz;
    let start = p.applied + 3 * DAY;
    let end = p.hired.unwrap_or(p.applied + 35 * DAY) - 2 * DAY;
    let step = ((end - start) / kinds.len() as i64).max(DAY);
    let mut video_seen = 0u8;
    let mut signal_seen = 0u8;
    let glitch_video = 2u8;
    let mut noise_camera = life.noise.camera_off_once;
    let mut noise_pause = life.noise.pauses_once;
    let n = kinds.len();
    for (i, kind) in kinds.iter().enumerate() {
        let mut day = (start + i as i64 * step + rng.gen_range(0..step.max(1))) / DAY;
        while weekday(day) == 0 || weekday(day) == 6 {
            day += 1;
        }
        let at = tz.local_to_utc(day, rng.gen_range(9 * 4..17 * 4) * 900);
        let mut camera = match *kind {
            "video" => "on",
            "coding_test" if rng.gen_bool(0.4) => "on",
            _ => "n/a",
        };
        let mut signals: Vec<&str> = Vec::new();
        let mut note: String = pick(rng, BENIGN_NOTES).to_string();
        if *kind == "video" {
            video_seen += 1;
            if video_seen <= tr.bad_camera {
                camera = ["broken", "refused", "off"][usize::from(video_seen - 1) % 3];
                if let Some(n) = tr.interview_notes.first() {
                    note = (*n).to_string();
                }
                if camera == "broken" {
                    signals.push("camera_excuse");
                }
            } else if tr.single_glitch && video_seen == glitch_video {
                camera = "broken";
                note = "Webcam driver crashed mid-call; finished on audio. Camera worked fine in every other round.".to_string();
            } else if noise_camera {
                camera = "off";
                note = "Poor connection, so the candidate turned video off for the second half."
                    .to_string();
                noise_camera = false;
            }
        }
        if matches!(*kind, "video" | "coding_test")
            && signal_seen < tr.signal_interviews
            && !tr.interview_signals.is_empty()
        {
            signal_seen += 1;
            let k = rng.gen_range(1..=tr.interview_signals.len());
            for s in &tr.interview_signals[..k] {
                if !signals.contains(s) {
                    signals.push(s);
                }
            }
            if let Some(n) = tr
                .interview_notes
                .get(usize::from(signal_seen) % tr.interview_notes.len().max(1))
            {
                note = (*n).to_string();
            }
        } else if noise_pause && *kind == "video" {
            signals.push("long_pauses");
            note = "Nervous at first; long pauses on the first questions, then fine.".to_string();
            noise_pause = false;
        }
        let duration = match *kind {
            "phone" => Some(rng.gen_range(20..36)),
            "video" => Some(rng.gen_range(30..61)),
            "coding_test" => Some(rng.gen_range(60..121)),
            "onsite" => Some(rng.gen_range(180..301)),
            "reference_check" => Some(rng.gen_range(10..26)),
            _ => None,
        };
        let last = i + 1 == n;
        let outcome = match (*kind, status, last) {
            ("background_check", _, _) => "clear",
            ("reference_check", _, _) => "positive",
            (_, Status::Rejected, true) => "reject",
            (_, Status::Applicant, true) => "pending",
            ("coding_test", _, _) => "pass",
            ("video", Status::Hired | Status::Active | Status::Terminated, _)
                if kinds[i + 1..].iter().all(|k| k.ends_with("_check")) =>
            {
                "hire"
            }
            _ => "advance",
        };
        let interviewer = match *kind {
            "background_check" => pick(rng, &["Checkr", "Sterling", "HireRight"]).to_string(),
            _ => {
                let c = *pick(
                    rng,
                    &[
                        Culture::Anglo,
                        Culture::Anglo,
                        Culture::Hispanic,
                        Culture::Indian,
                        Culture::Chinese,
                        Culture::Korean,
                    ],
                );
                format!(
                    "{} ({})",
                    names::generate(rng, c, true).full,
                    pick(rng, INTERVIEWER_TITLES)
                )
            }
        };
        counters.interview += 1;
        t.s(&format!("I{:08}", counters.interview))
            .s(&p.id)
            .ts_off(at, tz.offset_at(at))
            .s(kind)
            .s(camera);
        match duration {
            Some(d) => t.n(d),
            None => t.s(""),
        };
        t.s(&interviewer)
            .s(outcome)
            .s(&signals.join(";"))
            .s(&note)
            .end()?;
    }
    Ok(())
}

/// Writes the laptop shipment's status events.
pub fn shipments(t: &mut Table, p: &Person, life: &Life) -> Result<(), SimError> {
    let Some(s) = &life.ship else {
        return Ok(());
    };
    t.s(&s.asset)
        .s(&p.id)
        .ts(s.requested)
        .s(&s.address)
        .s("requested")
        .end()?;
    t.s(&s.asset)
        .s(&p.id)
        .ts(s.shipped)
        .s(&s.address)
        .s("shipped")
        .end()?;
    t.s(&s.asset)
        .s(&p.id)
        .ts(s.delivered)
        .s(&s.address)
        .s("delivered")
        .end()?;
    if let Some(r) = s.returned {
        t.s(&s.asset)
            .s(&p.id)
            .ts(r)
            .s(&s.address)
            .s("returned")
            .end()?;
    }
    Ok(())
}

/// Writes record changes.
pub fn changes(t: &mut Table, p: &Person, life: &Life) -> Result<(), SimError> {
    for c in &life.changes {
        t.s(&p.id).ts(c.at).s(c.field).s(&c.old).s(&c.new).end()?;
    }
    Ok(())
}
