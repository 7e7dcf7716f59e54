//! Combining cues into findings, sentence by sentence.

use crate::fold::Folded;
use crate::labelled::LABELLED;
use crate::lexicon::{has_anchor, CueKind, CUES, NOT_CUES};
use crate::matcher::is_hangul;
use crate::model::{gate_kinds, models, Models};

/// What a message asks for or threatens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// Asks to be paid, all or in part, before the work is done.
    Prepayment,
    /// Asks to be paid in cryptocurrency.
    CryptoPayment,
    /// Asks for the pay to go to an account that is not the writer's own.
    ThirdPartyPayment,
    /// Hostile, insulting or threatening wording aimed at the reader.
    Aggression,
    /// Threatens to publish, sell or destroy code or data unless paid.
    Extortion,
    /// The organisation refuses to pay ahead (a message to the person): the refusal that
    /// aggression may follow.
    Refusal,
}

impl Category {
    /// Every category.
    pub const ALL: [Category; 6] = [
        Category::Prepayment,
        Category::CryptoPayment,
        Category::ThirdPartyPayment,
        Category::Aggression,
        Category::Extortion,
        Category::Refusal,
    ];

    /// The category's name in tables and evidence: `prepayment`, `crypto_payment`,
    /// `third_party_payment`, `aggression`, `extortion`, `refusal`.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Prepayment => "prepayment",
            Category::CryptoPayment => "crypto_payment",
            Category::ThirdPartyPayment => "third_party_payment",
            Category::Aggression => "aggression",
            Category::Extortion => "extortion",
            Category::Refusal => "refusal",
        }
    }

    /// The category named `name` (as [`Category::as_str`] writes it).
    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writer {
    /// The person screened (`messages.direction = from_person`).
    Person,
    /// The organisation, to the person (`to_person`).
    Organisation,
}

/// One cue that triggered a finding: its kind and its byte range in the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// What the words say.
    pub kind: CueKind,
    /// Byte offset of the first character in the message as written.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
}

/// A category found in a message, with the cues behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What was found.
    pub category: Category,
    /// The cues that made it, in the order of the text. For a finding of the learned
    /// model, the cues of the category's kinds it was asked on.
    pub cues: Vec<Cue>,
    /// Set when the learned model made the finding (the cue lists alone did not).
    pub learned: Option<Learned>,
}

/// Why the learned model made a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Learned {
    /// The model's probability, in percent.
    pub percent: u8,
    /// The message's words and word pairs that weighed most towards the category.
    pub words: Vec<String>,
}

/// A cue in the folded text.
#[derive(Debug, Clone, Copy)]
struct Hit {
    kind: CueKind,
    start: usize,
    end: usize,
    /// A denial stands right before it (or, in Korean, right after).
    negated: bool,
}

/// How far before a cue (in folded bytes) a denial cancels it: about three words.
const NEGATION_REACH: usize = 18;

/// The kinds of cue anywhere in `text`, denied or not, in the lexicon's order.
pub fn cue_kinds(text: &str) -> Vec<CueKind> {
    let folded = Folded::new(text);
    let mut kinds: Vec<CueKind> = find_hits(&folded.text).iter().map(|h| h.kind).collect();
    kinds.sort_by_key(|k| *k as u8);
    kinds.dedup();
    kinds
}

/// Finds every category in `text`, written by `writer`. Requests to be paid (prepayment,
/// crypto, a third party's account) are only the person's; refusals only the
/// organisation's; aggression and extortion either's. The cue lists decide first; where
/// they find nothing of a category but the message has a cue of its kinds, the learned
/// model (see [`Models`]) may still find it.
pub fn classify(text: &str, writer: Writer) -> Vec<Finding> {
    classify_with(text, writer, Some(models()))
}

/// [`classify`] with the given learned models, or with the cue lists alone (`None`).
pub fn classify_with(text: &str, writer: Writer, models: Option<&Models>) -> Vec<Finding> {
    let mut reading = read_with_lists(text, writer);
    if let Some(models) = models {
        learn(text, writer, &mut reading, models);
    }
    let ListReading {
        folded,
        mut findings,
        shouted,
        ..
    } = reading;
    findings.sort_by_key(|(c, _, _)| *c);
    findings
        .into_iter()
        .map(|(category, hits, learned)| {
            let mut cues: Vec<Cue> = hits
                .into_iter()
                .map(|h| {
                    let (start, end) = folded.original(h.start, h.end);
                    Cue {
                        kind: h.kind,
                        start,
                        end,
                    }
                })
                .collect();
            if category == Category::Aggression {
                cues.extend(shouted.clone());
            }
            cues.sort_by_key(|c| c.start);
            Finding {
                category,
                cues,
                learned,
            }
        })
        .collect()
}

