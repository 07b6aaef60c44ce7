//! Who may record which step of a case: the front desk (综合窗口) within what the item's
//! department authorised it to do, the department's middle office, reviewers and lead
//! for their own department's items, the supervisor for what the centre does. The server
//! enforces it and the desk offers only what this person may take, both through
//! [`may_record`].

use super::{EventType, Role};
use crate::catalog::{CaseKind, Right, ServiceItem};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The person acting, as the session knows them (never as a client says).
#[derive(Debug, Clone, Copy)]
pub struct Staff<'a> {
    /// Their post.
    pub role: Role,
    /// The departments they belong to (names as the catalogue writes them).
    pub departments: &'a [String],
    /// Their site (county hall, town centre, village station).
    pub site: &'a str,
}

/// Why someone may not record a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Denied {
    /// The step is not this post's work.
    Post {
        /// The step.
        step: EventType,
        /// The posts that do it.
        posts: Vec<Role>,
    },
    /// The case's item belongs to a department this person is not in.
    Department {
        /// The item's department.
        department: String,
    },
    /// The department has not granted the window this right for the item.
    Authorisation {
        /// The right missing.
        right: Right,
        /// The item's department.
        department: String,
    },
    /// The front desk and the middle office work on the cases of their own site.
    Site {
        /// The case's site.
        site: String,
    },
}

impl fmt::Display for Denied {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Denied::Post { posts, .. } => {
                let names: Vec<&str> = posts.iter().map(|r| role_label(*r)).collect();
                write!(f, "这一步须由{}办理", names.join("或"))
            }
            Denied::Department { department } => {
                write!(f, "该事项属于{department}，您不是该部门的工作人员")
            }
            Denied::Authorisation { right, department } => write!(
                f,
                "{department}未授予综合窗口该事项的{}，请转交部门办理",
                right.label()
            ),
            Denied::Site { site } => write!(f, "该办件由{site}受理，须由该场所的窗口办理"),
        }
    }
}

/// A post's name as people say it.
pub fn role_label(role: Role) -> &'static str {
    match role {
        Role::Applicant => "申请人",
        Role::Clerk => "综合窗口（前台）",
        Role::Support => "部门中台",
        Role::Reviewer => "后台审批人员",
        Role::Lead => "部门负责人（首席事务代表）",
        Role::Supervisor => "中心管理人员",
    }
}

/// Who does a step: the posts, and for the front desk the rights it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duty {
    /// Posts of the item's department that do it (middle office, reviewer, lead).
    pub department: &'static [Role],
    /// The front desk does it with these rights, or not at all (`None`).
    pub window: Option<Vec<Right>>,
    /// Others who do it wherever they are: the applicant, the supervisor.
    pub anyone: &'static [Role],
}

use Role::{Applicant, Lead, Reviewer, Supervisor, Support};

