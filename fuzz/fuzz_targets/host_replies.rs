#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    for outcome in mentoring_widget_fuzz::decode_everything(bytes) {
        // Every refusal must be explainable to the person.
        if let Err(error) = outcome {
            assert!(!error.to_string().is_empty());
        }
    }
});
