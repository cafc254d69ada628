//! `--output table`: the AWS CLI's titled, nested ASCII table.
//!
//! A response becomes a list of sections, each a title, column headers,
//! rows and a nesting depth, built by walking the value the way the AWS
//! CLI does: an object's scalar members are one row under their sorted
//! names, and each list or object member is a section of its own one level
//! deeper, titled with the member's name; a list of objects is one row per
//! object. Every section is then drawn as wide as the widest one, nested
//! sections inside `|` bars, so the boxes line up. When that is wider than
//! the terminal, sections of a single row turn into name/value pairs, as
//! the AWS CLI does; nothing is ever cut or wrapped.
//!
//! The output is byte for byte the AWS CLI's (version 1's
//! `awscli.formatter.TableFormatter`) wherever the AWS CLI prints a table;
//! where it fails (a list mixing objects with other values, rows of
//! different lengths), lkms still draws every value.

mod east_asian;

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::scalar;

/// How a table is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// The terminal's width in columns: a table wider than this shows its
    /// single-row sections as name/value pairs.
    pub terminal_width: usize,
    /// Colour values and nesting bars, as the AWS CLI's `--color on`.
    pub colour: bool,
}

/// The table of `value` under `title` (the operation's name), or nothing
/// for an empty or false value, as the AWS CLI prints nothing for those.
pub fn render(title: &str, value: &Value, layout: Layout) -> String {
    if blank(value) {
        return String::new();
    }
    let mut tables = Builder::new(title);
    tables.contents(value, Some(title), 0);
    draw(tables.finish(), layout)
}

/// Python's truth test, which decides whether a value gets a section.
fn blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(m) => m.is_empty(),
    }
}

/// A value inside a cell. Lists and objects appear in a cell only when a
/// member is a scalar in one item of a list and not in another; the AWS
/// CLI then shows Python's notation, lkms the JSON.
fn cell(value: &Value) -> String {
    scalar(value).unwrap_or_else(|| value.to_string())
}

/// The columns a string takes as the AWS CLI counts them: two for East
/// Asian wide, fullwidth and ambiguous characters, one for every other
/// character (combining marks and controls included).
fn text_width(text: &str) -> usize {
    text.chars()
        .map(|c| {
            let c = u32::from(c);
            let wide = east_asian::WIDE
                .binary_search_by(|&(lo, hi)| {
                    if hi < c {
                        std::cmp::Ordering::Less
                    } else if lo > c {
                        std::cmp::Ordering::Greater
                    } else {
                        std::cmp::Ordering::Equal
                    }
                })
                .is_ok();
            if wide { 2 } else { 1 }
        })
        .sum()
}

/// One box of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Section {
    /// `None` for the untitled sections of lists nested in lists.
    title: Option<String>,
    /// How many `|` bars surround it on each side.
    depth: usize,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    /// The widest text of each column, headers included.
    widths: Vec<usize>,
}

impl Section {
    fn new(title: Option<&str>, depth: usize) -> Self {
        Section {
            title: title.map(str::to_owned),
            depth,
            headers: Vec::new(),
            rows: Vec::new(),
            widths: Vec::new(),
        }
    }

    fn set_headers(&mut self, headers: Vec<String>) {
        self.widen(&headers);
        self.headers = headers;
    }

    fn push_row(&mut self, row: Vec<String>) {
        self.widen(&row);
        self.rows.push(row);
    }

    fn widen(&mut self, cells: &[String]) {
        for (i, text) in cells.iter().enumerate() {
            let w = text_width(text);
            match self.widths.get_mut(i) {
                Some(have) => *have = (*have).max(w),
                None => self.widths.push(w),
            }
        }
    }

    /// The width the section needs, bars included: two spaces either side
    /// of each column's widest text, its borders, or its title.
    fn natural_width(&self) -> usize {
        let columns = self.widths.iter().map(|w| w + PADDING).sum::<usize>();
        // The AWS CLI measures a missing title as the text "None".
        let title = self.title.as_deref().map_or(4, text_width);
        columns.max(title) + 2 + 2 * self.depth
    }

