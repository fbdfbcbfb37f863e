//! One matching run from a checked problem to explained pairs, in slices.
//!
//! Three stages: score every pair, solve (exact optimum or stable), explain each mentee's
//! outcome. `MatchingRun::step(budget)` does about `budget` units of work and returns, so a
//! browser can yield to the page between slices and show progress; `finish` runs to the end.
//!
//! A unit is roughly one nanosecond of native work: a solver cell is 1, scoring a pair 16,
//! explaining a pair 4. Pinned pairs are kept as they are and counted in the totals.

use super::explain::{explain_pair, explain_unmatched, PairExplanation, PairSource, Unmatched};
use super::matrix::{Assignment, ScoreMatrix};
use super::optimal::OptimalSolver;
use super::problem::Problem;
use super::stable::solve_stable;

const SCORING_COST_PER_PAIR: u64 = 16;
const EXPLAINING_COST_PER_PAIR: u64 = 4;

/// How the mentees are assigned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// The most mentees matched, then the highest total score: exact.
    Optimal,
    /// Best mutual fit first: no blocking pair.
    Stable,
}

/// The outcome of a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matching {
    pub mode: Mode,
    /// One per matched mentee (pins included), in mentee id order.
    pub pairs: Vec<PairExplanation>,
    /// One per mentee left without a partner, in mentee id order.
    pub unmatched: Vec<Unmatched>,
    pub total_score: i64,
}

/// Where a run is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stage {
    Scoring,
    Solving,
    Explaining,
    Done,
}

/// How far a run has come: `done` of `total` in the current stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunProgress {
    pub stage: Stage,
    pub done: usize,
    pub total: usize,
}

impl RunProgress {
    pub fn is_done(&self) -> bool {
        self.stage == Stage::Done
    }
}

enum State {
    Scoring {
        scores: ScoreMatrix,
        next_row: usize,
    },
    Optimal(Box<OptimalSolver<ScoreMatrix>>),
    Stable(ScoreMatrix),
    Explaining {
        scores: ScoreMatrix,
        mentor_of: Vec<Option<usize>>,
        next_row: usize,
        matching: Matching,
    },
    Done(Matching),
    /// Only while moving between states.
    Moving,
}

/// A run in progress over `problem`.
pub struct MatchingRun<'p> {
    problem: &'p Problem,
    mode: Mode,
    state: State,
}

impl<'p> MatchingRun<'p> {
    pub fn new(problem: &'p Problem, mode: Mode) -> MatchingRun<'p> {
        MatchingRun {
            problem,
            mode,
            state: State::Scoring {
                scores: ScoreMatrix::new(problem.mentees.len(), problem.mentors.len()),
                next_row: 0,
            },
        }
    }

    /// Does about `budget` units of work (at least one row or placement), then returns.
    pub fn step(&mut self, budget: u64) -> RunProgress {
        let mut spent = 0u64;
        let mentees = self.problem.mentees.len();
        let cost_of_row = self.problem.mentors.len() as u64 + 1;
        loop {
            self.state = match std::mem::replace(&mut self.state, State::Moving) {
                State::Scoring {
                    mut scores,
                    mut next_row,
                } => {
                    while next_row < mentees && spent < budget {
                        self.problem.score_row(&mut scores, next_row);
                        next_row += 1;
                        spent += cost_of_row * SCORING_COST_PER_PAIR;
                    }
                    if next_row < mentees {
                        self.state = State::Scoring { scores, next_row };
                        return self.progress();
                    }
                    match self.mode {
                        Mode::Optimal => State::Optimal(Box::new(OptimalSolver::for_rows(
                            scores,
                            &self.problem.places_left,
                            self.problem.unpinned_mentees(),
                        ))),
                        Mode::Stable => State::Stable(scores),
                    }
                }
                State::Optimal(mut solver) => {
                    let before = solver.work_done();
                    let progress = solver.step(budget.saturating_sub(spent).max(1));
                    spent += solver.work_done() - before;
                    if !progress.is_done() {
                        self.state = State::Optimal(solver);
                        return self.progress();
                    }
                    let (scores, assignment) = solver.finish_with_scores();
                    self.explaining(scores, assignment)
                }
                State::Stable(scores) => {
                    let rows = self.problem.unpinned_mentees();
                    let assignment = solve_stable(&scores, &self.problem.places_left, &rows);
                    spent += (rows.len() as u64) * cost_of_row * 2;
                    self.explaining(scores, assignment)
                }
                State::Explaining {
                    scores,
                    mentor_of,
                    mut next_row,
                    mut matching,
                } => {
                    while next_row < mentees && spent < budget {
                        self.explain_row(&scores, &mentor_of, next_row, &mut matching);
                        next_row += 1;
                        spent += cost_of_row * EXPLAINING_COST_PER_PAIR;
                    }
                    if next_row < mentees {
                        self.state = State::Explaining {
                            scores,
                            mentor_of,
                            next_row,
                            matching,
                        };
                        return self.progress();
                    }
                    State::Done(matching)
                }
                done @ State::Done(_) => {
                    self.state = done;
                    return self.progress();
                }
                State::Moving => unreachable!("a run is never left between states"),
            };
            if spent >= budget {
                return self.progress();
            }
        }
    }

    fn explaining(&self, scores: ScoreMatrix, assignment: Assignment) -> State {
        let mut mentor_of = assignment.mentor_of;
        for (mentee, pinned) in self.problem.pinned.iter().enumerate() {
            if let Some(mentor) = pinned {
                mentor_of[mentee] = Some(*mentor);
            }
        }
        State::Explaining {
            scores,
            mentor_of,
            next_row: 0,
            matching: Matching {
                mode: self.mode,
                pairs: Vec::new(),
                unmatched: Vec::new(),
                total_score: 0,
            },
        }
    }

    fn explain_row(
        &self,
        scores: &ScoreMatrix,
        mentor_of: &[Option<usize>],
        mentee: usize,
        matching: &mut Matching,
    ) {
        let row = scores.row(mentee);
        match mentor_of[mentee] {
            Some(mentor) => {
                let source = if self.problem.pinned[mentee].is_some() {
                    PairSource::Pinned
                } else {
                    PairSource::Assigned
                };
                let pair = explain_pair(self.problem, row, mentee, mentor, source);
                matching.total_score += pair.score;
                matching.pairs.push(pair);
            }
            None => matching
                .unmatched
                .push(explain_unmatched(self.problem, row, mentee)),
        }
    }

    pub fn progress(&self) -> RunProgress {
        let mentees = self.problem.mentees.len();
        let (stage, done, total) = match &self.state {
            State::Scoring { next_row, .. } => (Stage::Scoring, *next_row, mentees),
            State::Optimal(solver) => {
                let p = solver.progress();
                (Stage::Solving, p.placed, p.total)
            }
            State::Stable(_) => (Stage::Solving, 0, 1),
            State::Explaining { next_row, .. } => (Stage::Explaining, *next_row, mentees),
            State::Done(_) | State::Moving => (Stage::Done, mentees, mentees),
        };
        RunProgress { stage, done, total }
    }

    /// Runs to the end and returns the outcome.
    pub fn finish(mut self) -> Matching {
        while !self.step(u64::MAX).is_done() {}
        match self.state {
            State::Done(matching) => matching,
            _ => unreachable!("step ran to the end"),
        }
    }
}

/// Matches the whole problem in one call.
pub fn match_cohort(problem: &Problem, mode: Mode) -> Matching {
    MatchingRun::new(problem, mode).finish()
}
