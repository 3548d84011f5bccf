"""The scenario a person enters: their current role, the options, criteria and weights (scenario),
the typed fields with their bounds (fields), the interview process records (pipeline), and the
example scenarios."""
