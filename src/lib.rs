//! claimdesk: a desktop fact-checking workbench.
//!
//! The library holds all logic; `src/main.rs` only parses the command line.
//! Everything outside [`app`] and [`ui`] is the pure core: it never touches
//! egui, so the CLI, tests and benchmarks drive the same code the window does.
//!
//! - [`model`]: project, article, statements, tags, ids.
//! - [`segment`]: splitting article text into statements.
//! - [`import`]: article files and pasted text to a new project.
//! - [`project_file`]: the `.claims.ron` format; [`atomic`]: safe saving;
//!   [`files`]: reading only regular files, within a size limit.
//! - [`edit`] and [`workspace`]: the one edit path, undo/redo, dirty flag.
//! - [`autosave`], [`recovery`] and [`lock`]: never losing work: recovery
//!   files written in the background, the restore offer after a crash, and
//!   the warning when a project is open twice. [`drive`]: a headless mode
//!   that applies scripted edits, for the kill test.
//! - [`export`]: annotated reports (HTML, Markdown, CSV, JSON, ClaimReview,
//!   Web Annotation).
//! - [`update`]: following the story: moving a project onto a new version
//!   of its article, keeping every annotation.
//! - [`suggest`]: rule-based tag suggestions with visible reasons.
//! - [`cli`]: the headless subcommands.
//! - [`app`] and [`ui`]: the window.

pub mod agree;
pub mod app;
pub mod atomic;
pub mod autosave;
pub mod cli;
pub mod drive;
pub mod edit;
pub mod export;
pub mod files;

pub mod import;
pub mod lock;
pub mod model;
pub mod project_file;
pub mod recovery;

pub mod segment;
pub mod suggest;
pub mod testing;
pub mod update;

pub mod ui;
pub mod workspace;

/// The bundled sample article, shown on first start.
pub const SAMPLE_ARTICLE: &str = include_str!("../assets/sample-article.txt");

/// The file name the sample article is presented under.
pub const SAMPLE_ARTICLE_NAME: &str = "sample-article.txt";
