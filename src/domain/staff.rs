//! Who may do what in the staff console, and what the audit log records.
//!
//! Three roles, each allowed everything the one before it is: a reviewer reads inquiries,
//! handles hand-off tickets and records judgments; an editor also changes the corpus and
//! approves the fixes judgments propose; an administrator also manages accounts and reads the
//! audit log. Roles and actions are stored as stable ASCII codes and shown through one
//! Japanese label each. This module must never import a framework.

use crate::domain::handoff::StableCode;

/// A staff account's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// 閲覧・判定: reads inquiries, handles tickets, records judgments.
    Reviewer,
    /// 編集: also edits and publishes the corpus and approves proposed fixes.
    Editor,
    /// 管理者: also manages accounts and reads the audit log.
    Administrator,
}

impl Role {
    pub fn label_ja(self) -> &'static str {
        match self {
            Role::Reviewer => "閲覧・判定担当",
            Role::Editor => "編集担当",
            Role::Administrator => "管理者",
        }
    }

    /// Whether this role may do `permission`.
    pub fn allows(self, permission: Permission) -> bool {
        self >= permission.least_role()
    }
}

impl StableCode for Role {
    const ALL: &'static [Role] = &[Role::Reviewer, Role::Editor, Role::Administrator];

    fn code(self) -> &'static str {
        match self {
            Role::Reviewer => "reviewer",
            Role::Editor => "editor",
            Role::Administrator => "administrator",
        }
    }
}

/// Something a console page or form lets staff do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// The dashboard, the inquiry list and detail, the freshness board.
    ReadInquiries,
    /// Closing hand-off tickets.
    HandleTickets,
    /// Recording what the right answer to an inquiry was.
    RecordJudgments,
    /// The monthly report and the CSV downloads.
    ReadReports,
    /// Approving or rejecting a fix a judgment proposes.
    ApproveFixes,
    /// Editing and publishing the corpus.
    EditCorpus,
    /// Creating accounts, changing roles, resetting passwords.
    ManageAccounts,
    /// Reading the audit log.
    ReadAudit,
}

impl Permission {
    /// The least role that may do this.
    pub fn least_role(self) -> Role {
        match self {
            Permission::ReadInquiries
            | Permission::HandleTickets
            | Permission::RecordJudgments
            | Permission::ReadReports => Role::Reviewer,
            Permission::ApproveFixes | Permission::EditCorpus => Role::Editor,
            Permission::ManageAccounts | Permission::ReadAudit => Role::Administrator,
        }
    }

    /// What the refusal page says the member cannot do.
    pub fn label_ja(self) -> &'static str {
        match self {
            Permission::ReadInquiries => "問い合わせの閲覧",
            Permission::HandleTickets => "引き継ぎチケットの対応",
            Permission::RecordJudgments => "正しい回答の記録",
            Permission::ReadReports => "報告とCSV出力",
            Permission::ApproveFixes => "改善案の承認・却下",
            Permission::EditCorpus => "コーパスの編集・公開",
            Permission::ManageAccounts => "職員アカウントの管理",
            Permission::ReadAudit => "操作記録の閲覧",
        }
    }
}

/// What an audit record says was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditAction {
    Login,
    LoginFailed,
    Logout,
    /// A request refused for the member's role.
    AccessDenied,
    TicketClosed,
    JudgmentRecorded,
    FixApproved,
    FixRejected,
    AccountCreated,
    RoleChanged,
    PasswordReset,
    InquiriesExported,
    TicketsExported,
    ReportViewed,
    ReportExported,
    CorpusDraftSaved,
    CorpusPublished,
    /// An earlier version of an entry published again.
    CorpusRolledBack,
    CorpusImported,
    CorpusExported,
    /// A new entry (a scheme's file) published for the first time.
    CorpusCreated,
    /// An entry (a scheme's file) deleted; its history stays and a rollback restores it.
    CorpusDeleted,
}

impl AuditAction {
    pub fn label_ja(self) -> &'static str {
        match self {
            AuditAction::Login => "ログイン",
            AuditAction::LoginFailed => "ログイン失敗",
            AuditAction::Logout => "ログアウト",
            AuditAction::AccessDenied => "権限のない操作（拒否）",
            AuditAction::TicketClosed => "チケット対応済み",
            AuditAction::JudgmentRecorded => "正しい回答の記録",
            AuditAction::FixApproved => "改善案の承認",
            AuditAction::FixRejected => "改善案の却下",
            AuditAction::AccountCreated => "アカウント作成",
            AuditAction::RoleChanged => "役割の変更",
            AuditAction::PasswordReset => "パスワード再設定",
            AuditAction::InquiriesExported => "問い合わせCSV出力",
            AuditAction::TicketsExported => "チケットCSV出力",
            AuditAction::ReportViewed => "実施報告の閲覧",
            AuditAction::ReportExported => "実施報告CSV出力",
            AuditAction::CorpusDraftSaved => "コーパスの下書き保存",
            AuditAction::CorpusPublished => "コーパスの公開",
            AuditAction::CorpusRolledBack => "コーパスを以前の版に戻して公開",
            AuditAction::CorpusImported => "コーパスの取り込み",
            AuditAction::CorpusExported => "コーパスの書き出し",
            AuditAction::CorpusCreated => "コーパスの項目の追加",
            AuditAction::CorpusDeleted => "コーパスの項目の削除",
        }
    }
}

