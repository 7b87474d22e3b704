//! The force's grades set against a reviewer's: the cross-table, agreement,
//! kappa and drift, overall and by case type.

use serde::Serialize;

use super::{share, GradeCounts, Overrides};
use crate::domain::assessment::Case;
use crate::domain::framework::Framework;
use crate::domain::grade::CaseGrade;
use crate::domain::text::same_name;

/// The force's grades set against a reviewer's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    /// Cases graded by both.
    pub n: u32,
    /// The force's grades of the cases graded by both (Figure 1, first row).
    pub force: GradeCounts,
    /// The reviewer's grades of the same cases (Figure 1, second row).
    pub reviewer: GradeCounts,
    /// Cases only the reviewer graded (Figure 2).
    pub reviewer_only: GradeCounts,
    /// Cases only the force graded.
    pub force_only: GradeCounts,
    /// `cross[force][reviewer]`, in the order good, requires improvement,
    /// inadequate.
    pub cross: [[u32; 3]; 3],
    /// The share of cases graded the same.
    pub exact_agreement: Option<f64>,
    /// Cohen's kappa with linear weights (1, 0.5, 0 by distance).
    pub weighted_kappa: Option<f64>,
    /// Mean of (reviewer's rank - force's rank): above 0, the force is
    /// kinder than the reviewer.
    pub drift: Option<f64>,
    /// Every case the two graded differently: two grades apart first, then
    /// one apart, each in case order.
    pub disagreements: Vec<Disagreement>,
    /// The same comparison for each case type with a case graded by both,
    /// in framework order: the reports find drift differs by type.
    pub by_case_type: Vec<TypeCalibration>,
    /// Each auditor's cases against the reviewer's grades, kindest first:
    /// whose audits need a second look.
    pub by_auditor: Vec<AuditorCalibration>,
    /// The cases the force graded, or graded again differently, after the
    /// reviewer's grade was in the assessment, in case order. Everything
    /// above sets the reviewer's grade against the force's from before
    /// (`Case::force_blind`); a case the force graded only after is in none
    /// of it.
    pub after_review: Vec<AfterReviewCase>,
}

/// A case whose force grade was given or changed after the reviewer's
/// grade was in the assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AfterReviewCase {
    pub case: String,
    pub label: String,
    /// The force's grade before; none if it had not graded the case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<CaseGrade>,
    pub now: CaseGrade,
    pub reviewer: CaseGrade,
}

impl AfterReviewCase {
    /// "24/0100/DA: good before the reviewer's grade came in, requires
    /// improvement now; the reviewer's: requires improvement."
    pub fn describe(&self) -> String {
        format!(
            "{}: {} before the reviewer's grade came in, {} now; the reviewer's: {}.",
            self.label,
            self.before
                .map_or("not graded", |g| g.label())
                .to_ascii_lowercase(),
            self.now.label().to_ascii_lowercase(),
            self.reviewer.label().to_ascii_lowercase()
        )
    }
}

impl Calibration {
    /// Said where calibration by auditor would be, when no case names who
    /// audited it: one row of unnamed cases says nothing of whose audits
    /// need a second look.
    pub fn no_auditor_named(&self) -> Option<&'static str> {
        (!self.by_auditor.is_empty() && self.by_auditor.iter().all(|x| x.auditor.is_empty()))
            .then_some("No case names its auditor, so the grades cannot be set against who audited them. A case's details record its auditor.")
    }

    /// What the figures leave out, where the force graded cases after the
    /// reviewer's grades came in: said wherever the figures are shown.
    pub fn after_review_words(&self) -> Option<String> {
        let n = self.after_review.len();
        if n == 0 {
            return None;
        }
        let moved = self
            .after_review
            .iter()
            .filter(|x| x.now == x.reviewer)
            .count();
        let (cases, were) = if n == 1 {
            ("case", "was")
        } else {
            ("cases", "were")
        };
        Some(format!(
            "{n} {cases} {were} graded by the force, or graded again differently, after the reviewer's grade was in the assessment, {moved} of them to the reviewer's grade. The figures here set the reviewer's grades against the force's from before; a case the force had not graded before is not in them."
        ))
    }
}

