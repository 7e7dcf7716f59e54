//! One dictionary per dictionary-encoded column of a table, shared by all its batches.
//!
//! A batch builder encodes a `Label` column against the batch's own dictionary, which only
//! saves memory for values that repeat within a batch (a user agent, a country name). Values
//! that repeat across a big table but rarely within one batch, such as the account behind
//! ten million sign-ins, are stored once per batch that way. Re-encoding every batch against
//! a table-wide dictionary stores each distinct value once: the batch keeps only its keys.
//!
//! A dictionary holds at most `i32::MAX` bytes of values (Arrow's `Utf8` offsets); when one
//! fills up it is sealed and later batches get a new one. A batch whose own values would not
//! fit even an empty dictionary keeps its own.

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, DictionaryArray, Int32Array, StringArray,
};
use datafusion::arrow::buffer::{OffsetBuffer, ScalarBuffer};
use datafusion::arrow::datatypes::Int32Type;
use hashbrown::HashTable;
use std::hash::BuildHasher;
use std::sync::Arc;

/// The distinct values of one column in insertion order, with an index to find them.
struct Interner {
    /// Positions of values, found by the values' hashes.
    index: HashTable<i32>,
    /// All values' bytes, back to back.
    bytes: Vec<u8>,
    /// Where each value starts in `bytes`, and where the last one ends.
    offsets: Vec<i32>,
    /// Most bytes of values it may hold.
    max_bytes: usize,
    hasher: foldhash::fast::FixedState,
}

impl Interner {
    fn new(max_bytes: usize) -> Self {
        Interner {
            index: HashTable::new(),
            bytes: Vec::new(),
            offsets: vec![0],
            max_bytes,
            hasher: foldhash::fast::FixedState::default(),
        }
    }

    /// The key of `value`, added when new; `None` when the dictionary is full.
    fn intern(&mut self, value: &str) -> Option<i32> {
        let hash = self.hasher.hash_one(value.as_bytes());
        let Interner {
            index,
            bytes,
            offsets,
            max_bytes,
            hasher,
        } = self;
        let found = index.find(hash, |&key| stored(bytes, offsets, key) == value.as_bytes());
        if let Some(&key) = found {
            return Some(key);
        }
        if bytes.len() + value.len() > *max_bytes {
            return None;
        }
        let end = i32::try_from(bytes.len() + value.len()).ok()?;
        let key = i32::try_from(offsets.len() - 1).ok()?;
        bytes.extend_from_slice(value.as_bytes());
        offsets.push(end);
        index.insert_unique(hash, key, |&k| hasher.hash_one(stored(bytes, offsets, k)));
        Some(key)
    }

    /// The values as an Arrow array, in key order.
    fn finish(self) -> ArrayRef {
        let offsets = OffsetBuffer::new(ScalarBuffer::from(self.offsets));
        Arc::new(StringArray::new(offsets, self.bytes.into(), None))
    }
}

/// The bytes of the value with `key` in an interner's buffers.
fn stored<'b>(bytes: &'b [u8], offsets: &[i32], key: i32) -> &'b [u8] {
    let at = key as usize;
    &bytes[offsets[at] as usize..offsets[at + 1] as usize]
}

/// A column's values re-encoded against its table-wide dictionary (which one, and the
/// keys), or left as they were.
pub(crate) enum Encoded {
    /// Keys into one of the table's dictionaries.
    Shared { dictionary: usize, keys: Int32Array },
    /// The batch's own column.
    Own(ArrayRef),
}

/// The table-wide dictionaries of one column: sealed ones and the one being filled.
pub(crate) struct TableDictionary {
    sealed: Vec<ArrayRef>,
    current: Interner,
    max_bytes: usize,
}

impl TableDictionary {
    pub(crate) fn new() -> Self {
        Self::with_limit(i32::MAX as usize)
    }

    /// A dictionary sealed once it holds `max_bytes` bytes of values.
    fn with_limit(max_bytes: usize) -> Self {
        TableDictionary {
            sealed: Vec::new(),
            current: Interner::new(max_bytes),
            max_bytes,
        }
    }

