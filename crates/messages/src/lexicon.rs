//! The cues: words and phrases, in English, Korean and Russian, each of one kind. A finding
//! is a combination of kinds (see `classify`), never a single word, so that one cue list can
//! stay broad (every way of saying "payment") without flagging ordinary talk.
//!
//! Patterns run over folded text (lower case, `ё` as `е`, one space between words). English
//! words are matched whole; Korean and Russian by their stems, which take endings and
//! particles (`선불로`, `предоплату`).

use crate::matcher::{korean, raw, stems, words, Lists, Part};
use std::sync::LazyLock;

/// What a cue says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CueKind {
    /// Paying or money: "payment", "invoice", "send the money", "결제", "оплата".
    Pay,
    /// Before the work: "upfront", "in advance", "before I start", "미리", "заранее".
    Before,
    /// Prepayment in one word: "prepayment", "deposit", "선불", "предоплата".
    Prepay,
    /// A cryptocurrency: "USDT", "bitcoin", "TRC20", "코인", "крипта".
    Crypto,
    /// A wallet address written out (Ethereum, Tron or Bitcoin shapes).
    WalletAddress,
    /// Money coming to the writer: "pay me", "my wallet", "paid in", "받을", "мне".
    ToWriter,
    /// A request: "please", "kindly", "could you send", "부탁", "пожалуйста".
    Ask,
    /// Crypto as the subject of the work: "smart contract", "integrate", "dApp".
    WorkTopic,
    /// Someone else: "my cousin", "a friend's", "a different name", "명의", "на имя".
    SomeoneElse,
    /// Where money goes: "account", "PayPal", "Payoneer", "계좌", "счет".
    Account,
    /// An insult or hostile label: "scammers", "liars", "사기꾼", "мошенники".
    Insult,
    /// A threat without a price: "you will regret", "last warning", "пожалеете".
    Threat,
    /// A condition: "unless", "if you don't", "otherwise", "않으면", "иначе".
    Condition,
    /// A deadline: "by Friday", "within 48 hours", "까지", "до завтра".
    Deadline,
    /// A denial right before a cue: "don't", "never", "안", "не".
    Negation,
    /// A refusal to pay ahead, written to the person: "we can't pay upfront".
    Refusal,
    /// The organisation's own assets, or sensitive ones: "your repos", "API keys",
    /// "customer data", "ваши исходники", "고객 정보".
    TheirAsset,
    /// Code, data or access in general, nobody's in particular: "the repo", "a database
    /// dump", "the staging server", "the keys", "репозиторий", "서버". Only counts towards
    /// extortion together with exposure or harm.
    Asset,
    /// Holding on to something, making it public or destroying it: "copies of", "publish",
    /// "leak", "sell", "goes public", "ends up with your competitors", "disappears",
    /// "у меня остались", "солью", "유출", "풀립니다".
    Harm,
    /// Pressure: "either … or", "your choice", "quietly", "not bluffing", "тихо", "조용히".
    Pressure,
    /// Talk about scams rather than a request: "warning", "FBI advisory", "impersonating",
    /// "claiming to be", "предупреждение", "사칭".
    Warning,
}

impl CueKind {
    /// A short name for the kind, as shown in evidence.
    pub fn as_str(self) -> &'static str {
        match self {
            CueKind::Pay => "payment",
            CueKind::Before => "before the work",
            CueKind::Prepay => "prepayment",
            CueKind::Crypto => "cryptocurrency",
            CueKind::WalletAddress => "wallet address",
            CueKind::ToWriter => "to the writer",
            CueKind::Ask => "request",
            CueKind::WorkTopic => "work topic",
            CueKind::SomeoneElse => "someone else",
            CueKind::Account => "account",
            CueKind::Insult => "insult",
            CueKind::Threat => "threat",
            CueKind::Condition => "condition",
            CueKind::Deadline => "deadline",
            CueKind::Negation => "negation",
            CueKind::Refusal => "refusal",
            CueKind::TheirAsset => "their asset",
            CueKind::Asset => "code, data or access",
            CueKind::Harm => "exposure or harm",
            CueKind::Pressure => "pressure",
            CueKind::Warning => "scam warning",
        }
    }
}

fn compile(kind: CueKind, parts: &[Part]) -> (CueKind, Lists) {
    (kind, Lists::new(&format!("cue list {kind:?}"), parts))
}

