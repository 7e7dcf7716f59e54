//! Runs rules on a session and turns their result rows into evidence.

use crate::rule::Rule;
use crate::tables::{new_session, register_all, register_batches};
use crate::{Detection, RulesError};
use datafusion::arrow::array::{Array, AsArray, Float64Array, ListArray, StringArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::execution::context::SessionContext;
use datafusion::execution::SessionStateBuilder;
use redflag_ingest::Dataset;
use redflag_model::{HubIdentifier, Level, StageTime};
use std::sync::Arc;
use std::time::Instant;

/// A scoped thread's result, re-raising its panic here.
fn joined<T>(result: std::thread::Result<T>) -> T {
    result.unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// Name of the table phase-2 rules read: one row per person after the first scoring pass.
pub const PRIOR_SCORES_TABLE: &str = "prior_scores";

/// Name of the table phase-3 rules read: one row per member of each persona network, after
/// the second scoring pass.
pub const NETWORK_MEMBERS_TABLE: &str = "network_members";

/// One member of a persona network, as phase-3 rules see it.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkMember {
    /// Network id (`N1`, …).
    pub network: String,
    /// The member.
    pub person_id: String,
    /// The member's score before network evidence.
    pub score: u8,
    /// The member's level before network evidence.
    pub level: Level,
    /// The `file:line` refs of the member's own evidence that links them into the network.
    pub refs: Vec<String>,
}

/// Name of the watchlist engine's table: one row per (dataset value, listed entity) hit. It is
/// empty until [`RuleEngine::register_watchlist_hits`] fills it.
pub const WATCHLIST_HITS_TABLE: &str = "watchlist_hits";

/// Schema of [`WATCHLIST_HITS_TABLE`]. Text columns: who (`person_id`), what was screened
/// (`subject`: person, vendor, employer, payee, counterparty, crypto_address, id_document,
/// tax_id, email, phone, website, employer_domain; `screened`: the value; `ref`: its
/// `file:line`), the listed entity (`entity_key`, `list`, `list_name`, `list_date`,
/// `programs`, `matched`: the listed name or value), how (`tier`: exact, strong, alert;
/// `score` 0..1; `birth_date_matches`: the person's date of birth equals a listed one;
/// `explanation`).
pub fn watchlist_hits_schema() -> SchemaRef {
    let text = |name: &str| Field::new(name, DataType::Utf8, true);
    Arc::new(Schema::new(vec![
        Field::new("person_id", DataType::Utf8, false),
        text("subject"),
        text("screened"),
        text("ref"),
        text("entity_key"),
        text("list"),
        text("list_name"),
        text("list_date"),
        text("programs"),
        text("matched"),
        text("tier"),
        Field::new("score", DataType::Float64, false),
        Field::new("birth_date_matches", DataType::Boolean, false),
        text("explanation"),
    ]))
}

/// Outside data some engines read.
#[derive(Default, Clone, Copy)]
pub struct EngineInputs<'a> {
    /// Sanctions lists for `watchlist_hits`.
    pub screener: Option<&'a redflag_watchlist::Screener>,
    /// IP intelligence for `signin_ips` (installed data, MMDB files).
    pub intel: Option<&'a redflag_intel::IpIntel>,
    /// Real and front-company domains and mail-provider lists for `domain_findings`
    /// (redflag's built-in lists when `None`).
    pub domains: Option<&'a redflag_domains::DomainChecker>,
}

/// A session holding one dataset, and the rules to run on it.
pub struct RuleEngine {
    ctx: SessionContext,
    rules: Vec<Rule>,
    setup_timings: Vec<StageTime>,
    hubs: Vec<HubIdentifier>,
    warnings: Vec<String>,
}

impl RuleEngine {
    /// Registers `dataset` and checks that every rule plans against it (catching unknown
    /// tables, columns and functions before anything runs).
    pub async fn new(dataset: &Dataset, rules: Vec<Rule>) -> Result<Self, RulesError> {
        RuleEngine::with_inputs(dataset, rules, EngineInputs::default()).await
    }