/// Who does `step` for `item`.
pub fn duty(step: EventType, item: &ServiceItem) -> Duty {
    let duty = |department: &'static [Role], window: Option<&[Right]>, anyone| Duty {
        department,
        window: window.map(<[Right]>::to_vec),
        anyone,
    };
    // A notice in the department's name carries its seal.
    const SEALED_ACCEPT: &[Right] = &[Right::Accept, Right::Seal];
    match step {
        EventType::PreChecked => duty(&[], None, &[Applicant]),
        EventType::Received | EventType::HandedOver => {
            duty(&[Support], Some(&[Right::Receive]), &[])
        }
        EventType::Accepted | EventType::NotAccepted | EventType::CorrectionRequested => {
            duty(&[Support, Reviewer, Lead], Some(SEALED_ACCEPT), &[])
        }
        EventType::CorrectionReceived | EventType::ToleratedSupplied => {
            duty(&[Support], Some(&[Right::Receive]), &[])
        }
        EventType::ReviewStarted
        | EventType::SpecialProcedureStarted
        | EventType::SpecialProcedureEnded => duty(&[Reviewer, Lead], None, &[]),
        // An extension is approved by the department's head; so is a refusal (否定备案),
        // which a reviewer files.
        EventType::Extended | EventType::RefusalApproved | EventType::RefusalReturned => {
            duty(&[Lead], None, &[])
        }
        // The owner hands the case on (the core checks it is the owner); the supervisor may
        // reassign any case.
        EventType::OwnerChanged => duty(&[Support], Some(&[Right::Receive]), &[Supervisor]),
        // The applicant's own choice, recorded at the window or by the applicant.
        EventType::DeliveryChosen => duty(&[Support], Some(&[Right::Receive]), &[Applicant]),
        EventType::RefusalProposed | EventType::ReviewOpinion => duty(&[Reviewer, Lead], None, &[]),
        // 联办件: each responsible department's reviewers give its opinion (their
        // department is checked against the item's responsible departments); the lead
        // department organises the joint meeting; default consent is the core's.
        EventType::DepartmentOpinion => duty(&[Reviewer, Lead], None, &[]),
        EventType::JointMeetingScheduled | EventType::JointMeetingHeld => {
            duty(&[Support, Reviewer, Lead], None, &[])
        }
        EventType::DefaultConsent => duty(&[Reviewer, Lead], None, &[]),
        // Whoever receives papers confirms them: a department's posts, or the window when
        // results come back to it.
        EventType::HandoverConfirmed => {
            duty(&[Support, Reviewer, Lead], Some(&[Right::Receive]), &[])
        }
        // The middle office handles immediate cases (即办件); the window decides one on the
        // spot only where it holds the right to decide and to seal.
        EventType::Decided => match item.kind {
            CaseKind::Immediate => duty(
                &[Support, Reviewer, Lead],
                Some(&[Right::Decide, Right::Seal]),
                &[],
            ),
            _ => duty(&[Reviewer, Lead], None, &[]),
        },
        // Whoever decides hands the results to the issuing window with the slip.
        EventType::SlipPrepared => duty(&[Support, Reviewer, Lead], None, &[]),
        EventType::Delivered => duty(&[Support], Some(&[Right::Issue]), &[]),
        EventType::Evaluated => duty(&[], Some(&[]), &[Applicant]),
        // A poor evaluation is followed up by the department's lead or the centre.
        EventType::FollowUpClosed | EventType::FollowUpNoted => duty(&[Lead], None, &[Supervisor]),
        EventType::Archived => duty(&[Support], Some(&[]), &[Supervisor]),
    }
}

/// An account a step names (the new owner of 转交, the assignee of a 差评 follow-up), and
/// the posts such an account must hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedAccount<'a> {
    /// The account name as the step carries it.
    pub name: &'a str,
    /// The form field it was typed in.
    pub field: super::steps::FieldName,
    /// The posts that may receive it.
    pub posts: &'static [Role],
    /// The posts in words, for the refusal: "没有名为“…”的{posts}账号".
    pub posts_words: &'static str,
}

/// The account `kind` names, if any: a case is handed only to the front desk or a middle
/// office; a follow-up is assigned to a department's lead or the centre.
pub fn named_account(kind: &super::EventKind) -> Option<NamedAccount<'_>> {
    use super::steps::FieldName;
    use super::EventKind as K;
    match kind {
        K::OwnerChanged { to, .. } => Some(NamedAccount {
            name: to,
            field: FieldName::NewOwner,
            posts: &[Role::Clerk, Support],
            posts_words: "窗口或中台工作人员",
        }),
        K::FollowUpNoted {
            assigned_to: Some(to),
            ..
        } => Some(NamedAccount {
            name: to,
            field: FieldName::FollowUpAssignee,
            posts: &[Lead, Supervisor],
            posts_words: "部门负责人或中心管理人员",
        }),
        _ => None,
    }
}

/// Whether `actor` may hand this case on (转交): its owner, or a supervisor.
pub fn may_hand_on(actor: &str, role: Role, rec: &super::CaseRecord) -> bool {
    role == Role::Supervisor || rec.owner.as_deref() == Some(actor)
}

