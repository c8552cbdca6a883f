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
use super::linalg::{maxout_piece_major, LayerNorm, Matrix, PackedAffine};
use super::weights::{Tok2VecMeta, WeightFile};
use super::ModelError;

/// The lexical attributes a [`Tok2Vec`] may embed, in the column order of [`TokenAttrs`].
pub const ATTR_NAMES: [&str; 6] = ["NORM", "PREFIX", "SUFFIX", "SHAPE", "SPACY", "IS_SPACE"];

/// One token's attribute ids, as `Doc.to_array(ATTR_NAMES)` gives them: the string hashes of
/// NORM, PREFIX, SUFFIX and SHAPE, then SPACY (1 if a space follows) and IS_SPACE (0/1).
pub type TokenAttrs = [u64; 6];

/// Maxout pieces of the embedding layer (fixed in MultiHashEmbed.v2).
const EMBED_PIECES: usize = 3;

/// One HashEmbed table, pre-multiplied by its slice of the embedding Maxout weights.
#[derive(Debug, Clone)]
struct HashTable {
    /// Column of [`TokenAttrs`] this table embeds.
    column: usize,
    seed: u32,
    rows: u32,
    /// `rows` x `pieces * width`, piece-major.
    projected: Vec<f32>,
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
    /// Maxout bias of the embedding, piece-major.
    embed_bias: Vec<f32>,
    embed_norm: LayerNorm,
    layers: Vec<CnnLayer>,
    pad: usize,
}

/// Output order that makes a thinc (nO, nP) output block piece-major: entry `p * n_out + o`
/// is thinc's output `o * pieces + p`.
pub(crate) fn piece_major_order(n_out: usize, pieces: usize) -> Vec<usize> {
    (0..n_out * pieces).map(|j| (j % n_out) * pieces + j / n_out).collect()
}

impl Tok2Vec {
    /// Loads the tok2vec whose tensors are named `prefix.*`.
    pub(crate) fn load(file: &WeightFile, prefix: &str, meta: &Tok2VecMeta) -> Result<Self, ModelError> {
        let n_attrs = meta.attrs.len();
        if meta.seeds.len() != n_attrs || n_attrs == 0 {
            return Err(file.invalid(format!("{prefix}: {n_attrs} attrs but {} seeds", meta.seeds.len())));
        }
        let width = file.shape(&format!("{prefix}.embed.0.E"))?.get(1).copied().unwrap_or(0);
        let pieces = EMBED_PIECES;
        let wp = width * pieces;
        let order = piece_major_order(width, pieces);

        let embed_w = file.tensor(&format!("{prefix}.embed.maxout.W"), &[width, pieces, n_attrs * width])?;
        let embed_b = file.tensor(&format!("{prefix}.embed.maxout.b"), &[width, pieces])?;
        let mut tables = Vec::with_capacity(n_attrs);
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
            let mut projected = vec![0.0; rows * wp];
            affine.apply(&table, rows, width, &mut projected, wp);
            let rows = u32::try_from(rows).map_err(|_| file.invalid(format!("{name}: too many rows")))?;
            tables.push(HashTable { column, seed, rows, projected });
        }
        let embed_norm = load_norm(file, &format!("{prefix}.embed.norm"), width)?;

        let mut layers = Vec::with_capacity(meta.depth);
        for d in 0..meta.depth {
            let w = file.tensor(&format!("{prefix}.encode.{d}.maxout.W"), &[width, pieces, 3 * width])?;
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
        let n = attrs.len();
        let (w, wp) = (self.width, self.width * self.pieces);
        if n == 0 {
            return Matrix::zeros(0, w);
        }
        // Rows: one zero guard row (the window's edge), `pad` rows, the tokens, `pad` rows,
        // one zero guard row. The guard rows are never written.
        let total = n + 2 * self.pad;
        let mut cur = vec![0.0f32; (total + 2) * w];
        let mut next = vec![0.0f32; (total + 2) * w];
        let mut pre = vec![0.0f32; total.max(1) * wp];

        let first = 1 + self.pad;
        let acc = &mut pre[..wp];
        for (t, token) in attrs.iter().enumerate() {
            acc.copy_from_slice(&self.embed_bias);
            for table in &self.tables {
                for word in murmurhash3_x86_128_u64(token[table.column], table.seed) {
                    let row = (word % table.rows) as usize;
                    for (a, &v) in acc.iter_mut().zip(&table.projected[row * wp..(row + 1) * wp]) {
                        *a += v;
                    }
                }
            }
            let out = &mut cur[(first + t) * w..(first + t + 1) * w];
            maxout_piece_major(acc, out);
            self.embed_norm.apply(out);
        }

        for layer in &self.layers {
            layer.affine.apply(&cur, total, w, &mut pre, wp);
            for t in 0..total {
                let out = &mut next[(t + 1) * w..(t + 2) * w];
                maxout_piece_major(&pre[t * wp..(t + 1) * wp], out);
                layer.norm.apply(out);
                for (o, &x) in out.iter_mut().zip(&cur[(t + 1) * w..(t + 2) * w]) {
                    *o += x;
                }
            }
            std::mem::swap(&mut cur, &mut next);
        }
        cur.truncate((first + n) * w);
        cur.drain(..first * w);
        Matrix::from_vec(n, w, cur).expect("n rows of width w")
    }
}

fn load_norm(file: &WeightFile, prefix: &str, width: usize) -> Result<LayerNorm, ModelError> {
    Ok(LayerNorm {
        g: file.tensor(&format!("{prefix}.G"), &[width])?,
        b: file.tensor(&format!("{prefix}.b"), &[width])?,
    })
}
