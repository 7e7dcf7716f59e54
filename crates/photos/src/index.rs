//! Reused photos among many: multi-index hashing over the 64-bit pHash, exact checks.

use crate::hash::{hamming, PhotoHash, MIN_CONTRAST};
use crate::verify::{
    Confirmer, Similarity, MIN_CHROMA_SIMILARITY, MIN_GREY_SIMILARITY, MIN_SIMILARITY,
};

/// Default [`PhotoIndex::near_duplicates`] threshold: the pHash distance, allowing for a
/// small crop ([`PhotoHash::distance`], of 64 bits), within which two photos are
/// candidates for the thumbnail check.
///
/// Measured in `tests/synthetic.rs` (see the crate documentation): every copy of 240
/// portraits, whichever of the seven changes, is within 12 of its original (the worst:
/// brightened, or cropped, shrunk, brightened and recompressed at once); the plain
/// full-frame pHash would need 26 for the crops. Distances are even (every hash has the
/// same number of set bits), so 12 leaves no slack to 13; 14 would double the candidates
/// (803 → 1 698 of 57 360 distinct pair-orientations) for no copy measured.
pub const DEFAULT_MAX_DISTANCE: u32 = 12;

/// How a [`PhotoIndex`] treats its photos.
#[derive(Clone, Debug, PartialEq)]
pub struct IndexOptions {
    /// Photos whose [`PhotoHash::contrast`] is below this are excluded as low-information
    /// (see [`MIN_CONTRAST`]) and listed in [`PhotoIndex::low_information`].
    pub min_contrast: f32,
    /// Also pair a photo with the mirror image of another (a selfie camera or an
    /// editor's "flip" is the cheapest disguise). Costs a second probe per photo.
    pub mirrored: bool,
    /// A photo confirmed as the same picture as more than this many others is a common
    /// image (a platform's default avatar, a stock picture): it is reported in
    /// [`Matches::common`] and none of its pairs are listed, so one placeholder cannot
    /// tie thousands of people into one network. (A photo with more than
    /// `max(1000, 20 × max_neighbors)` pHash candidates is common without checking them,
    /// which bounds the work.)
    pub max_neighbors: usize,
    /// Candidates (within the pHash distance) are confirmed when their aligned
    /// [`similarity`](crate::similarity) is at least this; `f32::NEG_INFINITY` reports
    /// every candidate. See [`MIN_SIMILARITY`](crate::MIN_SIMILARITY).
    pub min_similarity: f32,
    /// …and, when both are in colour, their chroma similarity at least this. See
    /// [`MIN_CHROMA_SIMILARITY`](crate::MIN_CHROMA_SIMILARITY).
    pub min_chroma_similarity: f32,
    /// When either photo is greyscale, the luma similarity needed instead. See
    /// [`MIN_GREY_SIMILARITY`](crate::MIN_GREY_SIMILARITY).
    pub min_grey_similarity: f32,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            min_contrast: MIN_CONTRAST,
            mirrored: true,
            max_neighbors: 50,
            min_similarity: MIN_SIMILARITY,
            min_chroma_similarity: MIN_CHROMA_SIMILARITY,
            min_grey_similarity: MIN_GREY_SIMILARITY,
        }
    }
}

/// Two people whose photos are the same picture.
#[derive(Clone, Debug, PartialEq)]
pub struct PhotoPair {
    /// Smaller id.
    pub a: u32,
    /// Larger id.
    pub b: u32,
    /// pHash Hamming distance, allowing for a small crop ([`PhotoHash::distance`]; for
    /// a mirrored pair, between one photo and the other's mirror image).
    pub distance: u32,
    /// Aligned thumbnail luma correlation ([`similarity`](crate::similarity)) that
    /// confirmed the pair.
    pub similarity: f32,
    /// Chroma cosine, when both photos are in colour.
    pub chroma_similarity: Option<f32>,
    /// dHash Hamming distance in the same orientation: a second opinion (copies are
    /// typically under 12, unrelated photos 20–40).
    pub dhash_distance: u32,
    /// The pair matched only once one photo was mirrored left–right.
    pub mirrored: bool,
}

