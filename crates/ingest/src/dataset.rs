//! Loads a whole dataset directory: finds the table files, loads `people` first (everything
//! refers to it), then `contacts` (it resolves accounts and devices), then the rest in
//! parallel; lists files it does not recognise.

use crate::builder::AnyPerson;
use crate::error::{LoadError, RowError};
use crate::native::NativeFormat;
use crate::resolve::Resolver;
use crate::schema::{arrow_schema, table_spec, TableSpec, PHOTOS_TABLE, RESUMES_TABLE, TABLES};
use crate::source::{classify_file_name, load_file, Format, RowContext};
use crate::LoadedTable;
use datafusion::arrow::array::{ArrayRef, Int64Array, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::arrow::record_batch::RecordBatch;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How to load.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Skip and count unreadable rows instead of stopping at the first one.
    pub lenient: bool,
    /// Vendor exports outside the dataset directory (Okta, Entra, osquery), recognised by
    /// their content like the ones inside it.
    pub native_files: Vec<PathBuf>,
}

/// A loaded dataset: one table per contract table (empty when the file is absent), plus
/// `resumes` and `photos`.
#[derive(Debug)]
pub struct Dataset {
    /// The directory it came from.
    pub dir: PathBuf,
    /// Every table, in contract order, then `resumes` and `photos`.
    pub tables: Vec<LoadedTable>,
    /// Files that are not part of the contract, relative to `dir`; left alone.
    pub unrecognised: Vec<String>,
}

impl Dataset {
    /// The table called `name`.
    pub fn table(&self, name: &str) -> Option<&LoadedTable> {
        self.tables.iter().find(|t| t.name == name)
    }

    /// Every warning from every table (rows skipped under `--lenient`).
    pub fn warnings(&self) -> Vec<String> {
        self.tables
            .iter()
            .flat_map(|t| t.warnings.iter().cloned())
            .collect()
    }
}

struct TableFile {
    spec: &'static TableSpec,
    path: PathBuf,
    file: String,
    format: Format,
    gzip: bool,
}

/// Loads the dataset in `dir`.
pub fn load_dataset(dir: &Path, options: LoadOptions) -> Result<Dataset, LoadError> {
    if !dir.is_dir() {
        return Err(LoadError::NotADirectory(dir.to_path_buf()));
    }
    let (files, side_dirs, unrecognised, mut natives) = scan(dir)?;
    for path in &options.native_files {
        let format =
            crate::native::detect(path)?.ok_or_else(|| LoadError::NotNative(path.to_path_buf()))?;
        natives.push(NativeFile {
            path: path.to_path_buf(),
            file: path.display().to_string(),
            format,
        });
    }
    let people_file = files
        .get("people")
        .ok_or_else(|| LoadError::MissingPeople(dir.to_path_buf()))?;
    let load = |tf: &TableFile, ctx: &RowContext<'_>| {
        load_file(&tf.path, &tf.file, tf.format, tf.gzip, tf.spec, ctx)
    };

    let people = load(
        people_file,
        &RowContext {
            people: &AnyPerson,
            resolver: None,
            lenient: options.lenient,
        },
    )?;
    let ids = person_ids(&people);
    let strict_ctx = RowContext {
        people: &ids,
        resolver: None,
        lenient: options.lenient,
    };
    let contacts = match files.get("contacts") {
        Some(tf) => load(tf, &strict_ctx)?,
        None => LoadedTable::empty(table_spec("contacts").expect("contacts is in the contract")),
    };
    let resolver = Resolver::from_contacts(&contacts.batches);
    let ctx = RowContext {
        people: &ids,
        resolver: Some(&resolver),
        lenient: options.lenient,
    };

    let rest: Vec<&TableFile> = TABLES
        .iter()
        .filter(|t| t.name != "people" && t.name != "contacts")
        .filter_map(|t| files.get(t.name))
        .collect();
    // Every other table, native file and text folder on a thread of its own: a hundred
    // thousand résumé files read while the CSV tables parse, not after them.
    let (loaded, native_loaded, folders) = std::thread::scope(|scope| {
        let folder_handles: Vec<_> = [RESUMES_TABLE, PHOTOS_TABLE]
            .into_iter()
            .map(|name| {
                let (side_dirs, ids, options) = (&side_dirs, &ids, &options);
                scope.spawn(move || load_text_folder(dir, side_dirs, name, ids, options))
            })
            .collect();
        let handles: Vec<_> = rest
            .iter()
            .map(|tf| scope.spawn(|| load(tf, &ctx)))
            .collect();
        let native_handles: Vec<_> = natives
            .iter()
            .map(|nf| {
                scope.spawn(|| crate::native::load_native(&nf.path, &nf.file, nf.format, &ctx))
            })
            .collect();
        let join = |h: std::thread::ScopedJoinHandle<'_, Result<LoadedTable, LoadError>>| {
            h.join().expect("table loader threads do not panic")
        };
        (
            handles.into_iter().map(join).collect::<Vec<_>>(),
            native_handles.into_iter().map(join).collect::<Vec<_>>(),
            folder_handles.into_iter().map(join).collect::<Vec<_>>(),
        )
    });
    let mut by_name: BTreeMap<String, LoadedTable> = BTreeMap::new();
    for table in loaded {
        let table = table?;
        by_name.insert(table.name.clone(), table);
    }
    for table in native_loaded {
        let table = table?;
        let merged = match by_name.remove(&table.name) {
            Some(first) => crate::merge::merge_tables(first, table),
            None => table,
        };
        by_name.insert(merged.name.clone(), merged);
    }
    by_name.insert("people".into(), people);
    by_name.insert("contacts".into(), contacts);

    let mut tables: Vec<LoadedTable> = TABLES
        .iter()
        .map(|spec| {
            by_name
                .remove(spec.name)
                .unwrap_or_else(|| LoadedTable::empty(spec))
        })
        .collect();
    for folder in folders {
        tables.push(folder?);
    }
    Ok(Dataset {
        dir: dir.to_path_buf(),
        tables,
        unrecognised,
    })
}

