//! The applicant's side of a case, by number and lookup code: the status page's view, the
//! delivery choice until 出件, and the applicant's evaluation (好差评) after it. A wrong code
//! answers exactly like a missing case.

use crate::audit::{self, Audit};
use crate::error::AppError;
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::Json;
use onewindow_core::case::{
    record_step, state_name, EventType, FieldName, Recorder, Role, StepRequest,
};
use onewindow_core::outcome::Outcome;
use onewindow_core::submission::FieldError;
use onewindow_core::validate::mask_id;
use onewindow_wire::body::{
    ApplicantCaseView, ApplicantMasked, DeliveryRequest, EvaluationRequest, ItemRef, LookupQuery,
    RenderedNotice,
};

/// The columns the applicant's view reads.
#[derive(sqlx::FromRow)]
struct CaseRow {
    version: i64,
    lookup_code: String,
    item_code: String,
    applicant_name: String,
    applicant_id: String,
    applicant_mobile: String,
    submission: String,
    outcome: Option<String>,
    events: String,
}

/// `GET /api/cases/{number}?code=…`: the applicant's view. A wrong code is a missing case.
pub async fn lookup(
    State(state): State<AppState>,
    Path(number): Path<String>,
    Query(q): Query<LookupQuery>,
) -> Result<Json<ApplicantCaseView>, AppError> {
    let row = authorised(&state, &number, q.code).await?;
    Ok(Json(applicant_view(&state, number, row).await?))
}

/// The case `number` if `code` is its lookup code; otherwise exactly what a missing case
/// answers.
async fn authorised(
    state: &AppState,
    number: &str,
    code: Option<String>,
) -> Result<CaseRow, AppError> {
    let not_found = || {
        AppError::NotFound(format!(
            "case {number} (check the number and the lookup code)"
        ))
    };
    let code = code.unwrap_or_default().trim().to_uppercase();
    let row: Option<CaseRow> = sqlx::query_as(
        "SELECT version, lookup_code, item_code, applicant_name, applicant_id, applicant_mobile, submission, outcome, events FROM cases WHERE number = $1",
    )
    .bind(number)
    .fetch_optional(&state.db)
    .await?;
    let Some(mut row) = row else {
        return Err(not_found());
    };
    if !same_code(&row.lookup_code, &code) {
        return Err(not_found());
    }
    // The personal data is stored sealed (vault.rs).
    state
        .vault
        .open_in_place(
            &format!("case {number}"),
            &mut [
                &mut row.applicant_name,
                &mut row.applicant_id,
                &mut row.applicant_mobile,
                &mut row.submission,
            ],
        )
        .map_err(AppError::Internal)?;
    Ok(row)
}

