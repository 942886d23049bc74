"""How alike two measure texts are, for alignment: a score in 0..1 that survives rewording, reordering,
OCR variants and Kazakh/Russian word endings.

The score blends two views of the stemmed texts:
- a weighted Dice overlap of stem sets (reordering-proof), with stems weighted by their rarity among the
  two plans' measures so that "мониторинг жүргізу" shared by every measure counts little, and with
  OCR-variant words ("таллау"/"талдау", "учашихся"/"учащихся") merged before stemming;
- rapidfuzz's token-sort ratio of the stem strings (robust to typos inside words).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from pipeline.diff.normalize import norm_tokens
from pipeline.diff.stem import is_kazakh, stem, stem_tokens

DICE_WEIGHT = 0.65
CHAR_WEIGHT = 1.0 - DICE_WEIGHT
OCR_VARIANT_CUTOFF = 84.0  # rapidfuzz ratio for two words to count as OCR/typo variants of one word
OCR_VARIANT_MIN_LEN = 5
STOPWORD_WEIGHT = 0.15

# Function words and plan boilerplate that say nothing about which measure it is.
_STOPWORD_TEXT = """және мен бен пен үшін бойынша оның ішінде арқылы жөнінде жөніндегі туралы сондай ақ да де
та те немесе ету беру жүргізу өткізу қамтамасыз
и в во на по с со для о об за к ко от до из не или а также том числе при через как проведение обеспечение"""
_STOPWORDS = frozenset(stem(w, kazakh) for w in _STOPWORD_TEXT.split() for kazakh in (True, False))


@dataclass(frozen=True)
class TextFeatures:
    tokens: tuple[str, ...]  # normalised words, in order
    kazakh: bool


@lru_cache(maxsize=65536)
def text_features(text: str) -> TextFeatures:
    return TextFeatures(tokens=tuple(norm_tokens(text)), kazakh=is_kazakh(text))


@lru_cache(maxsize=65536)
def _cached_stems(tokens: tuple[str, ...], kazakh: bool) -> tuple[str, ...]:
    return tuple(stem_tokens(list(tokens), kazakh=kazakh))


def _stems(feats: TextFeatures, variants: dict[str, str]) -> tuple[str, ...]:
    tokens = feats.tokens
    if variants and any(t in variants for t in tokens):
        tokens = tuple(variants.get(t, t) for t in tokens)
    return _cached_stems(tokens, feats.kazakh)


def _merge_ocr_variants(parent_vocab: set[str], derived_vocab: set[str]) -> dict[str, str]:
    """Map each long derived-only word to a parent-only word it is a near-spelling of ("учашихся" ->
    "учащихся"). Words, not stems: the endings make the spelling evidence long enough to trust."""
    parent_only = [w for w in parent_vocab - derived_vocab if len(w) >= OCR_VARIANT_MIN_LEN and w.isalpha()]
    if not parent_only:
        return {}
    mapping = {}
    for word in derived_vocab - parent_vocab:
        if len(word) < OCR_VARIANT_MIN_LEN or not word.isalpha():
            continue
        hit = process.extractOne(word, parent_only, scorer=fuzz.ratio, score_cutoff=OCR_VARIANT_CUTOFF)
        if hit is not None:
            mapping[word] = hit[0]
    return mapping


class SimilarityModel:
    """Similarities between every parent and every derived measure of one plan pair."""

    def __init__(self, parent_texts: list[str], derived_texts: list[str]):
        parent_feats = [text_features(t) for t in parent_texts]
        derived_feats = [text_features(t) for t in derived_texts]
        variants = _merge_ocr_variants({w for f in parent_feats for w in f.tokens},
                                       {w for f in derived_feats for w in f.tokens})
        parent_stems = [_stems(f, {}) for f in parent_feats]
        derived_stems = [_stems(f, variants) for f in derived_feats]
        vocab = {s: i for i, s in enumerate(sorted({s for stems in parent_stems + derived_stems for s in stems}))}
        self.parent_stem_texts = [" ".join(stems) for stems in parent_stems]
        self.derived_stem_texts = [" ".join(stems) for stems in derived_stems]
        self.P = _incidence(parent_stems, vocab)
        self.D = _incidence(derived_stems, vocab)
        self.weights = _weights(self.P, self.D, vocab)
        self.sim = self._similarity()

    def _similarity(self) -> np.ndarray:
        n_p, n_d = self.P.shape[0], self.D.shape[0]
        if n_p == 0 or n_d == 0:
            return np.zeros((n_p, n_d))
        weighted_p = self.P * self.weights
        self.common = weighted_p @ self.D.T
        self.mass_p = weighted_p.sum(axis=1)
        self.mass_d = (self.D * self.weights).sum(axis=1)
        denom = self.mass_p[:, None] + self.mass_d[None, :]
        dice = np.divide(2 * self.common, denom, out=np.zeros_like(self.common), where=denom > 0)
        char = process.cdist(self.parent_stem_texts, self.derived_stem_texts, scorer=fuzz.token_sort_ratio,
                             dtype=np.float32) / 100.0
        return np.clip(DICE_WEIGHT * dice + CHAR_WEIGHT * char, 0.0, 1.0)

    def parent_contained(self, i: int, j: int) -> float:
        """Share of parent measure i's (weighted) content found in derived measure j."""
        return float(self.common[i, j] / self.mass_p[i]) if self.mass_p[i] > 0 else 0.0

    def derived_contained(self, i: int, j: int) -> float:
        """Share of derived measure j's (weighted) content found in parent measure i."""
        return float(self.common[i, j] / self.mass_d[j]) if self.mass_d[j] > 0 else 0.0

    def group_similarity(self, parents: list[int], derived: list[int]) -> float:
        """Similarity of the concatenation of some parent measures to that of some derived measures."""
        p_row = self.P[parents].max(axis=0)
        d_row = self.D[derived].max(axis=0)
        mass = float((p_row * self.weights).sum() + (d_row * self.weights).sum())
        dice = 2 * float((p_row * d_row * self.weights).sum()) / mass if mass > 0 else 0.0
        p_text = " ".join(self.parent_stem_texts[i] for i in parents)
        d_text = " ".join(self.derived_stem_texts[j] for j in derived)
        char = fuzz.token_sort_ratio(p_text, d_text) / 100.0
        return min(1.0, DICE_WEIGHT * dice + CHAR_WEIGHT * char)


def _incidence(stem_lists: list[tuple[str, ...]], vocab: dict[str, int]) -> np.ndarray:
    matrix = np.zeros((len(stem_lists), len(vocab)), dtype=np.float64)
    for row, stems in enumerate(stem_lists):
        matrix[row, [vocab[s] for s in stems]] = 1.0
    return matrix


def _weights(P: np.ndarray, D: np.ndarray, vocab: dict[str, int]) -> np.ndarray:
    """Inverse document frequency over both plans' measures; stop words nearly weightless."""
    n_docs = P.shape[0] + D.shape[0]
    df = P.sum(axis=0) + D.sum(axis=0)
    weights = np.log1p(n_docs / np.maximum(df, 1.0))
    for stem, col in vocab.items():
        if stem in _STOPWORDS:
            weights[col] *= STOPWORD_WEIGHT
    return weights


def pair_similarity(a: str, b: str) -> float:
    """Similarity of two lone texts (no plan context: every stem weighs the same)."""
    return float(SimilarityModel([a], [b]).sim[0, 0])