type Scan = (
    BTreeMap<&'static str, TableFile>,
    HashSet<String>,
    Vec<String>,
    Vec<NativeFile>,
);

/// A vendor export to read into its contract table.
struct NativeFile {
    path: PathBuf,
    file: String,
    format: NativeFormat,
}

/// Sorts the directory's entries into table files, side folders and unrecognised files.
fn scan(dir: &Path) -> Result<Scan, LoadError> {
    let io = |source| LoadError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut names: Vec<(String, bool)> = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let is_dir = entry.file_type().map_err(io)?.is_dir();
        names.push((entry.file_name().to_string_lossy().into_owned(), is_dir));
    }
    names.sort();
    let mut files: BTreeMap<&'static str, TableFile> = BTreeMap::new();
    let mut side_dirs = HashSet::new();
    let mut unrecognised = Vec::new();
    let mut natives = Vec::new();
    for (name, is_dir) in names {
        if is_dir {
            if name == RESUMES_TABLE || name == PHOTOS_TABLE {
                side_dirs.insert(name);
            } else {
                unrecognised.push(format!("{name}/"));
            }
            continue;
        }
        let Some((spec, format, gzip)) = classify_file_name(&name)
            .and_then(|(stem, format, gz)| table_spec(stem).map(|spec| (spec, format, gz)))
        else {
            // Not a table by name: a vendor export is recognised by its content. A file that
            // cannot even be read is listed like any other unrecognised file.
            match crate::native::detect(&dir.join(&name)) {
                Ok(Some(format)) => natives.push(NativeFile {
                    path: dir.join(&name),
                    file: name,
                    format,
                }),
                _ => unrecognised.push(name),
            }
            continue;
        };
        if let Some(first) = files.get(spec.name) {
            return Err(LoadError::DuplicateTable {
                table: spec.name.to_string(),
                first: first.file.clone(),
                second: name,
            });
        }
        files.insert(
            spec.name,
            TableFile {
                spec,
                path: dir.join(&name),
                file: name,
                format,
                gzip,
            },
        );
    }
    Ok((files, side_dirs, unrecognised, natives))
}

/// The people's ids, hashed with foldhash: every sign-in row looks its person up here.
type PersonIds = HashSet<String, foldhash::fast::RandomState>;

