// Progressive enhancement only: every page works without this file. Loaded from the portal itself
// (CSP script-src 'self'); no inline script anywhere.
(function () {
  "use strict";

  // Move focus to an error summary so keyboard and screen-reader users hear what went wrong.
  var summary = document.querySelector("[data-focus-on-load]");
  if (summary) { summary.focus(); }

  // A file larger than the upload pages take is refused before it is sent (the server says the same words for
  // anything it receives); the field shows why, as the server would.
  function fileTooLarge(form) {
    var refused = false;
    form.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
      var limit = parseInt(input.dataset.maxBytes, 10);
      var tooLarge = Array.prototype.some.call(input.files || [], function (file) { return file.size > limit; });
      if (!tooLarge) { return; }
      refused = true;
      var field = input.closest("[data-file-field]");
      var message = field.querySelector(".error-message");
      if (!message) {
        message = document.createElement("p");
        message.className = "error-message";
        message.id = input.id + "-error";
        field.insertBefore(message, input);
      }
      var prefix = document.createElement("span");
      prefix.className = "visually-hidden";
      prefix.textContent = input.dataset.errorPrefix;
      message.replaceChildren(prefix, document.createTextNode(" " + input.dataset.tooLarge));
      field.classList.add("field--error");
      input.setAttribute("aria-invalid", "true");
      var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (described.indexOf(message.id) < 0) { described.push(message.id); input.setAttribute("aria-describedby", described.join(" ")); }
      input.focus();
    });
    return refused;
  }

  // One submission per form: a second click while the first is on its way does nothing.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (fileTooLarge(form)) { event.preventDefault(); return; }
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

  // Live status. The portal relays the suite's event stream for the signed-in person (data-live-stream): each
  // "changed" event names an application, and a page showing it fetches the status fragment once and swaps it in
  // when its state moved on. The event can arrive a moment before the application shows the change, so an
  // unchanged answer is asked again shortly. Without EventSource, or when the stream is refused (204) or keeps
  // failing, the page asks at intervals.
  //
  // One stream per browser, not one per tab. Over HTTP/1.1 a browser opens at most six connections to a host and an
  // event stream holds one for as long as its page is open, so with six application pages open a seventh portal
  // page would never load (HTTP/2 has no such limit, but a local run and many proxies speak HTTP/1.1). The person's
  // pages share one: the page holding a Web Lock opens it and passes what it hears to the others on a
  // BroadcastChannel; when that page goes, the browser gives the lock to another, which opens the stream again and
  // tells the others to catch up. Browsers without both open a stream per page, as before.
  var hubs = {};

  function liveHub(url, scope) {
    var key = url + "|" + scope;
    if (hubs[key]) { return hubs[key]; }
    var listeners = [], channel = null, stream = null, holder = false, state = "connecting";
    var name = "g2b-live:" + scope;

    function tell(message) { listeners.slice().forEach(function (listener) { listener(message); }); }
    function announce(message) { if (channel) { channel.postMessage(message); } tell(message); }

    function open() {
      holder = true;
      state = "connecting";
      document.documentElement.dataset.liveHolder = "true";
      var failures = 0;
      stream = new EventSource(url);
      // Opened (or reopened): whatever happened while no stream was listening is caught up once.
      stream.addEventListener("open", function () { failures = 0; state = "open"; announce({ kind: "open" }); });
      stream.addEventListener("changed", function (event) { announce({ kind: "changed", id: event.data }); });
      stream.addEventListener("error", function () {
        failures += 1;
        if (stream && (stream.readyState === EventSource.CLOSED || failures >= 3)) {
          stream.close();
          stream = null;
          state = "down";
          announce({ kind: "down" });
          // Tried again in a minute; meanwhile the pages ask at intervals, and a stream that opens stops that.
          window.setTimeout(function () { if (channel || listeners.length > 0) { open(); } }, 60000);
        }
      });
    }

    var hub = {
      listen: function (listener) { listeners.push(listener); },
      leave: function (listener) {
        listeners = listeners.filter(function (l) { return l !== listener; });
        // A page's own stream ends with its last listener; a shared one stays for the other pages.
        if (!channel && listeners.length === 0 && stream) { stream.close(); stream = null; }
      }
    };

    if (window.BroadcastChannel && navigator.locks && navigator.locks.request) {
      channel = new BroadcastChannel(name);
      channel.addEventListener("message", function (event) {
        var message = event.data || {};
        // A page that has just opened asks how the stream is; only the holder answers (nothing while it connects:
        // its "open" follows).
        if (message.kind === "hello") {
          if (holder && state !== "connecting") { channel.postMessage({ kind: state }); }
          return;
        }
        tell(message);
      });
      // Held until this page goes away: the promise never settles.
      navigator.locks.request(name, function () { open(); return new Promise(function () {}); });
      channel.postMessage({ kind: "hello" });
    } else {
      open();
    }

    hubs[key] = hub;
    return hub;
  }

  function live(region) {
    var interval = Math.max(1, parseInt(region.dataset.liveInterval || "3", 10)) * 1000;
    var id = region.dataset.liveId;
    var hub = null, timer = null;

    function settled() { return region.dataset.liveSettled === "true"; }

    function stop() {
      if (hub) { hub.leave(hear); hub = null; }
      if (timer) { window.clearTimeout(timer); timer = null; }
    }

    // One look at the fragment; calls back with true when it changed.
    function refresh(done) {
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
          var changed = fresh.dataset.liveState !== region.dataset.liveState;
          if (changed) { region.replaceWith(fresh); region = fresh; }
          if (settled()) { stop(); }
          done(changed);
        })
        .catch(function () { stop(); /* signed out or offline: a reload shows the current state */ });
    }

    function poll() {
      if (timer) { window.clearTimeout(timer); }
      timer = window.setTimeout(function () {
        refresh(function () { if (!settled()) { poll(); } });
      }, interval);
    }

    // After an event: look now, and again a few times while the application has not caught up.
    function follow(attempt) {
      if (timer) { window.clearTimeout(timer); timer = null; }
      refresh(function (changed) {
        if (!changed && !settled() && attempt < 5) {
          timer = window.setTimeout(function () { follow(attempt + 1); }, 200 * Math.pow(2, attempt));
        }
      });
    }

    function hear(message) {
      if (message.kind === "open" || (message.kind === "changed" && message.id === id)) { follow(0); }
      else if (message.kind === "down" && !settled()) { poll(); }
    }

    if (!window.EventSource || !region.dataset.liveStream || !id) { poll(); return; }
    hub = liveHub(region.dataset.liveStream, region.dataset.liveScope || "");
    hub.listen(hear);
  }
  document.querySelectorAll("[data-live-src]").forEach(function (region) {
    if (region.dataset.liveSettled !== "true") { live(region); }
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
