//! CSV as RFC 4180 writes it, safe to open in a spreadsheet.

/// One cell: text (quoted when it must be, and neutralised against formula injection) or a
/// number the export computed itself, or a decimal amount as the screens write it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell<'a> {
    Text(&'a str),
    Int(i64),
    Amount(crate::Amount),
}

/// A CSV document being written, CRLF line ends as RFC 4180 says, after a byte-order mark
/// (U+FEFF): without one, Excel on Windows reads UTF-8 as its local code page and garbles
/// curly quotes and Arabic.
pub struct CsvWriter {
    out: String,
}

/// The byte-order mark a CSV file starts with.
pub const BOM: char = '\u{FEFF}';

impl Default for CsvWriter {
    fn default() -> CsvWriter {
        CsvWriter {
            out: BOM.to_string(),
        }
    }
}

impl CsvWriter {
    pub fn new() -> CsvWriter {
        CsvWriter::default()
    }

    pub fn row(&mut self, cells: &[Cell<'_>]) {
        for (n, cell) in cells.iter().enumerate() {
            if n > 0 {
                self.out.push(',');
            }
            match cell {
                Cell::Int(value) => self.out.push_str(&value.to_string()),
                Cell::Amount(value) => self.out.push_str(&value.to_string()),
                Cell::Text(text) => write_text(&mut self.out, text),
            }
        }
        self.out.push_str("\r\n");
    }

    pub fn header(&mut self, names: &[&str]) {
        let cells: Vec<Cell<'_>> = names.iter().map(|n| Cell::Text(n)).collect();
        self.row(&cells);
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// A spreadsheet reads a cell starting with one of these as a formula (a tab or carriage
/// return can hide one); such a cell gets a leading apostrophe, so it shows as text. So does
/// every one that follows a `;`: a spreadsheet whose list separator is `;` (most of Europe)
/// splits the line there, whatever the quotes, and the next cell starts with it
/// (`Lunch;=HYPERLINK(…)` is written `Lunch;'=HYPERLINK(…)`).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn write_text(out: &mut String, text: &str) {
    let guard = text.starts_with(FORMULA_STARTS);
    let quote = guard || text.contains([',', '"', '\n', '\r']);
    if quote {
        out.push('"');
    }
    if guard {
        out.push('\'');
    }
    let mut after_semicolon = false;
    for c in text.chars() {
        if c == '"' {
            out.push('"');
        }
        if after_semicolon && FORMULA_STARTS.contains(&c) {
            out.push('\'');
        }
        out.push(c);
        after_semicolon = c == ';';
    }
    if quote {
        out.push('"');
    }
}
