//! English words the core writes for hosts, logs and exports (a screen says things through
//! the widget's translations instead).

/// A count with its noun: "1 week", "0 weeks", "3 weeks".
pub(crate) fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_takes_the_singular_and_every_other_count_the_plural() {
        assert_eq!(plural(1, "mentor", "mentors"), "1 mentor");
        assert_eq!(plural(0, "mentor", "mentors"), "0 mentors");
        assert_eq!(plural(21, "mentor", "mentors"), "21 mentors");
    }
}
