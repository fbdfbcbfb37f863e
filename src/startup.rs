//! Who the widget works for when it starts: a pure decision over what the host said and what
//! this device remembers, kept out of the UI so it is tested natively.

use mentoring_core::Person;

use crate::edges::adapter::HostError;

#[derive(Debug, PartialEq, Eq)]
pub enum Identity {
    /// The host confirmed who is signed in; remember them for offline use.
    Confirmed(Person),
    /// The host cannot be reached (the device is offline); work offline as the person last
    /// signed in on this device.
    Remembered(Person),
    /// The host cannot be reached, and the page says it is for someone other than the person
    /// this device remembers: a shared device, whose next user must not see, change or export
    /// the last one's data.
    RememberedSomeoneElse,
    /// The host confirmed someone other than the person the page was rendered for (the
    /// element's `person` attribute): a widget declared for one person never shows another's
    /// records, neither the signed-in person's nor those of the person it names.
    SignedInAsSomeoneElse,
    /// Nobody to work for, because of the host's answer (unreachable here means this device
    /// has never been used online, so there is nobody to remember).
    Nobody(HostError),
}

/// `page_person` is the id the host page was rendered for (the element's `person` attribute),
/// if it says; a page for nobody (`""`) takes whoever the host confirms (they signed in since).
pub fn choose_identity(
    session: Result<Person, HostError>,
    remembered: Option<Person>,
    page_person: Option<&str>,
) -> Identity {
    match (session, remembered) {
        (Ok(person), _)
            if page_person.is_some_and(|id| !id.is_empty() && id != person.id.as_str()) =>
        {
            Identity::SignedInAsSomeoneElse
        }
        (Ok(person), _) => Identity::Confirmed(person),
        // A page rendered for nobody signed in: whatever kept the host from answering, what
        // the person has to do is sign in.
        (Err(_), _) if page_person == Some("") => Identity::Nobody(HostError::SignedOut(
            "The page is for nobody signed in.".into(),
        )),
        (Err(HostError::Unreachable(_)), Some(person))
            if page_person.is_some_and(|id| id != person.id.as_str()) =>
        {
            Identity::RememberedSomeoneElse
        }
        (Err(HostError::Unreachable(_)), Some(person)) => Identity::Remembered(person),
        // A portal restarting behind a working network, on a page the host rendered for the
        // person this device remembers: it is them, and their data opens as offline.
        (Err(HostError::Unavailable(_)), Some(person))
            if page_person == Some(person.id.as_str()) =>
        {
            Identity::Remembered(person)
        }
        // Signed out, refused, unreadable, or a portal down behind a working network on a
        // page that does not name the remembered person (it was just served to whoever is
        // signed in now): the remembered person is not used, so a shared device never shows
        // one person's goals to whoever comes next.
        (Err(error), _) => Identity::Nobody(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mentoring_core::RecordId;

    fn person(id: &str) -> Person {
        Person::new(RecordId::parse(id).unwrap(), id.to_uppercase())
    }

    #[test]
    fn the_host_answer_wins_over_the_device_memory() {
        assert_eq!(
            choose_identity(Ok(person("amira")), Some(person("james")), None),
            Identity::Confirmed(person("amira"))
        );
        for page in [Some("amira"), Some("")] {
            assert_eq!(
                choose_identity(Ok(person("amira")), Some(person("james")), page),
                Identity::Confirmed(person("amira"))
            );
        }
    }

    #[test]
    fn a_page_for_someone_other_than_the_signed_in_person_opens_nobodys_data() {
        for remembered in [Some(person("amira")), Some(person("james")), None] {
            assert_eq!(
                choose_identity(Ok(person("amira")), remembered, Some("james")),
                Identity::SignedInAsSomeoneElse
            );
        }
    }

    #[test]
    fn offline_uses_the_person_remembered_on_this_device() {
        let offline = || Err(HostError::Unreachable("Failed to fetch".into()));
        assert_eq!(
            choose_identity(offline(), Some(person("amira")), None),
            Identity::Remembered(person("amira"))
        );
        assert!(matches!(
            choose_identity(offline(), None, None),
            Identity::Nobody(HostError::Unreachable(_))
        ));
        // A gateway's 503 comes over a working network, on a page just served to whoever is
        // signed in now, who may not be the person remembered: nobody, until the portal answers.
        let down = || Err(HostError::Unavailable("HTTP 503".into()));
        assert!(matches!(
            choose_identity(down(), Some(person("amira")), None),
            Identity::Nobody(HostError::Unavailable(_))
        ));
        assert!(matches!(
            choose_identity(down(), None, None),
            Identity::Nobody(HostError::Unavailable(_))
        ));
        assert!(matches!(
            choose_identity(down(), Some(person("amira")), Some("james")),
            Identity::Nobody(HostError::Unavailable(_))
        ));
        // A page the host rendered for the remembered person names them: theirs opens.
        assert_eq!(
            choose_identity(down(), Some(person("amira")), Some("amira")),
            Identity::Remembered(person("amira"))
        );
    }

    #[test]
    fn offline_on_a_page_for_someone_else_never_opens_the_remembered_persons_data() {
        let offline = || Err(HostError::Unreachable("Failed to fetch".into()));
        assert_eq!(
            choose_identity(offline(), Some(person("amira")), Some("james")),
            Identity::RememberedSomeoneElse
        );
        // A page rendered for nobody signed in opens nobody's, and asks them to sign in.
        for remembered in [Some(person("amira")), None] {
            assert!(matches!(
                choose_identity(offline(), remembered, Some("")),
                Identity::Nobody(HostError::SignedOut(_))
            ));
        }
        // The page the device kept for its last user opens their data offline, as before.
        assert_eq!(
            choose_identity(offline(), Some(person("amira")), Some("amira")),
            Identity::Remembered(person("amira"))
        );
    }

    #[test]
    fn signed_out_or_broken_hosts_never_fall_back_to_the_remembered_person() {
        for error in [
            HostError::SignedOut("no cookie".into()),
            HostError::Malformed("version 9".into()),
            HostError::Refused {
                code: "forbidden".into(),
                message: "no".into(),
            },
        ] {
            assert_eq!(
                choose_identity(Err(error.clone()), Some(person("amira")), None),
                Identity::Nobody(error)
            );
        }
    }
}
