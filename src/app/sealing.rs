//! Passphrase-protected exports in the browser, with WebCrypto: a key from
//! the passphrase by PBKDF2-SHA-256, then AES-256-GCM. The envelope and its
//! checks are [`crate::domain::sealed`]'s; the command-line tool reads and
//! writes the same files with RustCrypto.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesDerivedKeyParams, AesGcmParams, CryptoKey, Pbkdf2Params, SubtleCrypto};

use crate::domain::sealed::{Sealed, ITERATIONS, IV_BYTES, SALT_BYTES};

/// Why encrypting or decrypting could not be done (not a wrong passphrase).
const NO_CRYPTO: &str = "This browser cannot encrypt here: encryption needs the app to be opened over HTTPS (or on this computer itself). Ask your IT team to serve it over HTTPS.";

fn crypto() -> Result<web_sys::Crypto, String> {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or_else(|| NO_CRYPTO.to_owned())
}

/// `crypto.subtle`, which browsers offer only in a secure context.
fn subtle() -> Result<SubtleCrypto, String> {
    let crypto = crypto()?;
    let subtle = js_sys::Reflect::get(&crypto, &JsValue::from_str("subtle"))
        .map_err(|_| NO_CRYPTO.to_owned())?;
    subtle
        .dyn_into::<SubtleCrypto>()
        .map_err(|_| NO_CRYPTO.to_owned())
}

fn failed(what: &str, e: &JsValue) -> String {
    let detail = e
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_default();
    format!("The browser could not {what} ({detail}).")
}

async fn promise(p: Result<js_sys::Promise, JsValue>, what: &str) -> Result<JsValue, String> {
    let p = p.map_err(|e| failed(what, &e))?;
    JsFuture::from(p).await.map_err(|e| failed(what, &e))
}

async fn derive_key(
    passphrase: &str,
    salt: &[u8],
    iterations: u32,
    usage: &str,
) -> Result<CryptoKey, String> {
    let subtle = subtle()?;
    let raw = Uint8Array::from(passphrase.as_bytes());
    let base = promise(
        subtle.import_key_with_str(
            "raw",
            &raw,
            "PBKDF2",
            false,
            &Array::of1(&"deriveKey".into()),
        ),
        "read the passphrase",
    )
    .await?;
    let params =
        Pbkdf2Params::new_with_str("PBKDF2", "SHA-256", iterations, &Uint8Array::from(salt));
    let key = promise(
        subtle.derive_key_with_object_and_object(
            &params,
            base.unchecked_ref(),
            &AesDerivedKeyParams::new("AES-GCM", 256),
            false,
            &Array::of1(&usage.into()),
        ),
        "derive a key from the passphrase",
    )
    .await?;
    Ok(key.unchecked_into())
}

/// Encrypts `plain` (an export file's text) with a fresh salt and nonce.
pub async fn seal(plain: &str, passphrase: &str) -> Result<Sealed, String> {
    let mut salt = vec![0u8; SALT_BYTES];
    let mut iv = vec![0u8; IV_BYTES];
    let crypto = crypto()?;
    crypto
        .get_random_values_with_u8_array(&mut salt)
        .and_then(|_| crypto.get_random_values_with_u8_array(&mut iv))
        .map_err(|e| failed("make random numbers", &e))?;
    let key = derive_key(passphrase, &salt, ITERATIONS, "encrypt").await?;
    let params = AesGcmParams::new_with_u8_array("AES-GCM", &Uint8Array::from(iv.as_slice()));
    let out = promise(
        subtle()?.encrypt_with_object_and_u8_array(&params, &key, plain.as_bytes()),
        "encrypt the file",
    )
    .await?;
    Ok(Sealed {
        iterations: ITERATIONS,
        salt,
        iv,
        ciphertext: Uint8Array::new(&out).to_vec(),
    })
}

/// Decrypts: `Ok(None)` when the passphrase is wrong (or the file was
/// altered): AES-GCM's authentication fails.
pub async fn unseal(s: &Sealed, passphrase: &str) -> Result<Option<Vec<u8>>, String> {
    let key = derive_key(passphrase, &s.salt, s.iterations, "decrypt").await?;
    let params = AesGcmParams::new_with_u8_array("AES-GCM", &Uint8Array::from(s.iv.as_slice()));
    let p = subtle()?
        .decrypt_with_object_and_u8_array(&params, &key, &s.ciphertext)
        .map_err(|e| failed("decrypt the file", &e))?;
    match JsFuture::from(p).await {
        Ok(out) => Ok(Some(Uint8Array::new(&out).to_vec())),
        // WebCrypto's answer to a failed authentication.
        Err(e)
            if e.dyn_ref::<web_sys::DomException>()
                .is_some_and(|d| d.name() == "OperationError") =>
        {
            Ok(None)
        }
        Err(e) => Err(failed("decrypt the file", &e)),
    }
}
