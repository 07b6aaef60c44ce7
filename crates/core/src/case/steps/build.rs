//! Turning what a clerk (or the applicant) typed into a step's event, with every problem
//! named by field. The desk judges with it before sending, the server again with the
//! session's name and the server's clock.

use super::*;

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Builds the event for `step` from what was typed, with every problem named by field.
/// `actor` is who records it (the hand-over's giver). The state machine checks the
/// event again when it is recorded.
pub fn build_event(
    step: EventType,
    input: &StepInput,
    rec: &CaseRecord,
    item: Option<&ServiceItem>,
    actor: &str,
) -> Result<EventKind, Vec<FieldError>> {
    let mut problems = Vec::new();
    let text = |f: FieldName| input.get(&f).map(|s| s.trim()).unwrap_or_default();
    let need = |f: FieldName, problem: &str| {
        text(f).is_empty().then(|| FieldError {
            field: f.name().into(),
            problem: problem.into(),
        })
    };
    let fields = step.fields(rec, item);
    let choice = |f: FieldName| -> Option<Choice> {
        let value = text(f);
        fields
            .iter()
            .find(|sf| sf.name == f)
            .and_then(|sf| match &sf.input {
                FieldInput::Choice(options) => options.iter().find(|c| c.value() == value).cloned(),
                _ => None,
            })
    };
    // The delivery choice and the hand-out both take one of the item's ways.
    let delivery_method = match choice(FieldName::Method) {
        Some(Choice::Method { method }) => Ok(method),
        _ => Err(FieldError {
            field: FieldName::Method.name().into(),
            problem: "请选择本事项提供的出件方式".into(),
        }),
    };
    let kind = match step {
        EventType::NotAccepted => {
            problems.extend(need(FieldName::Reasons, "请填写不予受理的具体理由"));
            EventKind::NotAccepted {
                reasons: lines(text(FieldName::Reasons)),
            }
        }
        EventType::CorrectionRequested => {
            // The reviewers' points and the outstanding tolerated papers go in too.
            let mut items = pending_corrections(rec, item);
            for line in lines(text(FieldName::Corrections)) {
                if !items.contains(&line) {
                    items.push(line);
                }
            }
            if items.is_empty() {
                problems.extend(need(
                    FieldName::Corrections,
                    "请逐行列出需要补正的全部材料（一次性告知）",
                ));
            }
            EventKind::CorrectionRequested { items }
        }
        EventType::DeliveryChosen => {
            let method = delivery_method.clone().unwrap_or_else(|e| {
                problems.push(e);
                DeliveryMethod::Window
            });
            if method == DeliveryMethod::Post {
                problems.extend(need(FieldName::Address, "邮寄须填写收件地址"));
            }
            EventKind::DeliveryChosen {
                method,
                address: (method == DeliveryMethod::Post)
                    .then(|| text(FieldName::Address).to_string()),
            }
        }
        EventType::OwnerChanged => {
            problems.extend(need(FieldName::NewOwner, "请填写接手的工作人员账号"));
            problems.extend(need(FieldName::TransferReason, "请填写转交理由"));
            let to = text(FieldName::NewOwner);
            if !to.is_empty() && rec.owner.as_deref() == Some(to) {
                problems.push(FieldError {
                    field: FieldName::NewOwner.name().into(),
                    problem: format!("{to}已是本件的首办负责人"),
                });
            }
            EventKind::OwnerChanged {
                to: to.into(),
                reason: text(FieldName::TransferReason).into(),
            }
        }
        EventType::ReviewOpinion => {
            problems.extend(need(
                FieldName::ReviewPoints,
                "请逐行写明审查意见（材料：问题）",
            ));
            EventKind::ReviewOpinion {
                points: lines(text(FieldName::ReviewPoints)),
            }
        }
        EventType::HandoverConfirmed => match choice(FieldName::LedgerLine) {
            // The receiver confirms, never the one who handed the papers over.
            Some(Choice::LedgerLine { line, .. })
                if rec
                    .ledger
                    .get(line)
                    .is_some_and(|(_, h)| h.from == actor.trim()) =>
            {
                problems.push(FieldError {
                    field: FieldName::LedgerLine.name().into(),
                    problem: "移交人不能确认自己移交的材料，请由接收人确认".into(),
                });
                EventKind::HandoverConfirmed { line }
            }
            Some(Choice::LedgerLine { line, .. }) => EventKind::HandoverConfirmed { line },
            _ => {
                problems.push(FieldError {
                    field: FieldName::LedgerLine.name().into(),
                    problem: "请选择已收到的移交材料".into(),
                });
                EventKind::HandoverConfirmed { line: usize::MAX }
            }
        },
        EventType::SpecialProcedureStarted => {
            problems.extend(need(
                FieldName::Procedure,
                "请填写特别程序名称（如：现场勘验）",
            ));
            let planned_end = crate::calendar::parse_date(text(FieldName::PlannedEnd)).ok();
            if planned_end.is_none() {
                problems.push(FieldError {
                    field: FieldName::PlannedEnd.name().into(),
                    problem: "请填写预计结束日期（年-月-日）".into(),
                });
            }
            EventKind::SpecialProcedureStarted {
                procedure: text(FieldName::Procedure).into(),
                planned_end: planned_end.unwrap_or(NaiveDate::MIN),
            }
        }
        EventType::Extended => {
            problems.extend(need(FieldName::ExtensionReason, "请填写延期理由"));
            problems.extend(need(FieldName::Approver, "请填写批准延期的负责人"));
            EventKind::Extended {
                reason: text(FieldName::ExtensionReason).into(),
                approver: text(FieldName::Approver).into(),
            }
        }
        EventType::Decided => {
            if text(FieldName::Decision) == "denied" {
                problems.push(FieldError {
                    field: FieldName::Decision.name().into(),
                    problem: "不予许可须先登记否定备案（拟不予许可），经部门负责人批准后作出"
                        .into(),
                });
            } else if choice(FieldName::Decision).is_none() {
                problems.push(FieldError {
                    field: FieldName::Decision.name().into(),
                    problem: "请选择准予许可".into(),
                });
            }
            EventKind::Decided {
                approved: true,
                reasons: vec![],
            }
        }
        EventType::RefusalProposed => {
            problems.extend(need(FieldName::DenialReasons, "请逐行写明不予许可的理由"));
            problems.extend(need(FieldName::LegalBasis, "请填写不予许可的法律依据"));
            EventKind::RefusalProposed {
                reasons: lines(text(FieldName::DenialReasons)),
                legal_basis: text(FieldName::LegalBasis).into(),
            }
        }
        EventType::RefusalReturned => {
            problems.extend(need(FieldName::ReturnReason, "请填写退回重审的理由"));
            EventKind::RefusalReturned {
                reason: text(FieldName::ReturnReason).into(),
            }
        }
        EventType::SlipPrepared => {
            problems.extend(need(
                FieldName::Results,
                "请逐行写明移交出件窗口的结果文书及份数",
            ));
            EventKind::SlipPrepared {
                results: lines(text(FieldName::Results)),
                collect: lines(text(FieldName::Collect)),
            }
        }
        EventType::DepartmentOpinion => {
            let department = match choice(FieldName::Department) {
                Some(Choice::Department { name }) => name,
                _ => {
                    problems.push(FieldError {
                        field: FieldName::Department.name().into(),
                        problem: "请选择出具意见的部门".into(),
                    });
                    String::new()
                }
            };
            let stance = match choice(FieldName::Stance) {
                Some(Choice::Stance { stance }) => stance,
                _ => {
                    problems.push(FieldError {
                        field: FieldName::Stance.name().into(),
                        problem: "请选择同意、附条件同意或不同意".into(),
                    });
                    Stance::Agree
                }
            };
            if stance != Stance::Agree {
                problems.extend(need(
                    FieldName::OpinionText,
                    "附条件同意须逐行写明条件，不同意须逐行写明理由",
                ));
            }
            EventKind::DepartmentOpinion {
                department,
                stance,
                text: lines(text(FieldName::OpinionText)),
            }
        }
        EventType::JointMeetingScheduled => {
            let kind = match choice(FieldName::MeetingKind) {
                Some(Choice::Meeting { kind }) => kind,
                _ => {
                    problems.push(FieldError {
                        field: FieldName::MeetingKind.name().into(),
                        problem: "请选择联席会议或联合踏勘".into(),
                    });
                    MeetingKind::Meeting
                }
            };
            let on = crate::calendar::parse_date(text(FieldName::MeetingDate)).ok();
            if on.is_none() {
                problems.push(FieldError {
                    field: FieldName::MeetingDate.name().into(),
                    problem: "请填写日期（年-月-日）".into(),
                });
            }
            let participants = lines(text(FieldName::Participants));
            if participants.is_empty() {
                problems.push(FieldError {
                    field: FieldName::Participants.name().into(),
                    problem: "请勾选参加的责任部门".into(),
                });
            }
            EventKind::JointMeetingScheduled {
                kind,
                on: on.unwrap_or(NaiveDate::MIN),
                participants,
            }
        }
        EventType::JointMeetingHeld => EventKind::JointMeetingHeld {
            absent: lines(text(FieldName::Absent)),
        },
        EventType::Delivered => {
            let collected = lines(text(FieldName::Collected));
            let missing = crate::case::lifecycle::uncollected(rec, &collected);
            if !missing.is_empty() {
                problems.push(FieldError {
                    field: FieldName::Collected.name().into(),
                    problem: format!(
                        "请按交接单向申请人收取、核对后逐项勾选：{}",
                        missing.join("；")
                    ),
                });
            }
            let method = delivery_method.clone().unwrap_or_else(|e| {
                problems.push(e);
                DeliveryMethod::Window
            });
            let handout = match method {
                DeliveryMethod::Window => {
                    problems.extend(need(
                        FieldName::CollectedBy,
                        "请填写领取人（申请人或代办人）姓名",
                    ));
                    let path = text(FieldName::Signature);
                    let reason = text(FieldName::NoSignatureReason);
                    let signature = if !path.is_empty() {
                        Signature::Drawn { path: path.into() }
                    } else {
                        if reason.is_empty() {
                            problems.push(FieldError {
                                field: FieldName::Signature.name().into(),
                                problem: "请领取人在平板上签名；无法签名的，请填写原因".into(),
                            });
                        }
                        Signature::Declined {
                            reason: reason.into(),
                        }
                    };
                    Handout::Window {
                        collected_by: text(FieldName::CollectedBy).into(),
                        signature,
                    }
                }
                DeliveryMethod::Locker => {
                    problems.extend(need(FieldName::LockerSlot, "请填写智能柜格口号"));
                    problems.extend(need(FieldName::PickupCode, "请填写取件码"));
                    Handout::Locker {
                        slot: text(FieldName::LockerSlot).into(),
                        pickup_code: text(FieldName::PickupCode).into(),
                    }
                }
                DeliveryMethod::Post => {
                    problems.extend(need(FieldName::Address, "邮寄出件须填写收件地址"));
                    problems.extend(need(FieldName::Tracking, "邮寄出件须填写邮寄单号"));
                    Handout::Post {
                        address: text(FieldName::Address).into(),
                    }
                }
            };
            EventKind::Delivered {
                method,
                tracking: (method == DeliveryMethod::Post)
                    .then(|| text(FieldName::Tracking).to_string()),
                handout: Some(handout),
                collected,
            }
        }
        EventType::Evaluated => {
            let level = match choice(FieldName::Level) {
                Some(Choice::Level { level }) => level,
                _ => {
                    problems.push(FieldError {
                        field: FieldName::Level.name().into(),
                        problem: "请选择评价等级（非常满意至非常不满意）".into(),
                    });
                    5
                }
            };
            let comment = text(FieldName::Comment);
            let reasons = lines(text(FieldName::PoorReasons));
            if crate::case::evaluation::is_poor(level) && reasons.is_empty() {
                problems.push(FieldError {
                    field: FieldName::PoorReasons.name().into(),
                    problem: "不满意或非常不满意的，请至少选择一项原因".into(),
                });
            }
            // The stage asked for, or the one open now (the state machine refuses a
            // stage already evaluated).
            let open = crate::case::evaluation::open_stage(rec);
            let stage = match (choice(FieldName::Stage), open) {
                (Some(Choice::Stage { stage }), _) => stage,
                (None, Some(open)) if text(FieldName::Stage).is_empty() => open,
                _ => {
                    problems.push(FieldError {
                        field: FieldName::Stage.name().into(),
                        problem: "该环节已评价或尚不能评价，请刷新后查看".into(),
                    });
                    open.unwrap_or_default()
                }
            };
            EventKind::Evaluated {
                stage,
                level,
                comment: (!comment.is_empty()).then(|| comment.to_string()),
                // Reasons belong to a poor evaluation only.
                reasons: if crate::case::evaluation::is_poor(level) {
                    reasons
                } else {
                    vec![]
                },
            }
        }
        EventType::FollowUpClosed => {
            problems.extend(need(
                FieldName::FollowUpResult,
                "请写明核实情况和整改结果（将告知申请人）",
            ));
            // The earliest poor evaluation still waiting is followed up first.
            EventKind::FollowUpClosed {
                stage: rec.open_follow_ups().first().copied().unwrap_or_default(),
                result: text(FieldName::FollowUpResult).into(),
            }
        }
        EventType::FollowUpNoted => {
            problems.extend(need(
                FieldName::FollowUpAction,
                "请写明已做的核实或整改工作",
            ));
            let to = text(FieldName::FollowUpAssignee).trim();
            EventKind::FollowUpNoted {
                stage: rec.open_follow_ups().first().copied().unwrap_or_default(),
                assigned_to: (!to.is_empty()).then(|| to.to_string()),
                action: text(FieldName::FollowUpAction).into(),
            }
        }
        EventType::HandedOver => {
            // A packet fills in its department and materials.
            let packet = match choice(FieldName::Packet) {
                Some(Choice::Packet {
                    department,
                    materials,
                }) => Some((
                    department,
                    format!("联办分送材料：{}", materials.join("、")),
                )),
                _ => None,
            };
            let or_packet = |f: FieldName, from_packet: Option<&String>| {
                let typed = text(f);
                match from_packet {
                    Some(p) if typed.is_empty() => p.clone(),
                    _ => typed.to_string(),
                }
            };
            let department = or_packet(FieldName::Department, packet.as_ref().map(|p| &p.0));
            let material = or_packet(FieldName::HandoverMaterial, packet.as_ref().map(|p| &p.1));
            if department.is_empty() {
                problems.extend(need(FieldName::Department, "请填写接收部门"));
            }
            if material.is_empty() {
                problems.extend(need(FieldName::HandoverMaterial, "请填写移交的材料"));
            }
            problems.extend(need(FieldName::Receiver, "请填写接收人"));
            let copies = text(FieldName::Copies).parse::<u32>().unwrap_or(0);
            if copies == 0 {
                problems.push(FieldError {
                    field: FieldName::Copies.name().into(),
                    problem: "份数须为 1 或以上的整数".into(),
                });
            }
            EventKind::HandedOver(Handover {
                department,
                material,
                copies,
                from: actor.trim().into(),
                to: text(FieldName::Receiver).into(),
            })
        }
        EventType::ToleratedSupplied => match choice(FieldName::Material) {
            Some(Choice::Material { id, .. }) => EventKind::ToleratedSupplied { material: id },
            _ => {
                problems.push(FieldError {
                    field: FieldName::Material.name().into(),
                    problem: "请选择已补齐的容缺材料".into(),
                });
                EventKind::ToleratedSupplied {
                    material: String::new(),
                }
            }
        },
        EventType::Accepted
        | EventType::PreChecked
        | EventType::Received
        | EventType::CorrectionReceived
        | EventType::ReviewStarted
        | EventType::SpecialProcedureEnded
        | EventType::RefusalApproved
        | EventType::DefaultConsent
        | EventType::Archived => step.probe(rec),
    };
    if problems.is_empty() {
        Ok(kind)
    } else {
        Err(problems)
    }
}
