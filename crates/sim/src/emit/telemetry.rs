//! High-volume telemetry: sign-ins, work activity, endpoint inventory and data access.
//!
//! Ordinary people work during local business hours in their claimed time zone; the
//! persona networks work a UTC+9 day (09:00–18:30 in Pyongyang/Seoul time, i.e. the
//! US evening and night) from shared residences, VPN exits and remote-access tools.
//!
//! On top of the random sign-ins, [`signins`] plants short episodes that only scenario
//! members have (a VPN that drops and reconnects, a farm laptop's session held open for
//! days, an MFA phone shared by personas, a long flight on in-flight Wi-Fi…), so that the
//! behaviours exist exactly where the ground truth says they do.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::life::Life;
use crate::geo::{self, ip_string, random_city_in, City, Isp, CITIES};
use crate::names::handle_part;
use crate::person::{DeviceUse, EmpType, Person};
use crate::time::{weekday, DAY, HOUR};
use crate::util::{hex, pick, pick_str, SERIAL};
use crate::world::{
    consumer_vpn_exit, Family, Org, OrgKind, ASTRILL_IOC_IPS, COMPANY_APPS, CONSUMER_VPN, DISPLAYS,
    INFLIGHT_WIFI, IPAD_UA, KVMS, M247, NEARBY_VPN_EXIT_CITIES, PLATFORM_APPS, REPO_STEMS, RMM,
    SOFTWARE, USB, USER_AGENTS, VPN_EXIT_CITIES,
};
use crate::writer::Table;
use crate::SimError;

/// Where the person lives at `at`: the claimed city, or the new one after a move abroad.
fn home_city(p: &Person, at: i64) -> &'static City {
    match &p.t.relocation {
        Some(r) if at >= r.moved => &CITIES[r.city],
        _ => &CITIES[p.city],
    }
}

/// Picks a moment of work: `(utc instant, on the UTC+9 schedule)`.
fn instant(rng: &mut ChaCha8Rng, p: &Person, life: &Life, start: i64, end: i64) -> (i64, bool) {
    let (sd, ed) = (start / DAY, end / DAY);
    let mut day = rng.gen_range(sd..=ed);
    for _ in 0..3 {
        let wd = weekday(day);
        if (wd == 0 || wd == 6) && rng.gen_bool(0.85) {
            day = rng.gen_range(sd..=ed);
        } else {
            break;
        }
    }
    let bad = p.t.utc9 && life.rental.is_none_or(|r| day * DAY >= r);
    let at = if bad {
        let hour = if rng.gen_bool(0.1) {
            rng.gen_range(19.0..23.5)
        } else {
            8.5 + 10.0 * (rng.gen::<f64>() + rng.gen::<f64>()) / 2.0
        };
        day * DAY + (hour * 3600.0) as i64 - 9 * HOUR
    } else {
        let tz = match &p.t.trip {
            Some(trip) if day >= trip.start_day && day < trip.start_day + trip.days => {
                CITIES[trip.city].tz
            }
            _ => home_city(p, day * DAY).tz,
        };
        let mut hour = if rng.gen_bool(0.07) {
            rng.gen_range(6.0..23.0)
        } else {
            8.5 + 9.5 * (rng.gen::<f64>() + rng.gen::<f64>()) / 2.0
        };
        if life.noise.night_owl {
            hour = (hour + 3.0).min(23.9);
        }
        tz.local_to_utc(day, (hour * 3600.0) as i64)
    };
    (nudge(at, start, end), bad)
}

/// Moves `at` by whole days into `start..=end`, keeping the time of day where it can.
fn nudge(mut at: i64, start: i64, end: i64) -> i64 {
    while at < start && at + DAY <= end {
        at += DAY;
    }
    while at > end && at - DAY >= start {
        at -= DAY;
    }
    at.clamp(start, end)
}

/// A moment on the network's UTC+9 day (after an account rental, when there is one).
fn bad_instant(rng: &mut ChaCha8Rng, p: &Person, life: &Life, start: i64, end: i64) -> i64 {
    let mut at = start;
    for _ in 0..12 {
        let (t, bad) = instant(rng, p, life, start, end);
        at = t;
        if bad {
            break;
        }
    }
    at
}

/// At the destination of a trip, between landing and the flight home.
fn in_trip(p: &Person, at: i64) -> bool {
    p.t.trip
        .as_ref()
        .is_some_and(|t| at >= t.out.1 && at < t.back.0)
}

/// On the way to or from a trip (airport and flight), when nobody signs in unless the
/// plane has Wi-Fi.
fn travelling(p: &Person, at: i64) -> bool {
    p.t.trip.as_ref().is_some_and(|t| {
        (at >= t.out.0 - 2 * HOUR && at < t.out.1 + HOUR)
            || (at >= t.back.0 - 2 * HOUR && at < t.back.1 + 2 * HOUR)
    })
}