    /// A single row under headers becomes one name/value row per column.
    fn upright(self) -> Self {
        if self.rows.len() != 1 || self.headers.is_empty() {
            return self;
        }
        let mut pairs = Section::new(self.title.as_deref(), self.depth);
        for (name, value) in self.headers.iter().zip(&self.rows[0]) {
            pairs.push_row(vec![name.clone(), value.clone()]);
        }
        pairs
    }

    fn draw(&self, width: usize, style: Style, out: &mut String) {
        let inner = width.saturating_sub(2 * self.depth);
        let bars = style.bar().repeat(self.depth);
        let mut line = |text: &str| {
            out.push_str(&bars);
            out.push_str(text);
            out.push_str(&bars);
            out.push('\n');
        };
        if let Some(title) = self.title.as_deref().filter(|t| !t.is_empty()) {
            line(&centred("|", title, inner, "|"));
            if self.headers.is_empty() && self.rows.is_empty() {
                line(&format!("+{}+", "-".repeat(inner.saturating_sub(2))));
            }
        }
        let columns = fit(&self.widths, inner);
        if columns.is_empty() {
            return;
        }
        if !self.headers.is_empty() {
            line(&rule(&columns));
            let mut text = String::new();
            for (i, &w) in columns.iter().enumerate() {
                let header = self.headers.get(i).map_or("", String::as_str);
                text.push_str(&centred(if i == 0 { "|" } else { "" }, header, w, "|"));
            }
            line(&text);
        }
        if !self.rows.is_empty() {
            line(&rule(&columns));
            for row in &self.rows {
                let mut text = String::new();
                for (i, &w) in columns.iter().enumerate() {
                    let value = row.get(i).map_or("", String::as_str);
                    text.push_str(&left_aligned(i == 0, value, w, style));
                }
                line(&text);
            }
            line(&rule(&columns));
        }
    }
}

/// Spaces either side of a cell's text: two on each side.
const PADDING: usize = 4;

/// Builds the sections of a response, the way the AWS CLI walks it.
struct Builder {
    done: Vec<Section>,
    current: Section,
}

impl Builder {
    fn new(title: &str) -> Self {
        Builder {
            done: Vec::new(),
            current: Section::new(Some(title), 0),
        }
    }

    fn finish(mut self) -> Vec<Section> {
        self.done.push(self.current);
        self.done
    }

    fn open(&mut self, title: Option<&str>, depth: usize) {
        let previous = std::mem::replace(&mut self.current, Section::new(title, depth));
        self.done.push(previous);
    }

    /// A member's value: its own section when titled, else more rows of
    /// the current one. Empty and false values have no section.
    fn nested(&mut self, title: Option<&str>, value: &Value, depth: usize) {
        if blank(value) {
            return;
        }
        if title.is_some() {
            self.open(title, depth);
        }
        self.contents(value, title, depth);
    }

    /// What a value adds to the current section. A scalar adds nothing: it
    /// has been shown in its parent's row (a lone scalar shows only the
    /// title, as with the AWS CLI).
    fn contents(&mut self, value: &Value, title: Option<&str>, depth: usize) {
        match value {
            Value::Array(items) if matches!(items.first(), Some(Value::Object(_))) => {
                self.records(items, title, depth);
            }
            Value::Array(items) => {
                for item in items {
                    self.list_item(item);
                }
            }
            Value::Object(members) => self.object(members, depth),
            _ => {}
        }
    }

    /// One item of a list that does not start with an object.
    fn list_item(&mut self, item: &Value) {
        if let Some(text) = scalar(item) {
            self.current.push_row(vec![text]);
            return;
        }
        match item {
            Value::Array(values) => match values.iter().map(scalar).collect::<Option<Vec<_>>>() {
                Some(row) => self.current.push_row(row),
                None => self.nested(None, item, 0),
            },
            // The AWS CLI takes an object here for a row of scalars, and
            // so shows its member names.
            Value::Object(members) => self.current.push_row(members.keys().cloned().collect()),
            _ => {}
        }
    }

    /// An object: its scalar members as one row (a name/value pair when
    /// there is one), then a section for each list or object member.
    fn object(&mut self, members: &Map<String, Value>, depth: usize) {
        let (scalars, nested): (Vec<_>, Vec<_>) = sorted(members)
            .into_iter()
            .partition(|(_, v)| scalar(v).is_some());
        match scalars.as_slice() {
            [] => {}
            [(name, value)] => self.current.push_row(vec![(*name).clone(), cell(value)]),
            many => {
                self.current
                    .set_headers(many.iter().map(|(name, _)| (*name).clone()).collect());
                self.current
                    .push_row(many.iter().map(|(_, value)| cell(value)).collect());
            }
        }
        for (name, value) in nested {
            self.nested(Some(name), value, depth + 1);
        }
    }

