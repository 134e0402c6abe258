//! One line of a generated test set's `labels.jsonl` (scripts/photocheck-gen-testset.py),
//! read the same way by the tests, the examples and the benches (they include this file
//! with `#[path]`).
#![allow(dead_code)]

use keydesk_photocheck::{Expected, MemoDate, PhotoKind};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Deserialize)]
pub struct Label {
    pub file: String,
    pub variant: String,
    pub kind: String,
    pub name: String,
    pub request: Option<String>,
    pub date: Option<String>,
    /// The status each check should give (`fail`, `warn`); a check not named should pass.
    #[serde(default)]
    pub expect: BTreeMap<String, String>,
    /// `tune` (styles the checks may be tuned on) or `heldout` (only scored on); a set
    /// made before styles existed is all `tune`.
    #[serde(default = "tune")]
    pub split: String,
    /// The style drawn on each axis (face, memo font, layout, camera, …).
    #[serde(default)]
    pub style: BTreeMap<String, serde_json::Value>,
}

fn tune() -> String {
    "tune".to_owned()
}

impl Label {
    /// What the photo should show; `None` for a kind this version does not know.
    pub fn expected(&self) -> Option<Expected> {
        let kind = PhotoKind::from_input(&self.kind)?;
        let mut expected = Expected::new(kind);
        if kind == PhotoKind::IdSelfie {
            expected.name = Some(self.name.clone());
            expected.request_text = self.request.clone();
            expected.dates = self
                .date
                .as_deref()
                .and_then(MemoDate::parse)
                .into_iter()
                .collect();
        }
        Some(expected)
    }
}

/// The labels of the set in `dir`, in file order; a line that does not parse is an error.
pub fn read_labels(dir: &Path) -> Result<Vec<Label>, String> {
    let file = dir.join("labels.jsonl");
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).map_err(|e| format!("{}: bad label: {e}", file.display())))
        .collect()
}

/// What the first photo of the set holding `image` should show (an ID selfie with no
/// memo to match when the set has no labels): for timing one photo of a set.
pub fn first_label_expected(image: &Path) -> Expected {
    let dir = image.parent().unwrap_or(Path::new("."));
    read_labels(dir)
        .ok()
        .and_then(|labels| labels.first().and_then(Label::expected))
        .unwrap_or_else(|| Expected::new(PhotoKind::IdSelfie))
}