/// Where a sign-in came from.
enum Src {
    Home,
    HomeV6,
    Mobile,
    /// The laptop on the phone's hotspot (at an airport gate).
    Tether,
    Office(usize),
    Shared,
    Astrill(usize),
    Vpn(u32, usize, &'static Isp),
    Foreign(u32, usize, &'static Isp),
    ResidentialProxy(u32, usize, &'static Isp),
    Hotel,
    /// In-flight Wi-Fi (the address).
    InFlight(u32),
}

fn origin(rng: &mut ChaCha8Rng, p: &Person, org: &Org, at: i64, bad: bool) -> Src {
    let t = &p.t;
    if bad {
        let r: f64 = rng.gen();
        let shared = if t.shared_ip.is_some() { 0.55 } else { 0.0 };
        if r < shared {
            return Src::Shared;
        }
        if r < shared + t.vpn_share {
            if rng.gen_bool(0.7) {
                let i = if t.vpn_ips.is_empty() {
                    rng.gen_range(0..ASTRILL_IOC_IPS.len())
                } else {
                    *pick(rng, &t.vpn_ips)
                };
                return Src::Astrill(i);
            }
            let city = geo::city_index(pick_str(rng, VPN_EXIT_CITIES));
            return Src::Vpn(M247.random_ip(rng), city, &M247);
        }
        if t.foreign_ips && r < shared + t.vpn_share + 0.1 {
            let (city, isp) = foreign_line(rng);
            return Src::Foreign(isp.random_ip(rng), city, isp);
        }
        let country = CITIES[p.city].country;
        let isp = pick(rng, geo::country(country).isps);
        return Src::ResidentialProxy(isp.random_ip(rng), random_city_in(rng, country), isp);
    }
    if in_trip(p, at) {
        return Src::Hotel;
    }
    let r: f64 = rng.gen();
    let weekday_now = !matches!(weekday(at / DAY), 0 | 6);
    let office_share = if org.kind == OrgKind::Platform || !weekday_now {
        0.0
    } else if t.office_heavy {
        0.7
    } else if p.hybrid {
        0.5
    } else {
        0.0
    };
    if r < office_share {
        return Src::Office(rng.gen_range(0..org.office_ips.len()));
    }
    if t.consumer_vpn > 0 && rng.gen_bool(0.15) {
        let k = p.dob.rem_euclid(1000) as usize + rng.gen_range(0..3);
        if t.consumer_vpn == 2 {
            // Astrill is a popular commercial VPN: ordinary users share its exits too.
            return Src::Astrill(k % ASTRILL_IOC_IPS.len());
        }
        let city = geo::city_index(["New York", "Amsterdam", "London", "Toronto"][k % 4]);
        return Src::Vpn(consumer_vpn_exit(k), city, &CONSUMER_VPN);
    }
    if rng.gen_bool(0.15) {
        return Src::Mobile;
    }
    if p.ipv6.is_some() && rng.gen_bool(0.4) {
        Src::HomeV6
    } else {
        Src::Home
    }
}

/// A residential line in Liaoning (China Unicom) or Vladivostok (Rostelecom), where the
/// advisories place DPRK IT workers.
fn foreign_line(rng: &mut ChaCha8Rng) -> (usize, &'static Isp) {
    if rng.gen_bool(0.75) {
        let c = geo::city_index(pick_str(rng, &["Shenyang", "Dandong"]));
        (c, &geo::country("CN").isps[1])
    } else {
        (geo::city_index("Vladivostok"), &geo::country("RU").isps[0])
    }
}

/// One sign-in before it is written.
struct Ev<'a> {
    at: i64,
    /// On the network's UTC+9 schedule.
    bad: bool,
    src: Src,
    /// The row always carries the log's geolocation (trips and planted episodes).
    enrich: bool,
    /// Planted: drawn and written with the planting generator, so that the person's other
    /// rows (and every other table) come out as without it.
    planted: bool,
    /// The sign-in succeeds.
    sure: bool,
    /// A session that spans several events (index into the person's planted sessions);
    /// otherwise each sign-in opens its own.
    session: Option<usize>,
    /// Device id instead of the usual one.
    device: Option<&'a str>,
    /// Application instead of a random one.
    app: Option<&'static str>,
    /// User agent instead of the usual one.
    ua: Option<&'static str>,
}

impl Ev<'_> {
    fn random(at: i64, bad: bool, src: Src, enrich: bool) -> Self {
        Ev {
            at,
            bad,
            src,
            enrich,
            planted: false,
            sure: false,
            session: None,
            device: None,
            app: None,
            ua: None,
        }
    }

    /// A planted sign-in: geolocated by the log, successful.
    fn planted(at: i64, bad: bool, src: Src) -> Self {
        Ev {
            sure: true,
            ..Ev::random(at, bad, src, true)
        }
    }
}

/// A US exit of the network's VPN, chosen by hand.
fn us_exit(rng: &mut ChaCha8Rng, p: &Person) -> Src {
    if p.t.vpn_ips.is_empty() || rng.gen_bool(0.3) {
        let city = geo::city_index(pick_str(rng, VPN_EXIT_CITIES));
        Src::Vpn(M247.random_ip(rng), city, &M247)
    } else {
        Src::Astrill(*pick(rng, &p.t.vpn_ips))
    }
}

/// Adds the episodes only scenario members have, drawing from `rng` (the planting stream).
/// Draws nothing for anyone else.
#[allow(clippy::too_many_arguments)]
fn plant<'a>(
    events: &mut Vec<Ev<'a>>,
    sessions: &mut Vec<String>,
    p: &'a Person,
    life: &Life,
    org: &Org,
    n: usize,
    (start, end): (i64, i64),
    rng: &mut ChaCha8Rng,
) {
    let t = &p.t;
    // The worker's own line abroad: one city and ISP, an address or two over time.
    let line = (t.vpn_hops > 0 || t.own_line).then(|| {
        let (city, isp) = foreign_line(rng);
        (city, isp, [isp.random_ip(rng), isp.random_ip(rng)])
    });
    if let Some((city, isp, ips)) = line {
        // The VPN drops: the client re-authenticates over the bare line, reconnects by itself
        // to a nearby Asian exit, and the worker picks a US exit again, all within the hour.
        for _ in 0..t.vpn_hops {
            let t0 = bad_instant(rng, p, life, start, end)
                .min(end - HOUR)
                .max(start);
            let t1 = t0 + rng.gen_range(8..18) * 60;
            let t2 = t1 + rng.gen_range(4..12) * 60;
            let t3 = t2 + rng.gen_range(10..25) * 60;
            let exit = geo::city_index(pick_str(rng, NEARBY_VPN_EXIT_CITIES));
            let first = us_exit(rng, p);
            let last = us_exit(rng, p);
            events.push(Ev::planted(t0, true, first));
            events.push(Ev::planted(t1, true, Src::Foreign(ips[0], city, isp)));
            events.push(Ev::planted(
                t2,
                true,
                Src::Vpn(M247.random_ip(rng), exit, &M247),
            ));
            events.push(Ev::planted(t3, true, last));
        }
        // Without the VPN, on the worker's own line: part of the time, whatever the log's size.
        if t.own_line {
            for _ in 0..(n / 2).max(12) {
                let at = bad_instant(rng, p, life, start, end);
                let ip = ips[usize::from(rng.gen_bool(0.3))];
                events.push(Ev::planted(at, true, Src::Foreign(ip, city, isp)));
            }
        }
    }
    // The farm keeps the laptop on and connected: one identity-provider session for days,
    // over whatever connections the laptop's other sign-ins use.
    for _ in 0..t.held_sessions {
        let span = rng.gen_range(26 * HOUR..72 * HOUR);
        if end - start <= span + DAY {
            break;
        }
        let t0 = bad_instant(rng, p, life, start, end).min(end - span);
        let k = rng.gen_range(3..=6);
        let mut times: Vec<i64> = (0..k - 2).map(|_| t0 + rng.gen_range(1..span)).collect();
        times.extend([t0, t0 + span]);
        let session = Some(sessions.len());
        sessions.push(hex(rng, 20));
        for at in times {
            let src = origin(rng, p, org, at, true);
            events.push(Ev {
                session,
                sure: true,
                ..Ev::random(at, true, src, false)
            });
        }
    }
    if let Some(dev) = &t.signin_device {
        for _ in 0..rng.gen_range(3..=6) {
            let ev = match dev.kind {
                // The operators' phone approves the personas' MFA pushes, over the
                // network's usual connections.
                DeviceUse::MfaPhone => {
                    let at = bad_instant(rng, p, life, start, end);
                    Ev {
                        app: Some("Okta Verify"),
                        ..Ev::random(at, true, origin(rng, p, org, at, true), false)
                    }
                }
                // Checking work mail on the family iPad, some evenings.
                DeviceUse::HomeTablet => {
                    let day = rng.gen_range(start / DAY..=end / DAY);
                    let local = rng.gen_range(19 * HOUR..22 * HOUR + 1800);
                    let at = nudge(
                        home_city(p, day * DAY).tz.local_to_utc(day, local),
                        start,
                        end,
                    );
                    Ev {
                        app: Some(pick_str(rng, &["Microsoft 365", "Slack", "Okta Dashboard"])),
                        ua: Some(IPAD_UA),
                        ..Ev::random(at, false, Src::Home, false)
                    }
                }
            };
            events.push(Ev {
                device: Some(&dev.id),
                sure: true,
                ..ev
            });
        }
    }
    // A long flight on in-flight Wi-Fi: the laptop stays signed in from the gate to the
    // arrival airport, in one session, and the country changes once on landing.
    if let Some(trip) = &t.trip {
        if let Some(wifi) = trip.wifi {
            let (depart, land) = trip.out;
            let session = Some(sessions.len());
            sessions.push(hex(rng, 20));
            let last_aloft = land - rng.gen_range(15..25) * 60;
            let mut times = vec![depart - rng.gen_range(45..100) * 60, last_aloft];
            for _ in 0..rng.gen_range(1..=3) {
                times.push(rng.gen_range(depart + 50 * 60..last_aloft));
            }
            times.push(land + rng.gen_range(15..30) * 60);
            let last = times.len() - 1;
            for (i, at) in times.into_iter().enumerate() {
                let src = match i {
                    0 => Src::Tether,
                    i if i == last => Src::Hotel,
                    _ => Src::InFlight(wifi),
                };
                if at > start && at < end {
                    events.push(Ev {
                        session,
                        ..Ev::planted(at, false, src)
                    });
                }
            }
        }
    }
}

