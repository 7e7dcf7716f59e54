//! The classifier on realistic messages and their look-alikes, and its precision and recall
//! on the labelled sets: the training sets embedded from `data/` and the held-out sets in
//! `tests/data` (written for redflag by authors who never saw the other sets; never used to
//! tune the cue lists or the model).

use redflag_messages::labelled::{
    all_but, evaluate, evaluate_with, read_labelled, Counts, LABELLED,
};
use redflag_messages::model::{training_set_names, training_sets};
use redflag_messages::{classify, classify_with, Category, Models, Writer};
use std::path::Path;

fn categories(text: &str, writer: Writer) -> Vec<Category> {
    classify(text, writer)
        .into_iter()
        .map(|f| f.category)
        .collect()
}

#[test]
fn requests_in_three_languages() {
    use Category::*;
    let person = Writer::Person;
    assert_eq!(
        categories(
            "Before I start, please send 50% upfront in USDT (TRC20).",
            person
        ),
        [Prepayment, CryptoPayment]
    );
    assert_eq!(
        categories(
            "작업 시작하기 전에 선금 30% 먼저 보내주시면 바로 시작하겠습니다.",
            person
        ),
        [Prepayment]
    );
    assert_eq!(
        categories("Нужна предоплата 50%, иначе не начну.", person),
        [Prepayment]
    );
    assert_eq!(
        categories(
            "Please send my payment to my cousin's PayPal, the account is in his name.",
            person
        ),
        [ThirdPartyPayment]
    );
    assert_eq!(
        categories(
            "Оплату переведите на карту моего брата, реквизиты ниже.",
            person
        ),
        [ThirdPartyPayment]
    );
    assert_eq!(
        categories("I still have full copies of your repos. If the remaining $4,000 isn't sent by Friday, they go public on GitHub.", person),
        [Extortion]
    );
    assert_eq!(
        categories("You people are scammers. Unbelievable.", person),
        [Aggression]
    );
    assert_eq!(
        categories("WHY IS IT SO HARD FOR YOU TO ANSWER??", person),
        [Aggression]
    );
}

#[test]
fn look_alikes_are_left_alone() {
    let person = Writer::Person;
    for text in [
        // Crypto as the work, invoices for finished work, politeness, payroll to one's own
        // account, a legitimate release, a patched leak, a Korean-speaking engineer's status
        // update.
        "I integrated USDT payments into your checkout and the tests pass.",
        "The bitcoin price feed module is done; next I'll build the wallet integration.",
        "Invoice #12 for the delivered milestone is attached, thanks!",
        "Could we advance the schedule by a week? Thanks in advance for checking.",
        "Quick payroll question: is direct deposit to my own checking account set up?",
        "I moved to Canada, please update my bank details; the new account is in my own name.",
        // (Handing the code over only once paid is withholding it, which the authors of the
        // labelled sets call extortion; an invoice after the hand-over is not.)
        "I'll push the code to the repo on Friday and send the final invoice after your review.",
        "The data leak from last week was patched and the customer data was not exposed.",
        "첫 마일스톤 완료했습니다. 인보이스 확인 부탁드립니다.",
        "급여는 제 명의 계좌로 자동이체 되는 거죠?",
        "Мы опубликуем релиз в пятницу, исходники будут на GitHub под MIT.",
    ] {
        assert_eq!(categories(text, person), [], "{text}");
    }
}

#[test]
fn the_organisation_refusing_is_a_refusal_not_a_request() {
    let org = Writer::Organisation;
    assert_eq!(
        categories(
            "Sorry, we can't pay upfront. Milestones are released after delivery.",
            org
        ),
        [Category::Refusal]
    );
    assert_eq!(
        categories("Reminder: we never pay upfront to anyone.", org),
        []
    );
}

#[test]
fn cues_point_at_the_words_as_written() {
    let text = "Hi! Kindly send the ADVANCE today, in Bitcoin please.";
    let found = classify(text, Writer::Person);
    let crypto = found
        .iter()
        .find(|f| f.category == Category::CryptoPayment)
        .expect("crypto");
    let words: Vec<&str> = crypto.cues.iter().map(|c| &text[c.start..c.end]).collect();
    assert!(words.contains(&"Bitcoin"), "{words:?}");
    let prepay = found
        .iter()
        .find(|f| f.category == Category::Prepayment)
        .expect("prepayment");
    let words: Vec<&str> = prepay.cues.iter().map(|c| &text[c.start..c.end]).collect();
    assert!(words.contains(&"the ADVANCE"), "{words:?}");
}

/// A labelled set in `tests/data`, found from the directory `cargo test` runs the test for
/// (the one it was compiled in when run by hand): a build cache shared between checkouts may
/// hold a test binary compiled elsewhere.
fn set(name: &str) -> std::path::PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
            std::path::PathBuf::from,
        )
        .join("tests/data")
        .join(name)
}

fn lists_only(text: &str, writer: Writer) -> Vec<Category> {
    classify_with(text, writer, None)
        .into_iter()
        .map(|f| f.category)
        .collect()
}

