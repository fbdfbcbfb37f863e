//! Every word the widget shows goes through here.
//!
//! Each locale is an exhaustive `match` over [`Text`], so a key without a translation does
//! not compile: adding a language cannot leave a string behind in English. Numbers, dates and
//! plurals are the browser's `Intl` job (later), not string concatenation here.

/// A piece of user-visible text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    MyGoals,
    NoGoalsYet,
    LoadingGoals,
    Title,
    Progress,
    AddGoal,
    /// "{0} of {1} characters"
    CharactersUsed,
    Saving,
    SavedOnDevice,
    OfflineWorkingHere,
    /// "{0} saved goal(s) could not be read…"
    UnreadableGoals,
    StillStarting,
    RelationshipMissing,
    Syncing,
    OfflineAllSaved,
    /// "{0}" waiting changes, offline
    OfflineWaiting,
    /// "{0}" waiting changes, online
    ChangesWaiting,
    /// "{0}" the time of the last sync
    AllSynced,
    /// "{0}" the error
    SyncFailed,
    Retry,
    /// "{0}" days
    StaleChanges,
    /// "{0}" how many, "{1}" the host's reason
    ChangesRefused,
    /// "{0}" the value that lost
    ConflictElsewhere,
    /// "{0}" the value to keep
    KeepThisValue,
    /// "Goals cannot be kept on this device: {0}"
    StorageUnavailable,
}

/// The languages the widget speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Locale {
    #[default]
    EnGb,
}

impl Locale {
    /// The best supported locale for a BCP 47 tag such as `en-GB` or `ar-AE`.
    pub fn from_tag(_tag: &str) -> Locale {
        Locale::EnGb
    }

    /// The BCP 47 tag the browser's `Intl` formats with.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::EnGb => "en-GB",
        }
    }

    pub fn text(self, key: Text) -> &'static str {
        match self {
            Locale::EnGb => en_gb(key),
        }
    }

    /// The text with `{0}`, `{1}`… replaced by `args`.
    pub fn format(self, key: Text, args: &[&str]) -> String {
        let mut out = self.text(key).to_owned();
        for (n, arg) in args.iter().enumerate() {
            out = out.replace(&format!("{{{n}}}"), arg);
        }
        out
    }
}

fn en_gb(key: Text) -> &'static str {
    match key {
        Text::MyGoals => "My goals",
        Text::NoGoalsYet => "No goals yet. Add something specific you want to achieve.",
        Text::LoadingGoals => "Loading your goals…",
        Text::Title => "Title",
        Text::Progress => "Progress",
        Text::AddGoal => "Add goal",
        Text::CharactersUsed => "{0} of {1} characters",
        Text::Saving => "Saving…",
        Text::SavedOnDevice => "Saved on this device.",
        Text::OfflineWorkingHere => "Offline: working on this device. Changes are kept here.",
        Text::UnreadableGoals => {
            "{0} saved goal(s) could not be read and are not shown; they are kept unchanged on this device."
        }
        Text::StillStarting => "The widget is still starting; try again in a moment.",
        Text::RelationshipMissing => "That relationship is not on this device; sync and try again.",
        Text::Syncing => "Syncing…",
        Text::OfflineAllSaved => "Offline: everything is saved on this device.",
        Text::OfflineWaiting => "Offline: {0} change(s) wait on this device and will sync when you are back online.",
        Text::ChangesWaiting => "{0} change(s) waiting to sync.",
        Text::AllSynced => "All changes synced (last at {0}).",
        Text::SyncFailed => "Sync failed: {0}",
        Text::Retry => "Retry",
        Text::StaleChanges => {
            "Some changes have waited {0} days: open this page while online soon, as some browsers clear site data after 7 days."
        }
        Text::ChangesRefused => "The portal refused {0} change(s): {1}",
        Text::ConflictElsewhere => "Changed on another device at the same time to “{0}”.",
        Text::KeepThisValue => "Use “{0}”",
        Text::StorageUnavailable => "Goals cannot be kept on this device: {0}",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_in_order() {
        let text = Locale::EnGb.format(Text::CharactersUsed, &["12", "120"]);
        assert_eq!(text, "12 of 120 characters");
    }

    #[test]
    fn every_english_text_is_non_empty() {
        use Text::*;
        for key in [
            MyGoals,
            NoGoalsYet,
            LoadingGoals,
            Title,
            Progress,
            AddGoal,
            CharactersUsed,
            Saving,
            SavedOnDevice,
            OfflineWorkingHere,
            UnreadableGoals,
            StillStarting,
            StorageUnavailable,
        ] {
            assert!(!Locale::EnGb.text(key).trim().is_empty(), "{key:?}");
        }
    }
}