impl StableCode for AuditAction {
    const ALL: &'static [AuditAction] = &[
        AuditAction::Login,
        AuditAction::LoginFailed,
        AuditAction::Logout,
        AuditAction::AccessDenied,
        AuditAction::TicketClosed,
        AuditAction::JudgmentRecorded,
        AuditAction::FixApproved,
        AuditAction::FixRejected,
        AuditAction::AccountCreated,
        AuditAction::RoleChanged,
        AuditAction::PasswordReset,
        AuditAction::InquiriesExported,
        AuditAction::TicketsExported,
        AuditAction::ReportViewed,
        AuditAction::ReportExported,
        AuditAction::CorpusDraftSaved,
        AuditAction::CorpusPublished,
        AuditAction::CorpusRolledBack,
        AuditAction::CorpusImported,
        AuditAction::CorpusExported,
        AuditAction::CorpusCreated,
        AuditAction::CorpusDeleted,
    ];

    fn code(self) -> &'static str {
        match self {
            AuditAction::Login => "login",
            AuditAction::LoginFailed => "login_failed",
            AuditAction::Logout => "logout",
            AuditAction::AccessDenied => "access_denied",
            AuditAction::TicketClosed => "ticket_closed",
            AuditAction::JudgmentRecorded => "judgment_recorded",
            AuditAction::FixApproved => "fix_approved",
            AuditAction::FixRejected => "fix_rejected",
            AuditAction::AccountCreated => "account_created",
            AuditAction::RoleChanged => "role_changed",
            AuditAction::PasswordReset => "password_reset",
            AuditAction::InquiriesExported => "inquiries_exported",
            AuditAction::TicketsExported => "tickets_exported",
            AuditAction::ReportViewed => "report_viewed",
            AuditAction::ReportExported => "report_exported",
            AuditAction::CorpusDraftSaved => "corpus_draft_saved",
            AuditAction::CorpusPublished => "corpus_published",
            AuditAction::CorpusRolledBack => "corpus_rolled_back",
            AuditAction::CorpusImported => "corpus_imported",
            AuditAction::CorpusExported => "corpus_exported",
            AuditAction::CorpusCreated => "corpus_created",
            AuditAction::CorpusDeleted => "corpus_deleted",
        }
    }
}

/// Who did it: a logged-in member, or an operator at the command line (`shien admin ...`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    Staff {
        username: String,
        role: Role,
    },
    CommandLine,
    /// A failed login for a name that is no account: the typed name is not kept (it may be
    /// a password typed into the wrong field).
    Unknown,
}

impl Actor {
    pub fn username(&self) -> Option<&str> {
        match self {
            Actor::Staff { username, .. } => Some(username),
            Actor::CommandLine | Actor::Unknown => None,
        }
    }

    pub fn role(&self) -> Option<Role> {
        match self {
            Actor::Staff { role, .. } => Some(*role),
            Actor::CommandLine | Actor::Unknown => None,
        }
    }

    /// Where the action came from, as stored.
    pub fn source(&self) -> &'static str {
        match self {
            Actor::Staff { .. } | Actor::Unknown => "console",
            Actor::CommandLine => "cli",
        }
    }
}

/// One audit record, as written (append only) and read back.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRecord {
    pub id: String,
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor: Actor,
    pub action: AuditAction,
    /// What it was done to (a ticket, judgment or account id, a month), if anything.
    pub target: Option<String>,
    /// A short description in Japanese, never a password or caller's personal data.
    pub detail: String,
}

impl AuditRecord {
    pub fn new(actor: Actor, action: AuditAction, target: Option<&str>, detail: &str) -> Self {
        AuditRecord {
            id: uuid::Uuid::new_v4().to_string(),
            at: chrono::Utc::now(),
            actor,
            action,
            target: target.map(str::to_string),
            detail: detail.to_string(),
        }
    }

    /// Who, as people read it on the audit page.
    pub fn actor_label(&self) -> String {
        match &self.actor {
            Actor::Staff { username, role } => format!("{username}（{}）", role.label_ja()),
            Actor::CommandLine => "コマンドライン".into(),
            Actor::Unknown => "不明（存在しないユーザー名）".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_may_do_what_the_one_before_it_may_and_more() {
        use Permission::*;
        let all = [
            ReadInquiries,
            HandleTickets,
            RecordJudgments,
            ReadReports,
            ApproveFixes,
            EditCorpus,
            ManageAccounts,
            ReadAudit,
        ];
        let allowed = |r: Role| all.iter().filter(|&&p| r.allows(p)).count();
        assert_eq!(allowed(Role::Reviewer), 4);
        assert_eq!(allowed(Role::Editor), 6);
        assert_eq!(allowed(Role::Administrator), 8);
        assert!(Role::Reviewer.allows(RecordJudgments));
        assert!(!Role::Reviewer.allows(ApproveFixes));
        assert!(Role::Editor.allows(ApproveFixes));
        assert!(!Role::Editor.allows(ManageAccounts));
        assert!(Role::Administrator.allows(ReadAudit));
    }

    #[test]
    fn codes_are_distinct_and_read_back() {
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::from_code(a.code()), Some(*a));
        }
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(*r));
        }
        let mut codes: Vec<_> = AuditAction::ALL.iter().map(|a| a.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), AuditAction::ALL.len());
    }
}
