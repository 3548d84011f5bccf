"""The job search itself: each process's stage and dates (tracking), whether to keep interviewing
(rules, looking), questions to ask, message drafts, and the decision in words (summary)."""
