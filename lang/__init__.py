"""Language knowledge of Kazakh and Russian letters, in one place: alphabets and look-alike letters, months and
seasons, number words, year reading, script and language detection, header words, measure numbering.

The lowest layer above `schemas`: readers (extractors) and interpretation (pipeline) both use it, and it
imports neither."""
