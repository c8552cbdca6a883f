//! thinc's hash for HashEmbed: MurmurHash3 x86_128 of one little-endian `u64` key, written out
//! as in `thinc/backends/numpy_ops.pyx` (`MurmurHash3_x86_128_uint64`).

/// The four 32-bit words of thinc's hash of `key` with `seed`.
pub fn murmurhash3_x86_128_u64(key: u64, seed: u32) -> [u32; 4] {
    let seed = u64::from(seed);
    let mut h1 = key.wrapping_mul(0x87c3_7b91_1142_53d5);
    h1 = h1.rotate_left(31);
    h1 = h1.wrapping_mul(0x4cf5_ad43_2745_937f);
    h1 ^= seed;
    h1 ^= 8;
    let mut h2 = seed ^ 8;
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    h1 = fmix64(h1);
    h2 = fmix64(h2);
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    [h1 as u32, (h1 >> 32) as u32, h2 as u32, (h2 >> 32) as u32]
}

fn fmix64(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_thinc() {
        // Values from `NumpyOps().hash(numpy.asarray([...], dtype="uint64"), seed)` in thinc 8.3.
        assert_eq!(murmurhash3_x86_128_u64(0, 8), [0, 0, 0, 0]);
        assert_eq!(
            murmurhash3_x86_128_u64(1, 9),
            [2205482518, 2060344464, 1125017477, 2005428196]
        );
        assert_eq!(
            murmurhash3_x86_128_u64(5645848521451374617, 11),
            [435937528, 3130873269, 3795613978, 3265026642]
        );
        assert_eq!(
            murmurhash3_x86_128_u64(u64::MAX, 13),
            [3199409384, 1062937581, 752279700, 3061442444]
        );
    }
}
