//! CSV cells for the exports: quoted when they must be, and defused when they would start
//! a spreadsheet formula (a name typed at a login or on an application could otherwise
//! run as one when a supervisor opens the file in Excel or WPS).

/// One cell.
pub fn cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// One line of cells, ended by CR LF.
pub fn line<S: AsRef<str>>(cells: &[S]) -> String {
    let mut out = cells
        .iter()
        .map(|c| cell(c.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_separators_quoted() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("-1+2"), "'-1+2");
        assert_eq!(cell("王敏"), "王敏");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(line(&["1", "@x"]), "1,'@x\r\n");
    }
}
