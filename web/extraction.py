"""Turns at the NLP model, which annotates one batch at a time.

Uploads answered in the request come first: at most `REQUEST_SLOTS` request threads
extract at once, and while one of them is extracting no background job starts a new
unit of work. A request never waits longer than it was told to (a second or two in
all): when it cannot get its turn by then, `ModelBusy` says so and the upload becomes a
background job instead. Jobs take the model one small unit at a time (a file, or a few
ZIP entries) and give it back in between, so a request waits at most for the unit in
progress. Searches never come here.
"""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager

REQUEST_SLOTS = 2
REQUEST_WAIT_SECONDS = 1.5


class ModelBusy(Exception):
    """No turn at the model within the time a request may wait."""


class RequestTurn:
    """A request's place among those extracting; `model()` is its turn at the model."""

    def __init__(self, turns: "ModelTurns", wait_left: float | None):
        self._turns = turns
        self._wait_left = wait_left

    @contextmanager
    def model(self):
        started = time.monotonic()
        self._turns._take_model(self._wait_left, for_request=True)
        if self._wait_left is not None:
            self._wait_left -= time.monotonic() - started
        try:
            yield
        finally:
            self._turns._give_model_back()


class ModelTurns:
    def __init__(self, request_slots: int = REQUEST_SLOTS):
        self._state = threading.Condition()
        self._request_slots = request_slots
        self._requests = 0  # request threads extracting (reading, or waiting for or using the model)
        self._model_in_use = False

    @contextmanager
    def request(self, wait: float | None = REQUEST_WAIT_SECONDS):
        """A request's share of extraction. Raises ModelBusy when no slot frees up within
        `wait` seconds (None: wait as long as it takes); what is left of `wait` bounds
        the wait for the model too."""
        started = time.monotonic()
        with self._state:
            if not self._state.wait_for(lambda: self._requests < self._request_slots, wait):
                raise ModelBusy("other uploads are being read")
            self._requests += 1
        try:
            yield RequestTurn(self, None if wait is None else max(0.0, wait - (time.monotonic() - started)))
        finally:
            with self._state:
                self._requests -= 1
                self._state.notify_all()

    @contextmanager
    def job_unit(self):
        """The model for one unit of a background job, once no request is extracting."""
        self._take_model(None, for_request=False)
        try:
            yield
        finally:
            self._give_model_back()

    def _take_model(self, wait: float | None, for_request: bool) -> None:
        def free() -> bool:
            return not self._model_in_use and (for_request or self._requests == 0)

        with self._state:
            if not self._state.wait_for(free, wait):
                raise ModelBusy("the model is busy with a background job")
            self._model_in_use = True

    def _give_model_back(self) -> None:
        with self._state:
            self._model_in_use = False
            self._state.notify_all()
