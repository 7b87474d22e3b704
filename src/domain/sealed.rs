//! Passphrase-protected exports: an export file, encrypted with AES-256-GCM
//! under a key derived from a passphrase with PBKDF2-SHA-256, in a small JSON
//! envelope. The browser does the cryptography with WebCrypto
//! (`app::sealing`); natively, the [`native`] functions do the same with the
//! RustCrypto crates, so the command-line tool reads and writes the same
//! files. Documented in `docs/format.md`.
//!
//! ```json
//! { "format": "cpsa-assessment-encrypted", "version": 1,
//!   "cipher": "AES-256-GCM",
//!   "kdf": { "name": "PBKDF2-SHA-256", "iterations": 600000, "salt": "<16 bytes, base64>" },
//!   "iv": "<12 bytes, base64>", "ciphertext": "<base64, with the 16-byte tag at the end>" }
//! ```
//!
//! The plaintext is an export file exactly as [`super::format::export`]
//! writes it; a wrong passphrase fails the cipher's authentication.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::{Deserialize, Serialize};

use super::format::{ImportError, Location, Problem, MAX_FILE_BYTES, SEALED_FORMAT};
use super::forms::FieldError;

pub const SEALED_VERSION: u32 = 1;
pub const CIPHER: &str = "AES-256-GCM";
pub const KDF: &str = "PBKDF2-SHA-256";
/// PBKDF2 iterations this build writes (OWASP's figure for PBKDF2-SHA-256).
pub const ITERATIONS: u32 = 600_000;
/// The fewest iterations a file may ask for: fewer would be too weak to trust.
pub const MIN_ITERATIONS: u32 = 100_000;
/// The most a file may ask for, so a hostile file cannot hang the page.
pub const MAX_ITERATIONS: u32 = 10_000_000;
pub const SALT_BYTES: usize = 16;
pub const IV_BYTES: usize = 12;
/// AES-GCM's authentication tag, at the end of the ciphertext.
pub const TAG_BYTES: usize = 16;
/// The shortest passphrase the app accepts when protecting a file.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// What decrypting needs, read from an envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    pub iterations: u32,
    pub salt: Vec<u8>,
    pub iv: Vec<u8>,
    pub ciphertext: Vec<u8>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    format: String,
    version: u32,
    cipher: String,
    kdf: Kdf,
    iv: String,
    ciphertext: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Kdf {
    name: String,
    iterations: u32,
    salt: String,
}

/// Just enough to tell an encrypted export from anything else.
#[derive(Deserialize)]
struct Marker {
    #[serde(default)]
    format: Option<serde_json::Value>,
}

/// The problem, at a place in the envelope.
fn problem(path: &str, message: impl Into<String>) -> ImportError {
    ImportError {
        problems: vec![Problem {
            at: Location::Path(path.into()),
            message: message.into(),
        }],
    }
}

/// `None` when `bytes` are not an encrypted export (import reads them as a
/// plain one); otherwise the envelope's contents, or what is wrong with it.
pub fn read(bytes: &[u8]) -> Option<Result<Sealed, ImportError>> {
    if bytes.len() > MAX_FILE_BYTES {
        return None;
    }
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).ok()?;
    // A quick look first: a plain export is not parsed an extra time.
    if !text.contains(SEALED_FORMAT) {
        return None;
    }
    let marker: Marker = crate::domain::json::plain(text).ok()?;
    if marker.format?.as_str()? != SEALED_FORMAT {
        return None;
    }
    Some(parse(text))
}

fn parse(text: &str) -> Result<Sealed, ImportError> {
    let e: Envelope = crate::domain::json::from_str(text).map_err(|e| {
        problem(
            "$",
            format!("this encrypted export is incomplete or damaged ({e})"),
        )
    })?;
    if e.version != SEALED_VERSION {
        return Err(problem(
            "$.version",
            format!(
                "the file is encrypted in version {} of the format; this version of the tool reads version {SEALED_VERSION}. Use the newer tool",
                e.version
            ),
        ));
    }
    if e.cipher != CIPHER {
        return Err(problem(
            "$.cipher",
            format!(
                "the cipher {:?} is not one this tool uses ({CIPHER})",
                e.cipher
            ),
        ));
    }
    if e.kdf.name != KDF {
        return Err(problem(
            "$.kdf.name",
            format!(
                "the key derivation {:?} is not one this tool uses ({KDF})",
                e.kdf.name
            ),
        ));
    }
    if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&e.kdf.iterations) {
        return Err(problem(
            "$.kdf.iterations",
            format!(
                "{} iterations is outside what this tool accepts ({MIN_ITERATIONS} to {MAX_ITERATIONS})",
                e.kdf.iterations
            ),
        ));
    }
    let bytes = |path: &str, b64: &str, len: Option<usize>| {
        let v = STANDARD
            .decode(b64)
            .map_err(|_| problem(path, "is not base64"))?;
        match len {
            Some(n) if v.len() != n => {
                Err(problem(path, format!("must be {n} bytes, not {}", v.len())))
            }
            None if v.len() < TAG_BYTES => Err(problem(path, "is too short to hold anything")),
            _ => Ok(v),
        }
    };
    Ok(Sealed {
        iterations: e.kdf.iterations,
        salt: bytes("$.kdf.salt", &e.kdf.salt, Some(SALT_BYTES))?,
        iv: bytes("$.iv", &e.iv, Some(IV_BYTES))?,
        ciphertext: bytes("$.ciphertext", &e.ciphertext, None)?,
    })
}

