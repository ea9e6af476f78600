//! The publishing workflow: draft → in review → scheduled → published (→ unpublished), and who
//! may move an article along it. A published article is changed with "Update" (live at once)
//! or "Save for later" (a pending version beside it, which readers never see). Pure rules,
//! tested as a table; the newsroom applies them before any write, and every refusal names
//! the rule.

use crate::account::{Action, Role};
use crate::content::ArticleStatus;
use crate::{Invalid, Message, Result};

/// What someone asks to do with an article in the editor. Its names are the editor's button
/// values, so a form field reads straight into it (serde) and an unknown one is refused there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Step {
    #[serde(rename = "save")]
    SaveDraft,
    #[serde(rename = "submit")]
    SubmitForReview,
    Publish,
    Schedule,
    Unpublish,
    /// Puts the changes to a published article live at once, with a revision.
    Update,
    /// Keeps changes to a published article as its pending version, beside it: the live page
    /// stays as it is until someone takes "Update".
    #[serde(rename = "later")]
    SaveForLater,
    /// Drops the pending version kept with "Save for later".
    #[serde(rename = "discard")]
    DiscardPending,
}

impl Step {
    pub const ALL: [Step; 8] = [
        Step::SaveDraft,
        Step::SubmitForReview,
        Step::Publish,
        Step::Schedule,
        Step::Unpublish,
        Step::Update,
        Step::SaveForLater,
        Step::DiscardPending,
    ];

    /// The step's name, as the editor's buttons send it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SaveDraft => "save",
            Self::SubmitForReview => "submit",
            Self::Publish => "publish",
            Self::Schedule => "schedule",
            Self::Unpublish => "unpublish",
            Self::Update => "update",
            Self::SaveForLater => "later",
            Self::DiscardPending => "discard",
        }
    }

    pub fn parse(text: &str) -> Result<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text).ok_or_else(|| {
            Invalid::new("action", Message::new("workflow-unknown-action").text("action", text))
        })
    }
}

/// Why a step was refused: the role does not allow it, or the article is not in a state
/// where it makes sense.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Forbidden(Message),
    Invalid(Invalid),
}

/// The status an article moves to when `role` takes `step` on it, or why not. `own` says
/// whether the person is one of the article's authors.
pub fn next_status(
    role: Role,
    own: bool,
    from: ArticleStatus,
    step: Step,
) -> std::result::Result<ArticleStatus, Refusal> {
    use ArticleStatus::*;
    let may_edit = own && role.may(Action::WriteDrafts) || role.may(Action::EditOthers);
    if !may_edit {
        return Err(Refusal::Forbidden("workflow-not-author".into()));
    }
    let may_publish = role.may(Action::EditOthers) || own && role.may(Action::PublishOwn);
    let publishing =
        matches!(step, Step::Publish | Step::Schedule | Step::Unpublish | Step::Update);
    if publishing && !may_publish {
        return Err(Refusal::Forbidden(
            Message::new("workflow-role-cannot-publish").message("role", role.name()),
        ));
    }
    // Contributors cannot change what is already live or on its way there. Keeping changes
    // beside a live article (or dropping them) changes nothing readers see, so its authors
    // may propose a fix for an editor to put live.
    let beside = matches!(step, Step::SaveForLater | Step::DiscardPending);
    if !may_publish && !beside && matches!(from, Scheduled | Published) {
        return Err(Refusal::Forbidden("workflow-locked".into()));
    }
    let invalid = |id: &'static str| Err(Refusal::Invalid(Invalid::new("status", id)));
    match (step, from) {
        // A live article's changes go live ("Update") or wait beside it ("Save for later"):
        // a "save" that silently changed the live page is what editors did not expect.
        (Step::SaveDraft, Published) => invalid("workflow-live-save"),
        (Step::SaveDraft, Scheduled) => Ok(Scheduled),
        (Step::SaveDraft, InReview) => Ok(InReview),
        (Step::SaveDraft, Draft | Unpublished) => Ok(Draft),
        (Step::SubmitForReview, Draft | Unpublished | InReview) => Ok(InReview),
        (Step::SubmitForReview, _) => invalid("workflow-submit-drafts-only"),
        (Step::Publish, _) => Ok(Published),
        (Step::Schedule, Published) => invalid("workflow-already-published"),
        (Step::Schedule, _) => Ok(Scheduled),
        (Step::Unpublish, Published | Scheduled) => Ok(Unpublished),
        (Step::Unpublish, _) => invalid("workflow-unpublish-only-live"),
        (Step::Update, Published) => Ok(Published),
        (Step::Update, _) => invalid("workflow-update-live-only"),
        (Step::SaveForLater, Published) => Ok(Published),
        (Step::SaveForLater, _) => invalid("workflow-later-live-only"),
        (Step::DiscardPending, _) => Ok(from),
    }
}

