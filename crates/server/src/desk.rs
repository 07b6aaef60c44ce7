//! The clerks' API: the case list with filters, one case with everything the desk shows,
//! lifecycle events (checked by the core's state machine, `If-Match` on the case version),
//! and unmasking personal data with a reason. Every action is audited.

use crate::audit::{self, Audit};
use crate::auth::Clerk;
use crate::error::AppError;
use crate::{numbers, stored, AppState};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::NaiveDate;
use onewindow_core::case::access::{may_hand_on, may_record, may_record_event, narrow};
use onewindow_core::case::{
    record_step, state_name, view, CaseView, DueStatus, EventType, Recorder, StepRequest,
};
use onewindow_core::submission::{Channel, FieldError};
use onewindow_core::validate::{mask_id, mask_mobile, unmask_reason};
use onewindow_wire::body::{
    BundleOverview, CaseList, CaseListQuery, CaseSort, CaseSummary, DeskApplicant, DeskCase,
    DueFilter, ItemRef, UnmaskRequest, Unmasked,
};

/// A case as stored.
#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    number: String,
    lookup_code: String,
    item_code: String,
    channel: String,
    applicant_name: String,
    applicant_id: String,
    applicant_mobile: String,
    submission: String,
    outcome: Option<String>,
    events: String,
    version: i64,
    created_at: String,
    owner: String,
    site: String,
    handling_body: String,
}

const COLUMNS: &str = "id, number, lookup_code, item_code, channel, applicant_name, applicant_id, \
    applicant_mobile, submission, outcome, events, version, created_at, owner, site, handling_body";

fn channel(row: &Row) -> Channel {
    match row.channel.as_str() {
        "desk" => Channel::Desk,
        _ => Channel::PreCheck,
    }
}

/// The handling body a case was routed to; the item's own for cases stored before routing
/// was recorded.
fn handling_body(state: &AppState, row: &Row) -> String {
    if !row.handling_body.is_empty() {
        return row.handling_body.clone();
    }
    state
        .catalog
        .catalog
        .item(&row.item_code)
        .map(|i| i.handling_body.clone())
        .unwrap_or_default()
}

fn item_ref(state: &AppState, code: &str) -> ItemRef {
    let item = state.catalog.catalog.item(code);
    ItemRef {
        code: code.to_string(),
        name: item.map(|i| i.name.clone()),
        department: item.map(|i| i.department.clone()),
    }
}

/// The case as of today, by the core.
fn case_view(state: &AppState, row: &Row) -> Result<CaseView, AppError> {
    let events = stored::events(&state.vault, &row.events, &row.number)?;
    let c = &state.catalog;
    view(
        &events,
        c.catalog.item(&row.item_code),
        &c.calendar,
        &c.catalog.settings.deadlines,
        crate::clock::today(),
    )
    .map_err(|e| AppError::Internal(anyhow::anyhow!("case {}: {e}", row.number)))
}

/// The case as `clerk` sees it: only the steps their post and the item's authorisation
/// let them take.
fn case_view_for(state: &AppState, row: &Row, clerk: &Clerk) -> Result<CaseView, AppError> {
    let mut v = case_view(state, row)?;
    match state.catalog.catalog.item(&row.item_code) {
        Some(item) => {
            let owner_may = may_hand_on(&clerk.name, clerk.case_role(), &v.record);
            v.steps.retain(|s| {
                may_record(&clerk.staff(), item, &row.site, s.step).is_ok()
                    && (s.step != EventType::OwnerChanged || owner_may)
            });
            narrow(&clerk.staff(), &mut v.steps);
        }
        None => v.steps.clear(),
    }
    Ok(v)
}

/// The entity tag of a case version.
fn etag(version: i64) -> String {
    format!("\"v{version}\"")
}

/// Rows read per round while filtering the list.
const BATCH: i64 = 500;