/// A pair within the pHash distance, before the thumbnail check
/// ([`PhotoIndex::candidates`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Smaller id.
    pub a: u32,
    /// Larger id.
    pub b: u32,
    /// [`PhotoHash::distance`] (mirrored if `mirrored`).
    pub distance: u32,
    /// Within the distance only once one photo is mirrored.
    pub mirrored: bool,
}

/// A photo left out of matching because it carries too little to hash.
#[derive(Clone, Debug, PartialEq)]
pub struct LowInformation {
    /// The photo's id.
    pub id: u32,
    /// Its [`PhotoHash::contrast`].
    pub contrast: f32,
}

/// A photo close to more than [`IndexOptions::max_neighbors`] others.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommonPhoto {
    /// The photo's id.
    pub id: u32,
    /// Neighbours counted before counting stopped (more than the limit).
    pub neighbors: usize,
}

/// What a search did, for reports and tuning.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchStats {
    /// Photos searched (after low-information exclusions).
    pub photos: usize,
    /// Bands the 64 bits were split into.
    pub bands: usize,
    /// Hamming radius searched within each band (`⌊max_distance / bands⌋`).
    pub band_radius: u32,
    /// Band keys looked up.
    pub probes: u64,
    /// Index entries whose full distance was computed.
    pub checked: u64,
    /// Candidate pairs within the pHash distance (a pair within it both unmirrored and
    /// mirrored counts twice).
    pub candidates: u64,
    /// Candidates the thumbnail check confirmed.
    pub confirmed: u64,
}

/// The result of [`PhotoIndex::near_duplicates`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Matches {
    /// Pairs within the threshold, ordered by `(a, b)`; neither side is a common photo.
    pub pairs: Vec<PhotoPair>,
    /// Photos with too many neighbours, ordered by id (see [`IndexOptions::max_neighbors`]).
    pub common: Vec<CommonPhoto>,
    /// Work done.
    pub stats: SearchStats,
}

/// Photos indexed for near-duplicate search.
///
/// ```
/// use redflag_photos::{PhotoHash, PhotoIndex};
/// use image::{DynamicImage, RgbImage, Rgb};
///
/// let draw = |shift: f32| DynamicImage::ImageRgb8(RgbImage::from_fn(96, 96, |x, y| {
///     let d = ((x as f32 - 40.0 - shift).powi(2) + (y as f32 - 44.0).powi(2)).sqrt();
///     let v = if d < 25.0 { 220 } else { (y * 2) as u8 };
///     Rgb([v, v / 2, (x * 2) as u8])
/// }));
/// let original = draw(0.0);
/// let resized = original.resize_exact(60, 60, image::imageops::FilterType::Triangle);
/// let other = DynamicImage::ImageRgb8(RgbImage::from_fn(96, 96, |x, y| {
///     Rgb([((x * y) % 256) as u8, (y * 2) as u8, 255 - (x * 2) as u8])
/// }));
/// let index = PhotoIndex::new([
///     (1, PhotoHash::from_image(&original)),
///     (2, PhotoHash::from_image(&resized)),
///     (3, PhotoHash::from_image(&other)),
/// ]);
/// let pairs = index.near_duplicates(redflag_photos::DEFAULT_MAX_DISTANCE).pairs;
/// assert_eq!(pairs.len(), 1);
/// assert_eq!((pairs[0].a, pairs[0].b), (1, 2));
/// ```
#[derive(Clone, Debug)]
pub struct PhotoIndex {
    options: IndexOptions,
    ids: Vec<u32>,
    hashes: Vec<PhotoHash>,
    low_information: Vec<LowInformation>,
}

