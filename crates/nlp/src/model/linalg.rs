//! Dense linear algebra for the networks: a row-major matrix, a pre-packed weight matrix with a
//! fast affine product (AVX2/FMA when the CPU has it, portable code otherwise), maxout and
//! layer normalisation.

/// A dense row-major matrix of `f32`.
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    rows: usize,
    cols: usize,
    data: Vec<f32>,
}

impl Matrix {
    /// A `rows` x `cols` matrix of zeros.
    pub fn zeros(rows: usize, cols: usize) -> Self {
        Matrix {
            rows,
            cols,
            data: vec![0.0; rows * cols],
        }
    }

    /// Wraps row-major `data`; `None` if its length is not `rows * cols`.
    pub fn from_vec(rows: usize, cols: usize, data: Vec<f32>) -> Option<Self> {
        (data.len() == rows * cols).then_some(Matrix { rows, cols, data })
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Row `i`.
    pub fn row(&self, i: usize) -> &[f32] {
        &self.data[i * self.cols..(i + 1) * self.cols]
    }

    /// Row `i`, mutable.
    pub fn row_mut(&mut self, i: usize) -> &mut [f32] {
        &mut self.data[i * self.cols..(i + 1) * self.cols]
    }

    /// All values, row after row.
    pub fn as_slice(&self) -> &[f32] {
        &self.data
    }

    /// All values, row after row, mutable.
    pub fn as_mut_slice(&mut self) -> &mut [f32] {
        &mut self.data
    }

    /// The values, row after row.
    pub fn into_vec(self) -> Vec<f32> {
        self.data
    }
}

/// Columns per packed panel: two AVX registers of 8 lanes.
const PANEL: usize = 16;
/// Rows per register block of the AVX2 kernel (6 x 2 accumulators + 2 weight registers + 1
/// broadcast fit in the 16 ymm registers).
const BLOCK_ROWS: usize = 6;
/// Rows of the left operand processed together, so that they stay in the L2 cache while every
/// weight panel passes over them.
const CHUNK_ROWS: usize = 48;

/// One input's weights for the 16 outputs of a panel, aligned to a cache line so that the
/// kernel's two 8-lane loads never straddle lines.
#[derive(Debug, Clone, Copy)]
#[repr(C, align(64))]
struct PanelRow([f32; PANEL]);

/// An affine map `x -> x W + b` with `W` (k x n) stored in column panels of 16, ready for
/// the product kernels. Built once from a thinc weight matrix.
#[derive(Debug, Clone)]
pub struct PackedAffine {
    k: usize,
    n: usize,
    /// `panels * k` rows: panel `p` holds, for each input `i`, the weights of outputs
    /// `p*16 .. p*16+16` (zero beyond `n`).
    panels: Vec<PanelRow>,
    /// `panels * PANEL` values, zero beyond `n`.
    bias: Vec<f32>,
}

impl PackedAffine {
    /// Packs thinc's layout: `weights` is (n x k) row-major (one row per output), and output `j`
    /// of the packed map is thinc's output `order[j]`; `bias[order[j]]` is added when given.
    pub fn from_thinc(weights: &[f32], k: usize, order: &[usize], bias: Option<&[f32]>) -> Self {
        let n = order.len();
        let n_panels = n.div_ceil(PANEL);
        let mut panels = vec![PanelRow([0.0; PANEL]); n_panels * k];
        let mut packed_bias = vec![0.0; n_panels * PANEL];
        for (j, &source) in order.iter().enumerate() {
            let (p, lane) = (j / PANEL, j % PANEL);
            let w = &weights[source * k..(source + 1) * k];
            for (i, &value) in w.iter().enumerate() {
                panels[p * k + i].0[lane] = value;
            }
            if let Some(bias) = bias {
                packed_bias[j] = bias[source];
            }
        }
        PackedAffine {
            k,
            n,
            panels,
            bias: packed_bias,
        }
    }

    /// Input width.
    pub fn k(&self) -> usize {
        self.k
    }

    /// Output width.
    pub fn n(&self) -> usize {
        self.n
    }