    /// [`new`](Self::new) with the engines' outside data: `screener` screens the dataset for
    /// the `watchlist_hits` table, side by side with the other engines (without one the table
    /// stays empty until [`register_watchlist_hits`](Self::register_watchlist_hits));
    /// `intel` answers for `signin_ips` (without it, the sign-in log's own enrichment and
    /// redflag's built-in hosting table do).
    pub async fn with_inputs(
        dataset: &Dataset,
        rules: Vec<Rule>,
        inputs: EngineInputs<'_>,
    ) -> Result<Self, RulesError> {
        let screener = inputs.screener;
        let builtin;
        let intel = match inputs.intel {
            Some(intel) => intel,
            None => {
                builtin = redflag_intel::IpIntel::builtin_only();
                &builtin
            }
        };
        let start = Instant::now();
        let ctx = new_session();
        register_all(&ctx, dataset)?;
        let mut engine = RuleEngine {
            ctx,
            rules,
            setup_timings: vec![StageTime::since("register", start)],
            hubs: Vec::new(),
            warnings: Vec::new(),
        };
        let derived = engine.build_derived_tables().await?;
        engine.setup_timings.extend(derived);
        let unknown_tools = engine.unknown_allowed_tools().await?;
        engine.warnings.extend(unknown_tools);
        engine.register_prior_scores(&[])?;
        engine.register_watchlist_hits(Vec::new())?;
        engine.register_network_members(&[])?;
        // The engines are independent pure functions of the dataset: build their tables in
        // two lanes side by side, each engine timed on its own: two lanes use both cores,
        // while one thread per engine only added up their working memory (a
        // 10-million-sign-in screen peaked about 300 MB higher). The lanes are balanced by
        // what the engines cost on a big sign-in log: identifiers and working hours in one;
        // names, watchlists, photos, messages, IP data and then the country moves (which read
        // the IP engine's located sign-ins) in the other.
        let timed = |stage: &'static str, start: Instant| StageTime::since(stage, start);
        let (signin_lane, other_lane) = std::thread::scope(|scope| {
            let signin_lane = scope.spawn(|| {
                let start = Instant::now();
                let identifiers = crate::identifier_table::shared_identifiers(dataset);
                let identifiers = (identifiers, timed("engine:identifiers", start));
                let start = Instant::now();
                let hours = crate::hours_table::working_hours(dataset);
                let hours = (hours, timed("engine:hours", start));
                (identifiers, hours)
            });
            let start = Instant::now();
            let batch = crate::resume_table::resume_near_dups(dataset);
            let resumes = (batch, timed("engine:resumes", start));
            let start = Instant::now();
            let batches = crate::profile_table::profile_tables(dataset);
            let profiles = (batches, timed("engine:profiles", start));
            let start = Instant::now();
            let batch = crate::identity_table::identity_matches(dataset);
            let identities = (batch, timed("engine:identities", start));
            let watchlists = screener.map(|screener| {
                let start = Instant::now();
                let batch = crate::watchlist_table::watchlist_hits(dataset, screener);
                (batch, timed("watchlists", start))
            });
            let start = Instant::now();
            let photos = crate::photo_table::photo_near_dups(dataset);
            let photos = (photos, timed("engine:photos", start));
            let start = Instant::now();
            let messages = crate::message_table::message_findings(dataset);
            let messages = (messages, timed("engine:messages", start));
            // One check per distinct host: cheap, but not free on large directories.
            let start = Instant::now();
            let domains = crate::domain_table::domain_findings(dataset, inputs.domains);
            let domains = (domains, timed("engine:domains", start));
            let start = Instant::now();
            let (batch, rows_in_batch) = crate::ip_table::signin_ips(dataset, intel);
            let located = crate::ip_table::signins_located(dataset, &batch, rows_in_batch);
            let ips = ((batch, located), timed("engine:ip-intel", start));
            let start = Instant::now();
            let ((_, (located_schema, located)), _) = &ips;
            let moves = crate::moves_table::signin_moves(located_schema, located);
            let moves = (moves, timed("engine:moves", start));
            (
                joined(signin_lane.join()),
                (
                    resumes, profiles, identities, photos, watchlists, ips, moves, messages,
                    domains,
                ),
            )
        });
        release_free_memory();
        let (identifiers, hours) = signin_lane;
        let (resumes, profiles, identities, photos, watchlists, ips, moves, messages, domains) =
            other_lane;
        let ((moves_schema, moves_batch), moves_time) = moves;
        let ((profile_batch, conflicts_batch), profiles_time) = profiles;
        let (message_batch, messages_time) = messages;
        let photos = (photos, watchlists);
        let (near_dups, resumes_time) = resumes;
        let (identity_batch, identities_time) = identities;
        let ((shared, hubs), identifiers_time) = identifiers;
        let (hours_batch, hours_time) = hours;
        let ((ips_batch, (located_schema, located)), ips_time) = ips;
        let (((photo_batch, findings), photos_time), watchlists) = photos;
        if let Some((hits, time)) = watchlists {
            engine.register_watchlist_hits(vec![hits])?;
            engine.setup_timings.push(time);
        }
        let (domain_batch, domains_time) = domains;
        engine.setup_timings.push(domains_time);
        engine.hubs = hubs;
        engine.hubs.extend(findings.hubs);
        engine.warnings.extend(findings.warnings);
        for (name, schema, batch) in [
            (
                crate::resume_table::RESUME_NEAR_DUPS_TABLE,
                crate::resume_table::resume_near_dups_schema(),
                near_dups,
            ),
            (
                crate::profile_table::TECH_ANACHRONISMS_TABLE,
                crate::profile_table::tech_anachronisms_schema(),
                profile_batch,
            ),
            (
                crate::profile_table::PROFILE_CONFLICTS_TABLE,
                crate::profile_table::profile_conflicts_schema(),
                conflicts_batch,
            ),
            (
                crate::identity_table::IDENTITY_MATCHES_TABLE,
                crate::identity_table::identity_matches_schema(),
                identity_batch,
            ),
            (
                crate::identifier_table::SHARED_IDENTIFIERS_TABLE,
                crate::identifier_table::shared_identifiers_schema(),
                shared,
            ),
            (
                crate::photo_table::PHOTO_NEAR_DUPS_TABLE,
                crate::photo_table::photo_near_dups_schema(),
                photo_batch,
            ),
            (
                crate::hours_table::WORKING_HOURS_TABLE,
                crate::hours_table::working_hours_schema(),
                hours_batch,
            ),
            (
                crate::message_table::MESSAGE_FINDINGS_TABLE,
                crate::message_table::message_findings_schema(),
                message_batch,
            ),
            (
                crate::domain_table::DOMAIN_FINDINGS_TABLE,
                crate::domain_table::domain_findings_schema(),
                domain_batch,
            ),
            (
                crate::ip_table::SIGNIN_IPS_TABLE,
                crate::ip_table::signin_ips_schema(),
                ips_batch,
            ),
            (
                crate::moves_table::SIGNIN_MOVES_TABLE,
                moves_schema,
                moves_batch,
            ),
        ] {
            register_batches(&engine.ctx, name, schema, vec![batch], 1)?;
        }
        let partitions = engine.ctx.copied_config().target_partitions().max(1);
        register_batches(
            &engine.ctx,
            crate::ip_table::SIGNINS_LOCATED_TABLE,
            located_schema,
            located,
            partitions,
        )?;
        engine.setup_timings.extend([
            resumes_time,
            profiles_time,
            identities_time,
            identifiers_time,
            hours_time,
            ips_time,
            moves_time,
            photos_time,
            messages_time,
        ]);
        let start = Instant::now();
        for rule in &engine.rules {
            engine.plan(rule).await?;
        }
        engine.setup_timings.push(StageTime::since("plan", start));
        Ok(engine)
    }

