"""The decision: the labelled decision matrix (matrix), weighted scores (scoring), weights as
fractions and percentages (weights); how sure the answer is: exact weight sensitivity
(sensitivity), Monte Carlo (smaa), pairwise weights (ahp), what they share (methods) and the
scenario's uncertainty set up for them (uncertainty); and what it would take to change the answer
(what_it_takes)."""