/// The work queues of a post, by the state their cases wait in: what it acts on next.
pub fn queues(role: Role) -> Vec<super::CaseState> {
    use super::CaseState as S;
    let all = [
        (S::Received, &[Support, Reviewer, Lead][..]),
        (S::Accepted, &[Reviewer, Lead]),
        (S::UnderReview, &[Reviewer, Lead]),
        (S::CorrectionRequested, &[Role::Clerk, Support, Reviewer]),
        (S::RefusalPending, &[Lead]),
        (S::Decided { approved: true }, &[Role::Clerk, Support]),
    ];
    all.into_iter()
        .filter(|(_, posts)| posts.contains(&role))
        .map(|(state, _)| state)
        .collect()
}

/// Whether this post takes in papers at all (the front desk, a department's middle
/// office): the desk shows "new case" only to them; the item decides the rest.
pub fn receives(role: Role) -> bool {
    matches!(role, Role::Clerk | Role::Support)
}

/// Whether `staff` may record `step` on a case of `item` received at `case_site` (empty
/// when no site has received it yet): `Err` names what is missing.
pub fn may_record(
    staff: &Staff<'_>,
    item: &ServiceItem,
    case_site: &str,
    step: EventType,
) -> Result<(), Denied> {
    let duty = duty(step, item);
    if duty.anyone.contains(&staff.role) {
        return Ok(());
    }
    let on_site = || {
        if case_site.is_empty() || case_site == staff.site {
            Ok(())
        } else {
            Err(Denied::Site {
                site: case_site.to_string(),
            })
        }
    };
    match staff.role {
        Role::Clerk => match &duty.window {
            Some(needed) => {
                let granted = item.window_rights();
                if let Some(right) = needed.iter().find(|r| !granted.contains(r)) {
                    return Err(Denied::Authorisation {
                        right: *right,
                        department: item.department.clone(),
                    });
                }
                on_site()
            }
            None => Err(denied_post(step, &duty)),
        },
        role if duty.department.contains(&role) => {
            let own = departments_of(step, item);
            if !own.iter().any(|d| staff.departments.iter().any(|s| s == d)) {
                return Err(Denied::Department {
                    department: own.join("、"),
                });
            }
            // The back office serves every site; the middle office sits beside its window.
            if role == Role::Support {
                on_site()
            } else {
                Ok(())
            }
        }
        _ => Err(denied_post(step, &duty)),
    }
}

/// The departments whose posts do `step` for `item`: a joint item's responsible
/// departments give their opinions; everything else is the item's own department's.
fn departments_of(step: EventType, item: &ServiceItem) -> Vec<&str> {
    match step {
        EventType::DepartmentOpinion => item
            .responsible_departments
            .iter()
            .map(|s| s.department.as_str())
            .collect(),
        _ => vec![item.department.as_str()],
    }
}

/// Whether `staff` may record this very event: a department's opinion only for a
/// department they belong to.
pub fn may_record_event(staff: &Staff<'_>, kind: &super::EventKind) -> Result<(), Denied> {
    match kind {
        super::EventKind::DepartmentOpinion { department, .. }
            if !staff.departments.contains(department) =>
        {
            Err(Denied::Department {
                department: department.clone(),
            })
        }
        _ => Ok(()),
    }
}

/// Narrows the forms to what `staff` may choose: a department's opinion only for their
/// own departments.
pub fn narrow(staff: &Staff<'_>, forms: &mut [super::StepForm]) {
    for form in forms
        .iter_mut()
        .filter(|f| f.step == EventType::DepartmentOpinion)
    {
        for field in &mut form.fields {
            if let super::FieldInput::Choice(options) = &mut field.input {
                options.retain(|c| match c {
                    super::Choice::Department { name } => staff.departments.contains(name),
                    _ => true,
                });
            }
        }
    }
}

fn denied_post(step: EventType, duty: &Duty) -> Denied {
    let mut posts: Vec<Role> = Vec::new();
    if duty.window.is_some() {
        posts.push(Role::Clerk);
    }
    posts.extend(duty.department.iter().copied());
    posts.extend(duty.anyone.iter().copied());
    Denied::Post { step, posts }
}

#[cfg(test)]
mod tests;
