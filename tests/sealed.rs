//! Passphrase-protected exports: the envelope, native encryption, and the
//! command-line tool. (The browser's WebCrypto side, and that each opens the
//! other's files, is in tests/e2e/reliability.test.mjs.)
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::disallowed_methods,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::Path;

use common::cpsa;
use cpsa::domain::format::{self, Location};
use cpsa::domain::framework::Catalogue;
use cpsa::domain::sealed::{self, native, Sealed, MIN_ITERATIONS};
use serde_json::Value;

const SMALL: &str = "tests/fixtures/small-export.json";

fn plain() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(SMALL)).unwrap()
}

/// Fast enough for tests: the fewest iterations a file may have.
fn sealed_with(passphrase: &str) -> Sealed {
    native::seal_with(
        &plain(),
        passphrase,
        vec![7; 16],
        vec![9; 12],
        MIN_ITERATIONS,
    )
    .unwrap()
}

#[test]
fn a_sealed_file_opens_with_its_passphrase_and_not_with_another() {
    let text = sealed::write(&sealed_with("correct horse battery"));
    let envelope = sealed::read(text.as_bytes())
        .expect("an encrypted export")
        .unwrap();
    assert_eq!(
        native::unseal(&envelope, "correct horse battery"),
        Some(plain())
    );
    assert_eq!(native::unseal(&envelope, "correct horse batterY"), None);
    assert_eq!(native::unseal(&envelope, ""), None);
}

#[test]
fn the_ciphertext_is_authenticated_so_a_changed_byte_is_refused() {
    let mut s = sealed_with("correct horse battery");
    s.ciphertext[10] ^= 1;
    assert_eq!(native::unseal(&s, "correct horse battery"), None);
}

#[test]
fn plain_exports_and_other_files_are_not_taken_for_encrypted_ones() {
    assert!(sealed::read(&plain()).is_none());
    assert!(sealed::read(b"not json").is_none());
    assert!(sealed::read(b"{\"format\": 3}").is_none());
}

/// The problem the envelope gives after `change` to a good one.
fn envelope_problem(change: impl FnOnce(&mut Value)) -> (Location, String) {
    let mut v: Value =
        serde_json::from_str(&sealed::write(&sealed_with("a long passphrase"))).unwrap();
    change(&mut v);
    let err = sealed::read(v.to_string().as_bytes())
        .expect("still an encrypted export")
        .expect_err("refused");
    let p = err.problems.into_iter().next().unwrap();
    (p.at, p.message)
}

#[test]
fn a_damaged_envelope_says_what_is_wrong_and_where() {
    let at = |p: &str| Location::Path(p.into());
    type Change = Box<dyn FnOnce(&mut Value)>;
    let cases: Vec<(Change, &str, &str)> = vec![
        (
            Box::new(|v| v["version"] = 2.into()),
            "$.version",
            "version 2",
        ),
        (
            Box::new(|v| v["cipher"] = "ROT13".into()),
            "$.cipher",
            "\"ROT13\"",
        ),
        (
            Box::new(|v| v["kdf"]["name"] = "MD5".into()),
            "$.kdf.name",
            "\"MD5\"",
        ),
        (
            Box::new(|v| v["kdf"]["iterations"] = 1000.into()),
            "$.kdf.iterations",
            "1000 iterations",
        ),
        (
            Box::new(|v| v["kdf"]["iterations"] = 2_000_000_000u32.into()),
            "$.kdf.iterations",
            "2000000000 iterations",
        ),
        (
            Box::new(|v| v["kdf"]["salt"] = "%%%".into()),
            "$.kdf.salt",
            "not base64",
        ),
        (
            Box::new(|v| v["iv"] = "AAAA".into()),
            "$.iv",
            "12 bytes, not 3",
        ),
        (
            Box::new(|v| v["ciphertext"] = "".into()),
            "$.ciphertext",
            "too short",
        ),
        (
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("iv");
            }),
            "$",
            "incomplete or damaged",
        ),
    ];
    for (change, path, words) in cases {
        let (got_at, message) = envelope_problem(change);
        assert_eq!(got_at, at(path), "{message}");
        assert!(message.contains(words), "{path}: {message}");
    }
}

