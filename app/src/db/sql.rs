//! A small builder for dynamic SQL with `$n` placeholders, which both SQLite and PostgreSQL
//! accept. (sqlx's QueryBuilder writes `?` for the Any driver, which PostgreSQL rejects.)

use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::{Query, QueryAs, QueryScalar};
use sqlx::Any;

#[derive(Clone, Debug)]
pub enum Bind {
    Int(i64),
    /// SQL NULL in an integer column.
    NullInt,
    Text(String),
}

/// Binds every parameter in order; the three sqlx query kinds share `bind` but no trait for it.
macro_rules! bind_all {
    ($query:expr, $binds:expr) => {{
        let mut query = $query;
        for bind in $binds {
            query = match bind {
                Bind::Int(v) => query.bind(*v),
                Bind::NullInt => query.bind(None::<i64>),
                Bind::Text(v) => query.bind(v.as_str()),
            };
        }
        query
    }};
}

#[derive(Default, Debug)]
pub struct Sql {
    pub text: String,
    binds: Vec<Bind>,
    /// Sent as a one-off statement instead of a cached prepared one (see [`Sql::unprepared`]).
    unprepared: bool,
}

impl Sql {
    pub fn new(text: impl Into<String>) -> Sql {
        Sql {
            text: text.into(),
            binds: Vec::new(),
            unprepared: false,
        }
    }

    /// Plans the statement afresh on each run, with its values. For searches: after five runs
    /// of a cached statement PostgreSQL may switch to one generic plan, and the right plan
    /// depends on the words (walk the popularity b-tree for 茶, read the GIN posting list for a
    /// rare word; the first for a rare word reads the whole table).
    pub fn unprepared(&mut self) -> &mut Self {
        self.unprepared = true;
        self
    }

    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Adds a parameter and returns its placeholder.
    pub fn param(&mut self, value: Bind) -> String {
        self.binds.push(value);
        format!("${}", self.binds.len())
    }

    pub fn int(&mut self, value: i64) -> String {
        self.param(Bind::Int(value))
    }

    pub fn text(&mut self, value: impl Into<String>) -> String {
        self.param(Bind::Text(value.into()))
    }

    pub fn query(&self) -> Query<'_, Any, AnyArguments<'_>> {
        bind_all!(sqlx::query::<Any>(&self.text), &self.binds).persistent(!self.unprepared)
    }

    pub fn query_as<'q, O>(&'q self) -> QueryAs<'q, Any, O, AnyArguments<'q>>
    where
        O: for<'r> sqlx::FromRow<'r, AnyRow>,
    {
        bind_all!(sqlx::query_as::<Any, O>(&self.text), &self.binds).persistent(!self.unprepared)
    }

    pub fn query_scalar<'q, O>(&'q self) -> QueryScalar<'q, Any, O, AnyArguments<'q>>
    where
        (O,): for<'r> sqlx::FromRow<'r, AnyRow>,
    {
        bind_all!(sqlx::query_scalar::<Any, O>(&self.text), &self.binds)
            .persistent(!self.unprepared)
    }
}
