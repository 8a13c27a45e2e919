"""Actions: one piece of work linked to every obligation it serves, across frameworks and assessments."""
