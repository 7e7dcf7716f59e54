//! Referrals and messages.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::life::Life;
use super::Counters;
use crate::person::{Anchor, EmpType, Person, Status};
use crate::time::{date, DAY, HOUR, WINDOW_END};
use crate::util::{digits, pick};
use crate::world::{Org, ROLES};
use crate::writer::Table;
use crate::SimError;

/// Writes the referral that brought `p` in, if any.
pub fn referral(
    t: &mut Table,
    p: &Person,
    people: &[Person],
    rng: &mut ChaCha8Rng,
) -> Result<(), SimError> {
    if let Some(r) = p.referred_by {
        let at = p.applied - rng.gen_range(1..10) * DAY - rng.gen_range(0..8) * HOUR;
        t.s(&people[r].id).s(&p.id).ts(at).end()?;
    }
    Ok(())
}

const FROM_PERSON: &[&str] = &[
    "Could you reset my MFA? I got a new phone over the weekend.",
    "Is the all-hands being recorded? I have a dentist appointment at 2.",
    "PTO request: Friday the 14th, back Monday.",
    "The VPN keeps dropping when I'm on the office Wi-Fi, is that a known issue?",
    "Thanks for the quick review, I pushed the fixes.",
    "Can I get access to the staging dashboard? My manager approved it in the ticket.",
    "My monitor arrived with a dead pixel, can we swap it?",
    "Heads up: I'll be offline from 3 to 4 for a school pickup.",
    "Quick question about the 401(k) match, where do I find the plan documents?",
    "Happy to help with the interview loop next week, send me the rubric.",
];
const PLATFORM_FROM: &[&str] = &[
    "Hi! Milestone 2 is done, the PR is up for review.",
    "Thanks for the feedback, I'll update the design and send a new version tomorrow.",
    "Could we extend the deadline by two days? The API docs were incomplete.",
    "Invoice for this week is submitted, thanks!",
];

fn write(
    t: &mut Table,
    counters: &mut Counters,
    p: &Person,
    at: i64,
    channel: &str,
    direction: &str,
    text: &str,
) -> Result<(), SimError> {
    counters.message += 1;
    t.s(&format!("M{:09}", counters.message))
        .s(&p.id)
        .ts(at)
        .s(channel)
        .s(direction)
        .s(text)
        .end()
}

/// Writes ordinary and scripted messages.
pub fn messages(
    t: &mut Table,
    p: &Person,
    life: &Life,
    orgs: &[Org],
    rng: &mut ChaCha8Rng,
    counters: &mut Counters,
) -> Result<(), SimError> {
    let Some(org) = p.org else {
        return Ok(());
    };
    let o = &orgs[org];
    let role = ROLES[p.role].title;
    let platform = p.emp == Some(EmpType::Freelancer);
    if !platform {
        write(
            t,
            counters,
            p,
            p.applied + rng.gen_range(2..6) * DAY,
            "email",
            "to_person",
            &format!(
                "Hi {}, thanks for applying to the {role} role at {}. Are you free for a 30-minute call this week?",
                p.name.first, o.name
            ),
        )?;
        if p.t.bad_camera > 0 {
            write(
                t,
                counters,
                p,
                p.applied + 5 * DAY,
                "email",
                "from_person",
                "Sorry, my webcam isn't working today. Can we do the interview with audio only?",
            )?;
        } else if rng.gen_bool(0.5) {
            write(
                t,
                counters,
                p,
                p.applied + 3 * DAY + 2 * HOUR,
                "email",
                "from_person",
                "Yes, Tuesday or Wednesday afternoon works for me. Looking forward to it!",
            )?;
        }
    }
    if let Some(h) = p.hired.filter(|_| p.status != Some(Status::Applicant)) {
        if !platform {
            write(
                t,
                counters,
                p,
                h - 6 * DAY,
                "email",
                "to_person",
                &format!(
                    "Welcome to {}! Your start date is {}. Please complete your I-9, tax forms and direct deposit in Workday before day one.",
                    o.name,
                    date(h / DAY)
                ),
            )?;
        }
        if let Some(s) = &life.ship {
            write(
                t,
                counters,
                p,
                s.shipped + HOUR,
                "ticket",
                "to_person",
                &format!(
                    "Your laptop ({}) has shipped via UPS, tracking 1Z{}. Reply to this ticket if the address \"{}\" looks wrong.",
                    s.asset,
                    digits(rng, 16),
                    s.address
                ),
            )?;
        }
        if let Some((start, end)) = p.active_window() {
            for _ in 0..rng.gen_range(1..=3) {
                let at = rng.gen_range(start..end);
                let (channel, text) = if platform {
                    ("platform", *pick(rng, PLATFORM_FROM))
                } else {
                    (
                        if rng.gen_bool(0.6) { "chat" } else { "ticket" },
                        *pick(rng, FROM_PERSON),
                    )
                };
                write(t, counters, p, at, channel, "from_person", text)?;
            }
        }
    }
    for m in &p.t.messages {
        let anchor = match m.anchor {
            Anchor::Hired => p.hired,
            Anchor::Shipped => life.ship.as_ref().map(|s| s.shipped),
            Anchor::Terminated => p.terminated,
            Anchor::FirstSeen => life.first_seen,
        };
        if let Some(a) = anchor {
            let at = a + m.offset;
            if at <= WINDOW_END + 30 * DAY {
                write(t, counters, p, at, m.channel, m.direction, &m.text)?;
            }
        }
    }
    Ok(())
}