/// Every kind with its compiled cue list.
pub(crate) static CUES: LazyLock<Vec<(CueKind, Lists)>> = LazyLock::new(|| {
    vec![
        compile(
            CueKind::Pay,
            &[
                // Amounts: no word boundary before a currency sign.
                raw(r"[$€£₩]\s?\d[\d,.]*k?|\d[\d,.]*k?\s?[$€£₩%]|\b\d[\d,.]* ?(?:btc|usdt|eth|usdc)\b"),
                words(&[
                    "pay", "pays", "paid", "paying", "payment", "payments", "payout", "invoice",
                    "invoices", "money", "funds", "fund", "funded", "transfer", "wire", "remit",
                    "fee", "fees", "salary", "compensation", "rate", "cash", "usd", "eur",
                    "dollars", "bucks", "deposit", "installment", "instalment", "milestone",
                    "budget", "amount", "sum", "half", "settle", "remuneration", "wage", "wages",
                    "paycheck", "paycheque", "reimburse",
                    "\\d+ ?%", "compensate", "send it", "send the money", "receive", "settlement",
                    "severance", "\\d+ ?k", "\\d[\\d,.]* ?(?:usd|eur|dollars|bucks)", "owe", "owed",
                    "payouts", "bonus", "paid out", "what you owe", "outstanding", "debt",
                    "the rest", "remaining", "compensated", "payroll", "balance", "what's fair", "(?:send|pay|owe) (?:me )?(?:my |the )?(?:last|final) (?:\\w+ )?(?:months?|weeks?)",
                ]),
                stems(&[
                    "оплат", "плат", "заплат", "деньг", "денег", "перевод", "перевед", "перечисл",
                    "гонорар", "зарплат", "сумм", "счет на оплату", "выплат", "долл", "бакс",
                    "процент", "половин", "вознагражд", "рассчита", "расчет", "компенсац",
                    "тысяч", "заплат", "оплач", "долг", "остаток",
                ]),
                korean(&[
                    "결제", "지불", "입금", "송금", "돈", "대금", "비용", "급여", "보수", "월급",
                    "금액", "달러", "이체", "정산", "페이", "절반", "반을", "지급", "받", "보상금",
                    "만원", "퇴직금", "반은", "정산금", "밀린", "잔금",
                ]),
            ],
        ),
        compile(
            CueKind::Before,
            &[
                words(&[
                    "upfront", "up front", "up-front", "in advance", "advance", "beforehand",
                    "before (?:i|we) (?:start|begin|continue|proceed|get started|kick off|move on|dive in|do|write|touch|commit|deliver)",
                    "before starting", "before (?:the )?(?:work|project|job|task|delivery|start|kickoff)",
                    "prior to (?:starting|the start|beginning|work|delivery)",
                    "ahead of (?:time|the work|starting|delivery)", "first half", "first part",
                    "first installment", "first instalment", "half now",
                    "(?:\\d+ ?%|half) (?:now|first|upfront|up front|before|in advance|to start)",
                    "to (?:start|begin|get started|kick off|kick things off)",
                    "(?:start|begin|continue|proceed) (?:only )?(?:once|after|when) (?:i|we) (?:receive|get|see)",
                    "(?:won't|will not|can't|cannot|don't|do not) (?:start|begin|continue|proceed|work|touch|deliver)",
                    "before i begin", "until (?:i|we) (?:receive|get|see)", "fund (?:the )?milestone",
                    "funded before", "at the start", "not before", "haven't started",
                    "(?:now|today) so (?:i|we) can (?:begin|start)",
                    "(?:money|payment|pay|cash|funds) first", "first,? then",
                    "(?:on|at|upon) signing", "on day one", "day one",
                    "(?:now|today|this week|upfront|up front) rather than",
                    "rather than at the end", "before (?:any|the) work", "before my start(?: date)?",
                    "before the start date", "prior to (?:commencement|kick-?off|my start)",
                    "to get going", "up fr0nt", "upfr0nt",
                    "(?:start|begin|work) (?:only )?(?:when|once|after) the (?:money|payment|funds|deposit|advance|transfer) (?:lands|arrives|clears|is in|comes in|hits|shows)",
                    "(?:paid|pay|payment|send it) (?:right )?now",
                    "(?:fee|fees|salary|money|amount|sum|invoice|rate) (?:right )?now",
                    "first (?:\\w+ ){1,3}(?:now|today|up ?front|in advance)",
                    "(?:can|will|could|i'll|i will) (?:begin|start) (?:as soon as|once|when|after) (?:\\w+ ){0,3}(?:funds|payment|money|deposit|advance|it|they)(?: (?:are|is|has))? (?:released|paid|received|in|cleared|clears|arrives?|lands?)",
                    "before (?:i|we) (?:send|share|hand|show|open|sign)", "get the ball rolling",
                    "(?:transfer|send|wire|pay) (?:it|me|the \\w+) (?:now|tonight|today)",
                    "(?:send|pay|transfer|wire) (?:\\w+ ){0,3}first",
                    "(?:\\d+ ?%|half) (?:tonight|today)",
                ]),
                stems(&[
                    "заранее", "вперед", "сначала", "до начала", "перед началом", "до старта",
                    "авансом", "сперва", "прежде чем", "не начну", "не буду начинать", "для начала",
                    "до того,? как", "после оплаты начну", "половину сейчас", "сразу", "как я начну",
                    "взяться", "первый этап", "до сдачи", "наперед", "переведете сейчас", "переведите сейчас",
                ]),
                korean(&[
                    "미리", "먼저", "시작 전", "시작하기 전", "시작하기 전에", "착수 전", "작업 전",
                    "작업하기 전", "들어가기 전", "진행 전", "우선", "선지급", "시작하려면", "계약 시", "계약하면서",
                ]),
            ],
        ),
        compile(
            CueKind::Prepay,
            &[
                words(&[
                    "prepay", "prepaid", "prepayment", "pre-pay", "pre-paid", "pre-payment",
                    "pre pay", "pre payment", "advance payment", "payment in advance",
                    "upfront payment", "up-front payment", "up front payment", "down payment",
                    "downpayment", "deposit", "retainer", "initial payment", "initial deposit",
                    "(?:the|an|a|your|my|simple|small|some|any|that) advance",
                    "upfront (?:part|portion|amount|fee|sum|pls|please|plz)", "advance fee", "pay upfront",
                    "pay up front", "pay in advance", "paid upfront", "paid up front",
                    "paid in advance", "front (?:me|us)", "(?:salary|pay|payroll|wage) advances?",
                    "mobili[sz]ation (?:payment|fee)", "booking fee", "commitment fee",
                    "(?:something|a bit|a little|some) (?:up ?front|in advance)",
                    "good[- ]faith (?:payment|deposit)", "kick-?off (?:payment|fee)", "signing (?:payment|fee)",
                    "no work without", "(?:won't|will not|don't|do not|can't|cannot) (?:start|work|begin) without",
                    "no (?:\\w+ ){0,2}(?:deposit|prepayment|advance|retainer|money|pay),? no (?:start|work|code|delivery|project)",
                ]),
                stems(&[
                    "предоплат", "предоплач", "аванс", "задаток", "задатк", "оплата вперед",
                    "без (?:\\w+ )?(?:предоплат|аванс|задатк)\\w*(?: \\S+)? не (?:начина|начну|работа|буду|возьмусь)",
                ]),
                korean(&["선불", "선금", "착수금", "계약금", "선입금", "선결제", "선지급", "보증금", "(?:선금|선불|계약금|착수금) 없이"]),
            ],
        ),
        compile(
            CueKind::Crypto,
            &[
                words(&[
                    "usdt", "u ?s ?d ?t", "usdc", "btc", "b ?t ?c", "bitcoin", "bitcoins", "eth",
                    "ether", "ethereum", "crypto", "cryptocurrency", "cryptocurrencies",
                    "tether", "stablecoin", "stablecoins", "stable coin", "stable coins",
                    "trc-?20", "erc-?20", "bep-?20", "binance pay", "binance", "usdt-trc20",
                    "ltc", "litecoin", "xmr", "monero", "sol", "solana", "busd", "tron", "trx",
                    "coinbase", "metamask", "trust wallet", "bybit", "okx", "kucoin", "coin",
                    "coins", "wallet address", "wallet:", "crypto wallet", "(?:this|my|the|'s) wallet",
                    "hot wallet", "cold wallet", "u\\$dt", "b[i!1]tcoin", "sats", "satoshis?",
                    "lightning", "lightning invoice", "dai", "on-?chain",
                ]),
                stems(&[
                    "крипт", "биткоин", "биткойн", "битк", "эфир", "тезер", "стейбл", "юсдт",
                    "токен", "монет", "обменник", "p2p", "usdc",
                ]),
                korean(&[
                    "코인", "비트코인", "테더", "암호화폐", "가상화폐", "가상자산", "이더리움",
                    "스테이블", "바이낸스", "업비트", "이더로", "이더리움으로",
                ]),
            ],
        ),
        compile(
            CueKind::WalletAddress,
            &[
                raw(r"\b0x[0-9a-f]{40}\b"),
                raw(r"\bt[1-9a-hj-np-z]{33}\b"),
                raw(r"\b(?:bc1[02-9ac-hj-np-z]{11,71}|[13][1-9a-hj-np-z]{25,34})\b"),
            ],
        ),
        compile(
            CueKind::ToWriter,
            &[
                words(&[
                    "pay me", "paying me", "paid me", "send me", "sending me", "transfer me",
                    "wire me", "give me", "my wallet", "my address", "my account", "my payment",
                    "my pay", "my salary", "my invoice", "my fee", "my rate", "my earnings",
                    "my payout", "my compensation", "paid in", "pay in", "payment in",
                    "payments in", "receive", "received in", "prefer", "preferred", "instead of",
                    "rather than", "only accept", "accept", "to me", "to this", "this address",
                    "this wallet", "below", "here is", "here's", "i use", "i only use",
                    "send (?:it|the money|the payment|payment|funds|the funds|my)",
                    "(?:transfer|send|pay|wire) (?:it |the \\w+ |the rest |everything )?(?:to|via|through|over)",
                    "get paid", "be paid", "paid via", "paid through", "pay via", "pay through",
                    "settle in", "settle via", "in crypto", "in usdt", "in btc", "just send",
                    "send the", "send (?:\\w+ ){0,2}there", "from now on",
                    "not (?:bank|paypal|wire|a bank|via bank)", "goes to", "go to", "route",
                    "paid to", "pay to", "pay my", "go out as", "going forward", "in the form of",
                    "in (?:sats|stablecoins?|tether|eth)", "(?:can|could) (?:you |u )?send", "(?:could|can) we do",
                    "only way is", "(?:invoices?|payments?|salary|pay) settled",
                    "(?:make|made|write|written) (?:the |a )?(?:cheque|check|payment) (?:out|payable) to", "payable to",
                ]),
                stems(&[
                    "мне", "мой кошел", "мою карт", "мой счет", "на кошел", "на мой", "на адрес",
                    "получ", "принима", "предпочита", "вместо", "переведите", "перечислите",
                    "отправьте", "скиньте", "платите", "оплатите", "в крипт", "в usdt", "в юсдт",
                    "выплач", "в приоритете", "рассчитаться", "давайте", "киньте", "примет",
                ]),
                korean(&[
                    "저에게", "제게", "저한테", "제 지갑", "제 계좌", "지갑 주소", "지갑으로",
                    "주소로", "받고", "받을", "받는", "받았으면", "보내주", "보내 주", "주시면",
                    "선호", "대신", "로 지급", "으로 지급", "로 결제", "으로 결제", "로 받",
                    "으로 받", "로 주", "으로 주", "송금해", "입금해", "보내", "대신 받", "달라", "로 달",
                    "으로 달", "해주세요",
                ]),
            ],
        ),
        compile(
            CueKind::Ask,
            &[
                words(&[
                    "pls", "plz", "please", "kindly", "(?:can|could|would) you (?:send|pay|transfer|wire|do|process|release)",
                ]),
                stems(&["пожалуйста", "прошу", "просьба"]),
                korean(&["부탁", "주세요", "주시기 바랍니다"]),
            ],
        ),
        compile(
            CueKind::WorkTopic,
            &[
                words(&[
                    "smart contracts?", "contracts? audit", "audit(?:ing|ed)?", "dapp", "dapps",
                    "integrat(?:e|ed|es|ing|ion)", "implement(?:ed|ing|s|ation)?", "build(?:ing|s)?",
                    "built", "develop(?:ed|ing|s|ment)?", "feature", "module", "sdk", "api",
                    "checkout", "exchange rate", "price feed", "node", "indexer", "explorer",
                    "token contract", "staking", "defi", "nft", "wallet app", "wallet integration",
                    "support for", "frontend", "backend", "ui", "tests?", "deploy(?:ed|ing)?",
                    "bug", "pr", "pull request", "code review", "refactor", "market", "news",
                    "price", "prices", "volatility", "gateway", "supports?", "for customers", "invest(?:ed|ing|ment)?", "trading bot",
                    "idempotency", "dedup(?:e|ed|licated|lication)?", "screen", "fix(?:ed|es)?", "rounding",
                    "providers", "vendors", "comparison", "research", "draft", "analysis",
                    "endpoint", "webhook", "schema",
                ]),
                stems(&[
                    "смарт-контракт", "смарт контракт", "интеграц", "интегрир", "разработ",
                    "реализ", "модул", "функционал", "курс", "биржев", "аудит", "тест", "деплой",
                    "бот", "инвест", "баг", "экран", "исправ",
                ]),
                korean(&[
                    "스마트 컨트랙트", "스마트컨트랙트", "연동", "구현", "개발", "기능", "모듈",
                    "감사", "시세", "테스트", "배포", "투자", "거래소 api", "버그", "화면", "수정", "반올림",
                ]),
            ],
        ),
        compile(
            CueKind::SomeoneElse,
            &[
                words(&[
                    "(?:my |a |his |her |our )?(?:friend|cousin|brother|sister|uncle|aunt|relative|partner|colleague|agent|manager|wife|husband|mother|father|mom|mum|dad|roommate|flatmate|boss|associate|nephew|niece|brother-in-law|sister-in-law|girlfriend|boyfriend|fiance|fiancee|family member|team lead|representative|accountant|teammate|agency|middleman)(?:'s|s')?",
                    "someone else(?:'s)?", "somebody else(?:'s)?", "another person(?:'s)?",
                    "a third party", "third-party", "third party", "different name",
                    "another name", "not (?:in|under) my name", "not my name", "under (?:his|her|their) name",
                    "in (?:his|her|their) name", "on behalf of", "partner company", "our company's",
                    "his account", "her account", "their account",
                    "the name on the account (?:is different|is not mine|isn't mine|won't match|doesn't match|will be)",
                    "beneficiary", "payee", "(?:different|other) (?:beneficiary|payee|holder) name",
                    "under (?:my|his|her|their) \\w+(?:'s)? name", "won't match mine",
                    "name (?:won't|doesn't|does not|will not) match", "(?:i|we) freelance through",
                    "(?:my |a |his |her )?(?:landlord|handler|intermediary|sponsor|guarantor|employer of record)(?:'s)?",
                    "rather than (?:to )?me", "not (?:to )?me personally", "recipient", "addressed to",
                    "(?:consulting|holding|trading|partner) (?:firm|company)", "(?:his|her|their) name",
                    "(?:friend|cousin|brother|sister)'s (?:identity|profile|account|name)",
                    "(?:my )?subcontractor(?:'s)?", "(?:i|we) (?:subcontract|work|freelance) through", "(?:my )?(?:church|charity|mosque|temple|foundation)(?:'s)?",
                ]),
                stems(&[
                    "друг", "друз", "брат", "сестр", "родствен", "партнер", "коллег", "знаком",
                    "на имя", "на другое имя", "чужо", "другого человека", "другому человеку",
                    "жены", "жене", "мужа", "отца", "матер", "дяди", "дяде", "кузен", "представител",
                    "менеджер", "агент", "бухгалтер(?:у|а|ом|ы|ам)?\\b", "третьему лицу", "третье лицо", "третьих лиц",
                    "владелец счета", "владельца", "не на меня", "оформлен на", "записан на", "посредник",
                    "получател", "ооо", "фирм",
                ]),
                korean(&[
                    "친구", "사촌", "형 ", "형의", "형님", "누나", "동생", "삼촌", "이모", "고모",
                    "지인", "대리인", "다른 사람", "타인", "명의", "아는 사람", "파트너", "동료",
                    "매니저", "에이전트", "아내", "남편", "어머니", "아버지", "부모님", "가족",
                    "대표님", "회계사", "제3자", "제 3자", "팀장", "에이전시", "법인", "업체",
                ]),
            ],
        ),
        compile(
            CueKind::Account,
            &[
                words(&[
                    "account", "accounts", "acct", "paypal", "payoneer", "wise", "transferwise", "payee", "beneficiary", "llc", "ltd",
                    "revolut", "venmo", "zelle", "cash ?app", "skrill", "bank", "card", "iban",
                    "swift", "wallet", "routing", "details", "payout method", "payment details",
                    "bank details", "upwork", "fiverr", "profile",
                ]),
                stems(&["сч[её]т", "карт", "кошел", "реквизит", "банк", "пейпал", "payoneer"]),
                korean(&["계좌", "통장", "카드", "지갑", "은행", "페이팔", "페이오니아"]),
            ],
        ),
        compile(
            CueKind::Insult,
            &[
                raw(r"\bf[*#@!]{2,}\w*"),
                words(&[
                    "scammers?", "scam (?:company|outfit|artists?|operation)",
                    "(?:you|you're|you are|this is|what a|total|such a|a bunch of) (?:a |an )?(?:absolute |total |complete )?scam",
                    "fraud(?:s|ster|sters)?", "liars?", "cheat(?:s|ers?)?",
                    "thie(?:f|ves)", "crooks?", "idiots?", "stupid", "morons?", "pathetic",
                    "disgusting", "clowns?", "incompetent", "shame on you", "shameless",
                    "f+u+c+k\\w*", "f\\*+k\\w*", "wtf", "bastards?", "bullshit", "bs company",
                    "garbage company", "joke of a company", "useless", "rip-?off", "greedy",
                    "losers?", "dishonest", "trash", "worthless", "damn you", "go to hell",
                    "screw you", "how dare you", "you people", "robbing me", "robbed me",
                    "stealing my", "stole my", "cowards?", "damn", "shut up", "amateurs?",
                    "unprofessional", "ridiculous", "rats", "scumbags?", "jerks?",
                    "brain-?dead", "dumb(?:er|est)?", "cheapskates?", "dinosaurs", "beggar",
                    "(?:is|are|was) (?:a )?(?:joke|garbage|trash|clowns?)", "bunch of \\w+",
                    "are you (?:deaf|blind|thick|stupid|dumb|kidding me|serious|insane)",
                    "who do you think you are", "ungrateful", "insulting", "lecture me",
                    "don't (?:ever )?(?:lecture|teach|tell) me", "did a child", "wasting my time",
                    "never seen such", "exploit", "cross me", "scares? me", "tiny company",
                    "little company", "bureaucratic", "nonsense", "clueless", "disgrace",
                    "embarrassing", "a child could", "what's so hard", "idiotic", "thanks for nothing",
                    "genius", "burns? to the ground", "(?:do you have )?a brain", "spineless",
                    "paper-?pushers?", "screw me", "try me", "sucker", "get out of the way",
                    "get your act together", "whining",
                ]),
                stems(&[
                    "мошенни", "жулик", "жулье", "лжец", "лжецы", "вранье", "врете", "обманщик",
                    "обманул", "идиот", "тупые", "тупая", "тупой", "дебил", "уроды", "урод",
                    "позор", "воры", "ворюг", "кидал", "кинули", "сволоч", "козлы", "бессовест",
                    "наглец", "клоун", "нищеброд", "гады", "твари", "крыс", "некомпетентн",
                    "тупит", "дилетант", "дурак", "не смей", "хватит (?:делать|врать|издеваться|тянуть|морочить)", "бездар", "мусор", "хамл",
                    "пошли вы", "слышь", "жадн", "лгун", "отвратительн", "бюрократ", "издевает",
                    "с кем разговариваешь", "вы вообще", "вы там вообще", "цирк", "мозгов нет", "умники",
                    "идите лесом", "жлоб", "слушайте сюда",
                ]),
                korean(&[
                    "사기꾼", "사기 회사", "사기치", "거짓말쟁이", "도둑", "바보", "멍청", "한심",
                    "양심", "쓰레기", "개같", "미친", "뻔뻔", "날강도", "사기를", "사기야",
                    "웃기지", "어이없", "어이가 없", "무능", "장난하", "장난치", "이따위", "당신 같은",
                    "양아치", "말귀", "꼴 좀", "야, ", "처음 봐", "답답해 죽겠", "그 머리로", "말이 안 통하",
                    "너네",
                ]),
            ],
        ),
        compile(
            CueKind::Threat,
            &[
                words(&[
                    "(?:you|u) (?:will|'ll|are going to|gonna) (?:regret|be sorry|pay for|see|learn)",
                    "you'll regret", "regret this", "last warning", "final warning",
                    "final notice", "watch your back", "i know where", "you have been warned",
                    "you've been warned", "consider yourselves warned", "or else",
                    "you (?:will|'ll) see what happens", "see what happens",
                    "make (?:you|your life) (?:pay|miserable|hell)", "ruin (?:you|your)",
                    "destroy (?:you|your)", "this is not over", "this isn't over",
                    "i will make sure", "i'll make sure", "won't get away", "will not get away",
                    "mark my words", "not going to let this go", "i will find",
                    "bad reviews? everywhere", "tell everyone", "expose you", "i warn you",
                    "i'm warning you", "i am warning you", "don't you dare", "how dare",
                    "(?:you|u) (?:will|'ll) be (?:very |so |really )?sorry",
                    "you'll be (?:very |so |really )?sorry",
                    "how far i(?:'m| am) willing to go", "(?:you )?(?:do not|don't) want to see me",
                    "stop being nice", "i don't forget", "you'll find out", "you will find out",
                    "one more time and", "i(?:'ll| will) tell everyone",
                ]),
                stems(&[
                    "пожалеет", "пожалеете", "последнее предупреждение", "вы еще узнаете",
                    "вам это так не пройдет", "так не пройдет", "не оставлю", "я вам устрою",
                    "устрою вам", "берегитесь", "пеняйте на себя", "вы об этом пожалеете",
                    "это не конец", "я вас предупреждаю", "предупреждаю вас", "я найду", "знаю,? где (?:ваш|вы|ты)", "ответите за", "вылетишь", "всем расскажу",
                    "я об этом всем",
                ]),
                korean(&[
                    "후회", "마지막 경고", "두고 보", "가만두지 않", "가만 두지 않", "가만히 있지 않",
                    "경고합니다", "경고한다", "책임지", "각오", "대가를 치", "끝난 게 아니",
                    "끝난게 아니",
                ]),
            ],
        ),
        compile(
            CueKind::Condition,
            &[
                words(&[
                    "unless", "if (?:you|u) (?:don't|do not|won't|will not|refuse|fail|can't|cannot|keep|ignore|decide not)",
                    "if (?:i|we) (?:don't|do not) (?:get|receive|see|hear)", "if not", "if no",
                    "otherwise", "or else", "pay up", "ransom", "or (?:the|your|all) (?:code|data|repo|files|source)",
                    "until (?:you|i|we) (?:pay|get|receive|see|hear)", "in exchange for",
                    "for (?:a|the) (?:fee|price|sum)", "what happens", "as long as", "after which",
                    "depends on",
                ]),
                stems(&["если не", "иначе", "пока не", "пока \\w+ не", "а то", "выкуп", "в обмен на", "или я", "зависит от"]),
                korean(&[
                    "않으면", "안 하면", "안하면", "않는다면", "안 주면", "안주면", "안 보내면",
                    "안 보내시면", "안 하시면", "그렇지 않으면", "아니면", "몸값", "대가로",
                ]),
            ],
        ),
        compile(
            CueKind::Deadline,
            &[
                words(&[
                    "by (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|end of (?:day|week)|eod|eow|noon|midnight)",
                    "within \\d+ ?(?:hours?|hrs?|h|days?)", "in \\d+ ?(?:hours?|hrs?|days?)",
                    "\\d+ ?(?:hours?|hrs?|days?) to", "deadline", "before it's too late",
                    "you have until", "last chance", "time is running out", "clock is ticking",
                ]),
                stems(&[
                    "до пятниц", "до понедельник", "до завтра", "до вечера", "в течение",
                    "у вас есть", "срок", "последний шанс", "часов", "суток",
                ]),
                korean(&["까지", "시간 안에", "시간 내", "이내", "마지막 기회", "기한"]),
            ],
        ),
        compile(
            CueKind::TheirAsset,
            &[
                words(&[
                    "(?:your|your client's|your clients'|your company's|the company's) (?:\\w+ ){0,2}(?:code|source|sources|codebase|repos?|repositor(?:y|ies)|data|database|db|files|docs|documents|servers?|backups?|keys|credentials|passwords?|customers?|clients?|users?|investors|secrets|slack|emails?|history|branches|infrastructure|systems?|product|app|ip|stuff|table|list)(?:'s?)?",
                    "api keys", "credentials", "passwords?", "customer (?:list|table|data|database|records|emails)",
                    "client (?:list|data|records)", "user data", "users' \\w+", "customers' \\w+",
                    "clients' \\w+", "passport scans", "internal (?:docs|documents|slack|files|data|emails|wiki|code|repos?)",
                    "private repos?", "prod(?:uction)? (?:servers?|database|db|access)", "admin (?:password|access|credentials)",
                    "git history", "slack export", "the backups", "everything i (?:took|copied|cloned|downloaded)",
                    "cloned everything", "copied everything", "internal financials", "user table",
                    "kyc documents",
                ]),
                stems(&[
                    "ваш\\w* (?:\\w+ )?(?:код|исходник|репозитор|данн|баз|документ|клиент|сервер|пароль|доступ|переписк|проект|файл)",
                    "исходник", "доступы к продакшен", "внутренн\\w* (?:документ|данн|переписк|код)", "баз\\w* клиентов",
                    "пароли", "клиентск\\w* данн", "персональн\\w* данн",
                ]),
                korean(&[
                    "내부 자료", "내부 문서", "고객 데이터", "고객 정보", "고객 명단", "소스 코드", "소스코드",
                    "비밀번호", "api 키", "서버 데이터", "관리자", "귀사", "회사 코드", "회사 데이터",
                    "저장소", "개인정보", "레포",
                ]),
            ],
        ),
        compile(
            CueKind::Asset,
            &[
                words(&[
                    "repos?", "repositor(?:y|ies)", "mirror", "codebase", "source(?: code)?",
                    "code", "databases?", "db", "(?:db|database|data) dump", "dump", "backups?",
                    "git history", "the data", "user data", "customer \\w+", "keys?",
                    "signing keys", "encryption key", "credentials", "servers?", "staging",
                    "production", "prod", "admin", "buckets?", "s3", "aws", "pipeline",
                    "cron job", "license server", "documents", "files", "slack export", "financials",
                    "access", "access controls?", "vulnerabilit(?:y|ies)", "(?:root |admin |server )?passwords?",
                    "domains?", "app store account", "(?:signing )?certificates?", "figma files", "dns", "hosting",
                    "the build", "license (?:check|server|key)", "dataset", "(?:user )?records", "slack",
                ]),
                stems(&[
                    "репозитор", "исходник", "исходн\\w* код", "код", "баз", "дамп", "бэкап",
                    "ключ", "сервер", "продакшен", "доступ", "документ", "данн", "парол", "админк", "хостинг",
                    "сайт", "репа",
                ]),
                korean(&[
                    "코드", "저장소", "레포", "데이터", "덤프", "db", "서버", "키", "백업", "자료",
                    "비밀번호", "관리자", "계정", "비번", "도메인", "루트 권한", "인스턴스", "소스", "사본",
                ]),
            ],
        ),
        compile(
            CueKind::Harm,
            &[
                words(&[
                    "(?:go|goes|going|went) (?:public|online|down|live)", "end(?:s)? up (?:with|on|in)",
                    "on (?:github|telegram|a forum|every forum|the dark web|a public paste|pastebin|twitter|reddit|hacker news)",
                    "to the press", "journalists?", "competitors?", "found out", "disappears?",
                    "stays? (?:safe|private|quiet|secret)", "keeps? it (?:private|quiet|secret)",
                    "nobody (?:sees|will see|gets)", "go away", "goes away", "forget", "take down",
                    "wipe", "wiped", "delete", "deleted", "copies of", "a copy of", "dump of",
                    "i still have", "i (?:have|kept|saved|cloned|copied|downloaded)", "cloned", "copied",
                    "publish(?:ed|ing)?", "leak(?:ed|ing|s)?", "expose(?:d)?", "sell", "post(?:ed)?",
                    "upload(?:ed)?", "make (?:it |them )?public", "dark web", "paste", "online",
                    "what happens to", "what will happen to", "shame if", "can't promise",
                    "release(?:d)?", "posting", "selling", "sold", "dump(?:ed|ing)?",
                    "uploading", "go public",
                    "send (?:it |them |everything )?to (?:your )?(?:competitors?|clients?|customers?|press|journalists?|media|regulators?)",
                    "put (?:it |them |everything )?(?:online|on github|on the internet|out there)",
                    "destroy(?:ed)?", "encrypt(?:ed)?", "hand (?:it |them )?over to",
                    "give (?:it |them )?to (?:your )?competitors?", "make (?:everything )?public",
                    "destruction", "delet(?:e|ed|ing)", "stops? working", "found its way", "find (?:a )?new home",
                    "new owner", "torrent", "telegram", "end(?:s)? up somewhere", "public",
                    "find (?:\\w+ ){0,3}interesting", "surprise", "disarm", "retained", "kept",
                    "forums?", "(?:nobody|no one) (?:needs to|has to|will|gets to) (?:see|know)",
                    "between us", "imagine", "(?:i'd|i would) hate for", "would be (?:unfortunate|a pity)",
                    "stays? locked", "locked", "keeping the only", "(?:not|won't be|will not be) handing (?:it |them )?over",
                    "get (?:it|them|your \\w+) back", "changed the (?:\\w+ )?password", "revoke", "time bomb",
                    "make it stop", "open-?sourc\\w*", "how much (?:\\w+ ){0,3}(?:pay|give)", "fines",
                ]),
                stems(&[
                    "в открытый доступ", "у конкурентов", "конкурент", "никуда не уйд", "удалю", "выложу",
                    "опубликую", "солью", "окаж", "что будет с", "у меня остал", "у меня есть", "копи",
                    "продам", "журналист", "в сеть", "в интернет", "уничтож", "опубликова",
                    "опублику", "слить", "сольем", "выложить", "выложим", "продать", "продадим",
                    "раздам", "отправлю", "разошлю", "удалить", "передам", "обнародую", "форум", "оказал",
                    "весь интернет", "зашифр", "случится", "полежат у меня", "останутся у меня",
                    "у меня (?:\\w+ ){0,2}есть", "исчезн", "узнают", "будет жаль", "у меня[.,!]", "сменил",
                    "снести", "снесу", "ничего не получите", "оформлены на меня", "сколько за",
                ]),
                korean(&[
                    "유출", "풀립니다", "풀릴", "풀겠", "지웁니다", "지울", "지우겠", "삭제", "공개", "인터넷에",
                    "경쟁사", "기자", "언론", "가지고 있", "보관", "복사", "퍼뜨", "팔아", "팔겠", "넘기",
                    "넘길", "올리겠", "올릴", "퍼뜨리", "퍼뜨릴", "뿌리", "뿌릴", "판매", "폭로", "새어", "올리면",
                    "올려", "못 넘겨", "내립니다", "내리겠", "바꿔놨", "장담 못", "뿌린다",
                    "암호화",
                ]),
            ],
        ),
        compile(
            CueKind::Pressure,
            &[
                words(&[
                    "or", "either", "your choice", "think about", "quietly", "would be a shame",
                    "not bluffing", "make(?:s)? (?:that|this|it) (?:problem )?go away",
                    "every day", "tonight", "today", "tomorrow", "simple", "i'm serious", "fair settlement",
                    "settle this", "resolve this", "business proposal", "can't promise", "or else",
                ]),
                stems(&["или", "иначе", "тихо", "решить вопрос", "не заплатите", "предлагаю", "выбирайте", "сегодня", "завтра"]),
                korean(&["아니면", "안 하시면", "안 주면", "조용히", "오늘", "내일", "선택", "그렇지 않으면"]),
            ],
        ),
        compile(
            CueKind::Warning,
            &[
                words(&[
                    "warning", "warned about", "advisory", "fbi", "impersonat\\w*", "fake \\w+",
                    "claiming to be", "pretending to be", "phishing",
                ]),
                stems(&["предупрежд", "фбр", "фейков", "выдают себя", "представляются", "фишинг", "якобы"]),
                korean(&["사칭", "경고문", "주의보", "가짜"]),
            ],
        ),
        compile(
            CueKind::Negation,
            &[
                words(&[
                    "don't", "dont", "do not", "never", "not", "no", "won't", "will not",
                    "can't", "cannot", "can not", "didn't", "did not", "doesn't", "does not",
                    "nobody", "without", "avoid", "isn't", "aren't", "wasn't", "instead of",
                ]),
                words(&["не", "нет", "никогда", "без", "нельзя"]),
                korean(&["안 ", "않", "못 ", "없", "마세요", "말라", "금지"]),
            ],
        ),
        compile(
            CueKind::Refusal,
            &[
                words(&[
                    "(?:we|i) (?:can't|cannot|can not|won't|will not|don't|do not|never|are unable to|am unable to|are not able to|aren't able to) (?:\\w+ ){0,3}(?:pay|prepay|release|send|advance|fund|transfer|do)",
                    "not (?:possible|able|allowed)", "against (?:our|company) policy",
                    "our policy", "we only pay", "only after", "no upfront", "no prepayment",
                    "decline", "declined", "unable to",
                ]),
                stems(&[
                    "не можем", "не сможем", "не будем", "не платим", "не выплачиваем",
                    "только после", "политик", "отказ", "невозможно",
                ]),
                korean(&[
                    "어렵습니다", "불가", "안 됩니다", "안됩니다", "드릴 수 없", "할 수 없",
                    "지급하지 않", "정책", "이후에만", "완료 후",
                ]),
            ],
        ),
    ]
});

