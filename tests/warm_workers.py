"""Preloaded by the multiprocessing fork server of a test process (see conftest): the worker
processes of every pool a test starts are forked with the name lists and word lists already
loaded, instead of each loading them again (about a second a pool on a busy machine).

The reader's own pools (the command line's, the TUI's) load them in each worker as before;
what the workers compute is the same either way."""

from reader.core.analysis import warm_up

warm_up()
