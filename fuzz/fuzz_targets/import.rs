//! The import path, fed arbitrary bytes: it must never panic, whatever it
//! accepts must export and import back as the same assessment, and the
//! encrypted-export envelope's reader must never panic either.
#![no_main]

use cpsa::domain::framework::Catalogue;
use cpsa::domain::{format, sealed};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(catalogue) = Catalogue::builtin() else {
        panic!("the built-in frameworks do not load");
    };
    if let Some(Ok(envelope)) = sealed::read(data) {
        // What was read writes back as the same envelope.
        let again = sealed::read(sealed::write(&envelope).as_bytes());
        assert_eq!(again, Some(Ok(envelope)));
    }
    if let Ok(imported) = format::import(data, catalogue) {
        let text = format::export(
            &imported.assessment,
            imported.exported_at,
            imported.revision,
        )
        .expect("an imported assessment exports");
        let again = format::import(text.as_bytes(), catalogue).expect("an export imports");
        assert_eq!(again.assessment, imported.assessment);
    }
});
