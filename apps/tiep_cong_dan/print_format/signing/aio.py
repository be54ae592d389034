"""pyHanko's signing and validation are coroutines; the app calls them from plain
code. asyncio.run() refuses to start when the thread already runs an event loop (an
async server's thread, or a caller driving a browser through Playwright's sync API),
so the coroutine then runs on a short-lived thread of its own."""

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T]) -> T:
    """The result of `coro`, from synchronous code whatever loop this thread runs."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()