impl PhotoIndex {
    /// Indexes `(id, hash)` entries with [`IndexOptions::default`]. Ids are the caller's
    /// (e.g. a row number); a pair never joins an id to itself.
    pub fn new(entries: impl IntoIterator<Item = (u32, PhotoHash)>) -> Self {
        Self::with_options(entries, IndexOptions::default())
    }

    /// Indexes entries with the given options; low-information photos are set aside.
    pub fn with_options(
        entries: impl IntoIterator<Item = (u32, PhotoHash)>,
        options: IndexOptions,
    ) -> Self {
        let mut index = PhotoIndex {
            options,
            ids: Vec::new(),
            hashes: Vec::new(),
            low_information: Vec::new(),
        };
        for (id, hash) in entries {
            if hash.is_low_information(index.options.min_contrast) {
                index.low_information.push(LowInformation {
                    id,
                    contrast: hash.contrast,
                });
            } else {
                index.ids.push(id);
                index.hashes.push(hash);
            }
        }
        index
    }

    /// Photos that will be searched.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether no photo will be searched.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Photos excluded as low-information, in the order added.
    pub fn low_information(&self) -> &[LowInformation] {
        &self.low_information
    }

    /// The candidate pairs (photo indexes `a < b`, mirrored, smallest distance; both
    /// orientations of a pair adjacent, unmirrored first), the photos with too many
    /// candidates, and the work done.
    #[allow(clippy::type_complexity)]
    fn search(&self, max_distance: u32) -> (Vec<(u32, u32, bool, u32)>, Vec<usize>, SearchStats) {
        let d = max_distance.min(64);
        let n = self.hashes.len();
        // Entries: (hash, photo, mirrored).
        let mut entry_hash = Vec::with_capacity(n * 12);
        let mut entry_photo = Vec::with_capacity(n * 12);
        let mut entry_mirrored = Vec::with_capacity(n * 12);
        for (i, h) in self.hashes.iter().enumerate() {
            let orientations: &[bool] = if self.options.mirrored {
                &[false, true]
            } else {
                &[false]
            };
            for &mirrored in orientations {
                for v in h.variants(mirrored) {
                    entry_hash.push(v);
                    entry_photo.push(i as u32);
                    entry_mirrored.push(mirrored);
                }
            }
        }
        let layout = Layout::choose(d, entry_hash.len());
        // Bands are cut from the bits in a spread order (Hamming distance does not
        // change): neighbouring DCT coefficients are correlated, and a band of them
        // would put most photos into a few keys.
        let spread_hash: Vec<u64> = entry_hash.iter().map(|&h| spread(h)).collect();
        let tables: Vec<Table> = layout
            .bands
            .iter()
            .map(|band| Table::new(&spread_hash, band))
            .collect();
        let mut stats = SearchStats {
            photos: n,
            bands: layout.bands.len(),
            band_radius: layout.radius,
            ..SearchStats::default()
        };
        let max_neighbors = self.options.max_neighbors;
        // A photo with this many candidates is common whatever the thumbnails say: the
        // cap bounds the work one placeholder image can cause.
        let max_candidates = max_neighbors.saturating_mul(20).max(1000);
        // 0: not common, else the neighbours counted.
        let mut common = vec![0usize; n];
        // (a, b, mirrored, distance) as photo indexes, a < b.
        let mut found: Vec<(u32, u32, bool, u32)> = Vec::new();
        let mut neighbours: Vec<u32> = Vec::new();
        for (i, common_i) in common.iter_mut().enumerate() {
            neighbours.clear();
            let first = found.len();
            let q = spread(self.hashes[i].phash);
            layout.search(q, &tables, &spread_hash, &mut stats, |e, dist| {
                let j = entry_photo[e];
                if j as usize == i || self.ids[j as usize] == self.ids[i] {
                    return true;
                }
                neighbours.push(j);
                if neighbours.len() > max_candidates {
                    neighbours.sort_unstable();
                    neighbours.dedup();
                    if neighbours.len() > max_candidates {
                        return false;
                    }
                }
                let (a, b) = (j.min(i as u32), j.max(i as u32));
                found.push((a, b, entry_mirrored[e], dist));
                true
            });
            neighbours.sort_unstable();
            neighbours.dedup();
            if neighbours.len() > max_candidates {
                *common_i = neighbours.len();
                found.truncate(first);
            }
        }
        found.sort_unstable();
        // The smallest distance per pair and orientation (found from either side, under
        // several variants).
        found.dedup_by(|next, kept| (next.0, next.1, next.2) == (kept.0, kept.1, kept.2));
        found.retain(|&(a, b, _, _)| common[a as usize] == 0 && common[b as usize] == 0);
        stats.candidates = found.len() as u64;
        (found, common, stats)
    }

