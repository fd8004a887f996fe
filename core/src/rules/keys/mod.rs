//! K — keys the chart does not read: a v0 entry's (unknown, legacy, rejected, or without
//! effect), and a storage key misspelled at the top of the file (K005, both charts).

family! {
    unknown_keys: [K001, K002, K003],
    no_effect: [K004],
    storage_key_spelling: [K005],
}
