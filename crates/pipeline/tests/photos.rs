//! Reused photos end to end: the same picture, resized and recompressed, behind two people
//! with different names is evidence for both; a different picture is not; a photo that does
//! not decode is a warning naming its file, not a failed run.

mod common;

use image::imageops::FilterType;
use redflag_photos::synthetic::portrait;
use redflag_pipeline::{screen, ScreenOptions};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reused_photo_links_two_names_and_a_broken_one_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let photos = dir.path().join("photos");
    std::fs::create_dir(&photos).unwrap();
    std::fs::write(
        dir.path().join("people.csv"),
        "person_id,full_name\nP1,Tyler Grant\nP2,Jason Reed\nP3,Lisa Park\nP4,Omar Haddad\n",
    )
    .unwrap();
    let original = portrait(1);
    original.save(photos.join("P1.png")).unwrap();
    // The same picture, smaller and recompressed as JPEG.
    original
        .resize_exact(200, 250, FilterType::Triangle)
        .to_rgb8()
        .save(photos.join("P2.jpg"))
        .unwrap();
    portrait(2).save(photos.join("P3.png")).unwrap();
    std::fs::write(photos.join("P4.jpg"), b"\xFF\xD8\xFF\xE0 not really a jpeg").unwrap();

    let report = screen(dir.path(), &ScreenOptions::default()).await.unwrap();
    let reused = |id: &str| common::evidence_of(&report, id, "APP_PHOTO_REUSED");
    let p1 = reused("P1").expect("P1's photo is P2's");
    assert_eq!(p1.related, vec!["P2".to_string()]);
    assert!(
        p1.refs.contains(&"photos/P1.png:1".to_string()),
        "{:?}",
        p1.refs
    );
    assert!(
        p1.refs.contains(&"photos/P2.jpg:1".to_string()),
        "{:?}",
        p1.refs
    );
    assert!(reused("P2").is_some());
    assert!(reused("P3").is_none(), "a different picture");
    assert!(reused("P4").is_none());
    let warning = report
        .summary
        .warnings
        .iter()
        .find(|w| w.starts_with("photos/P4.jpg: photo not compared"))
        .unwrap_or_else(|| panic!("no warning for P4: {:?}", report.summary.warnings));
    assert!(
        !warning.contains(&dir.path().display().to_string()),
        "no absolute path: {warning}"
    );
}