/// How one auditor's grades compare with the reviewer's, how they treated
/// the suggestion, and how often their key answers stand unevidenced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditorCalibration {
    /// As the cases record it; empty where a case records no auditor.
    pub auditor: String,
    /// Cases this auditor audited.
    pub cases: u32,
    /// Of those, graded by both the force and the reviewer.
    pub n: u32,
    pub same: u32,
    /// Graded better by the force than by the reviewer.
    pub kinder: u32,
    pub harsher: u32,
    pub exact_agreement: Option<f64>,
    /// Mean of (reviewer's rank - force's rank): above 0, kinder than the
    /// reviewer.
    pub drift: Option<f64>,
    /// How the force's grade of this auditor's cases relates to the
    /// suggestion.
    pub overrides: Overrides,
    /// Answers of met to criteria key for the case.
    pub key_met: u32,
    /// Of those, with no note saying what in the file shows it.
    pub key_met_without_evidence: u32,
    pub share_key_met_without_evidence: Option<f64>,
}

/// What one case adds to its auditor's row.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct AuditorEvidence {
    pub key_met: u32,
    pub key_met_without_evidence: u32,
}

/// A case the force and the reviewer graded differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disagreement {
    pub case: String,
    /// The case's reference, or its label before it has one.
    pub label: String,
    pub case_type: String,
    pub force: CaseGrade,
    pub reviewer: CaseGrade,
    /// 1 or 2 grades.
    pub apart: usize,
    /// Why the force graded as it did, where it overrode the suggestion.
    pub force_reason: String,
    /// The reviewer's reasons, as they gave them.
    pub reviewer_reasons: String,
}

impl Disagreement {
    /// The force graded the case better than the reviewer did.
    pub fn force_kinder(&self) -> bool {
        self.force.rank() < self.reviewer.rank()
    }
}

/// How one case type's force grades compare with the reviewer's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeCalibration {
    pub case_type: String,
    pub name: String,
    /// Cases of this type graded by both.
    pub n: u32,
    pub same: u32,
    /// Cases the force graded better than the reviewer.
    pub kinder: u32,
    /// Cases the force graded worse than the reviewer.
    pub harsher: u32,
    /// Mean of (reviewer's rank - force's rank): above 0, the force is kinder.
    pub drift: f64,
}

#[derive(Default)]
pub(super) struct CalibrationTally {
    /// By auditor, in the order first seen.
    auditors: Vec<AuditorCalibration>,
    cross: [[u32; 3]; 3],
    reviewer_only: GradeCounts,
    force_only: GradeCounts,
    disagreements: Vec<Disagreement>,
    after_review: Vec<AfterReviewCase>,
    /// A cross-table per case type, by framework position.
    by_type: Vec<[[u32; 3]; 3]>,
}

impl CalibrationTally {
    /// An empty tally for a framework's case types.
    pub(super) fn new(fw: &Framework) -> CalibrationTally {
        CalibrationTally {
            by_type: vec![[[0; 3]; 3]; fw.case_types.len()],
            ..Default::default()
        }
    }

    pub(super) fn add(&mut self, case: &Case, type_pos: Option<usize>, evidence: AuditorEvidence) {
        // A case counts for its auditor once audited (an answer or a
        // grade): one allocated and not begun is nobody's work yet.
        if case.is_audited() {
            self.add_to_auditor(case, evidence);
        }
        self.add_grades(case, type_pos);
    }

    fn add_to_auditor(&mut self, case: &Case, evidence: AuditorEvidence) {
        // One row per person, however the name was typed on each case; the
        // row shows the spelling first seen.
        let name = case.auditor.trim();
        let same = |a: &AuditorCalibration| same_name(&a.auditor, name);
        if !self.auditors.iter().any(same) {
            self.auditors.push(AuditorCalibration {
                auditor: name.to_owned(),
                cases: 0,
                n: 0,
                same: 0,
                kinder: 0,
                harsher: 0,
                exact_agreement: None,
                drift: None,
                overrides: Overrides::default(),
                key_met: 0,
                key_met_without_evidence: 0,
                share_key_met_without_evidence: None,
            });
        }
        // There now, as found or as just added.
        let Some(row) = self.auditors.iter_mut().find(|a| same(a)) else {
            return;
        };
        row.cases += 1;
        row.key_met += evidence.key_met;
        row.key_met_without_evidence += evidence.key_met_without_evidence;
        if let Some(d) = &case.force_grade {
            row.overrides.add(d);
        }
        if let (Some(f), Some(r)) = (case.force_blind(), case.reviewer()) {
            row.n += 1;
            match f.rank().cmp(&r.rank()) {
                std::cmp::Ordering::Equal => row.same += 1,
                std::cmp::Ordering::Less => row.kinder += 1,
                std::cmp::Ordering::Greater => row.harsher += 1,
            }
            // The drift's sum, divided by n when the tally finishes.
            *row.drift.get_or_insert(0.0) += r.rank() as f64 - f.rank() as f64;
        }
    }