/// The kinds every finding needs at least one of: a prepayment word or a before-the-work
/// word, a coin or a wallet address, someone else, an insult or a threat, their asset or
/// harm (extortion), a refusal. A message with none of them can have no finding (shouting
/// aside), so it is let go without looking for the other kinds.
const ANCHOR_KINDS: [CueKind; 10] = [
    CueKind::Prepay,
    CueKind::Before,
    CueKind::Crypto,
    CueKind::WalletAddress,
    CueKind::SomeoneElse,
    CueKind::Insult,
    CueKind::Threat,
    CueKind::TheirAsset,
    CueKind::Harm,
    CueKind::Refusal,
];

/// Whether `folded` has a cue of one of the [`ANCHOR_KINDS`]: each kind's own pattern, in
/// turn, stopping at the first that matches (one pattern for all of them is much slower:
/// too big for the regex engine's fast automaton).
pub(crate) fn has_anchor(folded: &str) -> bool {
    CUES.iter()
        .filter(|(kind, _)| ANCHOR_KINDS.contains(kind))
        .any(|(_, lists)| lists.is_found(folded))
}

/// Phrases that look like cues but are not: any cue inside one of these is dropped
/// ("direct deposit" is payroll, "thanks in advance" is politeness, "scammers are
/// impersonating our recruiters" is a warning, "my own name" is the writer's account).
pub(crate) static NOT_CUES: LazyLock<Lists> = LazyLock::new(|| {
    let parts = [
        words(&[
            "direct deposit",
            "deposit (?:feature|flow|screen|button|function|endpoint|api|via)",
            "upfront (?:cost|costs|estimate|quote|research|design|planning|investment|work)",
            "advance (?:the|our|my|your) \\w+",
            "in advance for",
            "thanks in advance",
            "thank you in advance",
            "pay attention",
            "prepaid (?:phone|sim|card|plan)",
            "(?:i'm|i am) the account (?:holder|owner)",
            "my own (?:name|account|bank)",
            "in my (?:own )?name",
            "scammers (?:are|have been|keep) (?:impersonating|posing|pretending|using)",
            "beware of scam\\w*",
            "never pay (?:anyone )?upfront",
            "report (?:the |this )?scam\\w*",
            "third[- ]party (?:\\w+ )?(?:integrations?|api|apis|providers?|processors?|librar(?:y|ies)|services?|vendors?|tools?|cookies|apps?|sdks?|gateways?|dependenc(?:y|ies)|code|risk)",
            "1099s?", "w-?2s?", "w-?8(?:ben)?", "w-?9s?", "tax forms?", "pay ?stubs?", "payslips?",
            "advance (?:search|notice|filter|settings|tax)",
            "(?:i|we) (?:already )?paid (?:up ?front|in advance|first)",
            "(?:deposit|prepayment|advance|retainer)s? (?:is |are )?not (?:needed|required|necessary)",
            "no (?:deposit|prepayment|advance|retainer) (?:is )?(?:needed|required|necessary)",
            "deposit (?:the |a |my )?(?:signed|contract|documents?|files?|folder|form)",
            "(?:previous|former|last|old) (?:employer|client|company|boss|job)s? (?:\\w+ ){0,3}pa(?:id|y) (?:me )?(?:in |via |with )?\\S+",
            "account (?:managers?|executives?)",
        ]),
        stems(&[
            "мошенники представляются",
            "осторожно",
            "на мое имя",
            "на свое имя",
            "коллеги,",
            "аванс (?:за (?:этот|прошлый|текущий|следующий) месяц|по графику|и зарплат)",
            "когда (?:будет|придет) аванс",
            "авансов\\w* платеж",
            "(?:предоплат|аванс)\\w* не нужн",
            "друзья,",
        ]),
        korean(&["제 명의", "본인 명의", "사기 주의", "주의하세요", "먼저 결제했", "제가 먼저", "(?:선금|선불|계약금|착수금)\\S* 필요 없"]),
    ];
    Lists::new("exceptions", &parts)
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::Folded;
    use crate::labelled::read_labelled;

    /// Every message of the labelled sets (training and held-out: over a thousand in Korean
    /// and Russian) gets the same spans from every list read the fast way as read with
    /// Unicode word boundaries, but for Latin words written straight against a Korean or
    /// Russian letter ("50 usdt만"), which only the fast way finds.
    #[test]
    fn both_readings_of_every_list_agree_on_the_labelled_sets() {
        let mut texts: Vec<String> = crate::model::training_sets()
            .into_iter()
            .flatten()
            .map(|row| row.text)
            .collect();
        // From the directory `cargo test` runs the test for: a build cache shared between
        // checkouts may hold a test binary compiled elsewhere.
        let dir = std::env::var_os("CARGO_MANIFEST_DIR")
            .map_or_else(
                || std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
                std::path::PathBuf::from,
            )
            .join("tests/data");
        for entry in std::fs::read_dir(dir).expect("tests/data") {
            let rows = read_labelled(&entry.expect("entry").path()).expect("parses");
            texts.extend(rows.into_iter().map(|row| row.text));
        }
        let folded: Vec<String> = texts
            .iter()
            .map(|t| Folded::new(t).text)
            .filter(|t| !t.is_ascii())
            .collect();
        assert!(folded.len() > 1000, "{}", folded.len());
        let lists = CUES
            .iter()
            .map(|(_, l)| l)
            .chain(std::iter::once(&*NOT_CUES));
        let (mut compared, mut extra) = (0, 0);
        for list in lists {
            for text in &folded {
                let (fast, written) = (list.spans(text), list.spans_as_written(text));
                for span in &written {
                    assert!(
                        fast.contains(span),
                        "{text}: {span:?} missed, found {fast:?}"
                    );
                }
                for &(start, end) in fast.iter().filter(|s| !written.contains(s)) {
                    let before = text[..start].chars().next_back();
                    let after = text[end..].chars().next();
                    let touches =
                        |c: Option<char>| c.is_some_and(|c| c.is_alphabetic() && !c.is_ascii());
                    assert!(
                        (touches(before) && text[start..].starts_with(|c: char| c.is_ascii()))
                            || (touches(after) && text[..end].ends_with(|c: char| c.is_ascii())),
                        "{text}: {:?} found only the fast way",
                        &text[start..end]
                    );
                    extra += 1;
                }
                assert_eq!(list.is_found(text), !fast.is_empty(), "{text}");
                compared += 1;
            }
        }
        assert!(compared > 20_000);
        assert!(extra < 50, "{extra} spans found only the fast way");
    }
}
