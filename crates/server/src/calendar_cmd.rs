//! `onewindow calendar …`: the core's working-day clock from a shell.

use crate::catalog_dir;
use clap::Subcommand;
use onewindow_core::calendar::{parse_date, DateRange};
use std::path::Path;

/// What to ask the clock.
#[derive(Subcommand)]
pub enum CalendarCommand {
    /// Print true if DATE is a working day, false if not.
    IsWorkday {
        /// YYYY-MM-DD
        date: String,
    },
    /// Print the date N working days after DATE (DATE itself not counted; N = 0 is DATE).
    Add {
        /// YYYY-MM-DD: the day the period starts (acceptance, receipt, decision).
        date: String,
        /// Working days.
        n: u32,
        /// A suspension whose working days do not count (repeatable): FROM..TO, inclusive.
        #[arg(long = "suspend", value_name = "FROM..TO")]
        suspend: Vec<String>,
        /// Also print which holidays, make-up days and suspensions the count crossed.
        #[arg(long)]
        explain: bool,
    },
    /// Print the working days counted from START (not counted) to the end of ASOF.
    Elapsed {
        /// YYYY-MM-DD
        start: String,
        /// YYYY-MM-DD
        asof: String,
        /// A suspension whose working days do not count (repeatable): FROM..TO, inclusive.
        #[arg(long = "suspend", value_name = "FROM..TO")]
        suspend: Vec<String>,
    },
}

/// Runs one calendar command against the catalogue in `catalog`; prints the answer.
pub fn run(catalog: &Path, command: CalendarCommand) -> anyhow::Result<()> {
    let loaded = catalog_dir::load_dir(catalog)?;
    let cal = &loaded.calendar;
    let date = |s: &str| parse_date(s).map_err(anyhow::Error::msg);
    let ranges = |list: &[String]| -> anyhow::Result<Vec<DateRange>> {
        list.iter()
            .map(|s| DateRange::parse(s).map_err(anyhow::Error::msg))
            .collect()
    };
    match command {
        CalendarCommand::IsWorkday { date: d } => println!("{}", cal.is_working_day(date(&d)?)?),
        CalendarCommand::Add {
            date: d,
            n,
            suspend,
            explain,
        } => {
            let deadline = cal.deadline(date(&d)?, n, &ranges(&suspend)?)?;
            println!("{}", deadline.due);
            if explain {
                for (holiday, days) in &deadline.holidays_skipped {
                    println!("skipped: {holiday}, {days} weekday(s) off");
                }
                for day in &deadline.make_up_days {
                    println!("counted: {day}, a weekend day made a working day");
                }
                for r in &deadline.suspensions {
                    println!("suspended: {}..{}", r.from, r.to);
                }
                if deadline.suspended_working_days > 0 {
                    println!(
                        "not counted: {} suspended working day(s)",
                        deadline.suspended_working_days
                    );
                }
                if deadline.provisional {
                    println!(
                        "provisional: the schedule for {} is not loaded; weekends and the \
                         fixed-date holidays were counted as days off",
                        cal.provisional_from().format("%Y")
                    );
                }
            }
        }
        CalendarCommand::Elapsed {
            start,
            asof,
            suspend,
        } => {
            println!(
                "{}",
                cal.elapsed(date(&start)?, date(&asof)?, &ranges(&suspend)?)?
            )
        }
    }
    Ok(())
}