/// What the cue lists make of a message, before the learned model and before the cues are
/// mapped back to the text as written.
struct ListReading {
    folded: Folded,
    /// Every cue in the folded text.
    hits: Vec<Hit>,
    /// The message warns about scams rather than asking for anything.
    warning: bool,
    /// Each category found, with its cues (folded) and, once the model has made it, why.
    findings: Vec<(Category, Vec<Hit>, Option<Learned>)>,
    /// Four words or more shouted in capitals (a cue of aggression, in the original).
    shouted: Option<Cue>,
}

/// Reads `text` with the cue lists alone.
fn read_with_lists(text: &str, writer: Writer) -> ListReading {
    let folded = Folded::new(text);
    // Most messages are ordinary work talk: one pass tells that no finding is possible.
    let hits = if has_anchor(&folded.text) {
        find_hits(&folded.text)
    } else {
        Vec::new()
    };
    let sentences = sentences(&folded.text);
    // "The FBI warns of fake workers who ask for crypto": a message about scams asks for
    // nothing, and its "scammers" are the impostors, not the reader.
    let warning = hits
        .iter()
        .any(|h| h.kind == CueKind::Warning && !h.negated);
    let mut findings: Vec<(Category, Vec<Hit>, Option<Learned>)> = Vec::new();
    let mut add = |category: Category, cues: Vec<Hit>| match findings
        .iter_mut()
        .find(|(c, _, _)| *c == category)
    {
        Some((_, existing, _)) => {
            for cue in cues {
                if !existing
                    .iter()
                    .any(|e| e.start == cue.start && e.kind == cue.kind)
                {
                    existing.push(cue);
                }
            }
        }
        None => findings.push((category, cues, None)),
    };
    for (i, &(from, to)) in sentences.iter().enumerate() {
        // Requests often run over into the next sentence: "only a crypto wallet. can you
        // send it there?"
        let to = sentences.get(i + 1).map_or(to, |&(_, next)| next);
        let here: Vec<Hit> = hits
            .iter()
            .copied()
            .filter(|h| h.start >= from && h.start < to)
            .collect();
        let first = |kind: CueKind| here.iter().copied().find(|h| h.kind == kind && !h.negated);
        let any = |kinds: &[CueKind]| {
            here.iter()
                .copied()
                .find(|h| kinds.contains(&h.kind) && !h.negated)
        };
        match writer {
            Writer::Person if warning => {}
            Writer::Person => {
                if let Some(cues) = prepayment(&first, &any) {
                    add(Category::Prepayment, cues);
                }
                if let Some(cues) = crypto_payment(&first, &any) {
                    add(Category::CryptoPayment, cues);
                }
                if let Some(cues) = third_party(&first, &any) {
                    add(Category::ThirdPartyPayment, cues);
                }
            }
            Writer::Organisation => {
                if let Some(refusal) = here.iter().copied().find(|h| h.kind == CueKind::Refusal) {
                    if let Some(pay) = any(&[CueKind::Pay, CueKind::Prepay, CueKind::Before]) {
                        add(Category::Refusal, vec![refusal, pay]);
                    }
                }
            }
        }
        let hostile: &[CueKind] = if warning {
            &[CueKind::Threat]
        } else {
            &[CueKind::Insult, CueKind::Threat]
        };
        if let Some(cue) = any(hostile) {
            add(Category::Aggression, vec![cue]);
        }
    }
    // Extortion is read over the whole message: the asset, the price and the threat are
    // often in different sentences.
    let all: Vec<Hit> = hits
        .iter()
        .copied()
        .filter(|h| h.kind != CueKind::Negation)
        .collect();
    if let Some(cues) = extortion(&all) {
        add(Category::Extortion, cues);
    }
    let mut shouted = None;
    if let Some(span) = shouting(text) {
        shouted = Some(Cue {
            kind: CueKind::Insult,
            start: span.0,
            end: span.1,
        });
        if !findings.iter().any(|(c, _, _)| *c == Category::Aggression) {
            findings.push((Category::Aggression, Vec::new(), None));
        }
    }
    ListReading {
        folded,
        hits,
        warning,
        findings,
        shouted,
    }
}

