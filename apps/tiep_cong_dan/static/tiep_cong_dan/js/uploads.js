/* The desk's file inputs (access/held_files.py).
 *
 * 1. A file larger than the server's limit is refused as soon as it is chosen, with
 *    the server's own message (data-max-bytes, data-too-large on the input): a 30 MB
 *    scan is not sent for a minute only to be refused.
 * 2. A form sending files shows the upload's progress: it is sent by XMLHttpRequest
 *    (whose upload reports progress, which a plain submit does not), and the page the
 *    server answers (the saved record, or the form with its errors) replaces this one.
 */
(function () {
  "use strict";

  function fileInputs(root) {
    return Array.prototype.slice.call(root.querySelectorAll("input[type=file]"));
  }

  function errorBox(input) {
    for (var node = input.parentElement; node; node = node.parentElement) {
      var box = node.querySelector(".tcd-file-error");
      if (box) return box;
    }
    return null;
  }

  function megabytes(bytes) {
    return (bytes / 1048576).toFixed(1).replace(".", ",");
  }

  function tooLarge(input) {
    var limit = Number(input.dataset.maxBytes);
    if (!limit) return null;
    for (var i = 0; i < (input.files || []).length; i++) {
      if (input.files[i].size > limit) return input.files[i];
    }
    return null;
  }

  function showError(input, file) {
    var box = errorBox(input);
    var text = (input.dataset.tooLarge || "")
      .replace("{name}", file.name)
      .replace("{size}", megabytes(file.size));
    input.value = "";
    input.setAttribute("aria-invalid", "true");
    // The theme shows the chosen name in a text box beside the input: reset it.
    var shown = input.closest("label") && input.closest("label").querySelector("input[type=text]");
    if (shown) shown.value = shown.defaultValue;
    if (box) {
      box.textContent = text;
      box.hidden = false;
    } else {
      window.alert(text);
    }
  }

  function clearError(input) {
    var box = errorBox(input);
    input.removeAttribute("aria-invalid");
    if (box) {
      box.textContent = "";
      box.hidden = true;
    }
  }

  // Bubbling, so the theme's own listener on the input (which shows the name) runs first.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "file" || !input.dataset.maxBytes) {
      return;
    }
    var big = tooLarge(input);
    if (big) showError(input, big);
    else clearError(input);
  });

  function progressBar(form) {
    var box = document.createElement("div");
    box.className = "tcd-upload-progress";
    box.setAttribute("role", "status");
    box.style.cssText =
      "position:fixed;left:50%;top:16px;transform:translateX(-50%);z-index:1000;" +
      "background:#fff;border:1px solid #cbd5e1;border-radius:8px;padding:10px 14px;" +
      "box-shadow:0 4px 16px rgba(0,0,0,.15);min-width:320px;font-size:14px;color:#0f172a";
    var label = document.createElement("div");
    var track = document.createElement("progress");
    track.max = 100;
    track.value = 0;
    track.style.cssText = "width:100%;height:12px;margin-top:6px";
    box.appendChild(label);
    box.appendChild(track);
    document.body.appendChild(box);
    function say(percent) {
      label.textContent = (document.documentElement.lang || "vi").indexOf("vi") === 0
        ? "Đang tải tệp lên… " + percent + "%"
        : "Uploading… " + percent + "%";
    }
    say(0);
    return {
      update: function (share) {
        var percent = Math.floor(share * 100);
        track.value = percent;
        say(percent);
      },
      done: function () {
        label.textContent = (document.documentElement.lang || "vi").indexOf("vi") === 0
          ? "Đã tải lên, đang lưu…"
          : "Uploaded, saving…";
        track.removeAttribute("value");
      },
      fail: function (text) {
        label.textContent = text;
        box.style.borderColor = "#b91c1c";
        track.remove();
      },
    };
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || (form.method || "").toLowerCase() !== "post") return;
    if (!window.FormData || !window.XMLHttpRequest) return;
    var inputs = fileInputs(form);
    var chosen = inputs.filter(function (input) { return input.files && input.files.length; });
    for (var i = 0; i < chosen.length; i++) {
      var big = tooLarge(chosen[i]);
      if (big) {
        event.preventDefault();
        showError(chosen[i], big);
        chosen[i].focus();
        return;
      }
    }
    if (!chosen.length) return; // nothing to upload: an ordinary submit
    event.preventDefault();
    var data = new FormData(form);
    var submitter = event.submitter;
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    var bar = progressBar(form);
    var request = new XMLHttpRequest();
    request.open("POST", form.action || window.location.href);
    request.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) bar.update(e.loaded / e.total);
    });
    request.upload.addEventListener("load", bar.done);
    request.addEventListener("load", function () {
      // The server's answer (after a redirect, the saved record's page) becomes the page.
      var url = request.responseURL || window.location.href;
      document.open();
      document.write(request.responseText);
      document.close();
      if (url !== window.location.href) window.history.replaceState(null, "", url);
    });
    request.addEventListener("error", function () {
      bar.fail(
        (document.documentElement.lang || "vi").indexOf("vi") === 0
          ? "Không gửi được tệp: kiểm tra kết nối mạng rồi bấm lưu lại."
          : "The file could not be sent: check the connection and save again."
      );
    });
    request.send(data);
  });
})();