/// Whether `given` is `code`, compared in constant time so that a code cannot be guessed
/// letter by letter.
pub fn same_code(code: &str, given: &str) -> bool {
    code.len() == given.len()
        && code
            .bytes()
            .zip(given.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// What the applicant sees of the case.
async fn applicant_view(
    state: &AppState,
    number: String,
    row: CaseRow,
) -> Result<ApplicantCaseView, AppError> {
    let events = crate::stored::events(&state.vault, &row.events, &number)?;
    let outcome = crate::stored::outcome(row.outcome.as_deref(), &number)?;
    let catalog = &state.catalog;
    let item = catalog.catalog.item(&row.item_code);
    let view = onewindow_core::case::view(
        &events,
        item,
        &catalog.calendar,
        &catalog.catalog.settings.deadlines,
        crate::clock::today(),
    )
    .map_err(|e| AppError::Internal(e.into()))?;
    let missing = match outcome {
        Some(Outcome::Incomplete { gaps, .. }) => gaps,
        _ => vec![],
    };
    let status = onewindow_core::case::applicant::applicant_status(&view, item);
    // The other cases received under the same code (a bundle), by the same rule.
    let others: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT number, item_code, events FROM cases WHERE lookup_code = $1 AND number <> $2 ORDER BY id",
    )
    .bind(&row.lookup_code)
    .bind(&number)
    .fetch_all(&state.db)
    .await?;
    let mut bundle = Vec::new();
    for (other, code, events) in others {
        let record =
            onewindow_core::case::replay(&crate::stored::events(&state.vault, &events, &other)?)
                .map_err(|e| AppError::Internal(e.into()))?;
        let item = catalog.catalog.item(&code);
        bundle.push(onewindow_wire::body::BundleItemStatus {
            number: other,
            item: ItemRef {
                code: code.clone(),
                name: item.map(|i| i.name.clone()),
                department: item.map(|i| i.department.clone()),
            },
            state: record.state,
        });
    }
    let notices = crate::numbers::of_case(&state.db, &number).await?;
    Ok(ApplicantCaseView {
        number,
        item: ItemRef {
            code: row.item_code.clone(),
            name: item.map(|i| i.name.clone()),
            department: item.map(|i| i.department.clone()),
        },
        state: view.state,
        applicant: ApplicantMasked {
            name: row.applicant_name,
            id_masked: mask_id(&row.applicant_id),
        },
        deadlines: view.deadlines.map(|d| d.deadlines).unwrap_or_default(),
        missing,
        status,
        notices,
        bundle,
    })
}

/// `POST /api/cases/{number}/evaluation?code=…`: the applicant's 好差评 of a stage (the
/// reception, the hand-out; one each); the core checks it (a poor one gives reasons and opens a follow-up due
/// in 15 working days). Audited; the answer is the updated view.
pub async fn evaluate(
    State(state): State<AppState>,
    Path(number): Path<String>,
    Query(q): Query<LookupQuery>,
    body: axum::body::Bytes,
) -> Result<Json<ApplicantCaseView>, AppError> {
    let request: EvaluationRequest = parse(&body)?;
    let fields = [
        (
            FieldName::Stage,
            request.stage.map(|s| s.name()).unwrap_or_default().into(),
        ),
        (FieldName::Level, request.level.to_string()),
        (FieldName::PoorReasons, request.reasons.join("\n")),
        (FieldName::Comment, request.comment.clone()),
    ];
    applicant_step(
        &state,
        number,
        q,
        EventType::Evaluated,
        &fields,
        "case.evaluation",
    )
    .await
}

/// `POST /api/cases/{number}/delivery?code=…`: the applicant changes how the result is
/// handed out, until 出件 (the core says when no longer). Audited.
pub async fn choose_delivery(
    State(state): State<AppState>,
    Path(number): Path<String>,
    Query(q): Query<LookupQuery>,
    body: axum::body::Bytes,
) -> Result<Json<ApplicantCaseView>, AppError> {
    let request: DeliveryRequest = parse(&body)?;
    let method = match request.method {
        onewindow_core::catalog::DeliveryMethod::Window => "window",
        onewindow_core::catalog::DeliveryMethod::Locker => "locker",
        onewindow_core::catalog::DeliveryMethod::Post => "post",
    };
    let fields = [
        (FieldName::Method, method.to_string()),
        (FieldName::Address, request.address.clone()),
    ];
    applicant_step(
        &state,
        number,
        q,
        EventType::DeliveryChosen,
        &fields,
        "case.delivery",
    )
    .await
}

fn parse<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    crate::cases::parse(body).map_err(|(field, problem)| AppError::Unprocessable {
        message: format!("提交的数据不正确：{problem}"),
        fields: vec![FieldError { field, problem }],
    })
}

