//! The whole matrix: every post × every step × every set of window rights × in or out of
//! the item's department × the case's site (none yet, the same, another) × every kind of
//! item, against a table written out here on its own.

use super::*;
use crate::test_support::food_item;

/// The expected duty of each post for each step, as the hall's rules say it:
/// `yes` always, `no` never, `dept` for the item's department (the middle office only at
/// its own site), `resp` for a responsible department of a joint item, `w:` the window
/// with these rights and at its site.
const TABLE: &str = "
step                       kind       applicant clerk          support reviewer lead supervisor
pre_checked                *          yes       no             no      no       no   no
received                   *          no        w:receive      dept    no       no   no
handed_over                *          no        w:receive      dept    no       no   no
accepted                   *          no        w:accept,seal  dept    dept     dept no
not_accepted               *          no        w:accept,seal  dept    dept     dept no
correction_requested       *          no        w:accept,seal  dept    dept     dept no
correction_received        *          no        w:receive      dept    no       no   no
tolerated_supplied         *          no        w:receive      dept    no       no   no
review_started             *          no        no             no      dept     dept no
special_procedure_started  *          no        no             no      dept     dept no
special_procedure_ended    *          no        no             no      dept     dept no
extended                   *          no        no             no      no       dept no
owner_changed              *          no        w:receive      dept    no       no   yes
delivery_chosen            *          yes       w:receive      dept    no       no   no
review_opinion             *          no        no             no      dept     dept no
handover_confirmed         *          no        w:receive      dept    dept     dept no
refusal_proposed           *          no        no             no      dept     dept no
department_opinion         *          no        no             no      resp     resp no
joint_meeting_scheduled    *          no        no             dept    dept     dept no
joint_meeting_held         *          no        no             dept    dept     dept no
default_consent            *          no        no             no      dept     dept no
refusal_approved           *          no        no             no      no       dept no
refusal_returned           *          no        no             no      no       dept no
decided                    immediate  no        w:decide,seal  dept    dept     dept no
decided                    committed  no        no             no      dept     dept no
decided                    joint      no        no             no      dept     dept no
slip_prepared              *          no        no             dept    dept     dept no
delivered                  *          no        w:issue        dept    no       no   no
evaluated                  *          yes       w:             no      no       no   no
follow_up_closed           *          no        no             no      no       dept yes
follow_up_noted            *          no        no             no      no       dept yes
archived                   *          no        w:             dept    no       no   yes
";

const ROLES: [Role; 6] = [
    Role::Applicant,
    Role::Clerk,
    Role::Support,
    Role::Reviewer,
    Role::Lead,
    Role::Supervisor,
];

fn right(name: &str) -> Right {
    match name {
        "receive" => Right::Receive,
        "accept" => Right::Accept,
        "decide" => Right::Decide,
        "issue" => Right::Issue,
        "seal" => Right::Seal,
        other => panic!("unknown right {other}"),
    }
}

fn kind_name(kind: CaseKind) -> &'static str {
    match kind {
        CaseKind::Immediate => "immediate",
        CaseKind::Committed => "committed",
        CaseKind::Joint => "joint",
    }
}

/// The table's cell for this step, kind and post.
fn cell(step: EventType, kind: CaseKind, role: Role) -> String {
    let column = ROLES.iter().position(|r| *r == role).unwrap() + 2;
    let row = TABLE
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .find(|cols| cols[0] == step.name() && (cols[1] == "*" || cols[1] == kind_name(kind)))
        .unwrap_or_else(|| panic!("the table has no row for {}", step.name()));
    row[column].to_string()
}