/// `GET /api/desk/cases`: the cases with their state, nearest open deadline and warning.
/// Filters the database can apply (state, item, department) are in the query; the due
/// filter needs the core's deadlines, so rows are read in batches until the list is full —
/// a matching case is never lost behind the limit.
pub async fn list(
    State(state): State<AppState>,
    clerk: Clerk,
    q: Result<Query<CaseListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<CaseList>, AppError> {
    let Query(q) = q.map_err(|e| AppError::BadRequest(format!("筛选条件不正确：{e}")))?;
    let catalog = &state.catalog.catalog;
    let department_items: Option<Vec<String>> =
        q.department.as_deref().filter(|d| !d.is_empty()).map(|d| {
            catalog
                .items
                .iter()
                .filter(|i| i.department == d)
                .map(|i| i.code.clone())
                .collect()
        });
    // ID numbers are stored encrypted: the search goes through their keyed hash.
    let id_hash = q
        .id_number
        .as_deref()
        .map(onewindow_core::validate::normalize)
        .filter(|s| !s.is_empty())
        .map(|id| state.vault.index(&id));
    let mut cases = Vec::new();
    let mut truncated = false;
    let mut before = i64::MAX;
    'rounds: loop {
        let mut sql = format!(
            "SELECT {COLUMNS} FROM cases WHERE id < $1 AND (CAST($2 AS TEXT) IS NULL OR state = $2) \
             AND (CAST($3 AS TEXT) IS NULL OR item_code = $3) AND (CAST($5 AS TEXT) IS NULL OR owner = $5 \
             OR owner IN (SELECT absent FROM substitutes WHERE substitute = $5)) \
             AND (CAST($6 AS TEXT) IS NULL OR handling_body = $6) \
             AND (CAST($7 AS TEXT) IS NULL OR applicant_id_hash = $7)"
        );
        if let Some(codes) = &department_items {
            if codes.is_empty() {
                break;
            }
            let marks: Vec<String> = (0..codes.len()).map(|i| format!("${}", i + 8)).collect();
            sql.push_str(&format!(" AND item_code IN ({})", marks.join(", ")));
        }
        sql.push_str(" ORDER BY id DESC LIMIT $4");
        let mut query = sqlx::query_as::<_, Row>(&sql)
            .bind(before)
            .bind(q.state.as_deref().filter(|s| !s.is_empty()))
            .bind(q.item.as_deref().filter(|s| !s.is_empty()))
            .bind(BATCH)
            .bind(q.mine.unwrap_or(false).then_some(clerk.name.as_str()))
            .bind(q.handling_body.as_deref().filter(|s| !s.is_empty()))
            .bind(id_hash.clone());
        for code in department_items.iter().flatten() {
            query = query.bind(code);
        }
        let rows: Vec<Row> = query.fetch_all(&state.db).await?;
        let done = (rows.len() as i64) < BATCH;
        for row in rows {
            let row = opened(&state, row)?;
            before = row.id;
            let v = case_view(&state, &row)?;
            let keep = match q.due {
                Some(DueFilter::Overdue) => v.warning == Some(DueStatus::Overdue),
                Some(DueFilter::Soon) => {
                    matches!(v.warning, Some(DueStatus::Overdue | DueStatus::DueSoon))
                }
                None => true,
            };
            if !keep {
                continue;
            }
            if cases.len() == CaseList::LIMIT {
                truncated = true;
                break 'rounds;
            }
            cases.push(CaseSummary {
                item: item_ref(&state, &row.item_code),
                channel: channel(&row),
                handling_body: handling_body(&state, &row),
                state: v.state,
                applicant_name: row.applicant_name,
                created_at: row.created_at,
                warning: v.warning,
                next_deadline: v.next_deadline,
                working_days_left: v.working_days_left,
                version: row.version,
                number: row.number,
            });
        }
        if done {
            break;
        }
    }
    if q.sort.unwrap_or_default() == CaseSort::Due {
        // Cases without an open deadline last.
        cases.sort_by_key(|c| {
            c.next_deadline
                .as_ref()
                .map_or(NaiveDate::MAX, |d| d.deadline.due)
        });
    }
    audit::record(
        &state.db,
        Audit {
            actor: &clerk.name,
            action: "case.list",
            target: "",
            client: &clerk.client,
            success: true,
            detail: &format!("{} cases", cases.len()),
        },
    )
    .await?;
    Ok(Json(CaseList { cases, truncated }))
}

async fn load(state: &AppState, number: &str) -> Result<Row, AppError> {
    let row: Row = sqlx::query_as(&format!("SELECT {COLUMNS} FROM cases WHERE number = $1"))
        .bind(number)
        .fetch_optional(&state.db)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("case {number}")))?;
    opened(state, row)
}

