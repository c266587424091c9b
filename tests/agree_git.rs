//! The merge driver with real git, in temporary repositories, and the
//! reviewer-desk subcommands end to end through the built binary.
// Test helpers outside #[test] functions may unwrap too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use claimdesk::agree::ItemKind;
use claimdesk::edit::Edit;
use claimdesk::model::{Project, Tag};
use claimdesk::project_file;
use claimdesk::workspace::Workspace;

const BIN: &str = env!("CARGO_BIN_EXE_claimdesk");
const FILE: &str = "story.claims.ron";

struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn git(&self, args: &[&str]) -> Output {
        Command::new("git")
            .args(args)
            .current_dir(self.path())
            .env("GIT_EDITOR", "true")
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.git(args);
        assert!(
            out.status.success(),
            "git {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A repository with git-setup run and a 40-statement project
    /// committed on `main`.
    fn new() -> Self {
        let repo = Repo {
            dir: tempfile::tempdir().unwrap(),
        };
        repo.ok(&["init", "-q", "-b", "main"]);
        repo.ok(&["config", "user.name", "Test Desk"]);
        repo.ok(&["config", "user.email", "desk@example.org"]);
        repo.ok(&["config", "commit.gpgsign", "false"]);
        let setup = Command::new(BIN)
            .args(["git-setup", "--program", BIN])
            .current_dir(repo.path())
            .output()
            .unwrap();
        assert!(
            setup.status.success(),
            "{}",
            String::from_utf8_lossy(&setup.stderr)
        );
        let printed = String::from_utf8_lossy(&setup.stdout);
        assert!(printed.contains("merge.claimdesk.driver"), "{printed}");
        let article = repo.path().join("story.txt");
        std::fs::write(&article, claimdesk::testing::article(40, 11)).unwrap();
        let new = Command::new(BIN)
            .args(["new", "story.txt", "-o", FILE, "--reviewer", "Ann"])
            .current_dir(repo.path())
            .output()
            .unwrap();
        assert!(
            new.status.success(),
            "{}",
            String::from_utf8_lossy(&new.stderr)
        );
        repo.ok(&["add", "-A"]);
        repo.ok(&["commit", "-q", "-m", "start"]);
        repo
    }

    fn file(&self) -> PathBuf {
        self.path().join(FILE)
    }

    fn load(&self) -> Project {
        project_file::load(&self.file()).unwrap()
    }

    /// Changes the project with `f` on `branch` (created from `from`) and
    /// commits.
    fn change_on(&self, branch: &str, from: &str, f: impl FnOnce(&mut Workspace)) {
        self.ok(&["checkout", "-q", "-B", branch, from]);
        let (mut ws, _) = Workspace::open(&self.file()).unwrap();
        f(&mut ws);
        project_file::save(ws.project(), &self.file()).unwrap();
        self.ok(&["commit", "-q", "-am", branch]);
    }
}

fn tag(ws: &mut Workspace, n: usize, tag: Tag) {
    let id = ws.project().statements[n].id;
    ws.apply(Edit::SetTag { id, tag: Some(tag) }).unwrap();
}

#[test]
fn git_setup_is_idempotent() {
    let repo = Repo::new();
    let again = Command::new(BIN)
        .args(["git-setup", "--program", BIN])
        .current_dir(repo.path())
        .output()
        .unwrap();
    assert!(again.status.success());
    let attributes = std::fs::read_to_string(repo.path().join(".gitattributes")).unwrap();
    assert_eq!(
        attributes
            .matches("*.claims.ron merge=claimdesk diff=claimdesk")
            .count(),
        1
    );
    let driver = repo.ok(&["config", "merge.claimdesk.driver"]);
    assert!(
        driver.trim().ends_with("merge-driver %O %A %B %L %P"),
        "{driver}"
    );
    assert!(
        !repo
            .ok(&["config", "diff.claimdesk.textconv"])
            .trim()
            .is_empty()
    );
    // The text conversion makes `git diff` readable.
    let shown = repo.ok(&["show", "--textconv", &format!("HEAD:{FILE}")]);
    assert!(shown.contains("[untagged]"), "{shown}");
}

#[test]
fn different_statements_merge_cleanly() {
    let repo = Repo::new();
    repo.change_on("ann", "main", |ws| tag(ws, 1, Tag::Fact));
    repo.change_on("ben", "main", |ws| tag(ws, 2, Tag::Opinion));
    repo.ok(&["checkout", "-q", "ann"]);
    repo.ok(&["merge", "-q", "--no-edit", "ben"]);
    let p = repo.load();
    assert_eq!(p.statements[1].tag, Some(Tag::Fact));
    assert_eq!(p.statements[2].tag, Some(Tag::Opinion));
    assert!(p.open_items.is_empty());
}

#[test]
fn same_statement_tagged_differently_opens_one_item() {
    let repo = Repo::new();
    repo.change_on("ann", "main", |ws| tag(ws, 3, Tag::Fact));
    repo.change_on("ben", "main", |ws| tag(ws, 3, Tag::Opinion));
    repo.ok(&["checkout", "-q", "ann"]);
    let merge = repo.git(&["merge", "--no-edit", "ben"]);
    assert!(!merge.status.success(), "git must stop for adjudication");
    let text = std::fs::read_to_string(repo.file()).unwrap();
    assert!(
        !text.contains("<<<<<<<") && !text.contains(">>>>>>>"),
        "{text}"
    );
    let p = repo.load();
    assert_eq!(p.open_items.len(), 1);
    let item = &p.open_items[0];
    assert_eq!(item.kind, ItemKind::Tag);
    let values: Vec<&str> = item.choices.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(values, ["fact", "opinion"]);
    assert_eq!(p.statements[3].tag, None, "the ancestor's value is kept");
    // The lead settles it, then git add and commit finish the merge.
    let stats = Command::new(BIN)
        .args(["stats", "--json", FILE])
        .current_dir(repo.path())
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(json["open_items"], 1);
    repo.ok(&["add", FILE]);
    repo.ok(&["commit", "-q", "--no-edit"]);
}

#[test]
fn a_note_on_one_side_survives() {
    let repo = Repo::new();
    repo.change_on("ann", "main", |ws| {
        let id = ws.project().statements[5].id;
        ws.apply(Edit::SetText {
            id,
            field: claimdesk::edit::TextField::Note,
            value: "Ask the council press office.".into(),
        })
        .unwrap();
    });
    repo.change_on("ben", "main", |ws| tag(ws, 5, Tag::Fact));
    repo.ok(&["checkout", "-q", "ben"]);
    repo.ok(&["merge", "-q", "--no-edit", "ann"]);
    let p = repo.load();
    assert_eq!(p.statements[5].note, "Ask the council press office.");
    assert_eq!(p.statements[5].tag, Some(Tag::Fact));
}

#[test]
fn a_split_on_one_side_and_a_tag_on_the_other() {
    let repo = Repo::new();
    let before = repo.load();
    let s = before.statements[4].clone();
    let text = &before.article.text[s.range.clone()];
    let at = s.range.start + text.find(' ').unwrap();
    repo.change_on("ann", "main", |ws| {
        ws.apply(Edit::Split { id: s.id, at }).unwrap();
    });
    repo.change_on("ben", "main", |ws| tag(ws, 4, Tag::Attribution));
    repo.ok(&["checkout", "-q", "ann"]);
    repo.ok(&["merge", "-q", "--no-edit", "ben"]);
    let p = repo.load();
    assert_eq!(p.statements.len(), before.statements.len() + 1);
    assert_eq!(p.statements[4].range, s.range.start..at);
    assert_eq!(p.statements[4].tag, Some(Tag::Attribution));
    assert_eq!(
        p.statements[5].tag,
        Some(Tag::Attribution),
        "the split-off half follows"
    );
    assert!(p.open_items.is_empty());
}

#[test]
fn a_rebase_replays_through_the_driver() {
    let repo = Repo::new();
    repo.change_on("ann", "main", |ws| tag(ws, 6, Tag::Fact));
    repo.change_on("ben", "main", |ws| tag(ws, 7, Tag::Opinion));
    repo.ok(&["rebase", "-q", "ann"]);
    let p = repo.load();
    assert_eq!(p.statements[6].tag, Some(Tag::Fact));
    assert_eq!(p.statements[7].tag, Some(Tag::Opinion));
    let log = repo.ok(&["log", "--format=%s"]);
    assert_eq!(log.lines().collect::<Vec<_>>(), ["ben", "ann", "start"]);
}

/// Git's octopus strategy never runs custom merge drivers (it merges with
/// `git merge-one-file`, i.e. `git merge-file`), so an octopus only works
/// where a line merge does: statements far enough apart. This works because
/// the project file keeps one statement per line; branches that touch
/// neighbouring statements must be merged one at a time.
#[test]
fn a_three_way_octopus() {
    let repo = Repo::new();
    repo.change_on("ann", "main", |ws| tag(ws, 10, Tag::Fact));
    repo.change_on("ben", "main", |ws| tag(ws, 20, Tag::Opinion));
    repo.change_on("cleo", "main", |ws| tag(ws, 30, Tag::Attribution));
    repo.ok(&["checkout", "-q", "main"]);
    repo.ok(&["merge", "-q", "--no-edit", "ann", "ben", "cleo"]);
    let parents = repo.ok(&["log", "-1", "--format=%P"]);
    assert_eq!(parents.split_whitespace().count(), 3, "one octopus commit");
    let p = repo.load();
    assert_eq!(p.statements[10].tag, Some(Tag::Fact));
    assert_eq!(p.statements[20].tag, Some(Tag::Opinion));
    assert_eq!(p.statements[30].tag, Some(Tag::Attribution));
}

fn driver(dir: &Path, base: &str, ours: &str, theirs: &str) -> Output {
    Command::new(BIN)
        .args(["merge-driver", base, ours, theirs, "7", FILE])
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn merge_driver_exit_codes_and_refusals() {
    let dir = tempfile::tempdir().unwrap();
    let base = claimdesk::testing::project(30, 2);
    let write = |name: &str, p: &Project| project_file::save(p, &dir.path().join(name)).unwrap();
    write("base", &base);
    // Identical files: the same bytes back.
    write("ours", &base);
    write("theirs", &base);
    let before = std::fs::read(dir.path().join("ours")).unwrap();
    let out = driver(dir.path(), "base", "ours", "theirs");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read(dir.path().join("ours")).unwrap(), before);
    // Conflicting tags: exit 1, a valid file.
    let mut a = base.clone();
    a.statements[2].tag = Some(Tag::Opinion);
    let mut b = base.clone();
    b.statements[2].tag = Some(Tag::Fact);
    write("ours", &a);
    write("theirs", &b);
    let out = driver(dir.path(), "base", "ours", "theirs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 disagreement is left open"));
    assert_eq!(
        project_file::load(&dir.path().join("ours"))
            .unwrap()
            .open_items
            .len(),
        1
    );
    // A different article text: refused, exit 2, file untouched.
    let other = claimdesk::testing::project(30, 3);
    write("ours", &a);
    write("theirs", &other);
    let before = std::fs::read(dir.path().join("ours")).unwrap();
    let out = driver(dir.path(), "base", "ours", "theirs");
    assert_eq!(out.status.code(), Some(2));
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(
        message.contains("article text differs") && message.contains(FILE),
        "{message}"
    );
    assert_eq!(std::fs::read(dir.path().join("ours")).unwrap(), before);
}

