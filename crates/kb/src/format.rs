//! The binary layout of `data/kb/places.bin`, shared by the loader and the compiler
//! (`examples/compile_kb.rs`), and of the values in `data/kb/names.fst`.
//!
//! `places.bin`: the magic `SRKB`, a version byte, then the record count (u32 LE), then that
//! many fixed-size records (below), then the UTF-8 names the records point into. Records are
//! sorted by country, then by population, largest first.
//!
//! A record ([`RECORD_LEN`] bytes, little endian): GeoNames id (u32), latitude and longitude
//! in 1e-4 degrees (i24 each), population (u32), name offset (u24) and length (u8), the index
//! of the place's region record (u24; [`NO_REGION`] for none), kind and flags (u8: kind in the
//! low nibble, [`FLAG_CAPITAL`]), and the ISO 3166-1 alpha-2 country code (2 bytes, spaces
//! for none).
//!
//! `names.fst` maps a normalised name to one posting packed in a u64: when bit 63 is
//! clear, the low 24 bits are one place index and bit 24 says the name is an alternative
//! name; when set, bits 0..32 are an offset and bits 32..48 a count into `postings.bin`, a
//! list of u32 values of the same form (index | alternative << 24).

/// Magic bytes that open `places.bin`.
pub const MAGIC: &[u8; 4] = b"SRKB";
/// Layout version of `places.bin`.
pub const VERSION: u8 = 1;
/// Bytes per place record.
pub const RECORD_LEN: usize = 24;
/// Region index meaning "no region".
pub const NO_REGION: u32 = 0xFF_FFFF;
/// Flag bit: the place is its country's capital.
pub const FLAG_CAPITAL: u8 = 0x10;
/// Bit 24 of a posting: the name is an alternative name of the place.
pub const ALT_BIT: u32 = 1 << 24;
/// Bit 63 of an fst value: the value points into `postings.bin`.
pub const MANY_BIT: u64 = 1 << 63;

/// One place as the compiler writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct RawPlace {
    /// GeoNames id (0 for hand-written places).
    pub geonames_id: u32,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// Population.
    pub population: u32,
    /// Byte offset of the name in the names blob.
    pub name_offset: u32,
    /// Byte length of the name.
    pub name_len: u8,
    /// Index of the region record, or [`NO_REGION`].
    pub region: u32,
    /// Kind code and flags.
    pub kind_flags: u8,
    /// Country code bytes.
    pub country: [u8; 2],
}

fn put24(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes()[..3]);
}

fn get24(b: &[u8]) -> u32 {
    u32::from_le_bytes([b[0], b[1], b[2], 0])
}

fn signed24(v: u32) -> i32 {
    ((v << 8) as i32) >> 8
}

impl RawPlace {
    /// Appends the record's bytes.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.geonames_id.to_le_bytes());
        put24(out, ((self.lat * 1e4).round() as i32) as u32 & 0xFF_FFFF);
        put24(out, ((self.lon * 1e4).round() as i32) as u32 & 0xFF_FFFF);
        out.extend_from_slice(&self.population.to_le_bytes());
        put24(out, self.name_offset);
        out.push(self.name_len);
        put24(out, self.region);
        out.push(self.kind_flags);
        out.extend_from_slice(&self.country);
    }

    /// Reads a record from its [`RECORD_LEN`] bytes.
    pub fn read(b: &[u8]) -> RawPlace {
        RawPlace {
            geonames_id: u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            lat: f64::from(signed24(get24(&b[4..7]))) / 1e4,
            lon: f64::from(signed24(get24(&b[7..10]))) / 1e4,
            population: u32::from_le_bytes([b[10], b[11], b[12], b[13]]),
            name_offset: get24(&b[14..17]),
            name_len: b[17],
            region: get24(&b[18..21]),
            kind_flags: b[21],
            country: [b[22], b[23]],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_round_trips() {
        let p = RawPlace {
            geonames_id: 703448,
            lat: 50.4547,
            lon: -130.5238,
            population: 2_952_301,
            name_offset: 123_456,
            name_len: 4,
            region: NO_REGION,
            kind_flags: 3 | FLAG_CAPITAL,
            country: *b"UA",
        };
        let mut out = Vec::new();
        p.write(&mut out);
        assert_eq!(out.len(), RECORD_LEN);
        assert_eq!(RawPlace::read(&out), p);
    }
}