/// Floors under the cue lists' own numbers on the sets they were written on (the first
/// three training sets): a change to the lists that loses ground fails here.
#[test]
fn the_cue_lists_on_the_sets_they_were_written_on() {
    let sets = training_sets();
    let names = training_set_names();
    for (name, floor_p, floor_r) in [
        ("tune.tsv", 0.97, 0.95),
        ("tune2.tsv", 0.97, 0.95),
        ("tune3.tsv", 0.97, 0.93),
    ] {
        let at = names.iter().position(|n| *n == name).expect(name);
        let e = evaluate_with(&sets[at], lists_only);
        assert!(e.messages > 250, "{name}");
        assert!(e.overall.precision() >= floor_p, "{name}:\n{e}");
        assert!(e.overall.recall() >= floor_r, "{name}:\n{e}");
    }
}

/// Leave-one-author-out over the training sets: on an author the model has not seen, the
/// classifier with the model finds clearly more than the lists alone, at no loss of
/// precision (docs/benchmarks.md, "Message classifier").
#[test]
fn the_model_adds_recall_on_authors_it_has_not_seen() {
    let sets = training_sets();
    assert_eq!(
        sets.len(),
        training_set_names().len(),
        "a training set failed to parse"
    );
    let (mut lists, mut both) = (Counts::default(), Counts::default());
    for held in 0..sets.len() {
        let train = all_but(&sets, held);
        let models = Models::train(&train);
        let with_model = |text: &str, writer| -> Vec<Category> {
            classify_with(text, writer, Some(&models))
                .into_iter()
                .map(|f| f.category)
                .collect()
        };
        lists.add(&evaluate_with(&sets[held], lists_only).overall);
        both.add(&evaluate_with(&sets[held], with_model).overall);
    }
    assert!(both.precision() >= 0.92, "{both:?}");
    assert!(both.recall() >= 0.89, "{both:?}");
    assert!(
        both.recall() >= lists.recall() + 0.05,
        "{both:?} vs {lists:?}"
    );
    assert!(
        both.precision() >= lists.precision(),
        "{both:?} vs {lists:?}"
    );
}

/// The held-out sets (four authors who never saw the others' sets; never used to tune the
/// lists or the model), with the classifier as shipped: the goal, precision and recall of
/// at least 0.9 over all of them, and floors under each set's measured numbers
/// (docs/benchmarks.md).
#[test]
fn precision_and_recall_on_the_held_out_sets() {
    let mut all = Counts::default();
    for (name, floor_p, floor_r) in [
        ("heldout.tsv", 0.93, 0.90),
        ("heldout2.tsv", 0.89, 0.90),
        ("heldout3.tsv", 0.86, 0.92),
        ("heldout4.tsv", 0.89, 0.90),
    ] {
        let e = evaluate(&read_labelled(&set(name)).expect(name));
        all.add(&e.overall);
        assert!(e.messages > 250, "{name}");
        for category in LABELLED {
            let n = e.per_category[&category];
            assert!(
                n.true_positives + n.false_negatives >= 35,
                "{name} {category:?}"
            );
        }
        assert!(e.overall.precision() >= floor_p, "{name}:\n{e}");
        assert!(e.overall.recall() >= floor_r, "{name}:\n{e}");
    }
    assert!(all.true_positives + all.false_negatives > 1000, "{all:?}");
    assert!(all.precision() >= 0.90, "{all:?}");
    assert!(all.recall() >= 0.90, "{all:?}");
}

/// A finding of the learned model says so, with its probability and the message's words
/// behind it; the cue lists' findings carry no such note.
#[test]
fn a_learned_finding_explains_itself() {
    let text = "Funny how these things work. Your investors would probably love to hear how \
                your 'secure' platform was built, wouldn't they? Settle my last two invoices \
                and we never have this conversation.";
    let found = classify(text, Writer::Person);
    let learned: Vec<_> = found.iter().filter(|f| f.learned.is_some()).collect();
    assert!(!learned.is_empty(), "{found:?}");
    for finding in learned {
        let why = finding.learned.as_ref().expect("learned");
        assert!(why.percent >= 50, "{why:?}");
        assert!(!why.words.is_empty(), "{why:?}");
        for word in &why.words {
            assert!(text.to_lowercase().contains(word.as_str()), "{word}");
        }
    }
    let listed = classify(
        "Before I start, please send 50% upfront in USDT (TRC20).",
        Writer::Person,
    );
    assert!(listed.iter().all(|f| f.learned.is_none()), "{listed:?}");
}

#[test]
fn a_malformed_set_names_its_line() {
    let dir = std::env::temp_dir().join(format!("redflag-messages-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("bad.tsv");
    std::fs::write(
        &path,
        "id\tlang\tdirection\tlabels\ttext\nx1\ten\tfrom_person\tbribe\thi\n",
    )
    .expect("write");
    let err = read_labelled(&path).expect_err("unknown label").to_string();
    assert!(err.ends_with("bad.tsv:2: unknown label \"bribe\""), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}
