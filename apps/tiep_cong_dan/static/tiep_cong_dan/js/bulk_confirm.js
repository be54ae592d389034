/* Every list's bulk action asks first: "Thực hiện «…» cho 3 dòng đã chọn?". The theme
   runs the chosen action as soon as its button is pressed; a step applied to many
   documents at once is not undone. Django's own deletion asks on its own page. */
(function () {
  "use strict";
  var WORDS = {
    vi: function (label, count, all) {
      return "Thực hiện «" + label + "» cho " + (all ? "tất cả " : "") + count +
        " dòng đã chọn?";
    },
    en: function (label, count, all) {
      return "Run “" + label + "” on " + (all ? "all " : "") + count + " selected rows?";
    },
  };
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || form.id !== "changelist-form") return;
    var button = event.submitter;
    if (!button || button.name !== "index") return; // a list's inline edits, not an action
    var select = form.querySelector("select[name=action]");
    if (!select || !select.value || select.value === "delete_selected") return;
    var across = form.querySelector("input[name=select_across]");
    var all = across && across.value === "1";
    var count = all
      ? (form.querySelector(".action-counter") || {}).dataset.actionsIcnt ||
        form.querySelectorAll("input.action-select").length
      : form.querySelectorAll("input.action-select:checked").length;
    var label = select.options[select.selectedIndex].text.trim();
    var lang = (document.documentElement.lang || "vi").slice(0, 2);
    if (!window.confirm((WORDS[lang] || WORDS.vi)(label, count, all))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
})();