/// Whether `role` may move an article in status `from` to the trash, or bring it back: as for
/// unpublishing, contributors only their own articles that are not live or on their way there,
/// authors also their own live ones (they may take those down), editors and admins anyone's.
pub fn may_trash(role: Role, own: bool, from: ArticleStatus) -> std::result::Result<(), Refusal> {
    let may_edit = own && role.may(Action::WriteDrafts) || role.may(Action::EditOthers);
    if !may_edit {
        return Err(Refusal::Forbidden("workflow-not-author".into()));
    }
    let may_publish = role.may(Action::EditOthers) || own && role.may(Action::PublishOwn);
    if !may_publish && matches!(from, ArticleStatus::Scheduled | ArticleStatus::Published) {
        return Err(Refusal::Forbidden("workflow-locked".into()));
    }
    Ok(())
}

/// Whether `role` may delete trashed articles for good ("Empty trash"): editors and admins.
pub fn may_empty_trash(role: Role) -> bool {
    role.may(Action::EditOthers)
}

/// Whether `role` may open an article in the newsroom (the editor, its revisions): its own
/// authors may, and editors and admins; nobody else reads another person's drafts there.
pub fn may_open(role: Role, own: bool) -> bool {
    own && role.may(Action::WriteDrafts) || role.may(Action::EditOthers)
}

