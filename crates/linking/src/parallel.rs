//! Splitting work over the machine's cores with scoped threads (no thread pool dependency).

use std::thread;

/// Smallest slice worth a thread of its own.
const MIN_CHUNK: usize = 4_096;

/// Number of worker threads: `RAYON_NUM_THREADS`-style override in `REDFLAG_THREADS`, else
/// the cores available.
pub(crate) fn threads() -> usize {
    std::env::var("REDFLAG_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n: &usize| n > 0)
        .unwrap_or_else(|| thread::available_parallelism().map_or(1, usize::from))
}

/// Applies `f(offset, chunk)` to contiguous chunks of `items` on every core and concatenates
/// the results in order, so the output is the same as one sequential call.
pub(crate) fn map_chunks<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(usize, &[T]) -> Vec<R> + Sync,
) -> Vec<R> {
    let n = threads().min(items.len().div_ceil(MIN_CHUNK)).max(1);
    if n == 1 {
        return f(0, items);
    }
    let size = items.len().div_ceil(n);
    let f = &f;
    let parts: Vec<Vec<R>> = thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(size)
            .enumerate()
            .map(|(i, chunk)| scope.spawn(move || f(i * size, chunk)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let mut out = Vec::with_capacity(items.len());
    for part in parts {
        out.extend(part);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn chunks_come_back_in_order() {
        let items: Vec<u32> = (0..50_000).collect();
        let out = super::map_chunks(&items, |offset, chunk| {
            chunk
                .iter()
                .enumerate()
                .map(|(i, &x)| (offset + i) as u32 * 2 - x)
                .collect()
        });
        assert_eq!(out, items);
    }
}
