"use strict";
// The pickers of a dated form (a petition's unit and agencies) offer first what was in
// force on the form's date: each suggestion request carries that date as `on`.
{
  const $ = window.django && window.django.jQuery;
  if ($) {
    $.ajaxPrefilter((options) => {
      const day = document.getElementById("id_received_date");
      if (!day || !day.value || !options.url || !options.url.includes("/autocomplete/")) {
        return;
      }
      const on = "on=" + encodeURIComponent(day.value);
      options.url += (options.url.includes("?") ? "&" : "?") + on;
    });
  }
}