    /// A list of objects: one row per object under the names of every
    /// scalar member any of them has. Objects with list or object members
    /// get a section each (headers repeated), so their nested sections
    /// follow their own row.
    fn records(&mut self, items: &[Value], title: Option<&str>, depth: usize) {
        let mut scalars = BTreeSet::new();
        let mut nested = BTreeSet::new();
        for members in items.iter().filter_map(Value::as_object) {
            for (name, value) in members {
                if scalar(value).is_some() {
                    scalars.insert(name.as_str());
                } else {
                    nested.insert(name.as_str());
                }
            }
        }
        let headers: Vec<String> = scalars.iter().map(|s| (*s).to_owned()).collect();
        self.current.set_headers(headers.clone());
        for (i, item) in items.iter().enumerate() {
            if i > 0 && !nested.is_empty() {
                self.open(title, depth);
                self.current.set_headers(headers.clone());
            }
            let Value::Object(members) = item else {
                // Not an object (the AWS CLI fails here): its value in the
                // first cell, so nothing goes missing.
                let mut row = match item {
                    Value::String(s) if s.is_empty() => Vec::new(),
                    Value::Array(a) if a.is_empty() => Vec::new(),
                    other => vec![cell(other)],
                };
                row.resize(row.len().max(headers.len()), String::new());
                self.current.push_row(row);
                continue;
            };
            self.current.push_row(
                headers
                    .iter()
                    .map(|h| members.get(h).map(cell).unwrap_or_default())
                    .collect(),
            );
            for name in &nested {
                if let Some(value) = members.get(*name) {
                    self.nested(Some(name), value, depth + 1);
                }
            }
        }
    }
}

/// An object's members sorted by name (by code point, as Python sorts
/// strings).
fn sorted(members: &Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut members: Vec<_> = members.iter().collect();
    members.sort_by(|a, b| a.0.cmp(b.0));
    members
}

/// Draws the sections, all as wide as the widest.
fn draw(sections: Vec<Section>, layout: Layout) -> String {
    let widest = |sections: &[Section]| {
        sections
            .iter()
            .map(Section::natural_width)
            .max()
            .unwrap_or(0)
    };
    let mut sections = sections;
    let mut width = widest(&sections);
    if width > layout.terminal_width {
        sections = sections.into_iter().map(Section::upright).collect();
        width = widest(&sections);
    }
    let style = Style {
        colour: layout.colour,
    };
    let mut out = "-".repeat(width);
    out.push('\n');
    for section in &sections {
        section.draw(width, style, &mut out);
    }
    out
}

/// Column widths that add up to `total`: each column's text plus padding,
/// scaled up proportionally and rounded half to even (Python's `round`),
/// the rounding error then taken from the first columns or given to the
/// last ones, one column at a time.
fn fit(widths: &[usize], total: usize) -> Vec<usize> {
    let natural: Vec<usize> = widths.iter().map(|w| w + PADDING).collect();
    let sum: usize = natural.iter().sum();
    if sum == 0 {
        return Vec::new();
    }
    let scale = total as f64 / sum as f64;
    let mut scaled: Vec<i64> = natural
        .iter()
        .map(|&w| (scale * w as f64).round_ties_even() as i64)
        .collect();
    let mut over = scaled.iter().sum::<i64>() - total as i64;
    while over > 0 {
        for w in scaled.iter_mut() {
            *w -= 1;
            over -= 1;
            if over == 0 {
                break;
            }
        }
    }
    while over < 0 {
        for w in scaled.iter_mut().rev() {
            *w += 1;
            over += 1;
            if over == 0 {
                break;
            }
        }
    }
    scaled.into_iter().map(|w| w.max(0) as usize).collect()
}

/// `+----+-----+`: a border across columns of these widths.
fn rule(columns: &[usize]) -> String {
    let mut text = String::new();
    for (i, &w) in columns.iter().enumerate() {
        if i == 0 {
            text.push('+');
            text.push_str(&"-".repeat(w.saturating_sub(2)));
        } else {
            text.push_str(&"-".repeat(w.saturating_sub(1)));
        }
        text.push('+');
    }
    text
}

