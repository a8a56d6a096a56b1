// Progressive enhancement only: every page works without this file. Loaded from the portal itself
// (CSP script-src 'self'); no inline script anywhere.
(function () {
  "use strict";

  // Move focus to an error summary so keyboard and screen-reader users hear what went wrong.
  var summary = document.querySelector("[data-focus-on-load]");
  if (summary) { summary.focus(); }

  // One submission per form: a second click while the first is on its way does nothing.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset.submitting === "true") { event.preventDefault(); return; }
    if (form.method && form.method.toLowerCase() === "post") { form.dataset.submitting = "true"; }
  });

  // Back from another page (the browser's page cache): the forms may be sent again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-submitting]").forEach(function (form) { delete form.dataset.submitting; });
  });

  // The print button of the printable licence.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // Live status: ask the portal for the same fragment again and swap it in when its state changed.
  function watch(region) {
    var interval = Math.max(1, parseInt(region.dataset.liveInterval || "3", 10)) * 1000;
    var timer = window.setTimeout(function poll() {
      fetch(region.dataset.liveSrc, { credentials: "same-origin", headers: { "Accept": "text/html" } })
        .then(function (response) {
          if (!response.ok || response.redirected) { throw new Error("stop"); }
          return response.text();
        })
        .then(function (html) {
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var fresh = holder.querySelector("[data-live-src]");
          if (!fresh) { throw new Error("stop"); }
          if (fresh.dataset.liveState !== region.dataset.liveState) {
            region.replaceWith(fresh);
            region = fresh;
          }
          if (region.dataset.liveSettled !== "true") { timer = window.setTimeout(poll, interval); }
        })
        .catch(function () { /* signed out or offline: a reload shows the current state */ });
    }, interval);
    return timer;
  }
  document.querySelectorAll("[data-live-src]").forEach(function (region) {
    if (region.dataset.liveSettled !== "true") { watch(region); }
  });

  // Activity search: results appear while typing (the Search button does the same without script).
  var search = document.querySelector("[data-activity-search]");
  var results = document.getElementById("activity-results");
  if (search && results) {
    var pending;
    search.addEventListener("input", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(function () {
        var url = new URL(search.dataset.activitySearch, window.location.origin);
        url.searchParams.set("q", search.value);
        results.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
          url.searchParams.append("selected", box.value);
        });
        fetch(url, { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.text() : Promise.reject(); })
          .then(function (html) { results.innerHTML = html; })
          .catch(function () { /* the Search button still works */ });
      }, 250);
    });
    search.addEventListener("keydown", function (event) {
      // Enter in the search box searches; it must not submit the registration.
      if (event.key === "Enter") { event.preventDefault(); search.dispatchEvent(new Event("input")); }
    });
  }
})();
