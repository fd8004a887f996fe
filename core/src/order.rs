//! Sorting by byte offsets with one copy of the sort in the binary.
//!
//! Every `sort_by_key` on another element type or closure is another copy of the standard
//! sort (3-4 KB of WebAssembly each, and the page ships them all): the rules sort a handful
//! of lists by where things stand in the text, so they all go through this one.

/// Sorts `items` by `key` (then by their current order: the sort is stable).
pub fn by_offsets<T>(items: &mut Vec<T>, key: impl Fn(&T) -> (usize, usize)) {
    let mut keys: Vec<(usize, usize, usize)> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let (a, b) = key(item);
            (a, b, i)
        })
        .collect();
    if keys.windows(2).all(|w| w[0] <= w[1]) {
        return; // Already in order: the usual case.
    }
    keys.sort_unstable();
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        keys.into_iter()
            .filter_map(|(_, _, i)| slots.get_mut(i)?.take()),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_by_the_key() {
        let mut items = vec![("c", 3, 0), ("a", 1, 5), ("b", 1, 5), ("d", 0, 9)];
        by_offsets(&mut items, |(_, a, b)| (*a, *b));
        let names: Vec<&str> = items.iter().map(|(n, _, _)| *n).collect();
        assert_eq!(names, ["d", "a", "b", "c"]);
    }
}
