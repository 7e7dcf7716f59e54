//! Payouts (payroll, invoices, platform withdrawals, crypto) and inbound transfers.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::life::Life;
use super::Counters;
use crate::geo::{self, CITIES};
use crate::person::{EmpType, Method, Person};
use crate::time::{civil_from_days, days_from_civil, utc, DAY, HOUR, WINDOW_END, WINDOW_START};
use crate::world::ROLES;
use crate::writer::Table;
use crate::SimError;

#[allow(clippy::too_many_arguments)]
fn row(
    t: &mut Table,
    counters: &mut Counters,
    p: &Person,
    at: i64,
    direction: &str,
    method: &str,
    account: &str,
    holder: &str,
    bank_country: &str,
    counterparty: (&str, &str),
    cents: i64,
    currency: &str,
) -> Result<(), SimError> {
    counters.payment += 1;
    t.s(&format!("PAY{:09}", counters.payment))
        .s(&p.id)
        .ts(at)
        .s(direction)
        .s(method)
        .s(account)
        .s(holder)
        .s(bank_country)
        .s(counterparty.0)
        .s(counterparty.1)
        .money(cents)
        .s(currency)
        .end()
}

/// Writes payments for `p`.
pub fn payments(
    t: &mut Table,
    p: &Person,
    life: &Life,
    rng: &mut ChaCha8Rng,
    counters: &mut Counters,
) -> Result<(), SimError> {
    // Facilitator: money arriving from unrelated overseas senders (Knoot pattern).
    if !p.t.inbound.is_empty() {
        if let Some(payee) = &p.payee {
            for _ in 0..rng.gen_range(6..13) {
                let at = rng.gen_range(utc(2024, 2, 1, 0, 0)..utc(2025, 5, 1, 0, 0));
                let (who, country) = p.t.inbound[rng.gen_range(0..p.t.inbound.len())];
                let cents = rng.gen_range(1100..1900) * 100
                    + if rng.gen_bool(0.5) {
                        0
                    } else {
                        rng.gen_range(0..100)
                    };
                row(
                    t,
                    counters,
                    p,
                    at,
                    "inbound",
                    "bank",
                    &payee.account,
                    &payee.holder,
                    "US",
                    (who, country),
                    cents,
                    "USD",
                )?;
            }
        }
    }
    let Some((start, end)) = p.active_window() else {
        return Ok(());
    };
    if life.payees.is_empty() {
        return Ok(());
    }
    let claimed = geo::country(CITIES[p.city].country);
    let annual = claimed.salary * ROLES[p.role].pay / 100;
    let emp = p.emp.unwrap_or(EmpType::Employee);
    // Pay dates: the 28th of each month for payroll and invoices; 1–3 withdrawals a month on the platform.
    let mut dates = Vec::new();
    let (mut y, mut m, _) = civil_from_days(start.max(WINDOW_START) / DAY);
    loop {
        if emp == EmpType::Freelancer {
            for _ in 0..rng.gen_range(1..=3) {
                let d = days_from_civil(y, m, rng.gen_range(1..=28));
                dates.push(d * DAY + rng.gen_range(0..DAY));
            }
        } else {
            dates.push(days_from_civil(y, m, 28) * DAY + 13 * HOUR + rng.gen_range(0..HOUR));
        }
        if m == 12 {
            y += 1;
            m = 1;
        } else {
            m += 1;
        }
        if days_from_civil(y, m, 1) * DAY > end.min(WINDOW_END) {
            break;
        }
    }
    dates.sort_unstable();
    for at in dates {
        if at < start || at > end.min(WINDOW_END) {
            continue;
        }
        let Some(payee) = life.payee_at(at) else {
            continue;
        };
        if payee.account.is_empty() {
            continue;
        }
        let crypto_now = match (&p.t.crypto, life.crypto_from) {
            (Some((_, share)), Some(from)) if at >= from => rng.gen_bool(*share),
            _ => false,
        };
        if crypto_now {
            if let Some((addr, _)) = &p.t.crypto {
                let cents = rng.gen_range(800..4500) * 100;
                row(
                    t,
                    counters,
                    p,
                    at,
                    "payout",
                    "crypto",
                    addr,
                    "",
                    "",
                    ("", ""),
                    cents,
                    "USDT",
                )?;
                continue;
            }
        }
        let (cents, currency) = match (payee.method, emp) {
            (Method::Crypto, _) => (rng.gen_range(3_000..12_000) * 100, "USDT"),
            (Method::PaymentPlatform, EmpType::Freelancer) => {
                (rng.gen_range(300..6_000) * 100, "USD")
            }
            (Method::PaymentPlatform, _) => (rng.gen_range(4_000..14_000) * 100, "USD"),
            (_, EmpType::VendorStaff) => (rng.gen_range(9_000..16_000) * 100, "USD"),
            _ => {
                let bank = geo::country(payee.country);
                let base = if bank.code == claimed.code {
                    annual
                } else {
                    bank.salary * ROLES[p.role].pay / 100
                };
                (base / 12 * rng.gen_range(96..104) / 100, bank.currency)
            }
        };
        row(
            t,
            counters,
            p,
            at,
            "payout",
            payee.method.as_str(),
            &payee.account,
            &payee.holder,
            payee.country,
            ("", ""),
            cents,
            currency,
        )?;
    }
    Ok(())
}