/// Writes sign-ins.
pub fn signins(
    t: &mut Table,
    p: &Person,
    life: &Life,
    orgs: &[Org],
    n: usize,
    rng: &mut ChaCha8Rng,
) -> Result<(), SimError> {
    let (Some((start, end)), Some(org_idx)) = (p.active_window(), p.org) else {
        return Ok(());
    };
    let org = &orgs[org_idx];
    let platform = org.kind == OrgKind::Platform;
    let mut events: Vec<Ev> = Vec::with_capacity(n);
    for _ in 0..n {
        let (at, bad) = instant(rng, p, life, start, end);
        let src = origin(rng, p, org, at, bad);
        events.push(Ev::random(at, bad, src, false));
    }
    if let Some(trip) = &p.t.trip {
        // A business trip: a burst of sign-ins from the hotel during local working hours.
        let tz = CITIES[trip.city].tz;
        for _ in 0..rng.gen_range(6..=10) {
            let day = trip.start_day + rng.gen_range(0..trip.days);
            let at = tz.local_to_utc(day, rng.gen_range(8 * HOUR..20 * HOUR));
            if at > start && at < end && in_trip(p, at) {
                events.push(Ev::random(at, false, Src::Hotel, true));
            }
        }
        // Working from home the days around the trip.
        let home = CITIES[p.city].tz;
        for day in [
            trip.start_day - 2,
            trip.start_day - 1,
            trip.start_day + trip.days + 1,
        ] {
            let at = home.local_to_utc(day, rng.gen_range(9 * HOUR..17 * HOUR));
            if at > start && at < end && !in_trip(p, at) {
                events.push(Ev::random(at, false, Src::Home, true));
            }
        }
        // Nobody signs in from the airport or the plane (but see the in-flight Wi-Fi below).
        events.retain(|e| !travelling(p, e.at));
    }
    // Planted episodes draw from a stream of their own: the person's usual stream, and so
    // their other sign-ins, activity, endpoint and access rows, stay as they were.
    let mut planting = rng.clone();
    planting.set_stream(rng.get_stream() ^ (1 << 63));
    let mut sessions: Vec<String> = Vec::new();
    let first = events.len();
    if n > 0 {
        plant(
            &mut events,
            &mut sessions,
            p,
            life,
            org,
            n,
            (start, end),
            &mut planting,
        );
    }
    for e in &mut events[first..] {
        e.planted = true;
    }
    events.sort_by_key(|e| e.at);
    let mac = p
        .device
        .as_ref()
        .map_or(p.dob.rem_euclid(3) == 0, |d| d.mac);
    let desktop_ua = USER_AGENTS[if mac {
        2 + (p.dob.rem_euclid(2)) as usize
    } else {
        (p.dob.rem_euclid(2)) as usize
    }]
    .1;
    let mobile_ua = USER_AGENTS[4 + (p.dob.rem_euclid(2)) as usize].1;
    let login = p.work_email.as_deref().unwrap_or(&p.personal_email);
    for ev in events {
        let rng: &mut ChaCha8Rng = if ev.planted { &mut planting } else { &mut *rng };
        let at = ev.at;
        let bad = ev.bad;
        let mobile = matches!(ev.src, Src::Mobile);
        let home = home_city(p, at);
        let moved = p.t.relocation.as_ref().filter(|r| at >= r.moved);
        let (home_ip, home_isp) = moved.map_or((p.home_ip, p.isp), |r| (r.ip, r.isp));
        let (mobile_ip, mobile_isp) =
            moved.map_or((p.mobile_ip, p.mobile_isp), |r| (r.mobile_ip, r.mobile_isp));
        let (ip, city, asn, as_org, proxy): (String, &City, Option<u32>, &str, bool) = match ev.src
        {
            Src::Home => (
                ip_string(home_ip),
                home,
                Some(home_isp.asn),
                home_isp.org,
                false,
            ),
            Src::HomeV6 => match (&p.ipv6, moved) {
                (Some(v6), None) => (v6.clone(), home, Some(p.isp.asn), p.isp.org, false),
                _ => (
                    ip_string(home_ip),
                    home,
                    Some(home_isp.asn),
                    home_isp.org,
                    false,
                ),
            },
            Src::Mobile | Src::Tether => (
                ip_string(mobile_ip),
                home,
                Some(mobile_isp.asn),
                mobile_isp.org,
                false,
            ),
            Src::Office(i) => (
                ip_string(org.office_ips[i]),
                &CITIES[org.hq],
                Some(org.office_isp.asn),
                org.office_isp.org,
                false,
            ),
            Src::Shared => match &p.t.shared_ip {
                Some(s) => (ip_string(s.ip), &CITIES[s.city], Some(s.asn), s.org, false),
                None => (
                    ip_string(home_ip),
                    home,
                    Some(home_isp.asn),
                    home_isp.org,
                    false,
                ),
            },
            Src::Astrill(i) => (
                ASTRILL_IOC_IPS[i].to_string(),
                &CITIES[geo::city_index(VPN_EXIT_CITIES[i % VPN_EXIT_CITIES.len()])],
                None,
                "Astrill VPN",
                true,
            ),
            Src::Vpn(ip, c, isp) => (ip_string(ip), &CITIES[c], Some(isp.asn), isp.org, true),
            Src::Foreign(ip, c, isp) => (ip_string(ip), &CITIES[c], Some(isp.asn), isp.org, false),
            Src::ResidentialProxy(ip, c, isp) => (
                ip_string(ip),
                &CITIES[c],
                Some(isp.asn),
                isp.org,
                rng.gen_bool(0.5),
            ),
            Src::Hotel => match &p.t.trip {
                Some(trip) => (
                    ip_string(trip.ip),
                    &CITIES[trip.city],
                    Some(trip.isp.asn),
                    trip.isp.org,
                    false,
                ),
                None => (
                    ip_string(home_ip),
                    home,
                    Some(home_isp.asn),
                    home_isp.org,
                    false,
                ),
            },
            // The satellite provider's exits geolocate to its home country.
            Src::InFlight(ip) => (
                ip_string(ip),
                &CITIES[geo::city_index("Los Angeles")],
                Some(INFLIGHT_WIFI.asn),
                INFLIGHT_WIFI.org,
                false,
            ),
        };
        let use_account = rng.gen_bool(0.12);
        if use_account {
            t.ts(at).s("").s(login);
        } else {
            t.ts(at).s(&p.id).s("");
        }
        t.s(&ip);
        if ev.enrich || rng.gen_bool(0.75) {
            t.s(city.country).s(city.name);
            match asn {
                Some(a) => t.n(i64::from(a)),
                None => t.s(""),
            };
            t.s(as_org).s(if proxy { "true" } else { "false" });
        } else {
            t.s("").s("").s("").s("").s("");
        }
        let device: &str = if let Some(d) = ev.device {
            d
        } else if mobile {
            ""
        } else if platform {
            match (&p.t.shared_device, bad) {
                (Some(fp), true) => fp,
                _ => &life.fingerprint,
            }
        } else {
            p.device.as_ref().map_or("", |d| d.id.as_str())
        };
        let app = if let Some(a) = ev.app {
            a
        } else if platform {
            pick_str(rng, PLATFORM_APPS)
        } else if mobile {
            pick_str(
                rng,
                &["Slack", "Okta Verify", "Microsoft 365", "Google Workspace"],
            )
        } else {
            pick_str(rng, COMPANY_APPS)
        };
        let fail = rng.gen_bool(if bad { 0.07 } else { 0.03 }) && !ev.sure;
        let os = if mac {
            "macOS 14.5"
        } else {
            "Windows 10.0.22631"
        };
        let native;
        let ua: &str = match (ev.ua, app) {
            (Some(ua), _) => ua,
            (None, "Slack") if !mobile => {
                native = format!("Slack/4.41.105 ({os})");
                &native
            }
            (None, "Zoom") => {
                native = format!("Zoom/6.2.5 ({os})");
                &native
            }
            (None, "GlobalProtect VPN") => "PAN GlobalProtect/6.2.4",
            (None, "Okta Verify") => "OktaVerify/9.27.1 (iOS 17.4)",
            _ if mobile => mobile_ua,
            _ => desktop_ua,
        };
        let fresh;
        let session: &str = match ev.session {
            Some(i) => &sessions[i],
            None => {
                fresh = hex(rng, 20);
                &fresh
            }
        };
        t.s(ua)
            .s(device)
            .s(session)
            .s(app)
            .s(if fail { "failure" } else { "success" })
            .end()?;
    }
    Ok(())
}

