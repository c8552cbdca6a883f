//! Development aid: run the extractors over a document parsed by Python spaCy.
//!
//! `cargo run -p sitrep-extract --example from_spacy_json -- DOC.json [YYYY-MM-DD]`
//! where DOC.json is one line of `scripts/dev/spacy_json.py` output; prints the contract JSON.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: from_spacy_json DOC.json [YYYY-MM-DD]");
        std::process::exit(2);
    };
    let json = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    });
    let doc = sitrep_nlp::Doc::from_spacy_json(json.trim()).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    });
    let published = args.get(1).map(|d| {
        chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap_or_else(|e| {
            eprintln!("{d}: {e}");
            std::process::exit(1);
        })
    });
    let analysis = sitrep_extract::analyze(&doc, published);
    println!("{}", serde_json::to_string_pretty(&analysis).expect("serialisable"));
}