/// `text` centred in `width` columns between the edges (a title, a column
/// header); a left edge of "" continues a line of cells.
fn centred(left: &str, text: &str, width: usize, right: &str) -> String {
    let text_cols = text_width(text) as i64;
    let (width, left_cols, right_cols) = (width as i64, left.len() as i64, right.len() as i64);
    let before = width / 2 - text_cols / 2 - 1;
    let after = width - right_cols - (left_cols + before + text_cols);
    format!("{left}{}{text}{}{right}", spaces(before), spaces(after))
}

/// A cell's value: two spaces in unless it would not fit, then the text,
/// spaces up to the cell's right edge `|`.
fn left_aligned(first: bool, text: &str, width: usize, style: Style) -> String {
    let left = if first { "|" } else { "" };
    let text_cols = text_width(text);
    let pad = if left.len() + 2 + text_cols < width {
        2
    } else {
        0
    };
    let after = width as i64 - (left.len() + pad + text_cols) as i64 - 1;
    format!(
        "{left}{}{}{}|",
        " ".repeat(pad),
        style.value(text),
        spaces(after)
    )
}

fn spaces(n: i64) -> String {
    " ".repeat(usize::try_from(n).unwrap_or(0))
}

/// The AWS CLI's colours (colorama's): values bright blue, nesting bars
/// dim yellow; titles and headers plain.
#[derive(Debug, Clone, Copy)]
struct Style {
    colour: bool,
}

impl Style {
    const VALUE: &'static str = "\x1b[1m\x1b[34m";
    const BAR: &'static str = "\x1b[2m\x1b[33m";
    const RESET: &'static str = "\x1b[0m";

    fn value(self, text: &str) -> String {
        if self.colour {
            format!("{}{text}{}", Self::VALUE, Self::RESET)
        } else {
            text.to_owned()
        }
    }

