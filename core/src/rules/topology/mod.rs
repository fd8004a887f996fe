//! D — deployment topology: what pods on several nodes cannot share.

family! {
    node_local: [D001, D002],
    default_outputs: [D003],
}
