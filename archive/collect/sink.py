"""Where collected articles go: the pipeline's public steps (normalize, skip what the store
has, annotate, store in one transaction with the `Ingester`, which queues them for the
index), one batch at a time however many feeds are polled at once, since the model
annotates one batch at a time. The Ingester's indexing (index.feeder) hears of each stored
batch: the server's index thread, or a command's IndexFeeder."""
from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

from archive.pipeline import FileReport, IngestOptions, Ingester, annotate_prepared, mark_duplicates, prepare_item
from archive.readers import ReadItem


class Sink:
    def __init__(self, ingester: Ingester, model_turn: Callable[[], contextlib.AbstractContextManager] | None = None):
        """`model_turn()`: held while annotating (the server's turns at the model)."""
        self.ingester = ingester
        self._model_turn = model_turn or contextlib.nullcontext
        self._lock = threading.Lock()
        self.stored = 0

    def store(self, items: list[ReadItem], options: IngestOptions) -> list[FileReport]:
        prepared = [prepare_item(item, position, options) for position, item in enumerate(items)]
        with self._lock:
            mark_duplicates(prepared, self.ingester.store.path)
            with self._model_turn():
                annotate_prepared(prepared)
            reports = self.ingester.store_batch(prepared).reports
            self.stored += sum(1 for r in reports if r.status in ("added", "updated"))
        return reports