    /// How long registering the tables, building each derived table and planning the rules
    /// took.
    pub fn setup_timings(&self) -> &[StageTime] {
        &self.setup_timings
    }

    /// Identifiers the identifier engine recognised as hubs in this dataset (largest first,
    /// at most 50): shared by many otherwise unrelated people, so not used to link anyone.
    pub fn hub_identifiers(&self) -> &[HubIdentifier] {
        &self.hubs
    }

    /// Input the engines could not use and did not stop for (a photo that does not decode),
    /// one line each naming the file, for the run summary.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The rules this engine runs.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The underlying session (for ad-hoc queries and tests).
    pub fn session(&self) -> &SessionContext {
        &self.ctx
    }

    /// Makes the first scoring pass visible to phase-2 rules as `prior_scores(person_id,
    /// score, level)`.
    pub fn register_prior_scores(&self, scores: &[(String, u8, Level)]) -> Result<(), RulesError> {
        let schema = Arc::new(Schema::new(vec![
            Field::new("person_id", DataType::Utf8, false),
            Field::new("score", DataType::Float64, false),
            Field::new("level", DataType::Utf8, false),
        ]));
        let batch = RecordBatch::try_new(
            schema.clone(),
            vec![
                Arc::new(StringArray::from_iter_values(scores.iter().map(|s| &s.0))),
                Arc::new(Float64Array::from_iter_values(
                    scores.iter().map(|s| s.1 as f64),
                )),
                Arc::new(StringArray::from_iter_values(
                    scores.iter().map(|s| s.2.name()),
                )),
            ],
        )
        .expect("prior_scores columns match their schema");
        register_batches(&self.ctx, PRIOR_SCORES_TABLE, schema, vec![batch], 1)
    }

