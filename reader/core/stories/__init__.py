"""Grouping articles into stories, online and incrementally (see index.py for how)."""

from reader.core.stories.candidates import CandidateSource, InvertedIndex
from reader.core.stories.index import Settings, StoryIndex, group
from reader.core.stories.stored import Cancelled, StoredStories
from reader.core.story_vector import ArticleVector, Weights, vectorize

__all__ = [
    "ArticleVector",
    "Cancelled",
    "CandidateSource",
    "InvertedIndex",
    "Settings",
    "StoredStories",
    "StoryIndex",
    "Weights",
    "group",
    "vectorize",
]
