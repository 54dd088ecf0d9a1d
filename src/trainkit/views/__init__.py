"""Computed once from the validated curriculum, read by every output: plans, durations, labels, quizzes."""