    /// Makes the persona networks visible to phase-3 rules as
    /// `network_members(network, person_id, score, level, refs)` (`refs` `;`-separated).
    pub fn register_network_members(&self, members: &[NetworkMember]) -> Result<(), RulesError> {
        let schema = Arc::new(Schema::new(vec![
            Field::new("network", DataType::Utf8, false),
            Field::new("person_id", DataType::Utf8, false),
            Field::new("score", DataType::Float64, false),
            Field::new("level", DataType::Utf8, false),
            Field::new("refs", DataType::Utf8, false),
        ]));
        let batch = RecordBatch::try_new(
            schema.clone(),
            vec![
                Arc::new(StringArray::from_iter_values(
                    members.iter().map(|m| &m.network),
                )),
                Arc::new(StringArray::from_iter_values(
                    members.iter().map(|m| &m.person_id),
                )),
                Arc::new(Float64Array::from_iter_values(
                    members.iter().map(|m| f64::from(m.score)),
                )),
                Arc::new(StringArray::from_iter_values(
                    members.iter().map(|m| m.level.name()),
                )),
                Arc::new(StringArray::from_iter_values(
                    members.iter().map(|m| m.refs.join(";")),
                )),
            ],
        )
        .expect("network_members columns match their schema");
        register_batches(&self.ctx, NETWORK_MEMBERS_TABLE, schema, vec![batch], 1)
    }

    /// Makes the watchlist engine's hits visible to the rules as [`WATCHLIST_HITS_TABLE`]
    /// (replacing what was there). Every batch must have [`watchlist_hits_schema`].
    pub fn register_watchlist_hits(&self, batches: Vec<RecordBatch>) -> Result<(), RulesError> {
        let schema = watchlist_hits_schema();
        if let Some(bad) = batches.iter().find(|b| b.schema() != schema) {
            return Err(RulesError::Runtime(format!(
                "{WATCHLIST_HITS_TABLE}: batch schema {:?} differs from the table's",
                bad.schema()
            )));
        }
        register_batches(&self.ctx, WATCHLIST_HITS_TABLE, schema, batches, 1)
    }