    fn add_grades(&mut self, case: &Case, type_pos: Option<usize>) {
        if let (Some(d), Some(r)) = (&case.force_grade, case.reviewer()) {
            if d.after_review && d.before_review != Some(d.grade) {
                self.after_review.push(AfterReviewCase {
                    case: case.id.clone(),
                    label: case.label(),
                    before: d.before_review,
                    now: d.grade,
                    reviewer: r,
                });
            }
        }
        match (case.force_blind(), case.reviewer()) {
            (Some(f), Some(r)) => {
                bump(&mut self.cross, f.rank(), r.rank());
                if let Some(table) = type_pos.and_then(|t| self.by_type.get_mut(t)) {
                    bump(table, f.rank(), r.rank());
                }
                if f != r {
                    self.disagreements.push(Disagreement {
                        case: case.id.clone(),
                        label: case.label(),
                        case_type: case.case_type.clone(),
                        force: f,
                        reviewer: r,
                        apart: f.rank().abs_diff(r.rank()),
                        // The reason given is for the grade now: said only
                        // where that is the grade compared.
                        force_reason: case
                            .force_grade
                            .as_ref()
                            .filter(|d| d.grade == f)
                            .map(|d| d.reason.clone())
                            .unwrap_or_default(),
                        reviewer_reasons: case
                            .reviewer_grade
                            .as_ref()
                            .map(|g| g.note.clone())
                            .unwrap_or_default(),
                    });
                }
            }
            (_, None) => {
                if let Some(f) = case.force() {
                    self.force_only.add(f);
                }
            }
            // Graded by the force only after the reviewer's came in: in
            // `after_review`, not among the cases only the reviewer graded.
            (None, Some(r)) => {
                if case.force_grade.is_none() {
                    self.reviewer_only.add(r);
                }
            }
        }
    }

    pub(super) fn finish(mut self, fw: &Framework) -> Calibration {
        let cross = self.cross;
        // Stable: case order within each distance.
        crate::domain::order::sort_by_key(&mut self.disagreements, |d| std::cmp::Reverse(d.apart));
        let by_case_type = fw
            .case_types
            .iter()
            .zip(&self.by_type)
            .filter_map(|(t, cross)| {
                let mut c = TypeCalibration {
                    case_type: t.id.clone(),
                    name: t.name.clone(),
                    n: 0,
                    same: 0,
                    kinder: 0,
                    harsher: 0,
                    drift: 0.0,
                };
                let mut sum = 0i64;
                for (i, row) in cross.iter().enumerate() {
                    for (j, &count) in row.iter().enumerate() {
                        c.n += count;
                        match i.cmp(&j) {
                            std::cmp::Ordering::Equal => c.same += count,
                            std::cmp::Ordering::Less => c.kinder += count,
                            std::cmp::Ordering::Greater => c.harsher += count,
                        }
                        sum += (j as i64 - i as i64) * i64::from(count);
                    }
                }
                (c.n > 0).then(|| TypeCalibration {
                    drift: sum as f64 / f64::from(c.n),
                    ..c
                })
            })
            .collect();
        let mut force = GradeCounts::default();
        let mut reviewer = GradeCounts::default();
        let mut n = 0u32;
        let mut same = 0u32;
        let mut drift_sum = 0i64;
        for (i, row) in cross.iter().enumerate() {
            for (j, &count) in row.iter().enumerate() {
                n += count;
                if let (Some(&f), Some(&r)) = (CaseGrade::ALL.get(i), CaseGrade::ALL.get(j)) {
                    for _ in 0..count {
                        force.add(f);
                        reviewer.add(r);
                    }
                }
                if i == j {
                    same += count;
                }
                drift_sum += (j as i64 - i as i64) * i64::from(count);
            }
        }
        let mut by_auditor = self.auditors;
        for a in &mut by_auditor {
            a.exact_agreement = share(a.same, a.n);
            a.drift = a.drift.map(|sum| sum / f64::from(a.n));
            a.share_key_met_without_evidence = share(a.key_met_without_evidence, a.key_met);
        }
        // Kindest first; those with nothing to compare last, by name.
        crate::domain::order::sort_by(&mut by_auditor, |a, b| {
            b.drift
                .unwrap_or(f64::NEG_INFINITY)
                .partial_cmp(&a.drift.unwrap_or(f64::NEG_INFINITY))
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| a.auditor.cmp(&b.auditor))
        });
        Calibration {
            by_auditor,
            n,
            force,
            reviewer,
            reviewer_only: self.reviewer_only,
            force_only: self.force_only,
            cross,
            exact_agreement: share(same, n),
            weighted_kappa: linear_weighted_kappa(&cross),
            drift: (n > 0).then(|| drift_sum as f64 / f64::from(n)),
            disagreements: self.disagreements,
            by_case_type,
            after_review: self.after_review,
        }
    }
}

