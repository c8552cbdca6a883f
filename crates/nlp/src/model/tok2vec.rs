//! spaCy's Tok2Vec.v2 with MultiHashEmbed.v2 and MaxoutWindowEncoder.v2 (window 1).
//!
//! Embedding: each attribute id is hashed (thinc's MurmurHash3 with the table's seed) into four
//! rows of its table, the rows are summed, the attributes' sums are concatenated and passed
//! through Maxout (3 pieces) and LayerNorm. Because the Maxout is linear before the max, each
//! table row is multiplied by its slice of the Maxout weights once at load time; embedding a
//! token is then a sum of precomputed rows.
//!
//! Encoding: `depth` residual layers `x + LayerNorm(Maxout(window(x)))`, where `window(x)` puts
//! each row between its neighbours. As thinc's `with_array(pad=depth)` does, the document gets
//! `depth` zero rows on each side before the first layer and those rows are transformed like
//! tokens (they feed the edge tokens of later layers).

use super::hash::murmurhash3_x86_128_u64;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::linalg::{
    add_assign, lanes, lanes_mut, multiversion, LayerNorm, Matrix, PackedAffine, LANES, MAX_WIDTH,
};
use super::weights::{Tok2VecMeta, WeightFile};
use super::ModelError;

/// The lexical attributes a [`Tok2Vec`] may embed, in the column order of [`TokenAttrs`].
pub const ATTR_NAMES: [&str; 6] = ["NORM", "PREFIX", "SUFFIX", "SHAPE", "SPACY", "IS_SPACE"];

/// One token's attribute ids, as `Doc.to_array(ATTR_NAMES)` gives them: the string hashes of
/// NORM, PREFIX, SUFFIX and SHAPE, then SPACY (1 if a space follows) and IS_SPACE (0/1).
pub type TokenAttrs = [u64; 6];

/// Maxout pieces of the embedding layer (fixed in MultiHashEmbed.v2).
const EMBED_PIECES: usize = 3;

/// Most HashEmbed tables a tok2vec may have (one per attribute).
const MAX_TABLES: usize = ATTR_NAMES.len();
/// Rows summed per token: four per table.
const MAX_ROWS: usize = 4 * MAX_TABLES;
/// Columns of the embedding sum kept in registers at once (12 AVX registers).
const STRIP: usize = 12 * LANES;

/// One HashEmbed table. Its rows, pre-multiplied by the table's slice of the embedding Maxout
/// weights, are rows `first_row ..` of [`Tok2Vec::projected`].
#[derive(Debug, Clone)]
struct HashTable {
    /// Column of [`TokenAttrs`] this table embeds.
    column: usize,
    seed: u32,
    rows: u32,
    first_row: usize,
}

#[derive(Debug, Clone)]
struct CnnLayer {
    /// Window of three rows -> `pieces * width`, piece-major.
    affine: PackedAffine,
    norm: LayerNorm,
}

/// A token-to-vector network: token attributes in, one `width`-vector per token out.
#[derive(Debug, Clone)]
pub struct Tok2Vec {
    width: usize,
    pieces: usize,
    tables: Vec<HashTable>,
    /// The rows of all tables, each multiplied by its table's slice of the embedding Maxout
    /// weights (`pieces * width` per row, piece-major).
    projected: Vec<f32>,
    /// Maxout bias of the embedding, piece-major.
    embed_bias: Vec<f32>,
    embed_norm: LayerNorm,
    layers: Vec<CnnLayer>,
    pad: usize,
}

/// Output order that makes a thinc (nO, nP) output block piece-major: entry `p * n_out + o`
/// is thinc's output `o * pieces + p`.
pub(crate) fn piece_major_order(n_out: usize, pieces: usize) -> Vec<usize> {
    (0..n_out * pieces)
        .map(|j| (j % n_out) * pieces + j / n_out)
        .collect()
}

