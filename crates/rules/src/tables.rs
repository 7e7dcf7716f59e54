//! Puts the dataset, the reference catalogue and the engines' UDFs into a DataFusion
//! session, so that rules can be plain SQL.
//!
//! Reference tables (all text columns):
//! - `ref_front_domains(domain, action, action_date, linked_entity, source_url)`
//! - `ref_remote_access_tools(family, process_name, reported_by, source_url)`
//! - `ref_usb_identities(device, vendor_id, product_id, manufacturer, product, kind, source_url)`
//! - `ref_network_iocs(ip, source, published, what)`: addresses published as DPRK IT-worker
//!   infrastructure

use crate::RulesError;
use datafusion::arrow::array::{ArrayRef, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::catalog::MemTable;
use datafusion::execution::context::SessionContext;
use datafusion::prelude::SessionConfig;
use redflag_ingest::Dataset;
use std::collections::HashMap;
use std::sync::Arc;

/// A session configured for rules: UTC, SQL strings as Utf8, all cores.
pub fn new_session() -> SessionContext {
    let mut config = SessionConfig::new().with_information_schema(false);
    let options = config.options_mut();
    options.execution.time_zone = Some("UTC".into());
    // Aggregate straight away, without a first per-partition pass, when the first rows show
    // more than one group per ten rows: grouping 10 million sign-ins by session held every
    // session twice (about 140 MB more) for no gain.
    options
        .execution
        .skip_partial_aggregation_probe_ratio_threshold = 0.1;
    options.sql_parser.map_string_types_to_utf8view = false;
    options.execution.parquet.schema_force_view_types = false;
    SessionContext::new_with_config(config)
}

/// Registers every table of `dataset`, the reference tables and the UDFs.
pub fn register_all(ctx: &SessionContext, dataset: &Dataset) -> Result<(), RulesError> {
    let partitions = ctx.copied_config().target_partitions().max(1);
    let mut files = HashMap::new();
    for table in &dataset.tables {
        register_batches(
            ctx,
            &table.name,
            table.schema.clone(),
            table.batches.clone(),
            partitions,
        )?;
        if !table.files.is_empty() {
            files.insert(table.name.clone(), table.files.clone());
        } else if table.name == "resumes" || table.name == "photos" {
            files.insert(table.name.clone(), vec![table.name.clone()]);
        }
    }
    register_reference(ctx)?;
    for udf in crate::udf::all(files) {
        ctx.register_udf(udf);
    }
    Ok(())
}

/// Registers `batches` as table `name`, spread round-robin over `partitions` partitions.
pub fn register_batches(
    ctx: &SessionContext,
    name: &str,
    schema: SchemaRef,
    batches: Vec<RecordBatch>,
    partitions: usize,
) -> Result<(), RulesError> {
    let mut parts: Vec<Vec<RecordBatch>> = vec![Vec::new(); partitions.min(batches.len()).max(1)];
    let n = parts.len();
    for (i, batch) in batches.into_iter().enumerate() {
        parts[i % n].push(batch);
    }
    let table = MemTable::try_new(schema, parts).map_err(|e| RulesError::Table {
        table: name.to_string(),
        message: e.to_string(),
    })?;
    ctx.deregister_table(name).map_err(|e| RulesError::Table {
        table: name.to_string(),
        message: e.to_string(),
    })?;
    ctx.register_table(name, Arc::new(table))
        .map_err(|e| RulesError::Table {
            table: name.to_string(),
            message: e.to_string(),
        })?;
    Ok(())
}

/// A table of text columns built from rows of strings.
fn text_table(columns: &[&str], rows: Vec<Vec<String>>) -> (SchemaRef, RecordBatch) {
    let schema: SchemaRef = Arc::new(Schema::new(
        columns
            .iter()
            .map(|c| Field::new(*c, DataType::Utf8, true))
            .collect::<Vec<_>>(),
    ));
    let arrays: Vec<ArrayRef> = (0..columns.len())
        .map(|i| {
            Arc::new(StringArray::from(
                rows.iter().map(|r| r[i].as_str()).collect::<Vec<_>>(),
            )) as ArrayRef
        })
        .collect();
    let batch = RecordBatch::try_new(schema.clone(), arrays)
        .expect("reference rows always have one value per column");
    (schema, batch)
}

fn register_reference(ctx: &SessionContext) -> Result<(), RulesError> {
    let domains = redflag_reference::front_domains()
        .iter()
        .map(|d| {
            vec![
                d.domain.to_lowercase(),
                d.action.clone(),
                d.action_date.clone(),
                d.linked_entity.clone(),
                d.source_url.clone(),
            ]
        })
        .collect();
    let tools = redflag_reference::remote_access_tools()
        .iter()
        .flat_map(|t| {
            t.process_names.iter().map(move |p| {
                vec![
                    t.family.clone(),
                    p.to_lowercase(),
                    t.reported_by.clone(),
                    t.source_url.clone(),
                ]
            })
        })
        .collect();
    let usb = redflag_reference::usb_identities()
        .iter()
        .map(|u| {
            vec![
                u.device.clone(),
                u.vendor_id.to_lowercase(),
                u.product_id.to_lowercase(),
                u.manufacturer.clone(),
                u.product.clone(),
                u.kind.clone(),
                u.source_url.clone(),
            ]
        })
        .collect();
    let iocs = redflag_reference::network_iocs()
        .iter()
        .map(|n| {
            // Written the way the IdentifierKind::Ip key writes addresses, so a join on the
            // canonical text of a sign-in's IP finds it.
            let ip =
                n.ip.parse::<std::net::IpAddr>()
                    .map_or_else(|_| n.ip.clone(), |ip| ip.to_string());
            vec![ip, n.source.clone(), n.published.clone(), n.what.clone()]
        })
        .collect();
    let tables = [
        (
            "ref_network_iocs",
            text_table(&["ip", "source", "published", "what"], iocs),
        ),
        (
            "ref_front_domains",
            text_table(
                &[
                    "domain",
                    "action",
                    "action_date",
                    "linked_entity",
                    "source_url",
                ],
                domains,
            ),
        ),
        (
            "ref_remote_access_tools",
            text_table(
                &["family", "process_name", "reported_by", "source_url"],
                tools,
            ),
        ),
        (
            "ref_usb_identities",
            text_table(
                &[
                    "device",
                    "vendor_id",
                    "product_id",
                    "manufacturer",
                    "product",
                    "kind",
                    "source_url",
                ],
                usb,
            ),
        ),
    ];
    for (name, (schema, batch)) in tables {
        register_batches(ctx, name, schema, vec![batch], 1)?;
    }
    Ok(())
}
