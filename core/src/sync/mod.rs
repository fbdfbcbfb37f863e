//! Ops, hybrid logical clocks and the merge model (see ARCHITECTURE.md).
