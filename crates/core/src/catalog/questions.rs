//! The questions an item asks: its own, and the "which sub-item" question the catalogue
//! implies when an item has sub-items. Here (not in `checklist`) so that the linter and
//! the checklist both use them without depending on each other.

use super::{Choice, Question, QuestionKind, ServiceItem};

/// The answer key of the implicit "which sub-item" question.
pub const SUB_ITEM: &str = "sub_item";

/// The question the catalogue implies when an item has sub-items.
pub fn sub_item_question(item: &ServiceItem) -> Option<Question> {
    (!item.sub_items.is_empty()).then(|| Question {
        id: SUB_ITEM.to_string(),
        text: format!("您要办理“{}”的哪一项？", item.name),
        help: String::new(),
        kind: QuestionKind::Choice,
        options: item
            .sub_items
            .iter()
            .map(|s| Choice {
                value: s.id.clone(),
                label: s.name.clone(),
            })
            .collect(),
        when: None,
        fact: None,
    })
}

/// Every question of the item, the implied sub-item question first.
pub fn all_questions(item: &ServiceItem) -> Vec<Question> {
    sub_item_question(item)
        .into_iter()
        .chain(item.questions.iter().cloned())
        .collect()
}