/// The row with the applicant's data and the submission opened (stored sealed).
fn opened(state: &AppState, mut row: Row) -> Result<Row, AppError> {
    state
        .vault
        .open_in_place(
            &format!("case {}", row.number),
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

/// The bundle (一件事) a case was received in, from its stored submission.
fn bundle_of<'a>(state: &'a AppState, row: &Row) -> Option<&'a onewindow_core::catalog::Bundle> {
    #[derive(serde::Deserialize)]
    struct Sent {
        item: String,
    }
    let sent: Sent = serde_json::from_str(&row.submission).ok()?;
    state.catalog.catalog.bundle(&sent.item)
}

/// The other cases received with this one (same lookup code, same bundle).
async fn siblings(state: &AppState, row: &Row) -> Result<Vec<Row>, AppError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM cases WHERE lookup_code = $1 AND number <> $2 ORDER BY id"
    ))
    .bind(&row.lookup_code)
    .bind(&row.number)
    .fetch_all(&state.db)
    .await?;
    rows.into_iter().map(|r| opened(state, r)).collect()
}

/// Every case of the bundle this case belongs to, with its state and clock.
async fn bundle_overview(state: &AppState, row: &Row) -> Result<Option<BundleOverview>, AppError> {
    let Some(bundle) = bundle_of(state, row) else {
        return Ok(None);
    };
    let mut rows = siblings(state, row).await?;
    rows.push(load(state, &row.number).await?);
    rows.sort_by_key(|r| bundle.items.iter().position(|c| *c == r.item_code));
    let mut cases = Vec::new();
    for r in rows {
        let v = case_view(state, &r)?;
        cases.push(CaseSummary {
            item: item_ref(state, &r.item_code),
            channel: channel(&r),
            handling_body: handling_body(state, &r),
            state: v.state,
            applicant_name: r.applicant_name.clone(),
            created_at: r.created_at.clone(),
            warning: v.warning,
            next_deadline: v.next_deadline,
            working_days_left: v.working_days_left,
            version: r.version,
            number: r.number.clone(),
        });
    }
    Ok(Some(BundleOverview {
        name: bundle.name.clone(),
        cases,
    }))
}

/// When an item of a bundle is approved, its result closes the gap it fills on the
/// bundle's other cases (the core says which): one event on each, in the same transaction.
async fn pass_results(
    state: &AppState,
    tx: &mut sqlx::AnyConnection,
    row: &Row,
    decided: &onewindow_core::case::Event,
) -> Result<(), AppError> {
    use onewindow_core::case::{replay, Event, EventKind};
    if !matches!(decided.kind, EventKind::Decided { approved: true, .. }) {
        return Ok(());
    }
    let Some(bundle) = bundle_of(state, row) else {
        return Ok(());
    };
    let catalog = &state.catalog.catalog;
    let Some(first) = catalog.item(&row.item_code) else {
        return Ok(());
    };
    for sibling in siblings(state, row).await? {
        let Some(then) = catalog.item(&sibling.item_code) else {
            continue;
        };
        let mut events = stored::events(&state.vault, &sibling.events, &sibling.number)?;
        let before = replay(&events).map_err(|e| AppError::Internal(e.into()))?;
        let Some(kind) = onewindow_core::bundle_flow::result_passes(
            bundle,
            first,
            then,
            &before,
            &decided.actor,
        ) else {
            continue;
        };
        events.push(Event {
            at: events.last().map_or(decided.at, |e| e.at.max(decided.at)),
            actor: decided.actor.clone(),
            role: decided.role,
            note: onewindow_core::bundle_flow::result_note(first, &row.number),
            kind,
            device_at: None,
        });
        let after = replay(&events).map_err(|e| AppError::Internal(e.into()))?;
        sqlx::query(
            "UPDATE cases SET events = $1, state = $2, version = version + 1 WHERE number = $3",
        )
        .bind(stored::events_text(&state.vault, &events)?)
        .bind(after.state.map(state_name).unwrap_or("new"))
        .bind(&sibling.number)
        .execute(&mut *tx)
        .await?;
        crate::facts::update(
            tx,
            &state.catalog,
            &sibling.number,
            &sibling.item_code,
            &events,
            &after,
        )
        .await?;
    }
    Ok(())
}