    /// Every candidate pair within `max_distance` ([`PhotoHash::distance`], and mirrored
    /// with [`IndexOptions::mirrored`]) before the thumbnail check: what
    /// [`near_duplicates`](Self::near_duplicates) confirms. For tuning and analysis;
    /// exactly the pairs comparing every photo with every other would find (less those
    /// of photos with too many candidates). Ordered by `(a, b)`; also returns the work
    /// done.
    pub fn candidates(&self, max_distance: u32) -> (Vec<Candidate>, SearchStats) {
        let (found, common, stats) = self.search(max_distance);
        let mut out: Vec<Candidate> = Vec::with_capacity(found.len());
        for &(a, b, mirrored, distance) in &found {
            if common[a as usize] != 0 || common[b as usize] != 0 {
                continue;
            }
            if out.last().is_some_and(|c: &Candidate| (c.a, c.b) == (a, b)) {
                continue; // the unmirrored orientation came first
            }
            out.push(Candidate {
                a,
                b,
                distance,
                mirrored,
            });
        }
        for c in out.iter_mut() {
            let (ia, ib) = (self.ids[c.a as usize], self.ids[c.b as usize]);
            (c.a, c.b) = (ia.min(ib), ia.max(ib));
        }
        out.sort_by_key(|c| (c.a, c.b, c.distance));
        out.dedup_by_key(|c| (c.a, c.b));
        (out, stats)
    }

