"""A Kazakh language class for spaCy (spaCy 3.8 ships none): `spacy.blank("kk")` after importing
pipeline.nlp. Tokenizer exceptions, stop words and number words; no trained components."""
from __future__ import annotations

import spacy
from spacy.lang.punctuation import TOKENIZER_INFIXES
from spacy.language import BaseDefaults, Language

from pipeline.nlp.lex_attrs import LEX_ATTRS
from pipeline.nlp.stop_words import STOP_WORDS
from pipeline.nlp.tokenizer_exceptions import TOKEN_MATCH, TOKENIZER_EXCEPTIONS

# "БББ-ға", "ОАМ-ның": the case ending after an abbreviation is its own token.
_INFIXES = TOKENIZER_INFIXES + [r"(?<=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ)])-(?=[а-яәғқңөұүһі])"]


class KazakhDefaults(BaseDefaults):
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    token_match = TOKEN_MATCH
    infixes = _INFIXES
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS
    writing_system = {"direction": "ltr", "has_case": True, "has_letters": True}


@spacy.registry.languages("kk")
class Kazakh(Language):
    lang = "kk"
    Defaults = KazakhDefaults


__all__ = ["Kazakh", "KazakhDefaults"]
