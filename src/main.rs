//! The browser app's entry point. Trunk builds this binary for wasm32.

#[cfg(target_arch = "wasm32")]
fn main() {
    cpsa::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "cpsa-web is the browser app: build it with `make dist` or serve it with `make serve`."
    );
    std::process::exit(2);
}
