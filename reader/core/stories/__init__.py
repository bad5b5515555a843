"""Grouping articles into stories, online and incrementally (see index.py for how)."""

from reader.core.stories.candidates import CandidateSource, InvertedIndex
from reader.core.stories.features import ArticleVector, Weights, vectorize
from reader.core.stories.index import Settings, StoryIndex, group

__all__ = [
    "ArticleVector",
    "CandidateSource",
    "InvertedIndex",
    "Settings",
    "StoryIndex",
    "Weights",
    "group",
    "vectorize",
]
