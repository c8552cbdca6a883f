//! Prints the gazetteer's places for names, and the time the knowledge base took to load.
//!
//! `cargo run --release -p sitrep-kb --example kb_lookup -- NAME...`

fn main() {
    let t = std::time::Instant::now();
    let kb = sitrep_kb::Kb::get();
    println!("loaded {} places in {:?}", kb.len(), t.elapsed());
    for name in std::env::args().skip(1) {
        for h in kb.lookup(&name) {
            let p = kb.place(h.place);
            let region = p.region.map(|r| kb.place(r).name).unwrap_or("");
            println!(
                "{name}\t{}{}\t{}\t{}\t{region}\tpop {}\t{:.4},{:.4}\tgeonames {:?}{}",
                p.name,
                if h.alternative { " (alt)" } else { "" },
                p.kind.as_str(),
                p.country,
                p.population,
                p.lat,
                p.lon,
                p.geonames_id,
                if p.capital { " capital" } else { "" }
            );
        }
    }
}
