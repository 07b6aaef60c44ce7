//! Placeholder lists for statements that write or read many rows at once (the case
//! writer's groups). PostgreSQL takes numbered parameters (`$1`); SQLite takes plain `?`
//! here, because it looks a numbered one up by name, a scan per parameter that made a
//! statement of thousands of parameters cost more than the rows it wrote.

/// How the connection's database writes parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Params {
    /// `$1, $2, …` (PostgreSQL).
    Numbered,
    /// `?, ?, …`, bound in order (SQLite).
    Positional,
}

impl Params {
    /// The style for `conn`'s database.
    pub fn of(conn: &sqlx::AnyConnection) -> Self {
        if conn.backend_name().eq_ignore_ascii_case("sqlite") {
            Params::Positional
        } else {
            Params::Numbered
        }
    }

    /// The parameters `first, first+1, …` for `n` values.
    pub fn list(self, first: usize, n: usize) -> String {
        (first..first + n)
            .map(|i| match self {
                Params::Numbered => format!("${i}"),
                Params::Positional => "?".to_string(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// `(…), (…), …` for `rows` rows of `cols` values, numbered on from 1.
    pub fn rows(self, rows: usize, cols: usize) -> String {
        (0..rows)
            .map(|r| format!("({})", self.list(1 + r * cols, cols)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_numbered_on_from_one_another() {
        assert_eq!(Params::Numbered.list(3, 2), "$3, $4");
        assert_eq!(Params::Numbered.rows(2, 3), "($1, $2, $3), ($4, $5, $6)");
        assert_eq!(Params::Positional.rows(2, 2), "(?, ?), (?, ?)");
    }
}