/// Checks whom a save credits. Editors and admins credit anyone. Anyone else keeps their own
/// byline (`own`, `None` for an account without one) among the credited and leaves the other
/// credits as they were (`before`: empty for a new article), so nobody publishes under
/// another person's name or takes a colleague's credit away.
pub fn check_byline<T: PartialEq>(
    role: Role,
    own: Option<&T>,
    before: &[T],
    after: &[T],
) -> std::result::Result<(), Refusal> {
    if role.may(Action::EditOthers) {
        return Ok(());
    }
    let Some(own) = own.filter(|own| after.contains(own)) else {
        return Err(Refusal::Forbidden("workflow-byline-own".into()));
    };
    let others = |list: &[T]| list.iter().filter(|a| *a != own).all(|a| before.contains(a));
    let kept = before.iter().filter(|a| *a != own).all(|a| after.contains(a));
    if !others(after) || !kept {
        return Err(Refusal::Forbidden("workflow-byline-others".into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ArticleStatus::*;

    fn outcome(role: Role, own: bool, from: ArticleStatus, step: Step) -> &'static str {
        match next_status(role, own, from, step) {
            Ok(Draft) => "draft",
            Ok(InReview) => "review",
            Ok(Scheduled) => "scheduled",
            Ok(Published) => "published",
            Ok(Unpublished) => "unpublished",
            Err(Refusal::Forbidden(_)) => "403",
            Err(Refusal::Invalid(_)) => "422",
        }
    }

    #[test]
    fn who_may_take_which_step() {
        // (role, own article?, from status) → outcome of each step of `Step::ALL`: save,
        // submit, publish, schedule, unpublish, update, save for later, discard.
        let table: [(Role, bool, ArticleStatus, [&str; 8]); 12] = [
            (
                Role::Contributor,
                true,
                Draft,
                ["draft", "review", "403", "403", "403", "403", "422", "draft"],
            ),
            (
                Role::Contributor,
                true,
                Published,
                ["403", "403", "403", "403", "403", "403", "published", "published"],
            ),
            (
                Role::Contributor,
                false,
                Draft,
                ["403", "403", "403", "403", "403", "403", "403", "403"],
            ),
            (
                Role::Contributor,
                false,
                Published,
                ["403", "403", "403", "403", "403", "403", "403", "403"],
            ),
            (
                Role::Author,
                true,
                Draft,
                ["draft", "review", "published", "scheduled", "422", "422", "422", "draft"],
            ),
            (
                Role::Author,
                true,
                Published,
                [
                    "422",
                    "422",
                    "published",
                    "422",
                    "unpublished",
                    "published",
                    "published",
                    "published",
                ],
            ),
            (Role::Author, false, Draft, ["403", "403", "403", "403", "403", "403", "403", "403"]),
            (
                Role::Author,
                false,
                Published,
                ["403", "403", "403", "403", "403", "403", "403", "403"],
            ),
            (
                Role::Editor,
                false,
                InReview,
                ["review", "review", "published", "scheduled", "422", "422", "422", "review"],
            ),
            (
                Role::Editor,
                false,
                Scheduled,
                [
                    "scheduled",
                    "422",
                    "published",
                    "scheduled",
                    "unpublished",
                    "422",
                    "422",
                    "scheduled",
                ],
            ),
            (
                Role::Admin,
                false,
                Unpublished,
                ["draft", "review", "published", "scheduled", "422", "422", "422", "unpublished"],
            ),
            (
                Role::Admin,
                false,
                Published,
                [
                    "422",
                    "422",
                    "published",
                    "422",
                    "unpublished",
                    "published",
                    "published",
                    "published",
                ],
            ),
        ];
        for (role, own, from, expected) in table {
            for (step, want) in Step::ALL.iter().zip(expected) {
                assert_eq!(
                    outcome(role, own, from, *step),
                    want,
                    "{role:?} own={own} {from:?} {step:?}"
                );
            }
        }
    }

    #[test]
    fn only_editors_credit_others() {
        let (me, ann, bob) = ("me", "ann", "bob");
        let ok = |role, own: Option<&&str>, before: &[&str], after: &[&str]| {
            check_byline(role, own, before, after).is_ok()
        };
        // (role, own byline, credited before, credited after, allowed)
        type Row<'a> = (Role, Option<&'a &'a str>, &'a [&'a str], &'a [&'a str], bool);
        let table: [Row; 12] = [
            (Role::Contributor, Some(&me), &[], &[me], true),
            (Role::Author, Some(&me), &[], &[me], true),
            (Role::Author, Some(&me), &[], &[ann], false),
            (Role::Author, Some(&me), &[], &[me, ann], false),
            (Role::Contributor, Some(&me), &[], &[ann], false),
            (Role::Author, Some(&me), &[me, ann], &[ann, me], true),
            (Role::Author, Some(&me), &[me, ann], &[me], false),
            (Role::Author, Some(&me), &[me, ann], &[ann], false),
            (Role::Author, Some(&me), &[me], &[me, bob], false),
            (Role::Author, None, &[], &[ann], false),
            (Role::Editor, Some(&me), &[me], &[ann], true),
            (Role::Admin, None, &[], &[ann, bob], true),
        ];
        for (role, own, before, after, allowed) in table {
            assert_eq!(ok(role, own, before, after), allowed, "{role:?} {before:?} → {after:?}");
        }
    }

    #[test]
    fn only_authors_and_editors_open_an_article() {
        assert!(may_open(Role::Contributor, true) && may_open(Role::Author, true));
        assert!(!may_open(Role::Contributor, false) && !may_open(Role::Author, false));
        assert!(may_open(Role::Editor, false) && may_open(Role::Admin, false));
    }

    #[test]
    fn who_may_trash_what() {
        let ok = |role, own, from| may_trash(role, own, from).is_ok();
        assert!(ok(Role::Contributor, true, Draft) && ok(Role::Contributor, true, InReview));
        assert!(!ok(Role::Contributor, true, Published) && !ok(Role::Contributor, false, Draft));
        assert!(ok(Role::Author, true, Published) && !ok(Role::Author, false, Draft));
        assert!(ok(Role::Editor, false, Published) && ok(Role::Admin, false, Scheduled));
        assert!(!may_empty_trash(Role::Author) && may_empty_trash(Role::Editor));
        assert!(may_empty_trash(Role::Admin) && !may_empty_trash(Role::Contributor));
    }

    #[test]
    fn steps_parse_from_button_values() {
        assert_eq!(Step::parse("publish"), Ok(Step::Publish));
        assert!(Step::parse("delete").is_err());
        // serde reads the same names that `as_str` writes.
        use serde::Deserialize;
        use serde::de::IntoDeserializer;
        use serde::de::value::Error;
        for step in Step::ALL {
            let read =
                Step::deserialize(IntoDeserializer::<Error>::into_deserializer(step.as_str()));
            assert_eq!(read, Ok(step), "{}", step.as_str());
        }
    }
}
