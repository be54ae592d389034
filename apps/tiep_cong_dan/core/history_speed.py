"""django-simple-history builds its manager class anew each time a model's history is
looked up (`HistoryDescriptor.__get__` calls `from_queryset`, which walks the queryset
class with `inspect.getmembers`): once per historical record written, about a
millisecond each. The class depends only on the descriptor, so it is built once."""

from simple_history.manager import HistoryDescriptor


def _history_manager(self, instance, owner):
    manager_class = self.__dict__.get("_built_manager_class")
    if manager_class is None:
        manager_class = self.manager_class.from_queryset(self.queryset_class)
        self.__dict__["_built_manager_class"] = manager_class
    return manager_class(self.model, instance)


def install() -> None:
    HistoryDescriptor.__get__ = _history_manager