    /// `out[r*ldc + j] = b[j] + sum_i a[r*lda + i] * W[i][j]` for `r < rows`, `j < n`.
    /// Rows of `a` may overlap (`lda < k`), which turns a window of consecutive rows into one
    /// product without copying.
    pub fn apply(&self, a: &[f32], rows: usize, lda: usize, out: &mut [f32], ldc: usize) {
        if rows == 0 {
            return;
        }
        assert!(
            a.len() >= (rows - 1) * lda + self.k,
            "left operand too short"
        );
        assert!(
            out.len() >= (rows - 1) * ldc + self.n && ldc >= self.n,
            "output too short"
        );
        #[cfg(target_arch = "x86_64")]
        {
            if has_avx2_fma() {
                // SAFETY: the CPU supports AVX2 and FMA; bounds were checked above.
                unsafe { avx2::apply(self, a, rows, lda, out, ldc) };
                return;
            }
        }
        self.apply_portable(a, rows, lda, out, ldc);
    }

    fn apply_portable(&self, a: &[f32], rows: usize, lda: usize, out: &mut [f32], ldc: usize) {
        let k = self.k;
        for p in 0..self.n.div_ceil(PANEL) {
            let panel = &self.panels[p * k..(p + 1) * k];
            let width = PANEL.min(self.n - p * PANEL);
            for r in 0..rows {
                let mut acc = [0.0f32; PANEL];
                acc.copy_from_slice(&self.bias[p * PANEL..(p + 1) * PANEL]);
                let x = &a[r * lda..r * lda + k];
                for (&xi, w) in x.iter().zip(panel) {
                    for (acc, &w) in acc.iter_mut().zip(&w.0) {
                        *acc += xi * w;
                    }
                }
                out[r * ldc + p * PANEL..r * ldc + p * PANEL + width]
                    .copy_from_slice(&acc[..width]);
            }
        }
    }
}

/// Whether the AVX2 + FMA kernels can run here (cached by std after the first call).
#[cfg(target_arch = "x86_64")]
pub(crate) fn has_avx2_fma() -> bool {
    std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use super::{PackedAffine, BLOCK_ROWS, CHUNK_ROWS, PANEL};
    use std::arch::x86_64::*;

    /// See [`PackedAffine::apply`].
    #[target_feature(enable = "avx2,fma")]
    pub(super) unsafe fn apply(
        m: &PackedAffine,
        a: &[f32],
        rows: usize,
        lda: usize,
        out: &mut [f32],
        ldc: usize,
    ) {
        let n_panels = m.n.div_ceil(PANEL);
        let a = a.as_ptr();
        let c = out.as_mut_ptr();
        if rows == 1 {
            // One row (a single parser state): four panels at once keep eight independent
            // accumulator chains in flight.
            let mut p = 0;
            while p + 4 <= n_panels {
                block::<1, 4>(m, p, a, lda, c, ldc);
                p += 4;
            }
            while p < n_panels {
                block::<1, 1>(m, p, a, lda, c, ldc);
                p += 1;
            }
            return;
        }
        let mut start = 0;
        while start < rows {
            let end = rows.min(start + CHUNK_ROWS);
            for p in 0..n_panels {
                let mut r = start;
                while r + BLOCK_ROWS <= end {
                    block::<BLOCK_ROWS, 1>(m, p, a.add(r * lda), lda, c.add(r * ldc), ldc);
                    r += BLOCK_ROWS;
                }
                let (ar, cr) = (a.add(r * lda), c.add(r * ldc));
                match end - r {
                    0 => {}
                    1 => block::<1, 1>(m, p, ar, lda, cr, ldc),
                    2 => block::<2, 1>(m, p, ar, lda, cr, ldc),
                    3 => block::<3, 1>(m, p, ar, lda, cr, ldc),
                    4 => block::<4, 1>(m, p, ar, lda, cr, ldc),
                    _ => block::<5, 1>(m, p, ar, lda, cr, ldc),
                }
            }
            start = end;
        }
    }

    /// `R` rows times panels `p0 .. p0+P`.
    #[inline(always)]
    unsafe fn block<const R: usize, const P: usize>(
        m: &PackedAffine,
        p0: usize,
        a: *const f32,
        lda: usize,
        c: *mut f32,
        ldc: usize,
    ) {
        let k = m.k;
        let mut acc = [[[_mm256_setzero_ps(); 2]; P]; R];
        let mut w = [std::ptr::null::<f32>(); P];
        for q in 0..P {
            let bias = m.bias.as_ptr().add((p0 + q) * PANEL);
            for row in acc.iter_mut() {
                row[q] = [_mm256_loadu_ps(bias), _mm256_loadu_ps(bias.add(8))];
            }
            w[q] = m.panels.as_ptr().add((p0 + q) * k).cast::<f32>();
        }
        for i in 0..k {
            for q in 0..P {
                let w0 = _mm256_loadu_ps(w[q].add(i * PANEL));
                let w1 = _mm256_loadu_ps(w[q].add(i * PANEL + 8));
                for (r, row) in acc.iter_mut().enumerate() {
                    let x = _mm256_broadcast_ss(&*a.add(r * lda + i));
                    row[q][0] = _mm256_fmadd_ps(x, w0, row[q][0]);
                    row[q][1] = _mm256_fmadd_ps(x, w1, row[q][1]);
                }
            }
        }
        for q in 0..P {
            let col = (p0 + q) * PANEL;
            let width = PANEL.min(m.n - col);
            for (r, row) in acc.iter().enumerate() {
                let dst = c.add(r * ldc + col);
                if width == PANEL {
                    _mm256_storeu_ps(dst, row[q][0]);
                    _mm256_storeu_ps(dst.add(8), row[q][1]);
                } else {
                    let mut tmp = [0.0f32; PANEL];
                    _mm256_storeu_ps(tmp.as_mut_ptr(), row[q][0]);
                    _mm256_storeu_ps(tmp.as_mut_ptr().add(8), row[q][1]);
                    std::ptr::copy_nonoverlapping(tmp.as_ptr(), dst, width);
                }
            }
        }
    }
}

/// Defines a function twice, as written and compiled for AVX2 + FMA, and calls the AVX2 one
/// when the CPU has those features. The body's plain loops over 8-lane chunks then become
/// 8-wide vector code.
macro_rules! multiversion {
    ($(#[$attr:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $body:block) => {
        $(#[$attr])*
        $vis fn $name($($arg: $ty),*) {
            #[inline(always)]
            fn body($($arg: $ty),*) $body
            #[cfg(target_arch = "x86_64")]
            {
                #[target_feature(enable = "avx2,fma")]
                unsafe fn avx2($($arg: $ty),*) {
                    body($($arg),*)
                }
                if $crate::model::linalg::has_avx2_fma() {
                    // SAFETY: the CPU supports the enabled features.
                    return unsafe { avx2($($arg),*) };
                }
            }
            body($($arg),*)
        }
    };
}
pub(crate) use multiversion;

/// Lanes of the element-wise loops (one AVX register); row widths must be multiples of it.
pub const LANES: usize = 8;

/// `x` as 8-lane chunks.
#[inline(always)]
pub fn lanes(x: &[f32]) -> impl Iterator<Item = &[f32; LANES]> {
    x.chunks_exact(LANES)
        .map(|c| c.try_into().expect("8 lanes"))
}

/// `x` as mutable 8-lane chunks.
#[inline(always)]
pub fn lanes_mut(x: &mut [f32]) -> impl Iterator<Item = &mut [f32; LANES]> {
    x.chunks_exact_mut(LANES)
        .map(|c| c.try_into().expect("8 lanes"))
}

/// `acc += x`, lane by lane.
#[inline(always)]
pub fn add_assign(acc: &mut [f32], x: &[f32]) {
    for (a, x) in lanes_mut(acc).zip(lanes(x)) {
        for (a, &x) in a.iter_mut().zip(x) {
            *a += x;
        }
    }
}

/// Maxout over pieces stored piece-major: `out[o] = max_p x[p * out.len() + o]`
/// (`out.len()` a multiple of [`LANES`]).
#[inline(always)]
pub fn maxout_piece_major(x: &[f32], out: &mut [f32]) {
    let n = out.len();
    let pieces = x.len() / n;
    for (chunk, o) in lanes_mut(out).enumerate() {
        let at = |p: usize| -> &[f32; LANES] {
            x[p * n + chunk * LANES..p * n + (chunk + 1) * LANES]
                .try_into()
                .expect("8 lanes")
        };
        let mut m = *at(0);
        for p in 1..pieces {
            for (m, &v) in m.iter_mut().zip(at(p)) {
                // thinc keeps the first of equal maxima; the value is the same either way.
                *m = if v > *m { v } else { *m };
            }
        }
        *o = m;
    }
}

/// The sum of `x` (a multiple of [`LANES`] long) in eight interleaved partial sums.
#[inline(always)]
fn lane_sum(x: &[f32]) -> f32 {
    let mut acc = [0.0f32; LANES];
    add_lanes(&mut acc, x, |v| v);
    ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]))
}