    /// Re-encodes a batch's dictionary-encoded column against the table's dictionary.
    pub(crate) fn encode(&mut self, column: &ArrayRef) -> Encoded {
        let Some(dict) = column.as_dictionary_opt::<Int32Type>() else {
            return Encoded::Own(Arc::clone(column));
        };
        if let Some(keys) = self.try_encode(dict) {
            return Encoded::Shared {
                dictionary: self.sealed.len(),
                keys,
            };
        }
        // The batch's values would not fit even an empty dictionary: it keeps its own.
        let values = dict.values();
        let own_bytes = values
            .as_string_opt::<i32>()
            .map_or(usize::MAX, |v| v.value_data().len());
        if own_bytes > self.max_bytes {
            return Encoded::Own(Arc::clone(column));
        }
        // The current dictionary is full: seal it and start another.
        let full = std::mem::replace(&mut self.current, Interner::new(self.max_bytes));
        self.sealed.push(full.finish());
        let keys = self
            .try_encode(dict)
            .expect("a batch whose values fit a dictionary fits an empty one");
        Encoded::Shared {
            dictionary: self.sealed.len(),
            keys,
        }
    }

    fn try_encode(&mut self, dict: &DictionaryArray<Int32Type>) -> Option<Int32Array> {
        let values = dict.values().as_string_opt::<i32>()?;
        let mut remap = Vec::with_capacity(values.len());
        for i in 0..values.len() {
            remap.push(self.current.intern(values.value(i))?);
        }
        Some(
            dict.keys()
                .iter()
                .map(|k| k.and_then(|k| remap.get(k as usize).copied()))
                .collect(),
        )
    }

    /// The dictionary arrays of all encoded columns, once every batch is encoded.
    pub(crate) fn finish(mut self, encoded: Vec<Encoded>) -> Vec<ArrayRef> {
        // Batches of only nulls point at the current dictionary even when it is empty.
        self.sealed.push(self.current.finish());
        encoded
            .into_iter()
            .map(|e| match e {
                Encoded::Own(column) => column,
                Encoded::Shared { dictionary, keys } => {
                    let values = Arc::clone(&self.sealed[dictionary]);
                    let array = DictionaryArray::<Int32Type>::try_new(keys, values)
                        .expect("keys come from their dictionary");
                    Arc::new(array) as ArrayRef
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::arrow::array::StringDictionaryBuilder;

    fn batch_column(values: &[Option<&str>]) -> ArrayRef {
        let mut b = StringDictionaryBuilder::<Int32Type>::new();
        for v in values {
            b.append_option(*v);
        }
        Arc::new(b.finish())
    }

    fn texts(array: &ArrayRef) -> Vec<Option<String>> {
        let dict = array.as_dictionary::<Int32Type>();
        let values = dict.values().as_string::<i32>();
        dict.keys()
            .iter()
            .map(|k| k.map(|k| values.value(k as usize).to_string()))
            .collect()
    }

    #[test]
    fn batches_share_one_dictionary_and_keep_their_values() {
        let mut table = TableDictionary::new();
        let first = batch_column(&[Some("a@x.com"), None, Some("b@x.com"), Some("a@x.com")]);
        let second = batch_column(&[Some("b@x.com"), Some("c@x.com"), None]);
        let encoded = vec![table.encode(&first), table.encode(&second)];
        let arrays = table.finish(encoded);
        assert_eq!(texts(&arrays[0]), texts(&first));
        assert_eq!(texts(&arrays[1]), texts(&second));
        let values = |a: &ArrayRef| Arc::clone(a.as_dictionary::<Int32Type>().values());
        assert!(Arc::ptr_eq(&values(&arrays[0]), &values(&arrays[1])));
        assert_eq!(values(&arrays[0]).len(), 3, "each value once");
    }

    #[test]
    fn a_full_dictionary_is_sealed_and_an_oversized_batch_keeps_its_own() {
        // Room for 14 bytes: "a@x.com" and "b@x.com", then a new dictionary.
        let mut table = TableDictionary::with_limit(14);
        let first = batch_column(&[Some("a@x.com"), Some("b@x.com")]);
        let second = batch_column(&[Some("c@x.com"), Some("a@x.com")]);
        let huge = batch_column(&[Some("a very long value that fits no dictionary")]);
        let third = batch_column(&[Some("a@x.com")]);
        let encoded = [&first, &second, &huge, &third].map(|c| table.encode(c));
        let arrays = table.finish(encoded.into_iter().collect());
        for (array, column) in arrays.iter().zip([&first, &second, &huge, &third]) {
            assert_eq!(texts(array), texts(column));
        }
        let values = |a: &ArrayRef| Arc::clone(a.as_dictionary::<Int32Type>().values());
        assert!(!Arc::ptr_eq(&values(&arrays[0]), &values(&arrays[1])));
        assert!(Arc::ptr_eq(&values(&arrays[1]), &values(&arrays[3])));
        assert!(Arc::ptr_eq(&values(&arrays[2]), &values(&huge)));
    }
}
