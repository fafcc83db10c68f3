/* factcheck review page: accept/dismiss controls on every finding of the HTML report.
   Finds findings by [data-fingerprint] (the renderer's contract), posts decisions to the
   service's API on the same origin, and shows who decided what, when and why. No network
   beyond the service, no globals, no eval, no inline handlers (the page's CSP forbids them). */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="factcheck-article"]');
  if (!meta) { return; }
  var article = meta.getAttribute("content");
  var api = new URL("../v1/articles/" + encodeURIComponent(article) + "/decisions", location.href).toString();
  var BY = "factcheck-review-by";
  var findings = {};

  function remembered() {
    try { return window.localStorage.getItem(BY) || ""; } catch (e) { return ""; }
  }
  function remember(name) {
    try { window.localStorage.setItem(BY, name); } catch (e) { /* private mode */ }
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function show(item, decision) {
    var box = item.querySelector(".fc-decision");
    if (!box) { box = el("p", "fc-decision"); item.appendChild(box); }
    var verb = decision.decision === "dismiss" ? "Dismissed" : "Accepted";
    box.textContent = "";
    box.appendChild(el("strong", "fc-verb", verb));
    box.appendChild(document.createTextNode(" by "));
    box.appendChild(el("span", "fc-by", decision.by));
    box.appendChild(document.createTextNode(" on " + String(decision.at).slice(0, 10) + ": "));
    box.appendChild(el("span", "fc-reason", decision.reason));
    item.setAttribute("data-decision", decision.decision);
  }

  function post(item, action, reasonBox, byBox, note) {
    var reason = reasonBox.value.trim();
    var by = byBox.value.trim();
    if (!reason || !by) {
      note.textContent = "Give a reason and your name.";
      (reason ? byBox : reasonBox).focus();
      return;
    }
    note.textContent = "Saving…";
    var body = JSON.stringify({
      fingerprint: item.getAttribute("data-fingerprint"), action: action, reason: reason, by: by
    });
    fetch(api, {
      method: "POST", credentials: "same-origin", body: body,
      headers: {"Content-Type": "application/json", "Accept": "application/json"}
    }).then(function (response) {
      return response.json().then(function (data) { return {ok: response.ok, data: data}; });
    }).then(function (answer) {
      if (!answer.ok) {
        var detail = answer.data && answer.data.detail;
        note.textContent = "Not saved: " + (typeof detail === "string" ? detail : "the service refused it.");
        return;
      }
      remember(by);
      reasonBox.value = "";
      show(item, answer.data);
      note.textContent = "Saved.";
    }).catch(function () {
      note.textContent = "Not saved: the service did not answer.";
    });
  }

  function controls(item) {
    var fingerprint = item.getAttribute("data-fingerprint");
    if (!fingerprint || item.getAttribute("data-status") === "supported") { return; }
    findings[fingerprint] = item;
    var form = el("form", "fc-review");
    form.setAttribute("aria-label", "Review this finding");
    var reason = el("input", "fc-reason-input");
    reason.type = "text";
    reason.name = "reason";
    reason.placeholder = "Reason";
    reason.setAttribute("aria-label", "Reason");
    var by = el("input", "fc-by-input");
    by.type = "text";
    by.name = "by";
    by.placeholder = "Your name";
    by.setAttribute("aria-label", "Your name");
    by.value = remembered();
    var accept = el("button", "fc-accept", "Accept");
    accept.type = "button";
    accept.title = "Right, and fine to publish as is";
    var dismiss = el("button", "fc-dismiss", "Dismiss");
    dismiss.type = "button";
    dismiss.title = "The finding is wrong";
    var note = el("span", "fc-note");
    note.setAttribute("role", "status");
    accept.addEventListener("click", function () { post(item, "accept", reason, by, note); });
    dismiss.addEventListener("click", function () { post(item, "dismiss", reason, by, note); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.appendChild(reason);
    form.appendChild(by);
    form.appendChild(accept);
    form.appendChild(dismiss);
    form.appendChild(note);
    item.appendChild(form);
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-fingerprint]"), controls);
  document.documentElement.classList.add("fc-review-ready");

  fetch(api, {credentials: "same-origin", headers: {"Accept": "application/json"}})
    .then(function (response) { return response.ok ? response.json() : {decisions: []}; })
    .then(function (data) {
      (data.decisions || []).forEach(function (decision) {
        var item = findings[decision.fingerprint];
        if (item) { show(item, decision); }
      });
    })
    .catch(function () { /* the report itself still shows "suppressed: dismissed by ..." */ });
})();