impl Tok2Vec {
    /// Loads the tok2vec whose tensors are named `prefix.*`.
    pub(crate) fn load(
        file: &WeightFile,
        prefix: &str,
        meta: &Tok2VecMeta,
    ) -> Result<Self, ModelError> {
        let n_attrs = meta.attrs.len();
        if meta.seeds.len() != n_attrs || n_attrs == 0 {
            return Err(file.invalid(format!(
                "{prefix}: {n_attrs} attrs but {} seeds",
                meta.seeds.len()
            )));
        }
        let width = file
            .shape(&format!("{prefix}.embed.0.E"))?
            .get(1)
            .copied()
            .unwrap_or(0);
        if width == 0 || width > MAX_WIDTH || width % LANES != 0 {
            return Err(file.invalid(format!("{prefix}: unsupported width {width}")));
        }
        if meta.pad < meta.depth {
            return Err(file.invalid(format!(
                "{prefix}: padding {} is less than depth {}",
                meta.pad, meta.depth
            )));
        }
        let pieces = EMBED_PIECES;
        let wp = width * pieces;
        let order = piece_major_order(width, pieces);

        let embed_w = file.tensor(
            &format!("{prefix}.embed.maxout.W"),
            &[width, pieces, n_attrs * width],
        )?;
        let embed_b = file.tensor(&format!("{prefix}.embed.maxout.b"), &[width, pieces])?;
        if n_attrs > MAX_TABLES {
            return Err(file.invalid(format!(
                "{prefix}: {n_attrs} attributes, at most {MAX_TABLES} supported"
            )));
        }
        let mut tables = Vec::with_capacity(n_attrs);
        let mut total_rows = 0;
        for i in 0..n_attrs {
            total_rows += file
                .shape(&format!("{prefix}.embed.{i}.E"))?
                .first()
                .copied()
                .unwrap_or(0);
        }
        let mut projected = Vec::with_capacity(total_rows * wp);
        for (i, (attr, &seed)) in meta.attrs.iter().zip(&meta.seeds).enumerate() {
            let column = ATTR_NAMES
                .iter()
                .position(|name| name == attr)
                .ok_or_else(|| file.invalid(format!("{prefix}: unsupported attribute {attr:?}")))?;
            let name = format!("{prefix}.embed.{i}.E");
            let rows = file.shape(&name)?.first().copied().unwrap_or(0);
            let table = file.tensor(&name, &[rows, width])?;
            // This attribute's slice of the Maxout weights: (wp x width), thinc row order.
            let slice: Vec<f32> = embed_w
                .chunks_exact(n_attrs * width)
                .flat_map(|row| &row[i * width..(i + 1) * width])
                .copied()
                .collect();
            let affine = PackedAffine::from_thinc(&slice, width, &order, None);
            let first_row = projected.len() / wp;
            projected.resize((first_row + rows) * wp, 0.0);
            affine.apply(&table, rows, width, &mut projected[first_row * wp..], wp);
            let rows =
                u32::try_from(rows).map_err(|_| file.invalid(format!("{name}: too many rows")))?;
            tables.push(HashTable {
                column,
                seed,
                rows,
                first_row,
            });
        }
        let embed_norm = load_norm(file, &format!("{prefix}.embed.norm"), width)?;

        let mut layers = Vec::with_capacity(meta.depth);
        for d in 0..meta.depth {
            let w = file.tensor(
                &format!("{prefix}.encode.{d}.maxout.W"),
                &[width, pieces, 3 * width],
            )?;
            let b = file.tensor(&format!("{prefix}.encode.{d}.maxout.b"), &[width, pieces])?;
            layers.push(CnnLayer {
                affine: PackedAffine::from_thinc(&w, 3 * width, &order, Some(&b)),
                norm: load_norm(file, &format!("{prefix}.encode.{d}.norm"), width)?,
            });
        }
        Ok(Tok2Vec {
            width,
            pieces,
            tables,
            projected,
            embed_bias: order.iter().map(|&j| embed_b[j]).collect(),
            embed_norm,
            layers,
            pad: meta.pad,
        })
    }

    /// Width of the output vectors (96).
    pub fn width(&self) -> usize {
        self.width
    }

    /// The token vectors of one document (`attrs.len()` x `width`).
    pub fn forward(&self, attrs: &[TokenAttrs]) -> Matrix {
        let mut out = Matrix::zeros(attrs.len(), self.width);
        if !attrs.is_empty() {
            SCRATCH.with(|scratch| {
                self.forward_into(attrs, &mut scratch.borrow_mut(), out.as_mut_slice())
            });
        }
        out
    }

    fn forward_into(&self, attrs: &[TokenAttrs], scratch: &mut Scratch, out: &mut [f32]) {
        let n = attrs.len();
        let (w, wp, pad) = (self.width, self.width * self.pieces, self.pad);
        // Rows: `pad` zero rows, the tokens, `pad` zero rows. Layer l (from 1) needs its
        // input only at rows l-1 .. total-l+1, so it computes rows l .. total-l; the last
        // layer computes exactly the tokens (pad == depth, checked at load).
        let total = n + 2 * pad;
        let Scratch {
            cur,
            next,
            pre,
            distinct,
            index,
        } = scratch;
        for buffer in [&mut *cur, &mut *next] {
            buffer.resize(total * w, 0.0);
        }
        pre.resize(total * wp, 0.0);
        cur[..pad * w].fill(0.0);
        cur[(pad + n) * w..].fill(0.0);
        // Tokens with the same attributes (frequent words, punctuation) have the same
        // embedding: compute each distinct one once, into `next`, then copy.
        distinct.clear();
        index.clear();
        let slots: Vec<usize> = attrs
            .iter()
            .map(|a| {
                *index.entry(*a).or_insert_with(|| {
                    distinct.push(*a);
                    distinct.len() - 1
                })
            })
            .collect();
        let u = distinct.len();
        embed_sums(self, distinct, &mut pre[..u * wp]);
        self.embed_norm
            .maxout_rows(pre, self.pieces, u, &[], &mut next[..u * w]);
        for (t, &slot) in slots.iter().enumerate() {
            cur[(pad + t) * w..(pad + t + 1) * w].copy_from_slice(&next[slot * w..(slot + 1) * w]);
        }
        for (l, layer) in self.layers.iter().enumerate() {
            let (start, end) = (l + 1, total - l - 1);
            let rows = end - start;
            layer
                .affine
                .apply(&cur[(start - 1) * w..], rows, w, pre, wp);
            layer.norm.maxout_rows(
                pre,
                self.pieces,
                rows,
                &cur[start * w..end * w],
                &mut next[start * w..end * w],
            );
            std::mem::swap(cur, next);
        }
        out.copy_from_slice(&cur[pad * w..(pad + n) * w]);
    }
}

