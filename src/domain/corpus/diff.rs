//! A line diff between two versions of an entry, for the history page: the longest common
//! subsequence of lines, after the common head and tail are set aside (an edit touches a few
//! lines of a file, so the table stays small).

/// One line of a diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffLine {
    Same(String),
    Removed(String),
    Added(String),
}

impl DiffLine {
    pub fn is_change(&self) -> bool {
        !matches!(self, DiffLine::Same(_))
    }
}

/// Cells of the comparison table above which the middle is shown as removed, then added.
const MAX_CELLS: usize = 4_000_000;

/// The lines of `old` and `new`, each marked same, removed or added.
pub fn line_diff(old: &str, new: &str) -> Vec<DiffLine> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let mut out: Vec<DiffLine> = a[..head]
        .iter()
        .map(|l| DiffLine::Same(l.to_string()))
        .collect();
    if ma.len() * mb.len() > MAX_CELLS {
        out.extend(ma.iter().map(|l| DiffLine::Removed(l.to_string())));
        out.extend(mb.iter().map(|l| DiffLine::Added(l.to_string())));
    } else {
        out.extend(middle(ma, mb));
    }
    out.extend(
        a[a.len() - tail..]
            .iter()
            .map(|l| DiffLine::Same(l.to_string())),
    );
    out
}

fn middle(a: &[&str], b: &[&str]) -> Vec<DiffLine> {
    // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
    let width = b.len() + 1;
    let mut lcs = vec![0u32; (a.len() + 1) * width];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i * width + j] = if a[i] == b[j] {
                lcs[(i + 1) * width + j + 1] + 1
            } else {
                lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(a.len() + b.len());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push(DiffLine::Same(a[i].to_string()));
            i += 1;
            j += 1;
        } else if i < a.len()
            && (j == b.len() || lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])
        {
            // On a tie the old line goes first: a changed line reads removed, then added.
            out.push(DiffLine::Removed(a[i].to_string()));
            i += 1;
        } else {
            out.push(DiffLine::Added(b[j].to_string()));
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_line_is_removed_then_added_between_the_same_lines() {
        let old = "id = \"a\"\nmax_amount = 1000000\nrate = \"2/3\"\n";
        let new = "id = \"a\"\nmax_amount = 1500000\nrate = \"2/3\"\nnotes = \"x\"\n";
        assert_eq!(
            line_diff(old, new),
            vec![
                DiffLine::Same("id = \"a\"".into()),
                DiffLine::Removed("max_amount = 1000000".into()),
                DiffLine::Added("max_amount = 1500000".into()),
                DiffLine::Same("rate = \"2/3\"".into()),
                DiffLine::Added("notes = \"x\"".into()),
            ]
        );
    }

    #[test]
    fn equal_texts_have_no_change_and_an_empty_side_is_all_added() {
        assert!(line_diff("a\nb\n", "a\nb\n").iter().all(|l| !l.is_change()));
        assert_eq!(
            line_diff("", "x\ny"),
            vec![DiffLine::Added("x".into()), DiffLine::Added("y".into())]
        );
    }
}