    /// Materialises the derived tables (`derived/NN_name.sql` → table `name`) in order, so
    /// that work many rules share (normalising every contact, finding households) is done
    /// once.
    async fn build_derived_tables(&self) -> Result<Vec<StageTime>, RulesError> {
        let partitions = self.ctx.copied_config().target_partitions().max(1);
        let mut timings = Vec::new();
        for (file, sql) in crate::catalog::DERIVED_TABLES {
            let start = Instant::now();
            let name = derived_table_name(file);
            let fail = |e: datafusion::error::DataFusionError| RulesError::Query {
                rule: format!("derived table {name}"),
                origin: format!("builtin:derived/{file}"),
                message: e.to_string(),
            };
            let df = self.ctx.sql(sql).await.map_err(fail)?;
            let schema = Arc::new(df.schema().as_arrow().clone());
            let batches = df.collect().await.map_err(fail)?;
            register_batches(&self.ctx, name, schema, batches, partitions)?;
            timings.push(StageTime::since(format!("derive:{name}"), start));
        }
        Ok(timings)
    }

    /// One warning per `allowed_tools` row naming a tool the remote-access catalogue does not
    /// know: a misspelt family would otherwise allow nothing, silently.
    async fn unknown_allowed_tools(&self) -> Result<Vec<String>, RulesError> {
        let sql = "SELECT rf_ref('allowed_tools', a._line) AS at, a.tool, \
                   (SELECT string_agg(DISTINCT family, ', ') FROM ref_remote_access_tools) AS known \
                   FROM allowed_tools a \
                   WHERE trim(a.tool) <> '*' AND lower(trim(a.tool)) NOT IN \
                     (SELECT lower(family) FROM ref_remote_access_tools) \
                   ORDER BY a._line";
        let fail = |e: datafusion::error::DataFusionError| RulesError::Query {
            rule: "allowed_tools check".to_string(),
            origin: "builtin:engine".to_string(),
            message: e.to_string(),
        };
        let batches = self
            .ctx
            .sql(sql)
            .await
            .map_err(fail)?
            .collect()
            .await
            .map_err(fail)?;
        let mut warnings = Vec::new();
        for batch in &batches {
            let text = |i: usize| -> Result<StringArray, RulesError> {
                let utf8 = cast(batch.column(i), &DataType::Utf8).map_err(|e| fail(e.into()))?;
                Ok(utf8.as_string::<i32>().clone())
            };
            let (at, tool, known) = (text(0)?, text(1)?, text(2)?);
            for row in 0..batch.num_rows() {
                warnings.push(format!(
                    "{}: tool `{}` is not a remote-access family redflag knows, so it allows \
                     nothing (known: {}; or `*` for all)",
                    at.value(row),
                    tool.value(row),
                    known.value(row)
                ));
            }
        }
        Ok(warnings)
    }

    async fn plan(&self, rule: &Rule) -> Result<(), RulesError> {
        let df = self
            .ctx
            .sql(&rule.sql)
            .await
            .map_err(|e| RulesError::query(rule, e))?;
        let schema = df.schema();
        for required in ["person_id", "detail"] {
            if schema.field_with_unqualified_name(required).is_err() {
                return Err(RulesError::Output {
                    rule: rule.id.clone(),
                    origin: rule.origin.clone(),
                    message: format!("the query must return a `{required}` column"),
                });
            }
        }
        Ok(())
    }

    /// A session over the same tables, UDFs and settings whose plans use `partitions`
    /// partitions.
    fn session_with_partitions(&self, partitions: usize) -> SessionContext {
        let state = self.ctx.state();
        let mut config = state.config().clone();
        let options = config.options_mut();
        options.execution.target_partitions = partitions;
        // The catalog is the engine's own, shared: a fresh default one would hide its tables.
        options.catalog.create_default_catalog_and_schema = false;
        SessionContext::new_with_state(
            SessionStateBuilder::new_from_existing(state)
                .with_config(config)
                .build(),
        )
    }

