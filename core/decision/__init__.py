"""The decision: the labelled decision matrix (matrix), weighted scores (scoring), weights as
fractions and percentages (weights), how sure the answer is (robustness, uncertainty), and what it
would take to change it (what_it_takes)."""