/// Writes work-activity timestamps.
pub fn activity(
    t: &mut Table,
    p: &Person,
    life: &Life,
    n: usize,
    rng: &mut ChaCha8Rng,
) -> Result<(), SimError> {
    let Some((start, end)) = p.active_window() else {
        return Ok(());
    };
    let platform = p.emp == Some(EmpType::Freelancer);
    let kinds: &[(&str, &str, u32)] = match p.family() {
        Family::Engineering | Family::Data | Family::Security => &[
            ("commit", "github", 35),
            ("build", "github-actions", 15),
            ("chat", "slack", 30),
            ("meeting", "zoom", 12),
            ("ticket", "jira", 8),
        ],
        Family::It => &[
            ("ticket", "servicenow", 40),
            ("chat", "slack", 35),
            ("meeting", "zoom", 20),
            ("build", "jenkins", 5),
        ],
        _ => &[
            ("chat", "slack", 50),
            ("meeting", "zoom", 30),
            ("ticket", "jira", 20),
        ],
    };
    let weights: Vec<u32> = kinds.iter().map(|k| k.2).collect();
    let mut ev: Vec<(i64, usize)> = (0..n)
        .map(|_| {
            let (at, _) = instant(rng, p, life, start, end);
            (at, crate::util::weighted(rng, &weights))
        })
        .collect();
    ev.sort_unstable();
    for (at, k) in ev {
        let (kind, mut source, _) = kinds[k];
        if platform && kind == "chat" {
            source = "gigbridge-messages";
        }
        t.s(&p.id).ts(at).s(kind).s(source).end()?;
    }
    Ok(())
}

