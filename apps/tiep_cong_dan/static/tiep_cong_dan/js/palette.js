// The command palette: Ctrl+K (⌘K) or the header's button opens it on every desk page;
// it asks /desk/search/json/ (the same groups as the search page, each type's rows
// within the user's rule) as the user types. Enter opens the chosen row, Esc closes.
(function () {
  "use strict";
  var JSON_URL = "/desk/search/json/";
  var PAGE_URL = "/desk/search/";
  var vi = (document.documentElement.lang || "vi").indexOf("vi") === 0;
  var T = vi
    ? { open: "Tìm kiếm (Ctrl+K)", hint: "Số đăng ký, số thông báo, họ tên, số giấy tờ, ngày kỳ tiếp, cơ quan…",
        none: "Không tìm thấy hồ sơ nào bạn được xem.", all: "Xem tất cả kết quả", wait: "Đang tìm…",
        error: "Không tìm được, xin thử lại." }
    : { open: "Search (Ctrl+K)", hint: "Registration number, notice number, name, ID number, session date, agency…",
        none: "Nothing found among the records you may see.", all: "See all results", wait: "Searching…",
        error: "The search failed, try again." };
  var dialog, input, list, timer, rows = [], current = -1, asked = 0;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function build() {
    dialog = el("div", "tcd-palette");
    dialog.id = "tcd-palette";
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-modal", "true");
    dialog.hidden = true;
    var box = el("div", "tcd-palette-box");
    input = el("input", "tcd-palette-input");
    input.type = "search";
    input.maxLength = 100;
    input.placeholder = T.hint;
    input.setAttribute("aria-label", T.open);
    list = el("div", "tcd-palette-results");
    list.setAttribute("role", "listbox");
    box.appendChild(input);
    box.appendChild(list);
    dialog.appendChild(box);
    dialog.addEventListener("click", function (e) { if (e.target === dialog) close(); });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 180);
    });
    input.addEventListener("keydown", keys);
    document.body.appendChild(dialog);

    var button = el("button", "tcd-palette-button", T.open);
    button.type = "button";
    button.id = "tcd-palette-open";
    button.addEventListener("click", open);
    var header = document.querySelector("#header-inner > div") || document.querySelector("#header-inner");
    if (header) header.insertBefore(button, header.firstChild);
    else { button.classList.add("tcd-palette-floating"); document.body.appendChild(button); }
  }

  function open() {
    dialog.hidden = false;
    input.focus();
    input.select();
  }

  function close() { dialog.hidden = true; }

  function choose(index) {
    var links = list.querySelectorAll("a.tcd-palette-row");
    links.forEach(function (a, i) { a.classList.toggle("is-current", i === index); });
    current = index;
    if (links[index]) links[index].scrollIntoView({ block: "nearest" });
  }

  function keys(e) {
    var links = list.querySelectorAll("a.tcd-palette-row");
    if (e.key === "Escape") { e.preventDefault(); close(); }
    else if (e.key === "ArrowDown") { e.preventDefault(); choose(Math.min(current + 1, links.length - 1)); }
    else if (e.key === "ArrowUp") { e.preventDefault(); choose(Math.max(current - 1, 0)); }
    else if (e.key === "Enter") {
      e.preventDefault();
      if (links[current >= 0 ? current : 0]) window.location = links[current >= 0 ? current : 0].href;
      else if (input.value.trim()) window.location = PAGE_URL + "?q=" + encodeURIComponent(input.value.trim());
    }
  }

  function show(data, term) {
    list.textContent = "";
    current = -1;
    if (data.error) { list.appendChild(el("p", "tcd-palette-note", data.error)); return; }
    if (!data.groups.length) { list.appendChild(el("p", "tcd-palette-note", T.none)); return; }
    data.groups.forEach(function (group) {
      var section = el("section", "tcd-palette-group");
      section.setAttribute("data-model", group.model);
      section.appendChild(el("h3", null, group.title));
      group.rows.forEach(function (row) {
        var a = el("a", "tcd-palette-row");
        a.href = row.url;
        a.setAttribute("role", "option");
        a.appendChild(el("strong", null, row.label));
        if (row.detail) a.appendChild(el("span", null, row.detail));
        section.appendChild(a);
      });
      list.appendChild(section);
    });
    var all = el("a", "tcd-palette-all", T.all + " ›");
    all.href = PAGE_URL + "?q=" + encodeURIComponent(term);
    list.appendChild(all);
  }

  function ask() {
    var term = input.value.trim();
    if (!term) { list.textContent = ""; return; }
    var mine = ++asked;
    list.setAttribute("aria-busy", "true");
    fetch(JSON_URL + "?q=" + encodeURIComponent(term), {
      credentials: "same-origin", headers: { Accept: "application/json" }
    })
      .then(function (r) { return r.json(); })
      .then(function (data) { if (mine === asked) show(data, term); })
      .catch(function () { if (mine === asked) { list.textContent = ""; list.appendChild(el("p", "tcd-palette-note", T.error)); } })
      .finally(function () { list.removeAttribute("aria-busy"); });
  }

  document.addEventListener("keydown", function (e) {
    if ((e.ctrlKey || e.metaKey) && (e.key === "k" || e.key === "K")) {
      e.preventDefault();
      if (dialog.hidden) open(); else close();
    }
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", build);
  else build();
})();