/// Everything the desk shows of one case (personal data masked).
async fn desk_case(state: &AppState, row: &Row, clerk: &Clerk) -> Result<DeskCase, AppError> {
    #[derive(serde::Deserialize, Default)]
    struct Sent {
        #[serde(default)]
        answers: onewindow_core::condition::Answers,
        #[serde(default)]
        marks: onewindow_core::outcome::Marks,
    }
    // The body as it was posted; unreadable parts show as empty, never as an error page.
    let sent: Sent = serde_json::from_str(&row.submission).unwrap_or_default();
    Ok(DeskCase {
        number: row.number.clone(),
        lookup_code: row.lookup_code.clone(),
        item: item_ref(state, &row.item_code),
        channel: channel(row),
        version: row.version,
        created_at: row.created_at.clone(),
        applicant: DeskApplicant {
            name: row.applicant_name.clone(),
            id_masked: mask_id(&row.applicant_id),
            mobile_masked: mask_mobile(&row.applicant_mobile),
        },
        answers: sent.answers,
        marks: sent.marks,
        outcome: stored::outcome(row.outcome.as_deref(), &row.number)?,
        owner: row.owner.clone(),
        site: row.site.clone(),
        handling_body: handling_body(state, row),
        view: case_view_for(state, row, clerk)?,
        notices: numbers::of_case(&state.db, &row.number).await?,
        bundle: bundle_overview(state, row).await?,
    })
}

/// `GET /api/desk/cases/{number}`: one case, with its version as the entity tag.
pub async fn show(
    State(state): State<AppState>,
    clerk: Clerk,
    Path(number): Path<String>,
) -> Result<Response, AppError> {
    let row = load(&state, &number).await;
    audit::record(
        &state.db,
        Audit {
            actor: &clerk.name,
            action: "case.view",
            target: &number,
            client: &clerk.client,
            success: row.is_ok(),
            detail: "",
        },
    )
    .await?;
    let row = row?;
    let body = desk_case(&state, &row, &clerk).await?;
    Ok(([(header::ETAG, etag(row.version))], Json(body)).into_response())
}

