//! The `sitrep` command line.

fn main() {
    eprintln!("sitrep: not yet");
    std::process::exit(2);
}
