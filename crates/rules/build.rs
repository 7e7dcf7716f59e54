//! Embeds every `rules/*.sql` file, so adding a rule is adding one file.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let mut code = String::new();
    embed("rules", "BUILTIN_RULES", "Built-in rule files", &mut code);
    embed(
        "derived",
        "DERIVED_TABLES",
        "Derived tables built before the rules",
        &mut code,
    );
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("builtin_rules.rs");
    std::fs::write(out, code).unwrap();
}

fn embed(folder: &str, constant: &str, doc: &str, code: &mut String) {
    // Read at run time: a build script compiled from another checkout of the workspace
    // (CI builds into the same target directory) must still embed this checkout's rules.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest_dir).join(folder);
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("the rule folders exist")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".sql"))
        .collect();
    names.sort();
    writeln!(
        code,
        "/// {doc}: (file name, text).\npub static {constant}: &[(&str, &str)] = &["
    )
    .unwrap();
    for name in &names {
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    code.push_str("];\n");
}