#[test]
fn agree_and_adjudicate_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(BIN)
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let base = claimdesk::testing::project(30, 8);
    let mut a = claimdesk::agree::blind_copy(&base, "Ann <script>");
    let mut b = claimdesk::agree::blind_copy(&base, "Ben");
    for (i, (x, y)) in a
        .statements
        .iter_mut()
        .zip(b.statements.iter_mut())
        .enumerate()
    {
        x.tag = Some(Tag::ALL[i % 3]);
        y.tag = Some(Tag::ALL[(i % 4).min(2)]);
    }
    project_file::save(&a, &dir.path().join("a.claims.ron")).unwrap();
    project_file::save(&b, &dir.path().join("b.claims.ron")).unwrap();

    let out = run(&["agree", "a.claims.ron", "b.claims.ron", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "reviewers",
        "statements",
        "aligned",
        "percent_agreement",
        "cohen_kappa",
        "fleiss_kappa",
        "alpha_nominal",
        "alpha_unitized",
        "per_tag",
        "verdict_alpha_ordinal",
        "ac1",
        "disagreements",
    ] {
        assert!(json.get(key).is_some(), "missing {key}: {json}");
    }
    assert_eq!(json["reviewers"][0], "Ann <script>");
    assert!(json["per_tag"]["fact"]["alpha"].is_number());
    let disagreements = json["disagreements"].as_array().unwrap();
    assert!(!disagreements.is_empty());
    assert!(disagreements[0]["tags"]["Ben"].is_string());

    let html = run(&["agree", "a.claims.ron", "b.claims.ron", "--format", "html"]);
    let page = String::from_utf8(html.stdout).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.ends_with("</html>\n"));
    assert!(!page.contains("<script"), "user text escaped, no script");
    assert!(page.contains("Ann &lt;script&gt;"));
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "no outside requests"
    );
    // Every opened element is closed, in order (tables, rows, cells).
    let mut stack: Vec<String> = Vec::new();
    for piece in page.split('<').skip(1) {
        let tag: String = piece
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/' || *c == '!')
            .collect();
        if tag.starts_with('!') || ["meta", "br"].contains(&tag.as_str()) {
            continue;
        }
        if let Some(closing) = tag.strip_prefix('/') {
            assert_eq!(
                stack.pop().as_deref(),
                Some(closing),
                "misnested at </{closing}>"
            );
        } else {
            stack.push(tag);
        }
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    let md = run(&["agree", "a.claims.ron", "b.claims.ron", "--format", "md"]);
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.contains("Ann \\<script\\>"), "{md}");

    // Different articles: both files named.
    project_file::save(
        &claimdesk::testing::project(30, 9),
        &dir.path().join("other.claims.ron"),
    )
    .unwrap();
    let out = run(&["agree", "a.claims.ron", "other.claims.ron"]);
    assert_eq!(out.status.code(), Some(1));
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(
        message.contains("a.claims.ron") && message.contains("other.claims.ron"),
        "{message}"
    );
    // One reviewer only.
    let out = run(&["agree", "a.claims.ron"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least two"));

    let out = run(&[
        "adjudicate",
        "a.claims.ron",
        "b.claims.ron",
        "-o",
        "final.claims.ron",
        "--adjudicator",
        "Ed",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let final_project = project_file::load(&dir.path().join("final.claims.ron")).unwrap();
    assert_eq!(final_project.meta.adjudicator, "Ed");
    assert_eq!(final_project.open_items.len(), disagreements.len());
    let again = run(&[
        "adjudicate",
        "a.claims.ron",
        "b.claims.ron",
        "-o",
        "final.claims.ron",
    ]);
    assert!(
        !again.status.success(),
        "refuses to overwrite without --force"
    );
}

#[test]
fn closed_output_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.claims.ron");
    project_file::save(&claimdesk::testing::project(3_000, 1), &path).unwrap();
    let path = path.to_str().unwrap();
    for args in [
        vec!["stats", path],
        vec!["stats", "--json", path],
        vec!["export", path, "--format", "md"],
        vec!["export", path, "--format", "json"],
        vec!["export", path, "--format", "csv"],
        vec!["diff-text", path],
    ] {
        let mut child = Command::new(BIN)
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end at once: every write fails with EPIPE.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?} printed: {stderr}");
    }
}
