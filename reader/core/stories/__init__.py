"""Grouping articles into stories, online and incrementally (see index.py for how)."""

from reader.core.stories.candidates import CandidateSource, InvertedIndex
from reader.core.stories.index import Settings, StoryIndex, group
from reader.core.stories.stored import StoredStories
from reader.core.story_vector import ArticleVector, Weights, vectorize

__all__ = [
    "ArticleVector",
    "CandidateSource",
    "InvertedIndex",
    "Settings",
    "StoredStories",
    "StoryIndex",
    "Weights",
    "group",
    "vectorize",
]