    /// Runs every rule of `phase`, a few at a time, and returns their detections, in rule
    /// order.
    pub async fn run_phase(&self, phase: u8) -> Result<Vec<Detection>, RulesError> {
        Ok(self.run_phase_timed(phase).await?.0)
    }

    /// [`run_phase`](Self::run_phase), also returning each rule's wall time (`rule:<ID>`), in
    /// rule order.
    ///
    /// As many rules run at once as the session has partitions (cores), each on one
    /// partition: splitting every rule's plan over the cores as well costs a hash
    /// repartition of its rows at each grouping and join, which the rules running side by
    /// side do not need (on 10 million sign-ins, 5–10 s less CPU over the phase, the same
    /// peak). More rules at once would only add up their hash tables in memory (all seven
    /// network rules at once peaked about a gigabyte higher). A phase with fewer rules than
    /// cores spreads each rule over the cores instead. Rules over the sign-in tables start
    /// first. A rule's time counts from when it starts.
    pub async fn run_phase_timed(
        &self,
        phase: u8,
    ) -> Result<(Vec<Detection>, Vec<StageTime>), RulesError> {
        let at_once = self.ctx.copied_config().target_partitions().max(1);
        let permits = Arc::new(tokio::sync::Semaphore::new(at_once));
        let mut tasks = tokio::task::JoinSet::new();
        let in_phase = self.rules.iter().filter(|r| r.phase == phase).count();
        let rule_ctx = self.session_with_partitions(if in_phase >= at_once { 1 } else { at_once });
        // The longest first, so that the phase does not end with one core on a long rule:
        // rules over the sign-in tables (by far the largest) start before the others.
        let mut order: Vec<(usize, &Rule)> = self
            .rules
            .iter()
            .enumerate()
            .filter(|(_, r)| r.phase == phase)
            .collect();
        order.sort_by_key(|(_, r)| !r.sql.contains("signins"));
        for (index, rule) in order {
            let ctx = rule_ctx.clone();
            let rule = rule.clone();
            let permits = Arc::clone(&permits);
            tasks.spawn(async move {
                // Never closed, so acquiring only waits.
                let _permit = permits.acquire_owned().await;
                let start = Instant::now();
                let batches = ctx
                    .sql(&rule.sql)
                    .await
                    .map_err(|e| RulesError::query(&rule, e))?
                    .collect()
                    .await
                    .map_err(|e| RulesError::query(&rule, e))?;
                let detections = to_detections(&rule, &batches)?;
                let time = StageTime::since(format!("rule:{}", rule.id), start);
                Ok::<_, RulesError>((index, detections, time))
            });
        }
        let mut results = Vec::new();
        while let Some(joined) = tasks.join_next().await {
            let result = joined.map_err(|e| RulesError::Runtime(e.to_string()))?;
            results.push(result?);
        }
        results.sort_by_key(|(index, _, _)| *index);
        let mut detections = Vec::new();
        let mut timings = Vec::with_capacity(results.len());
        for (_, found, time) in results {
            detections.extend(found);
            timings.push(time);
        }
        Ok((detections, timings))
    }
}

/// `10_contact_keys.sql` → `contact_keys`.
fn derived_table_name(file: &str) -> &str {
    let stem = file.strip_suffix(".sql").unwrap_or(file);
    stem.split_once('_').map_or(stem, |(_, rest)| rest)
}

