//! Mentor and coach matching (see ARCHITECTURE.md).