/// One endpoint row before writing.
#[derive(Default)]
struct Ep {
    at: i64,
    kind: &'static str,
    name: String,
    path: String,
    vid: &'static str,
    pid: String,
    manufacturer: String,
    product: String,
    serial: String,
    value: String,
}

fn mac_addr(rng: &mut ChaCha8Rng, oui: &str) -> String {
    format!("{oui}:{}:{}:{}", hex(rng, 2), hex(rng, 2), hex(rng, 2))
}

/// Writes endpoint inventory and telemetry for the person's company laptop.
pub fn endpoint(
    t: &mut Table,
    p: &Person,
    life: &Life,
    orgs: &[Org],
    rng: &mut ChaCha8Rng,
) -> Result<(), SimError> {
    let (Some(dev), Some(first), Some((_, end)), Some(org)) =
        (&p.device, life.first_seen, p.active_window(), p.org)
    else {
        return Ok(());
    };
    let org = &orgs[org];
    let tr = &p.t;
    let country = geo::country(CITIES[p.city].country);
    let user = format!(
        "{}{}",
        handle_part(&p.name.first).chars().next().unwrap_or('u'),
        handle_part(&p.name.last)
    );
    let sw_path = |s: &(&str, &str, &str, &str)| -> String {
        if dev.mac {
            s.3.to_string()
        } else {
            s.2.replace("{user}", &user)
        }
    };
    let mut rows: Vec<Ep> = Vec::with_capacity(32);
    let mut at = first;
    let mut next = |step: i64| {
        at += step;
        at
    };
    rows.push(Ep {
        at: next(5),
        kind: "locale",
        value: country.locale.to_string(),
        ..Ep::default()
    });
    rows.push(Ep {
        at: next(1),
        kind: "keyboard_layout",
        value: country.keyboard.to_string(),
        ..Ep::default()
    });
    if tr.korean_layout {
        rows.push(Ep {
            at: next(1),
            kind: "keyboard_layout",
            value: "ko-KR".to_string(),
            ..Ep::default()
        });
        rows.push(Ep {
            at: next(1),
            kind: "locale",
            value: "ko_KR.UTF-8".to_string(),
            ..Ep::default()
        });
    }
    let panel = if dev.mac {
        ("Built-in Retina Display", "APP", "a050")
    } else {
        *pick(
            rng,
            &[
                ("Built-in Display", "BOE", "0a1c"),
                ("Built-in Display", "LGD", "06a5"),
                ("Built-in Display", "AUO", "123d"),
            ],
        )
    };
    rows.push(Ep {
        at: next(2),
        kind: "display",
        name: panel.0.into(),
        manufacturer: panel.1.into(),
        pid: panel.2.into(),
        ..Ep::default()
    });
    if rng.gen_bool(0.65) {
        let d = pick(rng, DISPLAYS);
        rows.push(Ep {
            at: next(2),
            kind: "display",
            name: d.0.into(),
            manufacturer: d.1.into(),
            pid: d.2.into(),
            serial: crate::util::from_alphabet(rng, SERIAL, 10),
            ..Ep::default()
        });
    }
    let wifi = if dev.mac {
        "Wi-Fi (en0)"
    } else {
        "Intel(R) Wi-Fi 6E AX211 160MHz"
    };
    rows.push(Ep {
        at: next(2),
        kind: "network_adapter",
        name: wifi.into(),
        value: mac_addr(rng, "3c:22:fb"),
        ..Ep::default()
    });
    if rng.gen_bool(0.3) {
        rows.push(Ep {
            at: next(1),
            kind: "network_adapter",
            name: "Realtek USB GbE Family Controller".into(),
            value: mac_addr(rng, "00:e0:4c"),
            ..Ep::default()
        });
    }
    // Installed software: the EDR, the usual trio, a few more.
    let edr_path = if dev.mac {
        format!("/Applications/{}.app", org.edr.0)
    } else {
        format!(r"C:\Program Files\{}\{}", org.edr.0, org.edr.1)
    };
    rows.push(Ep {
        at: next(3),
        kind: "software",
        name: org.edr.0.into(),
        path: edr_path.clone(),
        ..Ep::default()
    });
    let mut sw: Vec<usize> = vec![0, 1, 2];
    for _ in 0..rng.gen_range(3..7) {
        let i = rng.gen_range(3..SOFTWARE.len());
        if !sw.contains(&i) {
            sw.push(i);
        }
    }
    for &i in &sw {
        rows.push(Ep {
            at: next(1),
            kind: "software",
            name: SOFTWARE[i].0.into(),
            path: sw_path(&SOFTWARE[i]),
            ..Ep::default()
        });
    }
    match tr.consumer_vpn {
        1 => rows.push(Ep {
            at: next(1),
            kind: "software",
            name: "NordVPN".into(),
            path: r"C:\Program Files\NordVPN\NordVPN.exe".into(),
            ..Ep::default()
        }),
        2 => rows.push(Ep {
            at: next(1),
            kind: "software",
            name: "Astrill VPN".into(),
            path: r"C:\Program Files (x86)\Astrill\astrill.exe".into(),
            ..Ep::default()
        }),
        _ => {}
    }
    let mut usb_seen: Vec<usize> = Vec::new();
    for _ in 0..rng.gen_range(1..=3) {
        let i = rng.gen_range(0..USB.len());
        if usb_seen.contains(&i) {
            continue;
        }
        usb_seen.push(i);
        let u = &USB[i];
        let serial = if rng.gen_bool(0.5) {
            crate::util::from_alphabet(rng, SERIAL, 12)
        } else {
            String::new()
        };
        rows.push(Ep {
            at: next(4),
            kind: "usb",
            name: u.3.into(),
            vid: u.0,
            pid: u.1.into(),
            manufacturer: u.2.into(),
            product: u.3.into(),
            serial,
            ..Ep::default()
        });
    }

    // Periodic process snapshots.
    let mut snaps: Vec<i64> = (0..rng.gen_range(3..=6))
        .map(|_| rng.gen_range(first..end.max(first + 1)))
        .collect();
    snaps.sort_unstable();
    let procs: &[usize] = &[0, 1, 2, 3, 4];
    for &s in &snaps {
        rows.push(Ep {
            at: s,
            kind: "process",
            name: org.edr.1.into(),
            path: edr_path.clone(),
            ..Ep::default()
        });
        let k = rng.gen_range(2..=4);
        for (a, &i) in (s + 1..).zip(&procs[..k]) {
            let name = if dev.mac {
                SOFTWARE[i].0.to_string()
            } else {
                SOFTWARE[i].1.to_string()
            };
            rows.push(Ep {
                at: a,
                kind: "process",
                name,
                path: sw_path(&SOFTWARE[i]),
                ..Ep::default()
            });
        }
    }

    // Remote-access tools.
    if !tr.rmm.is_empty() {
        let installed = first + tr.rmm_day * DAY + rng.gen_range(HOUR..10 * HOUR);
        for (k, &i) in tr.rmm.iter().enumerate() {
            let (name, process, path) = RMM[i];
            let at = installed + k as i64 * 600;
            rows.push(Ep {
                at,
                kind: "software",
                name: name.into(),
                path: path.into(),
                ..Ep::default()
            });
            rows.push(Ep {
                at: at + 300,
                kind: "process",
                name: process.into(),
                path: path.into(),
                ..Ep::default()
            });
            for &s in snaps.iter().filter(|&&s| s > installed) {
                rows.push(Ep {
                    at: s + 30,
                    kind: "process",
                    name: process.into(),
                    path: path.into(),
                    ..Ep::default()
                });
            }
        }
    }
    // IP-KVM: a composite USB gadget and a capture "monitor".
    if let Some(k) = tr.kvm {
        let kvm = KVMS[k];
        let at = first + rng.gen_range(HOUR..48 * HOUR);
        let usb = |at: i64| Ep {
            at,
            kind: "usb",
            name: kvm.product.into(),
            vid: kvm.vid,
            pid: kvm.pid.into(),
            manufacturer: kvm.manufacturer.into(),
            product: kvm.product.into(),
            serial: kvm.serial.into(),
            ..Ep::default()
        };
        rows.push(usb(at));
        if let Some((name, mfr, pid)) = kvm.edid {
            rows.push(Ep {
                at: at + 2,
                kind: "display",
                name: name.into(),
                manufacturer: mfr.into(),
                pid: pid.into(),
                serial: kvm.serial.into(),
                ..Ep::default()
            });
        }
        if let Some(&s) = snaps.iter().find(|&&s| s > at) {
            rows.push(usb(s + 40));
        }
    }
    if tr.utc9 && tr.vpn_share > 0.0 && rng.gen_bool(0.5) {
        rows.push(Ep {
            at: first + rng.gen_range(2 * HOUR..72 * HOUR),
            kind: "software",
            name: "Astrill VPN".into(),
            path: r"C:\Program Files (x86)\Astrill\astrill.exe".into(),
            ..Ep::default()
        });
    }
    // KnowBe4 pattern: a Raspberry Pi and EDR alerts within half an hour of first check-in.
    if tr.rpi {
        let at = first + rng.gen_range(5 * 60..15 * 60);
        rows.push(Ep {
            at,
            kind: "usb",
            name: "Pico".into(),
            vid: "2e8a",
            pid: "000a".into(),
            manufacturer: "Raspberry Pi".into(),
            product: "Pico".into(),
            serial: hex(rng, 16).to_uppercase(),
            ..Ep::default()
        });
        rows.push(Ep {
            at: at + 60,
            kind: "network_adapter",
            name: "Remote NDIS Compatible Device".into(),
            manufacturer: "Raspberry Pi".into(),
            value: mac_addr(rng, "b8:27:eb"),
            ..Ep::default()
        });
    }
    if tr.edr_day_one {
        let at = first + rng.gen_range(20 * 60..31 * 60);
        let sample = format!(r"C:\Users\{user}\Downloads\router_fix_{}.exe", hex(rng, 6));
        rows.push(Ep {
            at,
            kind: "edr_alert",
            name: "Infostealer execution blocked".into(),
            path: sample,
            value: format!("severity=high; action=blocked; sha256={}", hex(rng, 64)),
            ..Ep::default()
        });
        rows.push(Ep {
            at: at + 140,
            kind: "edr_alert",
            name: "Session history file manipulation".into(),
            path: format!(r"C:\Users\{user}\AppData\Local\Google\Chrome\User Data\Default\History"),
            value: "severity=medium; action=detected".into(),
            ..Ep::default()
        });
        rows.push(Ep {
            at: at + 260,
            kind: "edr_alert",
            name: "Unauthorized software executed from removable media".into(),
            path: r"E:\payload\run.bat".into(),
            value: "severity=high; action=blocked".into(),
            ..Ep::default()
        });
    }
    rows.sort_by_key(|r| r.at);
    for r in rows {
        t.ts(r.at)
            .s(&dev.id)
            .s(&p.id)
            .s(r.kind)
            .s(&r.name)
            .s(&r.path)
            .s(r.vid)
            .s(&r.pid)
            .s(&r.manufacturer)
            .s(&r.product)
            .s(&r.serial)
            .s(&r.value)
            .end()?;
    }
    Ok(())
}