/// Cohen's kappa for two raters on an ordered three-point scale, with linear
/// weights `1 - |i - j| / 2`. `None` when no case was graded by both, or
/// when agreement by chance is already total (every case in one grade by both).
pub fn linear_weighted_kappa(cross: &[[u32; 3]; 3]) -> Option<f64> {
    let k = cross.len();
    let n: f64 = cross.iter().flatten().map(|&c| f64::from(c)).sum();
    if n == 0.0 {
        return None;
    }
    let weight = |i: usize, j: usize| 1.0 - (i.abs_diff(j) as f64) / ((k - 1) as f64);
    let rows: Vec<f64> = cross
        .iter()
        .map(|r| r.iter().map(|&c| f64::from(c)).sum())
        .collect();
    let cols: Vec<f64> = (0..k)
        .map(|j| {
            cross
                .iter()
                .filter_map(|r| r.get(j))
                .map(|&c| f64::from(c))
                .sum()
        })
        .collect();
    let mut observed = 0.0;
    let mut expected = 0.0;
    for (i, (row, row_total)) in cross.iter().zip(&rows).enumerate() {
        for (j, (&count, col_total)) in row.iter().zip(&cols).enumerate() {
            observed += weight(i, j) * f64::from(count) / n;
            expected += weight(i, j) * row_total * col_total / (n * n);
        }
    }
    if (1.0 - expected).abs() < 1e-12 {
        return None;
    }
    Some((observed - expected) / (1.0 - expected))
}

/// The cases on a cross-table's diagonal: graded the same by both.
pub fn same_grade(cross: &[[u32; 3]; 3]) -> u32 {
    cross.iter().enumerate().filter_map(|(i, r)| r.get(i)).sum()
}

/// One row of a cross-table: the cases the force graded at `rank`, by the
/// reviewer's grade.
pub fn cross_row(cross: &[[u32; 3]; 3], rank: usize) -> [u32; 3] {
    cross.get(rank).copied().unwrap_or_default()
}

/// Adds one to a cross-table's cell (force's grade by row, reviewer's by
/// column); a rank outside the table adds nothing.
fn bump(table: &mut [[u32; 3]; 3], row: usize, col: usize) {
    if let Some(n) = table.get_mut(row).and_then(|r| r.get_mut(col)) {
        *n += 1;
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;

    #[test]
    fn kappa_is_one_for_perfect_agreement_and_zero_for_independence() {
        let perfect = [[5, 0, 0], [0, 3, 0], [0, 0, 2]];
        assert!((linear_weighted_kappa(&perfect).unwrap() - 1.0).abs() < 1e-12);
        // Rows and columns independent: every cell is row share x column share.
        let independent = [[4, 4, 2], [4, 4, 2], [2, 2, 1]];
        assert!(linear_weighted_kappa(&independent).unwrap().abs() < 1e-12);
    }

    #[test]
    fn kappa_matches_a_hand_computed_table() {
        // n = 10; rows (force) 6, 3, 1; columns (reviewer) 3, 4, 3.
        // weights: 1 on the diagonal, 0.5 one apart, 0 two apart.
        // observed = (2 + 1 + 1)/10 + 0.5 * (3 + 1 + 1 + 0)/10 = 0.65
        // expected = (30 + 21 + 5)/100 = 0.56, where row i contributes
        //   sum_j w_ij r_i c_j: 6*(3 + 0.5*4) = 30, 3*(0.5*3 + 4 + 0.5*3) = 21,
        //   1*(0.5*4 + 3) = 5
        // kappa = (0.65 - 0.56) / (1 - 0.56) = 0.2045...
        let cross = [[2, 3, 1], [1, 1, 1], [0, 0, 1]];
        let kappa = linear_weighted_kappa(&cross).unwrap();
        assert!((kappa - 0.09 / 0.44).abs() < 1e-9, "{kappa}");
    }

    #[test]
    fn kappa_is_undefined_with_no_cases_or_a_single_shared_grade() {
        assert_eq!(linear_weighted_kappa(&[[0; 3]; 3]), None);
        assert_eq!(
            linear_weighted_kappa(&[[4, 0, 0], [0, 0, 0], [0, 0, 0]]),
            None
        );
    }
}