#[inline(always)]
fn add_lanes(acc: &mut [f32; LANES], x: &[f32], f: impl Fn(f32) -> f32) {
    for c in lanes(x) {
        for (a, &v) in acc.iter_mut().zip(c) {
            *a += f(v);
        }
    }
}

/// Largest row width [`LayerNorm::maxout_rows`] handles.
pub const MAX_WIDTH: usize = 256;

/// thinc's LayerNorm: `(x - mean) * (var + 1e-8)^-1/2 * g + b` over each row.
#[derive(Debug, Clone)]
pub struct LayerNorm {
    /// Scale, one per column.
    pub g: Vec<f32>,
    /// Shift, one per column.
    pub b: Vec<f32>,
}

impl LayerNorm {
    /// Row width.
    pub fn width(&self) -> usize {
        self.g.len()
    }

    /// For each of `rows` rows of `pre` (`pieces * width` values, piece-major): maxout, then
    /// normalise, then add the same row of `residual` if given (empty for none), into `out`
    /// (`width` per row). The width must be a multiple of [`LANES`], at most [`MAX_WIDTH`].
    pub fn maxout_rows(
        &self,
        pre: &[f32],
        pieces: usize,
        rows: usize,
        residual: &[f32],
        out: &mut [f32],
    ) {
        maxout_norm_rows(self, pre, pieces, rows, residual, out);
    }
}

