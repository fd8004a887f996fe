//! K — the keys of a v0 entry: unknown, legacy, rejected, or without effect.

family! {
    unknown_keys: [K001, K002, K003],
    no_effect: [K004],
}
