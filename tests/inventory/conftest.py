from tests.gaps.fixtures import assessment, foreign_assessment, sample_version  # noqa: F401