multiversion! {
    fn maxout_norm_rows(norm: &LayerNorm, pre: &[f32], pieces: usize, rows: usize, residual: &[f32], out: &mut [f32]) {
        let w = norm.width();
        let n = w as f32;
        let mut h = [0.0f32; MAX_WIDTH];
        let h = &mut h[..w];
        for t in 0..rows {
            maxout_piece_major(&pre[t * pieces * w..(t + 1) * pieces * w], h);
            let mean = lane_sum(h) / n;
            let mut sq = [0.0f32; LANES];
            add_lanes(&mut sq, h, |v| (v - mean) * (v - mean));
            let var = (((sq[0] + sq[4]) + (sq[1] + sq[5])) + ((sq[2] + sq[6]) + (sq[3] + sq[7]))) / n + 1e-8;
            let scale = 1.0 / var.sqrt();
            let o = &mut out[t * w..(t + 1) * w];
            let (g, b) = (&norm.g[..w], &norm.b[..w]);
            if residual.is_empty() {
                for i in 0..w {
                    o[i] = (h[i] - mean) * scale * g[i] + b[i];
                }
            } else {
                let r = &residual[t * w..(t + 1) * w];
                for i in 0..w {
                    o[i] = ((h[i] - mean) * scale * g[i] + b[i]) + r[i];
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reference `x W^T + b` in f64 with thinc's (out x in) weight layout.
    fn reference(
        x: &[f32],
        rows: usize,
        lda: usize,
        w: &[f32],
        n: usize,
        k: usize,
        b: &[f32],
    ) -> Vec<f32> {
        let mut out = vec![0.0; rows * n];
        for r in 0..rows {
            for j in 0..n {
                let mut s = b[j] as f64;
                for i in 0..k {
                    s += x[r * lda + i] as f64 * w[j * k + i] as f64;
                }
                out[r * n + j] = s as f32;
            }
        }
        out
    }

    fn pseudo_random(len: usize, seed: u32) -> Vec<f32> {
        let mut state = seed.wrapping_mul(2654435761).wrapping_add(1);
        (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                (state % 2001) as f32 / 1000.0 - 1.0
            })
            .collect()
    }

    #[test]
    fn packed_affine_matches_reference_for_all_block_shapes() {
        let (k, n) = (37, 45);
        let w = pseudo_random(n * k, 1);
        let b = pseudo_random(n, 2);
        let order: Vec<usize> = (0..n).collect();
        let packed = PackedAffine::from_thinc(&w, k, &order, Some(&b));
        for rows in [1, 2, 5, 6, 7, 13, 130] {
            let lda = k + 3;
            let x = pseudo_random(rows * lda, rows as u32);
            let expected = reference(&x, rows, lda, &w, n, k, &b);
            let mut got = vec![f32::NAN; rows * n];
            packed.apply(&x, rows, lda, &mut got, n);
            let mut portable = vec![f32::NAN; rows * n];
            packed.apply_portable(&x, rows, lda, &mut portable, n);
            for ((e, g), p) in expected.iter().zip(&got).zip(&portable) {
                assert!(
                    (e - g).abs() < 1e-4 && (e - p).abs() < 1e-4,
                    "rows {rows}: {e} {g} {p}"
                );
            }
        }
    }

    #[test]
    fn packed_affine_reorders_outputs_and_reads_overlapping_rows() {
        // Two inputs, three outputs, reversed; rows overlap with stride 1 (a sliding window).
        let w = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let packed = PackedAffine::from_thinc(&w, 2, &[2, 1, 0], Some(&[0.5, 0.25, 0.125]));
        let x = [1.0, 10.0, 100.0];
        let mut out = [0.0; 6];
        packed.apply(&x, 2, 1, &mut out, 3);
        assert_eq!(out, [65.125, 43.25, 21.5, 650.125, 430.25, 210.5]);
    }

    #[test]
    fn maxout_then_layer_norm_then_residual() {
        // Two rows of eight outputs with three pieces each, piece-major: piece p of output o
        // in row t is o + 10p for even o and o - 10p for odd o, plus 100t.
        let value = |t: usize, p: usize, o: usize| {
            let step = [10.0, -10.0][o % 2];
            o as f32 + step * p as f32 + 100.0 * t as f32
        };
        let pre: Vec<f32> = (0..2)
            .flat_map(|t| (0..3).flat_map(move |p| (0..8).map(move |o| value(t, p, o))))
            .collect();
        let norm = LayerNorm {
            g: vec![2.0; 8],
            b: vec![1.0; 8],
        };
        let mut out = [0.0; 16];
        norm.maxout_rows(&pre, 3, 2, &[], &mut out);
        // The maxima, o + 20 for even o and o for odd o (plus 100t), have mean 13.5 (+100t)
        // and variance 95.25 in both rows.
        for (t, row) in out.chunks(8).enumerate() {
            for (o, &got) in row.iter().enumerate() {
                let m = o as f32 + [20.0, 0.0][o % 2];
                let expected = (m - 13.5) / 95.25f32.sqrt() * 2.0 + 1.0;
                assert!(
                    (got - expected).abs() < 1e-5,
                    "row {t} output {o}: {got} vs {expected}"
                );
            }
        }
        let residual: Vec<f32> = (0..16).map(|i| i as f32).collect();
        let mut with_residual = [0.0; 16];
        norm.maxout_rows(&pre, 3, 2, &residual, &mut with_residual);
        for i in 0..16 {
            assert!((with_residual[i] - out[i] - i as f32).abs() < 1e-5);
        }
        let long: Vec<f32> = (0..24).map(|i| i as f32).collect();
        assert_eq!(lane_sum(&long), 276.0);
    }
}
