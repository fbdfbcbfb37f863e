//! The demo organisation every new portal database starts with: about thirty people in
//! London and Dubai, one coaching and one mentoring programme.
//!
//! The people named in the README (`amira`, `james`, `sofia`, `hr-admin`) are among them.

/// One person of the demo directory.
pub struct SeedPerson {
    pub id: &'static str,
    pub name: &'static str,
    pub role: &'static str,
    pub job_title: &'static str,
    pub grade: u8,
    pub department: &'static str,
    pub manager: Option<&'static str>,
    pub location: &'static str,
    pub languages: &'static [&'static str],
    pub skills_offered: &'static [&'static str],
    pub skills_wanted: &'static [&'static str],
    /// (level, expiry date) of a coaching credential.
    pub credential: Option<(&'static str, &'static str)>,
    pub willing_to_mentor: bool,
}

pub fn time_zone(location: &str) -> &'static str {
    match location {
        "Dubai" => "Asia/Dubai",
        _ => "Europe/London",
    }
}

macro_rules! person {
    ($id:literal, $name:literal, $role:literal, $title:literal, $grade:literal, $dept:literal,
     $manager:expr, $location:literal, $langs:expr, $offers:expr, $wants:expr, $cred:expr, $mentor:literal) => {
        SeedPerson {
            id: $id,
            name: $name,
            role: $role,
            job_title: $title,
            grade: $grade,
            department: $dept,
            manager: $manager,
            location: $location,
            languages: $langs,
            skills_offered: $offers,
            skills_wanted: $wants,
            credential: $cred,
            willing_to_mentor: $mentor,
        }
    };
}

const EN: &[&str] = &["en"];
const EN_AR: &[&str] = &["en", "ar"];
const NONE: &[&str] = &[];

