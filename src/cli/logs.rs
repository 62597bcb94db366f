//! `shien admin` and `shien logs`: staff accounts, retention, re-masking, backups.

use super::*;
use crate::app::staff::UserOutcome;
use crate::domain::handoff::StableCode;
use crate::domain::staff::Role;

pub(super) fn create_user(settings: &Settings, username: &str, role: Option<&str>) -> ExitCode {
    if let Err(e) = crate::app::staff::validate_username(username) {
        return fail(2, &e.to_string());
    }
    let role = match role.map(Role::from_code) {
        None => None,
        Some(Some(r)) => Some(r),
        Some(None) => return fail(2, "--role: use reviewer, editor or administrator"),
    };
    let password = match std::env::var("SHIEN_ADMIN_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            eprint!("password for {username}: ");
            let mut line = String::new();
            if std::io::stdin().read_line(&mut line).is_err() {
                return fail(2, "could not read the password from standard input");
            }
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    let rt = match runtime() {
        Ok(r) => r,
        Err(c) => return c,
    };
    match rt.block_on(crate::app::staff::create_user(
        settings, username, &password, role,
    )) {
        Ok(outcome) => {
            let (done, role) = match outcome {
                UserOutcome::Created(r) => ("created", r),
                UserOutcome::Reset(r) => ("password reset", r),
            };
            println!(
                "staff user {username} {done} (role {}); log in at /admin/login",
                role.code()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(2, &e.to_string()),
    }
}

pub(super) fn purge(settings: &Settings, days: i64) -> ExitCode {
    let rt = match runtime() {
        Ok(r) => r,
        Err(c) => return c,
    };
    match rt.block_on(maintenance::purge(settings, days)) {
        Ok((inquiries, sessions)) => {
            println!(
                "purged {inquiries} inquiries older than {days} days (with their feedback and closed tickets)"
            );
            println!("purged {sessions} expired chat sessions");
            ExitCode::SUCCESS
        }
        Err(e) => fail(2, &e.to_string()),
    }
}

pub(super) fn remask(settings: &Settings, dry_run: bool) -> ExitCode {
    let rt = match runtime() {
        Ok(r) => r,
        Err(c) => return c,
    };
    match rt.block_on(maintenance::remask(settings, dry_run)) {
        Ok(r) => {
            let verb = if dry_run { "would change" } else { "changed" };
            for (what, c) in [
                ("inquiries", r.inquiries),
                ("ticket summaries", r.ticket_summaries),
                ("ticket outcomes", r.ticket_outcomes),
                ("feedback comments", r.feedback),
            ] {
                println!("{what}: {verb} {} of {}", c.changed, c.scanned);
            }
            println!("total: {verb} {}", r.changed());
            ExitCode::SUCCESS
        }
        Err(e) => fail(2, &e.to_string()),
    }
}

pub(super) fn backup(settings: &Settings, dest: &std::path::Path) -> ExitCode {
    let rt = match runtime() {
        Ok(r) => r,
        Err(c) => return c,
    };
    match rt.block_on(maintenance::backup_log(settings, dest)) {
        Ok(n) => {
            println!("backed up {n} inquiries to {}", dest.display());
            ExitCode::SUCCESS
        }
        Err(e) => fail(2, &e.to_string()),
    }
}

pub(super) fn restore(settings: &Settings, src: &std::path::Path) -> ExitCode {
    let rt = match runtime() {
        Ok(r) => r,
        Err(c) => return c,
    };
    match rt.block_on(maintenance::restore_log(settings, src)) {
        Ok((db, kept)) => {
            println!("restored {} from {}", db.display(), src.display());
            if let Some(k) = kept {
                println!("the database it replaced is kept as {}", k.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(2, &e.to_string()),
    }
}