/// Working memory of [`Tok2Vec::forward`], kept per thread between documents.
#[derive(Default)]
struct Scratch {
    /// Layer input, `width` per row.
    cur: Vec<f32>,
    /// Layer output, `width` per row.
    next: Vec<f32>,
    /// Maxout input, `pieces * width` per row.
    pre: Vec<f32>,
    /// The document's distinct attribute rows.
    distinct: Vec<TokenAttrs>,
    /// Position of each attribute row in `distinct`.
    index: HashMap<TokenAttrs, usize, BuildHasherDefault<AttrHasher>>,
}

/// A fast hasher for [`TokenAttrs`], whose first words are already string hashes.
#[derive(Default)]
struct AttrHasher(u64);

impl Hasher for AttrHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Tok2Vec {
    /// The projected rows that the hashes of `token`'s attributes select; returns how many.
    #[inline(always)]
    fn hashed_rows(&self, token: &TokenAttrs, rows: &mut [usize; MAX_ROWS]) -> usize {
        let mut n = 0;
        for table in &self.tables {
            for word in murmurhash3_x86_128_u64(token[table.column], table.seed) {
                rows[n] = table.first_row + (word % table.rows) as usize;
                n += 1;
            }
        }
        n
    }
}

multiversion! {
    /// The embedding Maxout's input for each token (`pieces * width`, piece-major) into `out`:
    /// bias plus the projected rows that the token's attribute hashes select.
    fn embed_sums(model: &Tok2Vec, attrs: &[TokenAttrs], out: &mut [f32]) {
        let wp = model.embed_bias.len();
        let table = &model.projected;
        let mut next_rows = [0usize; MAX_ROWS];
        let mut n_rows = attrs.first().map_or(0, |t| model.hashed_rows(t, &mut next_rows));
        for (t, acc) in out.chunks_exact_mut(wp).enumerate() {
            let rows = next_rows;
            let cur = &rows[..n_rows];
            // The rows are scattered over megabytes: ask for the next token's while this
            // token's are summed.
            if let Some(next) = attrs.get(t + 1) {
                n_rows = model.hashed_rows(next, &mut next_rows);
                for &row in &next_rows[..n_rows] {
                    prefetch(&table[row * wp..(row + 1) * wp]);
                }
            }
            let mut col = 0;
            while col + STRIP <= wp {
                let mut sum = [[0.0f32; LANES]; STRIP / LANES];
                for (s, b) in sum.iter_mut().zip(lanes(&model.embed_bias[col..col + STRIP])) {
                    *s = *b;
                }
                for &row in cur {
                    let src = &table[row * wp + col..row * wp + col + STRIP];
                    for (s, x) in sum.iter_mut().zip(lanes(src)) {
                        for (s, &x) in s.iter_mut().zip(x) {
                            *s += x;
                        }
                    }
                }
                for (o, s) in lanes_mut(&mut acc[col..col + STRIP]).zip(&sum) {
                    *o = *s;
                }
                col += STRIP;
            }
            if col < wp {
                acc[col..].copy_from_slice(&model.embed_bias[col..]);
                for &row in cur {
                    add_assign(&mut acc[col..], &table[row * wp + col..(row + 1) * wp]);
                }
            }
        }
    }
}

/// Hints the CPU to fetch `data` into the cache.
#[inline(always)]
fn prefetch(data: &[f32]) {
    #[cfg(target_arch = "x86_64")]
    for line in data.chunks(16) {
        // SAFETY: prefetching is a hint and never faults; the address is in bounds anyway.
        unsafe {
            std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                line.as_ptr().cast(),
            );
        }
    }
}

fn load_norm(file: &WeightFile, prefix: &str, width: usize) -> Result<LayerNorm, ModelError> {
    Ok(LayerNorm {
        g: file.tensor(&format!("{prefix}.G"), &[width])?,
        b: file.tensor(&format!("{prefix}.b"), &[width])?,
    })
}