    /// Every pair of photos that are one picture: pHash distance at most
    /// `max_distance` allowing for a small crop ([`PhotoHash::distance`]; with
    /// [`IndexOptions::mirrored`], also after mirroring one), confirmed by the aligned
    /// thumbnails ([`IndexOptions::min_similarity`]).
    ///
    /// Multi-index hashing: every photo is entered under its full-frame pHash and the
    /// pHashes of its [`CROPS`](crate::CROPS) (and their mirror images); the 64 bits are
    /// cut into `m` bands, and by pigeonhole two hashes within `d` differ in at most
    /// `⌊d/m⌋` bits of some band, so each photo's full-frame hash looks up, in each
    /// band's sorted table, every key within that radius of its own, and only those
    /// entries get the full distance. `m` (and so the radius) is chosen per call from a
    /// cost model of lookups against expected candidates for this many entries; with
    /// `m = d + 1` the radius is 0 and bands must match exactly. An entry sharing
    /// several bands is checked once. Nothing within the distance is missed: the
    /// candidates are exactly the pairs with `PhotoHash::distance ≤ max_distance`.
    pub fn near_duplicates(&self, max_distance: u32) -> Matches {
        let (found, mut common, mut stats) = self.search(max_distance);
        let n = self.hashes.len();
        let max_neighbors = self.options.max_neighbors;
        // (a, b, distance, similarity, mirrored) as photo indexes.
        let mut confirmed: Vec<(u32, u32, u32, Similarity, bool)> = Vec::new();
        let thresholds = [
            self.options.min_similarity,
            self.options.min_chroma_similarity,
            self.options.min_grey_similarity,
        ];
        let mut k = 0;
        while k < found.len() {
            // Candidates of one first photo are adjacent; both orientations of one pair
            // too, unmirrored first.
            let a = found[k].0;
            let mut confirmer = Confirmer::new(&self.hashes[a as usize].thumbnail);
            while k < found.len() && found[k].0 == a {
                let b = found[k].1;
                let mut end = k;
                while end < found.len() && (found[end].0, found[end].1) == (a, b) {
                    end += 1;
                }
                for &(_, _, mirrored, distance) in &found[k..end] {
                    let hb = &self.hashes[b as usize];
                    if let Some(sim) = confirmer.confirm(&hb.thumbnail, mirrored, thresholds) {
                        confirmed.push((a, b, distance, sim, mirrored));
                        break;
                    }
                }
                k = end;
            }
        }
        stats.confirmed = confirmed.len() as u64;
        let mut degree = vec![0usize; n];
        for &(a, b, ..) in &confirmed {
            degree[a as usize] += 1;
            degree[b as usize] += 1;
        }
        for (c, &d) in common.iter_mut().zip(&degree) {
            if d > max_neighbors {
                *c = d;
            }
        }
        let mut pairs: Vec<PhotoPair> = confirmed
            .into_iter()
            .filter(|&(a, b, ..)| common[a as usize] == 0 && common[b as usize] == 0)
            .map(|(a, b, distance, similarity, mirrored)| {
                let (ha, hb) = (&self.hashes[a as usize], &self.hashes[b as usize]);
                let dhash_distance = if mirrored {
                    hamming(ha.dhash_mirrored, hb.dhash).min(hamming(ha.dhash, hb.dhash_mirrored))
                } else {
                    hamming(ha.dhash, hb.dhash)
                };
                let (ia, ib) = (self.ids[a as usize], self.ids[b as usize]);
                PhotoPair {
                    a: ia.min(ib),
                    b: ia.max(ib),
                    distance,
                    similarity: similarity.luma,
                    chroma_similarity: similarity.chroma,
                    dhash_distance,
                    mirrored,
                }
            })
            .collect();
        pairs.sort_by_key(|p| (p.a, p.b, p.distance));
        pairs.dedup_by_key(|p| (p.a, p.b));
        let mut common: Vec<CommonPhoto> = common
            .iter()
            .enumerate()
            .filter(|(_, &c)| c > 0)
            .map(|(i, &c)| CommonPhoto {
                id: self.ids[i],
                neighbors: c,
            })
            .collect();
        common.sort_by_key(|c| c.id);
        Matches {
            pairs,
            common,
            stats,
        }
    }
}

/// One band: `width` bits starting at bit `shift`.
#[derive(Clone, Copy, Debug)]
struct Band {
    shift: u32,
    width: u32,
}

impl Band {
    fn mask(self) -> u64 {
        if self.width >= 64 {
            u64::MAX
        } else {
            ((1u64 << self.width) - 1) << self.shift
        }
    }

    fn key(self, h: u64) -> u64 {
        (h & self.mask()) >> self.shift
    }
}

/// How the 64 bits are cut, and the radius searched in each band.
#[derive(Debug)]
struct Layout {
    bands: Vec<Band>,
    radius: u32,
    max_distance: u32,
}

impl Layout {
    /// The band count with the lowest modelled cost for `n` photos at distance `d`:
    /// each lookup is a binary search (`1 + log₂ n`), each candidate a popcount or two,
    /// and a band of `w` bits holds `n / 2ʷ` photos per key (uniform bits: real hashes
    /// clump more, which favours the wider bands this already prefers for large `n`).
    fn choose(d: u32, n: usize) -> Layout {
        let nf = n.max(1) as f64;
        let lookup = 1.0 + nf.log2();
        let mut best: Option<(f64, u32)> = None;
        for m in 1..=(d + 1).min(64) {
            let radius = d / m;
            let (mut probes, mut candidates) = (0.0, 0.0);
            for band in Self::split(m) {
                let keys: f64 = (0..=radius.min(band.width))
                    .map(|k| binomial(band.width, k))
                    .sum();
                probes += keys;
                candidates += keys * nf / 2f64.powi(band.width as i32);
            }
            let cost = probes * lookup + 2.0 * candidates;
            if best.is_none_or(|(c, _)| cost < c) {
                best = Some((cost, m));
            }
        }
        let m = best.map_or(d + 1, |(_, m)| m).max(1);
        Layout {
            bands: Self::split(m),
            radius: d / m,
            max_distance: d,
        }
    }