#[test]
fn importing_an_encrypted_file_as_a_plain_one_asks_for_the_passphrase() {
    let text = sealed::write(&sealed_with("a long passphrase"));
    let err = format::import(text.as_bytes(), Catalogue::builtin().unwrap()).unwrap_err();
    assert_eq!(err.problems[0].at, Location::Path("$.format".into()));
    assert!(err.problems[0]
        .message
        .contains("protected with a passphrase"));
}

#[test]
fn a_new_passphrase_must_be_long_enough_and_typed_twice_the_same() {
    assert_eq!(
        sealed::check_new_passphrase("short", "short")[0].field,
        "passphrase"
    );
    let differ = sealed::check_new_passphrase("a long passphrase", "a long passphrasE");
    assert_eq!(differ[0].field, "passphrase-repeat");
    assert!(sealed::check_new_passphrase("a long passphrase", "a long passphrase").is_empty());
}

#[test]
fn the_tool_seals_a_file_and_reads_it_back_only_with_the_passphrase() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("sealed");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (right, wrong) = (dir.join("right.txt"), dir.join("wrong.txt"));
    std::fs::write(&right, "a passphrase for the test\n").unwrap();
    std::fs::write(&wrong, "not the passphrase at all\n").unwrap();
    let out = dir.join("sealed.json");
    let o = cpsa(&[
        "seal",
        SMALL,
        "-o",
        out.to_str().unwrap(),
        "--passphrase-file",
        right.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        !text.contains("Corpus Constabulary"),
        "the content is not in clear"
    );
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["kdf"]["iterations"], 600_000);

    let o = cpsa(&[
        "validate",
        out.to_str().unwrap(),
        "--passphrase-file",
        right.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Corpus Constabulary"));

    let o = cpsa(&[
        "validate",
        out.to_str().unwrap(),
        "--passphrase-file",
        wrong.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains(sealed::WRONG_PASSPHRASE));

    let o = cpsa(&["validate", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("give it with --passphrase-file"));

    std::fs::write(&wrong, "short\n").unwrap();
    let o = cpsa(&[
        "seal",
        SMALL,
        "-o",
        out.to_str().unwrap(),
        "--passphrase-file",
        wrong.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("at least 12 characters"));
}

#[test]
fn the_sealed_fixture_opens_with_its_documented_passphrase() {
    let text = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small-export.sealed.json"),
    )
    .unwrap();
    let envelope = sealed::read(&text).unwrap().unwrap();
    let inner = native::unseal(&envelope, "fixture passphrase, not a secret").expect("opens");
    let catalogue = Catalogue::builtin().unwrap();
    assert_eq!(
        format::import(&inner, catalogue).unwrap().assessment,
        format::import(&plain(), catalogue).unwrap().assessment
    );
}

#[test]
fn the_size_of_a_protected_file_is_known_before_sealing_and_one_too_large_is_refused() {
    // The envelope's length, from the export's alone, is what sealing writes.
    for n in [0, 1, 2, 3, 4, 100, 1_000_001] {
        let s = Sealed {
            iterations: sealed::ITERATIONS,
            salt: vec![1; sealed::SALT_BYTES],
            iv: vec![2; sealed::IV_BYTES],
            ciphertext: vec![3; n + sealed::TAG_BYTES],
        };
        assert_eq!(sealed::sealed_size(n), sealed::write(&s).len(), "{n} bytes");
    }
    // The largest export whose protected file import still takes, and one
    // byte more: about three quarters of the limit, as base64 adds a third.
    let (mut fits, mut over) = (0, format::MAX_FILE_BYTES);
    while over - fits > 1 {
        let mid = (fits + over) / 2;
        if sealed::sealed_size(mid) <= format::MAX_FILE_BYTES {
            fits = mid;
        } else {
            over = mid;
        }
    }
    let largest = fits;
    assert!(largest > format::MAX_FILE_BYTES / 4 * 3 - 1_000);
    assert_eq!(sealed::too_large(largest, 3000), None);
    assert_eq!(
        sealed::too_large(largest + 1, 3000).unwrap(),
        "the protected file (the export as base64, a third larger) would be 32.1 MB, and the largest file this tool imports is 32.0 MB, so it could not be opened again: it was not made. Fewer cases fit: about 2999 of this assessment's 3000"
    );
    let refused = sealed::too_large(25 * 1024 * 1024, 3400).unwrap();
    assert!(refused.contains("would be 33.4 MB"), "{refused}");
}