    fn bar(self) -> String {
        if self.colour {
            format!("{}|{}", Self::BAR, Self::RESET)
        } else {
            "|".to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};
    use std::process::{Command, Stdio};

    use serde_json::{Value, json};

    use super::*;

    fn plain(width: usize) -> Layout {
        Layout {
            terminal_width: width,
            colour: false,
        }
    }

    fn lines(lines: &[&str]) -> String {
        lines.iter().map(|l| format!("{l}\n")).collect()
    }

    fn key_metadata() -> Value {
        json!({"KeyMetadata": {"KeyId": "k1", "Enabled": true, "EncryptionAlgorithms": ["SYMMETRIC_DEFAULT"]}})
    }

    #[test]
    fn scalars_make_one_row_and_each_list_or_object_a_nested_section() {
        assert_eq!(
            render("DescribeKey", &key_metadata(), plain(80)),
            lines(&[
                "---------------------------",
                "|       DescribeKey       |",
                "+-------------------------+",
                "||      KeyMetadata      ||",
                "|+------------+----------+|",
                "||   Enabled  |  KeyId   ||",
                "|+------------+----------+|",
                "||  True      |  k1      ||",
                "|+------------+----------+|",
                "|||EncryptionAlgorithms |||",
                "||+---------------------+||",
                "|||  SYMMETRIC_DEFAULT  |||",
                "||+---------------------+||",
            ])
        );
    }

    #[test]
    fn wider_than_the_terminal_single_rows_become_name_value_pairs() {
        assert_eq!(
            render("DescribeKey", &key_metadata(), plain(20)),
            lines(&[
                "---------------------------",
                "|       DescribeKey       |",
                "+-------------------------+",
                "||      KeyMetadata      ||",
                "|+------------+----------+|",
                "||  Enabled   |  True    ||",
                "||  KeyId     |  k1      ||",
                "|+------------+----------+|",
                "|||EncryptionAlgorithms |||",
                "||+---------------------+||",
                "|||  SYMMETRIC_DEFAULT  |||",
                "||+---------------------+||",
            ])
        );
        // Exactly as wide as the terminal is not wider.
        assert_eq!(
            render("DescribeKey", &key_metadata(), plain(27)),
            render("DescribeKey", &key_metadata(), plain(80))
        );
        assert_ne!(
            render("DescribeKey", &key_metadata(), plain(26)),
            render("DescribeKey", &key_metadata(), plain(27))
        );
    }

    #[test]
    fn records_share_a_section_unless_they_have_nested_members() {
        let keys = json!({"Keys": [{"KeyId": "k1", "KeyArn": "arn:1"}, {"KeyId": "k2", "KeyArn": "arn:2"}]});
        assert_eq!(
            render("ListKeys", &keys, plain(80)),
            lines(&[
                "-----------------------",
                "|      ListKeys       |",
                "+---------------------+",
                "||       Keys        ||",
                "|+---------+---------+|",
                "|| KeyArn  |  KeyId  ||",
                "|+---------+---------+|",
                "||  arn:1  |  k1     ||",
                "||  arn:2  |  k2     ||",
                "|+---------+---------+|",
            ])
        );
        // A record with nested members: its own section, headers repeated,
        // its nested sections (sorted by name) right after its row.
        let grants = json!({"Grants": [
            {"GrantId": "g1", "Operations": ["Decrypt"], "Constraints": {"EncryptionContextSubset": {"team": "ops"}}},
            {"GrantId": "g2", "Operations": ["Encrypt", "Decrypt"]},
        ]});
        assert_eq!(
            render("ListGrants", &grants, plain(80)),
            lines(&[
                "-------------------------------",
                "|         ListGrants          |",
                "+-----------------------------+",
                "||          Grants           ||",
                "|+---------------------------+|",
                "||          GrantId          ||",
                "|+---------------------------+|",
                "||  g1                       ||",
                "|+---------------------------+|",
                "|||       Constraints       |||",
                "||+-------------------------+||",
                "||||EncryptionContextSubset||||",
                "|||+-----------+-----------+|||",
                "||||  team     |  ops      ||||",
                "|||+-----------+-----------+|||",
                "|||       Operations        |||",
                "||+-------------------------+||",
                "|||  Decrypt                |||",
                "||+-------------------------+||",
                "||          Grants           ||",
                "|+---------------------------+|",
                "||          GrantId          ||",
                "|+---------------------------+|",
                "||  g2                       ||",
                "|+---------------------------+|",
                "|||       Operations        |||",
                "||+-------------------------+||",
                "|||  Encrypt                |||",
                "|||  Decrypt                |||",
                "||+-------------------------+||",
            ])
        );
    }

    #[test]
    fn scalars_print_as_python_does() {
        let v = json!({"Z": 1.5e16, "a": 1e-5, "b": 0.1, "c": -2.0, "d": null});
        assert_eq!(
            render("T", &v, plain(80)),
            lines(&[
                "---------------------------------------------",
                "|                     T                     |",
                "+----------+--------+------+-------+--------+",
                "|     Z    |   a    |  b   |   c   |   d    |",
                "+----------+--------+------+-------+--------+",
                "|  1.5e+16 |  1e-05 |  0.1 |  -2.0 |  None  |",
                "+----------+--------+------+-------+--------+",
            ])
        );
    }

    #[test]
    fn east_asian_characters_take_two_columns() {
        // The AWS CLI counts a combining accent as columns of its own too.
        let v = json!({"名前": "鍵", "b": "e\u{301}"});
        assert_eq!(
            render("T", &v, plain(80)),
            lines(&[
                "-----------------",
                "|       T       |",
                "+------+--------+",
                "|   b  | 名前   |",
                "+------+--------+",
                "|  e\u{301} |  鍵    |",
                "+------+--------+",
            ])
        );
        assert_eq!(text_width("ab"), 2);
        assert_eq!(text_width("鍵🔑±"), 6);
        // U+0301 is East Asian "ambiguous": two columns for the AWS CLI.
        assert_eq!(text_width("e\u{301}"), 3);
    }

    #[test]
    fn a_value_too_wide_for_its_cell_loses_its_padding() {
        // Scaling 8 + 10 columns to 17 takes the rounding error from the
        // first: 8 columns for a 5-column text, too few for "|  " + text + "|".
        assert_eq!(fit(&[4, 6], 17), vec![8, 9]);
        assert_eq!(
            left_aligned(true, "abcde", 8, Style { colour: false }),
            "|abcde |"
        );
        assert_eq!(
            left_aligned(true, "abc", 8, Style { colour: false }),
            "|  abc |"
        );
        assert_eq!(
            left_aligned(false, "abc", 8, Style { colour: false }),
            "  abc  |"
        );
    }

    #[test]
    fn columns_scale_to_fill_the_width_rounding_half_to_even() {
        // 3/2 * 5 = 7.5 rounds to 8, 3/2 * 7 = 10.5 to 10: 18, as wanted.
        assert_eq!(fit(&[1, 3], 18), vec![8, 10]);
        // 12 * 4/3 = 16 each: 48 over 49 wanted, the last column gets one.
        assert_eq!(fit(&[8, 8, 8], 49), vec![16, 16, 17]);
        assert_eq!(fit(&[], 40), Vec::<usize>::new());
        assert_eq!(rule(&[5, 4, 3]), "+---+---+--+");
    }

    #[test]
    fn a_lone_scalar_shows_only_the_title_and_empty_values_nothing() {
        assert_eq!(
            render("DescribeKey", &json!("k1"), plain(80)),
            lines(&["-------------", "|DescribeKey|", "+-----------+"])
        );
        for empty in [
            json!(null),
            json!(false),
            json!(0),
            json!(""),
            json!([]),
            json!({}),
        ] {
            assert_eq!(render("T", &empty, plain(80)), "", "{empty}");
        }
        // Empty members have no section.
        assert_eq!(
            render("T", &json!({"Aliases": [], "Tags": {}}), plain(80)),
            lines(&["---", "|T|", "+-+"])
        );
    }

    #[test]
    fn colour_marks_values_and_nesting_bars() {
        let got = render(
            "T",
            &json!({"a": {"b": "x", "c": 2}}),
            Layout {
                terminal_width: 80,
                colour: true,
            },
        );
        let bar = "\x1b[2m\x1b[33m|\x1b[0m";
        let value = |v: &str| format!("\x1b[1m\x1b[34m{v}\x1b[0m");
        assert_eq!(
            got,
            [
                "--------------".to_owned(),
                "|      T     |".to_owned(),
                "+------------+".to_owned(),
                format!("{bar}|     a    |{bar}"),
                format!("{bar}+----+-----+{bar}"),
                format!("{bar}|  b |  c  |{bar}"),
                format!("{bar}+----+-----+{bar}"),
                format!("{bar}|  {} |  {}  |{bar}", value("x"), value("2")),
                format!("{bar}+----+-----+{bar}"),
            ]
            .iter()
            .map(|l| format!("{l}\n"))
            .collect::<String>()
        );
    }

    #[test]
    fn values_the_aws_cli_cannot_draw_are_all_shown() {
        // A list mixing objects and other values, rows of different lengths.
        let got = render("T", &json!([{"KeyId": "k1"}, "stray", [1, 2]]), plain(80));
        for text in ["KeyId", "k1", "stray", "[1,2]"] {
            assert!(got.contains(text), "{text} missing:\n{got}");
        }
        // The first cell holds the left border, so a one-column value
        // touches its right edge there, as in the AWS CLI's tables.
        let got = render("T", &json!([[1, 2, 3], [4]]), plain(80));
        assert_eq!(
            got,
            lines(&[
                "-----------------",
                "|       T       |",
                "+---+-----+-----+",
                "|  1|  2  |  3  |",
                "|  4|     |     |",
                "+---+-----+-----+",
            ])
        );
    }

    // ----- Against the AWS CLI itself -------------------------------------

    /// `$LKMS_TEST_PYTHON`, else the CI venv's python, else `python3`.
    fn python() -> PathBuf {
        if let Some(p) = std::env::var_os("LKMS_TEST_PYTHON") {
            return PathBuf::from(p);
        }
        let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ci-venv/bin/python");
        if venv.exists() {
            return venv;
        }
        PathBuf::from("python3")
    }

    const HOW_TO: &str = "run .ci/run (it installs the AWS CLI into target/ci-venv), \
                          or point LKMS_TEST_PYTHON at a python with awscli";

    fn run_python(args: &[&str], stdin: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let py = python();
        let mut child = Command::new(&py)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {py:?} ({e}): {HOW_TO}"));
        let mut input = child.stdin.take().expect("stdin");
        let stdin = stdin.to_vec();
        let writer = std::thread::spawn(move || input.write_all(&stdin));
        let out = child.wait_with_output().expect("python output");
        writer.join().expect("writer").expect("write to python");
        assert!(
            out.status.success(),
            "{py:?} {args:?} failed: {HOW_TO}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    }

    /// The AWS CLI's tables of `cases` (title, value, width, colour); `None`
    /// where it fails.
    fn awscli_tables(cases: &[(String, Value, usize, bool)]) -> Vec<Option<String>> {
        let input: Vec<Value> = cases
            .iter()
            .map(|(title, value, width, colour)| {
                json!({"title": title, "value": value, "width": width,
                       "color": if *colour { "on" } else { "off" }})
            })
            .collect();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/awscli_table.py");
        let out = run_python(
            &[script.to_str().expect("utf-8 path")],
            &serde_json::to_vec(&input).expect("json"),
        );
        serde_json::from_slice(&out).expect("tests/awscli_table.py printed JSON")
    }

    /// A small deterministic generator (xorshift), so a failure reproduces.
    struct Gen(u64);

    impl Gen {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
            from[self.below(from.len())]
        }

        fn name(&mut self) -> String {
            self.pick(&[
                "KeyId", "Arn", "Enabled", "Tags", "a", "b", "Zeta", "ä", "键", "Key Id", "_x",
            ])
            .to_owned()
        }

        fn scalar(&mut self) -> Value {
            match self.below(12) {
                0 => json!(null),
                1 => json!(self.below(2) == 0),
                2 => json!(self.below(1000) as i64 - 100),
                3 => json!([0.1, 1.5, 1e16, 2.5e-7, 123.456, -3.0, 1e15, 0.0001][self.below(8)]),
                4 => json!(""),
                5 => json!("x".repeat(self.below(120))),
                6 => {
                    json!(self.pick(&["鍵", "é", "e\u{301}", "🔑 key", "±1", "Ωmega", "tab\there"]))
                }
                _ => json!(self.pick(&[
                    "SYMMETRIC_DEFAULT",
                    "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                    "Enabled",
                    "alias/backups",
                    "ops",
                ])),
            }
        }

        /// Any value; lists of objects keep each member's kind (scalar or
        /// not) across items, as every AWS response does.
        fn value(&mut self, depth: usize) -> Value {
            let kind = if depth == 0 { 0 } else { self.below(7) };
            match kind {
                0 | 1 => self.scalar(),
                2 | 3 => self.object(depth),
                4 => json!(
                    (0..self.below(4))
                        .map(|_| self.scalar())
                        .collect::<Vec<_>>()
                ),
                5 => {
                    // Records: a fixed kind per member name.
                    let mut members: Vec<(String, bool)> = Vec::new();
                    for _ in 0..1 + self.below(4) {
                        let name = self.name();
                        if members.iter().all(|(n, _)| *n != name) {
                            members.push((name, self.below(3) == 0));
                        }
                    }
                    let items: Vec<Value> = (0..1 + self.below(3))
                        .map(|_| {
                            let mut m = Map::new();
                            for (name, nested) in &members {
                                if self.below(4) > 0 {
                                    let v = if *nested {
                                        self.nested(depth - 1)
                                    } else {
                                        self.scalar()
                                    };
                                    m.insert(name.clone(), v);
                                }
                            }
                            Value::Object(m)
                        })
                        .collect();
                    json!(items)
                }
                _ => {
                    // Anything in a list, first item not an object.
                    let mut items = vec![self.scalar()];
                    for _ in 0..self.below(4) {
                        items.push(match self.below(4) {
                            0 => self.object(depth - 1),
                            1 => json!([self.scalar()]),
                            2 => self.value(depth - 1),
                            _ => self.scalar(),
                        });
                    }
                    json!(items)
                }
            }
        }

        fn nested(&mut self, depth: usize) -> Value {
            if self.below(2) == 0 {
                self.object(depth)
            } else {
                json!(
                    (0..self.below(3))
                        .map(|_| self.scalar())
                        .collect::<Vec<_>>()
                )
            }
        }

        fn object(&mut self, depth: usize) -> Value {
            let mut m = Map::new();
            for _ in 0..self.below(6) {
                let v = self.value(depth.saturating_sub(1));
                m.insert(self.name(), v);
            }
            Value::Object(m)
        }
    }

    #[test]
    fn tables_are_the_aws_clis_byte_for_byte() {
        let mut g = Gen(0x5eed_1e55_7ab1_e5e5);
        let cases: Vec<(String, Value, usize, bool)> = (0..3000)
            .map(|_| {
                let title = g
                    .pick(&["DescribeKey", "ListGrants", "T", "操作", ""])
                    .to_owned();
                let value = match g.below(3) {
                    0 => g.value(3),
                    1 => g.object(3),
                    _ => g.value(4),
                };
                let width = [10, 40, 80, 120, 400][g.below(5)];
                (title, value, width, g.below(4) == 0)
            })
            .collect();
        let want = awscli_tables(&cases);
        assert_eq!(want.len(), cases.len());
        let mut compared = 0;
        for ((title, value, width, colour), want) in cases.iter().zip(&want) {
            let Some(want) = want else { continue };
            compared += 1;
            let got = render(
                title,
                value,
                Layout {
                    terminal_width: *width,
                    colour: *colour,
                },
            );
            assert_eq!(
                &got, want,
                "title {title:?}, width {width}, colour {colour}, value {value}\n--- lkms ---\n{got}\n--- aws ---\n{want}"
            );
        }
        // Most values are ones the AWS CLI draws: the comparison is real.
        assert!(compared > 2000, "only {compared} tables compared");
    }

    /// Python's `unicodedata` East Asian widths, as `east_asian.rs` lists them.
    const EAST_ASIAN_PY: &str = r#"
import unicodedata
wide = [unicodedata.east_asian_width(chr(c)) in "WFA" for c in range(0x110000)]
ranges, start = [], None
for c, w in enumerate(wide + [False]):
    if w and start is None:
        start = c
    elif not w and start is not None:
        ranges.append((start, c - 1))
        start = None
print(unicodedata.unidata_version)
for a, b in ranges:
    print(f"{a:X} {b:X}")
"#;

    #[test]
    fn east_asian_widths_are_pythons() {
        let out = String::from_utf8(run_python(&["-c", EAST_ASIAN_PY], b"")).expect("utf-8");
        let mut lines = out.lines();
        let version = lines.next().expect("a version line");
        let ranges: Vec<(u32, u32)> = lines
            .map(|l| {
                let (a, b) = l.split_once(' ').expect("two fields");
                (
                    u32::from_str_radix(a, 16).expect("hex"),
                    u32::from_str_radix(b, 16).expect("hex"),
                )
            })
            .collect();
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cli/output/table/east_asian.rs");
        if std::env::var_os("LKMS_BLESS").is_some() {
            let mut src = String::from(
                "//! The code points the AWS CLI counts as two columns wide: East Asian Width\n\
                 //! Wide, Fullwidth or Ambiguous in Python's `unicodedata`. Generated by\n\
                 //! `LKMS_BLESS=1 cargo test --bin lkms east_asian`; do not edit.\n\n\
                 /// The Unicode version of Python's `unicodedata` that `WIDE` comes from.\n\
                 #[cfg(test)]\n",
            );
            src.push_str(&format!(
                "pub const UNICODE_VERSION: &str = \"{version}\";\n\n"
            ));
            src.push_str("/// Inclusive code point ranges, sorted and disjoint.\npub const WIDE: &[(u32, u32)] = &[\n");
            for (a, b) in &ranges {
                src.push_str(&format!("    (0x{a:X}, 0x{b:X}),\n"));
            }
            src.push_str("];\n");
            std::fs::write(&path, src).expect("write east_asian.rs");
            return;
        }
        if version == east_asian::UNICODE_VERSION {
            assert!(
                ranges == east_asian::WIDE,
                "{path:?} differs from Python's unicodedata {version}: \
                 LKMS_BLESS=1 cargo test --bin lkms east_asian"
            );
        } else {
            // Another Python, another Unicode: characters both know agree.
            for c in ['a', 'é', '±', 'Ω', '─', '鍵', '가', 'Ａ', '🔑', '\u{301}'] {
                let wide =
                    |r: &[(u32, u32)]| r.iter().any(|&(lo, hi)| (lo..=hi).contains(&u32::from(c)));
                assert_eq!(wide(&ranges), wide(east_asian::WIDE), "{c:?}");
            }
        }
    }
}