    /// `m` contiguous bands covering the 64 bits, widths differing by at most one.
    fn split(m: u32) -> Vec<Band> {
        let (q, r) = (64 / m, 64 % m);
        let mut shift = 0;
        (0..m)
            .map(|b| {
                let width = q + u32::from(b < r);
                let band = Band { shift, width };
                shift += width;
                band
            })
            .collect()
    }

    /// Calls `f(j, distance)` once for every photo `j` with `hamming(q, phash[j]) ≤
    /// max_distance`; `f` returns `false` to stop.
    fn search(
        &self,
        q: u64,
        tables: &[Table],
        phash: &[u64],
        stats: &mut SearchStats,
        mut f: impl FnMut(usize, u32) -> bool,
    ) {
        let (d, r) = (self.max_distance, self.radius);
        for (t, (band, table)) in self.bands.iter().zip(tables).enumerate() {
            let key = band.key(q);
            let mut go = true;
            for_each_within(key, band.width, r, 0, &mut |probe| {
                if !go {
                    return;
                }
                stats.probes += 1;
                for &j in table.lookup(probe) {
                    let j = j as usize;
                    let h = phash[j];
                    // Found in an earlier band already?
                    if self.bands[..t]
                        .iter()
                        .any(|b| ((q ^ h) & b.mask()).count_ones() <= r)
                    {
                        continue;
                    }
                    stats.checked += 1;
                    let dist = hamming(q, h);
                    if dist <= d && !f(j, dist) {
                        go = false;
                        return;
                    }
                }
            });
            if !go {
                return;
            }
        }
    }
}

/// One band's keys, sorted, with the photos holding each.
struct Table {
    keys: Vec<u64>,
    photos: Vec<u32>,
}

impl Table {
    fn new(phash: &[u64], band: &Band) -> Table {
        let mut entries: Vec<(u64, u32)> = phash
            .iter()
            .enumerate()
            .map(|(i, &h)| (band.key(h), i as u32))
            .collect();
        entries.sort_unstable();
        Table {
            keys: entries.iter().map(|e| e.0).collect(),
            photos: entries.iter().map(|e| e.1).collect(),
        }
    }

    fn lookup(&self, key: u64) -> &[u32] {
        let lo = self.keys.partition_point(|&k| k < key);
        let hi = lo + self.keys[lo..].partition_point(|&k| k == key);
        &self.photos[lo..hi]
    }
}

/// Calls `f` on every `width`-bit key within Hamming distance `radius` of `key`
/// (flipping bits from `from` upwards), each once.
fn for_each_within(key: u64, width: u32, radius: u32, from: u32, f: &mut impl FnMut(u64)) {
    f(key);
    if radius == 0 {
        return;
    }
    for bit in from..width {
        for_each_within(key ^ (1 << bit), width, radius - 1, bit + 1, f);
    }
}

/// Moves bit `i` to bit `7i mod 64`, so that any run of consecutive bits of the result
/// (a band) holds coefficients from all over the 8×8 block.
fn spread(h: u64) -> u64 {
    (0..64)
        .filter(|i| h >> i & 1 == 1)
        .fold(0, |out, i| out | 1 << (i * 7 % 64))
}

/// `C(n, k)` as a float (for the cost model).
fn binomial(n: u32, k: u32) -> f64 {
    (0..k).fold(1.0, |acc, i| acc * f64::from(n - i) / f64::from(i + 1))
}