/// Records a step the applicant takes (as 申请人, by the server's clock, checked by the
/// core), audited, and answers the updated view.
async fn applicant_step(
    state: &AppState,
    number: String,
    q: LookupQuery,
    step: EventType,
    fields: &[(FieldName, String)],
    action: &str,
) -> Result<Json<ApplicantCaseView>, AppError> {
    let row = authorised(state, &number, q.code.clone()).await?;
    let events = crate::stored::events(&state.vault, &row.events, &number)?;
    let item = state.catalog.catalog.item(&row.item_code);
    // The server's clock says when; the applicant is who the code says.
    let by = Recorder {
        actor: "申请人".into(),
        role: Role::Applicant,
        now: crate::clock::now(),
    };
    let request = StepRequest {
        step,
        fields: fields.iter().cloned().collect(),
        note: String::new(),
    };
    let c = &state.catalog;
    let result = record_step(
        &events,
        item,
        &request,
        &by,
        &c.calendar,
        &c.catalog.settings.deadlines,
    );
    audit::record(
        &state.db,
        Audit {
            actor: "申请人",
            action,
            target: &number,
            client: "",
            success: result.is_ok(),
            detail: step.name(),
        },
    )
    .await?;
    let recorded = result.map_err(|refused| AppError::Unprocessable {
        message: format!("未能提交：{refused}"),
        fields: refused.field_errors(),
    })?;
    let mut tx = state.db.begin().await?;
    let updated = sqlx::query(
        "UPDATE cases SET events = $1, state = $2, version = version + 1 WHERE number = $3 AND version = $4",
    )
    .bind(crate::stored::events_text(&state.vault, &recorded.events)?)
    .bind(recorded.record.state.map(state_name).unwrap_or("new"))
    .bind(&number)
    .bind(row.version)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if updated != 1 {
        return Err(AppError::Conflict("办件刚刚有更新，请刷新后重试".into()));
    }
    crate::facts::update(
        &mut tx,
        &state.catalog,
        &number,
        &row.item_code,
        &recorded.events,
        &recorded.record,
    )
    .await?;
    tx.commit().await?;
    let row = authorised(state, &number, q.code).await?;
    Ok(Json(applicant_view(state, number, row).await?))
}

/// `GET /api/cases/{number}/notices/{index}?code=…`: the `index`-th notice issued on the
/// case, filled by the core as the desk prints it, the applicant's copy, to view and
/// print on the status page.
pub async fn notice(
    State(state): State<AppState>,
    path: Result<Path<(String, usize)>, axum::extract::rejection::PathRejection>,
    Query(q): Query<LookupQuery>,
) -> Result<Json<RenderedNotice>, AppError> {
    let Path((number, index)) =
        path.map_err(|e| AppError::BadRequest(format!("通知书地址不正确：{e}")))?;
    use onewindow_core::case_notice::{render_issued, ApplicantFacts, Issue, StoredCase};
    #[derive(serde::Deserialize, Default)]
    struct Sent {
        #[serde(default)]
        answers: onewindow_core::condition::Answers,
    }
    let row = authorised(&state, &number, q.code).await?;
    let issued = crate::numbers::of_case(&state.db, &number).await?;
    let missing = || AppError::NotFound(format!("notice {index} of case {number}"));
    let n = issued.get(index).ok_or_else(missing)?;
    let c = &state.catalog;
    let notices = c.catalog.notices.as_ref().ok_or_else(missing)?;
    let item = c.catalog.item(&row.item_code).ok_or_else(missing)?;
    let events = crate::stored::events(&state.vault, &row.events, &number)?;
    let outcome = crate::stored::outcome(row.outcome.as_deref(), &number)?;
    let sent: Sent = serde_json::from_str(&row.submission).unwrap_or_default();
    let applicant = ApplicantFacts {
        name: row.applicant_name.clone(),
        id_number: row.applicant_id.clone(),
        mobile: row.applicant_mobile.clone(),
    };
    let pages = render_issued(
        notices,
        StoredCase {
            item,
            applicant: &applicant,
            number: &number,
            lookup_code: &row.lookup_code,
            events: &events,
            answers: &sent.answers,
            outcome: outcome.as_ref(),
        },
        Issue {
            kind: n.kind,
            event_index: n.event_index as usize,
            on: n.issued_on,
            seq: n.seq,
        },
        &c.calendar,
        &c.catalog.settings.deadlines,
        &[onewindow_core::notice::COPY_APPLICANT],
    )
    .map_err(|e| AppError::Internal(anyhow::anyhow!("notice of {number}: {e}")))?;
    Ok(Json(RenderedNotice {
        title: n.kind.title().to_string(),
        number: n.number.clone(),
        pages,
    }))
}