/// Reads a rule's result rows into detections.
fn to_detections(rule: &Rule, batches: &[RecordBatch]) -> Result<Vec<Detection>, RulesError> {
    let mut out = Vec::new();
    for batch in batches {
        let text = |name: &str| -> Result<Option<StringArray>, RulesError> {
            match batch.column_by_name(name) {
                None => Ok(None),
                Some(col) => cast(col, &DataType::Utf8)
                    .map(|a| Some(a.as_string::<i32>().clone()))
                    .map_err(|e| output_error(rule, name, e)),
            }
        };
        let list = |name: &str| -> Result<Option<ListArray>, RulesError> {
            match batch.column_by_name(name) {
                Some(col)
                    if matches!(col.data_type(), DataType::List(_) | DataType::LargeList(_)) =>
                {
                    let target = DataType::List(Arc::new(Field::new("item", DataType::Utf8, true)));
                    cast(col, &target)
                        .map(|a| Some(a.as_list::<i32>().clone()))
                        .map_err(|e| output_error(rule, name, e))
                }
                _ => Ok(None),
            }
        };
        let person = text("person_id")?.ok_or_else(|| missing(rule, "person_id"))?;
        let detail = text("detail")?.ok_or_else(|| missing(rule, "detail"))?;
        let (refs_list, refs_text) = (list("refs")?, text_unless_list(batch, rule, "refs")?);
        let (related_list, related_text) =
            (list("related")?, text_unless_list(batch, rule, "related")?);
        let weight = match batch.column_by_name("weight") {
            None => None,
            Some(col) => Some(
                cast(col, &DataType::Float64)
                    .map(|a| {
                        a.as_primitive::<datafusion::arrow::datatypes::Float64Type>()
                            .clone()
                    })
                    .map_err(|e| output_error(rule, "weight", e))?,
            ),
        };
        for row in 0..batch.num_rows() {
            if person.is_null(row) {
                continue;
            }
            let person_id = person.value(row).to_string();
            let refs = strings_at(refs_list.as_ref(), refs_text.as_ref(), row);
            let related = strings_at(related_list.as_ref(), related_text.as_ref(), row);
            let detail_text = if detail.is_null(row) {
                rule.title.clone()
            } else {
                detail.value(row).to_string()
            };
            let row_weight = weight
                .as_ref()
                .filter(|w| !w.is_null(row))
                .map(|w| w.value(row));
            out.push(Detection {
                evidence: rule.evidence(&person_id, detail_text, refs, related, row_weight),
                person_id,
            });
        }
    }
    Ok(out)
}

/// A `;`-separated text column, when the column is not a list.
fn text_unless_list(
    batch: &RecordBatch,
    rule: &Rule,
    name: &str,
) -> Result<Option<StringArray>, RulesError> {
    match batch.column_by_name(name) {
        Some(col) if !matches!(col.data_type(), DataType::List(_) | DataType::LargeList(_)) => {
            cast(col, &DataType::Utf8)
                .map(|a| Some(a.as_string::<i32>().clone()))
                .map_err(|e| output_error(rule, name, e))
        }
        _ => Ok(None),
    }
}

fn strings_at(list: Option<&ListArray>, text: Option<&StringArray>, row: usize) -> Vec<String> {
    if let Some(list) = list {
        if list.is_null(row) {
            return Vec::new();
        }
        let values = list.value(row);
        let values = values.as_string::<i32>();
        return values.iter().flatten().map(str::to_string).collect();
    }
    if let Some(text) = text {
        if !text.is_null(row) {
            return text
                .value(row)
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
        }
    }
    Vec::new()
}

fn missing(rule: &Rule, column: &str) -> RulesError {
    RulesError::Output {
        rule: rule.id.clone(),
        origin: rule.origin.clone(),
        message: format!("the query must return a `{column}` column"),
    }
}

fn output_error(rule: &Rule, column: &str, e: impl std::fmt::Display) -> RulesError {
    RulesError::Output {
        rule: rule.id.clone(),
        origin: rule.origin.clone(),
        message: format!("column `{column}` has an unusable type: {e}"),
    }
}

/// Hands memory the engines freed back to the operating system, so that the rules' hash
/// tables do not stack on top of it (glibc keeps freed memory in its heaps otherwise).
fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns unused heap pages; it touches no live allocation.
    unsafe {
        libc::malloc_trim(0);
    }
}
