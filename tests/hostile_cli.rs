//! The real binary against hostile paths: named pipes, endless devices,
//! reports aimed at project files, races for one new file, and recovery
//! commands pointed at files that are not recovery files. Each of these
//! once hung, ate memory or destroyed a file; each must now end quickly
//! with a one-line message naming the path, and leave every file as it was.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// Runs the binary with a time limit: a hang is a failed test, not a stuck
/// test run.
fn claimdesk_in(data: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .args(args)
        .env("CLAIMDESK_DATA_DIR", data)
        .env("CLAIMDESK_CONFIG_DIR", data.join("config"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("claimdesk {args:?} hung for 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn assert_fails_naming(output: &Output, file: &Path, words: &str) {
    assert!(!output.status.success(), "should fail");
    let err = stderr(output);
    assert_eq!(err.trim_end().lines().count(), 1, "one-line error: {err}");
    assert!(err.contains(words), "expected {words:?} in {err}");
    assert!(
        err.trim_end().ends_with(&file.display().to_string()),
        "path last: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

fn new_project(dir: &Path, data: &Path) -> PathBuf {
    let project = dir.join("council.claims.ron");
    let out = claimdesk_in(
        data,
        &[
            "new",
            fixture("articles/council.txt").to_str().unwrap(),
            "-o",
            project.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    project
}

#[cfg(unix)]
#[test]
fn named_pipes_are_refused_everywhere_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let fifo = dir.path().join("article.txt");
    mkfifo(&fifo);
    let fifo_s = fifo.to_str().unwrap();
    let out_path = dir.path().join("out.claims.ron");
    let out = claimdesk_in(&data, &["new", fifo_s, "-o", out_path.to_str().unwrap()]);
    assert_fails_naming(&out, &fifo, "named pipe");
    assert!(!out_path.exists());
    let out = claimdesk_in(&data, &["segment", fifo_s]);
    assert_fails_naming(&out, &fifo, "named pipe");

    let project_fifo = dir.path().join("p.claims.ron");
    mkfifo(&project_fifo);
    let out = claimdesk_in(&data, &["check", project_fifo.to_str().unwrap()]);
    assert_fails_naming(&out, &project_fifo, "named pipe");

    // A recovery file that is a pipe, in the recovery folder, with the
    // recovery suffix: never read (the list skips it, restore refuses it).
    let recovery = data.join("recovery");
    std::fs::create_dir_all(&recovery).unwrap();
    let rec_fifo = recovery.join("p-0000000000000000.recovery.ron");
    mkfifo(&rec_fifo);
    let out = claimdesk_in(&data, &["recover"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let restored = dir.path().join("restored.claims.ron");
    let out = claimdesk_in(
        &data,
        &[
            "recover",
            "--restore",
            rec_fifo.to_str().unwrap(),
            "-o",
            restored.to_str().unwrap(),
        ],
    );
    assert_fails_naming(&out, &rec_fifo, "named pipe");
    assert!(!restored.exists());
}

#[cfg(unix)]
#[test]
fn a_recovery_file_naming_a_pipe_as_its_project_does_not_hang_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let project = new_project(dir.path(), &data);
    // Make a recovery file for the project by restoring through the
    // library's writer, then swap the project for a pipe.
    let loaded = claimdesk::project_file::load(&project).unwrap();
    let snapshot = claimdesk::recovery::Snapshot {
        project: loaded,
        project_path: Some(project.clone()),
        taken: std::time::SystemTime::now(),
    };
    let written = claimdesk::recovery::write(&data.join("recovery"), &snapshot).unwrap();
    std::fs::remove_file(&project).unwrap();
    mkfifo(&project);
    let out = claimdesk_in(&data, &["recover"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let listed = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(listed.contains(&written.display().to_string()), "{listed}");
}

#[cfg(unix)]
#[test]
fn endless_devices_are_refused_without_filling_memory() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    for device in ["/dev/zero", "/dev/urandom"] {
        let out_path = dir.path().join("out.claims.ron");
        let out = claimdesk_in(&data, &["new", device, "-o", out_path.to_str().unwrap()]);
        assert_fails_naming(&out, Path::new(device), "character device");
        let out = claimdesk_in(&data, &["check", device]);
        assert_fails_naming(&out, Path::new(device), "character device");
    }
}

#[test]
fn a_report_never_replaces_a_project_and_existing_files_need_force() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let project = new_project(dir.path(), &data);
    let p = project.to_str().unwrap();
    let before = std::fs::read(&project).unwrap();
    // Onto itself, even with --force.
    for force in [false, true] {
        let mut args = vec!["export", p, "--format", "html", "-o", p];
        if force {
            args.push("--force");
        }
        let out = claimdesk_in(&data, &args);
        assert_fails_naming(&out, &project, "Refusing to replace a project file");
        assert_eq!(std::fs::read(&project).unwrap(), before);
    }
    // A project under another name is recognised by its contents.
    let disguised = dir.path().join("notes.txt");
    std::fs::copy(&project, &disguised).unwrap();
    let out = claimdesk_in(
        &data,
        &[
            "export",
            p,
            "--format",
            "md",
            "-o",
            disguised.to_str().unwrap(),
            "--force",
        ],
    );
    assert_fails_naming(&out, &disguised, "Refusing to replace a project file");
    // Any other existing file: refused without --force, replaced with it.
    let report = dir.path().join("report.html");
    std::fs::write(&report, "old report").unwrap();
    let r = report.to_str().unwrap();
    let out = claimdesk_in(&data, &["export", p, "--format", "html", "-o", r]);
    assert_fails_naming(&out, &report, "use --force");
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "old report");
    let out = claimdesk_in(
        &data,
        &["export", p, "--format", "html", "-o", r, "--force"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read_to_string(&report).unwrap().contains("<html"));
}

#[cfg(unix)]
#[test]
fn saving_onto_a_device_or_pipe_is_refused_and_leaves_it_alone() {
    use std::os::unix::fs::FileTypeExt as _;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let project = new_project(dir.path(), &data);
    let fifo = dir.path().join("report.html");
    mkfifo(&fifo);
    let out = claimdesk_in(
        &data,
        &[
            "export",
            project.to_str().unwrap(),
            "--format",
            "html",
            "-o",
            fifo.to_str().unwrap(),
            "--force",
        ],
    );
    assert_fails_naming(&out, &fifo, "named pipe");
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    let out = claimdesk_in(
        &data,
        &[
            "new",
            fixture("articles/council.txt").to_str().unwrap(),
            "-o",
            "/dev/null",
            "--force",
        ],
    );
    assert_fails_naming(&out, Path::new("/dev/null"), "character device");
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn two_new_commands_racing_for_one_name_cannot_both_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let target = dir.path().join("race.claims.ron");
    let articles = [
        fixture("articles/council.txt"),
        fixture("articles/council.md"),
    ];
    for round in 0..10 {
        let _ = std::fs::remove_file(&target);
        let children: Vec<_> = (0..4)
            .map(|i| {
                Command::new(env!("CARGO_BIN_EXE_claimdesk"))
                    .args(["new"])
                    .arg(&articles[i % 2])
                    .arg("-o")
                    .arg(&target)
                    .env("CLAIMDESK_DATA_DIR", &data)
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let outcomes: Vec<Output> = children
            .into_iter()
            .map(|c| c.wait_with_output().unwrap())
            .collect();
        let winners = outcomes.iter().filter(|o| o.status.success()).count();
        assert_eq!(winners, 1, "round {round}: exactly one creates the file");
        for loser in outcomes.iter().filter(|o| !o.status.success()) {
            assert!(
                stderr(loser).contains("Refusing to overwrite"),
                "{}",
                stderr(loser)
            );
        }
        claimdesk::project_file::load(&target).unwrap();
    }
}

#[test]
fn recover_discard_only_deletes_recovery_files_and_restore_needs_force() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let project = new_project(dir.path(), &data);
    // An ordinary project file is refused, wherever it is.
    let out = claimdesk_in(&data, &["recover", "--discard", project.to_str().unwrap()]);
    assert_fails_naming(&out, &project, "not a recovery file");
    assert!(project.exists());
    // Even inside the recovery folder and named like one, a file without a
    // recovery header is refused.
    let recovery = data.join("recovery");
    std::fs::create_dir_all(&recovery).unwrap();
    let impostor = recovery.join("p-1111111111111111.recovery.ron");
    std::fs::copy(&project, &impostor).unwrap();
    let out = claimdesk_in(&data, &["recover", "--discard", impostor.to_str().unwrap()]);
    assert_fails_naming(&out, &impostor, "recovery header");
    assert!(impostor.exists());
    std::fs::remove_file(&impostor).unwrap();

    // A real recovery file: restore refuses an existing output without
    // --force, then discard removes it.
    let loaded = claimdesk::project_file::load(&project).unwrap();
    let snapshot = claimdesk::recovery::Snapshot {
        project: loaded,
        project_path: Some(project.clone()),
        taken: std::time::SystemTime::now(),
    };
    let file = claimdesk::recovery::write(&recovery, &snapshot).unwrap();
    let f = file.to_str().unwrap();
    let before = std::fs::read(&project).unwrap();
    let out = claimdesk_in(
        &data,
        &["recover", "--restore", f, "-o", project.to_str().unwrap()],
    );
    assert_fails_naming(&out, &project, "use --force");
    assert_eq!(std::fs::read(&project).unwrap(), before);
    let out = claimdesk_in(
        &data,
        &[
            "recover",
            "--restore",
            f,
            "-o",
            project.to_str().unwrap(),
            "--force",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = claimdesk_in(&data, &["recover", "--discard", f]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!file.exists());
}

#[test]
fn a_kill_in_the_middle_of_a_save_leaves_the_old_or_the_new_file_whole() {
    // A large project saved over and over with alternating contents,
    // killed at moments spread over the save: the file on disk is always
    // one of the two complete versions, never a mix or a stub.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut big_a = String::new();
    let mut big_b = String::new();
    for i in 0..20_000 {
        big_a.push_str(&format!("Sentence {i} of version A says the council met. "));
        big_b.push_str(&format!("Sentence {i} of version B says the board voted. "));
        if i % 7 == 0 {
            big_a.push_str("\n\n");
            big_b.push_str("\n\n");
        }
    }
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, &big_a).unwrap();
    std::fs::write(&b, &big_b).unwrap();
    let target = dir.path().join("big.claims.ron");
    let first = claimdesk_in(
        &data,
        &["new", a.to_str().unwrap(), "-o", target.to_str().unwrap()],
    );
    assert!(first.status.success(), "{}", stderr(&first));
    // How long one save takes, to spread the kills across it.
    let started = Instant::now();
    let timed = claimdesk_in(
        &data,
        &[
            "new",
            b.to_str().unwrap(),
            "-o",
            target.to_str().unwrap(),
            "--force",
        ],
    );
    assert!(timed.status.success());
    let span = started.elapsed();
    let mut kills = 0;
    for round in 0..24u32 {
        let source = if round % 2 == 0 { &a } else { &b };
        let mut child = Command::new(env!("CARGO_BIN_EXE_claimdesk"))
            .arg("new")
            .arg(source)
            .arg("-o")
            .arg(&target)
            .arg("--force")
            .env("CLAIMDESK_DATA_DIR", &data)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(span.mul_f64(f64::from(round) / 24.0));
        if child.try_wait().unwrap().is_none() {
            kills += 1;
        }
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let loaded = claimdesk::project_file::load(&target)
            .unwrap_or_else(|e| panic!("round {round}: the file is not whole: {e}"));
        let text = &*loaded.article.text;
        assert!(
            text.starts_with("Sentence 0 of version A")
                || text.starts_with("Sentence 0 of version B"),
            "round {round}"
        );
    }
    assert!(kills > 0, "some rounds must kill a save in progress");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    // A killed save may leave its hidden temporary file (it cannot clean
    // up after SIGKILL); it is never mistaken for the project.
    assert!(
        leftovers.iter().all(|n| n.starts_with('.')),
        "{leftovers:?}"
    );
}