fn repo_sensitivity(stem: &str) -> &'static str {
    if stem == "docs-site" || stem == "internal-tools" {
        "internal"
    } else {
        "source_code"
    }
}

/// Writes data-access events.
pub fn access(
    t: &mut Table,
    p: &Person,
    life: &Life,
    orgs: &[Org],
    rng: &mut ChaCha8Rng,
) -> Result<(), SimError> {
    let (Some((start, end)), Some(org)) = (p.active_window(), p.org) else {
        return Ok(());
    };
    let org = &orgs[org];
    let slug = org.slug;
    let family = p.family();
    let n = match family {
        Family::Engineering | Family::Data | Family::Security => rng.gen_range(8..=16),
        Family::It => rng.gen_range(5..=10),
        _ => rng.gen_range(2..=6),
    };
    let mut rows: Vec<(i64, String, &'static str, i64, &'static str)> = Vec::with_capacity(n + 24);
    for _ in 0..n {
        let (at, _) = instant(rng, p, life, start, end);
        let row = match (family, rng.gen_range(0..10)) {
            (Family::Engineering | Family::Data | Family::Security, 0..=6) => {
                let stem = pick_str(rng, REPO_STEMS);
                let action = if rng.gen_bool(0.5) { "clone" } else { "read" };
                let bytes = if action == "clone" {
                    rng.gen_range(5_000_000..800_000_000)
                } else {
                    rng.gen_range(10_000..5_000_000)
                };
                (
                    at,
                    format!("{slug}/{stem}"),
                    action,
                    bytes,
                    repo_sensitivity(stem),
                )
            }
            (Family::Data, _) | (Family::Business, 0..=4) => {
                let stem = pick_str(rng, &["customer-portal", "billing", "warehouse-etl"]);
                (
                    at,
                    format!("s3://{slug}-{stem}"),
                    "download",
                    rng.gen_range(100_000..2_000_000_000),
                    "customer_data",
                )
            }
            (Family::It, 0..=3) => (
                at,
                "okta-admin".to_string(),
                "privilege_grant",
                0,
                "internal",
            ),
            _ => {
                let share = pick_str(rng, &["finance", "hr", "engineering", "marketing", "it"]);
                (
                    at,
                    format!(r"\\fs01.{}\{share}", org.domain),
                    if rng.gen_bool(0.6) {
                        "read"
                    } else {
                        "download"
                    },
                    rng.gen_range(10_000..50_000_000),
                    "internal",
                )
            }
        };
        rows.push(row);
    }
    if matches!(slug, "helix" | "vantage") && family == Family::Engineering && rng.gen_bool(0.3) {
        let (at, _) = instant(rng, p, life, start, end);
        rows.push((
            at,
            format!("{slug}/guidance-firmware"),
            "read",
            rng.gen_range(10_000..2_000_000),
            "export_controlled",
        ));
    }
    if family == Family::Engineering && !p.clean && rng.gen_bool(0.02) {
        let (at, _) = instant(rng, p, life, start, end);
        let stem = pick_str(rng, REPO_STEMS);
        rows.push((
            at,
            format!("github.com/{slug}-oss/{stem}-sdk"),
            "push_external",
            rng.gen_range(10_000..5_000_000),
            "public",
        ));
    }
    if let (Some(x), Some(term)) = (&p.t.extortion, p.terminated) {
        let burst = term - rng.gen_range(10..14) * DAY;
        let mut stems = REPO_STEMS.to_vec();
        rand::seq::SliceRandom::shuffle(stems.as_mut_slice(), rng);
        for (i, stem) in stems.iter().take(rng.gen_range(12..=16)).enumerate() {
            let at = burst + i as i64 * rng.gen_range(60..900);
            rows.push((
                at,
                format!("{slug}/{stem}"),
                "clone",
                rng.gen_range(50_000_000..2_000_000_000),
                repo_sensitivity(stem),
            ));
        }
        for stem in ["customer-portal", "billing"] {
            let at = burst + rng.gen_range(3 * HOUR..20 * HOUR);
            rows.push((
                at,
                format!("s3://{slug}-{stem}"),
                "download",
                rng.gen_range(1_000_000_000..8_000_000_000),
                "customer_data",
            ));
        }
        let push = term - rng.gen_range(3..7) * DAY;
        rows.push((
            push,
            x.personal_repo.clone(),
            "push_external",
            rng.gen_range(300_000_000..3_000_000_000),
            "source_code",
        ));
        rows.push((
            push + rng.gen_range(HOUR..6 * HOUR),
            x.share.clone(),
            "share_external",
            rng.gen_range(1_000_000_000..6_000_000_000),
            "customer_data",
        ));
    }
    rows.sort_by_key(|r| r.0);
    for (at, resource, action, bytes, sensitivity) in rows {
        t.s(&p.id).ts(at).s(&resource).s(action);
        if bytes > 0 {
            t.n(bytes);
        } else {
            t.s("");
        }
        t.s(sensitivity).end()?;
    }
    Ok(())
}
