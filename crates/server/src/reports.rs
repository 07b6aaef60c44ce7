//! `GET /api/desk/reports/ledger`: the ledger of cases decided (办结) in a period — Tunchang
//! sends last week's to each industry department — as CSV (UTF-8 with a byte-order mark,
//! which Excel and WPS open as Chinese) or XLSX. Natural persons' names, ID numbers and
//! mobiles are masked unless the supervisor gives a reason, which is audited.

use crate::auth::{supervisor_only, Clerk};
use crate::error::AppError;
use crate::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use onewindow_core::case::replay;
use onewindow_core::submission::FieldError;
use onewindow_core::validate::mask_applicant;
use onewindow_wire::supervision::{LedgerQuery, ReportFormat};

/// The ledger's columns.
const COLUMNS: [&str; 16] = [
    "序号",
    "办件编号",
    "事项名称",
    "承办部门",
    "申请人",
    "证件号码",
    "联系电话",
    "收件日期",
    "受理日期",
    "办结日期",
    "办理结果",
    "承诺期限",
    "是否按时办结",
    "出件日期",
    "首办负责人",
    "办理地点",
];

/// A decided case as the ledger reads it: number, item, department, applicant's name, ID
/// and mobile, events, owner, site.
type LedgerRow = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
);

/// `GET /api/desk/reports/ledger`.
pub async fn ledger(
    State(state): State<AppState>,
    clerk: Clerk,
    q: Result<Query<LedgerQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    supervisor_only(
        &state,
        &clerk,
        "report.ledger",
        "",
        "只有中心管理人员可以导出台账",
    )
    .await?;
    let Query(q) = q.map_err(|e| {
        AppError::BadRequest(format!(
            "台账条件不正确（from、to 为 YYYY-MM-DD 日期，format 为 csv 或 xlsx）：{e}"
        ))
    })?;
    let reason = q.reason.trim();
    if let Some((field, problem)) =
        onewindow_core::supervision::ledger_problem(q.from, q.to, reason)
    {
        return Err(AppError::Unprocessable {
            message: problem.clone(),
            fields: vec![FieldError {
                field: field.into(),
                problem,
            }],
        });
    }
    let rows: Vec<LedgerRow> =
        sqlx::query_as(
            "SELECT number, item_code, department, applicant_name, applicant_id, applicant_mobile, events, owner, site \
             FROM cases WHERE decided_on >= $1 AND decided_on <= $2 AND ($3 = '' OR department = $3) \
             ORDER BY department, decided_on, number",
        )
        .bind(q.from.to_string())
        .bind(q.to.to_string())
        .bind(q.department.trim())
        .fetch_all(&state.db)
        .await?;
    crate::audit::record(
        &state.db,
        crate::audit::Audit {
            actor: &clerk.name,
            action: "report.ledger",
            target: q.department.trim(),
            client: &clerk.client,
            success: true,
            detail: &format!(
                "{} {} {} rows, {}",
                q.from,
                q.to,
                rows.len(),
                if reason.is_empty() { "masked" } else { reason }
            ),
        },
    )
    .await?;
    let c = &state.catalog;
    let mut lines: Vec<[String; 16]> = Vec::with_capacity(rows.len());
    for (i, (number, code, department, name, id, mobile, events, owner, site)) in
        rows.into_iter().enumerate()
    {
        let events = crate::stored::events(&state.vault, &events, &number)?;
        let rec = replay(&events).map_err(|e| AppError::Internal(e.into()))?;
        let item = c.catalog.item(&code);
        let f = onewindow_core::case::facts::facts(
            &events,
            &rec,
            item,
            &c.calendar,
            &c.catalog.settings.deadlines,
            crate::clock::today(),
        );
        let (mut name, mut id, mut mobile) = (name, id, mobile);
        state
            .vault
            .open_in_place(
                &format!("case {number}"),
                &mut [&mut name, &mut id, &mut mobile],
            )
            .map_err(AppError::Internal)?;
        let (name, id, mobile) = if reason.is_empty() {
            mask_applicant(&name, &id, &mobile)
        } else {
            (name, id, mobile)
        };
        let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        lines.push([
            (i + 1).to_string(),
            number,
            item.map(|i| i.name.clone()).unwrap_or(code),
            department,
            name,
            id,
            mobile,
            day(f.received_on),
            day(rec.accepted.map(|t| t.date())),
            day(f.decided_on),
            match rec.decided {
                Some((_, true)) => "准予",
                Some((_, false)) => "不予",
                None => "",
            }
            .into(),
            day(f.promised_due),
            match f.decided_on_time {
                Some(true) => "是",
                Some(false) => "否",
                None => "",
            }
            .into(),
            day(f.delivered_on),
            owner,
            site,
        ]);
    }
    let stem = format!(
        "办结台账_{}{}_{}",
        if q.department.trim().is_empty() {
            String::new()
        } else {
            format!("{}_", q.department.trim())
        },
        q.from,
        q.to
    );
    let disposition = |ext: &str| {
        let encoded: String = url_encode(&format!("{stem}.{ext}"));
        format!("attachment; filename=\"ledger.{ext}\"; filename*=UTF-8''{encoded}")
    };
    match q.format {
        ReportFormat::Csv => {
            let mut out = String::from("\u{feff}");
            out.push_str(&COLUMNS.join(","));
            out.push_str("\r\n");
            for l in &lines {
                out.push_str(&crate::csv::line(l));
            }
            Ok((
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                    (header::CONTENT_DISPOSITION, disposition("csv")),
                ],
                out,
            )
                .into_response())
        }
        ReportFormat::Xlsx => {
            let bytes = xlsx(&lines)
                .map_err(|e| AppError::Internal(anyhow::anyhow!("ledger workbook: {e}")))?;
            Ok((
                [
                    (
                        header::CONTENT_TYPE,
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                            .to_string(),
                    ),
                    (header::CONTENT_DISPOSITION, disposition("xlsx")),
                ],
                bytes,
            )
                .into_response())
        }
    }
}

/// The ledger as a workbook: a bold header row, frozen, and columns wide enough to read.
fn xlsx(lines: &[[String; 16]]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("办结台账")?;
    let bold = Format::new().set_bold();
    for (col, name) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *name, &bold)?;
        let width = match col {
            0 => 6.0,
            2 | 3 => 28.0,
            5 => 22.0,
            _ => 14.0,
        };
        sheet.set_column_width(col as u16, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (row, line) in lines.iter().enumerate() {
        for (col, value) in line.iter().enumerate() {
            sheet.write_string(row as u32 + 1, col as u16, value)?;
        }
    }
    book.save_to_buffer()
}

/// Percent-encodes a file name for `filename*` (RFC 5987).
fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
