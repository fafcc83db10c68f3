/* factcheck HTML report: open a statement's verdicts (click, or Tab then Enter/Space; Escape
   closes) and filter statements by status and verifier. No network, no globals, no eval. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  function cardOf(mark) { return document.getElementById(mark.getAttribute("aria-controls")); }
  function markOf(card) { return document.getElementById(card.getAttribute("data-for")); }

  function closeCard(card) {
    card.classList.remove("open");
    var mark = markOf(card);
    if (mark) { mark.setAttribute("aria-expanded", "false"); mark.classList.remove("current"); }
    var article = card.closest(".article");
    if (article && !article.querySelector(".card.open")) {
      var hint = article.querySelector(".hint");
      if (hint) { hint.hidden = false; }
    }
  }

  function openCard(mark) {
    var card = cardOf(mark);
    if (!card || mark.classList.contains("off")) { return; }
    var article = mark.closest(".article");
    Array.prototype.forEach.call(article.querySelectorAll(".card.open"), closeCard);
    card.classList.add("open");
    mark.setAttribute("aria-expanded", "true");
    mark.classList.add("current");
    var hint = article.querySelector(".hint");
    if (hint) { hint.hidden = true; }
  }

  function toggle(mark) {
    var card = cardOf(mark);
    if (card && card.classList.contains("open")) { closeCard(card); } else { openCard(mark); }
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    var mark = target.closest("mark.st");
    if (mark) { toggle(mark); return; }
    var close = target.closest(".card .close");
    if (close) {
      var card = close.closest(".card");
      var owner = markOf(card);
      closeCard(card);
      if (owner) { owner.focus(); }
      return;
    }
    var go = target.closest("button.goto");
    if (go) {
      var goal = document.getElementById(go.getAttribute("data-target"));
      if (goal) { openCard(goal); goal.focus(); goal.scrollIntoView({block: "center"}); }
    }
  });

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    if ((event.key === "Enter" || event.key === " ") && target.matches("mark.st")) {
      event.preventDefault();
      toggle(target);
    } else if (event.key === "Escape") {
      var open = document.querySelectorAll(".card.open");
      Array.prototype.forEach.call(open, function (card) {
        var owner = markOf(card);
        closeCard(card);
        if (owner && target.closest(".article") === owner.closest(".article")) { owner.focus(); }
      });
    }
  });

  function checked(kind) {
    var on = {};
    var boxes = document.querySelectorAll('input[data-filter="' + kind + '"]');
    Array.prototype.forEach.call(boxes, function (box) { on[box.value] = box.checked; });
    return on;
  }

  function apply() {
    var statuses = checked("status");
    var verifiers = checked("verifier");
    var suppressedBox = document.querySelector('input[data-filter="suppressed"]');
    var showSuppressed = !suppressedBox || suppressedBox.checked;
    var marks = document.querySelectorAll("mark.st");
    var shown = 0;
    Array.prototype.forEach.call(marks, function (mark) {
      var names = (mark.getAttribute("data-verifiers") || "").split(" ").filter(Boolean);
      var byVerifier = names.length === 0 || names.some(function (n) { return verifiers[n] !== false; });
      var on = statuses[mark.getAttribute("data-status")] !== false && byVerifier;
      mark.classList.toggle("off", !on);
      mark.tabIndex = on ? 0 : -1;
      mark.setAttribute("aria-disabled", on ? "false" : "true");
      var row = mark.closest("li.stmt");
      if (row) { row.hidden = !on; }
      if (!on) { var card = cardOf(mark); if (card && card.classList.contains("open")) { closeCard(card); } }
      if (on) { shown += 1; }
    });
    Array.prototype.forEach.call(document.querySelectorAll("li.verdict"), function (item) {
      var suppressed = item.classList.contains("suppressed");
      item.hidden = verifiers[item.getAttribute("data-verifier")] === false || (suppressed && !showSuppressed);
    });
    var counter = document.getElementById("shown-count");
    if (counter) { counter.textContent = shown + " of " + marks.length + " statements highlighted"; }
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-filter]"), function (box) {
    box.addEventListener("change", apply);
  });
  apply();
})();