/// The envelope's text (indented JSON).
pub fn write(s: &Sealed) -> String {
    let e = Envelope {
        format: SEALED_FORMAT.into(),
        version: SEALED_VERSION,
        cipher: CIPHER.into(),
        kdf: Kdf {
            name: KDF.into(),
            iterations: s.iterations,
            salt: STANDARD.encode(&s.salt),
        },
        iv: STANDARD.encode(&s.iv),
        ciphertext: STANDARD.encode(&s.ciphertext),
    };
    // Plain strings and numbers: serialising cannot fail.
    super::format::indent(&serde_json::to_string(&e).unwrap_or_default())
}

/// The size of the envelope that seals an export of `plain_bytes` bytes:
/// the ciphertext (the export and its tag) as base64, a third larger, in
/// an envelope whose other fields are always the same length.
pub fn sealed_size(plain_bytes: usize) -> usize {
    let rest = write(&Sealed {
        iterations: ITERATIONS,
        salt: vec![0; SALT_BYTES],
        iv: vec![0; IV_BYTES],
        ciphertext: Vec::new(),
    })
    .len();
    rest + (plain_bytes + TAG_BYTES).div_ceil(3) * 4
}

/// The refusal of sealing an export of `plain_bytes` bytes, holding
/// `cases` cases, when the protected file would be larger than import
/// accepts, so that it could not be opened again; `None` when it fits.
pub fn too_large(plain_bytes: usize, cases: usize) -> Option<String> {
    super::format::too_large_to_write(
        "the protected file (the export as base64, a third larger)",
        sealed_size(plain_bytes),
        cases,
    )
}

/// What the user is told when the passphrase does not open the file.
pub const WRONG_PASSPHRASE: &str = "That passphrase does not open this file. Check it and try again: it must be exactly the one used when the file was exported. Nothing has been changed.";

/// The checks on a new passphrase and its repeat, for the form that sets one.
pub fn check_new_passphrase(passphrase: &str, repeat: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        errors.push(FieldError {
            field: "passphrase".into(),
            message: format!(
                "Enter a passphrase of at least {MIN_PASSPHRASE_CHARS} characters, for example three or four unrelated words"
            ),
        });
    } else if passphrase != repeat {
        errors.push(FieldError {
            field: "passphrase-repeat".into(),
            message: "The two passphrases are different: type the same passphrase twice".into(),
        });
    }
    errors
}

/// The same encryption natively, for the command-line tool and the tests.
#[cfg(not(target_arch = "wasm32"))]
pub mod native {
    use aes_gcm::aead::rand_core::RngCore;
    use aes_gcm::aead::{Aead, KeyInit, OsRng};
    use aes_gcm::{Aes256Gcm, Nonce};

    use super::{Sealed, ITERATIONS, IV_BYTES, SALT_BYTES};

    fn key(passphrase: &str, salt: &[u8], iterations: u32) -> [u8; 32] {
        let mut key = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<sha2::Sha256>(passphrase.as_bytes(), salt, iterations, &mut key);
        key
    }

    /// Encrypts `plain` with a fresh random salt and nonce.
    pub fn seal(plain: &[u8], passphrase: &str) -> Result<Sealed, String> {
        let mut salt = vec![0u8; SALT_BYTES];
        let mut iv = vec![0u8; IV_BYTES];
        OsRng.fill_bytes(&mut salt);
        OsRng.fill_bytes(&mut iv);
        seal_with(plain, passphrase, salt, iv, ITERATIONS)
    }

    /// Encrypts with a given salt, nonce and iteration count (tests).
    pub fn seal_with(
        plain: &[u8],
        passphrase: &str,
        salt: Vec<u8>,
        iv: Vec<u8>,
        iterations: u32,
    ) -> Result<Sealed, String> {
        if iv.len() != IV_BYTES {
            return Err(format!("the nonce must be {IV_BYTES} bytes"));
        }
        let cipher = Aes256Gcm::new(&key(passphrase, &salt, iterations).into());
        let ciphertext = cipher
            .encrypt(Nonce::from_slice(&iv), plain)
            .map_err(|_| "the file could not be encrypted".to_owned())?;
        Ok(Sealed {
            iterations,
            salt,
            iv,
            ciphertext,
        })
    }

    /// Decrypts; `None` when the passphrase is wrong (or the file altered).
    pub fn unseal(s: &Sealed, passphrase: &str) -> Option<Vec<u8>> {
        let cipher = Aes256Gcm::new(&key(passphrase, &s.salt, s.iterations).into());
        cipher
            .decrypt(Nonce::from_slice(&s.iv), s.ciphertext.as_slice())
            .ok()
    }
}