/// What the cue lists saw in a message, as features for the learned model: the categories
/// they found (`list:prepayment`) and the kinds of cue present (`kind:threat`, or
/// `denied:threat` after a denial).
pub fn list_context(text: &str, writer: Writer) -> Vec<String> {
    context_of(&read_with_lists(text, writer))
}

fn context_of(reading: &ListReading) -> Vec<String> {
    let mut out: Vec<String> = reading
        .findings
        .iter()
        .map(|(c, _, _)| format!("list:{}", c.as_str()))
        .collect();
    for hit in &reading.hits {
        let item = if hit.negated {
            format!("denied:{}", hit.kind.as_str())
        } else {
            format!("kind:{}", hit.kind.as_str())
        };
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// Cues that name money, for a prepayment the model finds from a before-the-work cue.
const MONEY: [CueKind; 3] = [CueKind::Pay, CueKind::Account, CueKind::Crypto];

/// The learned model's part: findings of categories the lists missed (where the message has
/// a cue of the category's kinds, or for veiled hostility none), and, with a veto, dropping
/// the lists' findings it strongly disagrees with.
fn learn(text: &str, writer: Writer, reading: &mut ListReading, models: &Models) {
    let policy = models.policy;
    // What the lists saw before the model changes anything; the message's features are
    // computed once, for the first category that asks.
    let context = context_of(reading);
    let features = std::cell::OnceCell::new();
    let probability = |category: Category| {
        let features = features.get_or_init(|| models.features(text, writer, &context));
        models.probability_of(category, features)
    };
    let ListReading {
        folded,
        hits,
        warning,
        findings,
        ..
    } = reading;
    // The cues of a message the lists let go without looking (no anchor cue), looked for
    // at most once, when the model asks for money below.
    let every_hit: std::cell::OnceCell<Vec<Hit>> = std::cell::OnceCell::new();
    if policy.veto > 0.0 {
        findings.retain(|(category, _, _)| probability(*category).is_none_or(|p| p >= policy.veto));
    }
    for category in LABELLED {
        let hostile = matches!(category, Category::Aggression | Category::Extortion);
        if findings.iter().any(|(c, _, _)| *c == category)
            || (!hostile && (writer == Writer::Organisation || *warning))
        {
            continue;
        }
        let kinds = gate_kinds(category);
        let mut gates: Vec<Hit> = hits
            .iter()
            .copied()
            .filter(|h| kinds.contains(&h.kind))
            .take(3)
            .collect();
        // "I'll start today and send the first draft": before the work, but no money.
        if category == Category::Prepayment && !gates.iter().any(|h| h.kind == CueKind::Prepay) {
            match hits.iter().find(|h| MONEY.contains(&h.kind)) {
                Some(money) => gates.push(*money),
                None => gates.clear(),
            }
        }
        let needed = match (gates.is_empty(), hostile) {
            (false, _) => policy.gated,
            (true, true) => policy.ungated,
            // Crypto cannot be asked for without naming a coin or a wallet.
            (true, false) if category == Category::CryptoPayment => continue,
            (true, false) => policy.ungated_payment,
        };
        if needed > 1.0 {
            continue;
        }
        let Some(p) = probability(category).filter(|p| *p >= needed) else {
            continue;
        };
        if gates.is_empty() && !hostile {
            // A payment request in words the lists lack ("I can start tonight if you send
            // me 300 dollar now"): only where money is named, which is then the cue shown.
            let every: &[Hit] = if hits.is_empty() {
                every_hit.get_or_init(|| find_hits(&folded.text))
            } else {
                hits
            };
            match every.iter().find(|h| MONEY.contains(&h.kind) && !h.negated) {
                Some(money) => gates.push(*money),
                None => continue,
            }
        }
        let learned = Learned {
            percent: (p * 100.0).round().clamp(0.0, 100.0) as u8,
            // The words behind the opinion are only named for a finding.
            words: models.words_behind(category, text),
        };
        findings.push((category, gates, Some(learned)));
    }
}

type First<'a> = dyn Fn(CueKind) -> Option<Hit> + 'a;
type Any<'a> = dyn Fn(&[CueKind]) -> Option<Hit> + 'a;

/// "Prepayment" in one word, or a payment word with a before-the-work word, unless the
/// sentence is about the work and asks nothing for the writer.
fn prepayment(first: &First<'_>, any: &Any<'_>) -> Option<Vec<Hit>> {
    // "The gateway supports partial prepayment for customers": the work, not the writer.
    if first(CueKind::WorkTopic).is_some()
        && first(CueKind::ToWriter).is_none()
        && first(CueKind::Ask).is_none()
    {
        return None;
    }
    if let Some(prepay) = first(CueKind::Prepay) {
        return Some(vec![prepay]);
    }
    let before = first(CueKind::Before)?;
    let pay = any(&[CueKind::Pay, CueKind::Account])?;
    Some(vec![pay, before])
}

/// A cryptocurrency (or a wallet address) with money going to the writer, unless the
/// sentence is about crypto as the work and says nothing of the writer's pay.
fn crypto_payment(first: &First<'_>, any: &Any<'_>) -> Option<Vec<Hit>> {
    if let Some(address) = first(CueKind::WalletAddress) {
        let pay = any(&[CueKind::Pay, CueKind::ToWriter, CueKind::Account])?;
        return Some(vec![address, pay]);
    }
    let coin = first(CueKind::Crypto)?;
    let to_writer = first(CueKind::ToWriter);
    if first(CueKind::WorkTopic).is_some() && to_writer.is_none() {
        return None;
    }
    let pay = to_writer.or_else(|| any(&[CueKind::Pay, CueKind::Prepay, CueKind::Ask]))?;
    Some(vec![coin, pay])
}

/// Someone else with an account, or with money sent their way.
fn third_party(first: &First<'_>, any: &Any<'_>) -> Option<Vec<Hit>> {
    let other = first(CueKind::SomeoneElse)?;
    // "Their account manager gave me a key to the partner's API sandbox": the work.
    if first(CueKind::WorkTopic).is_some() && first(CueKind::ToWriter).is_none() {
        return None;
    }
    let account = first(CueKind::Account);
    let money = any(&[CueKind::Pay, CueKind::Prepay]);
    let pay = any(&[CueKind::ToWriter, CueKind::Ask]).or(money);
    match (account, pay) {
        (Some(account), Some(pay)) => Some(vec![other, account, pay]),
        (Some(account), None) => Some(vec![other, account]),
        // Without an account, money must be named and sent: "pay my agent", "киньте брату
        // зарплату"; someone else and a "please" is only a request about them.
        (None, Some(_)) => {
            let to = first(CueKind::ToWriter)?;
            money.map(|money| vec![other, to, money])
        }
        _ => None,
    }
}

/// The organisation's code or data, a price, and exposure or pressure: "pay the $4,000 by
/// Friday or your repos go public", "$20k and the copy of your codebase disappears"; code
/// or data named without "your" needs the exposure or harm ("the full repo goes up on
/// GitHub"). A message about the writer's own deliverable ("I'll push the code once the
/// invoice is paid") names no asset of theirs and is left alone. Denials are not checked
/// here: "nobody sees your source" is part of the offer.
fn extortion(window: &[Hit]) -> Option<Vec<Hit>> {
    let find = |kinds: &[CueKind]| window.iter().copied().find(|h| kinds.contains(&h.kind));
    let harm = find(&[CueKind::Harm]);
    // Code or data named without "your" ("the repo", "a database dump") only counts with
    // the harm it is put in: "the repo goes public", not "I pushed to the repo".
    let asset = find(&[CueKind::TheirAsset]).or_else(|| harm.and(find(&[CueKind::Asset])))?;
    let price = find(&[CueKind::Pay, CueKind::Crypto, CueKind::Prepay])?;
    let pressure = find(&[
        CueKind::Condition,
        CueKind::Deadline,
        CueKind::Threat,
        CueKind::Pressure,
    ]);
    match (harm, pressure) {
        (Some(harm), Some(pressure)) => Some(vec![asset, price, harm, pressure]),
        (Some(harm), None) => Some(vec![asset, price, harm]),
        (None, Some(pressure)) if pressure.kind != CueKind::Pressure => {
            Some(vec![asset, price, pressure])
        }
        _ => None,
    }
}

/// Every cue in the folded text, with whether a denial stands right before it.
fn find_hits(folded: &str) -> Vec<Hit> {
    let mut hits: Vec<Hit> = Vec::new();
    let not_cues = NOT_CUES.spans(folded);
    for (kind, lists) in CUES.iter() {
        for (start, end) in lists.spans(folded) {
            if not_cues.iter().any(|&(a, b)| start < b && a < end) {
                continue;
            }
            hits.push(Hit {
                kind: *kind,
                start,
                end,
                negated: false,
            });
        }
    }
    let denials: Vec<(usize, usize)> = hits
        .iter()
        .filter(|h| h.kind == CueKind::Negation)
        .map(|h| (h.start, h.end))
        .collect();
    for hit in &mut hits {
        if matches!(
            hit.kind,
            CueKind::Negation | CueKind::Refusal | CueKind::Condition | CueKind::Before
        ) {
            continue;
        }
        // "말귀를 못 알아듣네": the denial is part of the insult.
        let insult = matches!(hit.kind, CueKind::Insult | CueKind::Threat);
        hit.negated = denials.iter().any(|&(start, end)| {
            let before = end <= hit.start
                && hit.start - end <= NEGATION_REACH
                && !folded[end..hit.start].contains([',', '.', '!', '?', ';'])
                && !flips(&folded[end..hit.start]);
            // Korean denies after the word: "선불은 안 됩니다", "결제하지 않".
            let after = !insult
                && start >= hit.end
                && start - hit.end <= 12
                && folded[start..].chars().next().is_some_and(is_hangul)
                && folded[hit.start..hit.end]
                    .chars()
                    .next()
                    .is_some_and(is_hangul)
                && !folded[start..].starts_with("않으면")
                && !folded[start..].starts_with("안 하면")
                && !folded[start..].starts_with("안 주면")
                && !folded[start..].starts_with("안 보내")
                && !folded[start..]
                    .split(' ')
                    .take(2)
                    .any(|w| w.contains("면서"));
            before || after
        });
    }
    hits.sort_by_key(|h| (h.start, h.kind));
    hits
}

/// Words between a denial and a cue that turn the denial into a demand: "I can't start
/// without a deposit", "won't continue until paid".
fn flips(between: &str) -> bool {
    [
        "without",
        "until",
        "unless",
        "only",
        "без",
        "пока",
        "только",
    ]
    .iter()
    .any(|w| between.contains(w))
}

/// Sentences of the folded text as byte ranges.
fn sentences(folded: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    let bytes = folded.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let ends = matches!(b, b'.' | b'!' | b'?' | b';')
            && bytes.get(i + 1).is_none_or(|&n| n == b' ')
            && !ends_with_abbreviation(&folded[from..i]);
        if ends {
            out.push((from, i + 1));
            from = i + 1;
        }
    }
    if from < folded.len() {
        out.push((from, folded.len()));
    }
    out
}

fn ends_with_abbreviation(text: &str) -> bool {
    let last = text.rsplit(' ').next().unwrap_or("");
    matches!(
        last,
        "e.g" | "i.e" | "etc" | "approx" | "vs" | "mr" | "ms" | "dr" | "inc"
    ) || (last.len() == 1 && last.chars().all(|c| c.is_ascii_alphabetic()))
}

/// Shouting: four or more words in a row written in capitals (two letters or more, not the
/// usual acronyms), with `!` or `??` in the message. The span in the original.
fn shouting(text: &str) -> Option<(usize, usize)> {
    if !text.contains('!') && !text.contains("??") {
        return None;
    }
    const ACRONYMS: &[&str] = &[
        "USDT", "USDC", "BTC", "ETH", "USD", "EUR", "ASAP", "API", "SDK", "PDF", "NDA", "IBAN",
        "SWIFT", "TRC20", "ERC20", "FYI", "CEO", "CTO", "HR", "PR", "QA", "UI", "UX", "AWS",
    ];
    let mut run_start = None;
    let mut run = 0;
    for (start, word) in word_spans(text) {
        let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
        let loud = letters.len() >= 2
            && letters.iter().all(|c| c.is_uppercase())
            && !ACRONYMS.contains(&word.trim_matches(|c: char| !c.is_alphanumeric()));
        if loud {
            if run == 0 {
                run_start = Some(start);
            }
            run += 1;
            if run >= 4 {
                return run_start.map(|s| (s, start + word.len()));
            }
        } else if !letters.is_empty() {
            run = 0;
        }
    }
    None
}

fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}