fn person_ids(people: &LoadedTable) -> PersonIds {
    let mut ids = PersonIds::with_capacity_and_hasher(people.rows as usize, Default::default());
    for batch in &people.batches {
        if let Some(col) = batch
            .column_by_name("person_id")
            .and_then(|c| c.as_any().downcast_ref::<StringArray>())
        {
            ids.extend(col.iter().flatten().map(str::to_string));
        }
    }
    ids
}

/// Schema of the `resumes` and `photos` tables.
pub fn folder_schema(table: &str) -> Arc<Schema> {
    let content = if table == RESUMES_TABLE {
        "text"
    } else {
        "path"
    };
    Arc::new(Schema::new(vec![
        Field::new("person_id", DataType::Utf8, false),
        Field::new(content, DataType::Utf8, false),
        Field::new("file", DataType::Utf8, false),
        Field::new(crate::schema::LINE_COLUMN, DataType::Int64, false),
    ]))
}

/// Loads `resumes/<person_id>.txt|.md` (text) or `photos/<person_id>.jpg|.png` (paths).
fn load_text_folder(
    dir: &Path,
    side_dirs: &HashSet<String>,
    table: &str,
    ids: &PersonIds,
    options: &LoadOptions,
) -> Result<LoadedTable, LoadError> {
    let schema = folder_schema(table);
    let mut result = LoadedTable {
        name: table.to_string(),
        file: None,
        files: Vec::new(),
        schema: schema.clone(),
        batches: Vec::new(),
        rows: 0,
        skipped: 0,
        warnings: Vec::new(),
    };
    if !side_dirs.contains(table) {
        return Ok(result);
    }
    let folder = dir.join(table);
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| LoadError::Io { path, source }
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map_err(io(&folder))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(io(&folder))?;
    entries.sort();
    let allowed: &[&str] = if table == RESUMES_TABLE {
        &["txt", "md"]
    } else {
        &["jpg", "jpeg", "png"]
    };
    let (mut people, mut contents, mut files) = (Vec::new(), Vec::new(), Vec::new());
    for path in entries {
        let file = format!(
            "{table}/{}",
            path.file_name().unwrap_or_default().to_string_lossy()
        );
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let Some(stem) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
            continue;
        };
        if !allowed.contains(&ext.as_str()) {
            result.warnings.push(format!(
                "{file}: not a {} file; left alone",
                allowed.join("/")
            ));
            continue;
        }
        if !ids.contains(&stem) {
            let error = RowError {
                file: file.clone(),
                line: 1,
                column: Some("person_id".into()),
                message: format!("file name names unknown person_id {stem:?}"),
            };
            if !options.lenient {
                return Err(LoadError::Row(error));
            }
            result.skipped += 1;
            result.warnings.push(format!("skipped {error}"));
            continue;
        }
        let content = if table == RESUMES_TABLE {
            let bytes = std::fs::read(&path).map_err(io(&path))?;
            match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(_) => {
                    let error = RowError {
                        file: file.clone(),
                        line: 1,
                        column: None,
                        message: "not valid UTF-8".into(),
                    };
                    if !options.lenient {
                        return Err(LoadError::Row(error));
                    }
                    result.skipped += 1;
                    result.warnings.push(format!("skipped {error}"));
                    continue;
                }
            }
        } else {
            path.to_string_lossy().into_owned()
        };
        people.push(stem);
        contents.push(content);
        files.push(file);
    }
    result.rows = people.len() as u64;
    if !people.is_empty() {
        let lines: ArrayRef = Arc::new(Int64Array::from(vec![1i64; people.len()]));
        let batch = RecordBatch::try_new(
            schema,
            vec![
                Arc::new(StringArray::from(people)),
                Arc::new(StringArray::from(contents)),
                Arc::new(StringArray::from(files)),
                lines,
            ],
        )
        .expect("folder tables always match their schema");
        result.batches.push(batch);
    }
    Ok(result)
}

impl LoadedTable {
    /// An empty table with the contract's schema, for a file that is absent.
    pub fn empty(spec: &TableSpec) -> LoadedTable {
        LoadedTable {
            name: spec.name.to_string(),
            file: None,
            files: Vec::new(),
            schema: arrow_schema(spec, &[]),
            batches: Vec::new(),
            rows: 0,
            skipped: 0,
            warnings: Vec::new(),
        }
    }
}