/// `POST /api/desk/cases/{number}/events`: records one step. Needs `If-Match` with the
/// case's entity tag: 428 without it, 412 when someone else moved the case first, 422
/// when a field is wrong or the core's state machine does not allow the step.
pub async fn post_event(
    State(state): State<AppState>,
    clerk: Clerk,
    Path(number): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, AppError> {
    let result = record_event(&state, &clerk, &number, &headers, body).await;
    let (success, detail) = match &result {
        Ok((kind, _)) => (true, kind.clone()),
        Err(e) => (false, e.summary()),
    };
    audit::record(
        &state.db,
        Audit {
            actor: &clerk.name,
            action: "case.event",
            target: &number,
            client: &clerk.client,
            success,
            detail: &detail,
        },
    )
    .await?;
    let (_, response) = result?;
    Ok(response)
}

async fn record_event(
    state: &AppState,
    clerk: &Clerk,
    number: &str,
    headers: &HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<(String, Response), AppError> {
    let body = body.map_err(|e| AppError::BadRequest(format!("请求内容无法读取：{e}")))?;
    let request: StepRequest =
        crate::cases::parse(&body).map_err(|(field, problem)| AppError::Unprocessable {
            message: format!("办件环节数据不正确：{problem}"),
            fields: vec![FieldError { field, problem }],
        })?;
    let Some(if_match) = headers.get(header::IF_MATCH).and_then(|v| v.to_str().ok()) else {
        return Err(AppError::PreconditionRequired(
            "send If-Match with the case's ETag (from GET /api/desk/cases/{number})".into(),
        ));
    };
    let row = load(state, number).await?;
    if if_match.trim() != etag(row.version) {
        return Err(AppError::PreconditionFailed(format!(
            "办件已被他人更新（当前版本{}），请刷新后再操作",
            row.version
        )));
    }
    let events = stored::events(&state.vault, &row.events, number)?;
    // The session says who, the server's clock says when, the core says what.
    let recorder = Recorder {
        actor: clerk.name.clone(),
        role: clerk.case_role(),
        now: crate::clock::now(),
    };
    let item = state.catalog.catalog.item(&row.item_code);
    // The post, the department and the item's authorisation say who may take this step.
    if let Some(item) = item {
        may_record(&clerk.staff(), item, &row.site, request.step)
            .map_err(|denied| AppError::Forbidden(denied.to_string()))?;
    }
    let c = &state.catalog;
    let recorded = record_step(
        &events,
        item,
        &request,
        &recorder,
        &c.calendar,
        &c.catalog.settings.deadlines,
    )
    .map_err(|refused| AppError::Unprocessable {
        message: format!("这一步不能办理：{refused}"),
        fields: refused.field_errors(),
    })?;
    // A department's opinion only for the person's own department.
    if let Some(e) = recorded.events.last() {
        may_record_event(&clerk.staff(), &e.kind)
            .map_err(|denied| AppError::Forbidden(denied.to_string()))?;
    }
    // An account the step names must exist and hold a post the core allows for it.
    if let Some(named) = recorded
        .events
        .last()
        .and_then(|e| onewindow_core::case::access::named_account(&e.kind))
    {
        let role: Option<String> = sqlx::query_scalar("SELECT role FROM users WHERE name = $1")
            .bind(named.name)
            .fetch_optional(&state.db)
            .await?;
        if !role.is_some_and(|r| named.posts.contains(&crate::auth::case_role(&r))) {
            let problem = format!("没有名为“{}”的{}账号", named.name, named.posts_words);
            return Err(AppError::Unprocessable {
                message: format!("这一步不能办理：{problem}"),
                fields: vec![FieldError {
                    field: named.field.name().into(),
                    problem,
                }],
            });
        }
    }
    let at = recorded.events.last().map(|e| e.at).unwrap_or(recorder.now);
    let state_text = recorded.record.state.map(state_name).unwrap_or("new");
    let mut tx = state.db.begin().await?;
    let updated = sqlx::query(
        // The owner is written with the facts (`facts::store`), which count by owner.
        "UPDATE cases SET events = $1, state = $2, version = version + 1 WHERE number = $3 AND version = $4",
    )
    .bind(stored::events_text(&state.vault, &recorded.events)?)
    .bind(state_text)
    .bind(number)
    .bind(row.version)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if updated != 1 {
        return Err(AppError::PreconditionFailed(
            "办件已被他人更新，请刷新后再操作".into(),
        ));
    }
    crate::facts::update(
        &mut tx,
        &state.catalog,
        number,
        &row.item_code,
        &recorded.events,
        &recorded.record,
    )
    .await?;
    if let Some(last) = recorded.events.last() {
        pass_results(state, &mut tx, &row, last).await?;
    }
    numbers::issue(
        &mut tx,
        state.catalog.catalog.notices.as_ref(),
        number,
        &recorded.notices,
        recorded.events.len() - 1,
        at.date(),
    )
    .await?;
    tx.commit().await?;
    let row = load(state, number).await?;
    let body = desk_case(state, &row, clerk).await?;
    Ok((
        request.step.name().to_string(),
        (
            StatusCode::OK,
            [(header::ETAG, etag(row.version))],
            Json(body),
        )
            .into_response(),
    ))
}

/// `POST /api/desk/cases/{number}/unmask`: the full ID number and mobile, only with a
/// reason, always audited.
pub async fn unmask(
    State(state): State<AppState>,
    clerk: Clerk,
    Path(number): Path<String>,
    body: Result<Json<UnmaskRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<Unmasked>, AppError> {
    let typed = body.map(|Json(b)| b.reason).unwrap_or_default();
    let reason = unmask_reason(&typed);
    let row = match &reason {
        Err(problem) => Err(AppError::Unprocessable {
            message: "查看完整个人信息须填写理由".into(),
            fields: vec![problem.clone()],
        }),
        Ok(_) => load(&state, &number).await,
    };
    let reason = reason.unwrap_or_default();
    audit::record(
        &state.db,
        Audit {
            actor: &clerk.name,
            action: "case.unmask",
            target: &number,
            client: &clerk.client,
            success: row.is_ok(),
            detail: &reason,
        },
    )
    .await?;
    let row = row?;
    Ok(Json(Unmasked {
        number: row.number,
        name: row.applicant_name,
        id_number: row.applicant_id,
        mobile: row.applicant_mobile,
    }))
}