#[test]
fn every_post_step_right_department_site_and_kind_is_as_the_table_says() {
    let mut checked = 0;
    let base = food_item();
    let department = base.department.clone();
    let mine = vec![department.clone()];
    let other = vec!["县卫生健康局".to_string()];
    for kind in [CaseKind::Immediate, CaseKind::Committed, CaseKind::Joint] {
        for mask in 0..32u32 {
            let granted: Vec<Right> = Right::ALL
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, r)| *r)
                .collect();
            // The other department is the item's responsible department (联办件).
            let item = ServiceItem {
                kind,
                authorisation: Some(granted.clone()),
                responsible_departments: vec![crate::catalog::DepartmentStep {
                    department: other[0].clone(),
                    step: "审查".into(),
                    days: 3,
                    materials: vec![],
                    by_timeout: true,
                    by_absence: false,
                }],
                ..base.clone()
            };
            for in_department in [true, false] {
                for case_site in ["", "城关镇便民服务中心", "县政务服务中心"] {
                    for role in ROLES {
                        for step in EventType::ALL {
                            let staff = Staff {
                                role,
                                departments: if in_department { &mine } else { &other },
                                site: "城关镇便民服务中心",
                            };
                            let on_site = case_site.is_empty() || case_site == staff.site;
                            let cell = cell(*step, kind, role);
                            let expected = match cell.as_str() {
                                "yes" => true,
                                "no" => false,
                                "dept" => in_department && (role != Role::Support || on_site),
                                "resp" => !in_department,
                                w => {
                                    let needs = w.trim_start_matches("w:");
                                    needs
                                        .split(',')
                                        .filter(|n| !n.is_empty())
                                        .all(|n| granted.contains(&right(n)))
                                        && on_site
                                }
                            };
                            let got = may_record(&staff, &item, case_site, *step);
                            assert_eq!(
                                got.is_ok(),
                                expected,
                                "{role:?} {} {kind:?} rights {granted:?} in_department {in_department} site {case_site:?}: {got:?}",
                                step.name()
                            );
                            // A refusal names what is actually missing.
                            match got {
                                Err(Denied::Authorisation { right, .. }) => {
                                    assert!(!granted.contains(&right))
                                }
                                Err(Denied::Department { .. }) => {
                                    assert_eq!(in_department, *step == EventType::DepartmentOpinion)
                                }
                                Err(Denied::Site { .. }) => assert!(!on_site),
                                Err(Denied::Post { posts, .. }) => assert!(!posts.contains(&role)),
                                Ok(()) => {}
                            }
                            checked += 1;
                        }
                    }
                }
            }
        }
    }
    assert_eq!(checked, 3 * 32 * 2 * 3 * ROLES.len() * EventType::ALL.len());
}

#[test]
fn an_item_without_an_authorisation_follows_its_front_desk_setting() {
    let mut item = food_item();
    item.authorisation = None;
    let clerk = Staff {
        role: Role::Clerk,
        departments: &[],
        site: "县政务服务中心",
    };
    assert_eq!(may_record(&clerk, &item, "", EventType::Accepted), Ok(()));
    // Results are then handed out by the department.
    assert_eq!(
        may_record(&clerk, &item, "", EventType::Delivered),
        Err(Denied::Authorisation {
            right: Right::Issue,
            department: item.department.clone()
        })
    );
    item.front_desk = crate::catalog::FrontDesk::ReceiveOnly;
    let refused = may_record(&clerk, &item, "", EventType::Accepted).unwrap_err();
    assert_eq!(
        refused.to_string(),
        format!(
            "{}未授予综合窗口该事项的受理权，请转交部门办理",
            item.department
        )
    );
}

#[test]
fn only_the_posts_that_receive_are_offered_a_new_case() {
    let item = food_item();
    for role in ROLES {
        let staff = Staff {
            role,
            departments: std::slice::from_ref(&item.department),
            site: "",
        };
        // `receives` agrees with the table for an item whose window may receive.
        let may = may_record(&staff, &item, "", EventType::Received).is_ok();
        assert_eq!(receives(role), may, "{role:?}");
    }
}

#[test]
fn the_lead_finds_filed_refusals_in_a_queue_and_the_applicant_has_none() {
    assert!(queues(Role::Lead).contains(&crate::case::CaseState::RefusalPending));
    assert!(!queues(Role::Reviewer).contains(&crate::case::CaseState::RefusalPending));
    assert!(queues(Role::Applicant).is_empty());
}

#[test]
fn a_refusal_says_who_does_the_step() {
    let item = food_item();
    let clerk = Staff {
        role: Role::Clerk,
        departments: &[],
        site: "县政务服务中心",
    };
    assert_eq!(
        may_record(&clerk, &item, "", EventType::ReviewStarted)
            .unwrap_err()
            .to_string(),
        "这一步须由后台审批人员或部门负责人（首席事务代表）办理"
    );
}

#[test]
fn a_step_naming_an_account_says_which_posts_may_receive_it() {
    use crate::case::evaluation::EvaluationStage;
    use crate::case::EventKind;
    let handed = EventKind::OwnerChanged {
        to: "赵丽".into(),
        reason: "调岗".into(),
    };
    let n = super::named_account(&handed).unwrap();
    assert_eq!(
        (n.name, n.posts),
        ("赵丽", &[Role::Clerk, Role::Support][..])
    );
    let assigned = EventKind::FollowUpNoted {
        stage: EvaluationStage::Handout,
        assigned_to: Some("孙局长".into()),
        action: "转部门核实".into(),
    };
    let n = super::named_account(&assigned).unwrap();
    assert_eq!(n.posts, &[Role::Lead, Role::Supervisor][..]);
    assert_eq!(n.field.name(), "follow_up_assignee");
    // A follow-up step that assigns nobody names no account.
    let noted = EventKind::FollowUpNoted {
        stage: EvaluationStage::Handout,
        assigned_to: None,
        action: "回访".into(),
    };
    assert_eq!(super::named_account(&noted), None);
}