#[rustfmt::skip]
pub const PEOPLE: &[SeedPerson] = &[
    person!("ceo", "Margaret Ellison", "employee", "Chief Executive", 10, "Executive", None, "London", EN, &["strategy", "board relations"], NONE, None, true),
    person!("cfo", "Tariq Al Mansoori", "employee", "Chief Financial Officer", 9, "Finance", Some("ceo"), "Dubai", EN_AR, &["budgeting", "investor relations", "presenting to analysts"], NONE, None, true),
    person!("sales-vp", "Richard Hale", "employee", "VP Sales", 9, "Sales", Some("ceo"), "London", EN, &["negotiation", "boardroom"], NONE, None, true),
    person!("people-dir", "Grace Mensah", "employee", "People Director", 9, "People", Some("ceo"), "London", EN, &["coaching", "leadership"], NONE, Some(("certified", "2028-03-31")), true),
    person!("james", "James Whitfield", "mentor", "Sales Director", 8, "Sales", Some("sales-vp"), "London", EN, &["negotiation", "presenting", "boardroom", "budgeting"], &["gulf markets"], None, true),
    person!("sofia", "Sofia Marques", "coach", "Learning Partner (certified coach)", 7, "People", Some("people-dir"), "London", &["en", "pt"], &["coaching", "presenting", "confidence"], NONE, Some(("certified", "2027-09-30")), true),
    person!("hr-admin", "Hannah Okafor", "programme admin", "HR Programme Manager", 7, "People", Some("people-dir"), "London", EN, &["programme design"], NONE, None, false),
    person!("layla", "Layla Haddad", "coach", "Senior Learning Partner (coach)", 7, "People", Some("people-dir"), "Dubai", EN_AR, &["coaching", "negotiation", "confidence"], NONE, Some(("certified", "2027-12-31")), true),
    person!("omar", "Omar Farouk", "employee", "Regional Sales Director, Gulf", 8, "Sales", Some("sales-vp"), "Dubai", EN_AR, &["gulf markets", "negotiation", "key accounts"], &["boardroom"], None, true),
    person!("amira", "Amira Haddad", "mentee", "Sales Executive", 4, "Sales", Some("khalid"), "Dubai", EN_AR, &["arabic"], &["presenting", "negotiation", "boardroom"], None, false),
    person!("khalid", "Khalid Rahman", "employee", "Sales Manager, Dubai", 6, "Sales", Some("omar"), "Dubai", EN_AR, &["key accounts", "forecasting"], &["budgeting"], None, true),
    person!("fatima", "Fatima Zayed", "employee", "Account Executive", 3, "Sales", Some("khalid"), "Dubai", EN_AR, NONE, &["negotiation", "forecasting"], None, false),
    person!("yusuf", "Yusuf Karim", "employee", "Account Manager", 5, "Sales", Some("khalid"), "Dubai", EN_AR, &["key accounts"], &["leadership"], None, false),
    person!("noura", "Noura Al Qasimi", "employee", "Finance Manager", 6, "Finance", Some("cfo"), "Dubai", EN_AR, &["budgeting", "forecasting"], &["presenting to analysts"], None, true),
    person!("hassan", "Hassan Aziz", "employee", "Financial Analyst", 3, "Finance", Some("noura"), "Dubai", &["ar", "en"], NONE, &["budgeting", "presenting"], None, false),
    person!("mariam", "Mariam Saleh", "employee", "Operations Lead", 5, "Operations", Some("ops-dir"), "Dubai", EN_AR, &["process design"], &["leadership", "negotiation"], None, false),
    person!("ops-dir", "Daniel Brooks", "employee", "Operations Director", 8, "Operations", Some("ceo"), "London", EN, &["operations", "leadership", "budgeting"], NONE, None, true),
    person!("priya", "Priya Nair", "employee", "Product Manager", 5, "Product", Some("product-dir"), "London", &["en", "hi"], &["product discovery"], &["presenting", "boardroom"], None, false),
    person!("product-dir", "Elena Petrova", "employee", "Product Director", 8, "Product", Some("ceo"), "London", &["en", "ru"], &["product strategy", "leadership", "presenting"], NONE, None, true),
    person!("tom", "Tom Ashworth", "employee", "Software Engineer", 3, "Product", Some("priya"), "London", EN, &["data analysis"], &["leadership", "presenting"], None, false),
    person!("chloe", "Chloe Bennett", "employee", "Marketing Manager", 5, "Marketing", Some("marketing-dir"), "London", &["en", "fr"], &["brand"], &["negotiation", "budgeting"], None, false),
    person!("marketing-dir", "Samuel Osei", "employee", "Marketing Director", 8, "Marketing", Some("ceo"), "London", EN, &["brand", "presenting", "leadership"], NONE, None, true),
    person!("aisha", "Aisha Khan", "employee", "Marketing Executive", 3, "Marketing", Some("chloe"), "London", &["en", "ur"], NONE, &["presenting", "confidence"], None, false),
    person!("ben", "Ben Carter", "employee", "Finance Business Partner", 5, "Finance", Some("cfo"), "London", EN, &["budgeting"], &["investor relations"], None, false),
    person!("rachel", "Rachel Green", "employee", "HR Business Partner", 5, "People", Some("people-dir"), "London", EN, &["employee relations"], &["coaching"], Some(("trained", "2026-06-30")), false),
    person!("george", "George Papadopoulos", "employee", "Key Account Manager", 5, "Sales", Some("james"), "London", &["en", "el"], &["key accounts"], &["boardroom", "negotiation"], None, false),
    person!("lena", "Lena Fischer", "employee", "Sales Executive", 3, "Sales", Some("james"), "London", &["en", "de"], NONE, &["negotiation", "presenting"], None, false),
    person!("zain", "Zain Malik", "employee", "Data Analyst", 2, "Operations", Some("mariam"), "Dubai", EN_AR, &["data analysis", "digital tools"], &["presenting"], None, true),
    person!("sara", "Sara Lindqvist", "employee", "Legal Counsel", 6, "Legal", Some("ceo"), "London", &["en", "sv"], &["contracts", "negotiation"], NONE, None, true),
    person!("ahmed", "Ahmed Nasser", "employee", "Procurement Manager", 5, "Operations", Some("ops-dir"), "Dubai", EN_AR, &["negotiation", "suppliers"], &["budgeting"], None, false),
];

pub struct SeedProgramme {
    pub id: &'static str,
    pub kind: &'static str,
    pub name: &'static str,
    pub starts: &'static str,
    pub ends: &'static str,
    pub default_length_days: i32,
    pub objectives: &'static [(&'static str, &'static str)],
    pub admins: &'static [&'static str],
}

pub const PROGRAMMES: &[SeedProgramme] = &[
    SeedProgramme {
        id: "coaching-2026",
        kind: "coaching",
        name: "Sales performance coaching 2026",
        starts: "2026-09-01",
        ends: "2027-08-31",
        default_length_days: 84,
        objectives: &[
            ("obj-gulf-growth", "Grow Gulf revenue by 15 %"),
            ("obj-retention", "Keep key-account retention above 95 %"),
        ],
        admins: &["hr-admin"],
    },
    SeedProgramme {
        id: "mentoring-2026",
        kind: "mentoring",
        name: "Leadership mentoring 2026–27",
        starts: "2026-09-01",
        ends: "2027-12-31",
        default_length_days: 365,
        objectives: &[
            ("obj-succession", "Ready successors for every director role"),
            (
                "obj-inclusion",
                "Half of future leaders from under-represented groups",
            ),
        ],
        admins: &["hr-admin"],
    },
];
